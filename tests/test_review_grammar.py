"""Table tests of review/grammar_checks.py (issue 9, round 8): the grammar an editor checks around any
new pronoun, whatever rule wrote it. Each check must flag its line and stay silent on the traps (real
pymorphy3, no mocks); the lines come from the books of tests/data/time_gold_fresh7.tsv and the corpus."""
import pytest

from dataset_tools.review import review_line

NAMES_ME = {"Мари": "меня", "Наташи": "меня", "Тихон": "я", "Маша": "я", "Петя": "я", "Отлетаева": "меня",
            "Который": "я", "Лида": "я", "Пете": "мне", "Кати": "меня", "Кузьма": "я"}

FLAGGED = [
    ("oblique_address", "<char>Мне не хочется спать. Мари, посиди со мной.",
     "<char>Мне не хочется спать. Меня, посиди со мной."),
    ("oblique_address", "<char>Водки дай, Петя. Вина пить не будем.", "<char>Водки дай, меня. Вина пить не будем."),
    ("owner_after_noun", "<char>(Голос Наташи оборвался. Она покраснела)", "<char>(Голос меня оборвался. Она покраснела)"),
    ("owner_after_noun", "<char>Мой дядя Кузьма помер, так и знай.", "<char>Мой дядя меня помер, так и знай."),
    ("possessive_of_name_left", "<char>Ведь это Тихон наш (сказал эсаул)", "<char>Ведь это я наш (сказал эсаул)"),
    ("possessive_of_name_left", "<char>Где же Маша моя?", "<char>Где же я моя?"),
    ("function_word_replaced", "<char>Я была орудием Бога, Который повелел мне отомстить.",
     "<char>Я была орудием Бога, я повелел мне отомстить."),
    ("archaic_be_form", "<char>Маша, 9 499 есть! (сказал он глухо)", "<char>Я, 9 499 есмь! (сказал он глухо)"),
    ("oblique_subject_in_remark", "<char>Куда же вы? (закричала мадам Отлетаева) А кофе пить?",
     "<char>Куда же вы? (закричала меня) А кофе пить?"),
]

# Traps: lines that are right and look like the flagged ones.
SILENT = [
    ("oblique_address", "<char>Сходи к Пете, поздравь его.", "<char>Сходи ко мне, поздравь его."),
    ("oblique_address", "<char>Это, кажись, Кати!", "<char>Это, кажись, меня!"),  # a parenthetical, not an address
    ("oblique_address", "<char>Пете, знаете, скучно.", "<char>Мне, знаете, скучно."),  # no imperative
    ("owner_after_noun", "<char>Часть Наташи осталась там.", "<char>Часть меня осталась там."),  # a part of the person
    ("owner_after_noun", "<char>Нет Кати дома.", "<char>Нет меня дома."),  # not a noun before
    ("owner_after_noun", "<char>Беда Машу не минует.", "<char>Беда меня не минует."),  # an accusative object
    ("owner_after_noun", "<char>Отец Петю зовёт.", "<char>Отец меня зовёт."),
    ("oblique_address", "<char>Скажи Маше, дай ей денег.", "<char>Скажи мне, дай ей денег."),  # the verb's object
    ("possessive_of_name_left", "<char>Ты мой!", "<char>Ты мой!"),  # nothing replaced
    ("possessive_of_name_left", "<char>Тихон наш сосед.", "<char>Я наш сосед."),  # the possessive has its noun
    ("function_word_replaced", "<char>Наша Лида замечательный человек.", "<char>Я замечательный человек."),
    ("archaic_be_form", "<char>Есть у Пети деньги?", "<char>Есть у меня деньги?"),  # the source's есть stays
    ("oblique_subject_in_remark", "<char>Страшно (подумалось Пете)", "<char>Страшно (подумалось мне)"),  # dative
    ("oblique_subject_in_remark", "<char>Он испугался Кати, и всё.", "<char>Он испугался меня, и всё."),  # reflexive
]


@pytest.mark.parametrize("check, source, me", FLAGGED)
def test_grammar_check_flags_the_line(check, source, me):
    assert check in {f.check for f in review_line(source, me, NAMES_ME, "me")}


@pytest.mark.parametrize("check, source, me", SILENT)
def test_grammar_check_stays_silent_on_the_trap(check, source, me):
    assert check not in {f.check for f in review_line(source, me, NAMES_ME, "me")}


def test_grammar_checks_use_the_second_person_on_ti_lines():
    names = {"Мари": "тебя"}
    flags = review_line("<char>Мари, посиди со мной.", "<char>Тебя, посиди со мной.", names, "ti")
    assert "oblique_address" in {f.check for f in flags}
