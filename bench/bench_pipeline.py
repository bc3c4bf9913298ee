"""Benchmark the whole pipeline against a bare natasha NER pass over the same text.

    python bench/bench_pipeline.py                          # War and Peace vol. 1, then the whole corpus
    python bench/bench_pipeline.py --corpus DIR --book tolstoy_voina_i_mir_tom1.txt --repeat 3
    python bench/bench_pipeline.py --workers 2              # also time the pipeline with 2 worker processes
    python bench/bench_pipeline.py --stop names             # only the stages up to `names`
    python bench/bench_pipeline.py --novel-3mb --skip-corpus # a 3 MB novel (War and Peace vols. 3+4 as one book)

The bare pass is what any NER-based tool pays at least: read the book, natasha's Segmenter and
NewsNERTagger over its whole text (`Doc(text).segment(); doc.tag_ner()`). The pipeline is
`python -m dataset_tools BOOKS --out-dir TMP -q`, all stages, run in this process through
`dataset_tools.cli.main`. Models are loaded once before timing (their load time is printed
apart), so both figures are warm. Goal: the pipeline within 1.5x the bare NER pass.
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

MORE = ROOT.parent / "shared" / "corpus_more"
NOVEL_PARTS = ("tolstoy__Война_и_мир_Том_3.txt", "tolstoy__Война_и_мир_Том_4.txt")  # 3.2 MB, one book


def bare_ner(paths: list[Path]) -> int:
    """Read each book, segment it and tag NER over its whole text; return the PER spans."""
    from natasha import Doc

    from dataset_tools.textio import read_text

    persons = 0
    for path in paths:
        text, _ = read_text(path)
        doc = Doc(nlp.for_natasha(text))
        doc.segment(nlp.get_segmenter())
        doc.tag_ner(nlp.get_ner_tagger())
        persons += sum(span.type == "PER" for span in doc.spans)
    return persons


def pipeline(paths: list[Path], workers: int, stop: str | None) -> None:
    from dataset_tools.cli import main

    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as out:
        argv = [*map(str, paths), "--out-dir", out, "-q", "--workers", str(workers)]
        if stop:
            argv += ["--stop", stop]
        with contextlib.redirect_stdout(io.StringIO()):  # the CLI's summary line
            code = main(argv)
        if code != 0:
            sys.exit(f"the pipeline failed with exit code {code}")


def best_of(repeat: int, fn, *args) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def load_models() -> float:
    start = time.perf_counter()
    nlp.get_segmenter(), nlp.get_ner_tagger(), nlp.get_morph_tagger(), nlp.get_morph()
    return time.perf_counter() - start


def report(label: str, paths: list[Path], args) -> None:
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    ner = best_of(args.repeat, bare_ner, paths)
    rows = [("bare NER pass (segment + NER)", ner)]
    worker_counts = sorted({1, args.workers}) if len(paths) > 1 else [1]
    for workers in worker_counts:
        name = "pipeline" + (f" --stop {args.stop}" if args.stop else " (all stages)") + \
            (f", --workers {workers}" if len(paths) > 1 else "")
        rows.append((name, best_of(args.repeat, pipeline, paths, workers, args.stop)))
    print(f"\n{label}: {len(paths)} book(s), {megabytes:.1f} MB")
    print(f"  {'':44}{'seconds':>9}{'ratio':>8}")
    for name, seconds in rows:
        print(f"  {name:44}{seconds:9.2f}{seconds / ner:8.2f}")
    goal = "within" if all(seconds <= 1.5 * ner for _, seconds in rows[1:]) else "NOT within"
    print(f"  goal: pipeline within 1.5x the bare NER pass -> {goal}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--book", default="tolstoy_voina_i_mir_tom1.txt", help="the single book timed first")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs (default: 1)")
    parser.add_argument("--workers", type=int, default=1, help="also time the corpus with this many workers")
    parser.add_argument("--stop", default=None, help="stop the pipeline after this stage")
    parser.add_argument("--novel-3mb", action="store_true",
                        help="also time one 3 MB novel: NOVEL_PARTS of ../shared/corpus_more joined into one book")
    parser.add_argument("--skip-corpus", action="store_true", help="do not time the whole corpus")
    args = parser.parse_args(argv)
    paths = sorted(args.corpus.glob("*.txt"))
    if not paths:
        sys.exit(f"no *.txt in {args.corpus}; pass --corpus DIR")
    print(f"models loaded in {load_models():.2f}s (once, not counted below)")
    book = args.corpus / args.book
    if args.novel_3mb:
        with tempfile.TemporaryDirectory(prefix="bench-novel-") as tmp:
            novel = Path(tmp) / "novel_3mb.txt"
            novel.write_text("\n".join((MORE / part).read_text(encoding="utf-8") for part in NOVEL_PARTS),
                             encoding="utf-8")
            report("3 MB novel (" + " + ".join(NOVEL_PARTS) + ")", [novel], args)
    elif book.is_file():
        report(args.book, [book], args)
    if not args.skip_corpus:
        report("whole corpus", paths, args)


if __name__ == "__main__":
    main()
