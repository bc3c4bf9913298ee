"""The words the remark rules of speech.py read: verbs of speech, persons, and pymorphy3 tests.

One home for these word lists and the small morphology tests (a verb and its tense, a name, an
animate subject, the adverbial words that may stand before a remark's verb); the rules that
decide speech or remark stay in speech.py.
"""
from __future__ import annotations

import re

from .nlp import parse_word

_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")

SPEECH_VERBS = frozenset("""
сказать говорить спросить спрашивать ответить отвечать крикнуть кричать закричать вскричать
прошептать шептать прошептывать проговорить заговорить говорить промолвить молвить примолвить продолжать
продолжить заметить замечать подумать думать прибавить прибавлять добавить добавлять возразить
возражать воскликнуть восклицать повторить повторять пробормотать бормотать прокричать
объяснить объяснять подтвердить подтверждать перебить перебивать начать начинать сообщить
отозваться откликнуться заключить произнести произносить пропеть запеть вздохнуть засмеяться
рассмеяться усмехнуться улыбнуться проворчать ворчать буркнуть спохватиться согласиться
соглашаться обратиться обращаться позвать звать окликнуть пояснить пояснять посоветовать
предложить предлагать решить подхватить вставить ввернуть упрекнуть напомнить крикивать
переспросить переспрашивать доложить докладывать выговорить
""".split())
# The narrator's own present (`— прошу я старика`): verbs of speech and `просить` (not in SPEECH_VERBS:
# `— Он просит, — сказал он` and `я попросил` are the speaker's).
FIRST_PERSON_REMARK_VERBS = SPEECH_VERBS | frozenset(["просить"])
# Pronouns that name the listener or the speaking group: a part that has them is speech.
_SECOND_PERSON = frozenset("ты тебя тебе тобой тобою вы вас вам вами твой твоя твое твоё твои "
                           "твоего твоей твоему твоим твоих ваш ваша ваше ваши вашего вашей "
                           "вашему вашим ваших".split())
_THIRD_PERSON_SUBJECTS = frozenset("он она оно они".split())
_NOT_SUBJECTS = frozenset("кто что это то все всё никто ничто каждый сам сама сами".split())
_MOMENT = frozenset("минута минутный мгновение секунда молчание слово".split())
_SOMEONE = frozenset("кто-то кто-нибудь кто-либо некто".split())
# `— скажут другие`, `— говорят многие`: people named by a pronoun, the subject of a verb of speech only
# (`— Я уйду, — останутся другие.` is the speaker's)
PEOPLE = frozenset("другие иные некоторые многие".split())
_SUBORDINATE = frozenset("как что чтобы который которая которое которые когда если где куда будто".split())


def _first_clause_words(text: str) -> tuple[str, ...]:
    """Words of the first clause; a clause of only conjunctions or an oblique attribute
    (`И, разобрав вожжи,`, `пронзительным, скрипучим голосом сказала`) is read on into the next,
    and so is a lone adverb with the insertion after it (`быстро, как всегда, проговорил Алеша`)."""
    clauses = re.split(r"([,;:.!?…(—–])", text)
    words: list[str] = []
    insertion = False  # the clause just read was `как всегда` after a lone adverb
    for k in range(0, len(clauses), 2):
        words.extend(_WORD.findall(clauses[k]))
        separator = clauses[k + 1] if k + 1 < len(clauses) else ""
        if separator != "," or not words or len(words) > 6:
            break
        if insertion or all(_lead_only(w) for w in words):
            insertion = False
            continue
        insertion = (len(words) == 1 and _tag(words[0]).POS in ("ADVB", "ADJS") and k + 2 < len(clauses)
                     and bool(re.fullmatch(r"\s*как(?:\s+[а-яё]+){1,3}\s*", clauses[k + 2])))
        if not insertion:
            break
    return tuple(words)


def _lead_only(word: str) -> bool:
    # Only a bare `И,` `А,` `Но,`: after `ну,` `впрочем,` `бывало,` the speaker goes on (`— ну, она секла`).
    if word.lower() in ("и", "а", "но", "да"):
        return True
    tag = _tag(word)
    return tag.POS in ("ADJF", "PRTF") and tag.case not in ("nomn", None)


def _tag(word: str):
    return parse_word(word.lower())[0].tag


def _is_verb(word: str, *grams: str) -> bool:
    tag = _tag(word)
    return tag.POS == "VERB" and all(g in tag for g in grams)


def _is_name(word: str) -> bool:
    if not word[:1].isupper():
        return False
    if re.fullmatch(r"[A-Za-z-]+", word):
        return True
    return any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parse_word(word.lower())[:3])


def _is_subject(word: str) -> bool:
    low = word.lower()
    if low in _THIRD_PERSON_SUBJECTS:
        return True
    if low in _NOT_SUBJECTS or low == "я":
        return False
    if _is_name(word):
        return True
    tag = _tag(word)
    return tag.POS == "NOUN" and tag.case == "nomn"


# `ворчливо`, `тихо` are often parsed as short adjectives (ADJS); before a verb they are adverbs.
_LEAD_POS = ("CONJ", "PRCL", "ADVB", "INTJ", "COMP", "ADJS")


def _skip_lead(words: tuple[str, ...]) -> int:
    """Index of the first word after leading conjunctions, particles and adverbs (И, вдруг, тихо)."""
    i = 0
    if len(words) > 3 and words[0] == "Вслед" and words[1] == "за":  # `Вслед за сими словами Чуб почувствовал`
        words = words[1:]
        i = 1
    if len(words) > 2 and (words[0] in ("При", "После", "Через", "за") or words[0] == "при" and words[1] in ("этом", "сем")) and (
            # `При этом`, `Через минуту`; after a comma `, – при этом он … кинул на пол обрезок кожи. –` (Детство)
            {"NPRO", "Apro"} & _tag(words[1]).grammemes or parse_word(words[1].lower())[0].normal_form in _MOMENT):
        k = 1
        while k < 3 and _tag(words[k]).POS in ("NPRO", "NOUN", "ADJF") and _tag(words[k]).case not in ("nomn", None):
            k += 1
        i = i + k if k > 1 else 0
    while i < len(words) and i < 4:
        if _tag(words[i]).POS in _LEAD_POS and not _is_name(words[i]):
            i += 1
        else:
            break
    return i


def _find_verb(words: tuple[str, ...], limit: int = 6) -> int | None:
    """Index of a verb preceded only by adverbial words (`не раз с отчаянием восклицал`)."""
    for i, word in enumerate(words[:limit]):
        tag = _tag(word)
        if tag.POS == "VERB":
            return i
        if _is_name(word) or word.lower() in _THIRD_PERSON_SUBJECTS or word.lower() in ("я", "мы"):
            return None
        if i == 0 and _verb_tag(word) is not None and len(words) > 1 and _is_animate_subject(words[1]):
            return i  # `начала старуха`: a verb that pymorphy3 reads first as a noun (начало)
        adverbial = tag.POS in _LEAD_POS + ("PREP", "NUMR") or (
            tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO") and tag.case not in ("nomn", None))
        if not adverbial:
            return None
    return None


def _verb_tag(word: str):
    """The tag of `word` as a finite verb, or None; a noun reading first (`начала`) may yield to a verb."""
    parses = parse_word(word.lower())
    if parses[0].tag.POS == "VERB":
        return parses[0].tag
    if parses[0].tag.POS != "NOUN":
        return None
    return next((p.tag for p in parses[1:3] if p.tag.POS == "VERB"), None)


def _is_animate_subject(word: str, after: str | None = None) -> bool:
    """A person: он, a name, an animate noun; with `after` also `кто-то`, `городовой` (not `важное`)."""
    if word.lower() in _THIRD_PERSON_SUBJECTS or _is_name(word):
        return True
    tag = _tag(word)
    if tag.POS == "NOUN" and tag.case == "nomn" and "anim" in tag:
        return True
    return after is not None and (word.lower() in _SOMEONE or _substantive(word, after))


def _substantive(word: str, after: str) -> bool:
    if len(word) < 4 or after and _tag(after).POS in ("NOUN", "ADJF") or _tag(word).POS in _LEAD_POS + ("PREP",):
        return False
    return any(p.tag.case == "nomn" and p.tag.number == "sing" and p.tag.gender in ("masc", "femn") and not {"Apro", "Abbr", "Name"} & p.tag.grammemes and (
        p.tag.POS == "ADJF" or p.tag.POS == "NOUN" and "anim" in p.tag) for p in parse_word(word.lower())[:8])


def _narrative_verb(word: str) -> bool:
    """Past indicative, or narrative present/future in the 3rd person."""
    tag = _verb_tag(word)
    if tag is None or "impr" in tag:
        return False
    return "past" in tag or "3per" in tag
