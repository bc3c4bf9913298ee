"""Paragraphs -> dialogues of replicas (FORMAT.md §1, §3); the stage is stages/dialogues.py.

A dialogue is a run of replicas. It ends when more than `max_gap` narration paragraphs stand
between two replicas, and at a scene or chapter break (`* * *`, a heading).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .formats import Segment
from .speech import split_replica, strip_leading_dash

_SCENE_BREAK = re.compile(r"^(?:[*∗⁂~=#\s]{1,20}|[-—–―_=*\s]{3,})$")
_HEADING_WORD = re.compile(r"^(глава|часть|книга|том|эпилог|пролог|действие|явление|приложение|"
                           r"послесловие|предисловие)\b", re.IGNORECASE)
_ROMAN_OR_NUMBER = re.compile(r"^(?:[IVXLCDM]+|\d{1,3})\.?(?:\s.*)?$")


def is_break(paragraph: str) -> bool:
    """A scene or chapter break: `* * *`, `Глава первая`, `XII`, `ЧАСТЬ ВТОРАЯ`, a short title."""
    if not paragraph:
        return False
    if _SCENE_BREAK.match(paragraph):
        return True
    if strip_leading_dash(paragraph) is not None:
        return False
    if len(paragraph) > 80:
        return False
    if _HEADING_WORD.match(paragraph) or _ROMAN_OR_NUMBER.match(paragraph):
        return True
    letters = [ch for ch in paragraph if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return True
    # A short line with no closing punctuation is a title, not a sentence of narration.
    return len(paragraph.split()) <= 6 and paragraph[-1] not in ".,;:!?…»\"')-—–"


@dataclass
class BookDialogues:
    dialogues: list[list[list[Segment]]] = field(default_factory=list)
    replicas: int = 0
    remarks: int = 0
    narration: int = 0
    unparsed: list[tuple[int, str, str]] = field(default_factory=list)  # (paragraph no, text, why)


def extract_dialogues(paragraphs: list[str], max_gap: int = 1) -> BookDialogues:
    """Group the replicas of a book into dialogues; keep what could not be parsed, with why."""
    result = BookDialogues()
    current: list[list[Segment]] = []
    gap = 0

    def close():
        nonlocal current
        if current:
            result.dialogues.append(current)
        current = []

    for number, paragraph in enumerate(paragraphs, 1):
        if not paragraph:
            continue
        body = None if is_break(paragraph) else strip_leading_dash(paragraph)
        if body is None:
            if is_break(paragraph):
                close()
            else:
                result.narration += 1
                gap += 1
            continue
        if gap > max_gap:
            close()
        gap = 0
        if not re.search(r"\w", body):
            result.unparsed.append((number, paragraph, "a dash with no words after it"))
            continue
        segments = split_replica(paragraph)
        if not segments:
            result.unparsed.append((number, paragraph, "no speech: only the author's remark"))
            continue
        result.replicas += 1
        result.remarks += sum(s.remark for s in segments)
        current.append(segments)
    close()
    return result
