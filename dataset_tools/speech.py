"""Split a replica into speech and the author's remarks (FORMAT.md §2).

    split_replica("— Привет, — сказал Вася и улыбнулся, — что у нас сегодня на ужин?")
    -> [Segment("Привет"), Segment("сказал Вася и улыбнулся", remark=True),
        Segment("что у нас сегодня на ужин?")]

A dash inside the replica is a *candidate* boundary. The text after it, up to the next
candidate, is a remark when it reads as the author's narration about the speaker. That
decision is made by the ordered rules in REMARK_RULES: the first rule that returns a verdict
wins, and `explain_replica` says which rule fired (the `--debug-rules` switch).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .formats import Segment
from .grammar import QUESTION_WORDS
from .speech_candidates import (  # noqa: F401  (strip_leading_dash, find_candidates, _SENTENCE_END: imported from here)
    _BOUNDARY_PUNCT,
    _SENTENCE_END,
    _CLOSING_QUOTES,
    LEADING_DASH,
    Candidate,
    Part,
    find_candidates,
    strip_leading_dash,
)
from .nlp import parse_word
from .speech_inner import _speech_verb_first, rule_and_insertion, rule_being_aside, rule_body_subject, speech_before_speech_verb
from .speech_words import (  # noqa: F401  (SPEECH_VERBS, _WORD: imported from here by quoted.py, remarks.py)
    FIRST_PERSON_REMARK_VERBS,
    PEOPLE,
    SPEECH_VERBS,
    _LEAD_POS,
    _MOMENT,
    _NOT_SUBJECTS,
    _SECOND_PERSON,
    _SOMEONE,
    _SUBORDINATE,
    _THIRD_PERSON_SUBJECTS,
    _WORD,
    _find_verb,
    _first_clause_words,
    _is_animate_subject,
    _is_name,
    _is_subject,
    _is_verb,
    _lead_only,
    _narrative_verb,
    _skip_lead,
    _substantive,
    _tag,
    _verb_tag,
)

# ---- rules: each returns True (remark), False (speech) or None (no verdict) ----------------

def rule_empty(part: Part) -> bool | None:
    return False if not part.words else None


def rule_listener_words(part: Part) -> bool | None:
    """`кто знает, что вы обо мне думаете`: words for the listener mean the speaker talks."""
    text = re.sub(r"«[^»]*»?|\"[^\"]*\"?", " ", part.text)  # a remark may quote: `он говорил: «вы…»`
    sentence = re.split(r"(?<=[.!?…])\s", text, maxsplit=1)[0]
    if any(w.lower() in _SECOND_PERSON for w in _WORD.findall(sentence)):
        return False
    return None


def rule_conditional(part: Part) -> bool | None:
    """`я пошел бы к себе`: the conditional mood is the speaker's, not the narrator's."""
    words = [w.lower() for w in part.words]
    conditional = any(w == "бы" and (i == 0 or words[i - 1] not in ("как", "будто", "словно", "точно"))
                      for i, w in enumerate(words))  # `проговорил он как бы с досадой` is narration
    return False if conditional else None


# Not `что`: `— что означало: пуговка` is the author's relative clause; not `как` and `ли` either, and
# `когда` has its own test below.
_QUESTION_WORDS = QUESTION_WORDS - {"что", "как", "когда", "ли"}


def rule_question_word(part: Part) -> bool | None:
    """`— И откуда он взялся`, `— Разве Иртеньева звали?`: a question word opens the speaker's sentence."""
    lead = []  # the first word, and the one after a bare conjunction (`И откуда`, `А когда`)
    for word in part.words[:3]:
        lead.append(word.lower())
        if lead[-1] not in ("и", "а", "но", "да", "ну"):
            break
    if any(w in _QUESTION_WORDS for w in lead):
        return False
    if "когда" in lead and not part.after_sentence_end:
        return False  # `, — когда Михайле выпало…`; after a sentence end `А когда он спросил…` is narration
    return None


def rule_after_remark(part: Part) -> bool | None:
    """After a remark the speech usually goes on (`— Да, — сказал он, — я пойду.`).

    A second remark in a row needs a sentence end before it and a subject of its own:
    `— Готово, — сказал смотритель. — Слуга подтвердил.`
    """
    if not part.after_remark:
        return None
    if part.after_quote and part.punct == "," and _verb_of_speech_and_subject(part.words) and (
            part.text.count(")") <= part.text.count("(")):  # `— подумал он.) С тех пор…`: the author's parentheses end first
        return True  # `…смутил его. «Вы смущены — оправьтесь», — как будто сказал Наполеон`: a quotation inside a remark has its own
    if not part.after_sentence_end:
        return False
    if re.match(r"[^,;.!?…]+,\s*что\b", part.text) and not any(_is_verb(w, "past") for w in part.words):
        return False  # `— Володя говорит, что хорошо выдержал`: the speaker reports someone's words
    if re.split(r"(?<=[.!?…])\s", part.text, maxsplit=1)[0].endswith("?"):
        return False  # `— У тебя-то откуда жалость взялась?`: a question is the speaker's
    if rule_gerund_first(part):
        return True
    i = _skip_lead(part.words)
    if i < len(part.words) and part.words[0][:1].isupper() and _inanimate_noun(part.words[i]):
        return False  # `— ответил чёрт. — Штат нисколько не изменился...`: a thing, not a person, is the speaker's
    return bool(rule_subject_then_verb(part))


def _verb_of_speech_and_subject(words: tuple[str, ...]) -> bool:
    """`как будто сказал Наполеон`: lower case, a past verb of speech, then its subject."""
    i = _find_verb(words) if words and words[0][:1].islower() else None
    return i is not None and _is_verb(words[i], "past") and parse_word(words[i].lower())[0].normal_form in SPEECH_VERBS and any(
        _is_subject(w) for w in words[i + 1:i + 4])


def _inanimate_noun(word: str) -> bool:
    tag = _tag(word)
    return tag.POS == "NOUN" and tag.case == "nomn" and "inan" in tag and not _is_name(word)


def _verb_after_insertion(text: str, subject: str) -> bool | None:
    """`И папа, как мне показалось, …, вышел`: the subject's past verb (not `быть`) opens a later clause."""
    sentence = re.split(r"(?<=[.!?…])\s", text, maxsplit=1)[0]
    clauses = [_WORD.findall(c) for c in re.split(r"[,;:]", sentence)[1:]]
    if not sentence.endswith(".") or sum(map(len, clauses)) and any(
            {"2per", "impr"} & _tag(w).grammemes for c in clauses for w in c):
        return None  # `А Маша, знаешь, приехала.`: words to the listener
    seen = 0
    for clause in clauses:
        j = _skip_lead(tuple(clause))
        if clause and clause[0].lower() not in _SUBORDINATE and j < len(clause) and seen + j < 12:
            verb = clause[j]
            subj, tag = _tag(subject), _tag(verb)
            agrees = "plur" in tag if subj.number == "plur" else subj.gender is None or tag.gender == subj.gender
            if _is_verb(verb, "past") and agrees and parse_word(verb.lower())[0].normal_form != "быть":
                return True
        seen += len(clause)
    return None


def rule_capital_after_comma(part: Part) -> bool | None:
    """After `,` a remark starts in lower case unless it starts with a name."""
    first = part.words[0]
    if part.punct and not part.after_sentence_end and first[:1].isupper() and not _is_name(first):
        return False
    return None


def rule_gerund_first(part: Part) -> bool | None:
    """`улыбаясь, ответил он`, `помолчав`: a gerund phrase is the author's, also after `весь` agreeing with the
    speaker (`— вся как будто содрогаясь от ненависти, прибавила Грушенька`)."""
    i = _skip_lead(part.words)
    if i + 1 < len(part.words) and part.words[i].lower() in _WHOLE:
        i += 1 + _skip_lead(part.words[i + 1:])
    if i < len(part.words) and _tag(part.words[i]).POS == "GRND":
        if _noun_before_verb(part.words, i):
            return None  # `хромая-то вовсе отстала`: an adjective or noun, the subject of a verb
        return True
    return None


_WHOLE = frozenset("весь вся всё все".split())


def _noun_before_verb(words: tuple[str, ...], i: int) -> bool:
    """A gerund form that also reads as a nominative noun/adjective, with a finite verb after it."""
    nominal = any(p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "nomn"
                  for p in parse_word(words[i].lower().removesuffix("-то"))[:4])
    return nominal and any(_tag(w).POS == "VERB" for w in words[i + 1:i + 4])


def rule_speaking_verb_first(part: Part) -> bool | None:
    """`сказал Вася`, `крикнул он`, `тихо проговорил он`: a narrative verb, then its subject."""
    words = part.words
    i = _find_verb(words)
    if i is None:
        return None
    lemma = next((p.normal_form for p in parse_word(words[i].lower()) if p.tag.POS == "VERB"), "")
    speech_verb = lemma in SPEECH_VERBS
    if part.narrator and lemma in FIRST_PERSON_REMARK_VERBS and part.punct and not part.after_quote and words[0][:1].islower() and words[i + 1:i + 2] == ("я",) and _is_verb(
            words[i], "1per", "sing") and not _is_verb(words[i], "past"):
        # `— Расскажи сказку... — прошу я старика.`: the narrator's present (`говорю я`), only in a book told in
        # the first person: in «Мать» `Чем он будет? — часто думаю я...` is the speaker's own
        return True
    if not _narrative_verb(words[i]):
        return None
    verb = words[i]
    tag = _verb_tag(verb)
    has_subject = any(_is_subject(w) or w.lower() in ("я", "мы") for w in words[i + 1:i + 5])
    if "past" not in tag:
        if len(words) == 1 and speech_verb and "3per" in tag and part.punct and (
                part.strict and part.text.endswith(",") or re.fullmatch(r"[а-яё]+[,.]", part.text) and not part.after_quote):
            # `— Придёт, — говорит, — завтра.`, `— Мужика Емельяна жена,-- говорит.`: a bare verb of
            # speech set off by dashes or closing the sentence (the dash may be glued to the comma)
            return True
        # Narrative present needs a person right after the verb (`вздыхает бабушка`,
        # `говорит он`); `остается теперь только`, `существует обстоятельство` are speech.
        # `говорит городовой`, `думает вслух часовой`, `кричит кто-то`: only at a real boundary
        k = i + 1 + (i + 2 < len(words) and _tag(words[i + 1]).POS == "ADVB")
        person = part.punct and k < len(words) and (_is_animate_subject(words[k], (words + ("",))[k + 1])
                                                     or speech_verb and words[k] in PEOPLE and not part.after_quote)
        if any(_is_animate_subject(w) for w in words[i + 1:i + 3]) or person or (has_subject and speech_verb) or (
                part.punct and _person_after_object(words, i)) or (
                part.strict and (_sound_of_words(verb, part.text) or _voice_speaks(words, i))):
            return True if words[0][:1].islower() or part.after_sentence_end else None
        return False
    if not part.strict:
        # A dash with no punctuation at all before it: only a verb of speech (`Ты куда - спросил он`);
        # `перерезали нерв - закашляла голубушка` is the speaker telling on.
        found = speech_verb if not part.punct else has_subject or speech_verb
        if _EXCLAIMS.search(re.split(r"(?<=[.!?…])\s", part.text, maxsplit=1)[0]):
            return None  # `пароходами работаю, -видал "Ермака"?`: a slipped dash before a question is speech
        return True if found and words[0][:1].islower() else None
    if has_subject or speech_verb:
        return True
    if part.text.rstrip(_CLOSING_QUOTES).endswith(("?", "!")):
        return False  # `— Ну что, — видел?`: a bare past verb asking or exclaiming is speech
    if i > 0 and _tag(words[0]).POS == "PRCL":
        return None  # `это стало быть, моя дама`: a particle, then a verb with no subject
    return True if words[0][:1].islower() else None


def _person_after_object(words: tuple[str, ...], i: int) -> bool:
    """`машет на нее Рагим рукой`, `кричит ему вслед Петька`: a name or `он` after the verb's object."""
    for k, word in enumerate(words[i + 1:i + 5]):
        if k and (_is_name(word) or word.lower() in _THIRD_PERSON_SUBJECTS):
            return True
        tag = _tag(word)
        if not (tag.POS in ("PREP", "ADVB") or tag.POS == "NPRO" and tag.case not in ("nomn", None)
                and "3per" in tag):
            return False
    return False


# `— раздаются подле него … слова Грушеньки`, `— слышится голос`: the sound of the words is the author's.
_SOUND_VERBS = frozenset("раздаваться раздаться слышаться послышаться доноситься донестись звучать прозвучать".split())
_SOUND_NOUNS = frozenset("слово голос голосок крик шёпот шепот возглас восклицание ответ вопрос речь бас".split())


_VOICES = frozenset("голос голосок бас басок тенор дискант".split())
_LAUGH_VERBS = frozenset("хохотать захохотать смеяться рассмеяться".split())


def _voice_speaks(words: tuple[str, ...], i: int) -> bool:
    """`— Вот на! – хохочет язвительный голос.`, `— говорит чей-то голос`: a voice as the subject of a present verb
    of speech or laughter, with only its attributes between them."""
    lemma = parse_word(words[i].lower())[0].normal_form
    if lemma not in SPEECH_VERBS and lemma not in _LAUGH_VERBS:
        return False
    for w in words[i + 1:i + 4]:
        parses = parse_word(w.lower())
        if any(p.normal_form in _VOICES and p.tag.case == "nomn" for p in parses[:2]):
            return True
        if not any(p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "nomn" for p in parses[:2]):
            return False
    return False


def _sound_of_words(verb: str, text: str) -> bool:
    if parse_word(verb.lower())[0].normal_form not in _SOUND_VERBS:
        return False
    sentence = re.split(r"(?<=[.!?…])\s", text, maxsplit=1)[0]
    return any(p.normal_form in _SOUND_NOUNS and p.tag.case == "nomn"
               for w in _WORD.findall(sentence)[1:12] for p in parse_word(w.lower())[:3])


def rule_subject_then_verb(part: Part) -> bool | None:
    """`Соня зарыдала`, `И Маша отвернулась к окну`, `он усмехнулся`: subject, then a narrative verb."""
    words = part.words
    i = _skip_lead(words)
    if i >= len(words):
        return None
    if not part.punct and _EXCLAIMS.search(re.split(r"(?<=[.!?…])\s", part.text, maxsplit=1)[0]):
        return None  # `накинулся на вас — тоска взяла! Ей-богу!`: after a slipped dash an exclamation is the speaker's
    first = words[i]
    if first.lower() == "я":
        # `— Ну, — я запнулся` is narration; after a sentence end `Я пошёл` is usually speech;
        # after a dash with no punctuation (`шаль - я думала так`) it is the speaker going on.
        if i + 1 < len(words) and _is_verb(words[i + 1], "past") and part.strict:
            if not part.after_sentence_end:
                return True
            return parse_word(words[i + 1].lower())[0].normal_form in SPEECH_VERBS or None
        return None
    after = words[i + 1] if i + 1 < len(words) else ""
    # A noun-like adjective as the subject only after an adverbial opening: `При этом квартальный полез`.
    full_stop = bool(part.punct) and part.after_sentence_end
    if not (_is_subject(first) or i > 0 and full_stop and _substantive(first, after)
            and after and parse_word(after.lower())[0].normal_form != "быть"):
        return None
    if i + 1 == len(words) and full_stop and _is_animate_subject(first):
        # `И папа, как мне показалось, застенчиво подергивая плечом, вышел…`: the verb after an insertion
        return _verb_after_insertion(part.text, first)
    # Allow an attribute or a second name between subject and verb: `Марья Константиновна сказала`.
    # Past tense only, or a verb of speech (`говорит он`): `дело затянется` is the speaker's.
    # A prepositional phrase may stand there too (`при этом он с выразительным жестом кинул`, `— И отец с сыном стали
    # целоваться.`), only where the author's sentence is plain: a real boundary, not right after a remark (`(сказал
    # Алеша) Он про Хохлакову корреспонденцию написал.` is the speaker's), after a sentence end or an opening `И`/`при
    # этом`, and no `!`/`?` ending it (`Варя с мужем вышла нас встретить!`).
    # In the middle of a sentence (`Тут он, -- она опять с явным ужасом выговорила это слово он, -- он все поил`) the
    # phrase may stand there before a verb of speech only, with a person as the subject.
    prep = any(_tag(w).POS == "PREP" for w in words[i + 1:i + 3]) and part.strict and not part.after_remark and (
        not _EXCLAIMS.search(re.split(r"(?<=[.!?…])\s", part.text, maxsplit=1)[0]))
    plain = prep and (i > 0 or part.after_sentence_end)
    prep = prep and (plain or words[0][:1].islower() and (_is_name(first) or first.lower() in _THIRD_PERSON_SUBJECTS))
    for word in words[i + 1:i + (6 if prep else 4)]:
        if _narrative_verb(word):
            tag = _tag(word)
            lemma = parse_word(word.lower())[0].normal_form
            if prep and not plain and lemma not in SPEECH_VERBS and not (words.index(word) <= i + 3 and "past" in tag):
                return None
            if "past" in tag or lemma in SPEECH_VERBS:
                return True
            return None
        tag = _tag(word)
        if not (_is_name(word) or tag.POS in ("NOUN", "ADJF", "ADVB", "PRCL") or prep and tag.POS == "PREP"
                or word.lower() in ("же", "опять")):
            break
    return None


def rule_relative_opening(part: Part) -> bool | None:
    """`«В долг все!» – на что буфетчик молча кивнул головой.`: `на что` pointing back at the speech, then a person and
    a past verb — the author's sentence; `— на что мне деньги?`, `— на что он тебе сдался?` are the speaker's."""
    if part.words[:2] != ("на", "что") or not part.punct or _EXCLAIMS.search(
            re.split(r"(?<=[.!?…])\s", part.text, maxsplit=1)[0]):
        return None
    rest = replace(part, text=part.text[len("на что"):].lstrip(), words=part.words[2:])
    if not rest.words or not _is_animate_subject(rest.words[0]) or rule_listener_words(rest) is False:
        return None
    return rule_subject_then_verb(rest) or None


REMARK_RULES: list[Callable[[Part], bool | None]] = [
    rule_empty,
    rule_listener_words,
    rule_conditional,
    rule_question_word,
    rule_after_remark,
    rule_being_aside,
    rule_capital_after_comma,
    rule_gerund_first,
    rule_and_insertion,
    rule_speaking_verb_first,
    rule_subject_then_verb,
    rule_relative_opening,
    rule_body_subject,
]


def classify_part(part: Part) -> tuple[bool, str]:
    """(is_remark, name of the rule that decided)."""
    for rule in REMARK_RULES:
        verdict = rule(part)
        if verdict is not None:
            return verdict, rule.__name__
    return False, "default_speech"


def _trim_speech(text: str) -> str:
    """Drop the `,` that only separated speech from the remark; `!` `?` `…` `.` stay."""
    text = text.rstrip()
    quotes = ""
    while text and text[-1] in _CLOSING_QUOTES and text[-1] != ")":
        quotes = text[-1] + quotes
        text = text[:-1].rstrip()
    if text.endswith(","):
        text = text[:-1].rstrip()
    return text + quotes


def _trim_remark(text: str) -> str:
    """Drop the remark's closing `,` `.` `:` `;`; `…` `!` `?` stay inside it."""
    text = text.strip()
    while text and text[-1] in ",.:;" and not text.endswith("..."):
        text = text[:-1].rstrip()
    return text


def explain_replica(paragraph: str, narrator: bool = False) -> list[tuple[str, bool, str]]:
    """Debug view: (part text, is_remark, rule) for every candidate part of a replica."""
    debug: list = []
    split_replica(paragraph if strip_leading_dash(paragraph) is not None else "— " + paragraph, debug, narrator)
    return debug


def _parts(body: str, narrator: bool = False):
    candidates = find_candidates(body)
    for k, cand in enumerate(candidates):
        stop = candidates[k + 1].start if k + 1 < len(candidates) else len(body)
        text = body[cand.end:stop]
        yield Part(text.strip(), cand.punct, cand.strict, _first_clause_words(text), after_quote=cand.after_quote,
                   narrator=narrator), cand


# In a replica whose speech is in quotation marks, a remark's colon before a quotation hands back to speech.
# And an opening quotation mark after a sentence end (a closing `"` after `…` is no opening).
_QUOTE_AFTER_COLON = re.compile(r":\s*(?=[«\"„])|(?<=[.!?…])\s+(?=[«„]|\"\w)")


def _part_stop(body: str, cand: Candidate) -> int:
    return next((c.start for c in find_candidates(body) if c.start > cand.start), len(body))


_EXCLAIMS = re.compile(r"[!?][.…»\"]*$")  # a sentence that asks or exclaims (`…этот человек!..`)


def _goes_on_remark(part: Part) -> bool:
    """After a remark, a bare dash goes on in the author's text (`вышел в спальню – и запер за собою дверь`),
    unless the speech is back: a capital, words to the listener, `!`/`?`, `X — это Y` (`сказал Ромась — жалко книг!`)."""
    sentence = re.split(r"(?<=[.!?…])\s", part.text, maxsplit=1)[0]
    return (part.text[:1].islower() and not _EXCLAIMS.search(sentence) and rule_listener_words(part) is None
            and not part.text.startswith("это "))


# `Это — Елизавета`, `вот — беда`: a dash right after `это`/`вот` links subject and predicate (the copula
# dash); it cannot close a remark, so after a remark it goes on in the author's text even before a capital.
# Only in a remark whose first sentence ends with a full stop, as the author's narration does (`сказал сам себе
# Басманов, когда дама… прошла мимо его столика. … Это - Елизавета`): a remark whose first sentence exclaims
# (`– и под фортепьяно заставила… плясать казачка! … тьфу! Это – танец!`) is more likely the speaker's own.
_COPULA_BEFORE_DASH = re.compile(r"(?:^|[\s(])(?:[Ээ]то|[Вв]от)$")
_FIRST_SENTENCE = re.compile(r"^[^.!?…]*[.!?…]+")


def _copula_dash(body: str, cand: Candidate, remark_from: int) -> bool:
    remark = body[remark_from:cand.start]
    first = _FIRST_SENTENCE.match(remark)
    return (not cand.punct and bool(_COPULA_BEFORE_DASH.search(remark))
            and first is not None and first.group().endswith(".") and not first.group().endswith(".."))


# Speech that opens with a quotation, closed by its own `!` `?` `…` `,`, then lower-case words: `— "Что ты
# приготовил для меня такой дурной май!" сказал он мне` (older typesetting: dash and quotes, no remark dash);
# so also a later quotation after a sentence end: `…записки в глаза. «Вам что угодно?» наконец сказал он`.
_QUOTATION_THEN_WORD = re.compile(r'(?:^|(?<=[.!?…:] ))(«[^«»]+[,!?…]»|"[^"]+[,!?…]"|„[^„“]+[,!?…]“)(\s+)(?=[а-яё])')


def _dash_after_quotation(body: str, narrator: bool) -> str:
    """Put the missing remark dash after a quotation when the words after it are a remark."""
    if body[:1] not in "«\"„":
        return body
    at = 0
    while match := _QUOTATION_THEN_WORD.search(body, at):
        rest = body[match.end():]
        stop = next((c.start for c in find_candidates(rest)), len(rest))
        part = Part(rest[:stop].strip(), match.group(1)[-2], True, _first_clause_words(rest[:stop]), narrator=narrator)
        at = match.end()
        if classify_part(part)[0]:  # not `— «Ну, — говорит, — дела!» и махнул рукой`: the speaker goes on
            body = body[:match.end(1)] + " — " + rest
            at = match.end(1) + 3
    return body


def split_replica(paragraph: str, debug: list | None = None, narrator: bool = False) -> list[Segment]:
    """Segments of a replica paragraph (with its leading dash); [] if it has no speech.

    A dash is a boundary when the part after it is a remark, or when the part before it was
    one (`— Да, — сказал он. — Пойдём.`). Any other dash stays inside the speech as written.
    Pass a list as `debug` to collect (part, is_remark, rule) for every candidate; `narrator` says the
    book is told in the first person (`— прошу я старика` is then a remark).
    """
    body = strip_leading_dash(paragraph)
    if body is None:
        raise ValueError(f"not a replica (no leading dash): {paragraph[:40]!r}")
    body = _dash_after_quotation(body.strip(), narrator)
    segments: list[Segment] = []
    speech_from = 0  # start in `body` of the speech being collected; None right after a remark
    previous_remark = False
    candidates = find_candidates(body)
    head = body[:candidates[0].start] if candidates else body
    if candidates and head[:1].islower():
        # A paragraph that opens with the remark (a broken paragraph in the edition):
        # `— захлопотала она. — Где Потапыч?`
        part = Part(head.strip(), ",", True, _first_clause_words(head), narrator=narrator)
        is_remark, rule = classify_part(part)
        if debug is not None:
            debug.append((part.text, is_remark, rule))
        if is_remark:
            segments.append(Segment(_trim_remark(part.text), remark=True))
            speech_from, previous_remark = None, True
    remark_from = 0  # where in `body` the last remark began
    after_aside = False  # the part before was the speaker's aside (rule_being_aside)
    parts = list(_parts(body, narrator))
    for k, (part, cand) in enumerate(parts):
        if previous_remark and not cand.punct and segments and segments[-1].remark and (
                _goes_on_remark(part) or _copula_dash(body, cand, remark_from)):
            # A bare dash inside the author's text is the author's own (`не нравилось ей – оно не сливалось…`).
            segments[-1] = Segment(_trim_remark(body[remark_from:_part_stop(body, cand)]), remark=True)
            continue
        if previous_remark:
            part = replace(part, after_remark=True)
        is_remark, rule = classify_part(part)
        if after_aside and not part.after_sentence_end and not _speech_verb_first(part):
            # `и, как ребенка, — он был маленький, — подняла вверх`: after the aside the speaker's sentence goes on;
            # a verb of speech is still the author's (`— это редкие люди были, — сказала еще другая дама`)
            is_remark, rule = False, "after_aside"
        if is_remark and speech_before_speech_verb(part, next((p for p, c in parts[k + 1:] if c.strict), None)):
            is_remark, rule = False, "before_speech_verb"
        after_aside = rule == "rule_being_aside"
        if debug is not None:
            debug.append((part.text, is_remark, rule))
        if is_remark:
            if speech_from is not None:
                speech = _trim_speech(body[speech_from:cand.start])
                if speech:
                    segments.append(Segment(speech))
            quote = _QUOTE_AFTER_COLON.search(body, cand.end, _part_stop(body, cand)) if body[:1] in "«\"„" else None
            if quote:  # `— «Странно!» — сказал чиновник: «место гладкое…»`: the speech in quotes goes on
                segments.append(Segment(_trim_remark(body[cand.end:quote.start()]), remark=True))
                speech_from, is_remark = quote.end(), False
            else:
                segments.append(Segment(_trim_remark(part.text), remark=True))
                speech_from, remark_from = None, cand.end
        elif previous_remark:
            speech_from = cand.end
        previous_remark = is_remark
    if speech_from is not None:
        tail = body[speech_from:].strip()
        if tail:
            segments.append(Segment(tail))
    if not any(not s.remark for s in segments):
        return []
    return _colon_introduction(segments, narrator)


_FIRST_PERSON_WORDS = frozenset("я мне меня мной мною мы нам нас нами".split())
_LAST_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[А-ЯЁ])(?!.*(?<=[.!?…])\s+[А-ЯЁ])")


def _colon_introduction(segments: list[Segment], narrator: bool) -> list[Segment]:
    """`— Не гений ли этого места? Мария сказала:` — the words after the colon come as the next replica, so a last
    sentence with `:` that reads as a remark (`Он посмотрел на нее и сказал:`) is the author's introduction."""
    last = segments[-1]
    if last.remark or not last.text.endswith(":"):
        return segments
    cut = _LAST_SENTENCE.search(last.text)
    if not cut:
        return segments
    sentence = last.text[cut.end():]
    part = Part(sentence, ".", True, _first_clause_words(sentence), narrator=narrator)
    is_remark, rule = classify_part(part)
    if not is_remark or rule not in ("rule_subject_then_verb", "rule_speaking_verb_first"):
        return segments
    words = _WORD.findall(sentence)
    if not any(parse_word(w.lower())[0].normal_form in SPEECH_VERBS for w in words):
        return segments  # `Был в Керчи еврей молоденький, писал он стихи и однажды написал:` — a story begins
    if not narrator and _FIRST_PERSON_WORDS & {w.lower() for w in words}:
        return segments  # `Тогда отец говорит мне:` — the speaker retells, in a book not told in the first person
    return segments[:-1] + [Segment(last.text[:cut.start()].rstrip()), Segment(_trim_remark(sentence), remark=True)]
