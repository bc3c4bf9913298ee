"""Draw the replicas annotated as parts dev7 / heldout7 of tests/data/speakers_gold.tsv (the seventh sample).

    python bench/sample_speakers_gold7.py > /tmp/draw7.txt

Book: turgenev__Записки_охотника (corpus_more), never sampled before. Its units are the 25 stories, each
headed by its title on a line of its own (TITLES, in book order). The held-out stories are drawn FIRST,
before any annotation or scoring, with random.Random(2031): round(n / 3) of the stories that have a
dialogue of at least two replicas. Then in every story one such dialogue is drawn with random.Random(2032)
and up to RUN consecutive replicas of it from a random start (same generator). The replicas are the
dialogs.txt lines of a one-book run (the dialogue stage's code reads the book; the speakers stage does not
run). Each draw is printed with the narration paragraphs around it, for annotation by hand.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BOOK = ROOT.parent / "shared" / "corpus_more" / "turgenev__Записки_охотника.txt"
TITLES = """Хорь и Калиныч|Ермолай и мельничиха|Малиновая вода|Уездный лекарь|Мой сосед Радилов|Однодворец Овсянников
|Льгов|Бежин луг|Касьян с Красивой мечи|Бурмистр|Контора|Бирюк|Два помещика|Лебедянь|Татьяна Борисовна и ее племянник
|Смерть|Певцы|Петр Петрович Каратаев|Свидание|Гамлет Щигровского уезда|Чертопханов и Недопюскин|Конец Чертопханова
|Живые мощи|Стучит!|Лес и степь""".replace("\n", "").split("|")
RUN = 7


def unit_of_paragraphs(paragraphs: list[str], heads: list[str], names: list[str] | None = None) -> list[str]:
    """The unit of every paragraph: a paragraph equal to the next heading opens the unit of that heading
    (named by `names`, or by the heading itself); paragraphs before the first heading belong to none ("")."""
    names = names or heads
    result, current, wanted = [], "", 0
    for p in paragraphs:
        if wanted < len(heads) and p.strip() == heads[wanted]:
            current, wanted = names[wanted], wanted + 1
        result.append(current)
    assert wanted == len(heads), f"heading not found: {heads[wanted]}"
    return result


def dialogues_by_unit(book: Path, heads: list[str], names: list[str] | None = None):
    """The book's paragraphs, and its dialogues of at least two replicas by unit, each as rows
    (dialogs.txt line of a one-book run, paragraph number, rendered replica)."""
    from dataset_tools.dialogue import extract_dialogues
    from dataset_tools.formats import render_dialog
    from dataset_tools.normalize import split_paragraphs
    from dataset_tools.textio import read_text

    text, _ = read_text(book)
    paragraphs, _ = split_paragraphs(text)
    extracted = extract_dialogues(paragraphs)
    unit = unit_of_paragraphs(paragraphs, heads, names)
    by_unit: dict[str, list[list[tuple[int, int, str]]]] = {u: [] for u in names or heads}
    number = 1
    for dialogue, origins in zip(extracted.dialogues, extracted.origins):
        rows = [(number + i, origin, render_dialog(r)) for i, (r, origin) in enumerate(zip(dialogue, origins))]
        number += len(dialogue) + 1
        if len(rows) >= 2 and unit[origins[0] - 1]:
            by_unit[unit[origins[0] - 1]].append(rows)
    return paragraphs, by_unit


def print_draw(header: str, rows: list[tuple[int, int, str]], paragraphs: list[str], width: int) -> None:
    """One draw for annotation: its replicas, each after the narration paragraphs (up to three) before it."""
    print(f"=== {header}")
    shown = set()
    for line, origin, rendered in rows:
        for k in range(max(origin - 3, 1), origin):
            if k not in shown and k not in {o for _, o, _ in rows}:
                print(f"    [{k}] {paragraphs[k - 1][:width]}")
            shown.add(k)
        shown.add(origin)
        print(f"{line}\t{rendered}")
    print()


def main() -> int:
    paragraphs, by_story = dialogues_by_unit(BOOK, TITLES)
    with_dialogue = [t for t in TITLES if by_story[t]]
    held = set(random.Random(2031).sample(with_dialogue, round(len(with_dialogue) / 3)))
    rng = random.Random(2032)
    for title in with_dialogue:
        rows = rng.choice(by_story[title])
        start = rng.randrange(max(1, len(rows) - RUN + 1))
        print_draw(f"{title} | {'heldout7' if title in held else 'dev7'}", rows[start:start + RUN], paragraphs, 600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
