"""Cut «Война и мир», т. 4 into the six units of tests/data/time_gold_fresh7.tsv (its parts one to four and the
epilogue's two parts) and copy the five Bryusov stories beside them, so that bench/score_time.py can run them:

    python bench/split_fresh7.py /tmp/fresh7            # then: python bench/score_time.py --gold fresh7 --corpus /tmp/fresh7
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus_more"
BOOK = "tolstoy__Война_и_мир_Том_4"
# 1-based first and last lines of each unit in the book's file (the headings «Часть …», «Эпилог»).
UNITS = {"ч1": (1, 500), "ч2": (501, 851), "ч3": (852, 1311), "ч4": (1312, 1867), "э1": (1868, 2368),
         "э2": (2369, None)}
STORIES = ("Первая_любовь", "Мраморная_головка", "Дитя_и_безумец", "Последние_мученики", "Сестры")


def unit_text(name: str, corpus: Path = CORPUS) -> str | None:
    """The text of one unit of the sample by its name (`tolstoy__Война_и_мир_Том_4_ч2`), None for another name."""
    unit = name.removeprefix(f"{BOOK}_")
    if unit == name or unit not in UNITS or not (corpus / f"{BOOK}.txt").is_file():
        return None
    first, last = UNITS[unit]
    return "\n".join((corpus / f"{BOOK}.txt").read_text(encoding="utf-8").split("\n")[first - 1:last]) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    for unit in UNITS:
        (out / f"{BOOK}_{unit}.txt").write_text(unit_text(f"{BOOK}_{unit}"), encoding="utf-8")
    for story in STORIES:
        shutil.copy(CORPUS / f"bryusov__{story}.txt", out / f"bryusov__{story}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
