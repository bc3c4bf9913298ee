"""How much the `speakers` stage adds to the whole pipeline (goal: at most 20%), in one run.

    python bench/bench_speakers.py                                  # Братья Карамазовы (3.4 MB)
    python bench/bench_speakers.py --book ../shared/corpus/tolstoy_voina_i_mir_tom1.txt

One pipeline run (`python -m dataset_tools BOOK --out-dir TMP -q`, all stages, models loaded
once before timing) with each stage timed; then `--from speakers --stop speakers` again on the
same outputs, to time the stage alone a second time. The ratio is the speakers stage's time
over the time of all the other stages of the same run.
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

DEFAULT_BOOK = ROOT.parent / "shared" / "corpus_more" / "dostoevsky__Братья_Карамазовы.txt"


def timed_stages() -> dict[str, float]:
    """Wrap every stage's run function so that the pipeline records its time."""
    from dataset_tools.stages import pipeline

    times: dict[str, float] = {}
    stages = []
    for stage in pipeline.STAGES:
        def run(ctx, _run=stage.run, _name=stage.name):
            started = time.perf_counter()
            result = _run(ctx)
            times[_name] = times.get(_name, 0.0) + time.perf_counter() - started
            return result
        stages.append(type(stage)(stage.name, stage.inputs, stage.outputs, run, stage.help))
    pipeline.STAGES = tuple(stages)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--book", type=Path, default=DEFAULT_BOOK)
    args = parser.parse_args()
    if not args.book.is_file():
        sys.exit(f"{args.book}: книга не найдена (нужен ../shared или --book)")
    from dataset_tools.cli import main as run

    started = time.perf_counter()
    nlp.get_ner_tagger(), nlp.get_morph_tagger(), nlp.get_morph()
    print(f"models loaded in {time.perf_counter() - started:.1f} s (not counted)")
    times = timed_stages()
    with tempfile.TemporaryDirectory(prefix="bench-speakers-") as out:
        with contextlib.redirect_stdout(io.StringIO()):
            assert run([str(args.book), "--out-dir", out, "-q"]) == 0
        first = dict(times)
        times.clear()
        with contextlib.redirect_stdout(io.StringIO()):
            assert run([str(args.book), "--out-dir", out, "-q", "--from", "speakers", "--stop", "speakers"]) == 0
        again = times["speakers"]
        replicas = sum(1 for line in (Path(out) / "speakers.tsv").read_text(encoding="utf-8").splitlines()[1:])
    others = sum(t for name, t in first.items() if name != "speakers")
    size = args.book.stat().st_size / 1e6
    print(f"{args.book.name}: {size:.1f} MB, {replicas} replicas")
    for name, t in first.items():
        print(f"  {name:10s} {t:7.1f} s")
    print(f"  speakers again (alone): {again:.1f} s")
    print(f"speakers / all other stages of the same run: {first['speakers'] / others:.1%} (goal: <= 20%)")


if __name__ == "__main__":
    main()
