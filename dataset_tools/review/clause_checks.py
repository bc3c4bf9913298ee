"""A check of review.tsv on the clauses around a removed address (issue 9, round 5): reads only the
source line and the rewrite, never the TiMe rules.
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp
from .words import Pair

Span = tuple[int, int]
_PUNCT = re.compile(r"[,.;:!?…()—–\"«»]")


@cache
def _verb(word: str) -> bool:
    """A finite verb or an imperative by pymorphy3's best reading (`мни`, `иди`, `пошел`)."""
    parses = nlp.parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS == "VERB" and parses[0].score >= 0.3


@cache
def _predicate(word: str) -> bool:
    """A short adjective or a predicative by pymorphy3's best reading (`здоров`, `рад`, `жаль`): a clause's
    predicate with no verb (`Эка врать здоров ты, посмотрю я на тебя`)."""
    parses = nlp.parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS in ("ADJS", "PRED") and parses[0].score >= 0.3


def address_removed_clauses_joined(pair: Pair) -> list[Span]:
    """`Не мни его не мни` for `Не мни его, Любим, не мни`: an address set off by commas was removed
    with both its commas, and a verb stands on each side: two clauses now run together with no
    comma between them (the comma the sentence still needs was lost)."""
    found = []
    words, src = pair.out_words, pair.src_words
    for op, i1, i2, j1, _ in pair.opcodes:
        if op != "delete" or not 0 < j1 < len(words) or not 0 < i1 < i2 < len(src) \
                or not any(w.text[:1].isupper() for w in src[i1:i2]):
            continue
        if "," not in pair.source[src[i1 - 1].stop:src[i1].start] or "," not in pair.source[src[i2 - 1].stop:src[i2].start]:
            continue
        if _PUNCT.search(pair.out[words[j1 - 1].stop:words[j1].start]):
            continue
        left = j1 - 1
        while left > 0 and not _PUNCT.search(pair.out[words[left - 1].stop:words[left].start]):
            left -= 1
        right = j1 + 1 if words[j1].low == "не" and j1 + 1 < len(words) else j1
        if any(_verb(w.text) or _predicate(w.text) for w in words[left:j1]) and _verb(words[right].text):
            found.append((j1 - 1, right))
    return found


CLAUSE_CHECKS = [address_removed_clauses_joined]


@cache
def _third_person_present(word: str) -> bool:
    """pymorphy3's best reading: a verb in the 3rd person singular, present or future (`поглядывает`)."""
    parses = nlp.parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS == "VERB" and parses[0].tag.person == "3per" \
        and parses[0].tag.number == "sing" and parses[0].score >= 0.5


@cache
def _nominative(word: str) -> bool:
    """A noun or pronoun by its best reading (not the `с` of `с камушка`) with a nominative reading:
    the sentence may have its own subject."""
    parses = nlp.parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS in ("NOUN", "NPRO") \
        and any(p.tag.POS in ("NOUN", "NPRO") and p.tag.case == "nomn" for p in parses)


@cache
def _preposition(word: str) -> bool:
    """`на камушек`: a word right after a preposition is governed by it, no subject."""
    parses = nlp.parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS == "PREP"


_SENTENCE = re.compile(r"[^.!?]+[.!?…]*")


def verb_left_in_next_sentence(pair: Pair) -> list[Span]:
    """`Я снял свои, бросил, пошел босиком. Попрыгивает с камушка на камушек` for `Жилин снял…
    Попрыгивает`: the sentence after one whose name became я/ты opens with a verb in the 3rd person
    singular and has no subject of its own (no nominative word): it goes on about the same person,
    and its verb was left unagreed."""
    if not any(pair.changed):
        return []
    found = []
    pronoun = "я" if pair.person == "me" else "ты"
    words = pair.out_words
    previous_new = False
    for m in _SENTENCE.finditer(pair.out):
        inside = [j for j, w in enumerate(words) if m.start() <= w.start < m.end()]
        if not inside:
            continue
        first = words[inside[0]]
        # the sentence before ends with a full stop (not `Что же? идет`, not a trailing-off `…`), and
        # the verb is no introductory word (`Кажется, лучше`, `Говорит, что`)
        full_stop = pair.out[:first.start].rstrip().endswith(".") and not pair.out[:first.start].rstrip().endswith("..")
        if previous_new and full_stop and not pair.out[first.stop:].startswith(",") \
                and not pair.changed[inside[0]] and _third_person_present(first.text) \
                and not any(_nominative(words[j].text) and not _preposition(words[j - 1].text) for j in inside[1:]):
            found.append((inside[0], inside[0]))
        previous_new = any(pair.changed[j] and words[j].low == pronoun for j in inside)
    return found


CLAUSE_CHECKS.append(verb_left_in_next_sentence)
