"""Checks of review.tsv on the phrase around a new pronoun (issue 9, round 5, from lines of books no
gold table uses): a pronoun in the nominative hanging on a noun (`созданий я!`), a pronoun after a
naming word (`урожденная я`), an order taken for a person (`и меня имею` for `и Станислава имею`),
a name in apposition removed as an address (`моя жена урожденная…` for `моя жена, Луиза, урожденная…`),
a new pronoun in lower case opening a sentence. Each reads only the source line and the rewrite.
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp
from ..grammar import PERSONAL, POSSESSIVE
from .words import NAME_GRAMMEMES, NAMING_WORDS, Pair, _boundary, is_pronoun

Span = tuple[int, int]


@cache
def _genitive_only(word: str) -> bool:
    """A common noun pymorphy3 reads only in the genitive (`созданий`): one that owns what follows,
    not the instrumental or locative of a remark's manner (`с досадой я`, `на дороге я`)."""
    parses = [p for p in nlp.parse_word(word) if p.score >= 0.05]
    return bool(parses) and all(p.tag.POS == "NOUN" and p.tag.case in ("gent", "gen2", "accs") for p in parses) \
        and any(p.tag.case in ("gent", "gen2") for p in parses)  # an animate accusative is the genitive's form


def nominative_after_oblique_noun(pair: Pair) -> list[Span]:
    """`из архитектурных созданий я!` for `созданий Леандра!`: a new я/ты right after a kept noun in
    the genitive, ending the sentence: no verb takes it as a subject; the name owned the noun
    (мой/твой). (`умерла от родов я, а…`, `сказал с досадой я` are subjects after the verb.)"""
    nominative = PERSONAL[pair.person]["nomn"]
    words = pair.out_words
    found = []
    for j in range(1, len(words)):
        word, prev = words[j], words[j - 1]
        after = pair.out[word.stop:word.stop + 1]
        if pair.changed[j] and not pair.changed[j - 1] and word.low == nominative \
                and pair.out[prev.stop:word.start] == " " and (after == "" or after in ".!?…") \
                and _genitive_only(prev.low):
            found.append((j - 1, j))
    return found


_MORE_NAMING = {"урожденная", "урожденный", "урожденной", "урожденного", "прозванный", "прозванная", "по"}


def pronoun_after_naming_word(pair: Pair) -> list[Span]:
    """`моя жена урожденная я`, `фамилия гусара была я`: a new pronoun one or two words after a word
    that names (урожденная, фамилия, зовут): the name was being told, which stays (FORMAT.md §6)."""
    words = pair.out_words
    found = []
    for j, word in enumerate(words):
        if not pair.changed[j] or not is_pronoun(word, pair.person):
            continue
        for k in range(max(0, j - 2), j):
            if re.search(r"[.!?…()]", pair.out[words[k].stop:word.start]):
                continue  # `Как фамилия? (спросил я)`: the naming word is in another sentence
            low = words[k].low
            if not pair.changed[k] and (low in NAMING_WORDS or low in _MORE_NAMING and low != "по"
                                        or low == "по" and k + 1 < j and words[k + 1].low in ("имени", "фамилии")):
                found.append((k, j))
                break
    return found


# Orders named like saints (Станислав, Анна, Владимир, Георгий) and the words that go with an order.
ORDER_NAMES = {"станислав", "станислава", "станиславу", "станиславом", "анна", "анну", "анны", "анной", "владимир",
               "владимира", "владимиру", "владимиром", "георгий", "георгия", "георгию", "георгием"}
ORDER_WORDS = {"имею", "имеет", "имел", "имеешь", "получил", "получила", "получить", "получу", "дали", "дадут",
               "дать", "наградили", "пожаловали", "повесили", "степени", "шею", "шее", "бантом", "петлицу",
               "орден", "ордена", "кавалер"}


def order_taken_for_person(pair: Pair) -> list[Span]:
    """`и меня имею` for `и Станислава имею`, `получил мне` for `получил Анну`: a name of an order
    (Станислав, Анна, Владимир, Георгий) replaced beside a word of orders (имею, получил, степени,
    на шее, с бантом): an order, not a person."""
    found = []
    for op, i1, i2, j1, j2 in pair.opcodes:
        if op != "replace" or not any(w.low in ORDER_NAMES and w.text[:1].isupper() for w in pair.src_words[i1:i2]):
            continue
        near = {w.low for w in pair.src_words[max(0, i1 - 2):i2 + 3]}
        if near & ORDER_WORDS:
            found.append((j1, max(j1, j2 - 1)))
    return found


@cache
def _person_noun(word: str) -> bool:
    """An animate common noun (`жена`, `сын`), not a name."""
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS == "NOUN" and "anim" in parses[0].tag \
        and not NAME_GRAMMEMES & parses[0].tag.grammemes and parses[0].score >= 0.3


# Deliberately separate from pronouns/address.ENDEARMENTS (the rules' choice). Nouns one calls a listener by (an address may follow them: `брат, Петя,`), and `бог` of `ради бога`.
_CALLING_NOUNS = {"бог", "бога", "боже", "господи", "брат", "братец", "братцы", "батюшка", "матушка", "барин", "барыня",
                  "сударь", "сударыня", "друг", "дружок", "голубчик", "голубушка", "отец", "мать", "мамаша", "папаша",
                  "дядя", "тетя", "дяденька", "тетенька", "мамочка", "папочка", "господа", "ребята", "детки"}
_OWNERS = {"мой", "моя", "мое", "моё", "мои", "твой", "твоя", "наш", "наша", "ваш", "ваша", "его", "ее", "её", "их"}


def apposition_removed_as_address(pair: Pair) -> list[Span]:
    """`моя жена урожденная…` for `моя жена, Луиза, урожденная…`, `сын мой, ученик` for `сын мой,
    Нафанаил, ученик`: a name set off by commas right after a noun of a person (with its possessive)
    was removed as an address; it named that person (an apposition), so it becomes the pronoun."""
    found = []
    src = pair.src_words
    for op, i1, i2, j1, _ in pair.opcodes:
        if op != "delete" or not 0 < i1 < i2 < len(src) or not src[i1].text[:1].isupper():
            continue
        if pair.source[src[i1 - 1].stop:src[i1].start].strip() != "," or "," not in pair.source[src[i2 - 1].stop:src[i2].start]:
            continue
        k = i1 - 1
        if src[k].low in _OWNERS and k > 0:
            k -= 1
        if src[k].low in _CALLING_NOUNS or _boundary(pair.source, src[k].start) is not None:
            continue  # `Батюшка, Петр Петрович, что с вами`, `ради бога, Петя,`: an address after an address
        if _person_noun(src[k].low) and pair.source[src[k].stop:src[k + 1].start].strip() in ("", ","):
            found.append((max(0, j1 - 1), min(j1, len(pair.out_words) - 1)))
    return found


def new_pronoun_in_lower_case(pair: Pair) -> list[Span]:
    """`в казенной палате. я был из` for `палате. Наш отец … был из`: a new pronoun opens a sentence
    (after `.`, `!`, `?`) in lower case where the words it replaced began with a capital."""
    found = []
    for op, i1, i2, j1, j2 in pair.opcodes:
        if op != "replace" or not pair.src_words[i1].text[:1].isupper():
            continue  # `как его? — протоиерея…` -> `— меня…`: the speech went on in lower case
        for j in range(j1, j2):
            word = pair.out_words[j]
            if is_pronoun(word, pair.person) and word.text[:1].islower() and _boundary(pair.out, word.start) in (".", "!", "?"):
                found.append((j, j))
    return found


def name_cut_short(pair: Pair) -> list[Span]:
    """`моих походов Великого` for `походов Карла Великого`, `поклониться мне Христу` for `поклониться
    Младенцу Христу`: the rewrite replaced a capitalised word and kept the capitalised word right after
    it (no punctuation between, not a new sentence): the name (an epithet, a title and a name) was cut,
    one part became the pronoun and the other stayed."""
    found = []
    src, kept = pair.src_words, {i: j for j, i in enumerate(pair.origin) if i is not None}
    for i in range(len(src) - 1):
        word, nxt = src[i], src[i + 1]
        if i in kept or i + 1 not in kept or not word.text[:1].isupper() or not nxt.text[:1].isupper() \
                or pair.source[word.stop:nxt.start] != " " or nxt.text.isupper():
            continue
        if _new_pronoun_before(pair, kept[i + 1]):
            found.append((kept[i + 1], kept[i + 1]))
    return found


def _new_pronoun_before(pair: Pair, j: int) -> bool:
    """A new pronoun or possessive stands among the three out words before j (`мне Христу`, `моих
    походов Великого`: the possessive goes before the whole noun phrase)."""
    return any(pair.changed[k] and (is_pronoun(pair.out_words[k], pair.person)
                                    or pair.out_words[k].low in POSSESSIVE[pair.person]) for k in range(max(0, j - 3), j))


_SELF = {"я", "ты"}
_BETWEEN_SELF = {"не", "же", "ж", "ведь", "и"}


def pronoun_after_self_pronoun(pair: Pair) -> list[Span]:
    """`Я не я, а — я…` for `Я не Каширин, а — Пешков…`, `Я я; а вы…` for `Я княгиня Засекина`: a new
    я/ты right after a kept я/ты (with `не`, `же`, `ведь` between, no comma): the speaker names
    himself (`Я X`, a naming construction, stays: FORMAT.md §6)."""
    words = pair.out_words
    nominative = PERSONAL[pair.person]["nomn"]
    found = []
    for j, word in enumerate(words):
        if not pair.changed[j] or word.low != nominative:
            continue
        k = j - 1
        while k >= 0 and not pair.changed[k] and words[k].low in _BETWEEN_SELF - {"и"}:
            k -= 1
        if k >= 0 and not pair.changed[k] and words[k].low in _SELF \
                and not re.search(r"[,.;:!?…()—–-]", pair.out[words[k].stop:word.start]):
            found.append((k, j))
    return found


def pronoun_before_remark(pair: Pair) -> list[Span]:
    """`Я (сказал сухо князь Андрей)` for `Lise (сказал сухо…)`: the speech before a remark is now only
    the new я/ты: the name was an address (it goes, FORMAT.md §6), not a subject."""
    nominative = PERSONAL[pair.person]["nomn"]
    found = []
    for j, word in enumerate(pair.out_words):
        if pair.changed[j] and word.low == nominative and _boundary(pair.out, word.start) in ("<", ")") \
                and pair.out[word.stop:word.stop + 2].strip()[:1] == "(":
            found.append((j, j))
    return found


PHRASE_CHECKS = [nominative_after_oblique_noun, pronoun_after_naming_word, order_taken_for_person,
                 apposition_removed_as_address, new_pronoun_in_lower_case, name_cut_short,
                 pronoun_after_self_pronoun, pronoun_before_remark]
