"""Rules on the dictionary value itself: `""` keeps the form, a value that is no pronoun form is
written as is.
"""
from __future__ import annotations

from ..grammar import is_possessive_pronoun, pronoun_case
from .edits import Capitalise, Replace, Verdict
from .state import State
from .tokens import Mention, Unit


def _standard(state: State, value: str) -> bool:
    return pronoun_case(state.person, value) is not None or is_possessive_pronoun(state.person, value)


def keep_empty_value(unit: Unit, m: Mention, state: State) -> list[Verdict] | None:
    """"" in the dictionary: this form stays as written."""
    if m.value:
        return None
    return [Verdict(keep_empty_value, m.key)]


def write_literal_value(unit: Unit, m: Mention, state: State) -> list[Verdict] | None:
    """A value that is not a pronoun form of this person is written as is (capitalised where it
    begins a sentence); no other rule touches it."""
    if _standard(state, m.value):
        return None
    return [Verdict(write_literal_value, f"{m.key} → {m.value}",
                    (Replace(m.name_first, m.last, m.value), Capitalise(m.name_first)))]
