"""Draw the paragraphs annotated for tests/data/dialogue_gold_fresh3.tsv (how that table was sampled).

    python bench/sample_dialogue_fresh3.py > candidates.txt

Books: the 24 corpus_more texts named below, none used by an earlier sample (issue 10, round 4).
Held-out books are drawn first, before any annotation or scoring, with random.Random(20261206):
round(0.4 * n) of the books that have a candidate paragraph. Paragraphs are found WITHOUT the
pipeline's code, by bench/sample_dialogue_fresh2.py's own reader: a book whose lines are 90% at most
100 characters long is re-joined by indentation (and blank lines), and every draw is printed with its
raw lines so the join is checked by eye; any other book is one paragraph a line. A candidate opens
with a dash, or with a quotation that a dash follows. Per book at most CAP are drawn (BIG_CAP for the
big Дневник писателя, whose draws fall in several of its stories) with random.Random(20261207); then,
as quote-led paragraphs are rare, up to QUOTE_CAP more of them per book with random.Random(20261208).
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from sample_dialogue_fresh2 import DASH, QUOTE_LED, indented_paragraphs, print_draws  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus_more"
BOOKS = """dostoevsky__Бедные_люди dostoevsky__Роман_в_девяти_письмах dostoevsky__Мальчик_у_Христа_на_ёлке
dostoevsky__Дневник_писателя gogol__Рим gogol__Ночи_на_вилле pushkin__История_Пугачёва tolstoy__Записки_сумасшедшего
tolstoy__Работник_Емельян_и_пустой_барабан turgenev__Стихотворения_в_прозе chekhov__Беседа_пьяного_с_трезвым_чёртом
chekhov__Восклицательный_знак chekhov__Встреча_весны chekhov__Грешник_из_Толедо bryusov__Предсмертный_бред_Вергилия
bryusov__Рассказы_Маши_с_реки_Мологи_под_городом_Устюжна bryusov__Последние_страницы_из_дневника_женщины
blok__Девушка_розовой_калитки_и_муравьиный_царь blok__Сказка_о_той_которая_не_поймет_её gorky__Вывод
gorky__Город_жёлтого_дьявола gorky__Рождение_человека gorky__Человек gorky__Песня_о_соколе""".split()
CAP, BIG_CAP, QUOTE_CAP = 6, 10, 3
BIG = {"dostoevsky__Дневник_писателя"}


def hard_wrapped(lines: list[str]) -> bool:
    full = [x for x in lines if x.strip()]
    return sum(len(x) <= 100 for x in full) >= 0.9 * len(full)


def candidates(book: str) -> tuple[str, list[tuple[str, list[str]]]]:
    from dataset_tools.textio import read_text  # decoding only
    text, _ = read_text(CORPUS / f"{book}.txt")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kind = "indent" if hard_wrapped(lines) else "lines"
    paragraphs = indented_paragraphs(lines) if kind == "indent" else [(x.strip(), [x]) for x in lines if x.strip()]
    return kind, [(p, raw) for p, raw in paragraphs if DASH.match(p) or QUOTE_LED.match(p)]


def heldout_books(pools: dict) -> set[str]:
    with_dialogue = [b for b in BOOKS if pools[b][1]]
    return set(random.Random(20261206).sample(with_dialogue, round(0.4 * len(with_dialogue))))


def main() -> int:
    pools = {book: candidates(book) for book in BOOKS}
    held = heldout_books(pools)
    rng, quote_rng = random.Random(20261207), random.Random(20261208)
    drawn = {b: sorted(rng.sample(range(len(p)), min(BIG_CAP if b in BIG else CAP, len(p))))
             for b, (_, p) in pools.items()}
    for book in BOOKS:
        kind, pool = pools[book]
        print_draws(book, kind, book in held, pool, drawn[book], quote_rng, QUOTE_CAP)
    return 0


if __name__ == "__main__":
    sys.exit(main())
