"""The author's sentence inside a replica, and the speaker's aside (rules of speech.REMARK_RULES, FORMAT.md §2).

Split out of speech.py (round 7). `rule_being_aside`: a `быть` clause inside the speaker's sentence is the speaker's
aside. `rule_and_insertion`: `— И, ни слова не отвечая, тронул лошадь.` — the author's sentence opened by `И,` and an
insertion. `rule_body_subject`: `— Голос его оборвался.` — the speaker's voice or face acting, after a sentence end.
`speech_before_speech_verb`: the words before `, — продолжал Наполеон` are speech, whatever they tell.
"""
from __future__ import annotations

import re

from .nlp import parse_word
from .speech_candidates import Part
from .speech_words import (
    SPEECH_VERBS,
    _SECOND_PERSON,
    _SUBORDINATE,
    _WORD,
    _is_animate_subject,
    _is_name,
    _is_verb,
    _skip_lead,
    _tag,
)


_BEING = frozenset("был была было были".split())
_COMPARISON = frozenset("точно будто словно".split())


def _can_be_past(word: str) -> bool:
    return any(p.tag.POS == "VERB" and "past" in p.tag for p in parse_word(word.lower())[:4])


def _speech_verb_first(part: Part) -> bool:
    """`сказала еще другая дама`, `продолжался разговор`: a verb of speech, or a verb with its subject after it."""
    i = _skip_lead(part.words)
    if i >= len(part.words):
        return False
    return parse_word(part.words[i].lower())[0].normal_form in SPEECH_VERBS or any(
        _tag(w).POS in ("NOUN", "NPRO") and _tag(w).case == "nomn" for w in part.words[i + 1:i + 4])


def rule_being_aside(part: Part) -> bool | None:
    """`Я взял его на руки и, как ребенка, — он был маленький, — подняла`, `— дело было летом`,
    `Отец у него — барин был, старичок`: inside a sentence (after a comma or a bare dash) a clause whose verb
    is `быть` describes, it does not act; it is the speaker's aside. The author's remark after a sentence end
    may describe (`— Где ты? — Он был в страшном волнении`), so that stays with the other rules; `было` before
    another past verb is the particle (`я было позабыл`), not `быть`."""
    if part.after_sentence_end or part.after_quote:
        return None
    words = part.words
    if words and words[0].lower() in _COMPARISON:
        return None  # `как бы в забытьи, – точно и не было тут Вельчанинова`: the author's comparison
    for k in range(_skip_lead(words), min(len(words), 4)):
        word = words[k].lower()
        if word in _BEING:
            before = words[k - 1:k] if k and _tag(words[k - 1]).case != "nomn" else ()  # `дело было`: a subject
            if word == "было" and any(_can_be_past(w) for w in before + words[k + 1:k + 3]):
                return None  # `начала было она`, `я было позабыл`: the particle
            return False if k > 0 else None  # a subject (or an attribute) before `был`
        if _tag(words[k]).POS in ("VERB", "INFN", "GRND"):
            return None  # another verb first: `он думал, что был прав`
    return None


def _past_act(word: str) -> bool:
    """A past finite verb that acts (not `быть`)."""
    return _is_verb(word, "past") and parse_word(word.lower())[0].normal_form != "быть"


def rule_and_insertion(part: Part) -> bool | None:
    """`— И, ни слова не отвечая Бергу, замолкшему подле него, тронул лошадь…`, `— И, как это часто бывает с старыми
    людьми, Кутузов стал…`: after a sentence end, `И,` then an insertion set off by commas, then a past verb (or a
    person and a past verb) opening a clause of a plain sentence: the author's. Not with words to the listener or
    the speaker's `я`/`мы` (`— И, знаете, я ушел.`), nor a thing as subject (`— И, как назло, дождь пошел.`)."""
    if not (part.strict and part.after_sentence_end and re.match(r"И,\s", part.text)):
        return None
    sentence = re.split(r"(?<=[.!?…])\s", part.text, maxsplit=1)[0]
    words = [w.lower() for w in _WORD.findall(sentence)]
    if not sentence.endswith((".", "…")) or (_SECOND_PERSON | {"я", "мы", "мне", "нам"}) & set(words) and not (
            part.narrator and not _SECOND_PERSON & set(words)):
        return None
    if any("impr" in _tag(w).grammemes for w in words):
        return None
    for clause in re.split(r"[,;:]", sentence)[1:]:
        clause_words = tuple(_WORD.findall(clause))
        if not clause_words or clause_words[0].lower() in _SUBORDINATE:
            continue
        j = _skip_lead(clause_words)
        rest = clause_words[j:]
        if rest and _past_act(rest[0]):
            return True
        if len(rest) > 1 and _is_animate_subject(rest[0], rest[1]) and any(_past_act(w) for w in rest[1:4]):
            return True
    return None


# the speaker's voice, face or hands acting: `Голос его оборвался`, `Губы ее задрожали`
_BODY = frozenset("голос голосок губа лицо глаз рука слеза голова бровь подбородок плечо".split())
_POSSESSIVE = frozenset("его ее её их".split())


def rule_body_subject(part: Part) -> bool | None:
    """`— она матушка белока… — Голос его оборвался, и он вдруг старчески всхлипнул.`: after a sentence end a
    sentence whose subject is the voice or a part of the body with `его`/`ее` and a past verb is the author's."""
    if not (part.strict and part.after_sentence_end) or len(part.words) < 3 or not part.words[0][:1].isupper():
        return None
    noun, owner, verb = (w.lower() for w in part.words[:3])
    if owner not in _POSSESSIVE or not _past_act(verb):
        return None
    if any(p.normal_form in _BODY and p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in parse_word(noun)[:3]):
        return True
    return None


def speech_before_speech_verb(part: Part, next_part: Part | None) -> bool:
    """`— …и кем же? — продолжал он. — Он призвал к себе Штейнов… можно бы их употреблять, — продолжал Наполеон`:
    a part closed by `, —` (the next boundary dash; bare dashes inside it are the speaker's) and a verb of speech
    with its subject is what that verb says — the speaker's words, even when it tells of a third person. Only a
    sentence after a sentence end, or the speaker's `я` (`— Ах! представьте, -- я было совсем позабыл рассказать, --
    молвил вдруг Ярослав Ильич`): another lower-case part is the remark's own verb."""
    lead = part.words[_skip_lead(part.words):][:1]
    if not (part.after_sentence_end and part.text[:1].isupper() or lead == ("я",)):
        return False  # `— начал Балашев речь… «Вы смущены — оправьтесь», — как будто сказал Наполеон`: a remark
    if next_part is None or next_part.punct != "," or not next_part.strict:
        return False
    words = next_part.words
    i = _skip_lead(words)
    if i >= len(words) or not words[i][:1].islower():
        return False
    lemma = next((p.normal_form for p in parse_word(words[i].lower()) if p.tag.POS == "VERB"), "")
    return lemma in SPEECH_VERBS and any(_is_animate_subject(w) or _is_name(w) for w in words[i + 1:i + 4])
