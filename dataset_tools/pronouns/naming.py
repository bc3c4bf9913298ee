"""Naming constructions keep the name: `зовут/звали X`, `по имени X`, `фамилия X`, `Я X`, `это я, X`."""
from __future__ import annotations

import re

from .. import nlp
from ..grammar import pronoun_case
from .case import _natasha_case, mention_case
from .edits import Verdict
from .state import State
from .tokens import DASHES, Mention, Unit, _is_end, _next, _prev, at_sentence_start


NAMING_VERBS = {"звать", "называть", "назвать", "прозвать", "прозывать", "величать", "кликать",
                "окрестить", "нарекать", "наречь", "именовать", "прозываться", "называться", "зваться", "дразнить",
                "обзывать", "обозвать",
                "представиться", "представляться", "рекомендоваться", "отрекомендоваться"}


# name-calling verbs: a naming only with the name in the instrumental (`дразнили Геростратом`; not `(дразнит Герасим)`)
CALLING_VERBS = {"дразнить", "обзывать", "обозвать"}


NAMING_NOUNS = {"имя", "фамилия", "прозвище", "кличка", "отчество", "прозвание", "прозванье"}
NAMING_SELF = {"я", "ты", "вы"}
# `моя жена, урожденная Ванценбах`: the maiden name is a naming too
NEE = {"урожденная", "урождённая", "урожденный", "урождённый", "урожд"}

_NAMING_SKIP = {"его", "её", "ее", "меня", "тебя", "вас", "нас", "их", "ему", "ей", "мне", "тебе", "же",
                "мое", "моё", "моя", "твое", "твоё", "твоя", "ваше", "ваша", "её", "—", "–", "-", ":", "ж", "не"}


def _this_is_me(unit: Unit, m: Mention) -> bool:
    """`это я, Вакула, кузнец!`, `Вот я, Петя`: someone names himself after `это я,`; `Это ты, Кузьма?`,
    `Вот ты, Соня, говорила` call the one spoken to (an address, not a naming)."""
    comma = _prev(unit, m.first)
    if comma < 0 or unit.toks[comma].text != ",":
        return False
    me = _prev(unit, comma)
    this = _prev(unit, me) if me >= 0 else -1
    return me >= 0 and unit.toks[me].lower == "я" and this >= 0 and unit.toks[this].lower in ("это", "вот")


def _naming_verb_after(unit: Unit, m: Mention) -> str:
    """`(Петрушкой не назвал)`, `Ванькой звали`: a naming verb right after the name in the
    instrumental (a `не` between); the verb, else ""."""
    k = _next(unit, m.last)
    if k >= 0 and unit.toks[k].lower == "не":
        k = _next(unit, k)
    if k >= 0 and unit.toks[k].is_word and unit.toks[k].lower not in NAMING_NOUNS and _naming_word(unit.toks[k].lower):
        return unit.toks[k].text
    return ""


def _naming_word(word: str) -> bool:
    """A verb or noun of naming (`зовут`, `фамилия`, `представиться`); not the abbreviation `им.`."""
    lemmas = {p.normal_form for p in nlp.parse_word(word) if p.tag.POS in ("VERB", "INFN", "NOUN")
              and "Abbr" not in p.tag} if word else set()
    return bool(lemmas & (NAMING_VERBS | NAMING_NOUNS))


def _answers_naming_question(unit: Unit, m: Mention) -> bool:
    """`А знаешь, как ее зовут? Уилька Чарльзовна Тфайс!`: the name opens the sentence right after a
    question with a naming word (`как зовут?`, `как фамилия?`); it is the answer, the point of the line."""
    after, first = _next(unit, m.last), m.first
    while _prev(unit, first) >= 0 and unit.toks[_prev(unit, first)].is_word \
            and unit.toks[_prev(unit, first)].text[:1].isupper():
        first = _prev(unit, first)  # `Уилька Чарльзовна Тфайс!`: a part of the name the dictionary lacks
    if not at_sentence_start(unit, first) or after >= 0 and not _is_end(unit.toks[after]):
        return False  # the answer is the name alone: `Как фамилия? Лаевский ушёл?` is no answer
    end = _prev(unit, first)
    if end < 0 or not _is_end(unit.toks[end]) or "?" not in unit.toks[end].text:
        return False
    sent = unit.toks[end].sent
    return any(t.sent == sent and t.is_word and _naming_word(t.lower) for t in unit.toks[:end])


def _naming_verb_earlier(unit: Unit, m: Mention) -> bool:
    """`Тебя дразнили Геростратом…, а меня Эфиальтом`, `отца зовут Ильей, а сына — Николаем`: an instrumental
    name after `а`/`и` and a word or dash, in a sentence whose naming verb came earlier; not after a preposition."""
    p = _prev(unit, m.first)
    if p < 0 or unit.toks[p].pos == "ADP" or unit.toks[p].lower in ("с", "со", "за", "над", "под", "перед"):
        return False
    sent = unit.toks[m.first].sent
    link = next((i for i in range(m.first - 1, max(-1, m.first - 5), -1) if unit.toks[i].lower in ("а", "и")), -1)
    return link >= 0 and unit.toks[link].sent == sent and any(
        t.sent == sent and t.is_word and t.pos in ("VERB", "AUX") and _naming_word(t.lower) for t in unit.toks[:link])


def _self_predicate(unit: Unit, m: Mention) -> bool:
    """`Я не купец, а царь Бауакас.`, `Вы не Петров, а Сидоров`: a sentence with no verb, opened by я/ты/вы,
    whose name after `а` is what the speaker says they are."""
    p = _prev(unit, m.first)
    if p >= 0 and unit.toks[p].text in DASHES:
        p = _prev(unit, p)  # `Я не Каширин, а — Пешков`
    if p < 0 or unit.toks[p].lower != "а":
        return False
    sent = unit.toks[m.first].sent
    words = [t for t in unit.toks if t.sent == sent and t.is_word]
    # `не Y, а X`: not `Я-то хитёр, да глуп, а Яков так себе`
    return bool(words) and words[0].lower in NAMING_SELF and any(t.lower == "не" and t.sent == sent for t in unit.toks[:p]) and not any(
        t.pos in ("VERB", "AUX") or t.feat("VerbForm") == "Fin" for t in words)


def keep_naming_construction(unit: Unit, m: Mention, state: State) -> list[Verdict] | None:
    """`зовут/звали X`, `по имени X`, `фамилия X`, `Я X`: the name is the point, it stays."""
    case = mention_case(unit, m, state) if pronoun_case(state.person, m.value) else _natasha_case(unit, m)
    if case not in (None, "nomn", "ablt"):
        return None
    if case in (None, "nomn") and _this_is_me(unit, m):
        return [Verdict(keep_naming_construction, f"это я, {m.key}")]
    if case in (None, "nomn") and _answers_naming_question(unit, m):
        return [Verdict(keep_naming_construction, f"(как зовут?) {m.key}")]
    after = _naming_verb_after(unit, m)
    if case == "ablt" and after:
        return [Verdict(keep_naming_construction, f"{m.key} {after}")]
    if case == "ablt" and _naming_verb_earlier(unit, m):
        return [Verdict(keep_naming_construction, f"(назвали …, а …) {m.key}")]
    if case in (None, "nomn") and _self_predicate(unit, m):
        return [Verdict(keep_naming_construction, f"я не …, а {m.key}")]
    if _copula_predicate(unit, m):
        return [Verdict(keep_naming_construction, f"(он остался / стал) {m.key}")]
    j, skipped = _prev(unit, m.first), []
    while j >= 0 and unit.toks[j].lower in _NAMING_SKIP and len(skipped) < 2:
        skipped.append(unit.toks[j].lower)
        j = _prev(unit, j)
    if j < 0 and not skipped and _naming_word(unit.word_before_remark.lower()):
        # `позвольте представиться (сказал он) Иван Ильич Шамохин`: the naming verb before the remark
        return [Verdict(keep_naming_construction, f"{unit.word_before_remark} (…) {m.key}")]
    if j < 0:
        return None
    word = unit.toks[j].lower
    if word in NAMING_SELF:
        # `Я Наташа.`, `Я Борис, сын…`, `Ты — не Каширин, ты — Пешков`; not `я m-me Jacquot никакой не знал`
        n = _next(unit, m.last)
        if case != "nomn" or m.has_title or any(s not in DASHES and s != "не" for s in skipped) \
                or n >= 0 and unit.toks[n].is_word:
            return None
    else:
        # not the abbreviation `им.` (имени) read into the pronoun `им`: `(крикнул им Самойленко)`
        if not _naming_word(word) and word not in NEE:
            return None
        if case != "ablt" and {p.normal_form for p in nlp.parse_word(word)} & CALLING_VERBS:
            return None  # `(дразнит Герасим)`: he is the one who teases
    return [Verdict(keep_naming_construction, f"{unit.toks[j].text} {m.key}")]


_LATIN = re.compile(r"[A-Za-zÀ-ÿŒœÆæ'’-]+")


def keep_in_foreign_sentence(unit: Unit, m: Mention, state: State) -> list[Verdict] | None:
    """`au service de Bonaparte`, `courtisan de l'Empereur Alexandre`: a name in Latin script inside a sentence
    of French (the word before it a lower-case Latin word, most words of the sentence Latin) stays, as the French speech around it does; a call
    in French (`Au revoir, Beauché;`) went before this rule (remove_address)."""
    names = [t for t in unit.toks[m.name_first:m.last + 1] if t.is_word]
    p = _prev(unit, m.first)
    if not names or not all(_LATIN.fullmatch(t.text) for t in names) or p < 0:
        return None
    before = unit.toks[p]
    if not before.is_word or not _LATIN.fullmatch(before.text) or not before.text[:1].islower():
        return None
    sent = unit.toks[m.name_first].sent
    words = [t for t in unit.toks if t.sent == sent and t.is_word and t.mention < 0]
    latin = sum(bool(_LATIN.fullmatch(t.text)) for t in words)
    if 2 * latin <= len(words):
        return None  # `И потом l'abbé Morio; вы знаете это`: a Russian sentence, the name is replaced
    return [Verdict(keep_in_foreign_sentence, f"{before.text} {m.key}")]


# Verbs linking a subject to what it is: `он и остался теперь Пселдонимов`, `она стала Ивановой`.
COPULAS = {"остаться", "оставаться", "стать", "становиться", "сделаться", "делаться", "оказаться", "оказываться",
           "быть", "бывать"}
_BETWEEN_COPULA = {"и", "же", "ж", "теперь", "уже", "уж", "так", "навсегда", "опять", "снова", "тогда", "все", "всё"}


def _copula_predicate(unit: Unit, m: Mention) -> bool:
    """`так что он и остался теперь Пселдонимов`: the name in the nominative or instrumental right after a
    linking verb (`остаться`, `стать`, `быть`) whose subject, a pronoun, stands before it, is what that person is
    called, not a person doing anything (not `остался Петя один`: there the name is the subject)."""
    k = _prev(unit, m.first)
    while k >= 0 and unit.toks[k].lower in _BETWEEN_COPULA:
        k = _prev(unit, k)
    if k < 0 or not {p.normal_form for p in nlp.parse_word(unit.toks[k].lower) if p.tag.POS == "VERB"} & COPULAS:
        return False
    j = _prev(unit, k)
    while j >= 0 and unit.toks[j].lower in _BETWEEN_COPULA:
        j = _prev(unit, j)
    return j >= 0 and unit.toks[j].lower in ("он", "она", "оно")
