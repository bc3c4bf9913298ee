"""Draw the lines to annotate for tests/data/time_gold_fresh6.tsv (issue 9, round 8).

    python -m dataset_tools ../shared/corpus_more/BOOK.txt --out-dir RUNS/BOOK     # for each book
    python bench/sample_time_fresh6.py RUNS > candidates.tsv                      # unit, book, line, pool, text

The units of the dev / held-out draw are the books, except «Война и мир», т. 3, whose three parts
(«Часть первая» … «Часть третья») are three units; a dialogs.txt line belongs to the part whose
heading precedes its first words in the book. The held-out units are drawn before anything is
scored: random.Random(6).sample(sorted(UNITS), round(len(UNITS) / 3)). Lines per unit are drawn with
bench/sample_time_gold.pools and random.Random(6): QUOTA_SMALL per story, QUOTA_PART per part.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_time_gold import pools  # noqa: E402

WAR = "tolstoy__Война_и_мир_Том_3"
BOOKS = ("chekhov__Беглец chekhov__В_ссылке chekhov__Дома chekhov__Крыжовник chekhov__О_любви chekhov__Дачница "
         "chekhov__Дачники chekhov__Гость chekhov__Добрый_знакомый chekhov__Дорогая_собака chekhov__Смерть_чиновника "
         "chekhov__Толстый_и_тонкий gorky__Знахарка gorky__Старуха_Изергиль tolstoy__Три_смерти "
         "tolstoy__Праведный_судья").split()  # chekhov__Дополнительные_вопросы, pushkin__История_села_Горюхина: no dialogue
UNITS = BOOKS + [f"{WAR}#{n}" for n in (1, 2, 3)]
QUOTA_SMALL = {"changed": 6, "trap": 2, "capword": 2, "plain": 1}
QUOTA_PART = {"changed": 14, "trap": 3, "capword": 3, "plain": 2}
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus_more"


def heldout_units() -> list[str]:
    return sorted(random.Random(6).sample(sorted(UNITS), round(len(UNITS) / 3)))


def war_parts(dialogs: list[str], text: str, heads: list[int] | None = None) -> list[int]:
    """The part (1-3) of every dialogs.txt line of «Война и мир», т. 3, by where its first words stand.

    heads: where each part begins in text (bench/sample_time_fresh10.py gives its own); by default the three
    «Часть …» headings of that volume."""
    if heads is None:
        heads = [m.start() for m in re.finditer(r"(?m)^\s*Часть (?:первая|вторая|третья)\s*$", text)]
    parts, pos = [], 0
    for line in dialogs:
        words = re.sub(r"^<char>", "", line).split("(")[0].split()[:4]
        found = text.find(" ".join(words), pos) if words else -1
        if found >= 0:
            pos = found
        parts.append(sum(h <= pos for h in heads) or 1)
    return parts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    runs, rng = Path(args[0]), random.Random(6)
    print(f"# held-out units: {' '.join(heldout_units())}")
    for book in BOOKS + [WAR]:
        out = runs / book
        dialogs, me, ti = ((out / name).read_text(encoding="utf-8").split("\n")
                           for name in ("dialogs.txt", "me_dialogs.txt", "ti_dialogs.txt"))
        found = pools(dialogs, me, ti)
        if book != WAR:
            groups = {book: found}
            quota = QUOTA_SMALL
        else:
            part = war_parts(dialogs, (CORPUS / f"{WAR}.txt").read_text(encoding="utf-8"))
            groups = {f"{WAR}#{n}": {pool: [i for i in ids if part[i] == n] for pool, ids in found.items()}
                      for n in (1, 2, 3)}
            quota = QUOTA_PART
        for unit, by_pool in groups.items():
            for pool, ids in by_pool.items():
                for i in sorted(rng.sample(ids, min(quota[pool], len(ids)))):
                    print(f"{unit}\t{book}\t{i + 1}\t{pool}\t{dialogs[i]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
