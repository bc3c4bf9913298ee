"""The stage runner: dialogues -> names -> time -> dataset.

Each stage has a name, the files it reads and the files it writes in the output directory.
A stage writes its outputs atomically (temp file + rename), so an output that exists is
complete. `--from STAGE` skips the earlier stages and uses their outputs as they are on disk.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .textio import UserError, atomic_write, read_lines, read_text

DIALOGS = "dialogs.txt"
RAW_DIALOGS = "raw_dialogs.txt"
UNPARSED = "unparsed_replicas.txt"
DICT_ME = "dict_me.py"
DICT_TI = "dict_ti.py"
ME_DIALOGS = "me_dialogs.txt"
TI_DIALOGS = "ti_dialogs.txt"
RAW_ME_DIALOGS = "raw_me_dialogs.txt"
RAW_TI_DIALOGS = "raw_ti_dialogs.txt"
SPEAKERS = "speakers.tsv"  # FORMAT.md §8
CHARACTERS = "characters.tsv"
PERSONA_DIALOGS = "persona_dialogs.txt"  # --persona NAME
RAW_PERSONA_DIALOGS = "raw_persona_dialogs.txt"  # the same in the raw format, for make_alpaca.py
PERSONA_SPEAKERS = "persona_speakers.tsv"


@dataclass
class Book:
    path: Path
    encoding: str
    paragraphs: list[str]  # normalised, one paragraph per item, "" for a blank line
    joined: bool  # hard-wrapped lines were re-joined into paragraphs


@dataclass
class Context:
    """What every stage gets: the books, the output directory, the options and helpers."""

    books: list[Path]
    out_dir: Path
    options: object  # the parsed argparse namespace
    _loaded: list[Book] | None = field(default=None, repr=False)

    @property
    def workers(self) -> int:
        return max(1, int(getattr(self.options, "workers", 1) or 1))

    def load_books(self) -> list[Book]:
        """Read and normalise every book once per run (encoding detected and reported)."""
        if self._loaded is None:
            from .normalize import split_paragraphs

            self._loaded = []
            for path in self.books:
                text, encoding = read_text(path)
                paragraphs, joined = split_paragraphs(text, join=getattr(self.options, "join", None))
                self.log(f"{path}: encoding {encoding}"
                         + (", hard-wrapped lines re-joined into paragraphs" if joined else ""))
                self._loaded.append(Book(path, encoding, paragraphs, joined))
        return self._loaded

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


def _run_dialogues(ctx: Context) -> dict:
    from .dialogue import run_stage

    return run_stage(ctx)


def _run_names(ctx: Context) -> dict:
    from .names import run_stage

    return run_stage(ctx)


def _run_speakers(ctx: Context) -> dict:
    from .speakers_stage import run_stage

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
    return {"dialogues in the dataset": dialogues}


STAGES: tuple[Stage, ...] = (
    Stage("dialogues", (), (DIALOGS, RAW_DIALOGS, UNPARSED), _run_dialogues,
          "book -> dialogs.txt, raw_dialogs.txt"),
    Stage("names", (DIALOGS,), (DICT_ME, DICT_TI), _run_names,
          "book -> dict_me.py, dict_ti.py (kept if you edited them, unless --force)"),
    Stage("speakers", (DIALOGS, DICT_ME), (SPEAKERS, CHARACTERS), _run_speakers,
          "dialogs + dict_me.py -> speakers.tsv, characters.tsv (--persona NAME: persona_dialogs.txt)"),
    Stage("time", (DIALOGS, RAW_DIALOGS, DICT_ME, DICT_TI), (ME_DIALOGS, TI_DIALOGS, RAW_ME_DIALOGS, RAW_TI_DIALOGS),
          _run_time, "dictionaries -> me_dialogs.txt, ti_dialogs.txt"),
    Stage("dataset", (DIALOGS, ME_DIALOGS, TI_DIALOGS), ("<BASE_NAME>.txt",), _run_dataset,
          "dialogs + me + ti -> dataset.txt"),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def run_pipeline(ctx: Context, start: str = "dialogues", stop: str | None = None) -> dict:
    """Run the stages from `start` to `stop` (inclusive); return the merged counts."""
    if start not in STAGE_NAMES:
        raise UserError(f"unknown stage {start!r}; choose one of: {', '.join(STAGE_NAMES)}")
    first = STAGE_NAMES.index(start)
    last = STAGE_NAMES.index(stop) if stop else len(STAGES) - 1
    if last < first:
        raise UserError(f"--from {start} comes after --stop {stop}; nothing to run")
    for stage in STAGES[first:last + 1]:
        for name in stage.inputs:
            if STAGE_NAMES.index(next(s.name for s in STAGES if name in s.outputs)) < first \
                    and not ctx.path(name).is_file():
                raise UserError(f"{ctx.path(name)}: missing, needed by stage '{stage.name}'; "
                                f"run the earlier stages first (without --from {start})")
    summary: dict = {}
    for stage in STAGES[first:last + 1]:
        started = time.perf_counter()
        ctx.log(f"== stage {stage.name}: {stage.help}")
        counts = stage.run(ctx) or {}
        summary.update(counts)
        ctx.log(f"   {stage.name} done in {time.perf_counter() - started:.1f}s")
    return summary
