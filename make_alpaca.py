"""Export TiMe dialogues for other trainers: Alpaca JSON, ShareGPT or messages JSONL.

    python make_alpaca.py out/raw_dialogs.txt dataset.json                    # Alpaca, remarks removed
    python make_alpaca.py out/raw_dialogs.txt dataset.json --keep-remarks     # remarks kept as (…)
    python make_alpaca.py out/raw_dialogs.txt dataset.json --context 3        # 3 earlier replicas in "input"
    python make_alpaca.py out/raw_me_dialogs.txt me.json                      # the я-variant (TiMe stage)
    python make_alpaca.py out/raw_dialogs.txt chats.jsonl --format sharegpt   # LLaMA-Factory, Axolotl
    python make_alpaca.py out/raw_ti_dialogs.txt chats.jsonl --format messages  # TRL, Axolotl chat_template

The input is a raw_dialogs.txt-format file (`@speech |remark| speech`, one replica a line,
dialogues separated by an empty line): raw_dialogs.txt, raw_me_dialogs.txt or raw_ti_dialogs.txt.
The output is UTF-8 with Cyrillic as is (no \\u escapes), written atomically. See docs/export.md.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dataset_tools.alpaca import FORMATS, export_records
from dataset_tools.command import run_command
from dataset_tools.textio import UserError, atomic_write, read_text


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python make_alpaca.py",
        description="Export raw_dialogs.txt (or raw_me_/raw_ti_dialogs.txt) as Alpaca JSON "
                    "or as chat JSONL (ShareGPT / messages).",
    )
    parser.add_argument("raw_dialogs", type=Path,
                        help="raw_dialogs.txt, raw_me_dialogs.txt or raw_ti_dialogs.txt from the pipeline")
    parser.add_argument("output", type=Path,
                        help="file to write: dataset.json for alpaca, a .jsonl for sharegpt/messages")
    parser.add_argument("--format", default="alpaca", choices=FORMATS,
                        help="alpaca: a JSON array, one record per pair of neighbouring replicas "
                             "(default); sharegpt / messages: one JSON line per dialogue")
    parser.add_argument("--keep-remarks", action="store_true",
                        help="keep the author's remarks, written as (…) as in dialogs.txt")
    parser.add_argument("--context", type=int, default=0, metavar="N",
                        help="alpaca only: put up to N earlier replicas of the dialogue into "
                             "\"input\", one per line (default: 0, \"input\" empty)")
    return parser


def render_output(records: list[dict], fmt: str) -> str:
    """Alpaca: one JSON array; chat formats: JSON Lines. Cyrillic is written as is."""
    if fmt == "alpaca":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return run_command(lambda: export(args), interrupted=f"прервано: {args.output} не записан")


def export(args) -> int:
    try:
        if args.context < 0:
            raise UserError("--context must be 0 or more")
        if args.context and args.format != "alpaca":
            raise UserError("--context is for --format alpaca only: sharegpt and messages "
                            "already keep the whole dialogue in one record")
        if args.output.resolve() == args.raw_dialogs.resolve():
            raise UserError(f"{args.output}: is the input file; choose another output name")
        if args.output.is_dir():
            raise UserError(f"{args.output}: is a directory; give a file name such as dataset.json")
        if args.output.parent.exists() and not args.output.parent.is_dir():
            raise UserError(f"{args.output.parent}: exists and is not a directory; choose another output path")
        if not args.output.parent.is_dir():
            raise UserError(f"{args.output.parent}: directory not found; create it first")
        text, _ = read_text(args.raw_dialogs, what="raw dialogues")
        records, stats = export_records(text.split("\n"), args.format, args.keep_remarks,
                                        args.context, source=str(args.raw_dialogs))
        if not records:
            raise UserError(f"{args.raw_dialogs}: no pair of neighbouring replicas to export "
                            f"({stats.summary()}); nothing written")
        atomic_write(args.output, render_output(records, args.format))
    except OSError as err:
        raise UserError(f"{args.output}: cannot write ({err.strerror})")
    print(f"{args.raw_dialogs}: {stats.summary()}")
    print(f"wrote {args.output} ({args.format}, {stats.records} records)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
