"""Draw the replicas annotated as parts dev8 / heldout8 of tests/data/speakers_gold.tsv (the eighth sample).

    python bench/sample_speakers_gold8.py > /tmp/draw8.txt

Book: tolstoy__Война_и_мир_Том_4 (corpus_more), never sampled for speakers before. Its units are the six parts:
parts one to four and the epilogue's two parts, each headed by a line of its own (HEADS, in book order; the line
«Эпилог» opens the epilogue's first part). The held-out parts are drawn FIRST, before any annotation or scoring,
with random.Random(2033): round(6 / 3) = 2 of the six. Then in every part DRAWS dialogues of at least two
replicas are drawn with random.Random(2034) (without repetition) and up to RUN consecutive replicas of each
from a random start (same generator). The replicas are the dialogs.txt lines of a one-book run (the dialogue
stage's code reads the book; the speakers stage does not run). Each draw is printed with the narration
paragraphs around it, for annotation by hand.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BOOK = ROOT.parent / "shared" / "corpus_more" / "tolstoy__Война_и_мир_Том_4.txt"
HEADS = ["Часть первая", "Часть вторая", "Часть третья", "Часть четвертая", "Эпилог", "Часть вторая"]
UNITS = ["Часть 1", "Часть 2", "Часть 3", "Часть 4", "Эпилог 1", "Эпилог 2"]
DRAWS, RUN = 5, 7


def unit_of_paragraphs(paragraphs: list[str]) -> list[str]:
    """The unit of every paragraph: a paragraph equal to the next heading opens it."""
    result, current, wanted = [], "", 0
    for p in paragraphs:
        if wanted < len(HEADS) and p.strip() == HEADS[wanted]:
            current, wanted = UNITS[wanted], wanted + 1
        result.append(current)
    assert wanted == len(HEADS), f"heading not found: {HEADS[wanted]}"
    return result


def main() -> int:
    from dataset_tools.dialogue import extract_dialogues
    from dataset_tools.formats import render_dialog
    from dataset_tools.normalize import split_paragraphs
    from dataset_tools.textio import read_text

    text, _ = read_text(BOOK)
    paragraphs, _ = split_paragraphs(text)
    extracted = extract_dialogues(paragraphs)
    unit = unit_of_paragraphs(paragraphs)
    by_unit: dict[str, list[list[tuple[int, int, str]]]] = {u: [] for u in UNITS}
    number = 1
    for dialogue, origins in zip(extracted.dialogues, extracted.origins):
        rows = [(number + i, origin, render_dialog(r)) for i, (r, origin) in enumerate(zip(dialogue, origins))]
        number += len(dialogue) + 1
        if len(rows) >= 2 and unit[origins[0] - 1]:
            by_unit[unit[origins[0] - 1]].append(rows)
    held = set(random.Random(2033).sample(UNITS, round(len(UNITS) / 3)))
    rng = random.Random(2034)
    for name in UNITS:
        for rows in rng.sample(by_unit[name], min(DRAWS, len(by_unit[name]))):
            start = rng.randrange(max(1, len(rows) - RUN + 1))
            rows = rows[start:start + RUN]
            print(f"=== {name} | {'heldout8' if name in held else 'dev8'}")
            shown = set()
            for line, origin, rendered in rows:
                for k in range(max(origin - 3, 1), origin):
                    if k not in shown and k not in {o for _, o, _ in rows}:
                        print(f"    [{k}] {paragraphs[k - 1][:700]}")
                    shown.add(k)
                shown.add(origin)
                print(f"{line}\t{rendered}")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
