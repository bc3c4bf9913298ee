"""Draw the lines to annotate for tests/data/time_gold_fresh8.tsv (issue 9, round 9).

    python -m dataset_tools ../shared/corpus_more/tolstoy__Война_и_мир_Том_3.txt --out-dir RUNS/tolstoy__Война_и_мир_Том_3
    python bench/sample_time_fresh8.py RUNS > candidates.tsv          # unit, book, line, pool, text

Only «Война и мир», т. 3; its three parts are the units, as in time_gold_fresh6.tsv (bench/sample_time_fresh6.py
war_parts), and they keep fresh6's draw: parts one and two are held out, part three is dev. Lines already in
time_gold_fresh6.tsv (by text) are left out. Lines per part are drawn with bench/sample_time_gold.pools and
random.Random(8): QUOTA per part, weighted toward names (changed lines, capitalised words).
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_time_fresh6 import CORPUS, WAR, war_parts  # noqa: E402
from sample_time_gold import pools  # noqa: E402

QUOTA = {"changed": 26, "trap": 6, "capword": 8, "plain": 4}
HELDOUT_PARTS = (1, 2)  # fresh6's draw: random.Random(6) held out parts one and two
FRESH6 = Path(__file__).resolve().parents[1] / "tests" / "data" / "time_gold_fresh6.tsv"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    runs, rng = Path(args[0]), random.Random(8)
    seen = {row.split("\t")[5] for row in FRESH6.read_text(encoding="utf-8").splitlines()
            if row.strip() and not row.startswith("#")}
    out = runs / WAR
    dialogs, me, ti = ((out / name).read_text(encoding="utf-8").split("\n")
                       for name in ("dialogs.txt", "me_dialogs.txt", "ti_dialogs.txt"))
    part = war_parts(dialogs, (CORPUS / f"{WAR}.txt").read_text(encoding="utf-8"))
    found = pools(dialogs, me, ti)
    print(f"# held-out units: {' '.join(f'{WAR}#{n}' for n in HELDOUT_PARTS)}")
    for n in (1, 2, 3):
        for pool, ids in found.items():
            ids = [i for i in ids if part[i] == n and dialogs[i] not in seen]
            for i in sorted(rng.sample(ids, min(QUOTA[pool], len(ids)))):
                print(f"{WAR}#{n}\t{WAR}\t{i + 1}\t{pool}\t{dialogs[i]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
