"""The rules of the sixth and seventh rounds of the speakers stage (docs/speakers.md).

Sixth: the narrator as the one spoken to (`спросил меня:`), a chain started by the name the speech
calls, and the backward pass checked against the speaker before it. Seventh: a participle alone
after the verb is a person (`отвечал разжалованный`), and a person known by a noun is the one spoken
to (`спросил я у татарина` → `— … — отвечал он` is the Tatar's). Real Russian, real pymorphy3."""
import pytest

from dataset_tools.attribution import attribute
from dataset_tools.characters import build_cast
from dataset_tools.remarks import Finder, read_clue, speaks_to_me
from tests.speaker_cases import replica

VALUES = {"Вася": "я", "Васи": "меня", "Васе": "мне", "Васю": "меня", "Маша": "я", "Маши": "меня", "Маше": "мне"}


@pytest.fixture()
def cast():
    return build_cast({form: 3 for form in VALUES}, VALUES)


@pytest.fixture(scope="module")
def finder():
    return Finder(VALUES)


@pytest.mark.parametrize("text, spoken_to", [
    ("А Ленька вдруг спросил меня:", True),
    ("потом сказала мне, как старому знакомому:", True),
    ("обратился он ко мне", True),
    ("шепнул мне, подымаясь рядом со мною, мистер Астлей", True),
    ("сказал старик, подавая мне несколько сорванных колосьев", False),  # `мне` of another verb
    ("Он поглядел на меня и спросил немножко шепеляво:", False),  # the narrator is looked at
    ("оглянула меня добрыми глазами и добавила:", False),
    ("сказал «мне» Вася", False),  # quoted words
])
def test_a_verb_of_speech_to_me(text, spoken_to):
    assert speaks_to_me(text) is spoken_to


FIRST_PERSON = [replica("Ты куда?", "спросил я"), replica("Домой.", "ответил Вася"), replica("Ну иди", "сказал я")]


def test_the_narrator_answers_a_question_put_to_them(cast, finder):
    asked = [replica("Ты — дурак?", None, ["А Вася вдруг спросил меня:"]), replica("Не знаю. А что?")]
    paused = [replica("Отвечай прямо, ты мне веришь?", "спросил меня Вася"),
              replica("Кто же я таков?", None, ["Вася помолчал. Маша ждала."])]  # narration between: not sure
    answers = attribute([FIRST_PERSON, asked, paused], cast, finder, VALUES, {})
    assert answers[1] == [("Вася", "turn"), ("рассказчик", "turn")]
    assert answers[2][1] != ("рассказчик", "turn")


def test_a_name_called_starts_the_turns(cast, finder):
    called = [replica("Ах, какой мерзкий! Вы не поверите, Вася, как здесь скучно."), replica("Ну да, ну да.")]
    named = [replica("Как вас зовут?"), replica("Вася."), replica("А по отчеству?")]  # an answer, no call
    between = [replica("Вы не поверите, Вася, как здесь скучно."),
               replica("Кто там?", None, ["Все замолчали."])]
    answers = attribute([called, named, between], cast, finder, VALUES, {})
    assert answers[0][1] == ("Вася", "turn")
    assert answers[1][2] == ("", "")
    assert answers[2][1] == ("", "")


def test_a_backward_run_that_the_speaker_before_contradicts_stays_empty(cast, finder):
    dialogue = [replica("Из самого заводу будем!", "добавила Маша"), replica("То-то, чай устали?"),
                replica("Мы-то? Ничего!"), replica("По обету, что ли?"),
                replica("По обету, браток.", "подтвердил Вася"), replica("Ну что ж?", "согласилась Маша")]
    answers = attribute([dialogue], cast, finder, VALUES, {})[0]
    # backwards it would be Маша, Вася, Маша — but Маша spoke just before: someone else is in the talk
    assert answers[1:4] == [("", "")] * 3
    assert answers[4] == ("Вася", "named") and answers[5] == ("Маша", "named")


def test_a_name_deep_in_a_long_story_is_no_call(cast, finder):
    story = [replica("Ну, вот и пришли они. Встал он против деда. Говорит: живи, Вася, со мной. "
                     "Нахмурился он. Ушли они тогда."), replica("А дальше что?")]
    answers = attribute([story], cast, finder, VALUES, {})[0]
    assert answers[1] == ("", "")  # `Вася` is someone's words in the story, not the listener


# Seventh round
@pytest.mark.parametrize("remark, kind, noun", [
    ("отвечал разжалованный", "noun", "разжалованный"),
    ("бойко и твердо заговорила обвиняемая", "noun", "обвиняемый"),  # named by its masculine form
    ("сказал управляющий", "noun", "управляющий"),
    ("отвечал дорожный", "noun", "дорожный"),  # an adjective, as before
    ("прибавил, отвернувшись, смущенный", None, None),  # a comma parts it from the verb: describes `он`
    ("говорил шедший по другую сторону кулак", "noun", "кулак"),  # the participle has its noun
    ("сказал разжалованный Вася", "name", None),
])
def test_a_participle_alone_is_a_person(cast, finder, remark, kind, noun):
    clue = read_clue(remark, cast, finder, VALUES)
    assert (clue.kind if clue else None) == kind
    if noun:
        assert clue.noun == noun


def test_the_one_asked_by_a_noun_answers(cast, finder):
    asked = [replica("Скажите, что это за огни?", "спросил я шопотом у татарина, ехавшего подле меня"),
             replica("А ты не знаешь?", "отвечал он"), replica("Не знаю."), replica("Это солома.")]
    walked = [replica("Непонятно!", "подумал про себя Вася и отправился к председателю"),
              replica("Вот говорит пословица!", "говорил он, снимая картуз")]  # another verb: no talk
    tied = [replica("Мать! посядем?", "обратился он к спутнице"), replica("Ну что ж?", "согласилась она")]
    told = [replica("Ну, что?", "спросил Вася у англичанина"), replica("Вот и отлично", "сказал генерал")]
    answers = attribute([asked, walked, tied, told], cast, finder, VALUES, {})
    assert answers[0] == [("рассказчик", "pronoun"), ("татарин", "pronoun"), ("рассказчик", "turn"),
                          ("татарин", "turn")]
    assert answers[1][1][0] != "председатель"
    assert answers[2][1][0] != "спутница"  # a tie to someone present, never a new character
    assert answers[3][1] == ("генерал", "pronoun")  # a noun subject is never the listener of another noun


def test_the_owner_of_a_voice_in_the_genitive():
    """`услышал я речь Калинина`: `Калинина` is also a woman's surname, so no key of the cast; its
    nominative is."""
    values = {"Калинин": "я", "Калинина": "меня", "Калинину": "мне"}
    cast = build_cast({"Калинин": 5, "Калинину": 2}, values)
    finder = Finder(values)
    assert cast.of_form.get("Калинина") is None  # the case this rule is for
    clue = read_clue("услышал я речь Калинина", cast, finder, values)
    assert clue.kind == "name" and cast.characters[clue.character].name == "Калинин"
    assert read_clue("услышал я шум", cast, finder, values).kind == "narrator"  # no voice: the narrator


@pytest.mark.parametrize("remark, initial", [
    ("сказал штабс-капитан Ш", "Ш"),  # the rank and the initial: the initial names him
    ("сказал Ш., подмигивая на меня", "Ш"),
    ("продолжал князь Щ.", "Щ"),  # not the prince of the book, Лев Николаевич
    ("сказал князь N.", "N"),
    ("сказал он. С тех пор", None),  # a capital after a full stop is no initial
    ("сказал поручик", None),
])
def test_an_initial_is_a_name_of_its_own(cast, finder, remark, initial):
    clue = read_clue(remark, cast, finder, VALUES)
    assert (clue.noun if clue.kind == "foreign" else None) == initial
