"""Paragraphs -> dialogues of replicas (FORMAT.md §1, §3); the stage is stages/dialogues.py.

A dialogue is a run of replicas. It ends when more than `max_gap` narration paragraphs stand
between two replicas, and at a scene or chapter break (`* * *`, a heading).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .formats import Segment
from .plays import play_cast, split_directions
from .quoted import split_quote_led
from .speech import split_replica, strip_leading_dash

# `* * *`, `-----`, and a paragraph that is only a dash (`—`, `– –`): a scene break.
_SCENE_BREAK = re.compile(r"^(?:[*∗⁂~=#\s]{1,20}|[-—–―_=*\s]{3,}|[-—–―‒\s]+)$")
_HEADING_WORD = re.compile(r"^(глава|часть|книга|том|эпилог|пролог|действие|явление|акт|картина|сцена|"
                           r"приложение|послесловие|предисловие)\b", re.IGNORECASE)
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
    """The replicas of one book, grouped into dialogues.

    `speakers` is aligned with `dialogues`: `speakers[i][j]` is the speaker of replica
    `dialogues[i][j]` as the heading of a play names it (`Лопахин`), or "" in prose, where the
    heading does not exist (the speakers stage finds those from the remarks).
    """

    dialogues: list[list[list[Segment]]] = field(default_factory=list)
    speakers: list[list[str]] = field(default_factory=list)
    replicas: int = 0
    remarks: int = 0
    narration: int = 0
    quote_led: int = 0  # replicas that open with a quotation: `«Москва взята», — сказала она`
    play: bool = False  # the book has a cast list: speeches headed by a name are replicas
    unparsed: list[tuple[int, str, str]] = field(default_factory=list)  # (paragraph no, text, why)
    # 1-based paragraph number of each replica, aligned with `dialogues` (the speakers stage
    # reads the narration around a replica from the book: FORMAT.md §8)
    origins: list[list[int]] = field(default_factory=list)


# `я` as a word of its own, and the quotations a narration paragraph may hold (someone's speech, not the narrator's)
_I_WORD = re.compile(r"(?<![\w-])[Яя](?![\w-])")
_QUOTATION = re.compile(r"«[^»]*»|„[^“]*“|\"[^\"]*\"")
FIRST_PERSON_SHARE = 0.1  # 3rd-person novels: 0.2–2% («Мать», «Отцы и дети», «Война и мир»); 1st-person: 20–77%


def first_person_share(hits: int, total: int, share: float, at_least: int = 1) -> bool:
    """The one test of «told in the first person»: the narrator's `я` shows in at least `share` of `total`
    places, and in at least `at_least` of them. Its two callers count different places, so each keeps its
    own share: narration paragraphs here (`я` is in most of them in a first-person book), the remarks
    that name a speaker in attribution.py (`сказал я` is one remark among everyone's, so its share is lower)."""
    return hits >= max(at_least, share * total)


def told_in_first_person(paragraphs: list[str]) -> bool:
    """A book told by «я» (FORMAT.md §2: `повторил я` is then a remark): at least one narration paragraph
    (not a replica, over 40 characters) in ten has the narrator's `я` outside quotation marks."""
    narration = [p for p in paragraphs if len(p) > 40 and strip_leading_dash(p) is None]
    with_i = sum(bool(_I_WORD.search(_QUOTATION.sub(" ", p))) for p in narration)
    return first_person_share(with_i, len(narration), FIRST_PERSON_SHARE)


def extract_dialogues(paragraphs: list[str], max_gap: int = 1) -> BookDialogues:
    """Group the replicas of a book into dialogues; keep what could not be parsed, with why."""
    result = BookDialogues()
    narrator = told_in_first_person(paragraphs)
    cast = play_cast(paragraphs)
    result.play = cast is not None
    current: list[list[Segment]] = []
    speakers: list[str] = []
    origin: list[int] = []
    gap = 0
    last_speaker = ""  # in a play: who spoke last, for a speech that goes on after a direction

    def close():
        nonlocal current, speakers, origin
        if current:
            result.dialogues.append(current)
            result.speakers.append(speakers)
            result.origins.append(origin)
        current, speakers, origin = [], [], []

    def add(segments, speaker=""):
        nonlocal gap
        if gap > max_gap:
            close()
        gap = 0
        result.replicas += 1
        result.remarks += sum(s.remark for s in segments)
        current.append(segments)
        speakers.append(speaker)
        origin.append(number)  # the paragraph being read (the loop below)

    for number, paragraph in enumerate(paragraphs, 1):
        if not paragraph:
            continue
        if cast is not None:
            if cast.start <= number - 1 < cast.end:
                close()  # the cast list is not narration between replicas
                continue
            speech = cast.speech(paragraph)
            if speech is not None:
                last_speaker = speech[0]
                add(speech[1], last_speaker)
                continue
            if paragraph.startswith("(") and last_speaker:
                # `(Бросает книгу на колени себе.) Темно.`: the same speaker goes on after a direction.
                segments = split_directions(paragraph)
                if any(not s.remark for s in segments):
                    add(segments, last_speaker)
                    continue
        body = None if is_break(paragraph) else strip_leading_dash(paragraph)
        if body is None:
            if is_break(paragraph):
                close()
                last_speaker = ""
                continue
            segments = split_quote_led(paragraph, narrator=narrator)
            if segments:
                result.quote_led += 1
                add(segments)
            else:
                result.narration += 1
                gap += 1
            continue
        if not re.search(r"\w", body):
            result.unparsed.append((number, paragraph, "a dash with no words after it"))
            continue
        segments = split_replica(paragraph, narrator=narrator)
        if not segments:
            if gap > max_gap:
                close()
            gap = 0
            result.unparsed.append((number, paragraph, "no speech: only the author's remark"))
            continue
        add(segments)
    close()
    return result
