"""The name becomes я/меня/мне/мной (ты/…) in its case, and the edits right next to it: the
preposition's 1st-person form (`ко мне`) and the capital letter.
"""
from __future__ import annotations

from ..grammar import personal_pronoun, preposition_before
from .case import _preposition, mention_case
from .edits import Capitalise, Replace, Verdict
from .state import State
from .tokens import Mention, Unit, _capitalise, after_speech_colon, at_sentence_start


def pronoun_in_case(unit: Unit, m: Mention, state: State) -> list[Verdict] | None:
    """The name becomes я/меня/мне/мной (ты/тебя/тебе/тобой) in its case; then the rules around
    the pronoun run (the verdict carries the case)."""
    case = mention_case(unit, m, state)
    if case is None:
        return None
    pronoun = personal_pronoun(state.person, case)
    return [Verdict(pronoun_in_case, f"{m.key} → {pronoun} ({case})", (Replace(m.first, m.last, pronoun),),
                    case=case)]


def first_person_preposition(unit: Unit, m: Mention, case: str, state: State) -> list[Verdict]:
    """к мне -> ко мне, с мной -> со мной, о мне -> обо мне; ко тебе -> к тебе."""
    p = _preposition(unit, m)
    if p < 0:
        return []
    tok = unit.toks[p]
    new = preposition_before(tok.text, state.person, case)
    if new == tok.text:
        return []
    return [Verdict(first_person_preposition, f"{tok.text} → {new}", (Replace(p, p, new),))]


def capital_letter(unit: Unit, m: Mention, case: str, state: State) -> list[Verdict]:
    """Я at a sentence start (or a capitalised remark); inside a sentence the pronoun stays as
    written (personal_pronoun gives it in lower case); so it does after a title the author wrote
    in lower case (`его? — протоиерея Сидонского` -> `его? — меня`)."""
    if not at_sentence_start(unit, m.first) and not after_speech_colon(unit, m.first):
        return []  # (`кричит: Кузька и несет` -> `кричит: Я и несу`: speech after a colon opens with a capital)
    if m.has_title and unit.toks[m.first].written[:1].islower():
        return []  # `его? — протоиерея Сидонского...`: the author went on in lower case
    return [Verdict(capital_letter, f"{m.key} → {_capitalise(unit.toks[m.first].text)}", (Capitalise(m.first),))]
