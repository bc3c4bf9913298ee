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
            ctx.log(f"предупреждение: {book.path}: реплик не найдено (ни один абзац не начинается с тире)")
            ctx.no_dialogue.append(book.path)
        elif result.play:
            ctx.log(f"{book.path}: пьеса (список «Действующие лица»): реплик с именем говорящего — {result.replicas}")
        dialogues.extend(result.dialogues)
        where = "paragraph" if book.joined else "line"
        report.extend(f"{book.path}:{where} {n}: {why}: {text}" for n, text, why in result.unparsed)
    if not dialogues:
        raise UserError(
            "диалогов не найдено: ни один абзац не начинается с тире (— – - --). TiMe нужна прямая "
            "речь, записанная репликами с новой строки; проверьте оформление книги "
            "(если строки разбиты переносами, попробуйте --layout blank или --layout indent)")
    ctx.write(DIALOGS, write_dialogues([[render_dialog(r) for r in d] for d in dialogues]))
    ctx.write(RAW_DIALOGS, write_dialogues([[render_raw(r) for r in d] for d in dialogues]))
    ctx.write(UNPARSED, "".join(line + "\n" for line in report))
    counts = {
        "реплик": sum(r.replicas for r in results),
        "ремарок": sum(r.remarks for r in results),
        "реплик речи в кавычках (среди всех)": sum(r.quote_led for r in results),
        "диалогов": len(dialogues),
        "абзацев повествования пропущено": sum(r.narration for r in results),
        "реплик не разобрано": len(report),
    }
    if report:
        ctx.log(f"   не удалось разобрать реплик: {len(report)}; см. {ctx.path(UNPARSED)}")
    return counts
