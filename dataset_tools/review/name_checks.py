"""Checks of review.tsv on names (issue 9, round 1): a dictionary form left in the line outside naming
constructions, a name the dictionary lacks, a word of the name or a title left beside the new pronoun, and
a replacement that reads as a place or a title of a work. Listed in checks.CHECKS (the first two also in
UNCHANGED_CHECKS, for lines the rewrite did not touch).
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp
from ..grammar import POSSESSIVE
from ..names.forms import NOT_PERSONS

from .words import (NAMING_SELF, NAMING_WORDS, PLACE_PREPOSITIONS, Pair, Word, _WORD_RE, _between, _from_dictionary,
                   _name_like, _sentence_bounds, _sentence_start, _title_words, is_pronoun, pronoun_neighbours)

Span = tuple[int, int]


def name_left(pair: Pair) -> list[Span]:
    """A dictionary form still in the line, outside naming constructions, "" values and an
    address that is the whole speech (kept on purpose: docs/time.md)."""
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        for parts in pair.names.get(word.text, ()):
            if [w.text for w in words[j:j + len(parts)]] != parts:
                continue
            if _naming(words, j, pair.out) or _whole_speech(pair, word.start, words[j + len(parts) - 1].stop) \
                    or _in_foreign_sentence(words, j, pair.out):
                continue
            found.append((j, j + len(parts) - 1))
    return found


def _naming(words: list[Word], j: int, text: str = "") -> bool:
    before = [w.low for w in words[max(0, j - 3):j]]
    return bool(set(before) & NAMING_WORDS) or bool(before[-1:] and before[-1] in NAMING_SELF) \
        or _self_negated(words, j, before) \
        or any(_naming_lemma(w) for w in before) or bool(text) and _elliptic_naming(words, j, text)


def _self_negated(words: list[Word], j: int, before: list[str]) -> bool:
    """`Ты — не Каширин, ты — Пешков`, `Я не Каширин, а — Пешков`: what one is not, and what one is instead
    (the TiMe stage keeps both names: docs/time.md, round 10)."""
    if before[-2:] in ([s, "не"] for s in NAMING_SELF):
        return True
    return before[-1:] == ["а"] and "не" in before[:-1] and bool({w.low for w in words[:j]} & NAMING_SELF)


def _elliptic_naming(words: list[Word], j: int, text: str) -> bool:
    """`Моего отца зовут Ильей, а сына — Николаем`: the naming verb is said once, and the second name
    stands after a dash that stands for it, in the same sentence."""
    start = _sentence_bounds(text, words[j].start)[0]
    clause = text[max(start, text.rfind(",", 0, words[j].start)):words[j].start]
    if "—" not in clause and " - " not in clause and "–" not in clause:
        return False
    return any(start <= w.start and (w.low in NAMING_WORDS or _naming_lemma(w.low)) for w in words[:j])


# Verbs and nouns of naming by their normal form (`зовешь`, `называла`, `прозвищем`).
NAMING_LEMMAS = {"звать", "называть", "назвать", "называться", "прозвать", "прозывать", "величать", "кликать",
                 "окрестить", "именовать", "зваться", "имя", "фамилия", "прозвище", "кличка", "отчество", "прозвание",
                 "урожденный"}  # `урожденная княжна Дурдолеосова`: née


@cache
def _naming_lemma(word: str) -> bool:
    return any(p.normal_form.replace("ё", "е") in NAMING_LEMMAS and "Abbr" not in p.tag and p.score >= 0.2
               for p in nlp.parse_word(word))


_LATIN = re.compile(r"[A-Za-zÀ-ÿŒœÆæ'’-]+")


def _in_foreign_sentence(words: list[Word], j: int, text: str) -> bool:
    """`au service de Bonaparte`, `la comtesse Apraksine`: a Latin name after a lower-case Latin word, in a sentence
    of mostly Latin words, stays as the French around it (the TiMe stage keeps it: docs/time.md, round 10; a
    deliberate copy of pronouns/naming.keep_in_foreign_sentence, as the review checks keep their own words)."""
    if j == 0 or not _LATIN.fullmatch(words[j].text) or not _LATIN.fullmatch(words[j - 1].text) \
            or not words[j - 1].text[:1].islower():
        return False
    start, stop = _sentence_bounds(text, words[j].start)
    inside = [w for w in words if start <= w.start < stop]
    return 2 * sum(bool(_LATIN.fullmatch(w.text)) for w in inside) > len(inside)


def _whole_speech(pair: Pair, start: int, stop: int) -> bool:
    """The name stands in a segment of speech that holds nothing but names and endearments
    (`Маша!`, `Ваня, Ваня…`): an address kept because removing it would leave no speech."""
    text = pair.out
    left = max(text.rfind("(", 0, start), text.rfind(")", 0, start), text.rfind(">", 0, start))
    right = [i for i in (text.find("(", stop), text.find(")", stop)) if i != -1]
    segment = text[left + 1:min(right) if right else len(text)]
    rest = [w for w in _WORD_RE.findall(segment) if w not in pair.names and w.lower() not in _KEPT_WITH_ADDRESS
            and w.lower().replace("ё", "е") not in _title_words()  # `Отец Сисой!`
            and not any(w in parts for forms in pair.names.values() for parts in forms)]
    return not rest


# Words that may stand in a lone address beside the name: `Ах, Маша!`, `Милая Анна Петровна!`.
_KEPT_WITH_ADDRESS = {"о", "ах", "ох", "эй", "ну", "ай", "милая", "милый", "дорогой", "дорогая", "голубчик",
                      "голубушка", "душа", "моя", "мой", "батюшка", "матушка", "то", "с", "же", "да", "нет",
                      "mon", "ma", "mes", "cher", "chère", "bonne", "o"}  # `Mon cher Boris (сказала мать`


def name_not_in_dictionary(pair: Pair) -> list[Span]:
    """`А как Никанор?`, `Куда ты, Jean?`, `monsieur N.`: a name the dictionary lacks, left as it is:
    a capitalised word inside a sentence that pymorphy3's dictionary reads first as a first name,
    a Latin-script word set off by commas in Russian speech, a name or initial after a title."""
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        if word.text in pair.names or pair.changed[j] or not word.text[:1].isupper():
            continue
        inside = not _sentence_start(pair.out, word.start)
        if inside and _first_name(word.text) and not _naming(words, j) or word.text.isascii() and j and not words[j - 1].text.isascii() \
                and (j + 1 == len(words) or not words[j + 1].text.isascii()) \
                and pair.out[:word.start].rstrip().endswith(",") and not _inside_quotes(pair.out, word.start):
            found.append((j, j))
        elif j and words[j - 1].low in _title_words() and inside and not _sentence_start(pair.out, words[j - 1].start) \
                and words[j - 1].text[:1].islower():
            found.append((j - 1, j))
    return found


@cache
def _first_name(word: str) -> bool:
    parses = nlp.parse_word(word)
    return bool(parses) and "Name" in parses[0].tag and _from_dictionary(parses[0]) and "plur" not in parses[0].tag \
        and parses[0].normal_form not in NOT_PERSONS


def place_or_work(pair: Pair) -> list[Span]:
    """`в Зарецке` -> `во мне`, `«…Гамлета»` -> `«…меня»`: a replacement that reads as a place
    (a preposition of place with the locative or genitive, a geographical word) or stands inside
    the title of a work in «…»."""
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        if not pair.changed[j] or not (is_pronoun(word, pair.person) or word.low in POSSESSIVE[pair.person]):
            continue
        prep = words[j - 1] if j else None
        if prep is not None and prep.low in PLACE_PREPOSITIONS and word.low in PLACE_PREPOSITIONS[prep.low] \
                and _between(pair, prep, word) == " ":
            found.append((j - 1, j))
        elif _inside_title(pair.out, word.start) or _replaced_place(pair, j):
            found.append((j, j))
    return found


def _inside_quotes(text: str, at: int) -> bool:
    return text.rfind("«", 0, at) > text.rfind("»", 0, at)


def _inside_title(text: str, at: int) -> bool:
    """Inside a short «…» with no sentence punctuation: the title of a work (`в «Анне Карениной»`),
    not a quoted sentence."""
    start = text.rfind("«", 0, at)
    stop = text.find("»", at)
    if start == -1 or stop == -1 or start < text.rfind("»", 0, at):
        return False
    inner = text[start + 1:stop]
    return len(inner.split()) <= 5 and not re.search(r"[.!?,…]", inner)


def _replaced_place(pair: Pair, j: int) -> bool:
    """The source word this pronoun stands for is a geographical name to pymorphy3 (`Москве`)."""
    before = next((pair.origin[k] for k in range(j - 1, -1, -1) if pair.origin[k] is not None), -1)
    after = next((pair.origin[k] for k in range(j + 1, len(pair.out_words)) if pair.origin[k] is not None),
                 len(pair.src_words))
    return any(_geographical(w.text) for w in pair.src_words[before + 1:after] if w.text[:1].isupper())


@cache
def _geographical(word: str) -> bool:
    """pymorphy3 reads the word first as a place (`Москве`, `Киеве`) and never as a person."""
    parses = nlp.parse_word(word)
    return bool(parses) and "Geox" in parses[0].tag and _from_dictionary(parses[0]) and not any(
        {"Name", "Patr", "Surn"} & p.tag.grammemes for p in parses)


def name_part_left(pair: Pair) -> list[Span]:
    """`я Петрович`, `Варвара я`, `мсьё я`, `отец мной`: a word of the same name (a dictionary
    word, or a capitalised name word inside the sentence) or a title left next to the new pronoun."""
    found = []
    for j, k, other, between in pronoun_neighbours(pair):
        if between != " ":
            continue
        inside = not _sentence_start(pair.out, other.start)
        name_word = other.text in pair.names or other.text[:1].isupper() and inside and _name_like(other.text)
        title = k < j and other.low in _title_words() and not _title_alone_ok(pair.out_words, k)
        if name_word or title:
            found.append((min(j, k), max(j, k)))
    return found


def _title_alone_ok(words: list[Word], k: int) -> bool:
    """`отца меня` after a preposition or a possessive is a relative, not a leftover title."""
    return k > 0 and words[k - 1].low in ("моего", "твоего", "его", "ее", "её", "их", "вашего", "нашего")
