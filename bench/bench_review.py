"""How long review.tsv takes on a finished run, and its book evidence (review/book.py) apart.

    python -m dataset_tools BOOK.txt --out-dir OUT --stop time
    python bench/bench_review.py OUT BOOK.txt

Measured 02.12.2026 (round 5, 2 shared cores): «Дуэль» (../shared/corpus/chekhov_duel.txt, 617 lines):
review rows 0.24 s without the book's evidence, 0.26 s with it; the evidence itself 0.03 s (about 0.12 s
per million characters of text: the whole library, 52 MB, a few seconds); 14 lines flagged (2.3%).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dataset_tools.dicts import read_dictionary  # noqa: E402
from dataset_tools.review import review_rows  # noqa: E402
from dataset_tools.review.book import book_evidence  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, book = Path(args[0]), Path(args[1])
    dialogs, me, ti = ((out / name).read_text(encoding="utf-8").split("\n")
                       for name in ("dialogs.txt", "me_dialogs.txt", "ti_dialogs.txt"))
    names = [read_dictionary(out / f"dict_{p}.py") for p in ("me", "ti")]
    review_rows(dialogs, me, ti, *names)  # warm pymorphy3's caches, as a real run is by then
    start = time.perf_counter()
    plain = review_rows(dialogs, me, ti, *names)
    without = time.perf_counter() - start
    start = time.perf_counter()
    evidence = book_evidence([book.read_text(encoding="utf-8")])
    built = time.perf_counter() - start
    start = time.perf_counter()
    rows = review_rows(dialogs, me, ti, *names, evidence)
    with_book = time.perf_counter() - start
    lines = sum(1 for line in dialogs if line.strip())
    print(f"review rows: {without:.2f} s without the book's evidence, {with_book:.2f} s with it; "
          f"evidence {built:.3f} s; flagged lines {len({r[1] for r in plain})} -> {len({r[1] for r in rows})} "
          f"of {lines}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
