"""Round 3 of issue 10 (fresh sample 2): the rules added for it, each as a table of real Russian.

Rows come from the dev books of tests/data/dialogue_gold_fresh2.tsv and from the library-wide
regression read (books no sample uses); traps that must not change stand beside each rule.
"""
import pytest

from dataset_tools.formats import render_dialog
from dataset_tools.normalize import clean_paragraph
from dataset_tools.quoted import split_quote_led
from dataset_tools.speech import split_replica

REPLICAS = [
    # a hyphen glued between punctuation and a word is a (slipped) boundary dash
    ("- Ты хочешь пить,- сказал он,-прошу тебя, возьми мою воду.",
     "<char>Ты хочешь пить (сказал он) прошу тебя, возьми мою воду."),
    ("– А ты тут всё пьешь, говорят...-неодобрительно сказал Фома.",
     "<char>А ты тут всё пьешь, говорят... (неодобрительно сказал Фома)"),
    ("– Какие речи? -сказал Резников. -Зачем разговоры? Сошлись повеселиться...",
     "<char>Какие речи? (сказал Резников) Зачем разговоры? Сошлись повеселиться..."),
    # ... but not after an abbreviation, and not inside a word
    ("— Любуйтесь на ваше дело, — сказал St.-Jérôme, уводя меня на верх.",
     "<char>Любуйтесь на ваше дело (сказал St.-Jérôme, уводя меня на верх)"),
    ("— Это море-искони русское, варяжское.", "<char>Это море-искони русское, варяжское."),
    # a bare dash (no punctuation before it) is no sentence end: after a remark it goes on in it
    ("— Вы? — спросил старичок. Но поведение Андрея не нравилось ей – оно не сливалось с речью сына.",
     "<char>Вы? (спросил старичок. Но поведение Андрея не нравилось ей – оно не сливалось с речью сына)"),
    ("– Я вас немедленно оставлю, господа, – воскликнул Санин, поклонился, вышел в спальню – и запер за собою дверь.",
     "<char>Я вас немедленно оставлю, господа (воскликнул Санин, поклонился, вышел в спальню – и запер за собою дверь)"),
    # ... unless the speech comes back in capitals
    ("– Что так? – промолвил со странною кротостью Губарев – Не вдумались еще или уже устали?",
     "<char>Что так? (промолвил со странною кротостью Губарев) Не вдумались еще или уже устали?"),
    ("— Жаль, не было тебя! — сказал Павел. — Верно говорит мать — страшную силу несет в себе этот человек!..",
     "<char>Жаль, не было тебя! (сказал Павел) Верно говорит мать — страшную силу несет в себе этот человек!.."),
    ("— Эх, — сказал Ромась — жалко книг! Родные книжки были…", "<char>Эх (сказал Ромась) жалко книг! Родные книжки были…"),
    # a slipped dash before a question is no remark
    ('— Я хлебом торгую, пароходами работаю, -видал "Ермака"? Ну вот, это мой пароход.',
     '<char>Я хлебом торгую, пароходами работаю, -видал "Ермака"? Ну вот, это мой пароход.'),
    # a bare dash opens a remark only with a verb of speech; the speaker's own story stays speech
    ("- А помните, - продолжал лекарь, - как мы собачонке сторожа Сычева перерезали пневмогастрический нерв - "
     "закашляла голубушка.",
     "<char>А помните (продолжал лекарь) как мы собачонке сторожа Сычева перерезали пневмогастрический нерв - "
     "закашляла голубушка."),
    ("— Ты куда - спросил он.", "<char>Ты куда (спросил он)"),
    ("– Я сказал так, а она смеется - переспросил Флавиан.", "<char>Я сказал так, а она смеется (переспросил Флавиан)"),
    # a lone adverb and an insertion with `как` before the verb of the remark
    ("- Когда-нибудь надо, - быстро, как всегда, проговорил Алеша. - Спасибо, Устюша, что жалела меня.",
     "<char>Когда-нибудь надо (быстро, как всегда, проговорил Алеша) Спасибо, Устюша, что жалела меня."),
    ("— Не знаю, — тихо, как будто про себя, сказал он.", "<char>Не знаю (тихо, как будто про себя, сказал он)"),
    ("— Хорошо, — тихо, как мышь, ты сиди.", "<char>Хорошо, — тихо, как мышь, ты сиди."),
    # `Вслед за …` opens the author's sentence like `При этом`
    ("– Эге! да ты от слов не уймешься!.. – Вслед за сими словами Чуб почувствовал пребольной удар в плечо.",
     "<char>Эге! да ты от слов не уймешься!.. (Вслед за сими словами Чуб почувствовал пребольной удар в плечо)"),
    # a gloss in brackets before the remark dash belongs to the speech
    ("- Yes, sir! [Да, сэр! (англ.)] - отвечал слуга.", "<char>Yes, sir! [Да, сэр! (англ.)] (отвечал слуга)"),
    ("— Ты этого хочешь, domina? {Domina - госпожа.} - переспросил Флавиан.",
     "<char>Ты этого хочешь, domina? {Domina - госпожа.} (переспросил Флавиан)"),
    # a footnote number glued to `!` goes; stress digits stay
    ("- C'est un Zouave, c'est un Zouave, - пищала дама, - c'est un Zouave!2",
     "<char>C'est un Zouave, c'est un Zouave (пищала дама) c'est un Zouave!"),
    ("— Что2 ты сказал?", "<char>Что2 ты сказал?"),
    # Gogol's `— «…» — сказал: «…»`: the quotes stay (as in `— «Да», — сказал он.`), the quotation after
    # the remark's colon is the same speaker again
    ("— «В самом деле, чрезвычайно странно!» — сказал чиновник: «место совершенно гладкое, как будто бы только "
     "что выпеченный блин. Да, до невероятности ровное!»",
     "<char>«В самом деле, чрезвычайно странно!» (сказал чиновник) «место совершенно гладкое, как будто бы только "
     "что выпеченный блин. Да, до невероятности ровное!»"),
    ("— «Нет», — сказал он и прибавил: «Не пойду».", "<char>«Нет» (сказал он и прибавил) «Не пойду»."),
    # speech without quotes: a quotation in the remark stays there
    ("— Да, — сказал он, указав на вывеску: «Трактир».", "<char>Да (сказал он, указав на вывеску: «Трактир»)"),
]

QUOTE_LED = [
    # the remark stands inside the first quotation, the next quotation follows a dash
    ("«Теперь точно видно, что ты Ашик-Кериб, — сказал жених, — но поведай, как же ты мог?» — «В доказательство "
     "истины, — отвечал Ашик, — сабля моя перерубит камень».",
     "<char>Теперь точно видно, что ты Ашик-Кериб (сказал жених) но поведай, как же ты мог? В доказательство "
     "истины (отвечал Ашик) сабля моя перерубит камень."),
    # a label after a colon (no verb of speech, not whole sentences) stays in the remark
    ('"Боже мой, если бы хотя часть этих денег!" -- сказал он, и в воображенье его стали высыпаться свертки с '
     'заманчивой надписью: "1000 червонных". Свертки разворачивались.',
     '<char>Боже мой, если бы хотя часть этих денег! (сказал он, и в воображенье его стали высыпаться свертки с '
     'заманчивой надписью: "1000 червонных". Свертки разворачивались)'),
    # a colon after a verb of speech hands over to speech
    ('"Спиридон", - позвал барин из кабинета - я взошел. Барин собрались с силами и говорят таким глухим голосом: '
     '"Спиридон, никто в доме не знает, что было".',
     '<char>Спиридон (позвал барин из кабинета - я взошел. Барин собрались с силами и говорят таким глухим голосом) '
     'Спиридон, никто в доме не знает, что было.'),
    # a quotation with a remark of its own is speech even after a comma
    ("«Пускай», — сказал жених. Сестра побежала к матери, «Матушка! — закричала она, — это точно брат», — и привела "
     "старуху.",
     "<char>Пускай (сказал жених. Сестра побежала к матери) Матушка! (закричала она) это точно брат (и привела старуху)"),
]


@pytest.mark.parametrize("source, expected", REPLICAS)
def test_round3_replica(source, expected):
    assert render_dialog(split_replica(clean_paragraph(source))) == expected


@pytest.mark.parametrize("source, expected", QUOTE_LED)
def test_round3_quote_led(source, expected):
    assert render_dialog(split_quote_led(clean_paragraph(source))) == expected


def test_a_dash_and_a_lone_quotation_is_not_quote_led():
    # `«…» — «…»` with no remark anywhere: two quotations, not a replica (FORMAT.md §1)
    assert split_quote_led("«Война и мир» — «Анна Каренина».") is None
