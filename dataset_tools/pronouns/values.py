"""Rules on the dictionary value itself: `""` keeps the form, a value that is no pronoun form is
written as is.
"""
from __future__ import annotations

from ..grammar import is_possessive_pronoun, pronoun_case
from .state import State
from .tokens import Mention, Unit, _capitalise, _write_span, at_sentence_start


def _standard(state: State, value: str) -> bool:
    return pronoun_case(state.person, value) is not None or is_possessive_pronoun(state.person, value)


def keep_empty_value(unit: Unit, m: Mention, state: State) -> bool:
    """"" in the dictionary: this form stays as written."""
    if m.value:
        return False
    state.fire(keep_empty_value, m.key)
    return True


def write_literal_value(unit: Unit, m: Mention, state: State) -> bool:
    """A value that is not a pronoun form of this person is written as is (capitalised where it
    begins a sentence); no other rule touches it."""
    if _standard(state, m.value):
        return False
    value = _capitalise(m.value) if at_sentence_start(unit, m.name_first) else m.value
    _write_span(unit, m, value, first=m.name_first)
    state.fire(write_literal_value, f"{m.key} → {m.value}")
    return True
