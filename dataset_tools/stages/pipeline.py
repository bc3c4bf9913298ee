"""The stage list and the runner: dialogues -> names -> time -> dataset (FORMAT.md §4).

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
`--from`, `--stop`, the check for missing inputs and the log lines then work for it as well.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from ..files import (DIALOGS, DICT_ME, DICT_TI, ME_DIALOGS, RAW_DIALOGS, RAW_ME_DIALOGS, RAW_TI_DIALOGS,
                     TI_DIALOGS, UNPARSED)
from ..textio import UserError
from .context import Context
from .dataset import run_dataset
from .dialogues import run_dialogues
from .names import run_names
from .time import run_time


@dataclass(frozen=True)
class Stage:
    name: str
    inputs: tuple[str, ...]  # files in the output directory written by earlier stages (books always are)
    outputs: tuple[str, ...]
    run: Callable[[Context], dict]  # returns counts for the summary
    help: str = ""


STAGES: tuple[Stage, ...] = (
    Stage("dialogues", (), (DIALOGS, RAW_DIALOGS, UNPARSED), run_dialogues,
          "книга -> dialogs.txt, raw_dialogs.txt"),
    Stage("names", (DIALOGS,), (DICT_ME, DICT_TI), run_names,
          "книга -> dict_me.py, dict_ti.py (ваши правки в них сохраняются, если нет --force)"),
    Stage("time", (DIALOGS, RAW_DIALOGS, DICT_ME, DICT_TI), (ME_DIALOGS, TI_DIALOGS, RAW_ME_DIALOGS, RAW_TI_DIALOGS),
          run_time, "словари -> me_dialogs.txt, ti_dialogs.txt"),
    Stage("dataset", (DIALOGS, ME_DIALOGS, TI_DIALOGS), ("<BASE_NAME>.txt",), run_dataset,
          "dialogs + me + ti -> dataset.txt"),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def _producer(name: str) -> int:
    """Index of the stage that writes the file `name`."""
    return next(i for i, stage in enumerate(STAGES) if name in stage.outputs)


def run_pipeline(ctx: Context, start: str = "dialogues", stop: str | None = None) -> dict:
    """Run the stages from `start` to `stop` (inclusive); return the merged counts."""
    if start not in STAGE_NAMES:
        raise UserError(f"неизвестный этап {start!r}; выберите один из: {', '.join(STAGE_NAMES)}")
    first = STAGE_NAMES.index(start)
    last = STAGE_NAMES.index(stop) if stop else len(STAGES) - 1
    if last < first:
        raise UserError(f"--from {start} идёт после --stop {stop}; запускать нечего")
    for stage in STAGES[first:last + 1]:
        for name in stage.inputs:
            if _producer(name) < first and not ctx.path(name).is_file():
                raise UserError(f"{ctx.path(name)}: файла нет, а он нужен этапу '{stage.name}'; "
                                f"сначала запустите предыдущие этапы (без --from {start})")
    summary: dict = {}
    for stage in STAGES[first:last + 1]:
        started = time.perf_counter()
        ctx.log(f"== этап {stage.name}: {stage.help}")
        counts = stage.run(ctx) or {}
        summary.update(counts)
        ctx.log(f"   {stage.name}: готово за {time.perf_counter() - started:.1f} с")
    return summary
