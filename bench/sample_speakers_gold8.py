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
sys.path.insert(0, str(ROOT / "bench"))
from sample_speakers_gold7 import dialogues_by_unit, print_draw  # noqa: E402  (the seventh sample's drawing code)

BOOK = ROOT.parent / "shared" / "corpus_more" / "tolstoy__Война_и_мир_Том_4.txt"
HEADS = ["Часть первая", "Часть вторая", "Часть третья", "Часть четвертая", "Эпилог", "Часть вторая"]
UNITS = ["Часть 1", "Часть 2", "Часть 3", "Часть 4", "Эпилог 1", "Эпилог 2"]
DRAWS, RUN = 5, 7


def main() -> int:
    paragraphs, by_unit = dialogues_by_unit(BOOK, HEADS, UNITS)
    held = set(random.Random(2033).sample(UNITS, round(len(UNITS) / 3)))
    rng = random.Random(2034)
    for name in UNITS:
        for rows in rng.sample(by_unit[name], min(DRAWS, len(by_unit[name]))):
            start = rng.randrange(max(1, len(rows) - RUN + 1))
            print_draw(f"{name} | {'heldout8' if name in held else 'dev8'}", rows[start:start + RUN], paragraphs, 700)
    return 0


if __name__ == "__main__":
    sys.exit(main())
