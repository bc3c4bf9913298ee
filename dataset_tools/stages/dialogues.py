"""The `dialogues` stage: books -> dialogs.txt, raw_dialogs.txt, unparsed_replicas.txt."""
from __future__ import annotations

from ..dialogue import extract_dialogues
from ..files import DIALOGS, RAW_DIALOGS, UNPARSED
from ..formats import render_dialog, render_raw, write_dialogues
from ..textio import UserError
from .context import Context


def _extract_book(job):
    paragraphs, max_gap = job
    return extract_dialogues(paragraphs, max_gap)


def run_dialogues(ctx: Context) -> dict:
    books = ctx.load_books()
    jobs = [(book.paragraphs, ctx.options.max_gap) for book in books]
    bar = ctx.progress(None, "dialogues", "para", total=sum(len(b.paragraphs) for b in books))
    results = ctx.map_books(_extract_book, jobs, done=lambda i: bar.update(len(books[i].paragraphs)))
    bar.close()

    dialogues, report = [], []
    for book, result in zip(books, results):
        if not result.replicas:
            ctx.log(f"warning: {book.path}: no replicas found (no paragraph starts with a dash)")
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
