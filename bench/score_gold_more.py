"""Score the dialogue stage on the hand-checked corpus_more samples (tests/data/dialogue_gold_*.tsv).

    python bench/score_gold_more.py                 # whole books through the stage (needs ../shared/corpus_more)
    python bench/score_gold_more.py --gold fresh    # one table only: more (220), fresh (111), fresh2 (144), fresh3 (102), fresh4 (135), fresh5 (106), fresh6 (225 rows)

Two tables, scored apart: dialogue_gold_more.tsv (220 rows, tuned on) and dialogue_gold_fresh.tsv
(111 rows of 7 other books, annotated before any change of issue 10's second round; its held-out
books, heldout=1, were drawn before annotating and never tuned on); dialogue_gold_fresh2.tsv (144 rows of
27 more books, 65 of them in the indented layout; drawn by bench/sample_dialogue_fresh2.py, held-out books
drawn by seed before scoring); dialogue_gold_fresh3.tsv (102 rows of 19 more books, drawn by
bench/sample_dialogue_fresh3.py; 8 held-out books drawn by seed before annotating and scoring); dialogue_gold_fresh4.tsv
(124 replicas of 18 more books and 11 `none` rows for books with no dialogue, drawn by bench/sample_dialogue_fresh4.py;
6 held-out books drawn by seed before annotating and scoring); dialogue_gold_fresh5.tsv (106 replicas of War and Peace
vol. 3, drawn by bench/sample_dialogue_fresh5.py; 29 of its 86 chapters drawn to held-out by seed before annotating and scoring);
dialogue_gold_fresh6.tsv (225 replicas of 65 more books, drawn by bench/sample_dialogue_fresh6.py, annotated blind; 28 of
its 84 units, books or parts of the three big novels, drawn to held-out by seed before annotating and scoring).

Round 5 retired the held-out parts of `fresh` and `fresh2` (their last held-out figures, fresh 33/35,
fresh2 53/56 and indent 22/25, are on record in docs/dialogues.md): their rows keep heldout=1 so the old
numbers stay reproducible, but they are printed as "retired" and `--show` lists their misses like dev
rows. Round 6 retired fresh3's held-out part too (last figure 51/55). Only fresh4's, fresh5's and fresh6's held-out parts are held out;
`--show` never prints it.

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
GOLDS = {"more": GOLD, "fresh": ROOT / "tests" / "data" / "dialogue_gold_fresh.tsv",
         "fresh2": ROOT / "tests" / "data" / "dialogue_gold_fresh2.tsv",
         "fresh3": ROOT / "tests" / "data" / "dialogue_gold_fresh3.tsv",
         "fresh4": ROOT / "tests" / "data" / "dialogue_gold_fresh4.tsv",
         "fresh5": ROOT / "tests" / "data" / "dialogue_gold_fresh5.tsv",
         "fresh6": ROOT / "tests" / "data" / "dialogue_gold_fresh6.tsv"}


def read_gold(path: Path = GOLD) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:  # lines starting with `#` head a table: how it was drawn
        return list(csv.DictReader((x for x in f if not x.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE))


def book_lines(path: Path) -> collections.Counter:
    from dataset_tools.dialogue import extract_dialogues
    from dataset_tools.formats import render_dialog
    from dataset_tools.normalize import split_paragraphs
    from dataset_tools.textio import read_text

    text, _ = read_text(path)
    paragraphs, _ = split_paragraphs(text)
    result = extract_dialogues(paragraphs)
    return collections.Counter(render_dialog(r) for d in result.dialogues for r in d)


# tables whose held-out part was retired (now dev; the heldout column is kept for the record): fresh and fresh2 in
# round 5, fresh3 in round 6 (its last held-out figure, 51/55, is on record in docs/dialogues.md)
RETIRED = {"fresh", "fresh2", "fresh3"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus_more")
    parser.add_argument("--show", action="store_true", help="print every wrong row outside the held-out part")
    parser.add_argument("--gold", choices=sorted(GOLDS), action="append",
                        help="the table(s) to score (default: all)")
    args = parser.parse_args(argv)
    for name in args.gold or ["more", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6"]:
        print(f"== {GOLDS[name].name}")
        score_table(read_gold(GOLDS[name]), args, retired=name in RETIRED)
    return 0


def closest(want: str, lines: collections.Counter) -> str:
    """The produced line nearest to a missed row (what the stage made of that replica), for --show."""
    import difflib
    near = difflib.get_close_matches(want, list(lines), n=1, cutoff=0.3)
    return near[0] if near else "(nothing near)"


def score_table(rows: list[dict], args, retired: bool = False) -> None:
    produced: dict[str, collections.Counter] = {}
    score = collections.defaultdict(lambda: [0, 0])
    for row in rows:
        book = row["book"]
        if book not in produced:
            produced[book] = book_lines(args.corpus / book)
        if row["kind"] == "none":  # a book with no dialogue: right when the stage invented no line at all
            ok = not produced[book]
        else:
            ok = produced[book][row["expected"]] > 0
        if ok:
            if row["kind"] != "none":
                produced[book][row["expected"]] -= 1
        elif args.show and (row["heldout"] != "1" or retired):
            print(f"WRONG {book} [{row['kind']}{' retired' if row['heldout'] == '1' else ''}]\n"
                  f"  want: {row['expected'][:300]}\n  got:  {closest(row['expected'], produced[book])[:300]}")
        part = ("retired" if retired else "held-out") if row["heldout"] == "1" else "tuned"
        for key in ("all", part, row["kind"], f"{row['kind']} {part}"):
            score[key][0] += ok
            score[key][1] += 1
    for key in ["all", "tuned", "held-out", "retired", "layout", "play", "quote", "prose", "none"] + sorted(
            k for k in score if " " in k):
        right, total = score[key]
        if total:
            print(f"{key:22} {right:4}/{total:<4} {100 * right / total:5.1f}%")


if __name__ == "__main__":
    sys.exit(main())
