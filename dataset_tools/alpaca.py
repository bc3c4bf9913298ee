"""Exports of raw_dialogs.txt for other trainers (FORMAT.md §7): Alpaca, ShareGPT, messages.

Pure functions: they take the lines of a raw_dialogs.txt-format file and return records;
reading the file and writing the JSON live in make_alpaca.py.

    alpaca    one {"instruction", "input", "output"} per pair of neighbouring replicas
    sharegpt  one {"conversations": [{"from": "human"|"gpt", "value"}, ...]} per dialogue
    messages  one {"messages": [{"role": "user"|"assistant", "content"}, ...]} per dialogue

A replica's text is its speech; with keep_remarks the author's remarks stay, written as in
dialogs.txt: `Привет (сказал Вася) что на ужин?`. A replica with no speech (only a remark)
has no text to learn from, so it ends the run of replicas it stands in: no pair crosses it.

A long dialogue in the chat formats is split (issue 11 §5): trainers drop (Axolotl) or cut
(LLaMA-Factory, TRL) a conversation longer than their sequence length, so each record holds at
most `max_messages` messages and `max_size` characters (or tokens of a given tokenizer), and
the next record repeats the last `overlap` messages of the previous one as context.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .formats import (CHAR_TOKEN, RAW_CHAR, RAW_REMARK, Segment, dialogue_lines, join_speech, parse_raw,
                      render_dialog)
from .textio import UserError
from .plural import count

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
    persona_first: int = 0  # roles: persona replicas before anyone spoke to them (a chat starts with the user)
    split: int = 0  # chat formats: dialogues longer than the limits, split into several records
    pieces: int = 0  # the records those dialogues became
    too_long: int = 0  # records over the size limit all the same: one exchange longer than it

    def summary(self) -> str:
        parts = [f"диалогов: {self.dialogues}", f"реплик: {self.replicas}", f"записей: {self.records}"]
        if self.split:
            parts.append(f"длинных диалогов разрезано: {self.split} (на {count(self.pieces, 'запись', 'записи', 'записей')})")
        if self.too_long:
            parts.append(f"записей длиннее лимита (одна пара реплик уже длиннее): {self.too_long}")
        dropped = []
        if self.single:
            dropped.append(f"{self.single} — реплики без соседа для пары (диалоги из одной реплики)")
        if self.no_speech:
            dropped.append(f"{self.no_speech} — реплики без речи, из одной ремарки "
                           "(--keep-remarks их оставляет)")
        if self.odd_tail:
            dropped.append(f"{self.odd_tail} — последние реплики диалогов нечётной длины "
                           "(чат должен кончаться ответом)")
        if self.persona_first:
            dropped.append(f"{self.persona_first} — реплики персоны в начале диалога "
                           "(разговор начинается с пользователя)")
        return ", ".join(parts) + ("; отброшено: " + ", ".join(dropped) if dropped else "")


@dataclass(frozen=True)
class SplitLimits:
    """How long one chat record may be; 0 = no limit. See docs/export.md for the defaults."""

    max_messages: int = 24
    max_size: int = 3000  # characters, or tokens when measured with a tokenizer
    overlap: int = 2  # messages of the previous record repeated at the start of the next

    def __post_init__(self):
        if min(self.max_messages, self.max_size, self.overlap) < 0:
            raise ValueError("limits must be 0 or more")


NO_SPLIT = SplitLimits(0, 0, 0)


def split_conversation(sizes: list[int], limits: SplitLimits) -> list[tuple[int, int]]:
    """Windows [start, end) over the messages of one conversation (user first, even length).

    Each window starts with a user message and ends with an answer, holds at most
    max_messages messages whose sizes sum to at most max_size, and starts `overlap` messages
    (rounded down to whole exchanges) before the previous one ended. One exchange over the
    limit is a window of its own (the caller counts it).
    """
    n = len(sizes)
    most = limits.max_messages - limits.max_messages % 2 if limits.max_messages else n
    most = max(most, 2)
    overlap = limits.overlap - limits.overlap % 2
    windows, start = [], 0
    while start < n:
        end, size = start, 0
        while end < n and end - start < most and (not limits.max_size or size + sizes[end] <= limits.max_size):
            size += sizes[end]
            end += 1
        end -= (end - start) % 2
        if end - start < 2:
            end = min(start + 2, n)
        windows.append((start, end))
        if end >= n:
            break
        start = max(end - overlap, start + 2)
    return windows


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
        more = f" (и ещё плохих строк: {len(errors) - 1})" if len(errors) > 1 else ""
        raise UserError(f"{source}:{number}: {message}{explain_bad_line(text, message)}{more}")
    return dialogues


def explain_bad_line(text: str, message: str) -> str:
    """How to fix a line parse_raw refused, for the most likely mistakes."""
    if text.startswith(CHAR_TOKEN):
        return ("; это похоже на dialogs.txt: дайте raw_dialogs.txt (или raw_me_dialogs.txt / "
                "raw_ti_dialogs.txt) из той же папки")
    if not text.startswith(RAW_CHAR):
        return (f"; ожидается формат raw_dialogs.txt: одна реплика в строке, в начале {RAW_CHAR!r}, "
                f"ремарки между {RAW_REMARK!r}, диалоги разделены пустой строкой")
    if RAW_REMARK in message:
        return f"; закройте ремарку вторым {RAW_REMARK!r} или уберите лишний"
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


def chat_records(runs: list[list[str]], fmt: str, stats: ExportStats, limits: SplitLimits = NO_SPLIT,
                 measure: Callable[[str], int] = len) -> list[dict]:
    """One conversation per run (split by `limits`), turns alternating user/assistant and ending
    on the assistant.

    LLaMA-Factory drops a conversation with an odd number of turns, and an unanswered last
    user turn teaches nothing, so the last replica of an odd run is left out (and counted).
    `measure` gives a message's size: characters by default, tokens with a tokenizer.
    """
    key, role_key, text_key, user, assistant = CHAT_ROLES[fmt]
    records = []
    for run in runs:
        if len(run) % 2:
            stats.odd_tail += 1
            run = run[:-1]
        sizes = [measure(text) for text in run]
        windows = split_conversation(sizes, limits)
        if len(windows) > 1:
            stats.split += 1
            stats.pieces += len(windows)
        for start, end in windows:
            if limits.max_size and sum(sizes[start:end]) > limits.max_size:
                stats.too_long += 1
            turns = [{role_key: user if i % 2 == 0 else assistant, text_key: run[i]}
                     for i in range(start, end)]
            records.append({key: turns})
    return records


def export_records(lines: list[str], fmt: str = "alpaca", keep_remarks: bool = False,
                   context: int = 0, source: str = "<input>", limits: SplitLimits = NO_SPLIT,
                   measure: Callable[[str], int] = len) -> tuple[list[dict], ExportStats]:
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
        records = chat_records(runs, fmt, stats, limits, measure)
    stats.records = len(records)
    return records, stats


ROLES = ("persona", "other")


def role_records(lines: list[str], roles: list[str], fmt: str, keep_remarks: bool = False,
                 source: str = "<input>") -> tuple[list[dict], ExportStats]:
    """Chat records with real roles (FORMAT.md §8): the persona's replicas are the assistant,
    everyone else's the user. Consecutive replicas of one role are one message (lines joined by
    a newline); a conversation starts with the user and ends with the assistant; a dialogue
    left with no user-assistant pair is dropped and counted.
    `roles` holds one role per replica line of the file, in order (persona_speakers.tsv)."""
    if fmt not in CHAT_ROLES:
        raise ValueError(f"roles need a chat format, not {fmt!r}")
    key, role_key, text_key, user, assistant = CHAT_ROLES[fmt]
    stats = ExportStats()
    dialogues = parse_raw_lines(lines, source)
    stats.dialogues = len(dialogues)
    stats.replicas = sum(len(d) for d in dialogues)
    if len(roles) != stats.replicas:
        raise UserError(f"{source}: реплик {stats.replicas}, а ролей {len(roles)}; файл ролей от другого "
                        "запуска: возьмите persona_speakers.tsv из той же папки")
    records, position = [], 0
    for dialogue in dialogues:
        turns: list[list] = []
        for segments in dialogue:
            role = assistant if roles[position] == "persona" else user
            position += 1
            text = replica_text(segments, keep_remarks)
            if not text:
                stats.no_speech += 1
            elif turns and turns[-1][0] == role:
                turns[-1][1] += "\n" + text
            else:
                turns.append([role, text])
        while turns and turns[0][0] == assistant:
            stats.persona_first += 1
            turns.pop(0)
        if turns and turns[-1][0] == user:
            stats.odd_tail += 1
            turns.pop()
        if len(turns) < 2:
            stats.single += 1
            continue
        records.append({key: [{role_key: role, text_key: text} for role, text in turns]})
    stats.records = len(records)
    return records, stats
