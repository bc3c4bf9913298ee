"""Draw the lines to annotate for tests/data/time_gold_fresh11.tsv (issue 9, the review.tsv sample of round 10).

    python bench/split_fresh11.py UNITS                                    # the units as books
    python -m dataset_tools UNITS/UNIT.txt --out-dir RUNS/UNIT --stop time  # for each unit (or bench/score_time.run_book)
    python bench/sample_time_fresh11.py RUNS > candidates.tsv              # unit, line, pool, dialogs.txt line

Books: review10's list of session 18 (/work/wt/UNUSED_BOOKS.txt), fresh for TiMe: no TiMe gold table sampled them.
Units (bench/split_fresh11.py): «Идиот», «Бесы», «Униженные и оскорблённые» by part, «Записки охотника» by story, the
other books whole. The held-out units are drawn FIRST, before anything is annotated or scored: in each of the three
strata (parts, stories, books) random.Random(SEED).sample(sorted(stratum), round(len(stratum) / 2)) — about half of
the units, and half of the big parts, so that the held-out part holds about half of the lines.
Then per unit, with random.Random(SEED + 1): QUOTA[stratum] lines from bench/sample_time_gold.pools — mostly lines
the pipeline changed (that is where the wrong lines are), a trap (a preposition of place or «…» before a capital)
and a capitalised word where the stratum has them; a line over MAX_CHARS characters is skipped. BLIND: the sampler
prints the dialogs.txt line only, never its me/ti copies or review flags: the expected lines are written from the
source alone (bench/fresh11_edits.txt, built by bench/build_fresh9.py's code: bench/build_fresh11.py).
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_time_gold import pools  # noqa: E402
from split_fresh11 import BOOKS, HUNTER, PARTS  # noqa: E402

SEED = 110
MAX_CHARS = 700
QUOTA = {"parts": {"changed": 10, "trap": 1, "capword": 0, "plain": 0},
         "stories": {"changed": 2, "trap": 0, "capword": 0, "plain": 0},
         "books": {"changed": 2, "trap": 0, "capword": 1, "plain": 0}}


def strata() -> dict[str, list[str]]:
    return {"parts": [f"{b}_{s}" for b, parts in PARTS.items() if b != HUNTER for s, _ in parts],
            "stories": [f"{HUNTER}_{s}" for s, _ in PARTS[HUNTER]], "books": list(BOOKS)}


def heldout_units() -> list[str]:
    """The held-out units: half of each stratum, by random.Random(SEED), drawn before any annotation or score."""
    rng = random.Random(SEED)
    return sorted(u for units in strata().values() for u in rng.sample(sorted(units), round(len(units) / 2)))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    runs, rng = Path(args[0]), random.Random(SEED + 1)
    print(f"# held-out units: {' '.join(heldout_units())}")
    for stratum, units in strata().items():
        for unit in units:
            out = runs / unit
            if not (out / "me_dialogs.txt").is_file():
                continue  # no dialogue in this unit
            dialogs, me, ti = ((out / name).read_text(encoding="utf-8").split("\n")
                               for name in ("dialogs.txt", "me_dialogs.txt", "ti_dialogs.txt"))
            for pool, ids in pools(dialogs, me, ti).items():
                ids = [i for i in ids if len(dialogs[i]) <= MAX_CHARS]
                for i in sorted(rng.sample(ids, min(QUOTA[stratum][pool], len(ids)))):
                    print(f"{unit}\t{i + 1}\t{pool}\t{dialogs[i]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
