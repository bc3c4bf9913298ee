"""The stage list and the runner: dialogues -> names -> speakers -> time -> dataset (FORMAT.md §4, §8).

Each stage has a name, the files it reads and the files it writes in the output directory
(names from files.py). A stage writes its outputs atomically (`ctx.write`: temp file + rename),
so an output that exists is complete. `--from STAGE` skips the earlier stages and uses their
outputs as they are on disk.

Adding a stage (e.g. `speakers` after `names`):
1. write `run_speakers(ctx: Context) -> dict` in stages/speakers.py: read inputs with
   `ctx.read_lines(NAME)` (or `ctx.load_books()`), call the pure text functions of its language
   module, write each output with `ctx.write(NAME, text)`, log with `ctx.log`, show progress with
   `ctx.progress`, spread books over processes with `ctx.map_books`; return counts for the summary;
2. add one `Stage(...)` entry to STAGES below, at its place in the order, with its inputs and
   outputs (claim new file names in files.py).
`--from`, `--stop`, the provenance checks (manifest.json) and the log lines then work for it as
well. Set `books=True` if it reads the books themselves, `editable=` for outputs the user edits.

Before each stage its inputs are checked against OUT/manifest.json (issue 11 §1, docs/runs.md):
files of another book, of an interrupted run, or older than what they were built from stop the
run with one line saying what to re-run. After each stage the manifest records it, and the
downstream outputs it made stale are deleted (an edited dictionary is kept and reported).
"""
from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from .. import manifest as mf
from ..files import (CHARACTERS, DIALOGS, DICT_ME, DICT_TI, ME_DIALOGS, RAW_DIALOGS, RAW_ME_DIALOGS,
                     RAW_TI_DIALOGS, REVIEW, SPEAKERS, TI_DIALOGS, UNPARSED, dataset_file)
from ..textio import UserError
from .context import Context
from .dataset import run_dataset
from .dialogues import run_dialogues
from .names import run_names
from .speakers import run_speakers
from .time import run_time


@dataclass(frozen=True)
class Stage:
    name: str
    inputs: tuple[str, ...]  # files in the output directory written by earlier stages (books always are)
    outputs: tuple[str, ...]
    run: Callable[[Context], dict]  # returns counts for the summary
    help: str = ""
    books: bool = False  # reads the books themselves (their fingerprint is one of its inputs)
    editable: tuple[str, ...] = ()  # outputs the user edits by hand: never deleted, never overwritten


STAGES: tuple[Stage, ...] = (
    Stage("dialogues", (), (DIALOGS, RAW_DIALOGS, UNPARSED), run_dialogues,
          "книга -> dialogs.txt, raw_dialogs.txt", books=True),
    # names reads the books, not dialogs.txt: a new --max-gap does not make the dictionaries stale
    Stage("names", (), (DICT_ME, DICT_TI), run_names,
          "книга -> dict_me.py, dict_ti.py (ваши правки в них сохраняются, если нет --force)", books=True,
          editable=(DICT_ME, DICT_TI)),
    # speakers re-reads the books for the narration around each replica and checks it against dialogs.txt
    Stage("speakers", (DIALOGS, DICT_ME), (SPEAKERS, CHARACTERS), run_speakers,
          "dialogs + dict_me.py -> speakers.tsv, characters.tsv (с --persona ИМЯ ещё persona_dialogs.txt)",
          books=True),
    Stage("time", (DIALOGS, RAW_DIALOGS, DICT_ME, DICT_TI),
          (ME_DIALOGS, TI_DIALOGS, RAW_ME_DIALOGS, RAW_TI_DIALOGS, REVIEW),
          run_time, "словари -> me_dialogs.txt, ti_dialogs.txt, review.tsv"),
    Stage("dataset", (DIALOGS, ME_DIALOGS, TI_DIALOGS), ("<BASE_NAME>.txt",), run_dataset,
          "dialogs + me + ti -> dataset.txt"),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def stage_options(ctx: Context) -> dict[str, str]:
    """The options that shape each stage's output, as the manifest records them."""
    from ..normalize import book_layout_option

    layout = book_layout_option(ctx.options)
    join = "" if layout == "auto" else f"--layout {layout}"
    gap = f"--max-gap {ctx.options.max_gap}"
    return {"dialogues": f"{gap} {join}".strip(), "names": join}


def stage_specs(ctx: Context) -> tuple[mf.StageSpec, ...]:
    def resolve(name: str) -> str:
        return dataset_file(ctx.options.base_name) if name == "<BASE_NAME>.txt" else name

    return tuple(mf.StageSpec(s.name, tuple(resolve(n) for n in s.inputs), tuple(resolve(n) for n in s.outputs),
                              s.books, s.editable) for s in STAGES)


def snapshot(ctx: Context, specs: tuple[mf.StageSpec, ...], with_books: bool) -> mf.Snapshot:
    """The output folder now: hashes of every output, dictionaries' origins and edits."""
    from ..dicts import is_edited, read_origin

    files = mf.hash_files(ctx.out_dir, [n for s in specs for n in s.outputs])
    editable = [n for s in specs for n in s.editable if n in files]
    origin, names = ctx.books_origin() if with_books else ("", ())
    return mf.Snapshot(files=files, books=origin, book_names=names, options=stage_options(ctx),
                       origins={n: o for n in editable if (o := read_origin(ctx.path(n)))},
                       edited=frozenset(n for n in editable if is_edited(ctx.path(n))))


def run_pipeline(ctx: Context, start: str = "dialogues", stop: str | None = None) -> dict:
    """Run the stages from `start` to `stop` (inclusive); return the merged counts.

    Before each stage its inputs are checked against OUT/manifest.json (issue 11 §1): files of
    another book, of an interrupted run, or older than what they were built from stop the run
    with one line saying what to re-run. After each stage the manifest records it, and the
    downstream outputs it made stale are deleted (an edited dictionary is kept and reported).
    """
    if start not in STAGE_NAMES:
        raise UserError(f"неизвестный этап {start!r}; выберите один из: {', '.join(STAGE_NAMES)}")
    first = STAGE_NAMES.index(start)
    last = STAGE_NAMES.index(stop) if stop else len(STAGES) - 1
    if last < first:
        raise UserError(f"--from {start} идёт после --stop {stop}; запускать нечего")
    specs = stage_specs(ctx)
    records = mf.load_manifest(ctx.out_dir)
    with_books = records is not None or first == 0 or any(s.books for s in STAGES[first:last + 1])
    if records is None:
        records = {}
        if first > 0:  # an output folder from before manifests: take its files as they are, once
            snap = snapshot(ctx, specs, with_books=False)
            if snap.files:
                records = mf.adopt(specs, snap, start)
                ctx.log(f"   в {ctx.out_dir} нет {mf.MANIFEST}: файлы прошлых этапов приняты как есть "
                        "(их происхождение не проверено)")
    summary: dict = {}
    done: list[str] = []
    for index, stage in enumerate(STAGES[first:last + 1], first):
        spec = specs[index]
        snap = snapshot(ctx, specs, with_books)
        problem = mf.input_problem(spec, mf.judge(specs, records, snap))
        if problem is not None:
            raise UserError(problem.message(ctx.out_dir))
        inputs = mf.expected_inputs(spec, snap)
        started = time.perf_counter()
        ctx.log(f"== этап {stage.name}: {stage.help}")
        try:
            counts = stage.run(ctx) or {}
        except (UserError, KeyboardInterrupt):
            raise
        except Exception as err:  # noqa: BLE001 -- a bug in a late stage: keep what the earlier ones made
            traceback.print_exc()
            kept = f"готовые результаты этапов {', '.join(done)} сохранены; " if done else ""
            raise UserError(f"этап {stage.name} прервался из-за ошибки в программе ({type(err).__name__}: "
                            f"{err}); {kept}сообщите об ошибке и после исправления запустите с "
                            f"--from {stage.name}") from None
        summary.update(counts)
        snap = snapshot(ctx, specs, with_books)
        records[stage.name] = mf.record_stage(spec, inputs, snap.files, snap.book_names)
        _drop_stale(ctx, specs, records, stage.name, snap)
        mf.save_manifest(ctx.out_dir, records, STAGE_NAMES)
        done.append(stage.name)
        ctx.log(f"   {stage.name}: готово за {time.perf_counter() - started:.1f} с")
    return summary


def _drop_stale(ctx: Context, specs, records: dict, after: str, snap: mf.Snapshot) -> None:
    """Delete the downstream outputs `after` made stale; keep and report edited dictionaries."""
    verdicts = mf.judge(specs, records, snap)
    delete, kept = mf.stale_outputs(specs, after, verdicts, snap)
    for name in delete:
        ctx.path(name).unlink(missing_ok=True)
    for spec in specs[STAGE_NAMES.index(after) + 1:]:
        if any(verdicts.get(n) is not None for n in spec.outputs):
            records.pop(spec.name, None)
    if delete:
        ctx.log(f"   удалены устаревшие результаты прошлого запуска: {', '.join(delete)}")
    for problem in kept:  # said even with -q: the next --from time will refuse this file
        print(f"внимание: {problem.message(ctx.out_dir)}", file=sys.stderr, flush=True)
