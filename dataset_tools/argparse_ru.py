"""argparse in Russian: the --help frame ("использование:", "параметры:") and the error line.

    parser = russian_parser(prog="model_train_gpt2.py", description="…")

argparse writes its own words through gettext, which has no Russian catalogue for it; the few
that every --help shows are set here. Flags, file names and the parser's own detail of an error
(e.g. "invalid float value") stay as argparse writes them.
"""
from __future__ import annotations

import argparse
import sys


class RussianHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "использование: " if prefix is None else prefix)


class RussianArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: ошибка: {message}\n")


def russian_parser(**kwargs) -> argparse.ArgumentParser:
    parser = RussianArgumentParser(formatter_class=RussianHelpFormatter, add_help=False, **kwargs)
    parser._optionals.title = "параметры"  # set by argparse from gettext ("options"), no public setter
    parser.add_argument("-h", "--help", action="help", help="показать эту справку и выйти")
    return parser
