"""The golden tests of issue 9: the whole pipeline on books of ../shared/corpus_more it was never
tuned on (bench/score_time.py). tests/data/time_gold_more.tsv (19 books, the first sample) and
tests/data/time_gold_fresh.tsv (7 more books, the second sample), tests/data/time_gold_fresh2.tsv
(5 Chekhov stories, the third sample, drawn for the review.tsv checks), tests/data/time_gold_fresh3.tsv
(10 Chekhov and Tolstoy stories, the fourth, for the TiMe rules of round 5) and tests/data/time_gold_fresh4.tsv
(11 Chekhov and Bryusov stories, the fifth, for the review checks of round 5) and tests/data/time_gold_fresh5.tsv
(14 Chekhov stories, the sixth, for the TiMe rules of round 6), tests/data/time_gold_fresh6.tsv (18 books:
«Война и мир», т. 3, Chekhov, Gorky, Tolstoy, the seventh, for the TiMe rules of round 8) and
tests/data/time_gold_fresh7.tsv («Война и мир», т. 4 by part and five Bryusov stories, for the review checks of
round 8) and tests/data/time_gold_fresh9.tsv (151 new blind lines of the same units, round 9) and
tests/data/time_gold_fresh8.tsv (125 more lines of «Война и мир», т. 3, the TiMe sample of round 9), each annotated before
the changes of its round; their held-out parts were never looked at while tuning.

Thresholds sit a few points under the measured rates (docs/time.md). Slow: every book runs
through every stage.
"""
import pytest

from bench import score_time  # the repository root is on the path (pytest.ini); bench/ is a namespace package

pytestmark = pytest.mark.slow
# measured (docs/time.md, round 5): all / core / hard / untouched / held-out: more 94% / 98% / 84% / 99% / 86%;
# fresh 91% / 95% / 85% / 94% / 83% (two lines' margin on fresh); fresh2 84% / 92% / 67% / 94% / 68% (two
# lines' margin); fresh3 93% / 98% / 85% / 100% / 90% (annotated before round 5; 86% before it); fresh4 (the
# review helper's sample; one dev line read here, a regression the merge showed) 90% / 93% / 79% / 100% / 92%;
# round 6: fresh4 94% / 98% / 82% / 100% / 93%; fresh5 (annotated before round 6; 88% before it) 90% / 93% / 82% /
# 100% / 79% (two lines' margin on core and held-out)
AT_LEAST = {
    "more": {"all": 0.90, "group core": 0.95, "group hard": 0.78, "group untouched": 0.96, "part heldout": 0.83},
    "fresh": {"all": 0.87, "group core": 0.89, "group hard": 0.76, "group untouched": 0.88, "part heldout": 0.77},
    "fresh2": {"all": 0.80, "group core": 0.84, "group hard": 0.58, "group untouched": 0.83, "part heldout": 0.60},
    "fresh3": {"all": 0.90, "group core": 0.94, "group hard": 0.80, "group untouched": 0.92, "part heldout": 0.85},
    "fresh4": {"all": 0.91, "group core": 0.94, "group hard": 0.75, "group untouched": 0.95, "part heldout": 0.90},
    "fresh5": {"all": 0.86, "group core": 0.88, "group hard": 0.75, "group untouched": 0.95, "part heldout": 0.74},
    "fresh6": {"all": 0.87, "group core": 0.92, "group hard": 0.76, "group untouched": 0.92, "part heldout": 0.86},
    # round 8 (the review sample, annotated before its checks): 84% / 100% / 0% / 100% / 82%
    "fresh7": {"all": 0.80, "group core": 0.95, "group untouched": 0.95, "part heldout": 0.75},
    # round 9 (the blind review sample, 151 new lines of the same units): 84% / 96% / 65% / 91% / 86%
    "fresh9": {"all": 0.79, "group core": 0.92, "group hard": 0.57, "group untouched": 0.86, "part heldout": 0.80},
    "fresh8": {"all": 0.80, "group core": 0.85, "group hard": 0.56, "group untouched": 0.93, "part heldout": 0.74},
}
# round 8: fresh5 93% / 95% / 85% / 100% / its held-out part retired for the rules (score_time.RETIRED_RULES;
# 33/42 at its last held-out score, 35/42 now); fresh6 (annotated before round 8; 82% before it) 91% / 96% / 81% /
# 96% / held-out 90% (71/79 before and after). fresh6 is a TiMe sample: it stays out of the review rates below
# (fresh7 is the review sample of round 8).
# round 9 (TiMe): fresh6 93% / 98% / 84% / 98% / 90%; fresh8 («Война и мир», т. 3 only, annotated before round 9;
# 82% before it) 83% / 90% / 61% / 98% / held-out 78% (63/81 before and after). fresh8 is a TiMe sample too.
TIME_ONLY = {"fresh6", "fresh8"}
# fresh10 (round 10, 16 books with four novels) runs apart, on its small books only (tests/test_time_gold_fresh10.py):
# its whole table takes a minute of pipeline runs; bench/score_time.py --gold fresh10 scores all of it.
# fresh11 (round 10, review.tsv) likewise runs apart: tests/test_time_gold_fresh11.py.
GOLD = {name: path for name, path in score_time.TABLES.items() if name not in ("fresh10", "fresh11")}
# review.tsv over the seven tables (docs/time.md, round 8): 60 of 84 wrong lines flagged (71%), 27 of 866 right
# ones (3.1%). The held-out parts of more, fresh ... fresh5 are retired for the review work (score_time.RETIRED):
# 26 of 46 (57%); held-out is fresh7's alone: 5 of 7 (71%; 4 of 7 lets one line go). After the merge with the
# round-8 TiMe rules (fresh5's wrong lines 9 -> 7): 56 of 81 (69%), retired 23 of 44 (52%), right 28 of 869
# Round 9 (docs/time.md): fresh9, a blind sample of 151 new lines of the fresh7 units, joins; over the eight tables
# 65 of 105 wrong lines flagged before the round's checks, 76 of 105 (72%) after; retired 23 -> 24 of 44; held-out
# (fresh7's and fresh9's) 10 -> 11 of 16 (69%; 9 of 16 lets two lines go); right lines 33 of 996 (3.3%) before and after.
REVIEW_AT_LEAST = {"wrong": 0.66, "retired wrong": 0.50, "heldout wrong": 0.56}
REVIEW_AT_MOST = {"right": 0.05}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    if not score_time.CORPUS.is_dir():
        pytest.skip(f"{score_time.CORPUS} not found: the books of the golden tables are not here")
    result = {}
    for name, path in GOLD.items():
        rows = score_time.read_gold(path)
        got = score_time.pipeline_lines(rows, score_time.CORPUS, tmp_path_factory.mktemp(f"gold-{name}"))
        result[name] = score_time.score(rows, got) + (rows,)
    return result


@pytest.mark.parametrize("table, key", [(t, k) for t in AT_LEAST for k in sorted(AT_LEAST[t])])
def test_exact_me_ti_lines_on_unseen_books(scores, table, key):
    counts, misses, _ = scores[table]
    hit, total = counts[key]
    assert counts.get("not found", [0, 0])[1] == 0, "lines of the table the dialogues stage no longer writes"
    assert hit / total >= AT_LEAST[table][key], "\n".join(f"{m['book']}:{m['line']} {m['me']}" for m in misses[:10])


def test_review_flags_the_wrong_lines_and_few_right_ones(scores):
    rates: dict = {}
    for name, (_, _, rows) in scores.items():
        if name in TIME_ONLY:
            continue
        for key, (flagged, total) in score_time.review_rates(rows, retired=name in score_time.RETIRED).items():
            rates.setdefault(key, [0, 0])
            rates[key][0] += flagged
            rates[key][1] += total
    for key, least in REVIEW_AT_LEAST.items():
        assert rates[key][0] / rates[key][1] >= least, (key, rates[key])
    for key, most in REVIEW_AT_MOST.items():
        assert rates[key][0] / rates[key][1] <= most, (key, rates[key])
