"""Table tests of review/leftover_checks.py (issue 9, round 10): what a rewrite left half done, whatever rule wrote
the line. Each check must flag its line and stay silent on the traps (real pymorphy3, no mocks); the lines come
from the dev part of tests/data/time_gold_fresh11.tsv and from the corpus (Gogol, Gorky)."""
import pytest

from dataset_tools.review import review_line
from dataset_tools.review.book import book_evidence

NAMES_ME = {"Никита Степаныч": "я", "Никита Мухортого": "я", "Порфирий Петрович": "я", "Альв": "я", "Ал": "я",
            "Радды": "меня", "Машка": "я", "Санька": "я", "Машу": "меня", "Спаланцо": "я", "Петя": "я",
            "Маша": "я", "Ивана": "меня", "Елена Павловна": "я", "Елена": ""}
BOOK = book_evidence(["Никита вышел. Порфирий принес шашки."])

FLAGGED = [
    ("first_name_left", "<char>Что и говорить, лошадь добрая! (сказал Никита)",
     "<char>Что и говорить, лошадь добрая! (сказал Никита)"),
    ("first_name_left", "<char>Эй, Порфирий, принеси-ка сюда шашечницу.",
     "<char>Эй, Порфирий, принеси-ка сюда шашечницу."),
    ("pronoun_glued_to_text", "<char>Нет, Альв<иан> Ал<ександрович>, никто из нас не виноват.",
     "<char>Нет, я<иан> я<ександрович>, никто из нас не виноват."),
    ("possessive_kept_from_name", "<char>Попробовать, такое ли у Радды моей крепкое сердце.",
     "<char>Попробовать, такое ли у меня моей крепкое сердце."),
    ("possessive_kept_from_name", "<char>Куда ж? Машка моя видит, что я бледна.",
     "<char>Куда ж? Я моя вижу, что я бледна."),
    ("possessive_kept_from_name", "<char>Пойдём в поле; Санька мой с нами.", "<char>Пойдём в поле; я мой с нами."),
    ("subject_after_pronoun", "<char>Где твоя жена? (спросил Спаланцо епископ)",
     "<char>Где твоя жена? (спросил я епископ)"),
]

# Traps: lines that are right and look like the flagged ones.
SILENT = [
    ("first_name_left", "<char>Что и говорить (сказал Никита Степаныч)", "<char>Что и говорить (сказал я)"),
    ("first_name_left", "<char>Его зовут Никита.", "<char>Его зовут Никита."),  # naming keeps the name
    ("first_name_left", "<char>Никита!", "<char>Никита!"),  # an address that is the whole speech
    ("first_name_left", "<char>Пришла Елена.", "<char>Пришла Елена."),  # the dictionary keeps `Елена` ("")
    ("pronoun_glued_to_text", "<char>Петя-то пришел.", "<char>Я-то пришел."),  # a particle after a hyphen
    ("pronoun_glued_to_text", "<char>Маша пришла.", "<char>Я пришла."),  # <char> before the pronoun
    ("possessive_kept_from_name", "<char>Машу мой брат любит.", "<char>Меня мой брат любит."),  # `мой брат` agree
    ("possessive_kept_from_name", "<char>Мой брат любит Машу.", "<char>Мой брат любит меня."),  # before, not after
    ("subject_after_pronoun", "<char>Да (сказал Петя, смеясь)", "<char>Да (сказал я, смеясь)"),
    ("subject_after_pronoun", "<char>Да (сказал Петя сам себе)", "<char>Да (сказал я сам себе)"),  # no noun
    ("subject_after_pronoun", "<char>Петя дурак.", "<char>Я дурак."),  # a predicate, no verb before
    ("subject_after_pronoun", "<char>Видел Ивана отец.", "<char>Видел меня отец."),  # the pronoun not nominative
]


@pytest.mark.parametrize("check, source, me", FLAGGED)
def test_leftover_check_flags_the_line(check, source, me):
    assert check in {f.check for f in review_line(source, me, NAMES_ME, "me", BOOK)}


@pytest.mark.parametrize("check, source, me", SILENT)
def test_leftover_check_stays_silent_on_the_trap(check, source, me):
    assert check not in {f.check for f in review_line(source, me, NAMES_ME, "me", BOOK)}


def test_leftover_checks_use_the_second_person_on_ti_lines():
    flags = review_line("<char>Где жена? (спросил Спаланцо епископ)", "<char>Где жена? (спросил ты епископ)",
                        {"Спаланцо": "ты"}, "ti", BOOK)
    assert "subject_after_pronoun" in {f.check for f in flags}
