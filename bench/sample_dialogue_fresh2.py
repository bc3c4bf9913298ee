"""Draw the paragraphs annotated for tests/data/dialogue_gold_fresh2.tsv (how that table was sampled).

    python bench/sample_dialogue_fresh2.py > candidates.txt

Books: the 30 corpus_more texts named below, none used by an earlier sample. Held-out books are
drawn first, per layout, with random.Random(20261203): round(0.35 * n) of the indented books and
of the others. Paragraphs are found WITHOUT the pipeline's code: `lines` books are one paragraph a
line; indented books are re-joined by this file's own reader (a line indented deeper than the
commonest shallow indent starts a paragraph) and every draw is printed with its raw lines, so the
join is checked by eye. A candidate opens with a dash, or with a quotation that a dash follows.
Per book at most CAP (5 indented, 6 other) are drawn with random.Random(20261204); then, as quote-led
paragraphs are rare, up to QUOTE_CAP more of them per book, not drawn yet, with random.Random(20261205).
"""
from __future__ import annotations

import collections
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus_more"
INDENTED = """bryusov__Бемоль bryusov__В_башне bryusov__В_зеркале bryusov__В_подземной_тюрьме
bryusov__За_себя_или_за_другую bryusov__Ночное_путешествие bryusov__Республика_Южного_Креста
bryusov__Теперь_-_когда_я_проснулся bryusov__Через_пятнадцать_лет bryusov__Элули_сын_Элули
dostoevsky__Два_самоубийства dostoevsky__Петербургские_сновидения_в_стихах_и_в_прозе herzen__Мимоездом
herzen__Повреждённый herzen__Трагедия_за_стаканом_грога tolstoy__Алёша_горшок tolstoy__Ягоды""".split()
PROSE = """dostoevsky__Господин_Прохарчин dostoevsky__Скверный_анекдот dostoevsky__Чужая_жена_и_муж_под_кроватью
dostoevsky__Ползунков dostoevsky__Ёлка_и_свадьба dostoevsky__Неточка_Незванова gogol__Портрет gogol__Коляска
gogol__Записки_сумасшедшего gogol__Вечера_на_хуторе_близ_Диканьки pushkin__Египетские_ночи pushkin__Кирджали
lermontov__Ашик-Кериб""".split()
CAP = {"indent": 5, "prose": 6}
QUOTE_CAP = 3
DASH = re.compile(r"^(--|[—–―‒-])")
QUOTE_LED = re.compile(r"^[«„\"][^«»„“\"]{1,400}[»“\"][,.!?…]?\s*(--|[—–―‒-])\s")


def heldout_books() -> set[str]:
    rng = random.Random(20261203)
    return set(rng.sample(INDENTED, round(0.35 * len(INDENTED))) + rng.sample(PROSE, round(0.35 * len(PROSE))))


def indented_paragraphs(lines: list[str]) -> list[tuple[str, list[str]]]:
    indents = [len(x) - len(x.lstrip(" ")) for x in lines if x.strip()]
    counts = collections.Counter(indents)
    base = min(i for i, n in counts.items() if n >= 0.2 * len(indents))
    out, block = [], []
    for line in lines + [""]:
        deeper = line.strip() and len(line) - len(line.lstrip(" ")) > base
        if (not line.strip() or deeper) and block:
            out.append((" ".join(x.strip() for x in block), block))
            block = []
        if line.strip():
            block.append(line.rstrip())
    return out


def candidates(book: str, kind: str) -> list[tuple[str, list[str]]]:
    from dataset_tools.textio import read_text  # decoding only
    text, _ = read_text(CORPUS / f"{book}.txt")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs = indented_paragraphs(lines) if kind == "indent" else [(x.strip(), [x]) for x in lines if x.strip()]
    return [(p, raw) for p, raw in paragraphs if DASH.match(p) or QUOTE_LED.match(p)]


def main() -> int:
    held = heldout_books()
    rng, quote_rng = random.Random(20261204), random.Random(20261205)
    drawn = {}
    for kind, books in (("indent", INDENTED), ("prose", PROSE)):
        for book in books:
            pool = candidates(book, kind)
            drawn[book] = sorted(rng.sample(range(len(pool)), min(CAP[kind], len(pool))))
    for kind, books in (("indent", INDENTED), ("prose", PROSE)):
        for book in books:
            pool = candidates(book, kind)
            print_draws(book, kind, book in held, pool, drawn[book], quote_rng)
    return 0


def print_draws(book, kind, held, pool, drawn, quote_rng, quote_cap=QUOTE_CAP) -> None:
    """Print the drawn paragraphs of one book, then up to quote_cap more quote-led ones (they are rare);
    an indented book's draws come with their raw lines, so the join is checked by eye."""
    quotes = [i for i, (p, _) in enumerate(pool) if QUOTE_LED.match(p) and i not in drawn]
    extra = sorted(quote_rng.sample(quotes, min(quote_cap, len(quotes))))
    for i in drawn + extra:
        paragraph, raw = pool[i]
        print(f"## {book}.txt\t{kind}\t{int(held)}\t#{i}/{len(pool)}")
        if kind == "indent":
            for line in raw:
                print("   |" + line)
        print(paragraph)


if __name__ == "__main__":
    sys.exit(main())
