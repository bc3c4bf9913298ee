"""Exports of raw_dialogs.txt for other trainers (FORMAT.md §7): Alpaca, ShareGPT, messages.

Pure functions: they take the lines of a raw_dialogs.txt-format file and return records;
reading the file and writing the JSON live in make_alpaca.py.

    alpaca    one {"instruction", "input", "output"} per pair of neighbouring replicas
    sharegpt  one {"conversations": [{"from": "human"|"gpt", "value"}, ...]} per dialogue
    messages  one {"messages": [{"role": "user"|"assistant", "content"}, ...]} per dialogue

A replica's text is its speech; with keep_remarks the author's remarks stay, written as in
dialogs.txt: `Привет (сказал Вася) что на ужин?`. A replica with no speech (only a remark)
has no text to learn from, so it ends the run of replicas it stands in: no pair crosses it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .formats import (CHAR_TOKEN, RAW_CHAR, RAW_REMARK, Segment, dialogue_lines, join_speech, parse_raw,
                      render_dialog)
from .textio import UserError

FORMATS = ("alpaca", "sharegpt", "messages")
CHAT_ROLES = {
    "sharegpt": ("conversations", "from", "value", "human", "gpt"),
    "messages": ("messages", "role", "content", "user", "assistant"),
}


@dataclass
class ExportStats:
    """What was read and what was dropped, for the summary line (nothing is dropped silently)."""

    dialogues: int = 0
    replicas: int = 0
    records: int = 0
    single: int = 0  # runs of one replica: no neighbour to pair with
    no_speech: int = 0  # replicas that were only a remark (empty once remarks are removed)
    odd_tail: int = 0  # chat formats: last replica of an odd run, a question with no answer

    def summary(self) -> str:
        parts = [f"{self.dialogues} dialogues", f"{self.replicas} replicas", f"{self.records} records"]
        dropped = []
        if self.single:
            dropped.append(f"{self.single} replicas with no neighbour to pair with "
                           "(dialogues of one replica)")
        if self.no_speech:
            dropped.append(f"{self.no_speech} replicas with no speech, only a remark "
                           "(--keep-remarks keeps them)")
        if self.odd_tail:
            dropped.append(f"{self.odd_tail} last replicas of odd-length dialogues "
                           "(a chat must end with the answer)")
        return ", ".join(parts) + ("; dropped: " + ", ".join(dropped) if dropped else "")


def replica_text(segments: list[Segment], keep_remarks: bool = False) -> str:
    """The replica as training text: speech only, or speech with `(remark)` as in dialogs.txt."""
    if keep_remarks:
        return render_dialog(segments)[len(CHAR_TOKEN):]
    return join_speech([s.text for s in segments if not s.remark])


def parse_raw_lines(lines: list[str], source: str = "<input>") -> list[list[list[Segment]]]:
    """Dialogues of a raw_dialogs.txt-format file as lists of replicas (lists of segments).

    Raises UserError naming the first bad line (`file:line`) and how many more there are.
    """
    dialogues, errors = [], []
    for number, new, line in dialogue_lines(lines):
        if new:
            dialogues.append([])
        try:
            dialogues[-1].append(parse_raw(line.strip()))
        except ValueError as err:
            errors.append((number, line.strip(), str(err)))
    dialogues = [dialogue for dialogue in dialogues if dialogue]  # every line of it was bad
    if errors:
        number, text, message = errors[0]
        more = f" (and {len(errors) - 1} more bad lines)" if len(errors) > 1 else ""
        raise UserError(f"{source}:{number}: {message}{explain_bad_line(text, message)}{more}")
    return dialogues


def explain_bad_line(text: str, message: str) -> str:
    """How to fix a line parse_raw refused, for the most likely mistakes."""
    if text.startswith(CHAR_TOKEN):
        return ("; this looks like dialogs.txt: give raw_dialogs.txt (or raw_me_dialogs.txt / "
                "raw_ti_dialogs.txt) from the same output directory")
    if not text.startswith(RAW_CHAR):
        return (f"; expected the raw_dialogs.txt format: one replica per line starting with "
                f"{RAW_CHAR!r}, remarks between {RAW_REMARK!r}, dialogues separated by an empty line")
    if RAW_REMARK in message:
        return f"; close the remark with a second {RAW_REMARK!r} or remove the stray one"
    return ""


def speech_runs(dialogue: list[list[Segment]], keep_remarks: bool,
                stats: ExportStats) -> list[list[str]]:
    """Split a dialogue into runs of replicas that have text; count what is dropped."""
    runs, current = [], []
    for segments in dialogue:
        text = replica_text(segments, keep_remarks)
        if text:
            current.append(text)
            continue
        stats.no_speech += 1
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    for run in runs:
        if len(run) == 1:
            stats.single += 1
    return [run for run in runs if len(run) > 1]


def alpaca_records(runs: list[list[str]], context: int = 0) -> list[dict]:
    """One record per pair of neighbouring replicas; `input` holds up to `context` earlier ones."""
    records = []
    for run in runs:
        for i in range(1, len(run)):
            earlier = run[max(0, i - 1 - context):i - 1] if context > 0 else []
            records.append({"instruction": run[i - 1], "input": "\n".join(earlier), "output": run[i]})
    return records


def chat_records(runs: list[list[str]], fmt: str, stats: ExportStats) -> list[dict]:
    """One conversation per run, turns alternating user/assistant and ending on the assistant.

    LLaMA-Factory drops a conversation with an odd number of turns, and an unanswered last
    user turn teaches nothing, so the last replica of an odd run is left out (and counted).
    """
    key, role_key, text_key, user, assistant = CHAT_ROLES[fmt]
    records = []
    for run in runs:
        if len(run) % 2:
            stats.odd_tail += 1
            run = run[:-1]
        turns = [{role_key: user if i % 2 == 0 else assistant, text_key: text}
                 for i, text in enumerate(run)]
        records.append({key: turns})
    return records


def export_records(lines: list[str], fmt: str = "alpaca", keep_remarks: bool = False,
                   context: int = 0, source: str = "<input>") -> tuple[list[dict], ExportStats]:
    """Records of the chosen format for the lines of a raw_dialogs.txt-format file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    stats = ExportStats()
    dialogues = parse_raw_lines(lines, source)
    stats.dialogues = len(dialogues)
    stats.replicas = sum(len(d) for d in dialogues)
    runs = [run for dialogue in dialogues for run in speech_runs(dialogue, keep_remarks, stats)]
    if fmt == "alpaca":
        records = alpaca_records(runs, context)
    else:
        records = chat_records(runs, fmt, stats)
    stats.records = len(records)
    return records, stats
