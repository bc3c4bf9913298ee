"""Round 4 of issue 10 (fresh sample 3): the rules added for it, each as a table of real Russian.

Rows come from the dev books of tests/data/dialogue_gold_fresh3.tsv and from the library-wide
regression read (books no sample uses, or the old corpus); traps that must not change stand beside each rule.
"""
import pytest

from dataset_tools.dialogue import extract_dialogues, told_in_first_person
from dataset_tools.formats import render_dialog
from dataset_tools.speech import split_replica

REPLICAS = [
    # a bare verb of speech closing the sentence, or set off by a dash glued to the comma (`,--`)
    ("-- Мужика Емельяна жена,-- говорит.", "<char>Мужика Емельяна жена (говорит)"),
    ("-- А ты,-- говорит,-- не думай об работе и назад не оглядывайся.",
     "<char>А ты (говорит) не думай об работе и назад не оглядывайся."),
    ("- Зачем? - говорит.", "<char>Зачем? (говорит)"),
    ("— Придёт, — говорит, — завтра.", "<char>Придёт (говорит) завтра."),
    # ... but a bare `говорит` right after a quotation the speaker cites is the speaker's retelling
    ("– Говорит: «Если бы я только мог… умею ценить мужей, спасавших отечество», – говорит.",
     "<char>Говорит: «Если бы я только мог… умею ценить мужей, спасавших отечество», – говорит."),
    ("— Сидит, — говорит он.", "<char>Сидит (говорит он)"),
    ("— А что? Говорит.", "<char>А что? Говорит."),
    # a person after the verb's object in the narrative present
    ("— Куда идешь?.. Пшла! — машет на нее Рагим рукой, и она покорно скатывается обратно в море.",
     "<char>Куда идешь?.. Пшла! (машет на нее Рагим рукой, и она покорно скатывается обратно в море)"),
    ("— Держи! — кричит ему вслед Петька.", "<char>Держи! (кричит ему вслед Петька)"),
    # ... not after the listener or the speaker (`мне`, `тебе`), and not a thing after the verb
    ("— Смотри, — идёт к тебе Петя!", "<char>Смотри, — идёт к тебе Петя!"),
    ("— Ну, — стоит на столе самовар.", "<char>Ну, — стоит на столе самовар."),
    # after a remark, a thing as the subject is the speaker going on; a person is a second remark
    ("— Положение у нас прежнее-с... — ответил чёрт. — Штат нисколько не изменился... По-прежнему квартира казенная...",
     "<char>Положение у нас прежнее-с... (ответил чёрт) Штат нисколько не изменился... По-прежнему квартира казенная..."),
    ("— Спокой себя, моя любая сестра! — говорил старый есаул Горобець. — Сны редко говорят правду.",
     "<char>Спокой себя, моя любая сестра! (говорил старый есаул Горобець) Сны редко говорят правду."),
    ("— Готово, — сказал смотритель. — Слуга подтвердил.", "<char>Готово (сказал смотритель) (Слуга подтвердил)"),
    # ... but a thing in lower case after the author's own question is the author's (two remarks, FORMAT §2)
    ("— Бросай! — сказала она, отдавая цветок ему. Петро подбросил, и, что за чудо? – цветок не упал прямо.",
     "<char>Бросай! (сказала она, отдавая цветок ему. Петро подбросил, и, что за чудо?) (цветок не упал прямо)"),
    # speech that opens with a quotation: a remark after a closing quote needs no dash (older typesetting)
    ('-- "Что ты приготовил для меня такой дурной май!" сказал он мне проснувшись, сидя в креслах.',
     '<char>"Что ты приготовил для меня такой дурной май!" (сказал он мне проснувшись, сидя в креслах)'),
    ("— «Сейчас, сейчас! Сию минуту!» говорил седовласый господин, бросая записки в глаза. «Вам что угодно?» "
     "наконец сказал он, обратившись к Ковалеву.",
     "<char>«Сейчас, сейчас! Сию минуту!» (говорил седовласый господин, бросая записки в глаза) «Вам что угодно?» "
     "(наконец сказал он, обратившись к Ковалеву)"),
    # ... not when the words after the quotation are the speaker's, nor in speech that opens without one
    ("— «Ну и дела!» ничего не поделаешь.", "<char>«Ну и дела!» ничего не поделаешь."),
    ("— Он кричал «караул!» сказал он.", "<char>Он кричал «караул!» сказал он."),
]


@pytest.mark.parametrize("paragraph,expected", REPLICAS)
def test_round4_replicas(paragraph, expected):
    assert render_dialog(split_replica(paragraph)) == expected


# The narrator's own present (`прошу я`, `говорю я`) is a remark only in a book told in the first person.
FIRST_PERSON = [
    ("— Рагим!.. Расскажи сказку... — прошу я старика.", "<char>Рагим!.. Расскажи сказку... (прошу я старика)"),
    ("— Брось, — говорю я, — пакость это…", "<char>Брось (говорю я) пакость это…"),
    ("— Грешен!! — шепчу я. — Ох, как грешен!..", "<char>Грешен!! (шепчу я) Ох, как грешен!.."),
    # ... not right after a quotation the speaker cites (his own story in the replica)
    ('— Она не отвечает. "Ну, и черт с ней", -- говорю я себе, возвращаюсь в кабинет.',
     '<char>Она не отвечает. "Ну, и черт с ней", -- говорю я себе, возвращаюсь в кабинет.'),
    ('— Я решился ему дать урок. "Как, - говорю я ему, - вы, негодный старикашка..."',
     '<char>Я решился ему дать урок. "Как, - говорю я ему, - вы, негодный старикашка..."'),
    ('— Прихожу я раз в палату. "Eh bien, mon vieux" ["Ну-ка, старина" (фр.)], - говорю я и сел возле койки.',
     '<char>Прихожу я раз в палату. "Eh bien, mon vieux" ["Ну-ка, старина" (фр.)], - говорю я и сел возле койки.'),
    # ... and not with words for the listener
    ("— Нет, — говорю я тебе, — не пойду.", "<char>Нет, — говорю я тебе, — не пойду."),
]


@pytest.mark.parametrize("paragraph,expected", FIRST_PERSON)
def test_first_person_present_in_a_first_person_book(paragraph, expected):
    assert render_dialog(split_replica(paragraph, narrator=True)) == expected


@pytest.mark.parametrize("paragraph", [p for p, e in FIRST_PERSON[:3]] + [
    "— Мой муж — товарищ прокурора. И мальчик — с ним. Чем он будет? — часто думаю я..."])
def test_first_person_present_stays_speech_in_a_third_person_book(paragraph):
    # «Мать»: `Чем он будет? — часто думаю я...` is the speaker's own words
    assert not any(s.remark and " я" in " " + s.text for s in split_replica(paragraph, narrator=False))


NARRATION_1ST = ["Я вышел на крыльцо и долго смотрел, как падает снег на пустую улицу.",
                 "Было тихо. Где-то за рекой лаяли собаки, и мне не хотелось возвращаться в дом.",
                 "Дорога шла лесом; мы ехали молча, и ямщик изредка покрикивал на лошадей."]
NARRATION_3RD = ["Он вышел на крыльцо и долго смотрел, как падает снег на пустую улицу.",
                 "Было тихо. Где-то за рекой лаяли собаки, и ей не хотелось возвращаться в дом.",
                 "Она сказала: «Я не пойду», — и долго молчала, глядя в окно на пустую улицу."]


def test_told_in_first_person_reads_the_narration_not_the_speech():
    assert told_in_first_person(NARRATION_1ST + ["— Я не пойду, — сказал он."])
    # `я` in replicas and in quotations inside narration is someone's speech, not the narrator's
    assert not told_in_first_person(NARRATION_3RD + ["— Я не пойду, — сказал он."] * 5)
    assert not told_in_first_person(["— Я не пойду."])


def test_extract_dialogues_passes_the_book_person_to_the_rules():
    replica = "— Брось, — говорю я, — пакость это…"
    first = extract_dialogues(NARRATION_1ST + [replica])
    third = extract_dialogues(NARRATION_3RD + [replica])
    assert render_dialog(first.dialogues[0][0]) == "<char>Брось (говорю я) пакость это…"
    assert render_dialog(third.dialogues[0][0]) == "<char>Брось, — говорю я, — пакость это…"
