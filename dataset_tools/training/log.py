"""Printing from the main process only: under torchrun every process runs the training script."""
from __future__ import annotations

import os
import sys


def is_main_process() -> bool:
    return int(os.environ.get("RANK", "0")) == 0


def say(*parts, **kw) -> None:
    if is_main_process():
        print(*parts, **kw, flush=True)


def warn(text: str) -> None:
    say(f"предупреждение: {text}", file=sys.stderr)
