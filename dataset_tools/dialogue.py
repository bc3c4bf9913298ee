"""Paragraphs -> dialogues of replicas (FORMAT.md §1, §3) and the `dialogues` stage.

A dialogue is a run of replicas. It ends when more than `max_gap` narration paragraphs stand
between two replicas, and at a scene or chapter break (`* * *`, a heading).
"""
from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from .formats import Segment, render_dialog, render_raw, write_dialogues
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


def _extract_book(args):
    paragraphs, max_gap = args
    return extract_dialogues(paragraphs, max_gap)


def run_stage(ctx) -> dict:
    from tqdm import tqdm

    from .pipeline import DIALOGS, RAW_DIALOGS, UNPARSED
    from .textio import UserError

    books = ctx.load_books()
    jobs = [(book.paragraphs, ctx.options.max_gap) for book in books]
    quiet = getattr(ctx.options, "quiet", False)
    bar = tqdm(total=sum(len(b.paragraphs) for b in books), unit="para", desc="dialogues",
               disable=quiet or None, leave=False)
    results = []
    if ctx.workers > 1 and len(books) > 1:
        with ProcessPoolExecutor(min(ctx.workers, len(books))) as pool:
            for book, result in zip(books, pool.map(_extract_book, jobs)):
                results.append(result)
                bar.update(len(book.paragraphs))
    else:
        for book, job in zip(books, jobs):
            results.append(_extract_book(job))
            bar.update(len(book.paragraphs))
    bar.close()

    dialogues, report = [], []
    for book, result in zip(books, results):
        if not result.replicas:
            ctx.log(f"внимание: {book.path}: реплик не найдено (ни один абзац не начинается с тире)")
            ctx.no_dialogue.append(book.path)
        dialogues.extend(result.dialogues)
        where = "paragraph" if book.joined else "line"
        report.extend(f"{book.path}:{where} {n}: {why}: {text}" for n, text, why in result.unparsed)
    if not dialogues:
        raise UserError(
            "no dialogue found: no paragraph starts with a dash (— – - --). TiMe needs direct "
            "speech written as replicas on their own lines; check the book's typography "
            "(try --join-lines if lines are hard-wrapped)")
    ctx.write(DIALOGS, write_dialogues([[render_dialog(r) for r in d] for d in dialogues]))
    ctx.write(RAW_DIALOGS, write_dialogues([[render_raw(r) for r in d] for d in dialogues]))
    ctx.write(UNPARSED, "".join(line + "\n" for line in report))
    counts = {
        "replicas": sum(r.replicas for r in results),
        "remarks": sum(r.remarks for r in results),
        "dialogues": len(dialogues),
        "narration paragraphs skipped": sum(r.narration for r in results),
        "replicas not parsed": len(report),
    }
    if report:
        ctx.log(f"   {len(report)} replica(s) could not be parsed; see {ctx.path(UNPARSED)}")
    return counts
