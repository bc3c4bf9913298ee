"""Round 8 of issue 10: the rules added for it (dataset_tools/speech.py), each as a table of real Russian.

Rows come from fresh6's dev units (dialogue_gold_fresh6.tsv) and from the library-wide read of the changed lines;
traps that must not change stand beside each rule.
"""
import pytest

from dataset_tools.formats import render_dialog
from dataset_tools.quoted import split_quote_led
from dataset_tools.speech import split_replica


@pytest.mark.parametrize("paragraph, expected", [
    # `весь`/`вся` agreeing with the speaker, then a gerund phrase: the author's (Братья Карамазовы, Подросток,
    # Хаджи-Мурат, Воскресение)
    ("– Так Дмитрий Федорович мне сам говорил, ему и верьте. Разлучница его погубила, вот что, – вся как будто "
     "содрогаясь от ненависти, прибавила Грушенька.",
     "<char>Так Дмитрий Федорович мне сам говорил, ему и верьте. Разлучница его погубила, вот что (вся как будто "
     "содрогаясь от ненависти, прибавила Грушенька)"),
    ("-- Нет, это невозможно! Опять просолил туза! -- весь покраснев, проговорил адъютант.",
     "<char>Нет, это невозможно! Опять просолил туза! (весь покраснев, проговорил адъютант)"),
    ("-- Как бы жестоко ты ни говорила, ты не можешь сказать того, что я чувствую, -- весь дрожа, тихо сказал "
     "Нехлюдов, -- не можешь себе представить!",
     "<char>Как бы жестоко ты ни говорила, ты не можешь сказать того, что я чувствую (весь дрожа, тихо сказал "
     "Нехлюдов) не можешь себе представить!"),
    # ... traps: `все` as the subject of the speaker's own sentence, and `весь` before a noun
    ("— Ну вот, — все разошлись, и стало тихо.", "<char>Ну вот, — все разошлись, и стало тихо."),
    ("— Ну вот, — весь город спит.", "<char>Ну вот, — весь город спит."),
    # after a slipped dash (no punctuation before it) an exclamation or a question is the speaker's (Добрый знакомый,
    # Детство, Мать, В людях)
    ("— Когда намедни он накинулся на вас — тоска взяла! Ей-богу! Думаю, за что он его?",
     "<char>Когда намедни он накинулся на вас — тоска взяла! Ей-богу! Думаю, за что он его?"),
    ("— Гляди — звезда упала! Это чья-нибудь душенька чистая встосковалась.",
     "<char>Гляди — звезда упала! Это чья-нибудь душенька чистая встосковалась."),
    ("— А как вы думаете — он согласится?", "<char>А как вы думаете — он согласится?"),
    # ... traps: a real remark after a slipped dash still is one
    ("— Ты куда - спросил он.", "<char>Ты куда (спросил он)"),
    ("— Пойдём - сказала Маша и встала.", "<char>Пойдём (сказала Маша и встала)"),
    # in mid-sentence a person, a prepositional phrase, then a verb of speech: the author's aside (Воскресение)
    ("-- Тут он, -- она опять с явным ужасом выговорила это слово он, -- он все поил наших девушек. Я и поехала.",
     "<char>Тут он (она опять с явным ужасом выговорила это слово он) он все поил наших девушек. Я и поехала."),
    # ... traps: the speaker's own `он` with a prepositional phrase and a verb of action
    ("— Тут он, — он с нами в лес пошел, — понимаешь?", "<char>Тут он, — он с нами в лес пошел, — понимаешь?"),
])
def test_round8_replicas(paragraph, expected):
    assert render_dialog(split_replica(paragraph)) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # `на что` pointing back at the speech, then a person and a past verb: the author's sentence (Челкаш)
    ("«В долг все!» – на что буфетчик молча кивнул головой. Тут Гаврила сразу преисполнился уважения.",
     "<char>В долг все! (на что буфетчик молча кивнул головой. Тут Гаврила сразу преисполнился уважения)"),
    ("— Дай ему рубль, — на что Маша только рассмеялась.", "<char>Дай ему рубль (на что Маша только рассмеялась)"),
    # ... traps: `на что` = `зачем` in the speaker's own question or words to the listener
    ("— Ладно, — на что мне деньги?", "<char>Ладно, — на что мне деньги?"),
    ("— Ладно, — на что он тебе сдался.", "<char>Ладно, — на что он тебе сдался."),
])
def test_round8_relative_opening(paragraph, expected):
    segments = split_quote_led(paragraph) if paragraph.startswith("«") else split_replica(paragraph)
    assert render_dialog(segments) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a quotation inside the author's remark, then `, —` and a verb of speech with its subject: a second remark (Война
    # и мир т. 1 and 3, Дворянское гнездо, Двойник)
    ("— Sire! — начал Балашев, но взгляд императора смутил его. «Вы смущены — оправьтесь», — как будто сказал "
     "Наполеон, с чуть заметной улыбкой.",
     "<char>Sire! (начал Балашев, но взгляд императора смутил его. «Вы смущены — оправьтесь») (как будто сказал "
     "Наполеон, с чуть заметной улыбкой)"),
    ("— Сейчас, maman, — отвечала Лиза и пошла к ней. «Я говорю с ней, словно я не отживший человек», — думал он.",
     "<char>Сейчас, maman (отвечала Лиза и пошла к ней. «Я говорю с ней, словно я не отживший человек») (думал он)"),
    # ... trap: no quotation before the comma, the speech goes on
    ("— Да, — сказал он, — сказал бы я тебе.", "<char>Да (сказал он) сказал бы я тебе."),
])
def test_round8_quotation_in_remark(paragraph, expected):
    assert render_dialog(split_replica(paragraph)) == expected


def test_round8_quotation_in_remark_not_past_the_authors_parentheses():
    # Поликуша: the author's parentheses close right after `подумал он.`; the speech after them must not become a remark
    segments = split_replica('— Вот. ("Ну понесла!" — подумал Егор, глядя на нее. "С горечью", — подумал он.) С тех пор '
                             'он не пьет.')
    assert not any(s.remark and "С тех пор" in s.text for s in segments)
