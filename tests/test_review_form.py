"""Table tests of review/form_checks.py and the round-9 widenings of older checks (issue 9): what the replaced
word's own form says it was, whatever rule wrote the line. Each check must flag its line and stay silent on
the traps (real pymorphy3, no mocks); the lines come from «Война и мир», т. 4 (tests/data/time_gold_fresh9.tsv,
its dev part) and the corpus."""
import pytest

from dataset_tools.review import review_line
from dataset_tools.review.book import book_evidence

NAMES_ME = {"Ростовым": "мне", "Ростовых": "меня", "Ивановым": "мной", "Ивановой": "мне", "Волков": "я",
            "Петров": "я", "Наташа": "я", "Наташу": "меня", "Долохова": "меня", "Пети": "меня", "Мари": "меня",
            "Пете": "мне", "Dessales": "", "Киселев": "", "Любим": "", "Маша": "я", "Николаем": "мной",
            "Дурдолеосова": "я", "Ильей": "мной"}
BOOK = book_evidence(["Nicolas пришел. Я видела Nicolas. Где Nicolas? Вот Clément. Simon, Simon, Simon!"])

FLAGGED = [
    ("family_plural_replaced", "<char>Я знаю только, что он попал к Ростовым… Какая судьба!",
     "<char>Я знаю только, что он попал ко мне… Какая судьба!"),
    ("family_plural_replaced", "<char>Он бывал у Ростовых каждый день.", "<char>Он бывал у меня каждый день."),
    ("lower_pronoun_opens_remark", "<char>Ты устал, хочешь чаю? (Наташа подошла к ней) Ты похорошел",
     "<char>Ты устал, хочешь чаю? (я подошла к ней) Ты похорошел"),
    ("latin_name_left", "<char>Я желала прежде, чтобы Nicolas женился на ней.",
     "<char>Я желала прежде, чтобы Nicolas женился на ней."),
    ("latin_name_left", "<char>C'est vous, Clément? (сказал Пете он)", "<char>C'est vous, Clément? (сказал мне он)"),
    ("latin_name_left", "<char>Simon! бутылку Клодвужо; да смотри, согреть хорошенько.",
     "<char>Simon! бутылку Клодвужо; да смотри, согреть хорошенько."),
    ("plural_noun_taken_for_name", "<char>Не свозили всех, мертвых-то. Волков этих что, говорит…",
     "<char>Не свозили всех, мертвых-то. Я этих что, говорит…"),
    ("oblique_address", "<char>Мари, полно, глупости, Как тебе не совестно (сказал он весело)",
     "<char>Меня, полно, глупости, Как тебе не совестно (сказал он весело)"),
    ("address_removed_clauses_joined", "<char>Эка врать здоров ты, Киселев, посмотрю я на тебя.",
     "<char>Эка врать здоров ты посмотрю я на тебя."),
]

# Traps: lines that are right and look like the flagged ones.
SILENT = [
    ("family_plural_replaced", "<char>Он говорил с Ивановым долго.", "<char>Он говорил со мной долго."),  # one man
    ("family_plural_replaced", "<char>Пошли к Ивановой.", "<char>Пошли ко мне."),  # one woman
    ("lower_pronoun_opens_remark", "<char>Да (сказала Наташа)", "<char>Да (сказала я)"),  # not the remark's start
    ("lower_pronoun_opens_remark", "<char>Да (Наташа подошла)", "<char>Да (Я подошла)"),  # capitalised
    ("lower_pronoun_opens_remark", "<char>Терпеть не могу сплетен (Наташа покраснела)",
     "<char>Терпеть не могу сплетен (я покраснела)"),  # the book's `сплетен, — Наташа`: goes on after a comma
    ("lower_pronoun_opens_remark", "<char>Скажи маменьке (Наташа графиню звала так) правду.",
     "<char>Скажи маменьке (я графиню звала так) правду."),  # the author's parenthesis inside a sentence
    ("latin_name_left", "<char>Mon Dieu, quelle horreur! (сказала Маша)", "<char>Mon Dieu, quelle horreur! (сказала я)"),
    ("latin_name_left", "<char>Mon Dieu! что это?", "<char>Mon Dieu! что это?"),  # God, not a call
    ("latin_name_left", "<char>Diantre! (прошептала Маша)", "<char>Diantre! (прошептала я)"),  # once in the book
    ("latin_name_left", "<char>Она воскликнула: «Attends!», бросилась к Пете.",
     "<char>Она воскликнула: «Attends!», бросилась ко мне."),  # quoted
    ("latin_name_left", "<char>Oui, Sire! (сказал Петров)", "<char>Oui, Sire! (сказал я)"),  # a title
    ("latin_name_left", "<char>Он читал Bulwer и спал.", "<char>Он читал Bulwer и спал."),  # once in the book
    ("latin_name_left", "<char>Крокодил, Crocodillo, -- есть слово", "<char>Крокодил, Crocodillo, -- есть слово"),
    ("plural_noun_taken_for_name", "<char>Петров этот пришел.", "<char>Я этот пришел."),  # a singular modifier
    ("oblique_address", "<char>Пете, знаете, скучно.", "<char>Мне, знаете, скучно."),  # a dative in the source
    ("address_removed_clauses_joined", "<char>Ты, Любим, здоров ли?", "<char>Ты здоров ли?"),  # one clause
]

# name_left (the invariant test's ceiling): naming constructions the check must know.
NAMINGS = [
    ("<char>Моего отца зовут Ильей, а сына — Николаем.", "<char>Моего отца зовут Ильей, а сына — Николаем."),
    ("<char>Это моя тетка, урожденная княжна Дурдолеосова.", "<char>Это моя тетка, урожденная княжна Дурдолеосова."),
]


@pytest.mark.parametrize("check, source, me", FLAGGED)
def test_form_check_flags_the_line(check, source, me):
    assert check in {f.check for f in review_line(source, me, NAMES_ME, "me", BOOK)}


@pytest.mark.parametrize("check, source, me", SILENT)
def test_form_check_stays_silent_on_the_trap(check, source, me):
    assert check not in {f.check for f in review_line(source, me, NAMES_ME, "me", BOOK)}


@pytest.mark.parametrize("source, me", NAMINGS)
def test_name_left_knows_the_naming_constructions(source, me):
    assert "name_left" not in {f.check for f in review_line(source, me, NAMES_ME, "me", BOOK)}


def test_name_left_still_flags_a_name_outside_naming():
    line = "<char>Отец пришел с Ильей, а сын — с Николаем."  # a dash, but no naming verb
    flags = review_line(line, line, NAMES_ME, "me", BOOK)
    assert "name_left" in {f.check for f in flags}


def test_form_checks_use_the_second_person_on_ti_lines():
    flags = review_line("<char>Он попал к Ростовым.", "<char>Он попал к тебе.", {"Ростовым": "тебе"}, "ti", BOOK)
    assert "family_plural_replaced" in {f.check for f in flags}
