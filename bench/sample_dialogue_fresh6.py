"""Draw the paragraphs annotated for tests/data/dialogue_gold_fresh6.tsv (how that table was sampled).

    python bench/sample_dialogue_fresh6.py > candidates.txt

Books: the 65 corpus_more texts of helper dialogue8's share of /work/wt/UNUSED_BOOKS.txt (issue 10, round 8; fresh
for dialogue: no dialogue gold table sampled them). Units are whole books, except the three big novels, whose parts
are units: Братья Карамазовы by its twelve books and the epilogue, Воскресение by its three parts, Война и мир т. 4
by its four parts and the epilogue's two. Held-out units are drawn first, before any annotation or scoring, with
random.Random(20261240): round(n / 3) of the units that have a candidate paragraph. Paragraphs are found WITHOUT the
pipeline's code, by bench/sample_dialogue_fresh3.py's reader (every book here is one paragraph a line). A candidate
opens with a dash, or with a quotation that a dash follows, and is at most MAX_LEN characters long. The draw is weighted toward hard paragraphs (HARD below:
fresh5's hard ones — two or more inner dashes, French, quotes, long — and any paragraph with an inner dash in a book
told in the first person): per unit up to PER_UNIT rows (PER_BIG for a part of a big novel), round(2/3 of them) hard,
with random.Random(20261241); then up to one more quote-led paragraph per unit with random.Random(20261242).
The printout shows the source only, never the pipeline's answer (blind annotation).
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from sample_dialogue_fresh2 import DASH, QUOTE_LED  # noqa: E402
from sample_dialogue_fresh3 import CORPUS, candidates  # noqa: E402
from sample_dialogue_fresh5 import INNER_DASH, hard  # noqa: E402

BOOKS = """dostoevsky__Братья_Карамазовы tolstoy__Воскресение tolstoy__Война_и_мир_Том_4 gorky__Фома_Гордеев
turgenev__Дворянское_гнездо dostoevsky__Вечный_муж turgenev__Вешние_воды gorky__Сказки_об_Италии gogol__Тарас_Бульба
tolstoy__Крейцерова_соната turgenev__Первая_любовь tolstoy__Севастополь_в_августе_1855_года tolstoy__Смерть_Ивана_Ильича
chekhov__Палата_№6 tolstoy__Утро_пемещика gorky__Коновалов tolstoy__Севастополь_в_мае gogol__Ночь_перед_Рождеством
dostoevsky__Слабое_сердце gogol__Невский_проспект dostoevsky__Крокодил gorky__Челкаш tolstoy__Метель turgenev__Муму
tolstoy__Разжалованный gogol__Старосветские_помещики tolstoy__Кавказский_пленник gorky__Старуха_Изергиль
chekhov__Дом_с_мезонином chekhov__Дама_с_собачкой gorky__Скуки_ради tolstoy__Записки_маркера chekhov__Человек_в_футляре
chekhov__Гусев chekhov__Володя chekhov__Ведьма gorky__Емельян_Пиляй gorky__Ярмарка_в_Голтве gorky__Дело_с_застёжками
gorky__Знахарка chekhov__Агафья chekhov__О_любви chekhov__В_ссылке chekhov__Двадцать_девятое_июня chekhov__Дорогие_уроки
chekhov__Белолобый bryusov__Первая_любовь chekhov__Детвора chekhov__Тоска chekhov__Беззащитное_существо chekhov__Налим
chekhov__Анюта chekhov__Гость chekhov__Дипломат chekhov__Беда_1886 chekhov__Водевиль chekhov__Дочь_Альбиона
chekhov__Хирургия chekhov__Глупый_француз chekhov__Бумажник tolstoy__Праведный_судья chekhov__Смерть_чиновника
chekhov__Альбом chekhov__Баран_и_барышня chekhov__Добрый_знакомый""".split()
# told by a first-person narrator (a remark may be the narrator's own `я`); Братья Карамазовы has its chronicler
FIRST_PERSON = """dostoevsky__Братья_Карамазовы tolstoy__Крейцерова_соната turgenev__Первая_любовь tolstoy__Записки_маркера
gorky__Коновалов gorky__Старуха_Изергиль chekhov__Дом_с_мезонином chekhov__О_любви dostoevsky__Крокодил
bryusov__Первая_любовь tolstoy__Разжалованный chekhov__Дорогие_уроки gorky__Ярмарка_в_Голтве""".split()
# the headings that start a unit of a big novel (the line stripped)
PARTS = {"dostoevsky__Братья_Карамазовы": re.compile(r"^(Книга \w+|Эпилог)$"),
         "tolstoy__Воскресение": re.compile(r"^(?i:часть \w+)$"),
         "tolstoy__Война_и_мир_Том_4": re.compile(r"^(Часть \w+|Эпилог)$")}
PER_UNIT, PER_BIG = 2, 3
MAX_LEN = 700  # longer paragraphs (a few percent) are left out: one row must be annotatable by eye in one go


def is_hard(book: str, paragraph: str) -> bool:
    return hard(paragraph) or (book in FIRST_PERSON and bool(INNER_DASH.search(paragraph[2:])))


def unit_paragraphs(book: str) -> list[tuple[str, str]]:
    """(unit, paragraph) for every candidate paragraph of a book; a big novel's unit is `book/part`, where an
    epilogue's parts read `Эпилог/Часть первая`."""
    if book not in PARTS:
        return [(book, p) for p, _ in candidates(book)[1] if len(p) <= MAX_LEN]
    unit, epilogue, out = "", "", []
    for line in (CORPUS / f"{book}.txt").read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if PARTS[book].match(text):
            epilogue = "Эпилог/" if text == "Эпилог" or epilogue else ""
            unit = f"{book}/{text}" if text == "Эпилог" else f"{book}/{epilogue}{text}"
        elif text and unit and len(text) <= MAX_LEN and (DASH.match(text) or QUOTE_LED.match(text)):
            out.append((unit, text))
    return out


def main() -> int:
    pools: dict[str, list[tuple[str, str]]] = {}
    for book in BOOKS:
        for unit, paragraph in unit_paragraphs(book):
            pools.setdefault(unit, []).append((book, paragraph))
    units = list(pools)
    held = set(random.Random(20261240).sample(units, round(len(units) / 3)))
    rng, quote_rng = random.Random(20261241), random.Random(20261242)
    print(f"# units={len(units)} heldout={len(held)}: {' | '.join(u for u in units if u in held)}")
    for unit in units:
        pool = pools[unit]
        n = PER_BIG if "/" in unit else PER_UNIT
        hard_i = [i for i, (b, p) in enumerate(pool) if is_hard(b, p)]
        plain_i = [i for i, (b, p) in enumerate(pool) if not is_hard(b, p)]
        n_hard = min(len(hard_i), round(2 * n / 3))
        drawn = rng.sample(hard_i, n_hard) + rng.sample(plain_i, min(len(plain_i), n - n_hard))
        quotes = [i for i, (_, p) in enumerate(pool) if QUOTE_LED.match(p) and i not in drawn]
        drawn = sorted(drawn + quote_rng.sample(quotes, min(1, len(quotes))))
        for i in drawn:
            book, paragraph = pool[i]
            print(f"## {book}.txt\t{unit}\t{int(unit in held)}\t#{i}/{len(pool)}\thard={int(is_hard(book, paragraph))}")
            print(paragraph)
    return 0


if __name__ == "__main__":
    sys.exit(main())
