"""Coverage sweep: replicas the dialogue stage finds vs an independent count, book by book.

    python bench/bench_coverage.py                       # every ../shared/corpus_more text
    python bench/bench_coverage.py --corpus DIR --top 40
    python bench/bench_coverage.py --layout indent --top 100   # only the books read in the indented layout

The independent count is a few lines of its own (no pipeline code): dash-led paragraphs
(a line that starts with a dash and begins a paragraph: after a blank line, after a line that
ends a sentence, or indented deeper than the line before it) plus, in a text with a cast list
(`Действующие лица`), the lines that open with a name and a full stop. The stage's quote-led
replicas are left out of the comparison (the count does not look for them). Worst books first.
Not part of the test suite: it reads the whole library (~60 MB) and takes a minute or so.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_DASH = re.compile(r"^\s*(?:--|[—–―-])\s*[\w«\"(.…]")
_SPEECH = re.compile(r"^\s*[А-ЯЁ][а-яё]+(?: [А-ЯЁ][а-яё]+){0,2} ?(?:\([^)]*\))?\. ?\S")
_CAST = re.compile(r"действующие\s+лица", re.IGNORECASE)


def independent_count(text: str) -> int:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    play = bool(_CAST.search(text[:20000]))
    count, previous = 0, ""
    for line in lines:
        if _DASH.match(line):
            indent = len(line) - len(line.lstrip())
            before = len(previous) - len(previous.lstrip())
            if not previous.strip() or previous.rstrip()[-1:] in ".!?…:»\"" or indent > before:
                count += 1
        elif play and _SPEECH.match(line):
            count += 1
        previous = line
    return count


def main(argv=None) -> int:
    from tqdm import tqdm

    from dataset_tools.dialogue import extract_dialogues
    from dataset_tools.normalize import split_book
    from dataset_tools.textio import UserError, read_text

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus_more")
    parser.add_argument("--top", type=int, default=30, help="how many of the worst books to list")
    parser.add_argument("--layout", choices=("blank", "indent", "lines"), help="only books of this detected layout")
    args = parser.parse_args(argv)
    paths = sorted(args.corpus.glob("*.txt"))
    if not paths:
        sys.exit(f"нет *.txt в {args.corpus}; укажите --corpus DIR")
    rows, crashed, started = [], [], time.perf_counter()
    for path in tqdm(paths, unit="книга", desc="coverage"):
        try:
            text, _ = read_text(path)
        except UserError as err:
            crashed.append((path.name, str(err)))
            continue
        expected = independent_count(text)
        try:
            paragraphs, layout = split_book(text)
            if args.layout and layout != args.layout:
                continue
            result = extract_dialogues(paragraphs)
        except Exception as err:  # noqa: BLE001 (the sweep's point is to find crashes; report, go on)
            crashed.append((path.name, repr(err)))
            continue
        found = result.replicas - result.quote_led + len(result.unparsed)
        rows.append((path.name, layout, "play" if result.play else "", expected, found, result.quote_led))
    seconds = time.perf_counter() - started
    rows.sort(key=lambda r: (min(r[4], r[3]) / r[3] if r[3] else 1.0, -r[3]))
    print(f"{'book':52}{'layout':>8}{'':>5}{'expected':>9}{'found':>7}{'quote':>6}{'cover':>7}")
    for name, layout, play, expected, found, quote in rows[:args.top]:
        cover = min(found, expected) / expected if expected else 1.0
        print(f"{name[:51]:52}{layout:>8}{play:>5}{expected:9}{found:7}{quote:6}{100 * cover:6.1f}%")
    total = sum(r[3] for r in rows)
    covered = sum(min(r[3], r[4]) for r in rows)
    empty = [r[0] for r in rows if r[3] >= 20 and r[4] == 0]
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    print(f"\nкниг: {len(rows)}, упали или пропущены: {len(crashed)}; ожидалось реплик {total}, найдено {covered}: "
          f"покрытие {100 * covered / max(total, 1):.2f}%; книг с диалогом, где не найдено ничего: {len(empty)}")
    print(f"цитатных реплик («…», — ремарка) сверх того: {sum(r[5] for r in rows)}; "
          f"{seconds:.1f} с на {megabytes:.1f} МБ ({seconds / megabytes:.2f} с/МБ)")
    for name, why in crashed:
        print(f"  {name}: {why}")
    return 1 if any("Error" in why for _, why in crashed) else 0


if __name__ == "__main__":
    sys.exit(main())
