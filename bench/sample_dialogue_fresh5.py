"""Draw the paragraphs annotated for tests/data/dialogue_gold_fresh5.tsv (how that table was sampled).

    python bench/sample_dialogue_fresh5.py > candidates.txt

Book: tolstoy__Война_и_мир_Том_3 only (issue 10, round 7; helper dialogue7's share: the one never
dialogue-sampled book left). Units are its 96 chapters (part + Roman numeral heading). Held-out chapters
are drawn first, before any annotation or scoring, with random.Random(20261230): round(n / 3) of the chapters
that have a candidate paragraph. Paragraphs are found WITHOUT the pipeline's code (one paragraph a line;
a candidate opens with a dash, or with a quotation that a dash follows), as in bench/sample_dialogue_fresh3.py.
The draw is weighted toward hard paragraphs (HARD below: two or more inner dashes, French words, quotes, or a
long paragraph): HARD_N of them with random.Random(20261231), then PLAIN_N of the rest with random.Random(20261232).
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from sample_dialogue_fresh2 import DASH, QUOTE_LED  # noqa: E402

BOOK = ROOT.parent / "shared" / "corpus_more" / "tolstoy__Война_и_мир_Том_3.txt"
HARD_N, PLAIN_N = 72, 36
PART = re.compile(r"^(Часть \w+|Эпилог)$")
ROMAN = re.compile(r"^[IVXLC]+$")
INNER_DASH = re.compile(r"\s[—–]\s")
FRENCH = re.compile(r"[A-Za-zÀ-ÿ]{2,}(?:\W+[A-Za-zÀ-ÿ]{2,}){2}")


def hard(paragraph: str) -> bool:
    return (len(INNER_DASH.findall(paragraph[2:])) >= 2 or bool(FRENCH.search(paragraph))
            or "«" in paragraph or len(paragraph) > 400)


def candidates() -> list[tuple[str, str]]:
    """(chapter, paragraph) for every candidate paragraph; chapter is `part/numeral`."""
    part, chapter, out = "", "", []
    for line in BOOK.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if PART.match(text):
            part = text
        elif ROMAN.match(text):
            chapter = f"{part}/{text}"
        elif text and chapter and (DASH.match(text) or QUOTE_LED.match(text)):
            out.append((chapter, text))
    return out


def main() -> int:
    pool = candidates()
    chapters = sorted({c for c, _ in pool}, key=[c for c, _ in pool].index)
    held = set(random.Random(20261230).sample(chapters, round(len(chapters) / 3)))
    hard_i = [i for i, (_, p) in enumerate(pool) if hard(p)]
    plain_i = [i for i, (_, p) in enumerate(pool) if not hard(p)]
    drawn = sorted(random.Random(20261231).sample(hard_i, HARD_N) + random.Random(20261232).sample(plain_i, PLAIN_N))
    print(f"# {BOOK.name}\tcandidates={len(pool)} (hard {len(hard_i)})\tchapters={len(chapters)}\t"
          f"heldout: {' '.join(sorted(held))}")
    for i in drawn:
        chapter, paragraph = pool[i]
        print(f"## {chapter}\t{int(chapter in held)}\t#{i}/{len(pool)}\thard={int(hard(paragraph))}")
        print(paragraph)
    return 0


if __name__ == "__main__":
    sys.exit(main())
