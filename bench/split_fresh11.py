"""The units of tests/data/time_gold_fresh11.tsv (issue 9, the review.tsv sample of round 10): three big Dostoevsky
novels cut by part, «Записки охотника» cut by story, and whole books for the rest; cut them into a folder so that
bench/score_time.py (or the pipeline) can run each unit as a book:

    python bench/split_fresh11.py /tmp/fresh11       # then: python bench/score_time.py --gold fresh11 --corpus /tmp/fresh11

A part or a story starts at its heading line (PARTS: the heading's text as the book writes it, stripped) and ends
before the next one; «Записки охотника»'s headings are bench/sample_speakers_gold7.TITLES (the speakers sample cut
the same stories).
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_speakers_gold7 import TITLES  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus_more"
HUNTER = "turgenev__Записки_охотника"
# book -> (unit suffix, heading line) in book order; the first unit also takes the lines before its heading.
PARTS = {
    "dostoevsky__Идиот": [("ч1", "Часть первая"), ("ч2", "Часть вторая"), ("ч3", "Часть третья"),
                          ("ч4", "Часть четвертая")],
    "dostoevsky__Бесы": [("ч1", "Часть первая"), ("ч2", "Часть вторая"), ("ч3", "Часть третья")],
    "dostoevsky__Униженные_и_оскорблённые": [("ч1", "ЧАСТЬ ПЕРВАЯ"), ("ч2", "ЧАСТЬ ВТОРАЯ"), ("ч3", "ЧАСТЬ ТРЕТЬЯ"),
                                             ("ч4", "ЧАСТЬ ЧЕТВЕРТАЯ"), ("эп", "ЭПИЛОГ")],
    HUNTER: [(f"{n:02d}", title) for n, title in enumerate(TITLES, 1)],
}
# the whole books of the sample (review10's list in /work/wt/UNUSED_BOOKS.txt, session 18; books with no dialogue
# or no name changed simply give no line)
BOOKS = """chekhov__Драма_на_охоте turgenev__Дым tolstoy__Юность dostoevsky__Бедные_люди tolstoy__Детство
tolstoy__Семейное_счастье tolstoy__Отрочество bryusov__Обручение_Даши bryusov__Декадент chekhov__Три_сестры
bryusov__Последние_страницы_из_дневника_женщины tolstoy__Хозяин_и_работник herzen__Скуки_ради dostoevsky__Короткая
bryusov__Семь_земных_соблазнов tolstoy__Рубка_леса tolstoy__Божеское_и_человеческое dostoevsky__Господин_Прохарчин
herzen__Доктор_Крупов herzen__Легенда tolstoy__Из_записок_князя_Д_Нехлюдова_(Люцерн) tolstoy__Набег
bryusov__Республика_Южного_Креста gogol__Записки_сумасшедшего gorky__Озорник dostoevsky__Честный_вор
dostoevsky__Ползунков gorky__Двадцать_шесть_и_одна lermontov__Штосс dostoevsky__Роман_в_девяти_письмах
gorky__Город_жёлтого_дьявола gorky__Макар_Чудра pushkin__Египетские_ночи gorky__В_степи bryusov__Через_пятнадцать_лет
bryusov__Теперь_-_когда_я_проснулся bryusov__Элули_сын_Элули dostoevsky__Ёлка_и_свадьба bryusov__Восстание_машин
gogol__Ночи_на_вилле chekhov__Беда_1887 bryusov__Бемоль chekhov__Грешник_из_Толедо
bryusov__Рассказы_Маши_с_реки_Мологи_под_городом_Устюжна bryusov__В_башне bryusov__Ночное_путешествие
chekhov__В_потёмках chekhov__Ванька blok__Ни_сны_ни_явь chekhov__Встреча_весны chekhov__Гриша herzen__Мимоездом
gorky__Вывод chekhov__Беседа_пьяного_с_трезвым_чёртом""".split()


def units() -> list[str]:
    """Every unit name, in a fixed order: the parts and stories, then the whole books."""
    return [f"{book}_{suffix}" for book, parts in PARTS.items() for suffix, _ in parts] + BOOKS


def unit_text(name: str, corpus: Path = CORPUS) -> str | None:
    """The text of one cut unit by its name (`dostoevsky__Идиот_ч2`), None for a whole book or another name."""
    book, _, suffix = name.rpartition("_")
    if book not in PARTS or not (corpus / f"{book}.txt").is_file():
        return None
    lines = (corpus / f"{book}.txt").read_text(encoding="utf-8").split("\n")
    starts, at = [], 0
    for _, head in PARTS[book]:
        at = next(i for i in range(at, len(lines)) if lines[i].strip() == head)
        starts.append(at)
    starts[0] = 0
    ends = starts[1:] + [len(lines)]
    index = [s for s, _ in PARTS[book]].index(suffix) if suffix in [s for s, _ in PARTS[book]] else None
    if index is None:
        return None
    return "\n".join(lines[starts[index]:ends[index]]) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    for unit in units():
        text = unit_text(unit)
        if text is not None:
            (out / f"{unit}.txt").write_text(text, encoding="utf-8")
        else:
            shutil.copy(CORPUS / f"{unit}.txt", out / f"{unit}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
