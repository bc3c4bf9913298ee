"""Write tests/data/time_gold_fresh11.tsv from the drawn lines and the hand-written edits (as bench/build_fresh9.py).

    python bench/sample_time_fresh11.py RUNS > candidates.tsv
    python bench/build_fresh11.py candidates.tsv bench/fresh11_edits.txt > tests/data/time_gold_fresh11.tsv

The edits file has bench/fresh9_edits.txt's form (`@ UNIT LINE CLASSES GROUP`, then `source words => me | ti`); the
part of a row is "heldout" when its unit is one of bench/sample_time_fresh11.heldout_units().
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_fresh9 import apply, read_edits  # noqa: E402
from sample_time_fresh11 import heldout_units  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    drawn = {}
    for line in Path(args[0]).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        unit, number, _, source = line.split("\t")
        drawn[(unit, int(number))] = source
    header = Path(args[1]).read_text(encoding="utf-8").split("\n@ ")[0]
    print("\n".join(line for line in header.splitlines() if line.startswith("# ")))
    heldout, done = set(heldout_units()), set()
    for unit, number, classes, group, edits in read_edits(Path(args[1])):
        done.add((unit, number))
        if classes == "skip":
            continue
        source = drawn[(unit, number)]
        part = "heldout" if unit in heldout else "dev"
        print("\t".join((unit, str(number), classes, group, part, source, apply(source, edits, 1),
                         apply(source, edits, 2))))
    missing = sorted(set(drawn) - done)
    if missing:
        raise SystemExit(f"drawn but not annotated: {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
