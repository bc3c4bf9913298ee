"""The rules of the sixth round of the speakers stage (docs/speakers.md): the narrator as the one
spoken to (`спросил меня:`), a chain started by the name the speech calls, and the backward pass
checked against the speaker before it. Real Russian, real pymorphy3."""
import pytest

from dataset_tools.attribution import attribute
from dataset_tools.characters import build_cast
from dataset_tools.formats import Segment
from dataset_tools.remarks import Finder, speaks_to_me
from dataset_tools.speakers import Replica

VALUES = {"Вася": "я", "Васи": "меня", "Васе": "мне", "Васю": "меня", "Маша": "я", "Маши": "меня", "Маше": "мне"}


@pytest.fixture()
def cast():
    return build_cast({form: 3 for form in VALUES}, VALUES)


@pytest.fixture(scope="module")
def finder():
    return Finder(VALUES)


def replica(speech, remark=None, narration=None):
    segments = [Segment(speech)] + ([Segment(remark, True)] if remark else [])
    return Replica(segments, narration or [])


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
