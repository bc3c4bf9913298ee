"""Build the TiMe dataset from one or more books.

    python -m dataset_tools raw.txt --out-dir out/           # all stages
    python -m dataset_tools raw.txt --out-dir out/ --from time   # after editing dict_me.py / dict_ti.py
    python -m dataset_tools books/ a.txt --out-dir out/ --workers 2   # several books, merged
    python -m dataset_tools raw.txt --out-dir out/ --stop dialogues    # only dialogs.txt / raw_dialogs.txt
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .pipeline import STAGE_NAMES, STAGES, Context, run_pipeline
from .textio import UserError, ensure_dir


def make_parser() -> argparse.ArgumentParser:
    stages = "; ".join(f"{s.name}: {s.help}" for s in STAGES)
    parser = argparse.ArgumentParser(
        prog="python -m dataset_tools",
        description="Turn Russian books into TiMe role-play training data. Stages: " + stages,
    )
    parser.add_argument("books", nargs="+", type=Path,
                        help="book text files (UTF-8, Windows-1251 or KOI8-R) or directories of *.txt")
    parser.add_argument("--out-dir", type=Path, default=Path("."), help="where to write the outputs (default: .)")
    parser.add_argument("--base-name", default="dataset", help="name of the final file: BASE_NAME.txt (default: dataset)")
    parser.add_argument("--from", dest="start", default="dialogues", choices=STAGE_NAMES,
                        help="re-run from this stage, using the earlier outputs on disk (e.g. --from time after editing the dictionaries)")
    parser.add_argument("--stop", default=None, choices=STAGE_NAMES, help="stop after this stage")
    parser.add_argument("--max-gap", type=int, default=1,
                        help="narration paragraphs allowed between two replicas of one dialogue (default: 1)")
    join = parser.add_mutually_exclusive_group()
    join.add_argument("--join-lines", dest="join", action="store_true", default=None,
                      help="force re-joining hard-wrapped lines into paragraphs (blank line = paragraph end)")
    join.add_argument("--no-join-lines", dest="join", action="store_false",
                      help="never re-join: every line is a paragraph")
    parser.add_argument("--force", action="store_true",
                        help="overwrite dict_me.py / dict_ti.py even if you edited them")
    parser.add_argument("--persona", metavar="NAME", default=None,
                        help="этап speakers: записать persona_dialogs.txt — диалоги, где говорит этот персонаж "
                             "(любая форма имени из characters.tsv): он «я», его собеседник «ты»")
    parser.add_argument("--workers", type=int, default=1, help="worker processes for several books (default: 1)")
    parser.add_argument("--debug-rules", action="store_true", help="print which rule fired: the TiMe rule behind each changed name")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    return parser


def expand_books(paths: list[Path]) -> list[Path]:
    books: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                raise UserError(f"{path}: directory has no *.txt books")
            books.extend(found)
        else:
            books.append(path)
    return books


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        if args.max_gap < 0:
            raise UserError("--max-gap must be 0 or more")
        ctx = Context(books=expand_books(args.books), out_dir=args.out_dir, options=args)
        if args.start == "dialogues":
            ctx.load_books()  # fail on a bad book before touching the output directory
        ensure_dir(args.out_dir)
        summary = run_pipeline(ctx, args.start, args.stop)
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: finished outputs are kept, unfinished ones were not written", file=sys.stderr)
        return 130
    print("Summary: " + ", ".join(f"{k}: {v}" for k, v in summary.items()))
    return 0
