"""Quote-led speech (FORMAT.md §1): `«Москва взята», — сказала она мне.` -> speech + remark.

    split_quote_led("«Москва взята», — сказала она мне.")
    -> [Segment("Москва взята"), Segment("сказала она мне", remark=True)]

The remark after the first quotation is judged by speech.py's REMARK_RULES; what stands inside
quotation marks is speech, split at its own remark dashes by `speech.split_replica`.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .formats import Segment
from .nlp import parse_word
from .speech import (
    _BOUNDARY_PUNCT,
    _SENTENCE_END,
    _WORD,
    SPEECH_VERBS,
    Part,
    _first_clause_words,
    _is_subject,
    _parts,
    _trim_remark,
    classify_part,
    split_replica,
)

_OPENING_QUOTES = {"«": "»", "„": "“", '"': '"', "“": "”"}
_QUOTE_LED = re.compile(r'^[«„"“]')
# No `--|` alternative inside the loops: `-` is in the class already, and `--` or `-`,`-` made a run of hyphens
# before other text backtrack exponentially (40 hyphens: over a minute).
_OUTSIDE_DASHES = re.compile(r"^[\s,;:.]*(?:[—–―‒-][\s,]*)+|(?:[\s,]*[—–―‒-])+\s*$")


def _quotations(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of every top-level quotation, quote marks included; [] if one is left open."""
    spans, i = [], 0
    while i < len(paragraph):
        opening = paragraph[i]
        if opening not in _OPENING_QUOTES:
            i += 1
            continue
        closing, depth, j = _OPENING_QUOTES[opening], 0, i + 1
        while j < len(paragraph):
            ch = paragraph[j]
            if ch == closing and (depth == 0 or closing == opening):
                break
            if opening != closing and ch == opening:
                depth += 1
            elif opening != closing and ch == closing:
                depth -= 1
            j += 1
        if j >= len(paragraph):
            return []
        spans.append((i, j + 1))
        i = j + 1
    return spans


def split_quote_led(paragraph: str, debug: list | None = None, narrator: bool = False) -> list[Segment] | None:
    """Segments of a quote-led replica, or None when the paragraph is narration.

    The paragraph must open with a quotation followed by a boundary dash and a remark
    (FORMAT.md §1). Then what stands inside quotation marks is speech (split at its own remark
    dashes by §2, `«Всякую минуту, – думал Ростов. – Если бы…»`), and everything outside them is
    the author's: `«А отколе ты?» – продолжал старик. Владимир молчал. «Можешь ли ты…»`.
    """
    if not _QUOTE_LED.match(paragraph):
        return None
    spans = _quotations(paragraph)
    if not spans or spans[0][0] != 0:
        return None
    after_first = paragraph[spans[0][1]:spans[1][0] if len(spans) > 1 else len(paragraph)]
    lead = re.match(r"^([,!?.…]?)\s?(?:(?:--|[—–―‒-])\s*)+", after_first)
    if not lead:
        return None
    remark = after_first[lead.end():]
    inner_end = paragraph[spans[0][1] - 2:spans[0][1] - 1]  # `«Не может быть!» – И вдруг…`: `!` counts
    punct = lead.group(1) or (inner_end if inner_end in _BOUNDARY_PUNCT else ",")
    part = Part(remark.strip(), punct, True, _first_clause_words(remark), narrator=narrator)
    is_remark, rule = classify_part(part)
    if rule == "default_speech" and _speech_verb_later(part.text):
        is_remark, rule = True, "speech_verb_later"
    elif not is_remark and _generic_you(part.words):
        is_remark, rule = True, "generic_you"
    if debug is not None:
        debug.append((part.text, is_remark, rule))
    if not is_remark and not (not part.words and len(spans) > 1 and _holds_remark(paragraph[1:spans[0][1] - 1])):
        return _quote_then_replica(paragraph, spans, punct, remark, narrator)
    # A later quotation is speech when a dash or a sentence end stands before it (`. «…»`, `– «…»`),
    # or a colon after a verb of speech (`сказал себе: «…»`) or before whole sentences; one inside the
    # narration (`думал "Моцарт",`) or a label after a colon (`с надписью: "1000 червонных"`) stays in the remark.
    # A quotation with a remark of its own is speech wherever it stands (`к матери, «Матушка! — закричала она, — …»`).
    spans = spans[:1] + [(start, end) for start, end in spans[1:]
                         if _speech_follows(paragraph[:start], paragraph[start + 1:end - 1])
                         or _holds_remark(paragraph[start + 1:end - 1])]
    segments: list[Segment] = []
    for k, (start, end) in enumerate(spans):
        quoted = paragraph[start + 1:end - 1].strip()
        following = paragraph[end:spans[k + 1][0] if k + 1 < len(spans) else len(paragraph)]
        # The sentence's own end after the closing quote belongs to the speech: `…этого».` -> `этого.`
        end_mark = re.match(r"^[.!?…]+", following)
        if end_mark and not quoted.endswith(tuple(_SENTENCE_END)):
            quoted += end_mark.group(0)
            following = following[end_mark.end():]
        if quoted:
            segments.extend(split_replica("— " + quoted, narrator=narrator))
        outside = _OUTSIDE_DASHES.sub("", following.strip(" ,"))
        if re.search(r"\w", outside):
            segments.extend(_remark_then_speech(outside, narrator))
    if not any(not s.remark for s in segments):
        return None
    return segments


def _quote_then_replica(paragraph: str, spans: list, punct: str, rest: str, narrator: bool) -> list[Segment] | None:
    """`«Тьфу! Этак всю ночь не уснешь». — Марфуша! — обратился он к своей жене… — Ты не знаешь ли…`: a whole
    quoted sentence, then the same speaker goes on in a dash replica with a remark of its own (Чехов). Only the
    paragraph's one quotation, ended by a sentence end, and a capital after the dash; `«Война и мир» — роман
    Толстого.` and `«Довлеет дневи злоба его», — это естественно` have no remark after and stay narration."""
    if len(spans) != 1 or punct not in _SENTENCE_END or not rest.strip()[:1].isupper() or len(
            _WORD.findall(paragraph[1:spans[0][1] - 1])) < 2:
        return None
    following = split_replica("— " + rest.strip(), narrator=narrator)
    if not any(s.remark for s in following) or following[0].remark:
        return None
    quoted = paragraph[1:spans[0][1] - 1].strip()
    end_mark = re.match(r"^[.!?…]+", paragraph[spans[0][1]:])
    if end_mark and not quoted.endswith(tuple(_SENTENCE_END)):
        quoted += end_mark.group(0)
    return split_replica("— " + quoted, narrator=narrator) + following


_NOT_NARRATION = frozenset("я мне меня мной мы нам нас нами ты тебе тебя вы вам вас".split())


def _speech_verb_later(text: str) -> bool:
    """`«…из желтого дома смотритель…» — всю ночь, не переставая, докладывали графу.`: after the quotation a
    lower-case sentence whose verb of speech (past tense) comes after an adverbial and an insertion is the
    author's; no other finite verb before it, no words of the speaker's `я`/`ты`, and the verb plural (the
    indefinite `докладывали`) or with its subject after it: `— ей-богу, сказал.` drops the speaker's `я`."""
    sentence = re.split(r"(?<=[.!?…])\s", text, maxsplit=1)[0]
    words = _WORD.findall(sentence)
    if not words or not words[0][:1].islower() or _NOT_NARRATION & {w.lower() for w in words}:
        return False
    for k, word in enumerate(words[:10]):
        verb = next((p for p in parse_word(word.lower())[:2] if p.tag.POS == "VERB"), None)
        if verb is not None:
            subject = any(_is_subject(w) for w in words[k + 1:k + 4])
            return verb.normal_form in SPEECH_VERBS and "past" in verb.tag and ("plur" in verb.tag or subject)
    return False


def _generic_you(words: tuple[str, ...]) -> bool:
    """`«Разве из этих детей вырастут… люди?» — спрашиваешь себя.`: after a quotation a verb of speech or thought in
    the 2nd person singular present with `себя`/`себе` is the author's generic «you» (Горький), not the listener."""
    if len(words) < 2 or not words[0][:1].islower() or words[1].lower() not in ("себя", "себе"):
        return False
    return any(p.tag.POS == "VERB" and p.normal_form in SPEECH_VERBS and {"2per", "sing", "pres"} <= p.tag.grammemes
               for p in parse_word(words[0].lower())[:2])


def _holds_remark(quoted: str) -> bool:
    """`«Теперь точно видно, — сказал жених, — но поведай…?» — «…»`: the remark stands inside the quotation."""
    return any(s.remark for s in split_replica("— " + quoted.strip()))


def _speech_follows(before: str, quoted: str) -> bool:
    if re.search(r"(?:--|[—–―‒.!?…-])\s*$", before):
        return True
    if not re.search(r":\s*$", before):
        return False
    if len(_WORD.findall(quoted)) >= 4 and re.search(r"[.!?…]", quoted):
        return True  # sentences of their own: `показать свою общежительность: «Поверите ли, сударь, …»`
    clause = re.split(r"[,;.!?…»\"“]", before)[-1]  # the words right before the colon
    return any(parse_word(w.lower())[0].normal_form in SPEECH_VERBS for w in _WORD.findall(clause))


def _remark_then_speech(text: str, narrator: bool = False) -> list[Segment]:
    """The author's text between quotations; it may go back to dash-led speech after a sentence end:
    `успокаивал он себя. — Обязательно спасутся! — сказал он вслух`."""
    for part, cand in _parts(text, narrator):
        if (part.after_sentence_end or part.punct == ":") and not classify_part(replace(part, after_remark=True))[0]:
            remark = _trim_remark(text[:cand.start])
            return ([Segment(remark, remark=True)] if remark else []) + split_replica("— " + text[cand.end:], narrator=narrator)
    return [Segment(_trim_remark(text), remark=True)]
