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
        if any(_verb(w.text) for w in words[left:j1]) and _verb(words[right].text):
            found.append((j1 - 1, right))
    return found


CLAUSE_CHECKS = [address_removed_clauses_joined]
