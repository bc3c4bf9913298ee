"""Write tests/data/time_gold_fresh10.tsv from the drawn lines and the hand-written edits.

    python bench/sample_time_fresh10.py RUNS > candidates.tsv
    python bench/build_fresh10.py candidates.tsv bench/fresh10_edits.txt > tests/data/time_gold_fresh10.tsv

bench/fresh10_edits.txt is the annotation, in the format of bench/build_fresh9.py (`@ UNIT LINE CLASSES GROUP`, then
`source words => me words | ti words` edits; a head with no edits stays as it is; `@ UNIT LINE skip REASON` leaves a
drawn line out). The book column is the book (a part of a novel is scored on the whole book's run).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_fresh9 import apply, read_edits  # noqa: E402
from sample_time_fresh10 import heldout_units  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    drawn = {}
    for line in Path(args[0]).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            unit, book, number, _, source = line.split("\t")
            drawn[(unit, int(number))] = (book, source)
    header = Path(args[1]).read_text(encoding="utf-8").split("\n@ ")[0]
    print("\n".join(line for line in header.splitlines() if line.startswith("# ")))
    done, heldout = set(), set(heldout_units())
    for unit, number, classes, group, edits in read_edits(Path(args[1])):
        done.add((unit, number))
        if classes == "skip":
            continue
        book, source = drawn[(unit, number)]
        part = "heldout" if unit in heldout else "dev"
        print("\t".join((book, str(number), classes, group, part, source, apply(source, edits, 1),
                         apply(source, edits, 2))))
    missing = sorted(set(drawn) - done)
    if missing:
        raise SystemExit(f"drawn but not annotated: {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
