"""Draw the paragraphs annotated for tests/data/dialogue_gold_fresh4.tsv (how that table was sampled).

    python bench/sample_dialogue_fresh4.py > candidates.txt

Books: the 29 corpus_more texts named below, none used by an earlier sample (issue 10, round 6;
helper dialogue6's share of /work/wt/UNUSED_BOOKS.txt). Held-out books are drawn first, before any
annotation or scoring, with random.Random(20261220): round(n / 3) of the books that have a candidate
paragraph. Paragraphs are found WITHOUT the pipeline's code, by bench/sample_dialogue_fresh2.py's own
reader (a hard-wrapped book is re-joined by indentation, its draws printed with their raw lines), as in
bench/sample_dialogue_fresh3.py. A candidate opens with a dash, or with a quotation that a dash follows.
Per book at most CAP are drawn with random.Random(20261221) (BIG_CAP for the three long Tolstoy books:
Детство, Отрочество, Семейное счастье), then up to QUOTE_CAP more quote-led paragraphs per book with random.Random(20261222).
Books with no candidate (no dialogue) are listed too: the stage must invent nothing there.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from sample_dialogue_fresh2 import print_draws  # noqa: E402
from sample_dialogue_fresh3 import candidates  # noqa: E402

BOOKS = """tolstoy__Детство tolstoy__Отрочество tolstoy__Семейное_счастье
bryusov__Декадент bryusov__Республика_Южного_Креста bryusov__Рея_Сильвия bryusov__В_зеркале
bryusov__Восстание_машин bryusov__Теперь_-_когда_я_проснулся bryusov__Рассказы_Маши_с_реки_Мологи_под_городом_Устюжна
dostoevsky__Короткая dostoevsky__Роман_в_девяти_письмах dostoevsky__Сон_смешного_человека dostoevsky__Домовой
gogol__Записки_сумасшедшего herzen__Легенда
blok__Девушка_розовой_калитки_и_муравьиный_царь blok__Ни_сны_ни_явь blok__Сказка_о_той_которая_не_поймет_её
chekhov__Ванька chekhov__Гриша chekhov__Встреча_весны chekhov__Ах_зубы chekhov__Брожение_умов chekhov__Беда_1887
chekhov__В_потёмках gorky__Песня_о_Буревестнике gorky__Несвоевременные_мысли pushkin__История_Пугачёва""".split()
CAP, BIG_CAP, QUOTE_CAP = 6, 12, 3
BIG = {"tolstoy__Детство", "tolstoy__Отрочество", "tolstoy__Семейное_счастье"}


def heldout_books(pools: dict) -> set[str]:
    with_dialogue = [b for b in BOOKS if pools[b][1]]
    return set(random.Random(20261220).sample(with_dialogue, round(len(with_dialogue) / 3)))


def main() -> int:
    pools = {book: candidates(book) for book in BOOKS}
    held = heldout_books(pools)
    rng, quote_rng = random.Random(20261221), random.Random(20261222)
    drawn = {b: sorted(rng.sample(range(len(p)), min(BIG_CAP if b in BIG else CAP, len(p))))
             for b, (_, p) in pools.items()}
    for book in BOOKS:
        kind, pool = pools[book]
        print(f"# {book}\t{kind}\tcandidates={len(pool)}\theldout={int(book in held)}")
        print_draws(book, kind, book in held, pool, drawn[book], quote_rng, QUOTE_CAP)
    return 0


if __name__ == "__main__":
    sys.exit(main())
