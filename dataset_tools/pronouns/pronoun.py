"""The name becomes я/меня/мне/мной (ты/…) in its case, and the edits right next to it: the
preposition's 1st-person form (`ко мне`) and the capital letter.
"""
from __future__ import annotations

from ..grammar import personal_pronoun, preposition_before
from .case import _preposition, mention_case
from .state import State
from .tokens import Mention, Unit, _capitalise, _write_span, at_sentence_start


def pronoun_in_case(unit: Unit, m: Mention, state: State) -> bool:
    """The name becomes я/меня/мне/мной (ты/тебя/тебе/тобой) in its case; then the rules around."""
    case = mention_case(unit, m, state)
    if case is None:
        return False
    pronoun = personal_pronoun(state.person, case)
    _write_span(unit, m, pronoun)
    state.fire(pronoun_in_case, f"{m.key} → {pronoun} ({case})")
    for rule in state.around_pronoun:
        rule(unit, m, case, state)
    return True


def first_person_preposition(unit: Unit, m: Mention, case: str, state: State) -> None:
    """к мне -> ко мне, с мной -> со мной, о мне -> обо мне; ко тебе -> к тебе."""
    p = _preposition(unit, m)
    if p < 0:
        return
    tok = unit.toks[p]
    new = preposition_before(tok.text, state.person, case)
    if new != tok.text:
        state.fire(first_person_preposition, f"{tok.text} → {new}")
        tok.text = new


def capital_letter(unit: Unit, m: Mention, case: str, state: State) -> None:
    """Я at a sentence start (or a capitalised remark), я inside a sentence."""
    tok = unit.toks[m.first]
    if at_sentence_start(unit, m.first):
        tok.text = _capitalise(tok.text)
        state.fire(capital_letter, f"{m.key} → {tok.text}")
    else:
        tok.text = tok.text.lower()
