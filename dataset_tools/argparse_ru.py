"""argparse's own lines (usage, help headings, its errors) in Russian, for the user's commands.

    from dataset_tools.argparse_ru import russian_argparse
    russian_argparse()          # before building the parser: `--help` and bad flags speak Russian
    parser = russian_parser(prog="model_train_gpt2.py", description="…")   # the same, in one call

argparse translates through gettext, and Python ships no Russian catalogue for it; this fills in
its messages (Python 3.10-3.13) from one table. Flag names, values and `prog` stay as they are.
"""
from __future__ import annotations

import argparse

MESSAGES = {
    "usage: ": "использование: ",
    "positional arguments": "позиционные аргументы",
    "options": "параметры",
    "optional arguments": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "the following arguments are required: %s": "не хватает обязательных аргументов: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "недопустимое значение: %(value)r (выберите из %(choices)s)",
    "invalid %(type)s value: %(value)r": "недопустимое значение (%(type)s): %(value)r",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "expected one argument": "нужно одно значение",
    "expected at most one argument": "нужно не больше одного значения",
    "expected at least one argument": "нужно хотя бы одно значение",
    "not allowed with argument %s": "нельзя вместе с аргументом %s",
    "one of the arguments %s is required": "нужен один из аргументов %s",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный параметр: %(option)s — это может быть %(matches)s",
    "ignored explicit argument %r": "лишнее значение %r",
}
PLURALS = {("expected %s argument", "expected %s arguments"): "нужно значений: %s"}


def _translate(message: str) -> str:
    return MESSAGES.get(message, message)


def _ntranslate(singular: str, plural: str, n: int) -> str:
    return PLURALS.get((singular, plural), singular if n == 1 else plural)


def russian_argparse() -> None:
    """Make argparse speak Russian in this process (idempotent)."""
    argparse._ = _translate
    if hasattr(argparse, "ngettext"):
        argparse.ngettext = _ntranslate


def russian_parser(**kwargs) -> argparse.ArgumentParser:
    """An `argparse.ArgumentParser` whose own lines are Russian (see `russian_argparse`)."""
    russian_argparse()
    return argparse.ArgumentParser(**kwargs)
