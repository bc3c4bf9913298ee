"""Checks of review.tsv on the form of the replaced words (issue 9, round 9): what the source word's own
grammar says it was (a family in the plural, a common noun in the plural, a name in Latin script), and what
its place asks of the new word (a capital at the start of a remark). Like grammar_checks.py they read the
source line and the rewrite only, never the rule that wrote the line; they were built on the blind sample
tests/data/time_gold_fresh9.tsv (its dev part) and the retired parts of the older tables.
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp
from ..grammar import PREPOSITION_CASES, PYMORPHY_CASES
from .words import Pair, _sentence_start, _title_words, is_pronoun

Span = tuple[int, int]
_ALL_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})


@cache
def _plural_family(word: str, cases: frozenset) -> bool:
    """`Ростовым`, `Болконских`, `Петровых`: pymorphy3 reads the word as a surname in the plural in one
    of `cases`, and has no singular noun reading in them (`Ивановым` is also one man in the instrumental,
    `Ивановой` one woman)."""
    nouns = [p for p in nlp.parse_word(word) if p.tag.POS == "NOUN" and PYMORPHY_CASES.get(p.tag.case) in cases]
    return any("Surn" in p.tag and "plur" in p.tag for p in nouns) and not any("sing" in p.tag for p in nouns)


def family_plural_replaced(pair: Pair) -> list[Span]:
    """`попал ко мне` for `попал к Ростовым`: one capitalised word became the pronoun, and in the case its
    preposition governs (any case without one) it reads only as a surname in the plural: a family (FORMAT.md
    §6: family plurals stay), not a person."""
    found = []
    src = pair.src_words
    for op, i1, i2, j1, j2 in pair.opcodes:
        if op != "replace" or not src[i2 - 1].text[:1].isupper() \
                or any(w.low not in PREPOSITION_CASES for w in src[i1:i2 - 1]):
            continue  # one word, or `к Ростовым` -> `ко мне` with its preposition
        if not any(is_pronoun(w, pair.person) for w in pair.out_words[j1:j2]):
            continue
        i = i2 - 1
        cases = PREPOSITION_CASES.get(src[i - 1].low, _ALL_CASES) if i else _ALL_CASES
        if _plural_family(src[i].text, cases):
            found.append((max(j1 - 1, 0), j2 - 1))
    return found


_CLOSING = "»\"”')]"


def lower_pronoun_opens_remark(pair: Pair) -> list[Span]:
    """`(я подошла к ней)` for `(Наташа подошла к ней)`: a new pronoun in lower case right after `(` where
    the replaced word began the remark with a capital after a sentence end: FORMAT.md §6, `(Вася засмеялся)` ->
    `(Я засмеялся)`."""
    found = []
    opened = [m.end() for m in re.finditer(r"\(", pair.source)]
    for j, word in enumerate(pair.out_words):
        if not pair.changed[j] or not is_pronoun(word, pair.person) or not word.text[:1].islower() \
                or not pair.out[:word.start].endswith("("):
            continue
        k = pair.out.count("(", 0, word.start)  # the k-th remark of the source opened at the same place
        head = pair.source[opened[k - 1]:opened[k - 1] + 1] if 0 < k <= len(opened) else ""
        before = pair.source[:opened[k - 1] - 1].rstrip().rstrip(_CLOSING) if 0 < k <= len(opened) else ""
        if not before.endswith((".", "!", "?", "…")):
            continue  # `сплетен (Шешковский покраснел`: the book's `, —`; `маменьке (Соня графиню…)`: mid-sentence
        if head.isupper() and pair.source[opened[k - 1]:].split(maxsplit=1)[0].lower().strip(",.!?") != word.low:
            found.append((j, j))
    return found


# Capitalised French words that are no one's name: God, forms of address, peoples, the cities of the books,
# greetings and interjections that open a sentence.
_LATIN_NOT_NAMES = {"dieu", "sire", "messieurs", "mesdames", "excellence", "majesté", "altesse", "seigneur",
                    "prince", "princesse", "comte", "comtesse", "général", "colonel", "capitaine", "russes",
                    "français", "paris", "moscou", "oui", "non", "mon", "ma", "mes", "notre", "votre", "vive", "erlaucht",
                    "durchlaucht", "exzellenz", "bonjour", "bonsoir", "adieu", "merci", "pardon", "allons", "voilà",
                    "voila", "tiens", "hélas", "bravo", "attendez"}
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
RECURRING = 3  # the book writes the word with a capital at least this often: one of its people


def latin_name_left(pair: Pair) -> list[Span]:
    """`чтобы Nicolas женился на ней`, `C'est vous, Clément?`: a capitalised Latin-script word left as it
    was, either inside Russian text (a Cyrillic word on each side) and written by the book again and again
    (a character the book also names in French: FORMAT.md §6 makes `Pierre`, `Nicolas` names), or set off
    as an address in French speech (after a comma, before `,`, `?`, `!`), which goes like a Russian one
    (`Крокодил, Crocodillo, -- есть слово`: a gloss in Russian text, not an address), or opening Russian
    speech as a call by a name the book uses again and again (`Simon! бутылку Клодвужо`; not `Diantre!`). Not a title,
    God, a people or a city, not the first word of a sentence or a quotation, not a word the book also writes
    in lower case."""
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        text = word.text
        if pair.changed[j] or not (_LATIN.fullmatch(text) and text[:1].isupper()) or len(text) < 3 \
                or text.isupper() or text in pair.names or word.low in _LATIN_NOT_NAMES \
                or word.low in _title_words() or pair.out.rfind("«", 0, word.start) > pair.out.rfind("»", 0, word.start):
            continue
        after = pair.out[word.stop:].lstrip()[:1]
        if _sentence_start(pair.out, word.start):
            nxt = words[j + 1] if j + 1 < len(words) else None
            if after in tuple("!,") and nxt is not None and _CYRILLIC.search(nxt.text) and word.low not in _LATIN_NOT_NAMES \
                    and pair.book is not None and not pair.book.seen_lower(text) and pair.book.family_count(text) >= RECURRING:
                found.append((j, j))  # `Simon! бутылку Клодвужо`: a call in Latin script opening Russian speech
            continue
        if pair.book is not None and pair.book.seen_lower(text):
            continue  # `elle`, `attends`: the book writes it small, a word and no name
        prev = words[j - 1] if j else None
        nxt = words[j + 1] if j + 1 < len(words) else None
        if prev is not None and prev.low in _title_words():
            continue  # `monsieur Dessales`: name_not_in_dictionary's
        russian = prev is not None and _CYRILLIC.search(prev.text) and (nxt is None or _CYRILLIC.search(nxt.text))
        address = pair.out[:word.start].rstrip().endswith(",") and after in tuple(",?!") and not russian \
            and any(w is not None and _LATIN.fullmatch(w.text) for w in (prev, nxt))  # in French speech
        if russian and pair.book is not None and pair.book.family_count(text) >= RECURRING or address:
            found.append((j, j))
    return found


@cache
def _plural_common_cases(word: str) -> frozenset:
    """The cases in which pymorphy3 reads the word as a common noun (not a name) in the plural."""
    return frozenset(PYMORPHY_CASES.get(p.tag.case) for p in nlp.parse_word(word.lower())
                     if p.tag.POS == "NOUN" and "plur" in p.tag and not {"Name", "Surn", "Patr"} & p.tag.grammemes)


@cache
def _plural_modifier_cases(word: str) -> frozenset:
    """`этих`, `всех`, `серых`: the cases of the word's plural adjective / pronominal adjective readings."""
    return frozenset(PYMORPHY_CASES.get(p.tag.case) for p in nlp.parse_word(word)
                     if p.tag.POS in ("ADJF", "PRTF") and "plur" in p.tag)


def plural_noun_taken_for_name(pair: Pair) -> list[Span]:
    """`Я этих что, говорит` for `Волков этих что, говорит` (the wolves): one capitalised word became the
    pronoun, and the word right after it, kept, is a plural modifier agreeing with a plural common-noun
    reading of the replaced word: a name is one person, the word was a common noun in the plural."""
    found = []
    src = pair.src_words
    for op, i1, i2, j1, j2 in pair.opcodes:
        if op != "replace" or i2 - i1 != 1 or i2 >= len(src) or not src[i1].text[:1].isupper() \
                or j2 >= len(pair.out_words) or pair.changed[j2]:
            continue
        if pair.source[src[i1].stop:src[i2].start] != " ":
            continue
        if _plural_common_cases(src[i1].text) & _plural_modifier_cases(src[i2].low):
            found.append((j1, j2))
    return found


FORM_CHECKS = [latin_name_left, plural_noun_taken_for_name, family_plural_replaced, lower_pronoun_opens_remark]
