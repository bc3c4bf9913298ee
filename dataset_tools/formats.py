"""The two line formats of FORMAT.md §2/§4: dialogs.txt and raw_dialogs.txt.

A replica is a list of segments: speech (as written) and the author's remarks.
    dialogs.txt:      <char>Привет (сказал Вася и улыбнулся) что у нас сегодня на ужин?
    raw_dialogs.txt:  @Привет |сказал Вася и улыбнулся| что у нас сегодня на ужин?
raw_dialogs.txt is the unambiguous one: `(` `)` of the author's own text stay in speech,
while `|` never occurs in books, so later stages read segments back from the raw file.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

CHAR_TOKEN = "<char>"
RAW_CHAR = "@"
RAW_REMARK = "|"


@dataclass(frozen=True)
class Segment:
    text: str
    remark: bool = False


def render_dialog(segments: list[Segment]) -> str:
    return CHAR_TOKEN + " ".join(f"({s.text})" if s.remark else s.text for s in segments)


def render_raw(segments: list[Segment]) -> str:
    return RAW_CHAR + " ".join(f"{RAW_REMARK}{s.text}{RAW_REMARK}" if s.remark else s.text
                               for s in segments)


def parse_raw(line: str) -> list[Segment]:
    """Segments of one raw_dialogs.txt line; ValueError says what is wrong with it."""
    if not line.startswith(RAW_CHAR):
        raise ValueError(f"строка реплики должна начинаться с {RAW_CHAR!r}")
    body = line[len(RAW_CHAR):]
    pieces = body.split(RAW_REMARK)
    if len(pieces) % 2 == 0:
        raise ValueError(f"непарная {RAW_REMARK!r}: каждая ремарка должна быть закрыта")
    segments = []
    for i, piece in enumerate(pieces):
        text = piece.strip()
        if text:
            segments.append(Segment(text, remark=bool(i % 2)))
    return segments


def join_speech(parts: list[str]) -> str:
    """Join the speech around removed remarks, putting back the punctuation a reader expects.

    dialogs.txt drops the `,` that only set speech off from a remark, so the parts of
    `— Привет, — сказал Вася, — что на ужин?` are `Привет` + `что на ужин?`. A part that ends
    in a letter gets `,` before a lower-case continuation and `.` before a capitalised one:
    `Привет, что на ужин?`, `Да. Пойдём.`; a part that ends in punctuation is joined as is.
    """
    text = ""
    for part in parts:
        if text and (text[-1].isalnum() or text[-1] in "»\"\u201d)") and part[0].isalpha():
            text += "," if part[0].islower() else "."
        text = f"{text} {part}" if text else part
    return text


def _is_blank(line: str) -> bool:
    return not line.strip()


def dialogue_lines(lines: Iterable[str], separator: Callable[[str], bool] = _is_blank
                   ) -> Iterator[tuple[int, bool, str]]:
    """The one dialogue grouper (FORMAT.md §3): (line number, starts a dialogue, line) for every
    line that is not a separator. Empty lines separate dialogues; several in a row are one
    separator. Lazy, so a chat can answer each line as it comes."""
    new = True
    for number, line in enumerate(lines, 1):
        if separator(line):
            new = True
            continue
        yield number, new, line
        new = False


def read_dialogues(lines: list[str]) -> list[list[str]]:
    """Group file lines into dialogues (separated by empty lines)."""
    dialogues: list[list[str]] = []
    for _, new, line in dialogue_lines(lines):
        if new:
            dialogues.append([])
        dialogues[-1].append(line)
    return dialogues


def write_dialogues(dialogues: list[list[str]]) -> str:
    """One replica per line, dialogues separated by one empty line, final newline."""
    return "\n\n".join("\n".join(d) for d in dialogues if d) + ("\n" if dialogues else "")
