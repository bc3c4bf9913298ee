"""Draw the lines to annotate for tests/data/time_gold_more.tsv (how that table was sampled).

    python -m dataset_tools ../shared/corpus_more/BOOK.txt --out-dir RUNS/BOOK     # for each book
    python bench/sample_time_gold.py RUNS BOOK [BOOK ...] > candidates.tsv        # book, line, pool, text
    python bench/sample_time_gold.py --quota 9,2,2,1 RUNS BOOK ...                 # fewer lines per book
    python bench/sample_time_gold.py --quota 8,2,2,1 --seed 5 RUNS BOOK ...        # time_gold_fresh5.tsv

Per book, from its dialogs.txt and the current me/ti copies, with random.Random(9) over the books
in the order given: 12 lines the pipeline changed, 3 unchanged lines with a preposition of place
or a «…» before a capitalised word (traps: places, titles), 3 unchanged lines with a capitalised
word inside a sentence (missed names, non-persons), 2 other unchanged lines. The expected me/ti
lines are then written by hand, before any rule is changed; the held-out books are drawn with
random.Random(9).sample(books, round(0.35 * len(books))) (bench/score_time.py reads the result).
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

QUOTA = {"changed": 12, "trap": 3, "capword": 3, "plain": 2}
CAP_MID = re.compile(r"(?<=[a-zа-яё,;:] )[A-ZА-ЯЁ][a-zа-яё]+")
TRAP = re.compile(r"\b(?:в|во|из|на|за|под|у|к|по|от)\s+[A-ZА-ЯЁ][a-zа-яё]+|«[^»]*[A-ZА-ЯЁ]")


def pools(dialogs: list[str], me: list[str], ti: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {pool: [] for pool in QUOTA}
    for i, line in enumerate(dialogs):
        if not line.strip():
            continue
        if me[i] != line or ti[i] != line:
            found["changed"].append(i)
        elif TRAP.search(line):
            found["trap"].append(i)
        elif CAP_MID.search(line):
            found["capword"].append(i)
        else:
            found["plain"].append(i)
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    quota = dict(QUOTA)
    if args[:1] == ["--quota"] and len(args) > 1:  # changed,trap,capword,plain (time_gold_fresh4.tsv: 9,2,2,1)
        quota = dict(zip(QUOTA, map(int, args[1].split(","))))
        args = args[2:]
    seed = 9
    if args[:1] == ["--seed"] and len(args) > 1:  # time_gold_fresh5.tsv: --seed 5
        seed = int(args[1])
        args = args[2:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    runs, books = Path(args[0]), args[1:]
    rng = random.Random(seed)
    for book in books:
        out = runs / book
        if not (out / "me_dialogs.txt").is_file():
            print(f"{out}: нет me_dialogs.txt; сначала прогоните конвейер по книге", file=sys.stderr)
            continue
        dialogs, me, ti = ((out / name).read_text(encoding="utf-8").split("\n")
                           for name in ("dialogs.txt", "me_dialogs.txt", "ti_dialogs.txt"))
        for pool, ids in pools(dialogs, me, ti).items():
            for i in sorted(rng.sample(ids, min(quota[pool], len(ids)))):
                print(f"{book}\t{i + 1}\t{pool}\t{dialogs[i]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
