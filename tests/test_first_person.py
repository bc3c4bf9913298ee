"""The one «told in the first person» test (dialogue.first_person_share), as its two callers use it."""
import pytest

from dataset_tools.dialogue import FIRST_PERSON_SHARE, first_person_share
from dataset_tools.attribution import FIRST_PERSON_SHARE as REMARK_SHARE


@pytest.mark.parametrize("hits, total, expected", [
    (0, 0, False),  # no narration at all
    (1, 5, True), (1, 10, True), (1, 11, False), (2, 20, True), (19, 200, False),
])
def test_narration_paragraphs(hits, total, expected):
    assert first_person_share(hits, total, FIRST_PERSON_SHARE) is expected


@pytest.mark.parametrize("hits, total, expected", [
    (1, 5, False),  # a single `сказал я` is not enough: a story told inside the book
    (2, 10, True), (2, 40, True), (2, 41, False), (5, 100, True), (4, 100, False),
])
def test_remarks_need_two_and_one_in_twenty(hits, total, expected):
    assert first_person_share(hits, total, REMARK_SHARE, at_least=2) is expected
