"""More checks of review.tsv (issue 9): what an editor circles around a new pronoun that the checks
of checks.py do not look at. Each reads only the source line, the rewrite and the dictionary.
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp
from ..grammar import PERSONAL, POSSESSIVE, QUESTION_WORDS
from .words import NAME_GRAMMEMES, _PRONOUN_CASES, _SENTENCE_END, Pair, _boundary, _title_words, _verb_person, is_pronoun

Span = tuple[int, int]


def possessive_for_subject(pair: Pair) -> list[Span]:
    """`говорил козак Чуб` -> `говорил мой козак`: a new мой/твой where the name it replaced is, by the
    dictionary, a nominative (я/ты): a subject or an apposition, no owner."""
    nominative = PERSONAL[pair.person]["nomn"]
    kept = {i for i in pair.origin if i is not None}
    found = []
    for j, word in enumerate(pair.out_words[:-1]):
        if not pair.changed[j] or word.low not in POSSESSIVE[pair.person] or pair.origin[j + 1] is None:
            continue
        noun = pair.origin[j + 1]  # the noun phrase it now stands before; the name stood just after it
        near = [i for i in range(max(0, noun - 3), min(len(pair.src_words), noun + 5)) if i != noun]
        if any(i not in kept and pair.src_words[i].text[:1].isupper()  # after it, or pre-posed before it
               and pair.values.get(pair.src_words[i].text) == nominative for i in near):
            found.append((j, j + 1))
    return found


def pronoun_alone_exclaimed(pair: Pair) -> list[Span]:
    """`Отец Сисой! (позвал он)` -> `Я! (позвал он)`: a sentence that is now only the new pronoun and
    `!`: a call to someone, an address left as a pronoun."""
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        if not pair.changed[j] or not is_pronoun(word, pair.person):
            continue
        if _boundary(pair.out, word.start) is None:
            continue
        rest = pair.out[word.stop:word.stop + 2]
        if rest[:1] == "!":
            found.append((j, j))
    return found


def dangling_pronoun(pair: Pair) -> list[Span]:
    """`А этот, меня (сказал я)`: a new меня/мне/мной after a comma, with nothing after it before a
    remark, `!`, `?` or the line end: no word governs it (an address or an apposition gone wrong)."""
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        if not pair.changed[j] or not is_pronoun(word, pair.person) or "nomn" in _PRONOUN_CASES[pair.person][word.low]:
            continue
        before = pair.out[:word.start].rstrip()
        after = pair.out[word.stop:].lstrip()
        if before.endswith(",") and (not after or after[0] in "(!?"):
            found.append((max(0, j - 1), j))
    return found


_JOINERS = {"и", "или", "ни", "да"}


def coordinated_cases_differ(pair: Pair) -> list[Span]:
    """`ни меня, ни я`, `мне и я`: two new pronouns joined by и / или / ни … ни in different cases:
    one of the two names was read in the wrong case."""
    found = []
    words = pair.out_words
    cases = _PRONOUN_CASES[pair.person]
    for j in range(len(words) - 2):
        a, mid, b = words[j], words[j + 1], words[j + 2]
        if mid.low not in _JOINERS or not (pair.changed[j] and pair.changed[j + 2]):
            continue
        if is_pronoun(a, pair.person) and is_pronoun(b, pair.person) and not cases[a.low] & cases[b.low]:
            found.append((j, j + 2))
    return found


_REMARK_RE = re.compile(r"\s*\([^()]*\)\s*")


def verb_after_remark_not_agreed(pair: Pair) -> list[Span]:
    """`если я (она назвала мою фамилию) захочет взглянуть`: a new я/ты, a remark in brackets, then a
    3rd-person present/future verb that continues the sentence: its subject is the new pronoun."""
    found = []
    words = pair.out_words
    nominative = PERSONAL[pair.person]["nomn"]
    for j, word in enumerate(words[:-1]):
        if not pair.changed[j] or word.low != nominative:
            continue
        remark = _REMARK_RE.match(pair.out, word.stop)
        if not remark:
            continue
        nxt = next((k for k in range(j + 1, len(words)) if words[k].start >= remark.end()), None)
        if nxt is not None and words[nxt].start == remark.end() and words[nxt].text[:1].islower() \
                and _verb_person(words[nxt].text) == "3":
            found.append((j, nxt))
    return found


def capital_from_lower(pair: Pair) -> list[Span]:
    """`его? — протоиерея Сидонского...` -> `его? — Меня...`: the new pronoun is capitalised where the
    first word it replaced (a title) was in lower case; or `Я` inside a sentence."""
    found = []
    out, src = pair.out_words, pair.src_words
    for op, i1, i2, j1, j2 in pair.opcodes:
        if op != "replace" or not (j1 < j2 and i1 < i2):
            continue
        word = out[j1]
        if not is_pronoun(word, pair.person) or not word.text[:1].isupper():
            continue
        if src[i1].text[:1].islower() or _boundary(pair.out, word.start) is None and pair.out[:word.start].strip():
            found.append((j1, j1))
    return found


_QUESTION_WORDS = QUESTION_WORDS  # a closed class of the language (grammar.py), not a choice of the rules


def pronoun_before_question(pair: Pair) -> list[Span]:
    """`Кто нас моложе? Ариадна, кто?` -> `Я, кто?`: a new я/ты opens a sentence, a comma follows, then
    a question word: the name was an address."""
    found = []
    words = pair.out_words
    nominative = PERSONAL[pair.person]["nomn"]
    for j, word in enumerate(words[:-1]):
        if pair.changed[j] and word.low == nominative and _boundary(pair.out, word.start) is not None \
                and pair.out[word.stop:words[j + 1].start].strip() == "," and words[j + 1].low in _QUESTION_WORDS:
            found.append((j, j + 1))
    return found


def pronoun_after_noun_in_address(pair: Pair) -> list[Span]:
    """`Ты, пан философ Хома, не…` -> `Ты, пан философ я, не…`: a new я right after a common noun
    and before a comma, in a sentence spoken to ты/вы: the address was left."""
    if pair.person != "me":
        return []
    found = []
    words = pair.out_words
    for j in range(1, len(words)):
        word, prev = words[j], words[j - 1]
        if not pair.changed[j] or word.low != "я" or pair.changed[j - 1] or pair.out[word.stop:word.stop + 1] != ",":
            continue
        if pair.out[prev.stop:word.start] != " " or not _animate_noun(prev.text):
            continue
        left = max(pair.out.rfind(ch, 0, word.start) for ch in _SENTENCE_END + "()")
        comma = pair.out.rfind(",", 0, word.start)
        group = [w for w in words[:j] if w.start > comma]
        if comma <= left or not 1 <= len(group) <= 3 or any(w.text[:1].isupper() or w.low in _DETERMINERS
                                                             for w in group):
            continue  # `как вы и ваш помощник я, нет…`: an apposition, not `Ты, пан философ я, не…`
        if any(w.low in ("ты", "вы") for w in words[:j] if w.start > left):
            found.append((j - 1, j))
    return found


_DETERMINERS = {"мой", "твой", "ваш", "наш", "его", "ее", "её", "их", "свой", "этот", "тот", "и", "а", "но"}


@cache
def _animate_noun(word: str) -> bool:
    parses = nlp.parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS == "NOUN" and "anim" in parses[0].tag \
        and not NAME_GRAMMEMES & parses[0].tag.grammemes


def title_left_alone(pair: Pair) -> list[Span]:
    """`Отец Сисой! (позвал он)` -> `Отец! (позвал он)`: a sentence that is now only a title (`отец`,
    `князь`, `пан`), where the source had a name with it: a call cut down to a bare title."""
    found = []
    kept = {i for i in pair.origin if i is not None}
    for j, word in enumerate(pair.out_words):
        i = pair.origin[j]
        if i is None or word.low not in _title_words() or _boundary(pair.out, word.start) is None:
            continue
        rest = pair.out[word.stop:]
        end = len(rest) - len(rest.lstrip(" ,"))
        if rest[end:end + 1] and rest[end] not in _SENTENCE_END + "()":
            continue
        if i + 1 < len(pair.src_words) and i + 1 not in kept and pair.src_words[i + 1].text[:1].isupper():
            found.append((j, j))
    return found


# Kin words: a new меня/тебя right after one reads as nonsense (`дух деда меня`): the name was the
# relative himself (`деда Илариона` -> `моего деда`, `меня`) or his owner (`моего деда`).
KIN_WORDS = frozenset({"дед", "деда", "деду", "дедом", "деде", "дедушка", "дедушки", "дедушку", "дедушкой",
                       "бабушка", "бабушки", "бабушку", "бабушкой", "бабка", "бабки", "бабку", "отец", "отца",
                       "отцу", "отцом", "мать", "матери", "брат", "брата", "брату", "братом", "сестра", "сестры",
                       "сестру", "сестрой", "сын", "сына", "сыну", "сыном", "дочь", "дочери", "дядя", "дяди",
                       "дядю", "дядей", "тётка", "тетка", "тётки", "тетки", "тётку", "тетку", "муж", "мужа",
                       "жена", "жены", "жену", "внук", "внука", "внучка", "внучки", "племянник", "племянника"})


def kin_word_before_pronoun(pair: Pair) -> list[Span]:
    """`Дух деда Илариона` -> `Дух деда меня`, `до отца меня`: a new меня/тебя right after a kin word
    that the rewrite kept: Russian says `моего деда` or `меня`, never `деда меня`."""
    found = []
    words = pair.out_words
    genitive = PERSONAL[pair.person]["gent"]
    for j in range(1, len(words)):
        if pair.changed[j] and words[j].low == genitive and not pair.changed[j - 1] \
                and words[j - 1].low in KIN_WORDS and pair.out[words[j - 1].stop:words[j].start] == " ":
            found.append((j - 1, j))
    return found


@cache
def _plain_adjective(word: str) -> bool:
    """pymorphy3 reads the word first as a relative adjective, not a qualitative one, a pronoun or a
    numeral (`гоголевский`, `настоящий`; not `бедный`, `аккуратнейшая`, `сам`, `один`, `весь`:
    `бедный я` is a person described)."""
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS == "ADJF" and not {"Apro", "Anum", "Qual", "Supr"} & parses[0].tag.grammemes


def adjective_before_pronoun(pair: Pair) -> list[Span]:
    """`гоголевский Петрушка` -> `гоголевский я`, `настоящий Гамлет` -> `настоящий я`: a kept adjective
    right before a new pronoun: a pronoun takes no adjective, so the name was a type or a title."""
    found = []
    words = pair.out_words
    for j in range(1, len(words)):
        prev = words[j - 1]
        if pair.changed[j] and is_pronoun(words[j], pair.person) and not pair.changed[j - 1] \
                and prev.text[:1].islower() and pair.out[prev.stop:words[j].start] == " " and _plain_adjective(prev.low):
            found.append((j - 1, j))
    return found


CONTEXT_CHECKS = [possessive_for_subject, pronoun_alone_exclaimed, dangling_pronoun, coordinated_cases_differ,
                  verb_after_remark_not_agreed, capital_from_lower, pronoun_before_question,
                  pronoun_after_noun_in_address, title_left_alone, kin_word_before_pronoun,
                  adjective_before_pronoun]
