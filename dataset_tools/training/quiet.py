"""The library warnings a new user reads as failures, though nothing is wrong: hidden during training.

Each entry names the message and why it is benign. Everything else — any other warning of the
same loggers, every warning of ours — still shows. `silence_benign_warnings()` is idempotent.
"""
from __future__ import annotations

import logging
import re
import warnings

# (logger, message pattern) of log records to drop.
BENIGN_LOG_RECORDS = (
    # GPT-2 configs carry no `loss_type`; transformers then says it is "unrecognized" and uses the
    # default causal-LM loss, which is exactly the loss we train with.
    ("transformers.modeling_utils", re.compile(r"`loss_type=None` was set in the config but it is unrecognized")),
    # On resume the Trainer reports 'lm_head.weight' missing from the checkpoint: GPT-2's output
    # layer is tied to the input embedding, so it is never stored and is re-tied on load. It reads
    # like a broken checkpoint and is not one; only the message naming just lm_head.weight goes.
    ("transformers.trainer",
     re.compile(r"There were missing keys in the checkpoint model loaded.*\['lm_head\.weight'\]\.$", re.DOTALL)),
)
# Loggers whose warnings are all benign for us, set to ERROR.
BENIGN_LOGGERS = (
    # bitsandbytes' CPU backend warns on import about an optional kernel from the Hub, which is
    # never downloaded here (offline by design); the CPU code path works without it.
    "bitsandbytes.backends.cpu.ops",
)
# (category, message regex) of Python warnings to ignore.
BENIGN_WARNINGS = (
    # transformers 5 warns about its own deprecated aliases (is_gradient_checkpointing, ...)
    # called from inside peft and the Trainer: nothing the user can act on.
    (FutureWarning, r".*is deprecated and will be removed in v6"),
)


class DropRecords(logging.Filter):
    """Drops the records of one logger whose message matches a pattern."""

    def __init__(self, pattern: re.Pattern):
        super().__init__()
        self.pattern = pattern

    def filter(self, record: logging.LogRecord) -> bool:
        return not self.pattern.search(record.getMessage())


_FILTERS = {name: DropRecords(pattern) for name, pattern in BENIGN_LOG_RECORDS}


def silence_benign_warnings() -> None:
    for name, drop in _FILTERS.items():
        logging.getLogger(name).addFilter(drop)  # the same object twice is added once
    for name in BENIGN_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    for category, message in BENIGN_WARNINGS:
        warnings.filterwarnings("ignore", category=category, message=message)
