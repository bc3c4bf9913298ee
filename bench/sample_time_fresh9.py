"""Draw the lines to annotate for tests/data/time_gold_fresh9.tsv (issue 9, the review.tsv sample of round 9).

    python bench/score_time.py --gold fresh7 --work-dir RUNS      # or any run of the six units into RUNS/UNIT
    python bench/sample_time_fresh9.py RUNS > candidates.tsv       # unit, line, pool, dialogs.txt line

«Война и мир», т. 4 again, in the six units of bench/split_fresh7.py (части 1–4, эпилог 1–2), with fresh7's split:
its held-out units (ч1, ч2, drawn by random.Random(8) in round 8) stay held out. Only NEW lines: a line whose text is
already in tests/data/time_gold_fresh7.tsv is skipped, and so is a line over MAX_CHARS characters (not annotatable by
hand with confidence). Per unit, with random.Random(91): QUOTA lines (HELDOUT_CHANGED changed ones in a held-out unit) from bench/sample_time_gold.pools — mostly lines
the pipeline changed (that is where the wrong lines are), a few traps, capitalised words and others. The sampler
prints the dialogs.txt line only, never its me/ti copies: the expected lines are written from the source alone.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_time_gold import pools  # noqa: E402
from split_fresh7 import BOOK, UNITS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
QUOTA = {"changed": 24, "trap": 2, "capword": 2, "plain": 2}
HELDOUT_CHANGED = 28  # a few more changed lines in the held-out units: enough wrong lines to score
MAX_CHARS = 700
HELDOUT = ("ч1", "ч2")  # fresh7's held-out units of this book


def fresh7_sources() -> set[str]:
    path = ROOT / "tests" / "data" / "time_gold_fresh7.tsv"
    return {line.split("\t")[5] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    runs, rng, seen = Path(args[0]), random.Random(91), fresh7_sources()
    print(f"# held-out units: {' '.join(f'{BOOK}_{u}' for u in HELDOUT)}")
    for unit in UNITS:
        out = runs / f"{BOOK}_{unit}"
        dialogs, me, ti = ((out / name).read_text(encoding="utf-8").split("\n")
                           for name in ("dialogs.txt", "me_dialogs.txt", "ti_dialogs.txt"))
        for pool, ids in pools(dialogs, me, ti).items():
            ids = [i for i in ids if dialogs[i] not in seen and len(dialogs[i]) <= MAX_CHARS]
            quota = HELDOUT_CHANGED if pool == "changed" and unit in HELDOUT else QUOTA[pool]
            for i in sorted(rng.sample(ids, min(quota, len(ids)))):
                print(f"{BOOK}_{unit}\t{i + 1}\t{pool}\t{dialogs[i]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
