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


def story_of_paragraphs(paragraphs: list[str]) -> list[str]:
    """The story (title) of every paragraph: a paragraph equal to the next title opens it."""
    result, current, wanted = [], "", 0
    for p in paragraphs:
        if wanted < len(TITLES) and p.strip() == TITLES[wanted]:
            current, wanted = TITLES[wanted], wanted + 1
        result.append(current)
    assert wanted == len(TITLES), f"title not found: {TITLES[wanted]}"
    return result


def main() -> int:
    from dataset_tools.dialogue import extract_dialogues
    from dataset_tools.formats import render_dialog
    from dataset_tools.normalize import split_paragraphs
    from dataset_tools.textio import read_text

    text, _ = read_text(BOOK)
    paragraphs, _ = split_paragraphs(text)
    extracted = extract_dialogues(paragraphs)
    story = story_of_paragraphs(paragraphs)
    by_story: dict[str, list[list[tuple[int, int, str]]]] = {t: [] for t in TITLES}
    number = 1
    for dialogue, origins in zip(extracted.dialogues, extracted.origins):
        rows = [(number + i, origin, render_dialog(r)) for i, (r, origin) in enumerate(zip(dialogue, origins))]
        number += len(dialogue) + 1
        if len(rows) >= 2:
            by_story[story[origins[0] - 1]].append(rows)
    with_dialogue = [t for t in TITLES if by_story[t]]
    held = set(random.Random(2031).sample(with_dialogue, round(len(with_dialogue) / 3)))
    rng = random.Random(2032)
    for title in with_dialogue:
        rows = rng.choice(by_story[title])
        start = rng.randrange(max(1, len(rows) - RUN + 1))
        rows = rows[start:start + RUN]
        print(f"=== {title} | {'heldout7' if title in held else 'dev7'}")
        shown = set()
        for line, origin, rendered in rows:
            for k in range(max(origin - 3, 1), origin):
                if k not in shown and k not in {o for _, o, _ in rows}:
                    print(f"    [{k}] {paragraphs[k - 1][:600]}")
                shown.add(k)
            shown.add(origin)
            print(f"{line}\t{rendered}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
