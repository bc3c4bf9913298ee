"""review_line / review_rows / render_review: the checks run over the me/ti lines, and the file."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .checks import CHECKS, UNCHANGED_CHECKS
from .words import O_FORMS, _excerpt, _words, align, key_index, opcodes

HEADER = "file\tline\tcheck\ttext"
FILES = {"me": "me_dialogs.txt", "ti": "ti_dialogs.txt"}


@dataclass(frozen=True)
class Flag:
    check: str
    excerpt: str


def review_line(source: str, out: str, names: dict, person: str, book=None, before: str = "") -> list[Flag]:
    """The flags of one rewritten line (`person` "me" or "ti"); [] for a line that looks right.
    `book`: the run's review.book.BookEvidence (the book checks stay silent without it); `before`:
    the source replica before this one in its dialogue."""
    if not out.strip():
        return []
    pair = align(source, out, person, names)
    pair.book, pair.before = book, before
    flags = []
    for check in CHECKS if out != source else UNCHANGED_CHECKS:
        for first, last in check(pair):
            flags.append(Flag(check.__name__, _excerpt(pair, first, last)))
    return flags


def changed_positions(source: str, out: str) -> set[tuple[int, str]]:
    """Source words the rewrite replaced or removed, and which of the two (to compare the me and
    ti decisions: `Петя, иди` -> `Иди` in one and `Ты, иди` in the other differ)."""
    src, new = _words(source), _words(out)
    bare = [O_FORMS[w.low][0] if w.low in O_FORMS else w.low for w in new]  # ко мне / к тебе: one decision
    return {(i, op) for op, i1, i2, _, _ in opcodes([w.low for w in src], bare) if op != "equal"
            for i in range(i1, i2)}


def review_rows(dialogs: Iterable[str], me_lines: list[str], ti_lines: list[str], me_names: dict,
                ti_names: dict, book=None, previous: str = "") -> list[tuple[str, int, str, str]]:
    """(file, 1-based line, check, excerpt) for every flagged me/ti line, in file order. `book`: the
    run's review.book.BookEvidence; `previous`: the dialogs.txt line before the first of `dialogs`
    (a worker's part starts inside the file)."""
    rows = []
    me_index, ti_index = key_index(me_names), key_index(ti_names)
    before = previous
    for number, (source, me, ti) in enumerate(zip(dialogs, me_lines, ti_lines), 1):
        if not source.strip():
            before = ""
            continue
        for person, out, names in (("me", me, me_index), ("ti", ti, ti_index)):
            rows.extend((FILES[person], number, f.check, f.excerpt)
                        for f in review_line(source, out, names, person, book, before))
        before = source
        if (me != source or ti != source) and changed_positions(source, me) != changed_positions(source, ti):
            rows.append((FILES["me"], number, "me_ti_differ", me[:80]))
            rows.append((FILES["ti"], number, "me_ti_differ", ti[:80]))
    return rows


def render_review(rows: list[tuple[str, int, str, str]]) -> str:
    """The text of review.tsv: the header, then one row per flag (tabs in excerpts become spaces)."""
    lines = [HEADER] + [f"{file}\t{line}\t{check}\t{' '.join(text.split())}" for file, line, check, text in rows]
    return "\n".join(lines) + "\n"


def flagged_lines(rows: list[tuple[str, int, str, str]]) -> int:
    """How many dialogs.txt lines have at least one flag (in me or ti)."""
    return len({line for _, line, _, _ in rows})
