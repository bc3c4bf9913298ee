"""Possessors become мой/твой agreeing with their noun: `книга Маши` -> `моя книга`, `Петина мать`
-> `моя мать`; a possessive before a replaced name goes (`мой Савельич` -> `я`).
"""
from __future__ import annotations

from .. import nlp
from ..grammar import UD_GENDER, bare_preposition, case_from_ud, is_possessive_pronoun, possessive_pronoun, pronoun_case
from ..names.forms import KIN_POSSESSED, possessive_readings
from .case import _preposition, mention_case
from .mentions import _name_cases
from .edits import Capitalise, Delete, Prefix, Replace, Space, Verdict
from .state import State
from .tokens import Mention, Tok, Unit, _capitalise, _next, _prev, at_sentence_start


def _noun_feats(tok: Tok) -> tuple[str, str, str, bool]:
    case = case_from_ud(tok.feat("Case")) or "nomn"
    gender = UD_GENDER.get(tok.feat("Gender") or "", "masc")
    number = "plur" if tok.feat("Number") == "Plur" else "sing"
    return case, gender, number, tok.feat("Animacy") == "Anim"


def _has_possessive_parse(word: str) -> bool:
    """`Петина`, `Петрушин`, `Аркадиевой`: an adjective made from a name."""
    if any("Poss" in p.tag for p in nlp.parse_word(word)):
        return True
    return bool(possessive_readings(word))


def _head_noun_after(unit: Unit, i: int, limit: int = 3) -> int:
    k = _next(unit, i)
    while k >= 0 and limit > 0:
        tok = unit.toks[k]
        if tok.pos == "NOUN":
            return k
        if tok.pos not in ("ADJ", "DET", "ADV") or tok.mention >= 0:
            return -1
        k, limit = _next(unit, k), limit - 1
    return -1


def possessive_adjective(unit: Unit, m: Mention, state: State) -> list[Verdict] | None:
    """`Петина мать` -> `моя мать`, `в Машиной комнате` -> `в моей комнате`: agrees with its noun."""
    tok = unit.toks[m.name_first]
    head = _head_noun_after(unit, m.last)
    if not is_possessive_pronoun(state.person, m.value):
        # the names stage took it for a name; natasha reads an adjective before its noun
        if not (tok.pos in ("ADJ", "DET") and head >= 0 and _has_possessive_parse(m.key)):
            return None
    elif head < 0:
        p = _prev(unit, m.first)  # post-posed: `начальник Петрушин` -> `начальник мой`
        if p >= 0 and unit.toks[p].pos == "NOUN" and unit.toks[p].text[:1].islower():
            head = p
    if is_possessive_pronoun(state.person, m.value) and not state.table.context_dependent(m.key, m.value):
        form = m.value.lower()
    else:
        source = unit.toks[head] if head >= 0 else tok
        if not source.feats:
            form = m.value.lower() if is_possessive_pronoun(state.person, m.value) else None
        else:
            form = possessive_pronoun(state.person, *_noun_feats(source))
        if form is None:
            return None
    return [Verdict(possessive_adjective, f"{m.key} → {form}", (Replace(m.first, m.last, form), Capitalise(m.first)))]


NOT_POSSESSED = {"нет", "много", "мало", "сколько", "столько", "несколько"}


def _noun_phrase_start(unit: Unit, head: int) -> int:
    """The first word of the noun phrase ending at `head`: adjectives and participles agreeing."""
    case = unit.toks[head].feat("Case")
    start, k = head, _prev(unit, head)
    while k >= 0:
        tok = unit.toks[k]
        agreeing = tok.feat("Case") == case or {tok.feat("Case"), case} <= {"Nom", "Acc"}
        if tok.pos == "ADJ" and agreeing or tok.pos == "VERB" and tok.feat("VerbForm") == "Part" and agreeing:
            start, k = k, _prev(unit, k)
            continue
        if tok.pos == "ADV" and unit.toks[start].pos == "ADJ" and start != head:
            start, k = k, _prev(unit, k)
            continue
        break
    return start


POSSESSIVE_DETERMINERS = {"мой", "твой", "наш", "ваш", "свой"}  # not его/её/их: `сзади их голос`


def _apposition(unit: Unit, noun: int, m: Mention, cases: set[str]) -> bool:
    """`сына Анатоля`, `скрягу Плюшкина`: a person noun of the name's gender in a case the name
    form can have (not the nominative: `сын Хаджи-Мурата` is his son) is the same person."""
    tok, name = unit.toks[noun], unit.toks[m.name_first]
    case = case_from_ud(tok.feat("Case"))
    return tok.feat("Animacy") == "Anim" and case != "nomn" and case in cases \
        and (tok.feat("Gender") == name.feat("Gender") or _has_gender(m.key, tok.feat("Gender"), case)) \
        and tok.feat("Number") != "Plur"


# Verbs of a remark that take the person spoken to in the accusative: `(спросил судья Бауакаса)`.
ASKING_VERBS = {"спросить", "спрашивать", "переспросить", "перебить", "перебивать", "окликнуть", "позвать",
                "звать", "остановить", "останавливать", "попросить", "просить", "упрашивать", "поблагодарить",
                "благодарить", "успокоить", "успокаивать", "утешить", "утешать", "уговаривать", "упрекнуть",
                "упрекать", "поздравить", "поздравлять", "приветствовать", "похвалить", "торопить", "передразнить",
                "передразнивать", "одёрнуть", "одернуть", "поправить", "поправлять", "ободрить", "ободрять"}


def _object_after_speaker(unit: Unit, noun: int) -> bool:
    """`(спросил судья Бауакаса)`: in a remark, after a verb that takes the one spoken to in the accusative
    and its subject noun, the name is that object, not the noun's owner (`мой судья`); not after a kin
    noun, whose owner it may well be (`спросил отец Андрея`)."""
    tok = unit.toks[noun]
    verb = _prev(unit, noun)
    if not unit.remark or verb < 0 or tok.lower in KIN_POSSESSED or tok.feat("Case") not in (None, "Nom"):
        return False
    return any(x.normal_form.replace("ё", "е") in ASKING_VERBS or x.normal_form in ASKING_VERBS
               for x in nlp.parse_word(unit.toks[verb].lower) if x.tag.POS == "VERB")


def _participle_before_phrase(unit: Unit, noun: int) -> bool:
    """`увидал подымающегося на лестницу Ростова`: the noun is in a prepositional phrase that a participle
    (or adjective) in the genitive (or the like accusative) opens; the name after it is the participle's own noun, not
    the owner of `лестницу`."""
    prep = _prev(unit, noun)
    word = _prev(unit, prep) if prep >= 0 and unit.toks[prep].pos == "ADP" else -1
    if word < 0:
        return False
    before = _prev(unit, word)
    if before >= 0 and (unit.toks[before].text == "," or unit.toks[before].pos in ("NOUN", "PROPN", "PRON")):
        return False  # `публике, собравшейся в салоне Елены Ивановны`: the participle describes the noun before it
    parses = [x for x in nlp.parse_word(unit.toks[word].lower) if x.is_known]  # pymorphy3: natasha takes
    # `подымающегося` for a finite verb
    return bool(parses) and all(x.tag.POS in ("PRTF", "ADJF") for x in parses) \
        and any(x.tag.case == "gent" and x.tag.number == "sing" for x in parses)  # not `знавший про женитьбу Анатоля`


def _has_gender(form: str, gender: str | None, case: str) -> bool:
    """pymorphy3 reads the name's last word in this gender and case (natasha takes `скрягу Плюшкина`
    for a woman's surname; the book's `Плюшкин` says it is his)."""
    word = form.split()[-1]
    return gender is not None and any(
        p.tag.case == case and UD_GENDER.get(gender) == p.tag.gender for p in nlp.parse_word(word))


def _has_possessor(unit: Unit, start: int) -> bool:
    """`вашего сына Маши`: the noun phrase has a possessive already."""
    p = _prev(unit, start)
    return p >= 0 and unit.toks[p].pos == "DET" and any(
        x.normal_form in POSSESSIVE_DETERMINERS for x in nlp.parse_word(unit.toks[p].lower))


def possessive_genitive(unit: Unit, m: Mention, state: State) -> list[Verdict] | None:
    """`книга Маши` -> `моя книга`: the possessor goes before the whole noun phrase, agreeing."""
    if pronoun_case(state.person, m.value) is None or mention_case(unit, m, state) != "gent" \
            or "gent" not in _name_cases(m.key, m.value, state.table):
        return None
    if _preposition(unit, m) >= 0:
        return None
    p = _prev(unit, m.first)
    if p >= 0 and unit.toks[p].pos == "NOUN" and unit.toks[p].lower not in NOT_POSSESSED \
            and any(x.tag.POS == "NOUN" for x in nlp.parse_word(unit.toks[p].lower)) \
            and unit.toks[p].mention < 0 and (unit.toks[p].text[:1].islower() or at_sentence_start(unit, p)):
        start = _noun_phrase_start(unit, p)
        if _apposition(unit, p, m, _name_cases(m.key, m.value, state.table)) or _has_possessor(unit, start) \
                or _object_after_speaker(unit, p) or _participle_before_phrase(unit, p):
            return None
        form = possessive_pronoun(state.person, *_noun_feats(unit.toks[p]))
        first, noun = unit.toks[start], unit.toks[p].text
        edits = [Delete(m.first, m.last), Prefix(start, form)]
        before = _prev(unit, start)
        if before >= 0 and bare_preposition(unit.toks[before].text):  # `со стороны Маши` -> `с моей стороны`
            edits.append(Replace(before, before, bare_preposition(unit.toks[before].text)))
        if at_sentence_start(unit, start):  # `Книга Маши` -> `Моя книга`
            edits[1] = Prefix(start, _capitalise(form))
            if first.pos != "PROPN":
                lowered = first.text[:1].lower() + first.text[1:]
                edits.append(Replace(start, start, lowered))
                noun = lowered if start == p else noun
        return [Verdict(possessive_genitive, f"{noun} {m.key} → {form} … {noun}", tuple(edits))]
    n = _next(unit, m.last)
    # pre-posed: `Ивана Петровича жена` -> `моя жена` (only right after a pause or a sentence start)
    if n >= 0 and unit.toks[n].pos == "NOUN" and unit.toks[n].feat("Case") != "Gen" and \
            any(x.tag.POS == "NOUN" for x in nlp.parse_word(unit.toks[n].lower)) and \
            (p < 0 or not unit.toks[p].is_word or at_sentence_start(unit, m.first)):
        form = possessive_pronoun(state.person, *_noun_feats(unit.toks[n]))
        return [Verdict(possessive_genitive, f"{m.key} {unit.toks[n].text} → {form} {unit.toks[n].text}",
                        (Replace(m.first, m.last, form), Capitalise(m.first)))]
    return None


def possessive_before_name(unit: Unit, m: Mention, case: str, state: State) -> list[Verdict]:
    """`простонал мой Савельич` -> `простонал я`, `о моем Борисе` -> `обо мне`: a possessive
    determiner that belongs to the name goes with it (мой я reads as nonsense)."""
    p = _prev(unit, m.first)
    if p < 0:
        return []
    tok = unit.toks[p]
    before = _prev(unit, p)
    if before >= 0 and unit.toks[before].pos == "NOUN" and unit.toks[before].mention < 0 \
            and unit.toks[before].feat("Case") == tok.feat("Case") and unit.toks[before].text[:1].islower():
        return []  # `сын мой Нафанаил` -> `сын мой я`: the possessive is the noun's, put after it
    if tok.pos == "DET" and any(
            x.normal_form in POSSESSIVE_DETERMINERS for x in nlp.parse_word(tok.lower) if x.tag.POS == "ADJF"):
        return [Verdict(possessive_before_name, f"{tok.text} dropped", (Delete(p, p), Space(m.first, tok.ws)))]
    return []

