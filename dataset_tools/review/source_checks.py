"""Checks of review.tsv written against a fresh sample (issue 9, round 4): a name the rewrite left
beside one it replaced, a pronoun where a possessive belongs, a name apposed to a pronoun, a pronoun
after a degree adverb, a lower-case word replaced, a later verb of the same subject not agreed. Each reads only the source line, the rewrite and
the dictionary, never the TiMe rules.
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp
from ..grammar import PERSONAL
from ..names.forms import NOT_PERSONS
from .words import NAME_GRAMMEMES, _SENTENCE_END, Pair, _from_dictionary, _sentence_start, _title_words, _verb_person, is_pronoun

Span = tuple[int, int]

# The endings of Russian surnames in the nominative (Лошаков, Кобылин, Жеребковский, Коненко, Лошадевич).
_SURNAME_RE = re.compile(r"(?:[оеё]в|[иы]н|ск(?:ий|ой)|цк(?:ий|ой)|енко|[оеа]вич|ук|юк)$")


@cache
def _person_like(word: str) -> bool:
    """pymorphy3 gives the capitalised word a reading as a first name, surname or patronymic, or it
    is a noun (or unknown) with a surname's ending; never a place, an organisation or a short adjective."""
    parses = nlp.parse_word(word)
    if not parses or len(word) < 3 or {"Geox", "Orgn"} & parses[0].tag.grammemes:
        return False
    if any(NAME_GRAMMEMES & p.tag.grammemes and p.score >= 0.15 and "plur" not in p.tag for p in parses):
        return parses[0].normal_form not in NOT_PERSONS
    return parses[0].tag.POS == "NOUN" and bool(_SURNAME_RE.search(word.lower()))


def name_kept_beside_replaced(pair: Pair) -> list[Span]:
    """`Нет, и не я... Лошадинин... Лошаков...` for `Нет, и не Жеребчиков... Лошадинин... Лошаков...`,
    `Марья, позови-ка сюда меня!`: in a line the rewrite changed, a capitalised word that reads as a
    person's name was left as it is and the dictionary does not keep it on purpose: either the kept
    word is a missed name, or the replaced one was no person (a guess, an animal, a type)."""
    if pair.source == pair.out:
        return []
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        if pair.changed[j] or not word.text[:1].isupper() or word.text in pair.names or word.text in pair.values \
                or word.low in _title_words() or word.text.isupper():
            continue
        if not _person_like(word.text) or _naming_before(words, j) or _order(words, j):
            continue
        if pair.book is not None and pair.book.seen_lower(word.text):
            continue  # `Хозяин!`, `Сын нашего соседа`: the book writes it in lower case too, a common word
        at_start = pair.origin[j] is None or _sentence_start(pair.source, pair.src_words[pair.origin[j]].start)
        if at_start and not _name_at_sentence_start(word.text) \
                and (pair.book is None or pair.book.seen_lower_family(word.text) or not _SURNAME_RE.search(word.low)):
            continue  # `Женщин нет`, `Рому не покупал`; but `Лошадников?` (a surname the book never writes small)
        found.append((j, j))
    return found


@cache
def _name_at_sentence_start(word: str) -> bool:
    """A capital that opens a sentence says nothing: there the word must be a first name, surname or
    patronymic in pymorphy3's dictionary (`Марья`), or unknown to it with a surname's ending
    (`Лошадкин`); not a common noun (`Женщин`, `Рому`) nor a guess from the ending (`Пррава`)."""
    parses = nlp.parse_word(word)
    if any(NAME_GRAMMEMES & p.tag.grammemes and _from_dictionary(p) for p in parses):
        return True
    return not any(_from_dictionary(p) for p in parses) and bool(_SURNAME_RE.search(word.lower()))


def _naming_before(words, j: int) -> bool:
    before = {w.low for w in words[max(0, j - 3):j]}
    return bool(before & {"зовут", "звали", "фамилия", "фамилию", "имя", "по"})


def _order(words, j: int) -> bool:
    """`к Станиславу второй степени`, `Анну на шее`: an order, not a person."""
    after = [w.low for w in words[j + 1:j + 3]]
    return "степени" in after or after[:2] == ["на", "шее"]


@cache
def _noun_not_genitive(word: str) -> bool:
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS == "NOUN" and parses[0].tag.case not in ("gent", "gen2") \
        and parses[0].score >= 0.3


@cache
def _adjective_or_noun(word: str) -> str | None:
    parses = nlp.parse_word(word)
    return (parses[0].tag.POS, parses[0].tag.case) if parses else None


def _source_of(pair: Pair, j: int) -> str:
    """The source word the new word j replaced (the first of its replace span), or ""."""
    for op, i1, i2, j1, j2 in pair.opcodes:
        if op == "replace" and j1 <= j < j2 and i1 < i2:
            return pair.src_words[i1].text
    return ""


@cache
def _object_only(word: str) -> bool:
    """`Машу`: pymorphy3 reads it, as a name (or else as a noun), only in the accusative, never as an
    adjective: an object, no owner."""
    parses = nlp.parse_word(word) if word else []
    if any(p.tag.POS == "ADJF" for p in parses):
        return False
    named = [p for p in parses if NAME_GRAMMEMES & p.tag.grammemes] or [p for p in parses if p.tag.POS == "NOUN"]
    return bool(named) and all(p.tag.case == "accs" for p in named)


def pronoun_for_possessive(pair: Pair) -> list[Span]:
    """`покажу меня мать` for `покажу Кузькину мать`, `я, меня кривого сын` for `Игнашка, Семена
    кривого сын`: a new меня/тебя right before a noun (after its adjectives) that is not in the
    genitive: an owner, which Russian says мой/твой; not after a preposition or a word in the same
    case (`у раба божьего меня`: an apposition)."""
    found = []
    words = pair.out_words
    genitive = PERSONAL[pair.person]["gent"]
    for j, word in enumerate(words[:-1]):
        if not pair.changed[j] or word.low != genitive or _object_only(_source_of(pair, j)):
            continue
        if j and pair.out[words[j - 1].stop:word.start] == " ":
            prev = _adjective_or_noun(words[j - 1].low)
            if prev and (prev[0] == "PREP" or prev[0] in ("NOUN", "ADJF") and prev[1] in ("gent", "accs")):
                continue
        k = j + 1
        while k < len(words) and pair.out[words[k - 1].stop:words[k].start] == " " \
                and (_adjective_or_noun(words[k].low) or ("",))[0] == "ADJF":
            k += 1
        if k < len(words) and k - j <= 3 and pair.out[words[k - 1].stop:words[k].start] == " " \
                and not pair.changed[k] and words[k].text[:1].islower() and _noun_not_genitive(words[k].low):
            found.append((j, k))
    return found


def pronoun_apposed_to_pronoun(pair: Pair) -> list[Span]:
    """`Ты, я, пострадал`, `и я, я...` for `Ты, Хрюкин, пострадал`, `и я, Денис Григорьев...`: a new
    pronoun set off by a comma right after a pronoun the source already had: the name was an address
    or the speaker naming himself, not a third person."""
    found = []
    words = pair.out_words
    for j in range(1, len(words)):
        prev, word = words[j - 1], words[j]
        if pair.changed[j] and not pair.changed[j - 1] and pair.out[prev.stop:word.start].strip() == "," \
                and word.low == PERSONAL[pair.person]["nomn"] and prev.low in _NOMINATIVES:
            found.append((j - 1, j))
    return found


_NOMINATIVES = {"я", "ты", "вы", "мы"}


# Degree adverbs and particles that go with an adjective or a noun of quality, never with a pronoun:
# `совершенно Перуджинова Бианка` -> `совершенно я`.
DEGREE_WORDS = {"совершенно", "точь-в-точь", "вылитый", "вылитая", "настоящий", "настоящая", "сущий", "сущая",
                "форменный", "форменная", "истинный", "истинная", "совсем", "прямо", "чистый", "чистая"}


def pronoun_after_degree_word(pair: Pair) -> list[Span]:
    """`совершенно я.`, `вылитый я!`: a new pronoun right after a kept degree word and before the end
    of the clause: the name was a type (`он настоящий Гамлет`), which stays."""
    found = []
    words = pair.out_words
    for j in range(1, len(words)):
        prev, word = words[j - 1], words[j]
        after = pair.out[word.stop:word.stop + 1]
        if pair.changed[j] and not pair.changed[j - 1] and prev.low in DEGREE_WORDS and is_pronoun(word, pair.person) \
                and pair.out[prev.stop:word.start] == " " and (after == "" or after in ".!?…,;:)"):
            found.append((j - 1, j))
    return found


def lowercase_word_replaced(pair: Pair) -> list[Span]:
    """`сказал мне` for `сказал дворнику`: a new pronoun stands for source words none of which is
    capitalised: names are written with a capital, so the dictionary took a common word. (A
    possessive that goes with the name, `мой Савельич` -> `я`, is the rule `possessive_before_name`.)"""
    found = []
    for op, i1, i2, j1, j2 in pair.opcodes:
        source = pair.src_words[i1:i2]
        if op == "replace" and any(is_pronoun(w, pair.person) for w in pair.out_words[j1:j2]) \
                and not all(w.low in PERSONAL_FORMS for w in source) and not any(w.text[:1].isupper() for w in source):
            found.append((j1, j2 - 1))
    return found


PERSONAL_FORMS = {form for person in PERSONAL for form in PERSONAL[person].values()} | {"мною", "тобою"}

SOURCE_CHECKS = [name_kept_beside_replaced, pronoun_for_possessive, pronoun_apposed_to_pronoun,
                 pronoun_after_degree_word, lowercase_word_replaced]


# Words that can be the subject of the later verb (so it is not the new я/ты's).
_OWN_SUBJECT_POS = {"NOUN", "NPRO"}


@cache
def _may_be_subject(word: str) -> bool:
    """A noun or pronoun pymorphy3 can read in the nominative (`дождь`, `он`, `это`, `кто`), or a
    relative `который`; `что` is read as the conjunction (`пишу, что хочет`)."""
    if word == "что":
        return False
    parses = nlp.parse_word(word)
    return any(p.tag.POS in _OWN_SUBJECT_POS and p.tag.case == "nomn" for p in parses) \
        or any(p.normal_form == "который" for p in parses)


def later_verb_not_agreed(pair: Pair) -> list[Span]:
    """`я пишу, что хочет употребить` for `Воронцов пишет, что хочет употребить`: the rewrite put one
    verb in the 1st/2nd person, and a later 3rd-person present/future verb of the same sentence, with
    no subject of its own between them, was left: the same person acts, the verb did not follow."""
    wanted = "1" if pair.person == "me" else "2"
    words = pair.out_words
    found = []
    for j, word in enumerate(words):
        if not pair.changed[j] or _verb_person(word.text) != wanted:
            continue
        for k in range(j + 1, len(words)):
            gap = pair.out[words[k - 1].stop:words[k].start]
            if any(ch in gap for ch in _SENTENCE_END + "()—–;:«»\""):
                break
            if _may_be_subject(words[k].low) or words[k].text[:1].isupper() or words[k].low in ("пусть", "пускай"):
                break
            if not pair.changed[k] and _verb_person(words[k].text) == "3" and _singular(words[k].low):
                found.append((j, k))
                break
    return found


@cache
def _singular(word: str) -> bool:
    parses = nlp.parse_word(word)
    return bool(parses) and "sing" in parses[0].tag


SOURCE_CHECKS.append(later_verb_not_agreed)
