"""Draw the replicas to annotate as parts dev9 / heldout9 of tests/data/speakers_gold.tsv (the ninth sample).

    python bench/sample_speakers_gold9.py > /tmp/draw9.txt

Books: sixteen whole books of the `speakers10` list (UNUSED_BOOKS.txt, corpus_more), never sampled for speakers
before; each book is one unit. The held-out units are drawn FIRST, before any annotation or scoring, with
random.Random(2035): 7 of the 16 (the issue's hidden set has 7 books). Then dialogues of at least two replicas
are drawn with random.Random(2036) (without repetition): HELD_DRAWS per held-out book and DEV_DRAWS per dev book,
up to RUN (held-out) / DEV_RUN (dev) consecutive replicas of each from a random start (same generator), so that
the held-out part can reach the issue's shape (>= 35 of each kind) and the dev part about 80 replicas.
BLIND: each draw is printed with the narration paragraphs before it, never the speakers stage's answer (the
replicas are the dialogs.txt lines of a one-book run; the speakers stage does not run).
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from sample_speakers_gold7 import dialogues_by_unit, print_draw  # noqa: E402  (the seventh sample's drawing code)

MORE = ROOT.parent / "shared" / "corpus_more"
BOOKS = """dostoevsky__Двойник dostoevsky__Хозяйка tolstoy__Два_гусара tolstoy__Поликуша tolstoy__Дьявол
tolstoy__Отец_Сергий gogol__Вий chekhov__В_овраге turgenev__Яков_Пасынков gogol__Шинель chekhov__Ариадна
chekhov__Каштанка chekhov__Враги chekhov__Архиерей gogol__Портрет
gogol__Повесть_о_том_как_поссорился_Иван_Иванович_с_Иваном_Никифоровичем""".split()
HELD = 7
HELD_DRAWS, RUN = 4, 7
DEV_DRAWS, DEV_RUN = 2, 5


def book_dialogues(book: str):
    """A whole book as one unit: its paragraphs and its dialogues of at least two replicas."""
    from dataset_tools.normalize import split_paragraphs
    from dataset_tools.textio import read_text

    path = MORE / f"{book}.txt"
    first = next(p.strip() for p in split_paragraphs(read_text(path)[0])[0] if p.strip())
    paragraphs, by_unit = dialogues_by_unit(path, [first], [book])
    return paragraphs, by_unit[book]


def main() -> int:
    held = set(random.Random(2035).sample(BOOKS, HELD))
    rng = random.Random(2036)
    for book in BOOKS:
        paragraphs, dialogues = book_dialogues(book)
        draws, run = (HELD_DRAWS, RUN) if book in held else (DEV_DRAWS, DEV_RUN)
        for rows in rng.sample(dialogues, min(draws, len(dialogues))):
            start = rng.randrange(max(1, len(rows) - run + 1))
            print_draw(f"{book} | {'heldout9' if book in held else 'dev9'}", rows[start:start + run], paragraphs, 700)
    return 0


if __name__ == "__main__":
    sys.exit(main())
