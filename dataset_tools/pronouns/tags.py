"""natasha's morph tags of the sentences that hold a name, batched and cached per sentence, with
the words natasha's news model misreads repaired from pymorphy3.
"""
from __future__ import annotations

from .. import nlp, syntax
from ..grammar import CASE_TO_UD, PYMORPHY_TO_UD
from .tokens import Tok, Unit


_TAGS: dict[tuple[str, ...], list[tuple[str, dict]]] = {}
_TAG_CACHE_LIMIT = 200_000


def tags_of(words: tuple[str, ...]) -> list[tuple[str, dict]]:
    """(UPOS, features) of each word of a sentence, tagged now if not yet."""
    if words not in _TAGS:
        tag_sentences([words])
    return _TAGS[words]


def clear_tag_cache() -> None:
    """Forget the tagged and parsed sentences (a benchmark times the tagging from cold)."""
    _TAGS.clear()
    syntax.clear_cache()


def parse_of(words: tuple[str, ...]) -> syntax.Parse | None:
    """natasha's syntax parse of a sentence (parsed with its tags), None with the parser off."""
    if not syntax.ENABLED:
        return None
    return syntax.parse_sentences([[nlp.for_natasha(w) for w in words]])[0]


def tag_sentences(sentences: list[tuple[str, ...]]) -> None:
    """Morph-tag the sentences not yet in the cache, in one batched natasha pass."""
    todo = sorted({s for s in sentences if s and s not in _TAGS}, key=len)
    if not todo:
        return
    if len(_TAGS) + len(todo) > _TAG_CACHE_LIMIT:
        _TAGS.clear()
    tagger = nlp.get_morph_tagger()
    for words, markup in zip(todo, tagger.map([[nlp.for_natasha(w) for w in s] for s in todo])):
        _TAGS[words] = [_repair_tag(w, t.pos, t.feats or {}) for w, t in zip(words, markup.tokens)]
    if syntax.ENABLED:  # the same sentences, in one batch too
        syntax.parse_sentences([[nlp.for_natasha(w) for w in s] for s in todo])


_COMPATIBLE = {"NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "ADJ": {"ADJF", "ADJS", "PRTF", "PRTS", "COMP", "NUMR"},
               "VERB": {"VERB", "INFN", "GRND", "PRTF", "PRTS"}}


def _repair_tag(word: str, pos: str, feats: dict) -> tuple[str, dict]:
    """natasha's news model misreads words it has not seen (`проворчал`, `глядя` -> NOUN,
    `трепетный` -> VERB, `лекарь` -> ADJ, `скрягу` -> nominative); where pymorphy3 knows the
    word and has no reading of that part of speech (or of that case), take pymorphy3's reading."""
    if pos not in _COMPATIBLE or not word[:1].isalpha():
        return pos, feats
    parses = [p for p in nlp.parse_word(word.lower()) if p.is_known]
    if not parses:
        return pos, feats
    same_pos = [p for p in parses if p.tag.POS in _COMPATIBLE[pos]]
    if same_pos:
        # `скрягу` read as a nominative: a case pymorphy3 does not allow, where it allows only one
        cases = {CASE_TO_UD.get(p.tag.case) for p in same_pos if p.tag.case}
        if feats.get("Case") and cases and feats["Case"] not in cases and len(cases) == 1:
            return pos, {**feats, "Case": cases.pop()}
        return pos, feats
    best = max(parses, key=lambda p: p.score)
    tag = best.tag
    if tag.POS == "INFN":
        return "VERB", {"VerbForm": "Inf"}
    if tag.POS == "GRND":
        return "VERB", {"VerbForm": "Conv"}
    new = {PYMORPHY_TO_UD[g][0]: PYMORPHY_TO_UD[g][1] for g in tag.grammemes if g in PYMORPHY_TO_UD}
    if tag.case:
        new["Case"] = CASE_TO_UD.get(tag.case, "Nom")
    if tag.POS == "VERB":
        return "VERB", {"VerbForm": "Fin", "Mood": "Ind", **new}
    if tag.POS == "NOUN":
        new["Animacy"] = "Anim" if "anim" in tag else "Inan"
        return "NOUN", new
    if tag.POS in ("ADJF", "PRTF"):
        return ("ADJ" if tag.POS == "ADJF" else "VERB"), ({**new, "VerbForm": "Part"} if tag.POS == "PRTF" else new)
    return pos, feats


def _sentence_ranges(text: str, toks: list[Tok]) -> None:
    from razdel import sentenize

    bounds = [s.start for s in sentenize(text)][1:]
    number = 0
    for tok in toks:
        while number < len(bounds) and tok.start >= bounds[number]:
            number += 1
        tok.sent = number


def _sentences_to_tag(unit: Unit) -> list[tuple[str, ...]]:
    wanted = {unit.toks[m.name_first].sent for m in unit.mentions}
    return [tuple(t.text for t in unit.toks if t.sent == s) for s in sorted(wanted)]
