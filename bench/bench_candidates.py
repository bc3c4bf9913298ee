"""Time speech.find_candidates on one long paragraph (issue 10, round 6: it was O(n²) in the paragraph length).

    python bench/bench_candidates.py            # 10, 40 and 160 KB paragraphs of dialogue with a dash every ~40 chars

Prints seconds per paragraph size: linear work doubles the time when the size doubles, quadratic quadruples it.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dataset_tools.speech_candidates import find_candidates  # noqa: E402

UNIT = "Да, «вот» так, — сказал он, — пойдём! — И Маша отвернулась. "


def main() -> int:
    for kb in (10, 40, 160):
        body = UNIT * (kb * 1024 // len(UNIT))
        t = time.perf_counter()
        n = len(find_candidates(body))
        print(f"{kb:4} KB  {n:6} dashes  {time.perf_counter() - t:7.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
