"""Checks of review.tsv that an editor would apply to any replaced word (issue 9, round 8): the grammar
around the new pronoun — what case an address takes, how Russian names an owner, what a kept possessive
belonged to, and whether the replaced word was a name at all. They read the source line and the rewrite
only, never the rule that wrote the line (the round's sample, tests/data/time_gold_fresh7.tsv, showed that
checks built from one rule's mistakes do not carry over to new books).
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp
from ..grammar import PERSONAL
from .words import Pair, is_pronoun

Span = tuple[int, int]
# Nouns that take a personal pronoun in the genitive as a part of the person (`часть меня`, `половина
# тебя`), and the words after which a genitive is governed, not owned (`нет меня`, `много тебя`).
_PART_NOUNS = {"часть", "части", "половина", "половину", "половины", "доля", "кусок", "кусочек", "частица",
               "частицу", "тень", "след", "следа"}
_POSSESSIVES = {"мой", "моя", "мое", "моё", "мои", "твой", "твоя", "твое", "твоё", "твои", "наш", "наша", "наше",
                "наши", "ваш", "ваша", "ваше", "ваши", "свой", "своя", "свое", "своё", "свои"}
_GAP = re.compile(r"\s*")


def _between(pair: Pair, a: int, b: int) -> str:
    return pair.out[pair.out_words[a].stop:pair.out_words[b].start]


@cache
def _imperative(word: str) -> bool:
    """`посиди`, `ступай`, `смотрите`: pymorphy3's best reading is an imperative."""
    parses = nlp.parse_word(word)
    return bool(parses) and "impr" in parses[0].tag


def oblique_address(pair: Pair) -> list[Span]:
    """`Меня, посиди со мной` for `Мари, посиди со мной`: a new меня/мне/мной (not the nominative) set
    off by a comma right beside an imperative: the place of an address, and an address is in the
    nominative (`Ты, посиди`) or goes away. (`Мне, знаете, скучно` has no imperative; `Дай мне, дай`
    has no comma between verb and pronoun.)"""
    found = []
    words = pair.out_words
    nominative = PERSONAL[pair.person]["nomn"]
    for j, word in enumerate(words):
        if not pair.changed[j] or not is_pronoun(word, pair.person) or word.low == nominative:
            continue
        if j and _preposition(words[j - 1].low):
            continue  # `Сходи ко мне, поздравь`: governed, no address
        if j and _verb(words[j - 1].low) and not _between(pair, j - 1, j).strip():
            continue  # `Скажи мне, дай`: the object of the verb before it
        after = j + 1 < len(words) and _between(pair, j, j + 1).strip() == "," and _imperative(words[j + 1].low)
        before = j > 0 and _between(pair, j - 1, j).strip() == "," and _imperative(words[j - 1].low) \
            and (j + 1 == len(words) or _between(pair, j, j + 1).strip()[:1] in tuple(",.!?…)")) \
            and not (j > 1 and _between(pair, j - 2, j - 1).strip() == ",")  # `Это, кажись, меня!`: parenthetical
        opening = _opens_speech(pair, j) and _between(pair, j, j + 1).strip() == "," if j + 1 < len(words) else False
        if after or before or opening and _nominative_source(pair, j):
            found.append((j, j + 1) if after or opening else (j - 1, j))
    return found


def _opens_speech(pair: Pair, j: int) -> bool:
    """The word opens the line or a sentence of it."""
    head = pair.out[:pair.out_words[j].start].rstrip(" —–-«\"")
    return not head or head.endswith(("<char>", ".", "!", "?", "…", ")"))


@cache
def _nominative(word: str) -> bool:
    """`Мари`, `Петя`: pymorphy3 reads the word in the nominative, or does not know it (a foreign name)."""
    parses = nlp.parse_word(word)
    return not parses or any(p.tag.case in ("nomn", "voct") or "Fixd" in p.tag for p in parses)


def _nominative_source(pair: Pair, j: int) -> bool:
    """`Мари, полно` -> `Меня, полно`: the replaced source words stand where the new word stands and read
    in the nominative: the case of an address, which the rewrite turned oblique (`Пете, знаете, скучно`
    -> `Мне, знаете` does not: Пете is a dative)."""
    for op, i1, i2, j1, j2 in pair.opcodes:
        if op == "replace" and j1 <= j < j2:
            return all(_nominative(w.text) for w in pair.src_words[i1:i2] if w.text[:1].isupper()) \
                and any(w.text[:1].isupper() for w in pair.src_words[i1:i2])
    return False


@cache
def _verb(word: str) -> bool:
    """`скажи`, `дал`: pymorphy3's best reading is a verb (a personal form or an infinitive)."""
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS in ("VERB", "INFN")


@cache
def _object_form(word: str) -> bool:
    """`Петю`, `Машу`: every pymorphy3 reading of the word as a name (as a noun if it has none) is an
    accusative: an object, which меня/тебя rightly stand for."""
    parses = [p for p in nlp.parse_word(word) if p.tag.POS == "NOUN"]
    names = [p for p in parses if {"Name", "Surn", "Patr"} & p.tag.grammemes] or parses  # `Машу`, not `машу`
    return bool(names) and all(p.tag.case in ("accs", "acc2") for p in names)


def _object_source(pair: Pair, j: int) -> bool:
    """The source words replaced by the new word j are an accusative object: `Беда Машу не минует`,
    `Отец Петю зовёт` are right (not `Голос Наташи`, a genitive owner, or `дядя Кузьма`, a nominative)."""
    for op, i1, i2, j1, j2 in pair.opcodes:
        if op == "replace" and j1 <= j < j2:
            names = [w.text for w in pair.src_words[i1:i2] if w.text[:1].isupper()]
            return bool(names) and all(_object_form(name) for name in names)
    return False


@cache
def _preposition(word: str) -> bool:
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS == "PREP"


@cache
def _nominative_noun(word: str) -> bool:
    """`голос`, `лицо`: a common noun whose best reading is in the nominative (not a name)."""
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS == "NOUN" and parses[0].tag.case == "nomn" \
        and not {"Name", "Surn", "Patr"} & parses[0].tag.grammemes


def owner_after_noun(pair: Pair) -> list[Span]:
    """`Голос меня оборвался` for `Голос Наташи оборвался`: a new меня/тебя right after a noun in the
    nominative: an owner, which Russian says with мой/твой before the noun (`Мой голос`); not a part
    of the person (`часть меня`) and not when the noun itself is new."""
    found = []
    words = pair.out_words
    genitive = PERSONAL[pair.person]["gent"]
    for j in range(1, len(words)):
        noun = words[j - 1]
        if not pair.changed[j] or words[j].low != genitive or pair.changed[j - 1] or _between(pair, j - 1, j) != " ":
            continue
        if noun.low not in _PART_NOUNS and _nominative_noun(noun.low) and not _object_source(pair, j):
            found.append((j - 1, j))
    return found


def possessive_of_name_left(pair: Pair) -> list[Span]:
    """`Ведь это я наш` for `Ведь это Тихон наш`: the source had a possessive right after the name
    (`Тихон наш`, `Маша моя`), it went with the name, and the rewrite kept it beside the pronoun with
    no noun after it. (`Ты мой!` the source wrote so: nothing was replaced.)"""
    found = []
    words = pair.out_words
    for j in range(len(words) - 1):
        nxt = words[j + 1]
        if not pair.changed[j] or not is_pronoun(words[j], pair.person) or pair.changed[j + 1] \
                or nxt.low not in _POSSESSIVES or _between(pair, j, j + 1) != " ":
            continue
        tail = pair.out[nxt.stop:].lstrip()
        if not tail or tail[0] in ",.!?…;:()—-":
            found.append((j, j + 1))
    return found


@cache
def _function_word(word: str) -> bool:
    """`Который`, `Его`, `Тот` (not `Семейству`, `Лида`): pymorphy3 reads the word, in lower
    case, only as a pronoun, a pronominal adjective, a conjunction, a preposition or a particle."""
    parses = nlp.parse_word(word.lower())
    return bool(parses) and all(p.tag.POS in {"NPRO", "CONJ", "PREP", "PRCL"} or "Apro" in p.tag for p in parses)


def function_word_replaced(pair: Pair) -> list[Span]:
    """`орудием Бога, я повелел` for `орудием Бога, Который повелел`: the replaced source words are
    all pronouns or other function words, one written with a capital (of God, in a title): never a
    name. (`Наша Лида` -> `Я`: a determiner that went with the name.)"""
    found = []
    for op, i1, i2, j1, j2 in pair.opcodes:
        if op != "replace" or j1 >= j2:
            continue
        source = pair.src_words[i1:i2]
        if any(w.text[:1].isupper() for w in source) and all(_function_word(w.text) for w in source):
            found.append((j1, j2 - 1))
    return found


def archaic_be_form(pair: Pair) -> list[Span]:
    """`Я, 9 499 есмь!` for `Маша, 9 499 есть!`: a new `есмь`/`еси`: the rewrite conjugated the
    existential `есть` (there is), which Russian never conjugates today."""
    return [(j, j) for j, w in enumerate(pair.out_words) if pair.changed[j] and w.low in {"есмь", "еси"}]


@cache
def _plain_intransitive(word: str) -> bool:
    """`закричала`, `вздохнул`: a finite verb, intransitive by pymorphy3's best reading, not reflexive
    (`боялся меня`, `испугалась тебя` take the genitive)."""
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS == "VERB" and "intr" in parses[0].tag \
        and not word.endswith(("ся", "сь"))


def oblique_subject_in_remark(pair: Pair) -> list[Span]:
    """`(закричала меня)` for `(закричала мадам Отлетаева)`: a new меня/тебя right after an
    intransitive verb, ending the remark or its clause: the subject, which is in the nominative
    (`закричала я`); a dative stays (`подумалось мне`)."""
    found = []
    words = pair.out_words
    genitive = PERSONAL[pair.person]["gent"]
    for j in range(1, len(words)):
        if not pair.changed[j] or words[j].low != genitive or _between(pair, j - 1, j) != " ":
            continue
        tail = pair.out[words[j].stop:].lstrip()
        if (not tail or tail[0] in ",)") and _plain_intransitive(words[j - 1].low):
            found.append((j - 1, j))
    return found


GRAMMAR_CHECKS = [archaic_be_form, oblique_subject_in_remark, oblique_address, owner_after_noun, possessive_of_name_left, function_word_replaced]
