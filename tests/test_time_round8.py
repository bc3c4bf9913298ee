"""Issue 9, round 8 (fresh6): TiMe and names rules as table rows of real Russian, each with its traps.

natasha and pymorphy3 are the real ones. The rows come from the classes of fresh6's dev part and of fresh5's
retired part (docs/time.md, round 8); the traps are the lines each rule must not touch.
"""
from __future__ import annotations

import pytest

from dataset_tools import nlp  # noqa: F401  (sets OPENBLAS_NUM_THREADS before numpy loads)
from dataset_tools.grammar import agree_verb
from dataset_tools.names import find_name_mentions
from dataset_tools.names.forms import name_word_cases
from dataset_tools.pronouns import rewrite_line

from test_pronouns import ME, TI, time_line

NAMES = {**ME, "Луиза": "я", "Нафанаил": "я", "Кнапс": "я", "Варя": "я", "Мешков": "я", "Верещагин": "я",
         "Бауакаса": "меня", "Бауакас": "я", "Луков": "я", "Толковый": "я", "Пьер": "я", "Жилин": "я",
         "Геростратом": "мной", "Эфиальтом": "мной", "Ванценбах": "я", "Герасим": "я", "Анна Федоровна": "я"}
TI_NAMES = {**TI, **{k: {"я": "ты", "меня": "тебя", "мной": "тобой"}.get(v, v) for k, v in NAMES.items() if k not in ME}}

# (rule that must fire, dialogs.txt line, me line, ti line)
ROWS = [
    # a name after an animate noun in a sentence that presents someone is its apposition, not an address
    ("pronoun_in_case", "<char>Это вот моя жена, Луиза, урожденная Ванценбах... лютеранка...",
     "<char>Это вот моя жена, я, урожденная Ванценбах... лютеранка...",
     "<char>Это вот моя жена, ты, урожденная Ванценбах... лютеранка..."),
    ("pronoun_in_case", "<char>А это сын мой, Нафанаил, ученик III класса.", "<char>А это сын мой, я, ученик III класса.",
     "<char>А это сын мой, ты, ученик III класса."),
    # ... traps: no noun before it (`Это, Нафаня, друг`), an inanimate noun (`Это ром, Анна Федоровна.`)
    ("remove_address", "<char>Это, Нафанаил, друг моего детства!", "<char>Это друг моего детства!",
     "<char>Это друг моего детства!"),
    ("remove_address", "<char>Это ром, Анна Федоровна.", "<char>Это ром.", "<char>Это ром."),
    # a possessive after its noun stays the noun's (`сын мой я`), one before the name goes with it
    ("pronoun_in_case", "<char>Это вот, ваше превосходительство, сын мой Нафанаил...",
     "<char>Это вот, ваше превосходительство, сын мой я...", "<char>Это вот, ваше превосходительство, сын мой ты..."),
    # the comma stays before the word said again, stronger, and before an adjective going on about the noun
    ("remove_address", "<char>Хорошо нам с тобой живется, Варя, так хорошо, что даже невероятно!",
     "<char>Хорошо нам с тобой живется, так хорошо, что даже невероятно!",
     "<char>Хорошо нам с тобой живется, так хорошо, что даже невероятно!"),
    ("remove_address", "<char>Хороший вы малый, Кнапс, честный...", "<char>Хороший вы малый, честный...",
     "<char>Хороший вы малый, честный..."),
    # ... trap: no repeat, no adjective: both commas go
    ("remove_address", "<char>Ответь мне, Андрей, на один вопрос.", "<char>Ответь мне на один вопрос.",
     "<char>Ответь мне на один вопрос."),
    # the last of a list of names is no address; a call said twice is
    ("pronoun_in_case", "<char>Ваше сиятельство, есть политические: Мешков, Верещагин.",
     "<char>Ваше сиятельство, есть политические: я, я.", "<char>Ваше сиятельство, есть политические: ты, ты."),
    ("keep_lone_address", "<char>Вася, Вася!..", "<char>Вася, Вася!..", "<char>Вася, Вася!.."),
    # a relative clause after a preposition: the name before it is the subject's apposition
    ("pronoun_in_case", "<char>И ваш сосед, Луков, с которым вы пили, ничего не видел.",
     "<char>И ваш сосед, я, с которым вы пили, ничего не видел.",
     "<char>И ваш сосед, ты, с которым вы пили, ничего не видел."),
    # a number after the address is the subject of its own clause
    ("remove_address", "<char>Маша, 9 499 есть!", "<char>9 499 есть!", "<char>9 499 есть!"),
    # after an asking verb and its subject, the name is the object, not the owner; not after a kin noun
    ("pronoun_in_case", "<char>Узнаешь ты свою лошадь? (спросил судья Бауакаса)",
     "<char>Узнаешь ты свою лошадь? (спросил судья меня)", "<char>Узнаешь ты свою лошадь? (спросил судья тебя)"),
    ("possessive_genitive", "<char>Куда ты? (спросил отец Андрея)", "<char>Куда ты? (спросил мой отец)",
     "<char>Куда ты? (спросил твой отец)"),
    # naming: née, name-calling with the instrumental and its ellipsis, «я не Y, а X»
    ("keep_naming_construction", "<char>Тебя дразнили Геростратом, а меня Эфиальтом.",
     "<char>Тебя дразнили Геростратом, а меня Эфиальтом.", "<char>Тебя дразнили Геростратом, а меня Эфиальтом."),
    ("keep_naming_construction", "<char>Я не купец, а царь Бауакас.", "<char>Я не купец, а царь Бауакас.",
     "<char>Я не купец, а царь Бауакас."),
    # ... traps: the one who teases (`дразнит Герасим`), a verb in the sentence (`я пришёл, а Бауакас ушёл`)
    ("pronoun_in_case", "<char>Хватай... (дразнит Герасим) Командер какой нашелся...",
     "<char>Хватай... (дразню я) Командер какой нашелся...", "<char>Хватай... (дразнишь ты) Командер какой нашелся..."),
    ("pronoun_in_case", "<char>Я пришёл, а Бауакас ушёл.", "<char>Я пришёл, а я ушёл.", "<char>Я пришёл, а ты ушёл."),
    # ... and a `не` of the sentence before (`Не уходи.`) is not the `не Y, а X` of this one
    ("pronoun_in_case", "<char>Не уходи. Я здесь, а Бауакас там.", "<char>Не уходи. Я здесь, а я там.",
     "<char>Не уходи. Я здесь, а ты там."),
    # the sentence after the name's opens with its verb and has no subject of its own
    ("verb_agreement", "<char>Жилин снял сапоги, бросил, пошел босиком. Попрыгивает с камушка на камушек.",
     "<char>Я снял сапоги, бросил, пошел босиком. Попрыгиваю с камушка на камушек.",
     "<char>Ты снял сапоги, бросил, пошел босиком. Попрыгиваешь с камушка на камушек."),
    # ... traps: a subject of its own (`Идёт дождь`), an impersonal verb (`Светает`), after `!`
    ("pronoun_in_case", "<char>Жилин ушёл. Идёт дождь.", "<char>Я ушёл. Идёт дождь.", "<char>Ты ушёл. Идёт дождь."),
    ("pronoun_in_case", "<char>Жилин спит. Светает.", "<char>Я сплю. Светает.", "<char>Ты спишь. Светает."),
    ("pronoun_in_case", "<char>Жилин ушёл! Смотрит в окно.", "<char>Я ушёл! Смотрит в окно.",
     "<char>Ты ушёл! Смотрит в окно."),
    # a verb of the parse past another clause with a subject of its own is not the name's
    ("pronoun_in_case", "<char>Да, сопрягать надо! (повторил себе Пьер, чувствуя, что он хочет выразить все)",
     "<char>Да, сопрягать надо! (повторил себе я, чувствуя, что он хочет выразить все)",
     "<char>Да, сопрягать надо! (повторил себе ты, чувствуя, что он хочет выразить все)"),
]


@pytest.mark.parametrize("rule, line, me, ti", ROWS, ids=[f"{r[0]}-{i}" for i, r in enumerate(ROWS)])
def test_round8_rows(rule, line, me, ti):
    fired_me, fired_ti = [], []
    assert time_line(line, NAMES, "me", fired_me) == me
    assert time_line(line, TI_NAMES, "ti", fired_ti) == ti
    assert rule in {name for name, _ in fired_me}, fired_me


def test_the_present_of_be_never_agrees():
    assert agree_verb("есть", "me") is None and agree_verb("суть", "ti") is None
    assert agree_verb("будет", "me") == "буду"


def test_a_latin_name_takes_its_case_from_the_russian_ending():
    assert name_word_cases("Ramball'я") == {"gent", "accs"}
    assert name_word_cases("Ramball'ем") == {"ablt"}


BOOK = [
    "Медведь-зверь — богу служит, Кереметь на медведях в небе ездит, солнце возит.",
    "— Кереметь знает: правда лучше веры, — сказал Иван Петрович.",
    "— Служу, милый мой! Коллежским асессором уже второй год и Станислава имею, — сказал Иван Петрович.",
    "— Станислав Кириллович, садитесь, — сказал Иван Петрович.",
    "— У нас гоголевский Петрушка давно уже читает, — сказал Иван Петрович.",
    "— Петрушка, подай шубу! — крикнул Иван Петрович.",
]


def test_gods_orders_and_an_authors_types_are_no_persons():
    texts = [m.text for m in find_name_mentions(BOOK) if m.kind == "name"]
    assert "Иван Петрович" in texts and "Станислав Кириллович" in texts
    assert not any(t.startswith("Кереметь") for t in texts)
    assert "Станислава" not in texts
    assert texts.count("Петрушка") == 1  # the servant called, not the type of Gogol's


def test_an_authors_adjective_is_a_whole_word():
    # `Смирновская` is no `мирновская` (of a surname Мирнов): the adjective starts at the word's start
    book = ["— Смирновская Маша давно уже читает, — сказал Иван Петрович.", "— Маша, подай шубу! — крикнул Иван Петрович."]
    assert [m.text for m in find_name_mentions(book) if m.kind == "name"].count("Маша") == 2


def test_round8_traps_from_the_corpus():
    # the author's brackets between the name and its verb are skipped, a clause inside them does not count
    raw = "@А если не выслушает, то Пьер почтет это за обиду (вы знаете, как англичане настойчивы) и пошлет приятеля."
    assert rewrite_line(raw, NAMES, "me").endswith("(вы знаете, как англичане настойчивы) и пошлю приятеля.")
    # `а X` after a verbless first sentence is no self-naming without `не Y`
    assert time_line("<char>Я-то хитёр, да глуп, а Пьер так себе, блаженный муж.", NAMES, "me") == \
        "<char>Я-то хитёр, да глуп, а я так себе, блаженный муж."
