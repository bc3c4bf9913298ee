"""Benchmark the TiMe stage against a bare natasha NER pass over the same book.

    python bench/bench_time_stage.py                      # War and Peace vol. 1 from ../shared/corpus
    python bench/bench_time_stage.py --book BOOK.txt

The TiMe stage morph-tags only the sentences that hold a name, so it should take well under
half of a bare NER pass (natasha's Segmenter + NewsNERTagger over every paragraph). Both are
timed warm, in this process; the ratio is what to compare between runs and machines.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dataset_tools import nlp  # noqa: E402  (sets OPENBLAS_NUM_THREADS before numpy loads)

GOAL = 0.5  # the TiMe stage within half a bare NER pass


def bare_ner(book: Path) -> float:
    from natasha import Doc

    paragraphs = [p for p in book.read_text(encoding="utf-8").split("\n") if p.strip()]
    segmenter, ner = nlp.get_segmenter(), nlp.get_ner_tagger()
    started = time.perf_counter()
    for paragraph in paragraphs:
        doc = Doc(nlp.for_natasha(paragraph))
        doc.segment(segmenter)
        doc.tag_ner(ner)
    return time.perf_counter() - started


def time_stage(book: Path, out: Path) -> float:
    from dataset_tools.cli import main
    from dataset_tools.pronouns import clear_tag_cache

    with contextlib.redirect_stdout(io.StringIO()):
        assert main([str(book), "--out-dir", str(out), "--stop", "names", "-q"]) == 0
        clear_tag_cache()  # time the tagging from cold, as in a fresh `--from time` run
        started = time.perf_counter()
        assert main([str(book), "--out-dir", str(out), "--from", "time", "--stop", "time", "-q"]) == 0
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--book", type=Path, default=ROOT.parent / "shared" / "corpus" / "tolstoy_voina_i_mir_tom1.txt")
    args = parser.parse_args()
    nlp.get_morph_tagger()
    nlp.get_ner_tagger()
    with tempfile.TemporaryDirectory(prefix="bench-time-") as out:
        stage = time_stage(args.book, Path(out))
    ner = bare_ner(args.book)
    ratio = stage / ner
    print(f"{args.book.name}: TiMe stage {stage:.1f}s, bare NER pass {ner:.1f}s, ratio {ratio:.2f} "
          f"(goal ≤ {GOAL}): {'ok' if ratio <= GOAL else 'SLOWER THAN THE GOAL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
