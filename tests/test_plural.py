"""Number agreement in the CLI's summary lines: one rule (dataset_tools/plural.py) for every count."""
import pytest

from dataset_tools.plural import DIALOGUES, OF_REPLICAS, REPLICAS, TOKENS, count, plural_form


@pytest.mark.parametrize("n, expected", [
    (0, "0 реплик"), (1, "1 реплика"), (2, "2 реплики"), (4, "4 реплики"), (5, "5 реплик"),
    (11, "11 реплик"), (12, "12 реплик"), (14, "14 реплик"),  # traps: 11–14 end in 1–4 yet take the many form
    (21, "21 реплика"), (22, "22 реплики"), (25, "25 реплик"), (101, "101 реплика"),
    (111, "111 реплик"),  # trap: ends in 1, but 111 is «сто одиннадцать»
    (112, "112 реплик"), (1024, "1024 реплики"), (10_000, "10000 реплик"),
])
def test_replicas_agree_with_the_number(n, expected):
    assert count(n, *REPLICAS) == expected


@pytest.mark.parametrize("n, form", [
    (0, "диалогов"), (1, "диалог"), (2, "диалога"), (4, "диалога"), (5, "диалогов"), (11, "диалогов"),
    (12, "диалогов"), (14, "диалогов"), (21, "диалог"), (22, "диалога"), (25, "диалогов"), (101, "диалог"),
    (111, "диалогов"),
])
def test_dialogues(n, form):
    assert plural_form(n, *DIALOGUES) == form


@pytest.mark.parametrize("n, expected", [
    (1, "из 1 реплики"), (2, "из 2 реплик"), (5, "из 5 реплик"), (11, "из 11 реплик"), (21, "из 21 реплики"),
    (111, "из 111 реплик"),
])
def test_genitive_after_iz(n, expected):
    """`из N`: the caller passes the genitive forms; 21 takes the singular (из двадцати одной реплики)."""
    assert f"из {count(n, *OF_REPLICAS)}" == expected


def test_window_of_1024_tokens():
    assert count(1024, *TOKENS) == "1024 токена" and count(50257, *TOKENS) == "50257 токенов"


def test_persona_log_line(tmp_path):
    """The persona line that said «1 диалогов, 2 реплик» before."""
    assert f"{count(1, *DIALOGUES)}, {count(2, *REPLICAS)} персоны" == "1 диалог, 2 реплики персоны"
