"""Plays (FORMAT.md §1): speeches headed by the speaker's name become replicas.

    play_cast(paragraphs) -> PlayCast | None          # None: the book has no cast list
    cast.speech(paragraph) -> (speaker, segments) | None

A play is a text with a cast list (`Действующие лица`). Its speeches are paragraphs that open with
a character's name and a full stop, with an optional stage direction in parentheses before it:
`Лопахин (прислушивается). Вот, кажется, едут…`. The heading is not written (it names the
speaker, kept beside the replica); directions in parentheses are the author's remarks; every other
paragraph (`Входит Епиходов…`) is narration. A heading word must occur in the cast list, so a
direction that happens to start with a capitalised word and a full stop (`Тишина. Слышно…`) is not
taken for a speech.
"""
from __future__ import annotations

import collections
import re
from dataclasses import dataclass

from .formats import Segment

_CAST_TITLE = re.compile(r"^\s*действующие\s+лица\b\s*[:.]?", re.IGNORECASE)
# Where the cast list ends: the first act, scene or setting heading.
_CAST_END = re.compile(r"^\s*(?:действие|акт|картина|сцена|явление|обстановка|место\s+действия)\b",
                       re.IGNORECASE)
_CAST_SEARCH = 400  # a cast list stands near the beginning of the book
_CAST_MAX = 60  # paragraphs a cast list may hold
_MIN_HEADINGS = 3
# `Имя. Речь`, `Имя Отчество (ремарка). Речь`, `Бубнов(Сатину). Речь` (no space in some editions).
_HEADING = re.compile(r"^(?P<name>[А-ЯЁ][а-яёА-ЯЁ-]*(?: [А-ЯЁ][а-яёА-ЯЁ-]*){0,2})"
                      r" ?(?P<direction>\([^()]*\))?\s?\.\s*(?P<speech>\S.*)$")
_PARENS = re.compile(r"\(([^()]*)\)")
_NAME_WORD = re.compile(r"\b[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)*")
_NOT_NAMES = frozenset(["действие", "действующие", "место", "лица", "обстановка"])


def _key(word: str) -> str:
    return word.lower().replace("ё", "е")


@dataclass(frozen=True)
class PlayCast:
    names: frozenset[str]  # every word of the cast list, lower case, ё as е
    start: int  # index of the `Действующие лица` paragraph
    end: int  # index of the first paragraph after the cast list

    def speech(self, paragraph: str):
        """(speaker as written in the heading, segments) for a speech paragraph, else None."""
        match = _HEADING.match(paragraph)
        if not match or not any(_key(w) in self.names for w in match["name"].split()):
            return None
        segments = []
        if match["direction"]:
            segments.extend(_direction(match["direction"][1:-1]))
        segments.extend(split_directions(match["speech"]))
        if not any(not s.remark for s in segments):
            return None
        return match["name"], segments


def _direction(text: str) -> list[Segment]:
    # `(Уходит.)` -> `(Уходит)`: the closing `.` `,` `;` `:` go, `!` `?` `…` stay (as in §2).
    text = text.strip()
    while text and text[-1] in ".,;:" and not text.endswith("..."):
        text = text[:-1].rstrip()
    return [Segment(text, remark=True)] if text else []


def split_directions(text: str) -> list[Segment]:
    """Speech with stage directions in parentheses: `Слушаю. (Уходит.)` -> speech + remark."""
    segments = []
    position = 0
    for match in _PARENS.finditer(text):
        speech = text[position:match.start()].strip()
        if speech:
            segments.append(Segment(speech))
        segments.extend(_direction(match[1]))
        position = match.end()
    tail = text[position:].strip()
    if tail:
        segments.append(Segment(tail))
    return segments


def play_cast(paragraphs: list[str]) -> PlayCast | None:
    """The cast list of a play, or None when the book has none."""
    for start, paragraph in enumerate(paragraphs[:_CAST_SEARCH]):
        if not _CAST_TITLE.match(paragraph) or len(paragraph) > 2000:
            continue
        # Capitalised words of the cast list: names, and the roles written as names (`Доктор`).
        names = {_key(w) for w in _NAME_WORD.findall(_CAST_TITLE.sub("", paragraph, count=1))}
        end = start + 1
        while end < len(paragraphs) and end - start < _CAST_MAX and not _CAST_END.match(paragraphs[end]):
            names.update(_key(w) for w in _NAME_WORD.findall(paragraphs[end]))
            end += 1
        names -= _NOT_NAMES
        if not names:
            continue
        # A speaker the cast list names otherwise (`Наталья Ивановна`, heading `Наташа`) still heads
        # many speeches; a direction that looks like a heading (`Тишина. Слышно…`) does not.
        headings = collections.Counter(m["name"] for m in map(_HEADING.match, paragraphs[end:]) if m)
        names.update(_key(w) for name, count in headings.items() if count >= _MIN_HEADINGS for w in name.split())
        return PlayCast(frozenset(names), start, end)
    return None
