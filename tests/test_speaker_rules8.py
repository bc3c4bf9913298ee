"""The rules of the eighth round of the speakers stage (docs/speakers.md): a nominative surname that
pymorphy3 reads as a plural first name (`Радилов`) is a surname, one person with its oblique forms; the
honorific abbreviations `г-н`, `г-жа`, `г.` before a name after a speech verb. Real Russian, real pymorphy3."""
import pytest

from dataset_tools.characters import build_cast, read_slots, surname_words
from dataset_tools.remarks import Finder, read_clue

VALUES = {"Радилов": "я", "Радилова": "меня", "Радилову": "мне", "Радиловым": "мной",
          "Каратаев": "я", "Каратаева": "меня", "Яковов": "я", "Яков": "я", "Якова": "меня",
          "Полутыкин": "я", "Полутыкина": "меня", "Вася": "я", "Васи": "меня",
          "Кирсанов": "я", "Николай Петрович Кирсанов": "я", "Павел Петрович Кирсанов": "я"}


@pytest.fixture(scope="module")
def cast():
    return build_cast({form: 3 for form in VALUES}, VALUES)


@pytest.fixture(scope="module")
def finder():
    return Finder(VALUES)


def test_the_surnames_the_book_declines():
    words = surname_words(VALUES)
    assert {"Радилов", "Каратаев"} <= words
    assert "Яковов" not in words  # `Яковов` (of the Яковы): the book never declines it as a surname
    assert "Вася" not in words and "Полутыкин" not in words  # pymorphy3 reads these right already


def test_a_surname_read_as_a_plural_first_name_is_one_person(cast):
    radilov = cast.find("Радилов")
    assert radilov is not None and {"Радилова", "Радилову", "Радиловым"} <= set(radilov.forms)
    assert read_slots("Радилов", set(), True, surname_words(VALUES)).surname.startswith("радилов")
    assert read_slots("Радилов", set()).first  # without the book's forms nothing changes


def test_a_family_surname_still_belongs_to_nobody(cast):
    # two Кирсановы: the bare surname is nobody's (the rule only reads the word, it does not pick a brother)
    assert cast.of_form.get("Кирсанов") is None


@pytest.mark.parametrize("remark, speaker", [
    ("спросил его г-н Полутыкин", "Полутыкин"),
    ("спросил г-н Полутыкин", "Полутыкин"),
    ("заговорил опять г. Полутыкин", "Полутыкин"),
    ("сказал Вася", "Вася"),
    ("сказал г. Это", None),  # no name after the abbreviation: nothing
    ("сказал он г-ну Полутыкину", None),  # the listener in the dative, not the subject: `он`
])
def test_an_honorific_before_the_name(cast, finder, remark, speaker):
    clue = read_clue(remark, cast, finder, VALUES)
    got = cast.characters[clue.character].name if clue and clue.kind == "name" else None
    assert got == speaker


@pytest.mark.parametrize("speech, speaker", [
    ("Царство ей небесное (прибавил Вася скороговоркой и со вздохом)! Перед смертью попросила она…", "Вася"),
    ("Но в будущем (прибавил он, нахмурив брови) посмотрим.", None),  # `он` with nobody before: no one
    ("Тогда (а ты и не знал) Вася уехал.", None),  # the speaker's own aside
    ("Я сказал ему (сказал, как Вася учил), что не приду.", None),  # a verb with no subject: no remark
])
def test_a_remark_in_the_authors_parentheses(cast, finder, speech, speaker):
    from dataset_tools.attribution import attribute
    from tests.speaker_cases import replica

    answers = attribute([[replica(speech)]], cast, finder, VALUES, {})
    assert answers[0][0][0] == (speaker or "")
