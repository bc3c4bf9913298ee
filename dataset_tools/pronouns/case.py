"""The case a mention's pronoun takes: the dictionary value, or natasha's case in context
restricted to the cases of the form and of a preposition before it.
"""
from __future__ import annotations

from .. import nlp
from ..grammar import CASES, PREPOSITION_CASES, case_from_ud, pronoun_case, word_cases
from .mentions import _SAME_PRONOUN, _readable_cases
from .state import State
from .tokens import CLAUSE_WORDS, Mention, Tok, Unit, _finite, _is_end, _nominative_word, _prev, at_sentence_start


def _preposition(unit: Unit, m: Mention) -> int:
    j = _prev(unit, m.first)
    if j >= 0 and unit.toks[j].lower in PREPOSITION_CASES and unit.toks[j].pos not in ("INTJ", "PRON", "CCONJ"):
        return j
    return -1


def _natasha_case(unit: Unit, m: Mention) -> str | None:
    for k in range(m.name_first, m.last + 1):
        case = case_from_ud(unit.toks[k].feat("Case"))
        if case:
            return case
    return None


def mention_case(unit: Unit, m: Mention, state: State) -> str | None:
    """The case the pronoun takes: from the dictionary value, or from the context where the form
    is ambiguous (natasha's case restricted to pymorphy3's cases for the form and to the
    preposition's cases)."""
    value_case = pronoun_case(state.person, m.value)
    seen = _natasha_case(unit, m)
    if value_case is None:
        return None
    prep = _preposition(unit, m)
    governed = PREPOSITION_CASES[unit.toks[prep].lower] if prep >= 0 else None
    if not state.table.context_dependent(m.key, m.value):
        # the dictionary decides; natasha only tells gen. from acc. and dat. from loc. (same word)
        same = _SAME_PRONOUN[value_case] - {value_case}
        if governed is not None and not _SAME_PRONOUN[value_case] & governed:
            # `о m-lle Жорж` with Жорж: я — no preposition takes the nominative: read the context
            return seen if seen in governed else next(c for c in CASES if c in governed)
        return seen if seen in same else value_case
    allowed = _readable_cases(m, state.table)  # the dictionary's reading is one of them
    if m.has_title:
        title = " ".join(t.text for t in unit.toks[m.first:m.name_first] if t.is_word)
        allowed = (allowed & word_cases(title)) or allowed
    joined = _coordinated_case(unit, m, state)
    if governed is None and joined in allowed:
        return joined  # `ни Дутлова, ни Хорюшкина`: names joined by и / или / ни share their case
    if governed is not None:
        allowed = (allowed & governed) or allowed
    elif _after_imperative(unit, m) and allowed - {"nomn"}:
        allowed = allowed - {"nomn"}  # `Приведите Вия!`: the object of an imperative, never its subject
    elif seen != "nomn" and "nomn" in allowed and (_lacks_subject(unit, m) or _opens_subjectless_clause(unit, m)):
        seen = "nomn"
    else:
        seen = _case_from_neighbours(unit, m, seen, allowed)
    if seen in allowed:
        return seen
    if value_case in allowed:
        return value_case
    return next(case for case in CASES if case in allowed)


_JOINING = {",", "и", "или", "ни", "да", "либо"}


def _coordinated_case(unit: Unit, m: Mention, state: State) -> str | None:
    """The case of the name joined to this one by и / или / ни … ни (only those words and commas
    between them, a conjunction among them), where there is one."""
    number = unit.toks[m.name_first].mention
    if number <= 0:
        return None
    prev = unit.mentions[number - 1]
    between = [t for t in unit.toks[prev.last + 1:m.first] if not t.deleted]
    if not between or any(t.lower not in _JOINING for t in between) or all(t.text == "," for t in between):
        return None
    return mention_case(unit, prev, state)


def _case_from_neighbours(unit: Unit, m: Mention, seen: str | None, allowed: set[str]) -> str | None:
    """natasha reads an indeclinable name after a noun as a second nominative (`любовница
    Де-Грие`, `голос Жеркова`): after a noun in the nominative it is a possessor (gen.), after an
    animate noun in another case an apposition in that case (`скрягу Плюшкина`). With no case at
    all, an adjective right before tells it (`одной mademoiselle Blanche`). Where natasha's parse
    calls the name an apposition of that noun (`говорил козак Чуб`), it takes the noun's case."""
    p = _prev(unit, m.first)
    before = unit.toks[p] if p >= 0 else None
    if before is None:
        return seen
    noun_like = before.pos == "NOUN" and before.text[:1].islower() and before.mention < 0 \
        and any(x.tag.POS == "NOUN" for x in nlp.parse_word(before.lower))
    if noun_like and _relation_to(unit, m, p) == "appos" and case_from_ud(before.feat("Case")) in allowed:
        return case_from_ud(before.feat("Case"))  # the parse: `говорил козак Чуб` is an apposition
    if seen == "nomn" and noun_like:
        noun_case = case_from_ud(before.feat("Case"))
        if noun_case == "nomn" and "gent" in allowed:
            return "gent"
        if noun_case and noun_case != "nomn" and noun_case in allowed and before.feat("Animacy") == "Anim":
            return noun_case
    if seen is None and before.pos in ("ADJ", "DET", "NUM", "PRON") and case_from_ud(before.feat("Case")) in allowed:
        return case_from_ud(before.feat("Case"))
    return seen


def _after_imperative(unit: Unit, m: Mention) -> bool:
    """Right after an imperative, with no comma between (`Приведите Вия!`; `Иди, Вася` is an address)."""
    p = _prev(unit, m.first)
    return p >= 0 and unit.toks[p].pos == "VERB" and unit.toks[p].feat("Mood") == "Imp"


def _relation_to(unit: Unit, m: Mention, head: int) -> str:
    """natasha's syntax relation of the mention to the token `head` ("appos", "nmod", …); "" where
    the sentence was not parsed or the mention does not depend on it."""
    span = range(m.first, m.last + 1)
    top = next((k for k in span if unit.toks[k].head not in span), m.name_first)
    return unit.toks[top].rel if unit.toks[top].head == head else ""


def _lacks_subject(unit: Unit, m: Mention) -> bool:
    """`(крикнул ей Самойленко)`: natasha misreads indeclinable names; a remark whose verb has no
    subject in the nominative takes the name as its subject."""
    if not unit.remark:
        return False
    members = _clause(unit, m)
    if any(_nominative_word(t) and t.mention != unit.toks[m.name_first].mention for t in members):
        return False
    return any(_finite(t) and (t.feat("Person") == "3" or t.feat("Tense") == "Past") for t in members)


def _opens_subjectless_clause(unit: Unit, m: Mention) -> bool:
    """`Николаша мертвецов режет`: a name that opens the sentence, in a clause whose singular
    present or future verb has no other nominative: the name is its subject, not a possessor."""
    if not at_sentence_start(unit, m.first):
        return False
    members = _clause(unit, m)
    if any(_nominative_word(t) and t.mention != unit.toks[m.name_first].mention for t in members):
        return False
    return any(_finite(t) and t.feat("Person") == "3" and t.feat("Number") == "Sing" and t.lower != "нет"
               for t in members)


def _clause(unit: Unit, m: Mention) -> list[Tok]:
    """The tokens of the clause around a mention: up to a comma, colon, semicolon or conjunction."""
    def bound(tok: Tok) -> bool:
        return tok.text in (",", ";", ":", "(", ")") or _is_end(tok) or tok.lower in CLAUSE_WORDS \
            or tok.pos == "SCONJ"
    sent = unit.toks[m.name_first].sent
    lo = m.first
    while lo > 0 and unit.toks[lo - 1].sent == sent and not bound(unit.toks[lo - 1]):
        lo -= 1
    hi = m.last
    while hi + 1 < len(unit.toks) and unit.toks[hi + 1].sent == sent and not bound(unit.toks[hi + 1]):
        hi += 1
    return [t for t in unit.toks[lo:hi + 1] if not t.deleted]
