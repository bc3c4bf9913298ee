"""Round 6 of issue 10: the rules added for it, each as a table of real Russian.

Rows come from fresh4's dev books and fresh3's retired held-out books (dialogue_gold_fresh4.tsv, _fresh3.tsv) and
from the library-wide read of the changed lines; traps that must not change stand beside each rule.
"""
import time

import pytest

from dataset_tools.formats import render_dialog
from dataset_tools.normalize import _join_block
from dataset_tools.speech import split_replica
from dataset_tools.speech_candidates import find_candidates

REPLICAS = [
    # a subject, a prepositional phrase, then the past verb: the author's sentence between two dashes (Детство)
    ("– Все равно, что вот это, – при этом он с выразительным жестом кинул на пол обрезок кожи. – Я знаю.",
     "<char>Все равно, что вот это (при этом он с выразительным жестом кинул на пол обрезок кожи) Я знаю."),
    ("— Ну, здорово, сынку! почеломкаемся! — И отец с сыном стали целоваться. — Добре, сынку!",
     "<char>Ну, здорово, сынку! почеломкаемся! (И отец с сыном стали целоваться) Добре, сынку!"),
    ("– А, да! Есть, есть; вот, постойте… – Господин в енотах засуетился.",
     "<char>А, да! Есть, есть; вот, постойте… (Господин в енотах засуетился)"),
    ("– Дайте мне его, дайте, мама, скорее, скорее, – и опять она с трудом удержала рыдания.",
     "<char>Дайте мне его, дайте, мама, скорее, скорее (и опять она с трудом удержала рыдания)"),
    # ... traps: right after a remark it is the speaker's news; an exclaiming sentence is speech; a bare lower-case
    # subject after a comma is the speaker going on
    ("— Он уже отмстил, — сказал Алеша. — Он про Хохлакову корреспонденцию написал.",
     "<char>Он уже отмстил (сказал Алеша) Он про Хохлакову корреспонденцию написал."),
    ("— Ах! Ах! — послышалось из одного вагона. — Варя с мужем вышла нас встретить! Вот они!",
     "<char>Ах! Ах! (послышалось из одного вагона) Варя с мужем вышла нас встретить! Вот они!"),
    ("— Могут и не хотеть! Подумайте, — люди с великим трудом наладили для себя какую-то жизнь.",
     "<char>Могут и не хотеть! Подумайте, — люди с великим трудом наладили для себя какую-то жизнь."),
    ("— А кто ж его знает! Вот спросим Вавилу — он в школу ходил. Вавила! — позвал старик.",
     "<char>А кто ж его знает! Вот спросим Вавилу — он в школу ходил. Вавила! (позвал старик)"),
    # a voice as the speaker of a present verb of speech or laughter (Дневник писателя)
    ("– Вот на! – хохочет язвительный голос.", "<char>Вот на! (хохочет язвительный голос)"),
    ("— Кто там? — говорит чей-то голос из сеней.", "<char>Кто там? (говорит чей-то голос из сеней)"),
    # ... trap: a voice with no verb of speech is the speaker's
    ("— Слышишь? — звенит колокол.", "<char>Слышишь? — звенит колокол."),
    # people named by a pronoun after a verb of speech (Дневник писателя)
    ("– Да, но ведь вот эта записка, – скажут другие. – Ведь невозможно же.",
     "<char>Да, но ведь вот эта записка (скажут другие) Ведь невозможно же."),
    # ... traps: another verb; right after a quotation the speaker cites
    ("— Я уйду, — останутся другие.", "<char>Я уйду, — останутся другие."),
    ('— Поймут. "И этот человек не управлял королевством", -- скажут другие. Ну чем я хуже?',
     '<char>Поймут. "И этот человек не управлял королевством", -- скажут другие. Ну чем я хуже?'),
]


@pytest.mark.parametrize("paragraph,expected", REPLICAS)
def test_round6_replicas(paragraph, expected):
    assert render_dialog(split_replica(paragraph)) == expected


@pytest.mark.parametrize("lines,joined", [
    # a dash set close to the word at the line end (`это-` + `так`, Рея Сильвия): two whole words stay apart
    (["Да, все это-", "так было, дочка."], "Да, все это- так было, дочка."),
    # ... a word broken by hyphenation is glued back
    (["Он пере-", "шёл улицу."], "Он перешёл улицу."),
    (["сказал он, отво-", "рачиваясь"], "сказал он, отворачиваясь"),
])
def test_line_end_hyphen(lines, joined):
    assert _join_block(lines) == joined


def test_candidates_are_linear_in_the_paragraph():
    # speech_candidates keeps running quote counts and reads a bounded tail before each dash: a 160 KB paragraph of
    # 8,190 dashes took 1.8 s when every dash copied and scanned all the text before it (bench/bench_candidates.py)
    unit = "Да, «вот» так, — сказал он, — пойдём! — И Маша отвернулась. "
    small, big = unit * 200, unit * 3200
    t = time.perf_counter()
    n_small = len(find_candidates(small))
    t_small = time.perf_counter() - t
    t = time.perf_counter()
    n_big = len(find_candidates(big))
    t_big = time.perf_counter() - t
    assert n_big == 16 * n_small
    assert t_big < 0.5 and t_big < 60 * max(t_small, 1e-3)


def test_candidates_read_the_whole_text_before_a_far_gloss():
    # a gloss in brackets that opens more than TAIL characters before the dash still belongs to the speech
    body = "Yes, sir! [" + "очень длинная глосса " * 30 + "] - отвечал слуга."
    (cand,) = find_candidates(body)
    assert cand.punct == "!" and cand.strict  # the `!` before the gloss, as when the whole text was read


@pytest.mark.parametrize("paragraph,expected", [
    # a whole quoted sentence, then the same speaker goes on in a dash replica with its own remark (Восклицательный знак)
    ("«Тьфу! Этак всю ночь не уснешь». — Марфуша! — обратился он к своей жене. — Ты не знаешь ли, душенька?",
     "<char>Тьфу! Этак всю ночь не уснешь. Марфуша! (обратился он к своей жене) Ты не знаешь ли, душенька?"),
    ("«Безответная ты душа!» — Ну, хорошо, — прибавил он, — мы еще поговорим с тобой.",
     "<char>Безответная ты душа! Ну, хорошо (прибавил он) мы еще поговорим с тобой."),
    # ... with the remark inside the first quotation (Дуэль)
    ("«Как они, однако, оба жалки! — подумал фон Корен. — Не дешево достается им эта жизнь». — Я буду в Москве, "
     "— спросил он, — не нужно ли вам что-нибудь прислать?",
     "<char>Как они, однако, оба жалки! (подумал фон Корен) Не дешево достается им эта жизнь. Я буду в Москве "
     "(спросил он) не нужно ли вам что-нибудь прислать?"),
    # ... traps: a title or a citation with no remark after it stays narration
    ("«Война и мир» — роман Толстого.", None),
    ("«Довлеет дневи злоба его», — это естественно, это законно.", None),
    ("«Ревизор». — Комедия, — сказал он.", None),
])
def test_quote_then_replica(paragraph, expected):
    from dataset_tools.quoted import split_quote_led
    segments = split_quote_led(paragraph)
    assert (render_dialog(segments) if segments else None) == expected
