"""The rules of the fifth round of the speakers stage (docs/speakers.md): one woman under her maiden
and married names, a bare surname by all mentions, `старший Козельцов`, `-ька` diminutives,
colon introductions (an adverb before a gerund, a dash between verbs or after a name, `кто-то
сказал:`), thought remarks, the backward pass at an introduction, a noun that keeps silent, and
two-word titles. Real Russian, real pymorphy3."""
from collections import Counter

import pytest

from dataset_tools.attribution import attribute, replica_clue
from dataset_tools.characters import build_cast, canonical_first_name
from dataset_tools.formats import Segment
from dataset_tools.remarks import Finder, introduces_nobody, read_clue, read_introduction
from dataset_tools.speakers import Replica, introduced_by, learn_nouns
from tests.speaker_cases import replica

VALUES = {
    "Вася": "я", "Васи": "меня", "Васе": "мне", "Васю": "меня", "Маша": "я", "Маши": "меня", "Маше": "мне",
    "Володя": "я", "Володя Козельцов": "я", "Козельцов": "я", "Козельцов-старший": "я",
}
COUNTS = {form: 3 for form in VALUES}


@pytest.fixture(scope="module")
def cast():
    return build_cast(COUNTS, VALUES)


@pytest.fixture(scope="module")
def finder():
    return Finder(VALUES)


def test_a_womans_maiden_and_married_names_are_one_person():
    values = {"Варвара Павловна": "я", "Варвары Павловны Лаврецкой": "меня",
              "Варварой Павловной Коробьиной": "мной", "Варваре Павловне": "мне"}
    women = build_cast({"Варвара Павловна": 40, "Варвары Павловны Лаврецкой": 1,
                        "Варварой Павловной Коробьиной": 1, "Варваре Павловне": 9}, values)
    assert women.character_of("Варвара Павловна") is not None  # else the `is` checks below pass on None
    assert women.character_of("Варвара Павловна") is women.character_of("Варварой Павловной Коробьиной")
    assert women.character_of("Варвара Павловна") is women.character_of("Варвары Павловны Лаврецкой")
    # two men of one first name and patronymic keep their surnames apart: the short form is nobody's
    values = {"Иван Петрович": "я", "Иван Петрович Сидоров": "я", "Иван Петрович Козлов": "я"}
    men = build_cast({"Иван Петрович": 20, "Иван Петрович Сидоров": 1, "Иван Петрович Козлов": 1}, values)
    assert None is not men.character_of("Иван Петрович Сидоров") is not men.character_of("Иван Петрович Козлов")
    assert men.character_of("Иван Петрович") is None


@pytest.mark.parametrize("counts, owner", [
    # the grandson is named hundreds of times, the grandfather twice: `сказал Лаврецкий` is the grandson
    ({"Федор Иванович Лаврецкий": 1, "Андрея Лаврецкого": 1, "Лаврецкий": 200, "Федор Иваныч": 150,
      "Андрей": 2}, "Федор Иваныч"),
    # both named often: nobody's
    ({"Федор Иванович Лаврецкий": 1, "Андрея Лаврецкого": 1, "Лаврецкий": 200, "Федор Иваныч": 60,
      "Андрей": 30}, None),
])
def test_a_bare_surname_goes_to_the_one_the_book_names_far_most(counts, owner):
    values = {"Федор Иванович Лаврецкий": "я", "Андрея Лаврецкого": "меня", "Лаврецкий": "я",
              "Федор Иваныч": "я", "Андрей": "я"}
    found = build_cast(counts, values).character_of("Лаврецкий")
    assert (found.name if found else None) == owner


@pytest.mark.parametrize("remark, who", [
    ("сказал Козельцов", "Володя"),  # the family surname: the younger, whom the book writes with it
    ("сказал старший Козельцов, обращаясь к нему", "Козельцов-старший"),
    ("отвечал старший", "Козельцов-старший"),
])
def test_the_elder_of_a_family_is_his_own_character(cast, finder, remark, who):
    counts = COUNTS | {"Володя Козельцов": 6}
    cast = build_cast(counts, VALUES)
    clue = read_clue(remark, cast, finder, VALUES)
    assert clue.kind == "name" and cast.characters[clue.character] is cast.character_of(who)


@pytest.mark.parametrize("lemma, names, expected", [
    ("танька", {"таня"}, "татьяна"),  # Танька -> Таня -> Татьяна
    ("петька", {"петя", "петр"}, "петр"),
    ("сашка", set(), "сашка"),  # the table knows it, but two full names: cannot tell
    ("ванька", {"ваня"}, "иван"),
    ("лешка", set(), "лешка"),  # no `лешя`/`леша` in the book and not in the table: left alone
])
def test_familiar_forms_in_ka(lemma, names, expected):
    assert canonical_first_name(lemma, names) == expected


@pytest.mark.parametrize("paragraph, kind, who", [
    ("Вася, явно издеваясь, гнусаво заговорил:", "name", "Вася"),  # an adverb before the gerund
    ("Маша бежала рядом со мною и сердито ругалась, а Вася — шагал сзади, покрикивая:", "name", "Вася"),
    ("Вася поддержал товарища — вытянул руку к реке и, посмеиваясь, бормотал:", "name", "Вася"),
    ("Она, видимо, удивилась, — и вдруг мы увидели, что она побледнела, завозилась на месте и "
     "сдавленным голосом спросила:", "pronoun", "femn"),
])
def test_more_introductions(cast, finder, paragraph, kind, who):
    clue = read_introduction(introduced_by(paragraph), cast, finder, VALUES)
    assert clue is not None and clue.kind == kind, clue
    assert (cast.characters[clue.character].name if kind == "name" else clue.gender) == who


@pytest.mark.parametrize("paragraph, nobody", [
    ("Мы молча уселись и вяло начали работать. Вскоре кто-то сказал:", True),
    ("Мы все закричали:", True),
    ("Дед встал боком к ней и, глядя на стол, где все было опрокинуто, пролито, тихо проговорил:", False),
    ("Вася вскочил и крикнул:", False),
])
def test_an_introduction_of_nobody_in_particular(cast, finder, paragraph, nobody):
    assert introduces_nobody(introduced_by(paragraph), cast, finder, VALUES) is nobody


def test_nobody_introduced_stops_the_turns(cast, finder):
    dialogue = [replica("Ты поспеешь?", "спросил Вася", ["Маша стояла в дверях."]), replica("Поспею."),
                replica("А может, ещё…", None, ["Все вяло начали работать. Вскоре кто-то сказал:"])]
    answers = attribute([dialogue], cast, finder, VALUES, {})[0]
    assert answers[1] == ("Маша", "turn") and answers[2] == ("", "")


def test_a_thought_does_not_name_the_speaker(cast, finder):
    thought = Replica([Segment("Эта опасность"), Segment("подумал Вася", True), Segment("ничего нельзя достать"),
                       Segment("продолжал он, обращаясь к Маше", True)])
    assert replica_clue(thought, cast, finder, VALUES).kind == "pronoun"
    spoken = Replica([Segment("Эта опасность"), Segment("вступился Вася", True), Segment("ничего нельзя"),
                      Segment("продолжал он", True)])
    assert replica_clue(spoken, cast, finder, VALUES).kind == "name"  # a name still beats `он`
    alone = Replica([Segment("Ну и дурак"), Segment("подумал Вася", True)])
    assert replica_clue(alone, cast, finder, VALUES).kind == "name"  # a thought alone: the thinker


def test_the_backward_pass_stops_at_an_introduction(cast, finder):
    dialogue = [replica("Застряли мы тут.", None, ["Лёд тронулся."]),
                replica("Эх, беда!", None, ["Вася, сидя на песке, раскуривал трубку и хрипел:"]),
                replica("Какая беда?", "спросила Маша")]
    answers = attribute([dialogue], cast, finder, VALUES, {})[0]
    assert answers[1] == ("Вася", "turn") and answers[0] == ("", "")  # not Маша from the pair after


def test_a_noun_speaker_who_keeps_silent(cast, finder):
    dialogue = [replica("А ты сосну повали…", "насмешливо сказал пекарь", ["Пекарь шаркнул лопатой."]),
                replica("Это ты мне говоришь?", "спросил солдат"),
                replica("Нет, ты скажи, в чём дело?", None, ["Наш пекарь не отвечал, быстро работая лопатой."])]
    answers = attribute([dialogue], cast, finder, VALUES, {})[0]
    assert answers[2] == ("солдат", "turn")  # the other kept silent: the soldier goes on


def test_the_head_of_a_two_word_title_is_the_person_too(cast, finder):
    nouns = learn_nouns(["В дверях стоял товарищ прокурора Вася.", "Пришёл и доктор Вася."], finder, cast)
    vasya = cast.characters.index(cast.character_of("Вася"))
    assert nouns["товарищ"][vasya] == 1 and nouns["прокурор"][vasya] == 1 and nouns["доктор"][vasya] == 1


def test_the_name_everyone_calls_the_narrator_by_is_the_narrator():
    values = {"Петр Андреич": "я", "Петра Андреича": "меня", "Зурин": "я", "Савельич": "я"}
    cast = build_cast({form: 3 for form in values}, values)
    finder = Finder(values)
    dialogue = [
        replica("Ба, ба, ба, Петр Андреич! Какими судьбами?", "закричал Зурин", ["Я вбежал в избу."]),
        replica("Благодарен", "отвечал я"),
        replica("Ты ли это, Петр Андреич?", "спросил Савельич"),
        replica("Я", "сказал я"),
        replica("Ну, Петр Андреич, пора ехать.", "сказал Савельич"),
        replica("Нет, не пора."),  # called by name: the narrator, not a third person `Петр Андреич`
    ]
    # the speech says `батюшка Петр Андреич`: the noun was learnt for him, but `сказал мне батюшка` is not `я`
    father = [replica("Не трудись", "сказал мне батюшка", ["Вошёл батюшка."])]
    nouns = {"батюшка": Counter({cast.characters.index(cast.character_of("Петр Андреич")): 3})}
    answers = attribute([dialogue, father], cast, finder, values, nouns)
    assert answers[0][5] == ("рассказчик", "turn")
    assert cast.find("Петр Андреич").name == "рассказчик"  # his forms stay his
    assert answers[1][0] == ("батюшка", "pronoun")
    # never the subject of a remark: `сказал Зурин` names Зурин, who is no narrator though called by name
    called = [replica("Зурин, Зурин, Зурин!", "сказал я"), replica("Что?", "спросил Зурин")] * 2
    cast = build_cast({form: 3 for form in values}, values)
    attribute([called], cast, finder, values, {})
    assert cast.find("Зурин").name == "Зурин"
