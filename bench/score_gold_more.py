"""Score the dialogue stage on the hand-checked corpus_more sample (tests/data/dialogue_gold_more.tsv).

    python bench/score_gold_more.py                 # whole books through the stage (needs ../shared/corpus_more)

End to end: each book is read, split into paragraphs and run through `extract_dialogues` exactly as
the `dialogues` stage does; a gold row counts as right when its expected dialogs.txt line is among
the lines the book produced (each produced line can match one row only). Printed per kind
(layout, play, quote, prose), all rows and the held-out part alone.
"""
from __future__ import annotations

import argparse
import collections
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOLD = ROOT / "tests" / "data" / "dialogue_gold_more.tsv"


def read_gold(path: Path = GOLD) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def book_lines(path: Path) -> collections.Counter:
    from dataset_tools.dialogue import extract_dialogues
    from dataset_tools.formats import render_dialog
    from dataset_tools.normalize import split_paragraphs
    from dataset_tools.textio import read_text

    text, _ = read_text(path)
    paragraphs, _ = split_paragraphs(text)
    result = extract_dialogues(paragraphs)
    return collections.Counter(render_dialog(r) for d in result.dialogues for r in d)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus_more")
    parser.add_argument("--show", action="store_true", help="print every wrong row")
    args = parser.parse_args(argv)
    rows = read_gold()
    produced: dict[str, collections.Counter] = {}
    score = collections.defaultdict(lambda: [0, 0])
    for row in rows:
        book = row["book"]
        if book not in produced:
            produced[book] = book_lines(args.corpus / book)
        ok = produced[book][row["expected"]] > 0
        if ok:
            produced[book][row["expected"]] -= 1
        elif args.show:
            print(f"WRONG {book} [{row['kind']}]\n  want: {row['expected'][:300]}")
        part = "held-out" if row["heldout"] == "1" else "tuned"
        for key in ("all", part, row["kind"], f"{row['kind']} {part}"):
            score[key][0] += ok
            score[key][1] += 1
    for key in ["all", "tuned", "held-out", "layout", "play", "quote", "prose"] + sorted(
            k for k in score if " " in k):
        right, total = score[key]
        print(f"{key:22} {right:4}/{total:<4} {100 * right / max(total, 1):5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
