"""Golden sample from ../shared/corpus_more: 220 replicas checked by hand against FORMAT.md §1–§2.

tests/data/dialogue_gold_more.tsv (columns book, kind, heldout, speaker, source, expected) was
annotated BEFORE the layout/play/quote-led code was written, from books not looked at before:
- 72 `layout` rows: dash-led paragraphs of library-site-layout books (Подросток, Хозяин и работник,
  Корней Васильев, Herzen, Bryusov), re-joined from their indented lines (the source column);
- 60 `play` rows: speeches of Три сестры, На дне, Мещане (speaker = the heading's name);
- 26 `quote` rows: quote-led paragraphs (`«…», — remark`), 62 `prose` rows: other dash-led ones.
Rows were drawn with random.Random(10); the held-out third (heldout=1) with random.Random(11)
before any result was looked at, and no rule was tuned on it. Judgement calls: see docs/dialogues.md.

The end-to-end score (whole books through the stage) is bench/score_gold_more.py; this test runs
each paragraph alone (a play row behind a one-line cast list), so it needs no corpus.
"""
import csv
from pathlib import Path

import pytest

from dataset_tools.dialogue import extract_dialogues
from dataset_tools.formats import render_dialog

GOLD = Path(__file__).resolve().parent / "data" / "dialogue_gold_more.tsv"
# Round 2: 111 replicas of 7 books no sample had used (Дым, Доктор Крупов, Нос, Двойник, Мои университеты,
# Юность, Хамелеон), annotated before the round-2 rule changes; Доктор Крупов and Мои университеты
# (heldout=1) were drawn with random.Random(20261202) before annotating and never tuned on.
FRESH = GOLD.with_name("dialogue_gold_fresh.tsv")
# Measured after the fixes: all rows 218/220 (99.1%), held-out 75/75. A few points of margin.
MIN_RATE = 0.96
MIN_HELDOUT_RATE = 0.95


def _rows(path: Path = GOLD) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


def _run(row) -> tuple[str, str]:
    paragraphs = [row["source"]]
    if row["kind"] == "play":
        paragraphs = ["ДЕЙСТВУЮЩИЕ ЛИЦА", row["speaker"] + ".", "ДЕЙСТВИЕ ПЕРВОЕ"] + paragraphs
    result = extract_dialogues(paragraphs)
    lines = [(render_dialog(r), s) for d, ss in zip(result.dialogues, result.speakers) for r, s in zip(d, ss)]
    return lines[0] if len(lines) == 1 else ("", "")


def test_gold_table_shape():
    assert len(ROWS) == 220
    kinds = [row["kind"] for row in ROWS]
    assert kinds.count("layout") >= 50 and kinds.count("play") >= 50 and kinds.count("quote") >= 20
    assert sum(row["heldout"] == "1" for row in ROWS) * 3 >= len(ROWS)
    assert all(row["expected"].startswith("<char>") and (row["kind"] == "play") == bool(row["speaker"])
               for row in ROWS)


def test_gold_more_rate_and_heldout_rate():
    right = {row["source"]: _run(row) == (row["expected"], row["speaker"]) for row in ROWS}
    rate = sum(right.values()) / len(ROWS)
    held = [right[row["source"]] for row in ROWS if row["heldout"] == "1"]
    wrong = [row["source"][:80] for row in ROWS if not right[row["source"]]]
    assert rate >= MIN_RATE, wrong
    assert sum(held) / len(held) >= MIN_HELDOUT_RATE, wrong


@pytest.mark.parametrize("kind", ["layout", "play", "quote", "prose"])
def test_gold_more_every_kind_mostly_right(kind):
    rows = [row for row in ROWS if row["kind"] == kind]
    right = sum(_run(row) == (row["expected"], row["speaker"]) for row in rows)
    assert right / len(rows) >= 0.9, kind


def test_fresh_sample_rate_dev_and_heldout_apart():
    # Measured end to end (bench/score_gold_more.py): before round 2 99/111 (dev 66/76, held-out 33/35);
    # after 109/111 (dev 76/76, held-out 33/35). Here each paragraph runs alone.
    rows = _rows(FRESH)
    assert len(rows) == 111 and {row["book"] for row in rows if row["heldout"] == "1"} == {
        "herzen__Доктор_Крупов.txt", "gorky__Мои_университеты.txt"}
    right = [(_run(row)[0] == row["expected"], row["heldout"] == "1") for row in rows]
    dev = [ok for ok, held in right if not held]
    held = [ok for ok, held in right if held]
    assert sum(dev) / len(dev) >= 0.97, [row["expected"][:80] for row, (ok, h) in zip(rows, right) if not ok and not h]
    assert sum(held) / len(held) >= 0.9


# Round 3: 144 replicas of 27 more books (65 in the indented layout), drawn by bench/sample_dialogue_fresh2.py and
# annotated before the round-3 rule changes; 11 held-out books (heldout=1) drawn by seed before scoring.
FRESH2 = GOLD.with_name("dialogue_gold_fresh2.tsv")


def test_fresh2_sample_rate_dev_and_heldout_apart():
    # Round 5 retired the held-out part (last held-out figure 53/56, indent 22/25, on record in docs/dialogues.md):
    # it is now dev (heldout column kept for the record); round 5 took it to 54/56 end to end.
    # End to end (bench/score_gold_more.py --gold fresh2): before 132/144 (dev 80/88, held-out 52/56);
    # after round 3 140/144 (dev 88/88, held-out 52/56), after round 5 142/144 (docs/dialogues.md). Here each paragraph runs alone, without the book's
    # normalisation (the `!2` footnote row fails here only): dev 87/88, held-out 52/56, layout 60/65.
    rows = _rows(FRESH2)
    assert len(rows) == 144 and sum(row["kind"] == "layout" for row in rows) >= 50
    right = [(_run(row)[0] == row["expected"], row["heldout"] == "1", row["kind"]) for row in rows]
    dev = [ok for ok, held, _ in right if not held]
    held = [ok for ok, held, _ in right if held]
    layout = [ok for ok, _, kind in right if kind == "layout"]
    assert sum(dev) / len(dev) >= 0.95, [row["expected"][:80] for row, (ok, h, _) in zip(rows, right) if not ok and not h]
    assert sum(held) / len(held) >= 0.88
    assert sum(layout) / len(layout) >= 0.88


# Round 4: 102 replicas of 19 more books (dash-led and quote-led prose), drawn by bench/sample_dialogue_fresh3.py and
# annotated before the round-4 rule changes; 8 held-out books (heldout=1) drawn by random.Random(20261206) before scoring.
FRESH3 = GOLD.with_name("dialogue_gold_fresh3.tsv")


def test_fresh3_sample_rate_dev_and_heldout_apart():
    # End to end (bench/score_gold_more.py --gold fresh3): before 90/102 (dev 39/47, held-out 51/55);
    # after round 4 96/102 (dev 45/47, held-out 51/55), after round 5 97/102 (held-out unchanged); the held-out part
    # was retired in round 6 (51/55 on record), after round 6 100/102 (retired 54/55). Here each paragraph runs alone: without the book's
    # normalisation (NBSP, footnotes) and without the book's narration (so `— прошу я` is no remark):
    # dev 44/47, held-out 48/55.
    rows = _rows(FRESH3)
    assert len(rows) == 102 and len({row["book"] for row in rows if row["heldout"] == "1"}) == 8
    right = [(_run(row)[0] == row["expected"], row["heldout"] == "1") for row in rows]
    dev = [ok for ok, held in right if not held]
    held = [ok for ok, held in right if held]
    assert sum(dev) / len(dev) >= 0.9, [row["expected"][:80] for row, (ok, h) in zip(rows, right) if not ok and not h]
    assert sum(held) / len(held) >= 0.84


# Round 6: 124 replicas of 18 more books and 11 books with no dialogue (kind `none`), drawn by
# bench/sample_dialogue_fresh4.py and annotated before the round-6 changes; 6 held-out books (heldout=1) drawn by
# random.Random(20261220) before scoring. The table starts with `#` lines saying how it was drawn.
FRESH4 = GOLD.with_name("dialogue_gold_fresh4.tsv")


def _rows_commented(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader((x for x in f if not x.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_fresh4_sample_rate_dev_and_heldout_apart():
    # End to end (bench/score_gold_more.py --gold fresh4): before round 6 dev replicas 78/81 (77/81 before two
    # annotation fixes), held-out 41/43 (95.3%), none 11/11; after round 6 dev 80/81, held-out 41/43. Here each
    # paragraph runs alone (no book normalisation: the `\x7f` of Детство stays; no line joining): dev 77/81, held-out 41/43.
    rows = [row for row in _rows_commented(FRESH4) if row["kind"] != "none"]
    assert len(rows) == 124 and len({row["book"] for row in rows if row["heldout"] == "1"}) == 6
    right = [(_run(row)[0] == row["expected"], row["heldout"] == "1") for row in rows]
    dev = [ok for ok, held in right if not held]
    held = [ok for ok, held in right if held]
    assert sum(dev) / len(dev) >= 0.9, [row["expected"][:80] for row, (ok, h) in zip(rows, right) if not ok and not h]
    assert sum(held) / len(held) >= 0.9


def test_fresh4_books_without_dialogue_invent_nothing():
    from dataset_tools.normalize import split_paragraphs
    from dataset_tools.textio import read_text
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus_more"
    books = [row["book"] for row in _rows_commented(FRESH4) if row["kind"] == "none"]
    if not (corpus / books[0]).exists():
        pytest.skip("../shared/corpus_more is not here")
    for book in books:
        paragraphs, _ = split_paragraphs(read_text(corpus / book)[0])
        assert not extract_dialogues(paragraphs).dialogues, book


# Round 7: 106 replicas of War and Peace vol. 3 drawn by bench/sample_dialogue_fresh5.py and annotated before the
# round-7 changes; 29 of its 86 chapters (column unit) drawn to held-out by random.Random(20261230) before scoring.
FRESH5 = GOLD.with_name("dialogue_gold_fresh5.tsv")


def test_fresh5_sample_rate_dev_and_heldout_apart():
    # End to end (bench/score_gold_more.py --gold fresh5): before round 7 dev 53/59, held-out 43/47 (91.5%); after
    # it dev 58/59, held-out 43/47. Here each paragraph runs alone after the book's line cleaning (entities, NBSP,
    # footnote marks: normalize.clean_paragraph): the same figures.
    from dataset_tools.normalize import clean_paragraph
    rows = _rows_commented(FRESH5)
    assert len(rows) == 106 and len({row["unit"] for row in rows if row["heldout"] == "1"}) == 22
    right = [(_run(dict(row, source=clean_paragraph(row["source"])))[0] == row["expected"], row["heldout"] == "1")
             for row in rows]
    dev = [ok for ok, held in right if not held]
    held = [ok for ok, held in right if held]
    assert sum(dev) / len(dev) >= 0.94, [row["expected"][:80] for row, (ok, h) in zip(rows, right) if not ok and not h]
    assert sum(held) / len(held) >= 0.87


# Round 8: 225 replicas of 65 more books drawn by bench/sample_dialogue_fresh6.py and annotated blind before the round-8
# changes; 28 of its 84 units (books, or parts of Братья Карамазовы, Воскресение, Война и мир т. 4; column unit) drawn to
# held-out by random.Random(20261240) before scoring.
FRESH6 = GOLD.with_name("dialogue_gold_fresh6.tsv")


def test_fresh6_sample_rate_dev_and_heldout_apart():
    # End to end (bench/score_gold_more.py --gold fresh6): first score (blind annotation) dev 141/149, held-out 72/76
    # (94.7%); with the 5 rows corrected to the documented quote-led rule dev 145/149, held-out 73/76; after round 8
    # dev 149/149, held-out 73/76. Here each paragraph runs alone after the book's line cleaning: dev 147/149, held-out 72/76.
    from dataset_tools.normalize import clean_paragraph
    rows = _rows_commented(FRESH6)
    assert len(rows) == 225 and len({row["unit"] for row in rows if row["heldout"] == "1"}) == 28
    right = [(_run(dict(row, source=clean_paragraph(row["source"])))[0] == row["expected"], row["heldout"] == "1")
             for row in rows]
    dev = [ok for ok, held in right if not held]
    held = [ok for ok, held in right if held]
    assert sum(dev) / len(dev) >= 0.95, [row["expected"][:80] for row, (ok, h) in zip(rows, right) if not ok and not h]
    assert sum(held) / len(held) >= 0.9
