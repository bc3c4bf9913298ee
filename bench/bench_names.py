"""Evaluate and time the names stage book by book: recall and precision of the name mentions
against the hand annotations in tests/data/names_gold*.json, and the stage's time against a
bare natasha NER pass over the same book.

    python bench/bench_names.py                       # ../shared/corpus, both annotation sets
    python bench/bench_names.py --corpus DIR --show-errors

A mention counts as found only with exactly the annotated span (`Ивана Андреича`, not
`Ивана`); possessive adjectives (Петина) are not counted. docs/names.md explains the
annotation rules and records the figures.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dataset_tools import nlp  # noqa: E402  (sets OPENBLAS_NUM_THREADS before numpy loads)

GOLD = {"development": ROOT / "tests" / "data" / "names_gold.json",
        "held-out": ROOT / "tests" / "data" / "names_gold_heldout.json"}


def main(argv=None):
    from natasha import Doc

    from dataset_tools.names import search_names
    from dataset_tools.textio import read_text
    from tests.test_names import normalise

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show-errors", action="store_true", help="print every missed and extra mention")
    args = parser.parse_args(argv)
    gold = {name: json.loads(path.read_text(encoding="utf-8")) for name, path in GOLD.items()}
    books = sorted({entry["book"] for entries in gold.values() for entry in entries})
    nlp.get_segmenter(), nlp.get_ner_tagger(), nlp.get_morph_tagger(), nlp.get_morph()

    scores: dict[str, dict[str, Counter]] = defaultdict(dict)
    print(f"{'book':34}{'MB':>5}{'NER s':>8}{'names s':>9}{'ratio':>7}")
    for book in books:
        path = args.corpus / book
        if not path.is_file():
            sys.exit(f"{path}: not found; pass --corpus DIR")
        text, _ = read_text(path)
        start = time.perf_counter()
        doc = Doc(nlp.for_natasha(text))
        doc.segment(nlp.get_segmenter())
        doc.tag_ner(nlp.get_ner_tagger())
        ner = time.perf_counter() - start
        paragraphs = [normalise(line) for line in text.split("\n")]
        start = time.perf_counter()
        search = search_names(paragraphs)
        ours = time.perf_counter() - start
        print(f"{book:34}{path.stat().st_size / 1e6:5.1f}{ner:8.2f}{ours:9.2f}{ours / ner:7.2f}")
        where = {}
        for index, paragraph in enumerate(paragraphs):
            where.setdefault(paragraph, index)
        found = defaultdict(dict)
        for m in search.mentions:
            if m.kind == "name":
                found[m.paragraph][(m.start, m.stop)] = m
        for name, entries in gold.items():
            score = Counter()
            for entry in entries:
                if entry["book"] != book:
                    continue
                index = where[entry["text"]]
                want = {(a, z) for a, z, _ in entry["mentions"]}
                got = set(found[index])
                score.update(tp=len(want & got), fp=len(got - want), fn=len(want - got))
                if args.show_errors:
                    for a, z in sorted(got - want):
                        print(f"    {name} extra   {entry['text'][a:z]!r} ({found[index][(a, z)].rule}): "
                              f"…{entry['text'][max(0, a - 40):z + 20]}…")
                    for a, z in sorted(want - got):
                        print(f"    {name} missed  {entry['text'][a:z]!r}: …{entry['text'][max(0, a - 40):z + 20]}…")
            scores[name][book] = score

    for name, per_book in scores.items():
        print(f"\n{name} set: exact-span name mentions")
        print(f"{'book':34}{'gold':>6}{'found':>7}{'recall':>8}{'precision':>11}")
        total = Counter()
        for book, s in per_book.items():
            total += s
            if s["tp"] + s["fn"] or s["fp"]:
                print(f"{book:34}{s['tp'] + s['fn']:6}{s['tp'] + s['fp']:7}{_ratio(s, 'fn'):>8}{_ratio(s, 'fp'):>11}")
        print(f"{'all':34}{total['tp'] + total['fn']:6}{total['tp'] + total['fp']:7}"
              f"{_ratio(total, 'fn'):>8}{_ratio(total, 'fp'):>11}")


def _ratio(score: Counter, miss: str) -> str:
    denominator = score["tp"] + score[miss]
    return f"{score['tp'] / denominator:.3f}" if denominator else "-"


if __name__ == "__main__":
    main()
