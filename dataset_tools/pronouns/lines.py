"""Lines: the segments of one replica analysed, tagged, rewritten by the rules and rendered."""
from __future__ import annotations

import re

from ..formats import Segment, parse_raw, render_raw
from ..nlp import parse_word
from ..speech_words import SPEECH_VERBS
from .mentions import NameTable, _table, find_mentions
from .rules import rewrite_mention
from .state import State
from .tags import _sentence_ranges, _sentences_to_tag, parse_of, tags_of
from .tokens import Unit, _WORD_RE, tokenize
from .verbs import agree_first_word


_CLOSERS = "»\"”')]"


def segment_starts(segments: list[Segment]) -> list[bool]:
    """Does each segment begin a sentence? A remark does after `.`, after another remark, and after
    `!` `?` `…` only when it is an action of its own, not about the speech (Russian writes `— Иду! —
    крикнул он`); never after a dropped comma. Speech after a remark does unless it starts in lower
    case; a capital may also be a name's (`(сказал он) Вася пришёл`), and the remark's closing `.` or
    `,` is not in dialogs.txt, so then it is taken to begin one."""
    starts = []
    for i, seg in enumerate(segments):
        if i == 0:
            starts.append(True)
            continue
        prev = segments[i - 1]
        end = prev.text.rstrip(_CLOSERS)
        if seg.remark:
            starts.append(prev.remark or (end.endswith(".") and not end.endswith(".."))
                          or (end.endswith(("!", "?", "…", "...")) and _action_sentence(seg.text)))
        elif prev.remark:
            first = next((c for c in seg.text if c.isalpha()), "")
            starts.append(not first.islower())  # `(сказал он) что у нас?` goes on
        else:
            starts.append(end.endswith((".", "!", "?", "…")))
    return starts


def _action_sentence(text: str) -> bool:
    """A capitalised remark after `!` `?` `…` with no verb of speech in its first words is the author's own
    sentence (`— Как ты переменился! — Борис встал навстречу`), so its first word keeps the capital;
    one about the speech goes on in lower case (`— Иду! — Вася крикнул` -> `я крикнул`)."""
    first = next((c for c in text if c.isalpha()), "")
    if not first.isupper():
        return False
    words = _WORD_RE.findall(text)[:6]
    return not any(p.normal_form in SPEECH_VERBS for w in words for p in parse_word(w.lower())[:2])


_OPENERS_TEXT = "«„“\"'(—– "


def _continues(segments: list[Segment], i: int) -> bool:
    if segments[i].remark or i + 2 >= len(segments) or not segments[i + 1].remark or segments[i + 2].remark:
        return False
    first = next((c for c in segments[i + 2].text if c.isalpha()), "")
    return first.islower()


def analyse(segments: list[Segment], table: NameTable) -> list[Unit]:
    """Tokens, sentences and mentions of each segment (no tagging yet)."""
    units = []
    for i, (seg, start) in enumerate(zip(segments, segment_starts(segments))):
        toks = tokenize(seg.text)
        unit = Unit(toks, seg.remark, start, continues=_continues(segments, i), index=i)
        if unit.continues:
            unit.next_word = _WORD_RE.match(segments[i + 2].text.lstrip(_OPENERS_TEXT)).group() \
                if _WORD_RE.match(segments[i + 2].text.lstrip(_OPENERS_TEXT)) else ""
        if i >= 2 and not seg.remark and segments[i - 1].remark and not segments[i - 2].remark:
            words = _WORD_RE.findall(segments[i - 2].text)  # `позвольте представиться (сказал он) Иван…`
            unit.word_before_remark = words[-1] if words and segments[i - 2].text.rstrip()[-1:].isalpha() else ""
        unit.mentions = find_mentions(toks, table) if table.by_first else []
        if unit.mentions:
            _sentence_ranges(seg.text, toks)
        units.append(unit)
    return units


def sentences_to_tag(segments: list[Segment], table: NameTable) -> list[tuple[str, ...]]:
    return [s for unit in analyse(segments, table) if unit.mentions for s in _sentences_to_tag(unit)]


def tag_unit(unit: Unit) -> None:
    """natasha's tags on the tokens of the sentences holding a mention (tag_sentences first)."""
    for s in {unit.toks[m.name_first].sent for m in unit.mentions}:
        members = [t for t in unit.toks if t.sent == s]
        words = tuple(t.text for t in members)
        for tok, (pos, feats) in zip(members, tags_of(words)):
            tok.pos, tok.feats = pos, feats
        parse = parse_of(words)
        if parse is not None and len(parse.words) == len(members):
            index = {id(t): k for k, t in enumerate(unit.toks)}
            for tok, head, rel in zip(members, parse.heads, parse.rels):
                tok.head, tok.rel = (index[id(members[head])] if head >= 0 else -1), rel


def render_unit(unit: Unit) -> str:
    parts = []
    for tok in unit.toks:
        if tok.deleted:
            continue
        if tok.prefix:
            parts.append(tok.ws + tok.prefix + " " + tok.text)
        else:
            parts.append(tok.ws + tok.text)
    text = "".join(parts).strip()
    return re.sub(r"\s{2,}", " ", text) if "  " in text else text


def _capitalise_after_removed_tail(segments: list[Segment], texts: list[str]) -> None:
    """`Мустафа (крикнул он) сколько с нас?` -> `(крикнул я) Сколько с нас?`: when an address
    removed before a remark ended the speech there, the speech after the remark starts a sentence."""
    for j in range(2, len(segments)):
        if segments[j].remark or not segments[j - 1].remark or segments[j - 2].remark:
            continue
        before_old, before_new = segments[j - 2].text, texts[j - 2]
        ended = not before_new or before_new.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))
        was_ended = before_old.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))
        if not before_new and before_old or ended and not was_ended:
            texts[j] = _capitalise_first_letter(texts[j])


def _capitalise_first_letter(text: str) -> str:
    for i, c in enumerate(text):
        if c.isalpha():
            return text[:i] + c.upper() + text[i + 1:]
    return text


def _run_rules(segments: list[Segment], table: NameTable, person: str, fired, allow_address: bool):
    units = analyse(segments, table)
    if not any(u.mentions for u in units):
        return list(segments), False
    state = State(person, table, fired, allow_address)
    for unit in units:
        if not unit.mentions:
            continue
        tag_unit(unit)
        for m in unit.mentions:
            rewrite_mention(unit, m, state)
    texts = [render_unit(unit) if unit.mentions else seg.text for seg, unit in zip(segments, units)]
    for j in state.verbs_after_remark:
        texts[j] = agree_first_word(texts[j], state)
    _capitalise_after_removed_tail(segments, texts)
    out = [Segment(text, seg.remark) for seg, text in zip(segments, texts) if text]
    had_speech = any(not s.remark and any(c.isalnum() for c in s.text) for s in segments)
    has_speech = any(not s.remark and any(c.isalnum() for c in s.text) for s in out)
    return out, had_speech and not has_speech


def rewrite_segments(segments: list[Segment], names, person: str, fired: list | None = None) -> list[Segment]:
    """The segments of one replica with every dictionary name turned into я (me) or ты (ti).

    `names` is a dictionary {form: value} (or a NameTable); `fired`, if given, receives
    (rule, what) pairs saying which rule fired for which mention.
    """
    table = _table(names, person)
    trace = [] if fired is not None else None
    out, lost_speech = _run_rules(segments, table, person, trace, allow_address=True)
    if lost_speech:
        # removing the address would leave no speech (`Маша!`): keep the address as written
        trace = [] if fired is not None else None
        out, _ = _run_rules(segments, table, person, trace, allow_address=False)
    if fired is not None:
        fired.extend(trace)
    return out


def rewrite_line(raw_line: str, names, person: str, fired: list | None = None) -> str:
    """One raw_dialogs.txt line (`@… |remark| …`) rewritten; blank lines stay blank."""
    if not raw_line.strip():
        return raw_line
    return render_raw(rewrite_segments(parse_raw(raw_line), names, person, fired))
