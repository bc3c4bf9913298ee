"""The `time` stage: dialogs + dictionaries -> me_dialogs.txt, ti_dialogs.txt (+ their raw twins)
and review.tsv, the lines a person should look at (review.py's checks, FORMAT.md §6).

To write another output of this stage (e.g. review.tsv), add its name from files.py to the
stage's `outputs` in pipeline.py and write it here with `ctx.write` next to the others.
"""
from __future__ import annotations

import sys
from collections import Counter

from .. import nlp, pronouns
from ..dicts import read_dictionary
from ..files import (DIALOGS, DICT_ME, DICT_TI, ME_DIALOGS, RAW_DIALOGS, RAW_ME_DIALOGS, RAW_TI_DIALOGS, REVIEW,
                     TI_DIALOGS)
from ..formats import Segment, parse_raw, render_dialog, render_raw
from ..pronouns import PERSONS, NameTable, clear_tag_cache, sentences_to_tag, tag_sentences
from ..pronouns import rules as time_rules
from ..review import flagged_lines, render_review, review_rows
from ..books import read_books
from ..review.book import BookEvidence, book_evidence
from ..syntax import get_syntax_parser
from ..textio import UserError
from .context import Context
from ..plural import OF_REPLICAS, count

OUTPUTS = {"me": (ME_DIALOGS, RAW_ME_DIALOGS), "ti": (TI_DIALOGS, RAW_TI_DIALOGS)}


def check_in_sync(dialogs: list[str], raw: list[str], dialogs_path, raw_path) -> list[list[Segment] | None]:
    """Segments of each line; raw_dialogs.txt must be dialogs.txt line for line."""
    fix = "запустите заново с этапа dialogues (без --from), чтобы записать оба файла"
    if len(dialogs) != len(raw):
        raise UserError(f"{raw_path}: строк {len(raw)}, а в {dialogs_path} — {len(dialogs)}; "
                        f"файлы рассинхронизированы: {fix}")
    parsed: list[list[Segment] | None] = []
    for number, (line, raw_line) in enumerate(zip(dialogs, raw), 1):
        if not line.strip() and not raw_line.strip():
            parsed.append(None)
            continue
        try:
            segments = parse_raw(raw_line)
        except ValueError as err:
            raise UserError(f"{raw_path}:{number}: {err}; {fix}")
        if render_dialog(segments) != line:
            raise UserError(f"{dialogs_path}:{number}: не совпадает с {raw_path}:{number}; "
                            f"исправьте оба файла одинаково или {fix}")
        parsed.append(segments)
    return parsed


def run_time(ctx: Context) -> dict:
    dialogs = ctx.read_lines(DIALOGS)
    raw = ctx.read_lines(RAW_DIALOGS)
    parsed = check_in_sync(dialogs, raw, ctx.path(DIALOGS), ctx.path(RAW_DIALOGS))
    values = {"me": read_dictionary(ctx.path(DICT_ME)), "ti": read_dictionary(ctx.path(DICT_TI))}
    # Inputs are good: from here an interrupted run must not leave the outputs of an earlier
    # run beside new ones. (A bad input above stops the run with every earlier output kept.)
    for name in (*OUTPUTS["me"], *OUTPUTS["ti"], REVIEW):
        ctx.path(name).unlink(missing_ok=True)

    book = review_evidence(ctx, dialogs)
    if ctx.workers > 1 and len(parsed) >= PARALLEL_FROM and not ctx.options.debug_rules:
        done = _rewrite_in_workers(ctx, dialogs, parsed, values, book)
    else:
        done = _rewrite(ctx, dialogs, parsed, values, book=book)
    lines, raw_lines, counts, with_names, rows = done
    for person, (name, raw_name) in OUTPUTS.items():
        assert len(lines[person]) == len(dialogs)
        ctx.write(raw_name, "\n".join(raw_lines[person]) + "\n" if raw_lines[person] else "")
        ctx.write(name, "\n".join(lines[person]) + "\n" if lines[person] else "")
    flagged = write_review(ctx, rows)
    replicas = sum(1 for s in parsed if s)
    for person in PERSONS:
        ctx.log(f"   {person}: " + _rule_summary(counts[person]))
    ctx.log(f"   имя есть в {with_names} из {count(replicas, *OF_REPLICAS)}; остальные скопированы без изменений")
    return {"реплик с именами": with_names, "строк в review.tsv": flagged,
            "имён заменено (me)": sum(counts["me"][rule.__name__] for rule in time_rules.REPLACING)}


PARALLEL_FROM = 4000  # lines: below this, starting worker processes costs more than it saves
CHUNKS_PER_WORKER = 4  # contiguous parts of dialogs.txt per worker process (evens out the load)


def review_evidence(ctx: Context, dialogs: list[str]) -> BookEvidence:
    """What the review checks read from the whole book (review/book.py): one pass over the texts of
    the run's books (narration too: a character is named there), or over dialogs.txt where the books
    are not at hand (--from time in another folder); once, before the lines go to the workers."""
    texts, _ = read_books([path for path in ctx.books if path.is_file()])
    return book_evidence([text for _, text, _ in texts] if texts else dialogs)


def _rewrite(ctx: Context | None, dialogs: list[str], parsed: list, values: dict, offset: int = 0,
             tables: dict | None = None, book: BookEvidence | None = None, previous: str = "") -> tuple:
    """me/ti lines (and raw twins), rule counts, lines with names and review rows of `parsed`, in
    this process; `offset` is the number of dialogs.txt lines before these (for review.tsv), and
    `previous` the line just before them (the replica a review check reads before the first).
    `ctx` is None in a worker process (no progress bar, no --debug-rules there)."""
    tables = tables or {person: NameTable(values[person], person) for person in PERSONS}
    # Tag every sentence that holds a name in one batched pass.
    wanted = []
    for segments in parsed:
        if segments:
            for table in tables.values():
                wanted.extend(sentences_to_tag(segments, table))
    tag_sentences(wanted)

    lines = {person: [] for person in PERSONS}
    raw_lines = {person: [] for person in PERSONS}
    counts = {person: Counter() for person in PERSONS}
    with_names = 0
    debug = ctx is not None and ctx.options.debug_rules
    items = parsed if ctx is None or ctx.options.quiet or len(parsed) < 2000 else \
        ctx.progress(parsed, "   time", " lines", mininterval=1.0)
    for number, segments in enumerate(items, 1):
        if segments is None:
            for person in PERSONS:
                lines[person].append("")
                raw_lines[person].append("")
            continue
        changed = False
        for person in PERSONS:
            fired: list = []
            out = pronouns.rewrite_segments(segments, tables[person], person, fired)
            counts[person].update(rule for rule, _ in fired)
            changed = changed or bool(fired)
            lines[person].append(render_dialog(out))
            raw_lines[person].append(render_raw(out))
            if debug and fired:
                print(f"{ctx.path(DIALOGS)}:{number} {person}: "
                      + "; ".join(f"{rule}: {what}" for rule, what in fired), file=sys.stderr)
        with_names += changed
    rows = review_rows(dialogs, lines["me"], lines["ti"], tables["me"].names, tables["ti"].names, book, previous)
    if offset:
        rows = [(file, number + offset, check, text) for file, number, check, text in rows]
    return lines, raw_lines, counts, with_names, rows


def _rewrite_part(job) -> tuple:
    """In a worker process: one contiguous part of dialogs.txt (the sentences tagged for the
    part before are forgotten: parts hardly share sentences, and a library's tags fill gigabytes)."""
    dialogs, parsed, values, offset, book, previous = job
    clear_tag_cache()
    key = tuple(hash(frozenset(values[person].items())) for person in PERSONS)
    if key not in _WORKER_TABLES:  # a worker takes several parts: the tables (the book paradigms) once
        _WORKER_TABLES.clear()
        _WORKER_TABLES[key] = {person: NameTable(values[person], person) for person in PERSONS}
    return _rewrite(None, dialogs, parsed, values, offset, _WORKER_TABLES[key], book, previous)


_WORKER_TABLES: dict[tuple, dict] = {}


def _rewrite_in_workers(ctx: Context, dialogs: list[str], parsed: list, values: dict, book: BookEvidence) -> tuple:
    """_rewrite over contiguous parts of dialogs.txt in --workers processes, joined in order: the
    lines are independent of each other, so the result is the one process's, line for line."""
    nlp.get_morph_tagger(), get_syntax_parser()  # loaded once, here: the forked workers share them
    size = -(-len(parsed) // (ctx.workers * CHUNKS_PER_WORKER))
    starts = range(0, len(parsed), size)
    jobs = [(dialogs[i:i + size], parsed[i:i + size], values, i, book, dialogs[i - 1] if i else "") for i in starts]
    bar = ctx.progress(None, "   time", " lines", total=len(parsed), mininterval=1.0)
    parts = ctx.map_books(_rewrite_part, jobs, done=lambda k: bar.update(len(jobs[k][1])))
    bar.close()
    lines = {person: [line for part in parts for line in part[0][person]] for person in PERSONS}
    raw_lines = {person: [line for part in parts for line in part[1][person]] for person in PERSONS}
    counts = {person: sum((part[2][person] for part in parts), Counter()) for person in PERSONS}
    return (lines, raw_lines, counts, sum(part[3] for part in parts),
            [row for part in parts for row in part[4]])


def write_review(ctx: Context, rows: list) -> int:
    """review.tsv: every flag of review.py's checks on the me/ti lines; returns how many lines.
    --debug-rules traces each flag next to the rules that wrote the line."""
    ctx.write(REVIEW, render_review(rows))
    if ctx.options.debug_rules:
        for file, number, check, text in rows:
            print(f"{ctx.path(DIALOGS)}:{number} {file}: review {check}: {text}", file=sys.stderr)
    count = flagged_lines(rows)
    ctx.log(f"   {ctx.path(REVIEW)}: строк на проверку — {count} (отметок: {len(rows)}); "
            "прочитайте файл перед обучением и поправьте словари или строки")
    return count


def _rule_summary(c: Counter) -> str:
    """How often each rule decided, counted by the rule functions themselves."""
    def n(*rules) -> int:
        return sum(c[rule.__name__] for rule in rules)

    r = time_rules
    return (f"имён -> местоимения: {n(r.pronoun_in_case)}, "
            f"-> притяжательные: {n(r.possessive_genitive, r.possessive_adjective)}, "
            f"обращений удалено: {n(r.remove_address, r.remove_repeated_call)}, глаголов согласовано: {n(r.verb_agreement)}; "
            f"оставлено: {n(r.keep_empty_value)} (\"\" в словаре), {n(r.keep_naming_construction)} "
            f"(конструкции называния), {n(r.keep_lone_address)} (обращение — вся реплика); "
            f"записано значений словаря как есть: {n(r.write_literal_value)}")
