"""Provenance: which book (or upstream file) every output of a run was built from.

The output folder holds `manifest.json`: for each finished stage, the hashes of what it read
(the books, its options, the upstream files) and of what it wrote. From it and the files on
disk, `judge()` tells for every output whether it still belongs with the rest:

    records = load_manifest(out)                       # {} when there is none yet
    snap = Snapshot(files=hash_files(out, names), books=fp, book_names=("A.txt",), options={...})
    verdicts = judge(SPECS, records, snap)             # {"dict_me.py": None, "me_dialogs.txt": Problem}

A stage whose inputs are not fresh does not run: `Problem.message()` is one Russian line that
says what to re-run (issue 11 §1). After a stage finishes, `stale_outputs()` lists the
downstream files it made stale, for the runner to delete — except a dictionary the user
edited: that one is kept and reported stale. A dictionary also carries the fingerprint of its
books in its header (dicts.py), so a copied or edited one is still traced to its book.

Everything here but load/save/hash_files is pure: records and snapshots in, verdicts out.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .files import MANIFEST
from .textio import UserError, atomic_write

VERSION = 1
BOOKS_KEY = "books"
OPTIONS_KEY = "options"


@dataclass(frozen=True)
class StageSpec:
    """What provenance needs to know of a stage."""

    name: str
    inputs: tuple[str, ...]  # files of the output folder it reads
    outputs: tuple[str, ...]
    books: bool = False  # it reads the books themselves
    editable: tuple[str, ...] = ()  # outputs the user may edit by hand (the dictionaries)


@dataclass(frozen=True)
class Record:
    """One finished run of a stage."""

    inputs: dict[str, str]  # file name / "books" / "options" -> hash or value
    outputs: dict[str, str]  # file name -> sha1 as written
    books: tuple[str, ...] = ()  # the books' file names, for messages


@dataclass(frozen=True)
class Snapshot:
    """The output folder as it is now, and what this run was given."""

    files: dict[str, str]  # output file name -> sha1 of the file on disk (absent: no file)
    books: str = ""  # fingerprint of the books named on the command line ("" unknown)
    book_names: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)  # stage -> options that shape its output
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)  # dictionary -> (books fingerprint,
    #                                                                     their names) from its header
    edited: frozenset[str] = frozenset()  # editable files the user changed


@dataclass(frozen=True)
class Problem:
    """Why an output does not belong with the rest, and which stage to re-run."""

    file: str
    why: str
    rerun: str  # the stage to start from
    edited: bool = False  # a dictionary the user edited: re-running needs --force

    def message(self, out_dir: Path | str = "") -> str:
        where = f"{Path(out_dir) / self.file}" if out_dir != "" else self.file
        fix = f"перезапустите с --from {self.rerun}"
        if self.edited:
            fix = (f"это ваш исправленный словарь, он сохранён как есть; чтобы сделать словари для этой "
                   f"книги, перезапустите с --from {self.rerun} --force (правки пропадут) или возьмите "
                   "другую --out-dir")
        return f"{where}: {self.why}; {fix}"


def expected_inputs(spec: StageSpec, snap: Snapshot) -> dict[str, str]:
    """What a run of `spec` would read now: the hashes its record must hold to be fresh."""
    inputs = {name: snap.files.get(name, "") for name in spec.inputs}
    if spec.books:
        inputs[BOOKS_KEY] = snap.books
    if snap.options.get(spec.name):
        inputs[OPTIONS_KEY] = snap.options[spec.name]
    return inputs


def _books_text(names: tuple[str, ...]) -> str:
    if not names:
        return "другой книге"
    shown = ", ".join(names[:3]) + (f" и ещё {len(names) - 3}" if len(names) > 3 else "")
    return f"книге {shown}" if len(names) == 1 else f"книгам {shown}"


def _input_change(spec: StageSpec, record: Record, snap: Snapshot, specs: tuple[StageSpec, ...]) -> Problem | None:
    """The first input of a recorded stage that is not what it read then."""
    now = expected_inputs(spec, snap)
    for key, value in now.items():
        if record.inputs.get(key) == value:
            continue
        if key == BOOKS_KEY:
            if not value or not record.inputs.get(key):
                continue  # books unknown (this run, or a folder adopted from before manifests)
            return Problem("", f"сделан по {_books_text(record.books)}, а сейчас указаны другие книги "
                               f"({', '.join(snap.book_names[:3]) or '?'})", spec.name)
        if key == OPTIONS_KEY:
            return Problem("", f"сделан с другими настройками ({record.inputs.get(key, 'по умолчанию')}; "
                               f"сейчас {value})", spec.name)
        producer = next((s for s in specs if key in s.outputs), None)
        what = "правился" if producer and key in producer.editable else "изменился"
        return Problem("", f"{key} {what} после этапа {spec.name}", spec.name)
    return None


def judge(specs: tuple[StageSpec, ...], records: dict[str, Record], snap: Snapshot) -> dict[str, Problem | None]:
    """For every output file of every stage: None if it is fresh, else the Problem."""
    verdicts: dict[str, Problem | None] = {}
    for spec in specs:
        record = records.get(spec.name)
        upstream = next((verdicts[name] for name in spec.inputs if verdicts.get(name) is not None), None)
        if upstream is not None:
            stage_problem = Problem("", f"сделан из устаревшего {upstream.file}", upstream.rerun, upstream.edited)
        elif record is None:
            stage_problem = Problem("", f"не записан этапом {spec.name} в этой папке (нет в {MANIFEST})",
                                    spec.name)
        else:
            stage_problem = _input_change(spec, record, snap, specs)
        for name in spec.outputs:
            verdicts[name] = _judge_output(spec, name, record, stage_problem, snap)
    return verdicts


def _judge_output(spec: StageSpec, name: str, record: Record | None, stage_problem: Problem | None,
                  snap: Snapshot) -> Problem | None:
    if name not in snap.files:
        return Problem(name, f"нет файла; его пишет этап {spec.name}", spec.name)
    if name in spec.editable:
        # A dictionary answers for itself: the books in its header decide, edited or not.
        origin, made_from = snap.origins.get(name, ("", ""))
        if origin and snap.books:
            if origin == snap.books:
                return None
            return Problem(name, f"сделан по {_made_from(made_from) or _books_text(_record_books(record))}, а книги "
                                 f"теперь другие ({', '.join(snap.book_names[:3])}): словарь устарел", spec.name,
                           edited=name in snap.edited)
        if record is None:
            return None  # a hand-made dictionary (no header), or books unknown in this run
    if stage_problem is not None:
        return Problem(name, stage_problem.why, stage_problem.rerun,
                       stage_problem.edited or name in snap.edited)
    if name not in spec.editable and record.outputs.get(name) != snap.files[name]:
        return Problem(name, f"изменился после этапа {spec.name} (прерванный запуск или правка вручную)",
                       spec.name)
    return None


def _made_from(names: str) -> str:
    if not names:
        return ""
    return f"книгам {names}" if "," in names else f"книге {names}"


def _record_books(record: Record | None) -> tuple[str, ...]:
    return record.books if record else ()


def input_problem(spec: StageSpec, verdicts: dict[str, Problem | None]) -> Problem | None:
    """Before `spec` runs on files from disk: the first input that does not belong, if any."""
    return next((verdicts[name] for name in spec.inputs if verdicts.get(name) is not None), None)


def stale_outputs(specs: tuple[StageSpec, ...], after: str, verdicts: dict[str, Problem | None],
                  snap: Snapshot) -> tuple[list[str], list[Problem]]:
    """Outputs of the stages after `after` that are stale now: (files to delete, edited
    dictionaries to keep and report)."""
    names = [s.name for s in specs]
    delete, kept = [], []
    for spec in specs[names.index(after) + 1:]:
        for name in spec.outputs:
            problem = verdicts.get(name)
            if problem is None or name not in snap.files:
                continue
            if name in spec.editable and name in snap.edited:
                kept.append(problem)
            else:
                delete.append(name)
    return delete, kept


def record_stage(spec: StageSpec, inputs: dict[str, str], files: dict[str, str],
                 book_names: tuple[str, ...]) -> Record:
    return Record(inputs=dict(inputs), outputs={n: files[n] for n in spec.outputs if n in files},
                  books=tuple(book_names) if spec.books else ())


def adopt(specs: tuple[StageSpec, ...], snap: Snapshot, upto: str) -> dict[str, Record]:
    """Records for an output folder written before manifests existed: take its files as they are."""
    records = {}
    for spec in specs:
        if spec.name == upto:
            break
        if any(name in snap.files for name in spec.outputs):
            records[spec.name] = record_stage(spec, expected_inputs(spec, snap), snap.files, snap.book_names)
    return records


# ---- I/O at the edge -------------------------------------------------------------------------

def file_sha1(path: Path) -> str:
    digest = hashlib.sha1()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hash_files(out_dir: Path, names) -> dict[str, str]:
    return {name: file_sha1(out_dir / name) for name in names if (out_dir / name).is_file()}


def load_manifest(out_dir: Path) -> dict[str, Record] | None:
    """The records of OUT/manifest.json; None when the folder has none."""
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')}")
        return {name: Record(dict(r["inputs"]), dict(r["outputs"]), tuple(r.get("books", ())))
                for name, r in data["stages"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise UserError(f"{path}: файл повреждён ({err}); удалите его и запустите все этапы заново "
                        "(без --from)") from None


def save_manifest(out_dir: Path, records: dict[str, Record], order: tuple[str, ...]) -> None:
    stages = {name: {"inputs": records[name].inputs, "outputs": records[name].outputs,
                     **({"books": list(records[name].books)} if records[name].books else {})}
              for name in order if name in records}
    data = {"version": VERSION, "about": "TiMe: откуда взят каждый файл этой папки (хеши sha1)",
            "stages": stages}
    atomic_write(Path(out_dir) / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
