"""Verdicts and the one place they are carried out on the tokens.

A rule never edits the tokens: it returns a `Verdict` — which rule decided, what it did (the
line `--debug-rules` prints) and the edits that follows from it. `apply` makes the edits, in
order, and notes the verdict for the trace; nothing else in the package changes a token.

    Verdict(pronoun_in_case, "Вася → я (nomn)", (Replace(0, 0, "я"),), case="nomn")
    Verdict(keep_empty_value, "Вася")                      # keeps the text: no edits
    Verdict(remove_address, "Вася (with its comma)", (Delete(0, 1), Capitalise(2)))
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .state import State
from .tokens import Unit, _capitalise, after_speech_colon, at_sentence_start


@dataclass(frozen=True)
class Replace:
    """Token `first` reads `text`; the tokens after it up to `last` go (`Иван Петрович` -> `я`)."""

    first: int
    last: int
    text: str


@dataclass(frozen=True)
class Delete:
    """Tokens `first` … `last` go (an address and its comma)."""

    first: int
    last: int


@dataclass(frozen=True)
class Capitalise:
    """A capital first letter for token `index` if it begins a sentence once the edits before
    this one are made (`Вася, иди!` -> `Иди!`)."""

    index: int


@dataclass(frozen=True)
class Prefix:
    """A word written before token `index` (`книга Маши` -> `моя книга`: `моя` before `книга`)."""

    index: int
    text: str


@dataclass(frozen=True)
class Space:
    """Token `index` takes `ws` as the space before it (the space of a word dropped before it)."""

    index: int
    ws: str


@dataclass(frozen=True)
class AgreeAfterRemark:
    """The first word of segment `segment` (speech after a remark) agrees with the new subject:
    `Иван Игнатьич (сказал он) одобряет…`; done on the rendered text (lines.py)."""

    segment: int


Edit = Replace | Delete | Capitalise | Prefix | Space | AgreeAfterRemark


@dataclass(frozen=True)
class Verdict:
    """What one rule decided about a mention (or a word next to it)."""

    rule: Callable  # the rule function itself: the trace and the stage summary count by it
    what: str  # what it did, as --debug-rules prints it; "" for a note that shows nowhere
    edits: tuple[Edit, ...] = ()  # none: the text stays as written
    case: str | None = None  # the case of the personal pronoun it wrote: the rules around it run


def apply(unit: Unit, verdicts: list[Verdict], state: State) -> None:
    """Carry out the verdicts on the unit's tokens, in order, and note each in the trace."""
    for verdict in verdicts:
        for edit in verdict.edits:
            _edit(unit, edit, state)
        if verdict.what:
            state.note(verdict.rule, verdict.what)


def _edit(unit: Unit, edit: Edit, state: State) -> None:
    toks = unit.toks
    if isinstance(edit, Replace):
        toks[edit.first].text = edit.text
        for k in range(edit.first + 1, edit.last + 1):
            toks[k].deleted = True
    elif isinstance(edit, Delete):
        for k in range(edit.first, edit.last + 1):
            toks[k].deleted = True
    elif isinstance(edit, Capitalise):
        if at_sentence_start(unit, edit.index) or after_speech_colon(unit, edit.index):
            toks[edit.index].text = _capitalise(toks[edit.index].text)
    elif isinstance(edit, Prefix):
        toks[edit.index].prefix = edit.text
    elif isinstance(edit, Space):
        toks[edit.index].ws = edit.ws
    elif isinstance(edit, AgreeAfterRemark):
        state.verbs_after_remark.append(edit.segment)
    else:
        raise TypeError(f"not an edit: {edit!r}")
