"""Checks of review.tsv on addresses (issue 9, round 1): a name turned into я/ты where it was an address,
a name removed as an address from a sentence that speaks to no one, and what a removal leaves behind
(a sentence now starting in lower case, dangling punctuation). Listed in checks.CHECKS.
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp
from ..grammar import POSSESSIVE

from .words import Pair, Word, _SENTENCE_END, _boundary, _imperative, _sentence_bounds, _verb_person

Span = tuple[int, int]


def address_left_as_pronoun(pair: Pair) -> list[Span]:
    """`А ты бы, я, жену приласкал`, `— я, хочешь замуж идти?`: a new я/ты set off by commas in a
    sentence spoken to someone (a 2nd-person verb or ты/вы in it): an address that was not removed."""
    if pair.person != "me":
        return []  # in ti lines ты is also the listener: the me line decides
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        if not pair.changed[j] or word.low != "я":
            continue
        after = pair.out[word.stop:word.stop + 2]
        before = pair.out[:word.start].rstrip()
        if not after.startswith(",") or not (before.endswith((",", "—", "<char>")) or before == ""):
            continue
        start, stop = _sentence_bounds(pair.out, word.start)
        if any(start <= w.start < stop and k != j and (w.low in ("ты", "вы") or _verb_person(w.text) == "2"
                                                        or _imperative(w.text)) for k, w in enumerate(words)):
            found.append((j, j))
    return found


_LISTENER_WORDS = {"ты", "вы", "тебя", "тебе", "тобой", "тобою", "вас", "вам", "вами", "пожалуйста", "эй", "спасибо",
                   "извините", "простите", "послушайте", "слушай", "слушайте", "здравствуй", "здравствуйте",
                   "прощай", "прощайте", "ну-с", "голубчик", "голубушка", "батюшка", "матушка", "милая", "милый",
                   # words one calls a listener by, and wishes said to someone
                   "уважаемый", "уважаемая", "брат", "братец", "братцы", "пан", "сударь", "сударыня", "барин",
                   "барыня", "господа", "друг", "дружок", "родной", "родная", "поздравляю", "пойдем", "пойдемте",
                   "давай", "давайте", "годом"}


def address_without_listener(pair: Pair) -> list[Span]:
    """`Ариадна, точно ребенок, не хочет…` -> `Точно ребенок, не хочет…`: a name removed as an
    address from a sentence that speaks to no one (no ты/вы, твой/ваш, imperative or 2nd-person
    verb, greeting or endearment): it was more likely the subject."""
    found = []
    words = pair.out_words
    removed = _removed_names(pair)
    for at in removed:
        start, stop = _sentence_bounds(pair.out, at)
        inside = [w for w in words if start <= w.start < stop]
        if pair.out[stop:stop + 1] == "?":
            continue  # a question asks someone
        if inside and not any(_speaks_to_someone(w) for w in inside) \
                and _verb_without_its_subject([w for w in inside if w.start >= at]):
            j = words.index(inside[0])
            found.append((j, min(j + 2, len(words) - 1)))
    return found


_COMPARISONS = {"как", "точно", "словно", "будто", "вроде", "чем"}


_SUBJECT_PRONOUNS = {"я", "ты", "мы", "вы", "он", "она", "оно", "они", "кто", "это", "все", "всё", "что",
                     "кажется", "видно", "говорят"}  # and parentheticals that are no one's verb


def _verb_without_its_subject(words: list[Word]) -> bool:
    """The words after the removed name hold a verb in the 3rd person singular, present/future or
    past (`не хочет`, `пришел`; not the impersonal `хотелось`), and no subject of its own before or
    after it (`он`, `я`, a noun in the nominative, not one of a comparison: `точно ребенок`): the
    name was that verb's subject, not an address.
    (`Вася, полно!`, `Это ром, Анна Федоровна.`, `Я с ним встретился, Марья Петровна.` have none.)"""
    compared, verb = False, None
    for word in words:
        if word.low in _COMPARISONS:
            compared = True
            continue
        if word.low in _SUBJECT_PRONOUNS:
            return False  # before the verb or after it (`А устал-таки я`, `-повторил я`)
        parses = nlp.parse_word(word.low)
        tag = parses[0].tag if parses else None
        if tag is not None and tag.POS == "VERB" and verb is None:
            verb = "sing" in tag and ("3per" in tag or tag.tense == "past" and "neut" not in tag)
        elif tag is not None and tag.POS == "NOUN" and tag.case == "nomn" and not compared:
            return False  # `гласит пословица`
        compared = compared and tag is not None and tag.POS != "NOUN"
    return bool(verb)


def _removed_names(pair: Pair) -> list[int]:
    """Offsets in the out line where the rewrite deleted a capitalised source word and put nothing
    in its place (an address removed): right after the word before it. Not where the same word
    stands on both sides (`Правда, Лида, правда`: a vocative for sure) or where the name moved
    into a possessive (`голос Ариадны` -> `мой голос`)."""
    points = []
    out = pair.out_words
    opcodes = pair.opcodes
    if any(op in ("insert", "replace") and any(w.low in POSSESSIVE[pair.person] for w in out[j1:j2])
           for op, _, _, j1, j2 in opcodes):
        return []
    for op, i1, i2, j1, _ in opcodes:
        if op != "delete" or not any(w.text[:1].isupper() for w in pair.src_words[i1:i2]):
            continue
        if 0 < j1 < len(out) and out[j1 - 1].low == out[j1].low:
            continue
        point = out[j1 - 1].stop if j1 else 0
        gap = pair.source[pair.src_words[i1 - 1].stop:pair.src_words[i1].start] if i1 else ""
        while any(ch in gap for ch in _SENTENCE_END) and point < len(pair.out) \
                and pair.out[point] in _SENTENCE_END + " ":
            point += 1  # `жить. Ариадна, точно…`: the name began the next sentence (not `Ну что, Турбин?`)
        points.append(min(point, len(pair.out) - 1))
    return points


@cache
def _speaks_to_someone_word(word: str) -> bool:
    low = word.lower()
    if low in _LISTENER_WORDS or low.startswith(("тво", "ваш")):
        return True
    parses = nlp.parse_word(low)
    if any("impr" in p.tag and "excl" in p.tag and p.score >= 0.1 for p in parses):
        return True  # поди, накажи, подай: an imperative by any of its readings
    return bool(parses) and ("impr" in parses[0].tag or "2per" in parses[0].tag) and parses[0].score >= 0.3


def _speaks_to_someone(word: Word) -> bool:
    return _speaks_to_someone_word(word.text)


def lower_case_start(pair: Pair) -> list[Span]:
    """`Садитесь. где мои ключи`, `<char>иди сюда`: a word that now begins a sentence or the line,
    in lower case, where the rewrite changed what stood before it (a remark may start in lower
    case; so may speech after `…` or after a remark)."""
    found = []
    for j, word in enumerate(pair.out_words):
        i = pair.origin[j]
        opener = _boundary(pair.out, word.start)
        if word.text[:1].islower() and opener in (".", "!", "?", "<") and i is not None \
                and _boundary(pair.source, pair.src_words[i].start) != opener:
            found.append((j, j))
    return found


def _after_remark(text: str, at: int) -> bool:
    return text[:at].rstrip().endswith(")")


def broken_punctuation(pair: Pair) -> list[Span]:
    """`Хорошо, , иди`, `<char>, иди`, `( ,`: punctuation left dangling where words were removed."""
    found = []
    for match in re.finditer(r"(?:[,;:]\s*[,;.!?)])|(?:\(\s*[,;])|(?:^<char>\s*[,;:])", pair.out):
        if match.group() not in pair.source:
            j = next((k for k, w in enumerate(pair.out_words) if w.start >= match.start()), len(pair.out_words) - 1)
            found.append((max(0, j - 1), j))
    return found
