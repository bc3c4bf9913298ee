"""Write tests/data/time_gold_fresh9.tsv from the drawn lines and the hand-written edits.

    python bench/sample_time_fresh9.py RUNS > candidates.tsv
    python bench/build_fresh9.py candidates.tsv bench/fresh9_edits.txt > tests/data/time_gold_fresh9.tsv

bench/fresh9_edits.txt is the annotation: for each drawn line a head `@ UNIT LINE CLASSES GROUP`, then one edit per
line, `source words => me words | ti words`, applied in order, each searched after the previous one (the words are
taken from the dialogs.txt line, the replacements written by hand from that line alone). A head with no edits is a
line that stays as it is; `@ UNIT LINE skip REASON` leaves a drawn line out.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_time_fresh9 import HELDOUT  # noqa: E402


def read_edits(path: Path) -> list[tuple[str, int, str, str, list[tuple[str, str, str]]]]:
    items = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw.startswith("@ "):
            head = raw[2:].split()
            items.append((head[0], int(head[1]), head[2], head[3] if len(head) > 3 else "", []))
            continue
        old, new = raw.split(" => ")
        me, ti = new.split(" | ")
        items[-1][4].append((old, me, ti))
    return items


def apply(source: str, edits: list[tuple[str, str, str]], which: int) -> str:
    text, at = source, 0
    for edit in edits:
        old, new = edit[0], edit[which]
        found = text.find(old, at)
        if found < 0:
            raise SystemExit(f"not found: {old!r} in {source!r}")
        text = text[:found] + new + text[found + len(old):]
        at = found + len(new)
    return text


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
    done = set()
    for unit, number, classes, group, edits in read_edits(Path(args[1])):
        done.add((unit, number))
        if classes == "skip":
            continue
        source = drawn[(unit, number)]
        part = "heldout" if unit.rsplit("_", 1)[1] in HELDOUT else "dev"
        print("\t".join((unit, str(number), classes, group, part, source, apply(source, edits, 1),
                         apply(source, edits, 2))))
    missing = sorted(set(drawn) - done)
    if missing:
        raise SystemExit(f"drawn but not annotated: {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
