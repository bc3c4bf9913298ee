"""Checks of review.tsv on the grammar of the new pronoun (issue 9, round 1): its case after a preposition
or a verb, the preposition's spelling before it, the person of the verb beside it, and two pronouns where
the source had one person's name. Each is a small named function over an aligned Pair, listed in
checks.CHECKS.
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp
from ..grammar import PERSONAL, POSSESSIVE, PREPOSITION_CASES

from .words import (NAME_GRAMMEMES, O_FORMS, Pair, Word, _BARE_FORMS, _PARTICLES, _PRONOUN_CASES, _between,
                   _imperative, _sentence_bounds, _title_words, _verb_person, is_pronoun)

Span = tuple[int, int]


def two_pronouns(pair: Pair) -> list[Span]:
    """`сказал меня я` for `сказал Кузьма Петрович`: two new pronouns side by side where the source
    had one person's name: a first name with a patronymic, a dictionary form of several words, or
    a word the dictionary does not know alone. (`сказал Самойленко Лаевскому` -> `сказал я мне`
    are two people, both in the dictionary: that is the technique.)"""
    found = []
    words = pair.out_words
    for j in range(len(words) - 1):
        a, b = words[j], words[j + 1]
        if not (pair.changed[j] and pair.changed[j + 1] and is_pronoun(a, pair.person) and is_pronoun(b, pair.person)
                and _between(pair, a, b).strip() == ""):
            continue
        source = _source_between(pair, j, j + 1)
        if _one_name(pair, source):
            found.append((j, j + 1))
    return found


def _source_between(pair: Pair, first: int, last: int) -> list[Word]:
    """The source words that the out words first..last stand for (between the copied neighbours)."""
    before = next((pair.origin[k] for k in range(first - 1, -1, -1) if pair.origin[k] is not None), -1)
    after = next((pair.origin[k] for k in range(last + 1, len(pair.out_words)) if pair.origin[k] is not None),
                 len(pair.src_words))
    return pair.src_words[before + 1:after]


def _one_name(pair: Pair, source: list[Word]) -> bool:
    """The source words are one person's name, not two dictionary forms side by side (a title
    may stand before either: `князю Андрею Несвицкий`)."""
    texts = [w.text for w in source if w.low not in _title_words()]
    for cut in range(1, len(texts)):
        lone_patronymic = len(texts) - cut == 1 and _PATRONYMIC_RE.search(texts[cut].lower())
        if _is_key(pair, texts[:cut]) and _is_key(pair, texts[cut:]) and not lone_patronymic:
            return False
    return len(texts) >= 2


# A patronymic, full or colloquial (Петрович, Иваныч, Митрич, Петровна, Ильинична, Савишна).
_PATRONYMIC_RE = re.compile(r"(?:[оеи]вич|[иы]ч|[оеи]вн|[иы]чн|ишн)(?:а|у|ем|ом|е|ой|ою|ы|)$")


def _is_key(pair: Pair, texts: list[str]) -> bool:
    return bool(texts) and texts in pair.names.get(texts[0], ())


def preposition_case(pair: Pair) -> list[Span]:
    """`у я`, `к меня`, `о мной`: a new pronoun in a case its preposition cannot govern."""
    found = []
    words = pair.out_words
    for j in range(1, len(words)):
        prep, word = words[j - 1], words[j]
        cases = PREPOSITION_CASES.get(prep.low)
        if cases and pair.changed[j] and is_pronoun(word, pair.person) \
                and _between(pair, prep, word) == " " and not cases & _PRONOUN_CASES[pair.person][word.low]:
            found.append((j - 1, j))
    return found


def preposition_form(pair: Pair) -> list[Span]:
    """`к мне`, `во тебе`, `со моей`: the preposition's spelling before the new pronoun."""
    found = []
    words = pair.out_words
    for j in range(1, len(words)):
        prep, word = words[j - 1], words[j]
        if _between(pair, prep, word) != " " or not (pair.changed[j] or pair.changed[j - 1]):
            continue
        wrong = False
        if prep.low in O_FORMS:  # ко/со/обо/во: only before мне/мной
            wrong = (is_pronoun(word, pair.person) or word.low in POSSESSIVE[pair.person]) \
                and word.low not in O_FORMS[prep.low][1]
            wrong = wrong or (pair.person == "ti" and is_pronoun(word, "ti"))
        elif prep.low in _BARE_FORMS and pair.person == "me":  # к мне, с мной, о мне, в мне
            wrong = word.low in O_FORMS[_BARE_FORMS[prep.low]][1]
        elif prep.low == "об" and word.low in ("мне", "тебе"):
            wrong = True
        elif prep.low in ("изо", "безо", "ото"):  # из меня, без меня, от моего: never изо/безо/ото
            wrong = is_pronoun(word, pair.person) or word.low in POSSESSIVE[pair.person]
        if wrong:
            found.append((j - 1, j))
    return found


def verb_not_agreed(pair: Pair) -> list[Span]:
    """`я идёт`, `говорит я`, `я и не такие фразы отпускает`: a new я/ты subject with a 3rd-person
    present or future verb in its clause (right before it, or up to six words after it, before
    any other possible subject)."""
    found = []
    words = pair.out_words
    nominative = PERSONAL[pair.person]["nomn"]
    for j, word in enumerate(words):
        if not pair.changed[j] or word.low != nominative:
            continue
        before = _verb_before(pair, j)
        if before is not None:
            found.append((before, j))
            continue
        for k in range(j + 1, min(len(words), j + 7)):
            if _PUNCT_RE.search(pair.out[words[k - 1].stop:words[k].start]):
                break
            if _verb_person(words[k].text) == "3":
                found.append((j, k))
                break
            if _verb_person(words[k].text) or _other_subject(words[k].text):
                break
    return found


_PUNCT_RE = re.compile(r"[,.;:!?…()—–]")


_CLAUSE_JOINERS = {"и", "а", "но", "да", "или", "что", "как", "когда", "если", "чтобы", "пока", "где", "куда"}


def _verb_before(pair: Pair, j: int) -> int | None:
    """The 3rd-person present/future verb before the new subject j in its clause (`говорит басом я`,
    `басит ни с того ни с сего я`: up to four words back, over objects and adverbs, not counting
    particles and prepositions), or None where a
    punctuation mark, a conjunction, another verb or another possible subject comes first."""
    words = pair.out_words
    content = 0
    for k in range(j - 1, -1, -1):
        if _PUNCT_RE.search(pair.out[words[k].stop:words[k + 1].start]) or words[k].low in _CLAUSE_JOINERS:
            return None
        if words[k].low in _PARTICLES or words[k].low in PREPOSITION_CASES:
            continue
        content += 1
        if content > 4:
            return None
        person = _verb_person(words[k].text)
        if person == "3":
            return k
        if person or _other_subject(words[k].text) or _finite_verb(words[k].text):
            return None
    return None


@cache
def _finite_verb(word: str) -> bool:
    parses = nlp.parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS == "VERB"


@cache
def _other_subject(word: str) -> bool:
    """A word that may be the subject of the verb after it instead: он, кто, a singular noun."""
    parses = nlp.parse_word(word.lower())
    tag = parses[0].tag if parses else None
    return tag is not None and tag.case == "nomn" and (tag.POS == "NPRO" or tag.POS == "NOUN" and "sing" in tag)


def verb_without_subject(pair: Pair) -> list[Span]:
    """`она призываю`: a verb the rewrite put in the 1st/2nd person with no new я/ты in its clause."""
    found = []
    words = pair.out_words
    wanted = "1" if pair.person == "me" else "2"
    nominative = PERSONAL[pair.person]["nomn"]
    for j, word in enumerate(words):
        if not pair.changed[j] or _verb_person(word.text) != wanted:
            continue
        start, stop = _sentence_bounds(pair.out, word.start)
        if pair.out[start - 1:start] == ")":  # `я (она назвала фамилию) захочу`: the clause goes on
            opened = pair.out.rfind("(", 0, start)
            start = _sentence_bounds(pair.out, opened)[0] if opened > 0 else start
        if not any(w.low == nominative and start <= w.start < stop and pair.changed[k]
                   for k, w in enumerate(words)):
            found.append((j, j))
    return found


def pronoun_case_in_context(pair: Pair) -> list[Span]:
    """`(спросил мной)`, `Приведите я!`, `псаря мной`: a new pronoun in a case nothing around it
    allows: the instrumental or nominative right after a verb of the remark or an imperative, an
    apposition whose noun cannot be in the pronoun's case."""
    found = []
    words = pair.out_words
    for j in range(1, len(words)):
        word, prev = words[j], words[j - 1]
        if not pair.changed[j] or not is_pronoun(word, pair.person) or _between(pair, prev, word) != " ":
            continue
        cases = _PRONOUN_CASES[pair.person][word.low]
        if "ablt" in cases and _past_or_present_verb(prev.text) or "nomn" in cases and _imperative(prev.text) or not pair.changed[j - 1] and _animate_noun_cases(prev.text) and not cases & _animate_noun_cases(prev.text):
            found.append((j - 1, j))
    return found


@cache
def _past_or_present_verb(word: str) -> bool:
    """спросил, проговорил, говорит: a finite verb that takes no bare instrumental of a person."""
    parses = nlp.parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS == "VERB" and "indc" in parses[0].tag and parses[0].score >= 0.5 \
        and _normal(parses[0]) in SPEECH_VERBS


def _normal(parse) -> str:
    return parse.normal_form.replace("ё", "е")


# Verbs of speech and of the author's remarks: after them a bare pronoun is я/мне/меня, never мной.
SPEECH_VERBS = {"сказать", "спросить", "проговорить", "говорить", "ответить", "отвечать", "крикнуть",
                "закричать", "кричать", "прошептать", "шепнуть", "прибавить", "продолжать", "заметить",
                "воскликнуть", "пробормотать", "промолвить", "возразить", "подхватить", "перебить",
                "начать", "повторить", "спрашивать", "сказывать", "молвить", "проворчать", "буркнуть",
                "отозваться", "согласиться", "усмехнуться", "засмеяться", "вздохнуть", "позвать"}


@cache
def _animate_noun_cases(word: str) -> frozenset:
    """The cases of an animate common noun (`псаря`: gent/accs), for an apposition; empty otherwise."""
    parses = [p for p in nlp.parse_word(word.lower()) if p.score >= 0.2]
    if not parses or parses[0].tag.POS != "NOUN" or "anim" not in parses[0].tag \
            or NAME_GRAMMEMES & parses[0].tag.grammemes:
        return frozenset()
    cases = {p.tag.case for p in parses if p.tag.POS == "NOUN" and "anim" in p.tag}
    cases = {"gent" if c == "gen2" else "loct" if c == "loc2" else "nomn" if c == "voct" else c for c in cases}
    return frozenset(cases)
