"""Issue 9, round 10 (fresh10, the time10 books): TiMe rules as table rows of real Russian, with traps.

natasha and pymorphy3 are the real ones. The rows come from fresh10's dev part and from the old-vs-new reading of
../shared/corpus (docs/time.md, round 10); the traps are the lines each rule must not touch.
"""
from __future__ import annotations

import pytest

from dataset_tools import nlp  # noqa: F401  (sets OPENBLAS_NUM_THREADS before numpy loads)

from test_pronouns import time_line

NAMES = {"Соня": "я", "Наташа": "я", "Кузьма": "я", "Вакула": "я", "Каширин": "я", "Пешков": "я", "ПешкОв": "я",
         "Маше": "мне", "Кузька": "я", "Базаров": "я", "Настасья Евграфовна": "я", "Ростова": "меня",
         "Анатоля": "меня", "Макар Алексеевич": "я", "Машей": "мной", "Федосья Николавна": "я",
         "de Bonaparte": "меня", "Morio": "я", "l'abbé Morio": "я", "Beauché": "я", "Hélène": "я",
         "Alexis": "я", "Дуняшу": "меня", "Пселдонимов": "я", "Петя": "я", "Василий Иваныч": "я"}
_TI = {"я": "ты", "меня": "тебя", "мне": "тебе", "мной": "тобой"}
TI_NAMES = {k: _TI.get(v, v) for k, v in NAMES.items()}

# (rule that must fire, dialogs.txt line, me line, ti line)
ROWS = [
    # `это ты, X` / `вот ты, X` call the one spoken to: the call goes
    ("remove_address", "<char>Это ты, Василий Иваныч? (спросила она)", "<char>Это ты? (спросила она)",
     "<char>Это ты? (спросила она)"),
    ("remove_address", "<char>Вот ты, Соня, говорила разные глупости про него (начала Наташа кротким голосом)",
     "<char>Вот ты говорила разные глупости про него (начала я кротким голосом)",
     "<char>Вот ты говорила разные глупости про него (начала ты кротким голосом)"),
    # ... trap: `это я, X` names oneself and stays
    ("keep_naming_construction", "<char>Это я, Вакула, кузнец!", "<char>Это я, Вакула, кузнец!",
     "<char>Это я, Вакула, кузнец!"),
    # `Ты — не X`, `Я не X, а — Y`: what one is, the names stay
    ("keep_naming_construction", "<char>Ты — не Каширин, ты — Пешков, другая кровь, другое племя…",
     "<char>Ты — не Каширин, ты — Пешков, другая кровь, другое племя…",
     "<char>Ты — не Каширин, ты — Пешков, другая кровь, другое племя…"),
    ("keep_naming_construction", "<char>Я не Каширин, а — ПешкОв…", "<char>Я не Каширин, а — ПешкОв…",
     "<char>Я не Каширин, а — ПешкОв…"),
    # ... trap: `не` before a name in another case is no naming
    ("pronoun_in_case", "<char>Я не Маше говорил.", "<char>Я не мне говорил.", "<char>Я не тебе говорил."),
    # `Ну-ко,` keeps its comma when the call after it goes; trap: after `Ты,` both commas go
    ("remove_address", "<char>Ну-ко, Пешков, садись за скатерть, действуй!", "<char>Ну-ко, садись за скатерть, действуй!",
     "<char>Ну-ко, садись за скатерть, действуй!"),
    ("remove_address", "<char>Ты, Пешков, садись за скатерть!", "<char>Ты садись за скатерть!",
     "<char>Ты садись за скатерть!"),
    # a call opening speech quoted after a verb of speech and a colon goes; the next word takes a capital
    ("remove_address", "<char>Бывало, увидит муху и кричит: Кузька, пистолет! Кузька и несет ему пистолет.",
     "<char>Бывало, увидит муху и кричит: Пистолет! Я и несу ему пистолет.",
     "<char>Бывало, увидит муху и кричит: Пистолет! Ты и несёшь ему пистолет."),
    # ... traps: a colon after `не говори` or `заметили` explains; no speech is quoted, no capital
    ("pronoun_in_case", "<char>Нет, брат, ты этого не говори: Базаров умен и знающ.",
     "<char>Нет, брат, ты этого не говори: я умен и знающ.", "<char>Нет, брат, ты этого не говори: ты умен и знающ."),
    ("pronoun_in_case", "<char>Все прежде вас заметили: Настасья Евграфовна вас любит!",
     "<char>Все прежде вас заметили: я вас люблю!", "<char>Все прежде вас заметили: ты вас любишь!"),
    # a participle opening a prepositional phrase takes the name after it: no owner of the phrase's noun
    ("pronoun_in_case", "<char>Разве не всё равно? (Доктор увидал подымающегося на лестницу Ростова)",
     "<char>Разве не всё равно? (Доктор увидал подымающегося на лестницу меня)",
     "<char>Разве не всё равно? (Доктор увидал подымающегося на лестницу тебя)"),
    # ... traps: a nominative participle, or no participle: the name owns the noun
    ("possessive_genitive", "<char>Смотри! (сказал Долохов, знавший про женитьбу Анатоля)",
     "<char>Смотри! (сказал Долохов, знавший про мою женитьбу)", "<char>Смотри! (сказал Долохов, знавший про твою женитьбу)"),
    ("possessive_genitive", "<char>Я прочту это публике, собравшейся в салоне Ростова.",
     "<char>Я прочту это публике, собравшейся в моём салоне.", "<char>Я прочту это публике, собравшейся в твоём салоне."),
    ("possessive_genitive", "<char>Я поднялся по лестнице Ростова.", "<char>Я поднялся по моей лестнице.",
     "<char>Я поднялся по твоей лестнице."),
    # the plural of respect in the past tense becomes the singular of the name's gender
    ("verb_agreement", "<char>Пожалуйте, — царство небесное! — Макар Алексеевич остались, да они в слабости",
     "<char>Пожалуйте, — царство небесное! — Я остался, да они в слабости",
     "<char>Пожалуйте, — царство небесное! — Ты остался, да они в слабости"),
    # ... traps: two people (`с Машей`); the present of respect still agrees
    ("pronoun_in_case", "<char>Макар Алексеевич с Машей уехали.", "<char>Я со мной уехали.", "<char>Ты с тобой уехали."),
    ("verb_agreement", "<char>Федосья Николавна не совсем здоровы, прийти не могут; приказали вас спросить, вам самим "
     "угодно разлить чай или прислать Дуняшу?", "<char>Я не совсем здоровы, прийти не могу; приказали вас спросить, "
     "вам самим угодно разлить чай или прислать меня?", "<char>Ты не совсем здоровы, прийти не можешь; приказали вас "
     "спросить, вам самим угодно разлить чай или прислать тебя?"),
    # a Latin name inside a French sentence stays, as the French around it does
    ("keep_in_foreign_sentence", "<char>Qui m'aurait dit que je serai capitaine de dragons au service de Bonaparte, comme "
     "nous l'appellions jadis.", "<char>Qui m'aurait dit que je serai capitaine de dragons au service de Bonaparte, comme "
     "nous l'appellions jadis.", "<char>Qui m'aurait dit que je serai capitaine de dragons au service de Bonaparte, "
     "comme nous l'appellions jadis."),
    # ... traps: a French call goes; a Latin name in a Russian sentence is replaced
    ("remove_address", "<char>Au revoir, Beauché; je te réserve le plus beau palais.",
     "<char>Au revoir; je te réserve le plus beau palais.", "<char>Au revoir; je te réserve le plus beau palais."),
    ("pronoun_in_case", "<char>И потом l'abbé Morio; вы знаете этот тонкий ум?", "<char>И потом я; вы знаете этот тонкий ум?",
     "<char>И потом ты; вы знаете этот тонкий ум?"),
    # a French endearment with a capital before a call stays as the call goes
    ("remove_address", "<char>Ma bonne Hélène, il faut que vous soyez charitable.",
     "<char>Ma bonne, il faut que vous soyez charitable.", "<char>Ma bonne, il faut que vous soyez charitable."),
    ("remove_address", "<char>O mon cher monsieur Alexis, soyez si bon (шагнула ко мне)",
     "<char>O mon cher monsieur, soyez si bon (шагнула ко мне)", "<char>O mon cher monsieur, soyez si bon (шагнула ко мне)"),
    # a name after a linking verb whose subject is a pronoun is what he is called
    ("keep_naming_construction", "<char>Так что он и остался теперь Пселдонимов (отозвался он)",
     "<char>Так что он и остался теперь Пселдонимов (отозвался он)",
     "<char>Так что он и остался теперь Пселдонимов (отозвался он)"),
    # ... trap: after the verb with no pronoun before it the name is the subject
    ("pronoun_in_case", "<char>Тогда остался Петя один.", "<char>Тогда остался я один.", "<char>Тогда остался ты один."),
]


@pytest.mark.parametrize("rule,line,me,ti", ROWS, ids=[row[1][6:40] for row in ROWS])
def test_round10_rows(rule, line, me, ti):
    fired_me = []
    assert time_line(line, NAMES, "me", fired_me) == me
    assert time_line(line, TI_NAMES, "ti") == ti
    assert rule in {name for name, _ in fired_me}, fired_me
