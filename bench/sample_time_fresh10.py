"""Draw the lines to annotate for tests/data/time_gold_fresh10.tsv (issue 9, round 10, TiMe).

    python -m dataset_tools ../shared/corpus_more/BOOK.txt --out-dir RUNS/BOOK --stop time   # for each book
    python bench/sample_time_fresh10.py RUNS > candidates.tsv          # unit, book, line, pool, dialogs.txt line

Books of the `time10` list of this session (fresh for TiMe: no TiMe gold table sampled them). The units of the
dev / held-out draw are whole books, except the four big novels, cut by their parts: «Война и мир», т. 2 (ЧАСТЬ
ПЕРВАЯ … ПЯТАЯ), «Мать» and «Село Степанчиково» (ЧАСТЬ ПЕРВАЯ / ВТОРАЯ), and «В людях» (the file holds «Детство»
and «В людях»: #1 «Детство», #2 «В людях» I–X, #3 XI to the end). A dialogs.txt line belongs to the part whose
heading ends before its first words in the book (bench/sample_time_fresh6.war_parts, with these headings).
The held-out units are drawn before anything is scored: random.Random(10).sample(sorted(UNITS), round(len(UNITS) / 3)).
Lines per unit with bench/sample_time_gold.pools and random.Random(10): QUOTA_SMALL per book, QUOTA_PART per part —
mostly lines the pipeline changed (where the wrong lines are), plus traps (a preposition or «…» before a capital,
a capitalised word inside a sentence: places, titles, missed names). Lines over MAX_CHARS characters are skipped
(not annotatable by hand with confidence). The sampler prints the dialogs.txt line only, never its me/ti copies.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sample_time_fresh6  # noqa: E402
from sample_time_fresh6 import CORPUS  # noqa: E402
from sample_time_gold import pools  # noqa: E402

BOOKS = ("dostoevsky__Дядюшкин_сон dostoevsky__Неточка_Незванова pushkin__Повести_Белкина gorky__Бывшие_люди "
         "dostoevsky__Скверный_анекдот gorky__На_дне tolstoy__Холстомер gogol__Нос pushkin__Пиковая_дама "
         "tolstoy__Альберт dostoevsky__Маленький_герой gorky__Проходимец").split()
# The headings that open each part of a big novel, as regular expressions over the book's lines.
ORDINALS = "ПЕРВАЯ ВТОРАЯ ТРЕТЬЯ ЧЕТВЕРТАЯ ПЯТАЯ".split()
PARTS = {
    "tolstoy__Война_и_мир_Том_2": [rf"ЧАСТЬ {n}\." for n in ORDINALS],
    "gorky__Мать": [r"ЧАСТЬ ПЕРВАЯ", r"ЧАСТЬ ВТОРАЯ"],
    "dostoevsky__Село_Степанчиково_и_его_обитатели": [r"ЧАСТЬ ПЕРВАЯ", r"ЧАСТЬ ВТОРАЯ.*"],
    "gorky__В_людях": [r"ДЕТСТВО", r"XIII\s*$[\s\S]*?^\s*I", r"XI"],  # «В людях» I: the first I after «Детство» XIII
}
UNITS = BOOKS + [f"{book}#{n}" for book, heads in PARTS.items() for n in range(1, len(heads) + 1)]
QUOTA_SMALL = {"changed": 6, "trap": 2, "capword": 1, "plain": 0}
QUOTA_PART = {"changed": 7, "trap": 2, "capword": 1, "plain": 0}
MAX_CHARS = 400
SEED = 10


def heldout_units() -> list[str]:
    return sorted(random.Random(SEED).sample(sorted(UNITS), round(len(UNITS) / 3)))


def part_of_lines(dialogs: list[str], book: str) -> list[int]:
    """The part (1-based) of every dialogs.txt line of a big novel, by the headings of PARTS[book], in order."""
    text = (CORPUS / f"{book}.txt").read_text(encoding="utf-8")
    heads, pos = [], 0
    for head in PARTS[book]:
        found = re.compile(rf"(?m)^\s*{head}\s*$").search(text, pos)
        pos = found.end() if found else pos
        heads.append(pos)
    return sample_time_fresh6.war_parts(dialogs, text, heads)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    runs, rng = Path(args[0]), random.Random(SEED)
    print(f"# held-out units: {' '.join(heldout_units())}")
    for book in BOOKS + list(PARTS):
        out = runs / book
        dialogs, me, ti = ((out / name).read_text(encoding="utf-8").split("\n")
                           for name in ("dialogs.txt", "me_dialogs.txt", "ti_dialogs.txt"))
        found = {pool: [i for i in ids if len(dialogs[i]) <= MAX_CHARS] for pool, ids in pools(dialogs, me, ti).items()}
        if book in PARTS:
            part = part_of_lines(dialogs, book)
            groups = {f"{book}#{n}": {pool: [i for i in ids if part[i] == n] for pool, ids in found.items()}
                      for n in range(1, len(PARTS[book]) + 1)}
            quota = QUOTA_PART
        else:
            groups, quota = {book: found}, QUOTA_SMALL
        for unit, by_pool in groups.items():
            for pool, ids in by_pool.items():
                for i in sorted(rng.sample(ids, min(quota[pool], len(ids)))):
                    print(f"{unit}\t{book}\t{i + 1}\t{pool}\t{dialogs[i]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
