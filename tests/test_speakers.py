"""Speakers, characters and the persona (FORMAT.md §8): table tests in real Russian, the stage
on the sample book, the role export."""
import json
from collections import Counter
from pathlib import Path

import pytest

from dataset_tools.cli import main as run
from dataset_tools.alpaca import role_records
from dataset_tools.characters import NARRATOR, build_cast, canonical_first_name
from dataset_tools.formats import Segment
from dataset_tools.remarks import Finder, read_clue, read_introduction, read_left_remark
from dataset_tools.attribution import attribute
from dataset_tools.speakers import Replica, introduced_by

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sample_book.txt"

# A small book's me-dictionary: the forms the names stage would write, with their values.
VALUES = {
    "Вася": "я", "Васи": "меня", "Васе": "мне", "Васю": "меня", "Васей": "мной", "Василий": "я",
    "Маша": "я", "Маши": "меня", "Маше": "мне", "Машу": "меня",
    "Николай Петрович": "я", "Николая Петровича": "меня", "Николай Петрович Кирсанов": "я",
    "Павел Петрович": "я", "Павлу Петровичу": "мне", "Павел Петрович Кирсанов": "я", "Кирсанов": "я",
    "Митя": "я", "Дмитрий Федорович": "я", "Дмитрия Федоровича": "меня",
    "фон Корен": "я", "фон Корена": "меня", "Самойленко": "я",
    "Одинцова": "я", "Одинцов": "я", "Гаврила": "я", "Гаврилы": "меня", "Челкаш": "я",
    "Вишнепокромов": "я",
}


@pytest.fixture(scope="module")
def cast():
    counts = {form: 3 for form in VALUES} | {"Митя": 1}  # the book says Дмитрий Федорович more
    return build_cast(counts, VALUES)


@pytest.fixture(scope="module")
def finder():
    return Finder(VALUES)


def name_of(cast, form):
    character = cast.character_of(form)
    return character.name if character else None


@pytest.mark.parametrize("form, name", [
    ("Васи", "Вася"), ("Василий", "Вася"),  # a full name and its diminutive are one person
    ("Дмитрия Федоровича", "Дмитрий Федорович"), ("Митя", "Дмитрий Федорович"),
    ("Павлу Петровичу", "Павел Петрович"), ("Павел Петрович Кирсанов", "Павел Петрович"),
    ("Кирсанов", None),  # two Кирсановы: the bare surname belongs to nobody
    ("фон Корена", "фон Корен"),
])
def test_forms_of_one_person_are_one_character(cast, form, name):
    assert name_of(cast, form) == name


def test_two_people_side_by_side_in_one_form_stay_two():
    values = {"Марья Дмитриевна": "я", "Марьей Дмитриевной": "мной", "Бутлер": "я", "Бутлеру": "мне",
              "Марьей Дмитриевной Бутлеру": "мной", "Анна Сергеевна": "я", "Анны Сергеевны": "меня",
              "Одинцова": "я", "Одинцовой": "мной", "Анны Сергеевны Одинцовой": "меня"}
    glued = build_cast({form: 2 for form in values}, values)
    assert glued.character_of("Марья Дмитриевна") is not glued.character_of("Бутлер")
    assert glued.character_of("Марьей Дмитриевной Бутлеру") is None
    # one person: `Одинцовой` can be the genitive of `Анны Сергеевны`
    assert glued.character_of("Анны Сергеевны Одинцовой") is glued.character_of("Анна Сергеевна")


def test_people_who_share_a_surname_stay_apart(cast):
    assert cast.character_of("Николай Петрович") is not cast.character_of("Павел Петрович")
    assert cast.character_of("Одинцова") is not cast.character_of("Одинцов")
    assert cast.character_of("Кирсанов") is None  # both written with it as rarely: nobody's


@pytest.mark.parametrize("counts, owner", [
    ({"Тарас Бульба": 14, "Остап Бульба": 1, "Бульба": 54, "Тарас": 97, "Остап": 43}, "Тарас"),
    ({"Тарас Бульба": 4, "Остап Бульба": 3, "Бульба": 54, "Тарас": 97, "Остап": 43}, None),
    ({"Тарас Бульба": 2, "Бульба": 54, "Тарас": 97, "Остап": 43, "Остап Бульба": 0}, None),  # too rare to say
])
def test_a_family_surname_is_the_one_the_book_writes_with_it(counts, owner):
    values = {"Тарас Бульба": "я", "Остап Бульба": "я", "Бульба": "я", "Тарас": "я", "Остап": "я"}
    found = build_cast(counts, values).character_of("Бульба")
    assert (found.name if found else None) == owner


@pytest.mark.parametrize("lemma, names, expected", [
    ("митя", {"дмитрий"}, "дмитрий"),
    ("саша", {"александр"}, "александр"),
    ("саша", {"александр", "александра"}, "саша"),  # both in the book: cannot tell
    ("зиночка", {"зина", "зинаида"}, "зинаида"),  # suffix rule, then the table
])
def test_canonical_first_name(lemma, names, expected):
    assert canonical_first_name(lemma, names) == expected


@pytest.mark.parametrize("remark, kind, who", [
    ("сказал Вася", "name", "Вася"),
    ("сказал весело фон Корен", "name", "фон Корен"),
    ("сказала ей Маша, садясь рядом", "name", "Маша"),
    ("Маша усмехнулась", "name", "Маша"),
    ("спросил Челкаш у Гаврилы", "name", "Челкаш"),
    ("тронутый Самойленко схватил его руки", "name", "Самойленко"),
    ("отвечала она", "pronoun", "femn"),
    ("проговорил он хриплым голосом", "pronoun", "masc"),
    ("проговорил старик", "noun", "старик"),
    ("спросил доктор", "noun", "доктор"),
    ("отвечал дорожный", "noun", "дорожный"),
    ("сказал я", "narrator", None),
    ("вскричал я с ужасом", "narrator", None),
    ("кричал один", "group", None),
    ("говорили немцы, выпуча глаза", "group", None),
    ("послышался голос сзади", "group", None),
    ("раздался голос матери", "noun", "мать"),
    ("сказал голос того же самого. Это был Вишнепокромов", "name", "Вишнепокромов"),
    ("отвечала Палаша", "group", None),  # a name the dictionary lacks: nobody, not a guess
    ("сказал, приосанясь, кум", "noun", "кум"),  # a gerund phrase between the verb and its subject
    ("проговорила, лукаво усмехнувшись, Маша", "name", "Маша"),
    ("спросил встретившийся конвойный у того, который провожал Васю", "noun", "конвойный"),
    ("едва мог выговорить Вася", "name", "Вася"),
    ("схватился опять за револьвер Николай Петрович", "name", "Николай Петрович"),  # the object of `за`
    ("обратилась к Васе Маша", "name", "Маша"),  # the one spoken to, then the speaker
    ("протянула несколько Маша", "name", "Маша"),  # `несколько` is an adverb here
    ("выступил вдруг всё время молчавший Вася", "name", "Вася"),
    ("прокричал нам вслед Вася", "name", "Вася"),
])
def test_the_subject_of_a_remark(cast, finder, remark, kind, who):
    clue = read_clue(remark, cast, finder, VALUES)
    assert clue is not None and clue.kind == kind, clue
    if kind == "name":
        assert cast.characters[clue.character].name == who
    elif kind == "pronoun":
        assert clue.gender == who
    elif kind == "noun":
        assert clue.noun == who


@pytest.mark.parametrize("paragraph, kind, who", [
    ("Самойленко задремал. Он со слезливым умилением поглядел на фон Корена и забормотал:", "pronoun", "masc"),
    ("В полдень дед, высунув голову из окна, кричал:", "noun", "дед"),
    ("Покормив немного, дед приподнимал рубашонку, тыкал пальцем в живот и вслух соображал:", "noun", "дед"),
    ("Чичиков хотел было лезть в карман, и уши его услышали:", None, None),  # уши are no speaker
    ("И вслед за ним повторил Вишнепокромов:", "name", "Вишнепокромов"),
])
def test_a_paragraph_ending_in_a_colon_introduces_the_speaker(cast, finder, paragraph, kind, who):
    sentence = introduced_by(paragraph)
    assert sentence is not None
    clue = read_introduction(sentence, cast, finder, VALUES)
    if kind is None:
        assert clue is None or clue.kind == "group"
    else:
        assert clue.kind == kind
        got = {"name": lambda: cast.characters[clue.character].name, "noun": lambda: clue.noun,
               "pronoun": lambda: clue.gender}[kind]()
        assert got == who


@pytest.mark.parametrize("speech, kind, who", [
    ("Я даже испугалась, еще кокетливее пролепетала Маша, -- теперь он мне будет сниться", "name", "Маша"),
    ("Чем дальше на север, говорю я, тем лучше работа", "narrator", None),
    ("Уйди отсюда, сказал он.", "pronoun", "masc"),
    ("Ведь сказал он тебе, что придёт", None, None),  # speech: a comma, not a dash or the end, follows
    ("А я говорил тебе, что Вася придёт", None, None),  # the subject before the verb: speech
    ("Я рад вас видеть, — серьезно, но с готовностью ответил Вася. Все засмеялись", "name", "Вася"),
    ("Я, — говорит Маша, — не пойду", "name", "Маша"),
    ("А она мне: «И теперь, — говорит Маша, — не пойду»", None, None),  # quoted words of someone else
])
def test_a_remark_left_in_the_speech(cast, finder, speech, kind, who):
    clue = read_left_remark(speech, cast, finder, VALUES)
    if kind is None:
        assert clue is None
    else:
        assert clue is not None and clue.kind == kind
        if kind == "name":
            assert cast.characters[clue.character].name == who
        elif kind == "pronoun":
            assert clue.gender == who


def test_introduced_by_needs_the_colon():
    assert introduced_by("Маша покачала головой и разлила чай.") is None


def replica(speech, remark=None, narration=()):
    segments = [Segment(speech)] + ([Segment(remark, True)] if remark else [])
    return Replica(segments, list(narration))


def test_named_pronoun_turn_and_unknown_in_one_dialogue(cast, finder):
    dialogue = [
        replica("Доброе утро", "сказала Маша", ["Утро выдалось тихое. Вася вышел на крыльцо."]),
        replica("Не спалось", "ответил Вася"),
        replica("Про какую лодку?"),  # Маша: they take turns
        replica("Про дедушкину."),  # Вася
        replica("Ладно", "согласилась она"),  # the last woman: Маша
        replica("Держу сто!", "кричал один"),  # somebody: no speaker
    ]
    answers = attribute([dialogue], cast, finder, VALUES, {})[0]
    assert answers == [("Маша", "named"), ("Вася", "named"), ("Маша", "turn"), ("Вася", "turn"),
                       ("Маша", "pronoun"), ("", "")]


def test_turns_that_the_next_known_speaker_contradicts_stay_empty(cast, finder):
    dialogue = [
        replica("Доброе утро", "сказала Маша", ["Вася вышел на крыльцо."]),
        replica("Не спалось", "ответил Вася"),
        replica("Про какую лодку?"),  # by turn Маша
        replica("Про дедушкину."),  # by turn Вася ...
        replica("Ну, ступай", "сказал Вася"),  # ... but Вася speaks next: someone spoke twice
        replica("Иду."),  # after the known speaker the turns go on: Маша
    ]
    answers = attribute([dialogue], cast, finder, VALUES, {})[0]
    assert answers[2:] == [("", ""), ("", ""), ("Вася", "named"), ("Маша", "turn")]


def test_a_known_speaker_speaks_again_after_a_reply_nobody_names(cast, finder):
    short = [replica("Чай подан?", "спросил Вася", ["Вася вошёл в столовую."]), replica("Сейчас подают."),
             replica("Хорошо, ступай.")]
    assert attribute([short], cast, finder, VALUES, {})[0][1:] == [("", ""), ("Вася", "turn")]
    # the exchange goes on with more bare replicas: nothing grows from the unknown one
    longer = short + [replica("Слушаю-с."), replica("И позови Машу.")]
    assert attribute([longer], cast, finder, VALUES, {})[0][1:] == [("", "")] * 4


def test_first_person_narrator_and_the_one_called_by_name(cast, finder):
    dialogue = [
        replica("Послушай, Гаврила, ты готов?", "спросил я"),
        replica("Сейчас! Уключина вот шатается."),  # called by name, answers
        replica("Гаврила, не шуми"),  # he does not call himself: not Гаврила by turn
    ]
    answers = attribute([dialogue], cast, finder, VALUES, {})[0]
    assert answers[0] == (NARRATOR, "pronoun")
    assert answers[1] == ("Гаврила", "turn")
    assert answers[2] == (NARRATOR, "turn")


def test_the_last_speaker_goes_on_when_the_other_is_silent(cast, finder):
    dialogue = [
        replica("Здравствуй", "сказал Вася", ["Маша сидела у окна и шила."]),
        replica("Скажи мне одно слово!", "сказал Вася"),
        replica("Отчего же ты так печальна?", None, ["Но она молчала и не поднимала глаз."]),
        replica("Ну, как знаешь.", None, ["Вася молчал."]),  # he is the one silent: no rule, turns
    ]
    answers = attribute([dialogue], cast, finder, VALUES, {})[0]
    assert answers[2] == ("Вася", "turn")
    assert answers[3] != ("Вася", "turn")


def test_a_remark_ending_in_a_colon_introduces_the_next_replica(cast, finder):
    first = Replica([Segment("Надо попросить хлеба"), Segment("объяснил Вася. Маша поклонилась и сказала", True)],
                    paragraph="— Надо попросить хлеба, — объяснил Вася. Маша поклонилась и сказала:")
    answers = attribute([[first, replica("Дайте хлеба!")]], cast, finder, VALUES, {})[0]
    assert answers[1] == ("Маша", "turn")


def test_a_latin_script_name_is_a_character_of_its_own(cast, finder):
    dialogue = [replica("Вы придёте?", "спросила Lise"), replica("Приду", "ответил Вася"),
                replica("Обещаете?", "вскричала Lise, краснея")]
    answers = attribute([dialogue], cast, finder, VALUES, {})[0]
    assert answers == [("Lise", "named"), ("Вася", "named"), ("Lise", "named")]
    assert read_clue("сказал Mr", cast, finder, VALUES).kind == "group"  # too short for a name: unknown


def test_that_one_is_the_one_spoken_to_never_the_last_speaker(cast, finder):
    dialogue = [replica("Придёшь?", "спросил Вася Машу"), replica("Приду", "ответила та, улыбнувшись")]
    assert attribute([dialogue], cast, finder, VALUES, {})[0][1] == ("Маша", "pronoun")
    lone = [replica("Придёшь?", "спросил Вася"), replica("Приду", "ответил тот")]  # nobody else: unsure
    assert attribute([lone], cast, finder, VALUES, {})[0][1] == ("", "")
    assert read_clue("отвечал тот ломаным русским языком", cast, finder, VALUES).kind == "pronoun"
    assert read_clue("сказал тот человек", cast, finder, VALUES).kind != "pronoun"


def test_the_one_heard_is_the_speaker_not_the_one_who_hears(cast, finder):
    assert read_clue("услышал я голос Маши", cast, finder, VALUES).character == cast.characters.index(
        cast.character_of("Маша"))
    assert read_clue("услышал я", cast, finder, VALUES).kind == "narrator"


def test_the_partner_named_only_in_the_narration_answers(cast, finder):
    dialogue = [
        replica("Здравствуй", "сказал Вася", ["Маша сидела у окна и шила."]),
        replica("Здравствуй и ты."),  # nobody named her in a remark: the narration did
        replica("Что шьёшь?"),
    ]
    answers = attribute([dialogue], cast, finder, VALUES, {})[0]
    assert answers == [("Вася", "named"), ("Маша", "turn"), ("Вася", "turn")]


def test_a_later_remark_names_whom_the_pronoun_means(cast, finder):
    segments = [Segment("Они говорят"), Segment("вступился Вася, указывая на Машу", True),
                Segment("что брак должен вытекать из любви. Так ли я понимаю?"), Segment("обратился он к Маше", True)]
    answers = attribute([[Replica(segments, ["Маша и Николай Петрович спорили."])]], cast, finder, VALUES, {})[0]
    assert answers == [("Вася", "named")]


def test_a_noun_speaker_is_mentioned_in_the_narration_and_he_is_never_the_narrator(cast, finder):
    first = [replica("Вот Домострой живой", "сказала дама"), replica("Да-с", "сказал господин"),
             replica("Брак без любви не брак", "сказала дама"), replica("Что разуметь под любовью?", "сказал господин"),
             replica("Я сам видел", "сказал я")]
    second = [replica("Какая же это любовь?", "сказал он", ["Я оглянулся и увидал седого господина."])]
    answers = attribute([first, second], cast, finder, VALUES, {})
    assert answers[1] == [("господин", "pronoun")]  # not the narrator, whom the narration also names


def test_a_title_the_book_puts_before_one_name_is_that_person_in_the_narration(cast, finder):
    nouns = {"доктор": Counter({cast.characters.index(cast.character_of("Самойленко")): 3})}
    dialogue = [replica("Здравствуй", "сказал Вася", ["Доктор сидел у окна. Вася вошёл."]),
                replica("Здравствуй и ты."),  # the доктор of the narration: Самойленко
                replica("Что молчишь?")]
    answers = attribute([dialogue], cast, finder, VALUES, nouns)[0]
    assert answers == [("Вася", "named"), ("Самойленко", "turn"), ("Вася", "turn")]


def test_role_records_start_with_the_user_merge_and_end_with_the_persona():
    lines = ["@Привет |сказал Вася|", "@Здравствуй", "@Как дела?", "@Хорошо", "@А у тебя?", "",
             "@Я сам начну", "@Начинай", "@Ну вот"]
    roles = ["persona", "other", "other", "persona", "persona", "persona", "other", "persona"]
    records, stats = role_records(lines, roles, "sharegpt")
    assert records == [{"conversations": [
        {"from": "human", "value": "Здравствуй\nКак дела?"},
        {"from": "gpt", "value": "Хорошо\nА у тебя?"}]}, {"conversations": [
            {"from": "human", "value": "Начинай"}, {"from": "gpt", "value": "Ну вот"}]}]
    assert stats.persona_first == 2
    messages, _ = role_records(lines, roles, "messages")
    assert messages[0]["messages"][1] == {"role": "assistant", "content": "Хорошо\nА у тебя?"}


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("speakers") / "out"
    assert run([str(SAMPLE), "--out-dir", str(out), "--persona", "Васе", "-q"]) == 0
    return out


def tsv(path):
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return rows[0], rows[1:]


def test_speakers_tsv_has_a_row_for_every_replica(sample_run):
    header, rows = tsv(sample_run / "speakers.tsv")
    assert header == ["line", "speaker", "how"]
    dialogs = (sample_run / "dialogs.txt").read_text(encoding="utf-8").split("\n")
    assert [int(r[0]) for r in rows] == [n for n, line in enumerate(dialogs, 1) if line.strip()]
    assert {r[2] for r in rows} <= {"", "play", "named", "pronoun", "turn"}
    assert all(bool(r[1]) == bool(r[2]) for r in rows)
    by_line = {int(r[0]): r[1] for r in rows}
    # the last scene: an exchange of two, Вася and Маша (README's example)
    assert [by_line[n] for n in range(48, 58)] == ["Вася", "Маша"] * 5


def test_characters_tsv(sample_run):
    header, rows = tsv(sample_run / "characters.tsv")
    assert header == ["name", "forms", "replicas"]
    names = {r[0]: r for r in rows}
    assert {"Вася", "Маша", "Пётр Иванович", "Катя"} <= set(names)
    assert "Василий" in names["Вася"][1].split(", ")
    _, speakers = tsv(sample_run / "speakers.tsv")
    assert int(names["Вася"][2]) == sum(r[1] == "Вася" for r in speakers)


def test_persona_files(sample_run):
    dialogs = (sample_run / "persona_dialogs.txt").read_text(encoding="utf-8").split("\n")
    header, roles = tsv(sample_run / "persona_speakers.tsv")
    assert header == ["line", "role"]
    assert [int(r[0]) for r in roles] == [n for n, line in enumerate(dialogs, 1) if line.strip()]
    text = "\n".join(dialogs)
    assert "<char>Не спалось (ответил я) Всю ночь думал про лодку." in text
    assert "(вздохнула ты)" in text  # Маша, the partner of an exchange of two, is «ты»
    assert "Помнишь, как он обещал тебе новый забор?" in text  # in Маша's mouth Вася is «ты»
    assert "(сказал Пётр Иванович)" in text  # a third person keeps the name


def test_unknown_persona_is_a_clear_error(sample_run, capsys):
    assert run([str(SAMPLE), "--out-dir", str(sample_run), "--from", "speakers", "--stop", "speakers",
                "--persona", "Наполеон", "-q"]) == 2
    err = capsys.readouterr().err
    assert "Наполеон" in err and "Вася" in err


def test_make_alpaca_takes_the_roles_beside_the_persona_file(sample_run, tmp_path, capsys):
    from make_alpaca import main as export

    out = tmp_path / "persona.jsonl"
    assert export([str(sample_run / "raw_persona_dialogs.txt"), str(out), "--format", "sharegpt"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["conversations"][0]["from"] == "human" for r in records)
    assert all(r["conversations"][-1]["from"] == "gpt" for r in records)
    turns = [t["from"] for r in records for t in r["conversations"]]
    assert all(a != b for a, b in zip(turns, turns[1:]) if a == b == "gpt") and "gpt" in turns
    assert export([str(sample_run / "raw_persona_dialogs.txt"), str(tmp_path / "a.json")]) == 2
    assert "--roles" in capsys.readouterr().err
