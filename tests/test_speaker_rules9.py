"""The rules of the ninth round of the speakers stage (docs/speakers.md): a first name the book uses on its own
far most often is one person (`Пьер` of War and Peace, with `Пьер Безухов` and `Пьер Бомарше` in the notes);
a title agrees in case with the name it stands before (`казак Долохова` is Dolokhov's Cossack); a title before
a first name shared by several people is one person of its own (`князь Василий`). Real Russian, real pymorphy3."""
from collections import Counter

import pytest

from dataset_tools.characters import build_cast
from dataset_tools.remarks import Finder, read_clue
from dataset_tools.speakers import learn_nouns

VALUES = {"Пьер": "я", "Пьера": "меня", "Пьеру": "мне", "Пьер Безухов": "я", "Пьера Безухова": "меня",
          "Пьер Бомарше": "я", "Бомарше": "я", "Безухов": "я",
          "Марья": "я", "Марьи": "меня", "Марья Дмитриевна": "я", "Марья Николаевна": "я",
          "Николай": "я", "Николая": "меня", "Николай Ростов": "я", "Николенька Болконский": "я",
          "Николенька": "я", "Петя": "я", "Петя Ростов": "я", "Петр Кириллович": "я", "Петр Петрович Коновницын": "я", "Коновницын": "я",
          "Василий": "я", "Василий Федорович Денисов": "я", "Василия Блаженного": "меня", "Денисов": "я", "Денисова": "меня",
          "Долохов": "я", "Долохова": "меня", "Лихачев": "я", "Андрей": "я", "Андрея": "меня"}
# how often the book uses each form: `Пьер` 900 times, `Марья` rarely on its own
COUNTS = {form: 2 for form in VALUES} | {"Пьер": 900, "Пьера": 120, "Пьеру": 60, "Николай": 300,
                                         "Николая": 40, "Петя": 200, "Коновницын": 20, "Марья": 5,
                                         "Василий": 6, "Денисов": 90, "Пьер Безухов": 10}


@pytest.fixture(scope="module")
def cast():
    return build_cast(COUNTS, VALUES)


@pytest.fixture(scope="module")
def finder():
    return Finder(VALUES)


def test_a_first_name_used_on_its_own_goes_to_the_one_written_in_full_with_it(cast):
    pierre = cast.find("Пьер")
    assert pierre is not None and pierre is cast.find("Пьер Безухов")
    assert {"Пьера", "Пьеру"} <= set(pierre.forms)  # every case of the name goes with it
    assert cast.find("Пьер Бомарше") is not pierre  # the other Pierre stays apart


def test_a_first_name_no_bearer_dominates_is_a_person_of_its_own(cast):
    nikolai = cast.find("Николай")
    assert nikolai is not None and nikolai.name == "Николай"
    assert nikolai is not cast.find("Николай Ростов") and nikolai is not cast.find("Николенька Болконский")
    assert cast.find("Николая") is nikolai
    assert cast.of_form.get("Николенька") is None  # the diminutive is another word: not merged by this rule


def test_a_diminutive_is_not_given_to_a_full_name_written_otherwise(cast):
    petya = cast.find("Петя")
    assert petya is not None and petya is not cast.find("Коновницын")  # not `Петр Петрович Коновницын`


def test_traps_a_rare_bare_name_stays_nobodys(cast):
    assert cast.of_form.get("Марья") is None  # 5 times beside two Марьи: nobody's, as before
    assert cast.of_form.get("Василий") is None  # 6 times: not given to Денисов's `Василий Федорович`


@pytest.mark.parametrize("text, noun, owner", [
    ("С другой стороны стоял казак Долохова и считал пленных.", "казак", None),  # genitive: his Cossack
    ("Подошел казак Лихачев.", "казак", "Лихачев"),  # nominative both: the Cossack is Лихачев
    ("Он видел полковника Денисова.", "полковник", "Денисов"),  # genitive both: agree
    ("Это был денщик Денисова.", "денщик", None),
])
def test_a_title_agrees_with_the_name(cast, finder, text, noun, owner):
    seen = learn_nouns([text], finder, cast, VALUES).get(noun, Counter())
    named = {cast.characters[i].name for i in seen if i is not None}
    if owner is None:
        assert not named and seen[None] == 1  # counted against the noun being anyone's title
    else:
        assert named == {owner} and not seen[None]


@pytest.mark.parametrize("remark, kind, who", [
    ("говорил теперь князь Василий с гордостью пророка", "foreign", "князь Василий"),
    ("сказал Денисов", "name", "Денисов"),
    ("сказал Василий", "group", None),  # a shared name without a title: still nobody
    ("спросил доктор", "noun", "доктор"),
    ("сказал князь Денисов", "name", "Денисов"),  # the name decides when it is one person's
])
def test_a_title_before_a_shared_first_name(cast, finder, remark, kind, who):
    clue = read_clue(remark, cast, finder, VALUES)
    assert clue is not None and clue.kind == kind
    if kind == "name":
        assert cast.characters[clue.character].name == who
    elif who:
        assert clue.noun == who
