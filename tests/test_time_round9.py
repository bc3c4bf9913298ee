"""Issue 9, round 9 (fresh8, «Война и мир», т. 3): names and TiMe rules as table rows of real Russian, with traps.

natasha and pymorphy3 are the real ones. The rows come from fresh8's dev part and fresh6's dev / fresh5's retired
misses (docs/time.md, round 9); the traps are the lines each rule must not touch.
"""
from __future__ import annotations

import pytest

from dataset_tools import nlp  # noqa: F401  (sets OPENBLAS_NUM_THREADS before numpy loads)
from dataset_tools.name_evidence import animal_named_by_noun, diminutive_base
from dataset_tools.names import find_name_mentions

from test_pronouns import ME, TI, time_line

NAMES = {**ME, "Растопчин": "я", "Соня": "я", "Пушкина": "меня", "Наташа": "я"}
TI_NAMES = {**TI, **{k: {"я": "ты", "меня": "тебя"}.get(v, v) for k, v in NAMES.items() if k not in ME}}

# (rule that must fire, dialogs.txt line, me line, ti line)
ROWS = [
    # `им.` before a name in the nominative is the pronoun ending a sentence, not the abbreviation of `имени`
    ("capital_letter", "<char>Стыдно бежать (говорили им. Растопчин в своих афишках внушал им, что уезжать позорно)",
     "<char>Стыдно бежать (говорили им. Я в своих афишках внушал им, что уезжать позорно)",
     "<char>Стыдно бежать (говорили им. Ты в своих афишках внушал им, что уезжать позорно)"),
    # ... trap: `им. Пушкина` is the abbreviation; the pronoun stays in lower case
    ("pronoun_in_case", "<char>Мы были в театре им. Пушкина вчера.", "<char>Мы были в театре им. меня вчера.",
     "<char>Мы были в театре им. тебя вчера."),
    # a kin word that calls someone keeps its comma when the call after it goes
    ("remove_address", "<char>Батюшки! Мама, Соня, посмотрите, это он!", "<char>Батюшки! Мама, посмотрите, это он!",
     "<char>Батюшки! Мама, посмотрите, это он!"),
    # ... traps: a pronoun or a subject before the call loses both commas
    ("remove_address", "<char>Ты, Соня, посмотри, это он!", "<char>Ты посмотри, это он!", "<char>Ты посмотри, это он!"),
    ("remove_address", "<char>Я, Наташа, не знаю.", "<char>Я не знаю.", "<char>Я не знаю."),
]


@pytest.mark.parametrize("rule,line,me,ti", ROWS, ids=[row[1][6:40] for row in ROWS])
def test_round9_rows(rule, line, me, ti):
    fired_me = []
    assert time_line(line, NAMES, "me", fired_me) == me
    assert time_line(line, TI_NAMES, "ti") == ti
    assert rule in {name for name, _ in fired_me}, fired_me


@pytest.mark.parametrize("word,names,base", [
    ("Варенька", {"варя"}, "варя"), ("Варечка", {"варя"}, "варя"), ("Вареньку", {"варя"}, "варя"),
    ("Прошка", {"прохор"}, "прохор"), ("Дронушке", {"дрон"}, "дрон"), ("Алешка", {"алексей"}, "алексей"),
    ("Марьюшка", {"марья"}, "марья"), ("Танюшка", {"таня"}, "таня"),
    # traps: `Марушка` («жена» in «Хаджи-Мурат») does not keep Марья's stem; a long root is no short name; two fit
    ("Марушка", {"марья"}, None), ("Костромка", {"костя"}, None), ("Варвара", {"варя"}, None),
    ("Петька", {"петр", "петрусь"}, "петр"), ("Мишка", {"михаил"}, "михаил"),  # diminutives.DIMINUTIVES
    # ... a common noun (`Булку?` a bun, `петрушка` parsley), two names that fit, a case form of the name itself
    ("Булку", {"булат"}, None), ("Петрушка", {"петр"}, None), ("Прошка", {"прохор", "прошан"}, None),
    ("Прохора", {"прохор"}, None),
])
def test_diminutive_of_a_first_name_of_the_book(word, names, base):
    assert diminutive_base(word, names) == base


@pytest.mark.parametrize("before,name,animal", [
    ("собаку", "Милку", True), ("пёс", "Полкан", True), ("кличке", "Жучка", True), ("кобылой", "Машкой", True),
    ("кот", "Федор", True),
    # traps: an owner after the noun (`лошадь Балашева`, `коня Ивана`, `коня Карагеза`), a person's noun
    ("лошади", "Балашева", False), ("коня", "Ивана", False), ("коня", "Карагеза", False), ("мужик", "Федор", False),
    # ... a surname or a plural noun: the horse and its rider in one clause («Война и мир», т. 1)
    ("лошадь", "Ростов", False), ("лошади", "Ростову", False), ("лошадей", "Ростов", False), ("лошадь", "Телянина", False),
])
def test_an_animal_noun_names_its_animal(before, name, animal):
    assert animal_named_by_noun(before, name) is animal


BOOK = [
    "Варя с мужем вышла нас встретить, сказала Варя. Мы пошли к Варе.",
    "— Вот они! Варенька!.. Варечка! Ах!",
    "Прохор сидел у двери. Я спросил Прохора о топоре.",
    "— Прошка, где топор?",
    "— Великолепный пес! — говорил Дубов, показывая Кнапсу свою собаку Милку.",
    "— Ведь ты любишь меня, Милка? — сказал Дубов Кнапсу.",
    "«Попка! попка!» — забарабанил ей в ответ попугай. Софья остановилась передо мною.",
    "— Он всегда так кричит, — промолвила Софья.",
]


def test_diminutives_are_the_person_and_an_animal_named_once_is_no_person():
    texts = {m.text for m in find_name_mentions(BOOK) if m.kind == "name"}
    assert {"Варенька", "Варечка", "Прошка", "Варя", "Прохор", "Дубов", "Софья"} <= texts  # `попугай. Софья`: a stop between
    assert not any(t.startswith("Милк") for t in texts)
