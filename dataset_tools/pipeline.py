"""The stage runner: dialogues -> names -> time -> dataset.

Each stage has a name, the files it reads and the files it writes in the output directory.
A stage writes its outputs atomically (temp file + rename), so an output that exists is
complete. `--from STAGE` skips the earlier stages and uses their outputs as they are on disk.
"""
from __future__ import annotations

import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import manifest as mf
from .books import fingerprint, read_books, text_sha1
from .textio import UserError, atomic_write, read_lines

DIALOGS = "dialogs.txt"
RAW_DIALOGS = "raw_dialogs.txt"
UNPARSED = "unparsed_replicas.txt"
DICT_ME = "dict_me.py"
DICT_TI = "dict_ti.py"
ME_DIALOGS = "me_dialogs.txt"
TI_DIALOGS = "ti_dialogs.txt"
RAW_ME_DIALOGS = "raw_me_dialogs.txt"
RAW_TI_DIALOGS = "raw_ti_dialogs.txt"


@dataclass
class Book:
    path: Path
    encoding: str
    paragraphs: list[str]  # normalised, one paragraph per item, "" for a blank line
    joined: bool  # hard-wrapped lines were re-joined into paragraphs
    sha1: str = ""  # of the decoded text: what the outputs built from it record


@dataclass
class Context:
    """What every stage gets: the books, the output directory, the options and helpers."""

    books: list[Path]
    out_dir: Path
    options: object  # the parsed argparse namespace
    found: object = None  # books.Found: what collect_books kept and left out
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # books that are not readable texts
    no_dialogue: list[Path] = field(default_factory=list)  # books with no replica (dialogues stage)
    _loaded: list[Book] | None = field(default=None, repr=False)
    _hashes: list[tuple[Path, str]] | None = field(default=None, repr=False)

    @property
    def workers(self) -> int:
        return max(1, int(getattr(self.options, "workers", 1) or 1))

    def load_books(self) -> list[Book]:
        """Read and normalise every book once per run (encoding detected and reported).

        Every file is read before any stage starts: one that is not a readable text is named
        and skipped (with --strict the run stops), never discovered after hours of work.
        """
        if self._loaded is None:
            from tqdm import tqdm

            from .books import check_collected
            from .normalize import split_paragraphs

            self._loaded = []
            texts, bad = read_books(self.books)
            check_collected(self._found(), bad, bool(getattr(self.options, "strict", False)))
            for _path, why in bad:
                self.log(f"пропущено: {why}")
            self.skipped = bad
            quiet = getattr(self.options, "quiet", False)
            for path, text, encoding in tqdm(texts, desc="книги", unit=" кн", leave=False,
                                             disable=quiet or len(texts) < 2 or None):
                paragraphs, joined = split_paragraphs(text, join=getattr(self.options, "join", None))
                self.log(f"{path}: кодировка {encoding}"
                         + (", строки с переносом склеены в абзацы" if joined else ""))
                self._loaded.append(Book(path, encoding, paragraphs, joined, text_sha1(text)))
            self._hashes = [(b.path, b.sha1) for b in self._loaded]
        return self._loaded

    def _found(self):
        from .books import Found

        return self.found or Found(books=list(self.books))

    def book_hashes(self) -> list[tuple[Path, str]]:
        """(path, sha1) of every readable book, without parsing them (for --from time and later)."""
        if self._hashes is None:
            texts, bad = read_books(self.books)
            self.skipped = bad
            self._hashes = [(path, text_sha1(text)) for path, text, _ in texts]
        return self._hashes

    def books_origin(self) -> tuple[str, tuple[str, ...]]:
        """The fingerprint of this run's books and their names: what its outputs were built from."""
        hashes = self.book_hashes()
        return fingerprint([h for _, h in hashes]), tuple(p.name for p, _ in hashes)

    def path(self, name: str) -> Path:
        return self.out_dir / name

    def read_lines(self, name: str) -> list[str]:
        return read_lines(self.path(name), name)

    def write(self, name: str, text: str) -> None:
        atomic_write(self.path(name), text)

    def log(self, message: str) -> None:
        if not getattr(self.options, "quiet", False):
            print(message, flush=True)


@dataclass(frozen=True)
class Stage:
    name: str
    inputs: tuple[str, ...]  # files in the output directory ("" books are always inputs)
    outputs: tuple[str, ...]
    run: Callable[[Context], dict]  # returns counts for the summary
    help: str = ""
    books: bool = False  # reads the books themselves (their fingerprint is one of its inputs)
    editable: tuple[str, ...] = ()  # outputs the user edits by hand: never deleted, never overwritten


def _run_dialogues(ctx: Context) -> dict:
    from .dialogue import run_stage

    return run_stage(ctx)


def _run_names(ctx: Context) -> dict:
    from .names import run_stage

    return run_stage(ctx)


def _run_time(ctx: Context) -> dict:
    from .pronouns import run_stage

    return run_stage(ctx)


def dataset_name(ctx: Context) -> str:
    return f"{getattr(ctx.options, 'base_name', 'dataset') or 'dataset'}.txt"


def _run_dataset(ctx: Context) -> dict:
    """dataset.txt = dialogs + me + ti dialogues, blank-line separated (FORMAT.md §4)."""
    parts, dialogues = [], 0
    for name in (DIALOGS, ME_DIALOGS, TI_DIALOGS):
        text = "\n".join(ctx.read_lines(name)).strip("\n")
        if text:
            parts.append(text)
            dialogues += len([d for d in text.split("\n\n") if d.strip()])
    ctx.write(dataset_name(ctx), "\n\n".join(parts) + "\n" if parts else "")
    return {"диалогов в датасете": dialogues}


STAGES: tuple[Stage, ...] = (
    Stage("dialogues", (), (DIALOGS, RAW_DIALOGS, UNPARSED), _run_dialogues,
          "книга -> dialogs.txt, raw_dialogs.txt", books=True),
    Stage("names", (), (DICT_ME, DICT_TI), _run_names,
          "книга -> dict_me.py, dict_ti.py (исправленные вами сохраняются, если нет --force)", books=True,
          editable=(DICT_ME, DICT_TI)),
    Stage("time", (DIALOGS, RAW_DIALOGS, DICT_ME, DICT_TI), (ME_DIALOGS, TI_DIALOGS, RAW_ME_DIALOGS, RAW_TI_DIALOGS),
          _run_time, "словари -> me_dialogs.txt, ti_dialogs.txt"),
    Stage("dataset", (DIALOGS, ME_DIALOGS, TI_DIALOGS), ("<BASE_NAME>.txt",), _run_dataset,
          "dialogs + me + ti -> dataset.txt"),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def stage_options(ctx: Context) -> dict[str, str]:
    """The options that shape each stage's output, as the manifest records them."""
    join = {True: "--join-lines", False: "--no-join-lines"}.get(getattr(ctx.options, "join", None), "")
    gap = f"--max-gap {getattr(ctx.options, 'max_gap', 1)}"
    return {"dialogues": f"{gap} {join}".strip(), "names": join}


def stage_specs(ctx: Context) -> tuple[mf.StageSpec, ...]:
    def resolve(name: str) -> str:
        return dataset_name(ctx) if name == "<BASE_NAME>.txt" else name

    return tuple(mf.StageSpec(s.name, tuple(resolve(n) for n in s.inputs), tuple(resolve(n) for n in s.outputs),
                              s.books, s.editable) for s in STAGES)


def snapshot(ctx: Context, specs: tuple[mf.StageSpec, ...], with_books: bool) -> mf.Snapshot:
    """The output folder now: hashes of every output, dictionaries' origins and edits."""
    from .dicts import is_edited, read_origin

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
        except Exception as err:
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
