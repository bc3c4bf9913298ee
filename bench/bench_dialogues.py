"""Benchmark the dialogues stage over the corpus against a plain read + regex split.

    python bench/bench_dialogues.py                      # ../shared/corpus, and ../shared/corpus_more once
    python bench/bench_dialogues.py --corpus DIR --repeat 5 --library DIR
    python bench/bench_dialogues.py --library ""         # skip the whole-library pass

Both runs read the same files in the same process; the figure that matters is the ratio.
The stage's first pass includes loading pymorphy3 (its start-up cost is printed apart).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dataset_tools import nlp  # noqa: E402  (sets OPENBLAS_NUM_THREADS first)

_DASH_LINE = re.compile(r"^\s*(?:--|[—–―-])\s*(.*)$", re.M)
_BOUNDARY = re.compile(r"[,.!?…]\s+(?:—|–|--)\s+")


def baseline(paths: list[Path]) -> int:
    """What any script does first: read, find dash-led lines, split at ', — '."""
    parts = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for match in _DASH_LINE.finditer(text):
            parts += len(_BOUNDARY.split(match.group(1)))
    return parts


def stage(paths: list[Path]) -> int:
    from dataset_tools.dialogue import extract_dialogues
    from dataset_tools.formats import render_dialog, render_raw
    from dataset_tools.normalize import split_book
    from dataset_tools.textio import read_text

    replicas = 0
    for path in paths:
        text, _ = read_text(path)
        paragraphs, _ = split_book(text)
        result = extract_dialogues(paragraphs)
        for dialogue in result.dialogues:
            for replica in dialogue:
                render_dialog(replica), render_raw(replica)
        replicas += result.replicas
    return replicas


def best_of(fn, paths, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(paths)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--library", default=str(ROOT.parent / "shared" / "corpus_more"),
                        help="a whole library run once beside it, reported per MB ('' to skip)")
    args = parser.parse_args(argv)
    paths = sorted(args.corpus.glob("*.txt"))
    if not paths:
        sys.exit(f"no *.txt in {args.corpus}; pass --corpus DIR")
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    start = time.perf_counter()
    nlp.get_morph()
    load = time.perf_counter() - start
    base = best_of(baseline, paths, args.repeat)
    ours = best_of(stage, paths, args.repeat)
    print(f"corpus: {len(paths)} books, {megabytes:.1f} MB; pymorphy3 load {load:.2f}s (once)")
    print(f"{'':28}{'seconds':>9}{'MB/s':>9}{'ratio':>8}")
    print(f"{'read + regex split':28}{base:9.2f}{megabytes / base:9.1f}{1:8.1f}")
    print(f"{'dialogues stage':28}{ours:9.2f}{megabytes / ours:9.1f}{ours / base:8.1f}")
    print(f"replicas: {stage(paths)}  (goal: the stage over the corpus < 10 s: "
          f"{'met' if ours < 10 else 'NOT met'})")
    library = sorted(Path(args.library).glob("*.txt")) if args.library else []
    if library:
        import resource

        lib_mb = sum(p.stat().st_size for p in library) / 1e6
        start = time.perf_counter()
        replicas = stage(library)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"library: {len(library)} books, {lib_mb:.1f} MB, {replicas} replicas: {seconds:.1f}s, "
              f"{seconds / lib_mb:.2f} s/MB (corpus: {ours / megabytes:.2f} s/MB); peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
