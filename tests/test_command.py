"""The pieces every entry point shares: the error wrapper, the dialogue grouper, the options."""
from __future__ import annotations

import pytest

from dataset_tools.cli import make_parser
from dataset_tools.command import INSTALL_HINT, run_command
from dataset_tools.formats import dialogue_lines, read_dialogues
from dataset_tools.options import Options
from dataset_tools.textio import UserError


def fails_with(error: BaseException):
    def work():
        raise error
    return work


@pytest.mark.parametrize("work, code, line", [
    (lambda: 0, 0, None),
    (lambda: None, 0, None),
    (fails_with(UserError("book.txt:3: нет тире; поставьте тире")), 2, "ошибка: book.txt:3: нет тире; поставьте тире"),
    (fails_with(ModuleNotFoundError("No module named 'natasha'", name="natasha")), 2, "пакет natasha не установлен"),
    (fails_with(KeyboardInterrupt()), 130, "прервано: out.txt не записан"),
])
def test_run_command_turns_expected_failures_into_one_line_and_a_code(work, code, line):
    said = []
    assert run_command(work, interrupted="прервано: out.txt не записан", say=said.append) == code
    assert len(said) == (0 if line is None else 1)
    if line:
        assert line in said[0]
    if "не установлен" in (line or ""):
        assert INSTALL_HINT in said[0]


def test_run_command_lets_bugs_through():
    with pytest.raises(ZeroDivisionError):
        run_command(lambda: 1 / 0, say=lambda line: None)


def test_interrupted_message_may_be_computed_when_it_happens():
    said = []
    assert run_command(fails_with(KeyboardInterrupt()), interrupted=lambda: "последний чекпойнт — 500",
                       say=said.append) == 130
    assert said == ["последний чекпойнт — 500"]


@pytest.mark.parametrize("text, dialogues", [
    ("a\nb\n\nc\n", [["a", "b"], ["c"]]),
    ("\n\na\n\n\n\nb", [["a"], ["b"]]),  # several empty lines are one separator
    ("a\n  \nb\n", [["a"], ["b"]]),  # a line of spaces is empty
    ("", []),
])
def test_one_dialogue_grouper(text, dialogues):
    assert read_dialogues(text.split("\n")) == dialogues


def test_grouper_is_lazy_and_numbers_lines():
    """A chat answers each line as it comes: the grouper must not read ahead."""
    def lines():
        yield "Привет!"
        yield ""
        raise AssertionError("read past the line being answered")

    first = next(dialogue_lines(lines()))
    assert first == (1, True, "Привет!")
    got = list(dialogue_lines(["x", "/new", "y", "z"], separator=lambda t: not t or t == "/new"))
    assert got == [(1, True, "x"), (3, True, "y"), (4, False, "z")]


def test_cli_defaults_are_the_options_defaults():
    assert Options.from_namespace(make_parser().parse_args(["book.txt"])) == Options()
    args = make_parser().parse_args(["book.txt", "--max-gap", "3", "--no-join-lines", "-q"])
    assert Options.from_namespace(args) == Options(max_gap=3, join=False, quiet=True)
