"""Speech and remarks (FORMAT.md §2): every example of the contract and the known traps."""
import pytest

from dataset_tools.formats import render_dialog, render_raw
from dataset_tools.speech import explain_replica, split_replica

NB = "\u00a0"

CONTRACT = [
    ("— Привет, — сказал Вася и улыбнулся, — что у нас сегодня на ужин?",
     "<char>Привет (сказал Вася и улыбнулся) что у нас сегодня на ужин?"),
    ("— Иду! — крикнул он.", "<char>Иду! (крикнул он)"),
    ("— Да, — сказал он. — Пойдём.", "<char>Да (сказал он) Пойдём."),
    ("— Нет, — отвечал он и прибавил: — Не пойду.", "<char>Нет (отвечал он и прибавил) Не пойду."),
    ("— Москва — столица, — сказал он.", "<char>Москва — столица (сказал он)"),
    ("— Ничего. — Соня зарыдала. — Оставьте меня!", "<char>Ничего. (Соня зарыдала) Оставьте меня!"),
    ("— Ты куда? — И Маша отвернулась к окну.", "<char>Ты куда? (И Маша отвернулась к окну)"),
    ("— Готово, — сказал смотритель. — Слуга подтвердил.",
     "<char>Готово (сказал смотритель) (Слуга подтвердил)"),
    ("-- Здравствуй, брат.", "<char>Здравствуй, брат."),
    ("— Хотела написать вам, но раздумала, — кто знает, что вы теперь обо мне думаете.",
     "<char>Хотела написать вам, но раздумала, — кто знает, что вы теперь обо мне думаете."),
    ("— Где же он? — спросила она, не дождавшись ответа: где же он?",
     "<char>Где же он? (спросила она, не дождавшись ответа: где же он?)"),
]

TRAPS = [
    # a dash inside speech with no punctuation before it is not a boundary
    ("— Ты знаешь, что это наказание — стоять в углу?", "<char>Ты знаешь, что это наказание — стоять в углу?"),
    ("— Я — держал, да меня оторвало ветром, — объяснил Саша.",
     "<char>Я — держал, да меня оторвало ветром (объяснил Саша)"),
    # present tense with no person after it is the speaker's
    ("— Что ж, — сказал председатель, — остается теперь только вспрыснуть покупочку.",
     "<char>Что ж (сказал председатель) остается теперь только вспрыснуть покупочку."),
    # after a remark the speech goes on, even when it starts with «я» and a past verb
    ("— Может быть, граф не звал меня, — сказал Пьер, — я пошел бы к себе.",
     "<char>Может быть, граф не звал меня (сказал Пьер) я пошел бы к себе."),
    ("— Позвольте, — сказал он, — этак дело затянется.", "<char>Позвольте (сказал он) этак дело затянется."),
    # imperative after a remark, several remarks, vocatives
    ("— Ах, ах! — закудахтала Марья Константиновна в испуге. — Ах! Костя, — закричала она, — вернись! Костя, вернись!",
     "<char>Ах, ах! (закудахтала Марья Константиновна в испуге) Ах! Костя (закричала она) вернись! Костя, вернись!"),
    # adverbs, gerunds and adverbial phrases before the verb of the remark
    ("— Да, — улыбаясь, ответил он.", "<char>Да (улыбаясь, ответил он)"),
    ("— Да, — тихо сказала мать.", "<char>Да (тихо сказала мать)"),
    ("— Сил моих нет! — не раз с отчаянием восклицал Николай Петрович.",
     "<char>Сил моих нет! (не раз с отчаянием восклицал Николай Петрович)"),
    # narrative present with a person after the verb
    ("— И пропал, — вздыхает бабушка.", "<char>И пропал (вздыхает бабушка)"),
    ("— Законы? — удивляется Вяхирь. — Она ведь у меня хорошая…",
     "<char>Законы? (удивляется Вяхирь) Она ведь у меня хорошая…"),
    # a first-person narrator's remark
    ("— Бабушка, zero только что вышел, — сказал я, — стало быть, теперь долго не выйдет.",
     "<char>Бабушка, zero только что вышел (сказал я) стало быть, теперь долго не выйдет."),
    # the subject before the verb, a name after a comma keeps its capital
    ("— Привет, — Вася улыбнулся.", "<char>Привет (Вася улыбнулся)"),
    # a bare past verb that asks is speech
    ("— Ну что, — видел?", "<char>Ну что, — видел?"),
    # typographic slips: no space around the remark dash
    ("— Ну.– Пойдём, — сказал он.", "<char>Ну.– Пойдём (сказал он)"),
    ("— Ну.–сказал он.", "<char>Ну. (сказал он)"),
    # a dash in a quotation the speaker cites is not the author's
    ("— А он: «Что же это у тебя, — трёшница была?» Нет, говорит.",
     "<char>А он: «Что же это у тебя, — трёшница была?» Нет, говорит."),
    # quotes around speech: the comma goes, the quote stays
    ("— «Да», — сказал он.", "<char>«Да» (сказал он)"),
    # the author's parentheses and bracketed glosses stay; stress digits stay
    ("— Тут есть (тут именно) обстоятельство, — подхватил Де-Грие.",
     "<char>Тут есть (тут именно) обстоятельство (подхватил Де-Грие)"),
    ("— Что2 ты сказал? [Французское вино.] — спросил он.", "<char>Что2 ты сказал? [Французское вино.] (спросил он)"),
    # a paragraph that opens with the remark (a broken paragraph in the edition)
    ("— захлопотала она. — Где Потапыч?", "<char>(захлопотала она) Где Потапыч?"),
    # several speakers in one paragraph stay one replica
    ("— Где он? — Ушёл.", "<char>Где он? — Ушёл."),
    # a trailing dash is speech broken off
    ("— Я хотел сказать —", "<char>Я хотел сказать —"),
]

TYPOGRAPHY = [
    (f"—{NB}Иду,{NB}— сказал он.{NB}— Ждите.", "<char>Иду (сказал он) Ждите."),
    (f"–{NB}Иду,{NB}– сказал он.{NB}– Ждите.", "<char>Иду (сказал он) Ждите."),
    ("- Иду, - сказал он. - Ждите.", "<char>Иду (сказал он) Ждите."),
    ("-- Иду, -- сказал он. -- Ждите.", "<char>Иду (сказал он) Ждите."),
    ("― Иду, ― сказал он. ― Ждите.", "<char>Иду (сказал он) Ждите."),
    ("—Иду, — сказал он.", "<char>Иду (сказал он)"),
]


def _clean(text):
    from dataset_tools.normalize import clean_paragraph

    return clean_paragraph(text)


@pytest.mark.parametrize("source, expected", CONTRACT + TRAPS + TYPOGRAPHY)
def test_replica_becomes_dialogs_line(source, expected):
    assert render_dialog(split_replica(_clean(source))) == expected


def test_raw_line_uses_at_and_bars():
    segments = split_replica("— Привет, — сказал Вася и улыбнулся, — что у нас сегодня на ужин?")
    assert render_raw(segments) == "@Привет |сказал Вася и улыбнулся| что у нас сегодня на ужин?"


def test_debug_names_the_rule_that_decided():
    parts = explain_replica("Нет, — отвечал он. — Пойдём.")
    assert [(is_remark, rule) for _, is_remark, rule in parts] == [
        (True, "rule_speaking_verb_first"), (False, "rule_after_remark")]


def test_a_paragraph_without_dash_is_not_a_replica():
    with pytest.raises(ValueError):
        split_replica("Он сказал: пойдём.")
