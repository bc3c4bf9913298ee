"""Reading a library-sized dict_me.py: CPU seconds per 1,000 entries at growing sizes.

A linear reader keeps the figure flat as the dictionary grows; the old one (which called
`ast.get_source_segment` per entry, re-splitting the whole file each time) grew with the size.

    python bench/bench_dictionary.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dataset_tools.dicts import parse_dictionary, render_dictionary  # noqa: E402


def seconds_per_thousand(entries: int) -> float:
    text = render_dictionary({f"Имя{i:06d}": "я" for i in range(entries)}, "me")
    started = time.process_time()
    parse_dictionary(text)
    return (time.process_time() - started) / entries * 1000


def main() -> None:
    base = seconds_per_thousand(2000)
    print("| entries | CPU s per 1,000 | ratio to 2,000 entries |")
    print("|---|---|---|")
    for entries in (2000, 10000, 40000):
        figure = base if entries == 2000 else seconds_per_thousand(entries)
        print(f"| {entries:,} | {figure:.3f} | {figure / base:.2f}× |")


if __name__ == "__main__":
    main()
