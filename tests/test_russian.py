"""One language for the user (issue 11 §6): --help and argparse's own errors of the dataset CLI,
make_alpaca.py and chat.py are Russian; flags, file names and identifiers stay as written."""
import re

import pytest

import chat
import make_alpaca
from dataset_tools import cli

PARSERS = {"dataset_tools": cli.make_parser, "make_alpaca.py": make_alpaca.make_parser, "chat.py": chat.make_parser}
# Two English words in a row, outside flags, file names and `code`: an untranslated phrase.
ENGLISH_PHRASE = re.compile(r"(?<![-\w./<`])[A-Za-z]{3,} [a-z]{3,}\b(?![-\w./>`(])")
ALLOWED = {"nucleus sampling", "chat template"}  # terms a Russian user knows in English


@pytest.mark.parametrize("name", PARSERS)
def test_help_is_russian(name):
    text = PARSERS[name]().format_help()
    assert text.startswith("использование: ") and "показать эту справку и выйти" in text
    phrases = {m.group(0) for m in ENGLISH_PHRASE.finditer(text)} - ALLOWED
    phrases = {p for p in phrases if not p.isupper() and "_" not in p}
    assert not phrases, phrases


@pytest.mark.parametrize("name, argv, message", [
    ("dataset_tools", ["--from", "nope", "book.txt"], "аргумент --from: недопустимое значение: 'nope'"),
    ("make_alpaca.py", [], "не хватает обязательных аргументов: raw_dialogs, output"),
    ("chat.py", ["finetune", "--top-k", "много"], "аргумент --top-k: недопустимое значение (int): 'много'"),
])
def test_argparse_errors_are_russian(capsys, name, argv, message):
    with pytest.raises(SystemExit) as exit_:
        PARSERS[name]().parse_args(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and ": ошибка: " in err and message in err, err
