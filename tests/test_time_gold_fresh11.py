"""The golden test of tests/data/time_gold_fresh11.tsv (issue 9, round 10: the blind review.tsv sample of 91 units
of review10's books, bench/sample_time_fresh11.py). The whole table takes ~2.5 min of pipeline (three novels by
part), over the suite's budget, so the test runs the units of at most SMALL bytes (the short books and stories, both
parts): bench/score_time.py --gold fresh11 scores the whole table (docs/time.md). Thresholds sit a few points under
the rates measured on these units."""
import pytest

from bench import score_time  # the repository root is on the path (pytest.ini); bench/ is a namespace package

pytestmark = pytest.mark.slow
SMALL = 50_000  # bytes of a unit's text
# measured on the 62 rows of the small units at the end of round 10 (docs/time.md): all 49/62 (79%), core 23/26,
# hard 20/29, held-out 30/35 (86%); review.tsv: wrong lines flagged 6/13 (46%), right ones 2/49 (4%); ~8 s
AT_LEAST = {"all": 0.74, "group core": 0.84, "part heldout": 0.80}
REVIEW_AT_LEAST = {"wrong": 0.38}
REVIEW_AT_MOST = {"right": 0.08}


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    if not score_time.CORPUS.is_dir():
        pytest.skip(f"{score_time.CORPUS} not found: the books of the golden table are not here")
    work = tmp_path_factory.mktemp("gold-fresh11")
    rows = [r for r in score_time.read_gold(score_time.TABLES["fresh11"])
            if score_time.book_file(score_time.CORPUS, r["book"], work).stat().st_size <= SMALL]
    got = score_time.pipeline_lines(rows, score_time.CORPUS, work)
    counts, _ = score_time.score(rows, got)
    return counts, score_time.review_rates(rows)


@pytest.mark.parametrize("key", sorted(AT_LEAST))
def test_exact_me_ti_lines_on_the_small_units(scored, key):
    counts, _ = scored
    assert counts.get("not found", [0, 0])[1] == 0, "lines of the table the dialogues stage no longer writes"
    hit, total = counts[key]
    assert hit / total >= AT_LEAST[key], (key, hit, total)


def test_review_flags_the_wrong_lines_and_few_right_ones(scored):
    _, rates = scored
    for key, least in REVIEW_AT_LEAST.items():
        assert rates[key][0] / rates[key][1] >= least, (key, rates[key])
    for key, most in REVIEW_AT_MOST.items():
        assert rates[key][0] / rates[key][1] <= most, (key, rates[key])
