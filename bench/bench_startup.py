"""Benchmark: how long `--help` of the user scripts takes, as a ratio to a bare Python start.

    python bench/bench_startup.py                 # 5 runs each, the fastest reported
    python bench/bench_startup.py --repeats 10

--help must stay instant: torch and transformers are imported only inside main() (the tests check
that they are not imported; the time itself is measured here, where a slow shared machine does not
fail a test).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {
    "python (baseline)": ["-c", "pass"],
    "model_train_gpt2.py --help": ["model_train_gpt2.py", "--help"],
    "model_add_tokens.py --help": ["model_add_tokens.py", "--help"],
    "chat.py --help": ["chat.py", "--help"],
    "bench/bench_gpu.py --help": ["bench/bench_gpu.py", "--help"],
}


def fastest(cmd: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, *cmd], cwd=ROOT, capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/bench_startup.py", description="время --help скриптов")
    parser.add_argument("--repeats", type=int, default=5, help="запусков на команду, берётся самый быстрый (5)")
    args = parser.parse_args(argv)
    times = {name: fastest(cmd, args.repeats) for name, cmd in COMMANDS.items()}
    base = times["python (baseline)"]
    print("| command | seconds | vs bare python |\n|---|---|---|")
    for name, seconds in times.items():
        print(f"| {name} | {seconds:.2f} | {seconds / base:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
