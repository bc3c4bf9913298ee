"""TiMe rules (FORMAT.md §6) as tables of real Russian: dialogs.txt line -> me line, ti line.

natasha and pymorphy3 are the real ones, loaded once per process (dataset_tools.nlp caches them).
Each row names the rule it is about; the test also checks that this rule fired, so a row cannot
pass by accident (for example because no name was found at all).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from dataset_tools import nlp  # noqa: F401  (sets OPENBLAS_NUM_THREADS before numpy loads)
from dataset_tools.formats import Segment, render_dialog
from dataset_tools.grammar import agree_verb, possessive_pronoun, preposition_before
from dataset_tools.pronouns import rewrite_line, rewrite_segments

ME_FORMS = {"nomn": "я", "gent": "меня", "accs": "меня", "datv": "мне", "loct": "мне", "ablt": "мной"}
TI_OF = {"я": "ты", "меня": "тебя", "мне": "тебе", "мной": "тобой", "мой": "твой", "моя": "твоя",
         "моё": "твоё", "мои": "твои", "моей": "твоей", "моего": "твоего", "мою": "твою", "моим": "твоим"}


def _forms(nom, gen, dat, acc, ins, loc=None):
    out = {nom: "я", gen: "меня", dat: "мне", acc: "меня", ins: "мной"}
    if loc:
        out[loc] = "мне"
    return out


ME = {
    **_forms("Вася", "Васи", "Васе", "Васю", "Васей"),
    **_forms("Маша", "Маши", "Маше", "Машу", "Машей"),
    **_forms("Петя", "Пети", "Пете", "Петю", "Петей"),
    **_forms("Соня", "Сони", "Соне", "Соню", "Соней"),
    **_forms("Андрей", "Андрея", "Андрею", "Андрея", "Андреем", "Андрее"),
    **_forms("Анна Петровна", "Анны Петровны", "Анне Петровне", "Анну Петровну", "Анной Петровной"),
    **_forms("Лаевский", "Лаевского", "Лаевскому", "Лаевского", "Лаевским", "Лаевском"),
    **_forms("Наташа", "Наташи", "Наташе", "Наташу", "Наташей"),
    **_forms("Александр Давидыч", "Александра Давидыча", "Александру Давидычу", "Александра Давидыча",
             "Александром Давидычем"),
    "Миша": "я", "Мише": "мне", "Мишу": "меня", "Гоголя": "меня", "Ростова": "меня",
    "Элен": "я", "Самойленко": "я", "Blanche": "я", "Кити": "я",  # indeclinable: case from context
    "Петина": "моя", "Машиной": "моей", "Петин": "мой",  # possessive adjectives
    "Иван Петрович": "я", "Ивана Петровича": "меня",
    # round 3: the dictionary declines Микита and Спирид (not indeclinable); Николаша and Шамохин as the
    # names stage wrote them (the context decides); round 5: `Хорюшкина` beside `Хорюшкин` is his genitive
    # (name_evidence.masculine_surname_genitives), as the names stage now writes it
    "Микита": "я", "Микиты": "меня", "Микиту": "меня", "Спирид": "я", "Спирида": "меня", "Сисой": "я",
    "Сисоя": "меня", "Катечка": "я", "Вонифатий": "я", "Танюша": "я", "Ариадна": "я", "Ариадна Григорьевна": "я",
    "Данила": "я", "Данилу": "меня", "Данила Купор": "я", "Данилы Купора": "меня", "Купора": "меня",
    "Иларион": "я", "Илариона": "меня", "Николаша": "меня", "Иван Ильич Шамохин": "я", "Дутлова": "меня", "Хорюшкина": "меня", "Хорюшкин": "я",
    "Анкет": "я", "Чуб": "я", "Шапуваленко": "меня", "Сидонского": "меня", "Евгений Федорыч": "я", "Вакула": "я", "Вия": "меня",
}
TI = {form: TI_OF.get(value, value) for form, value in ME.items()}


def dialog_segments(line: str) -> list[Segment]:
    """`<char>Привет (сказал Вася) что?` -> segments (the test lines have no author's brackets)."""
    assert line.startswith("<char>")
    segments = []
    for i, part in enumerate(re.split(r"\s*[()]\s*", line[len("<char>"):])):
        if part.strip():
            segments.append(Segment(part.strip(), remark=bool(i % 2)))
    return segments


def time_line(line: str, names: dict, person: str, fired: list | None = None) -> str:
    return render_dialog(rewrite_segments(dialog_segments(line), names, person, fired))


# (rule that must fire, dialogs.txt line, me line, ti line)
RULES = [
    # case of the name in context
    ("pronoun_in_case", "<char>Я дал книгу Васе.", "<char>Я дал книгу мне.", "<char>Я дал книгу тебе."),
    ("pronoun_in_case", "<char>Я давно знаю Андрея.", "<char>Я давно знаю меня.", "<char>Я давно знаю тебя."),
    ("pronoun_in_case", "<char>Мы любуемся Наташей.", "<char>Мы любуемся мной.", "<char>Мы любуемся тобой."),
    ("pronoun_in_case", "<char>Спросите у Маши.", "<char>Спросите у меня.", "<char>Спросите у тебя."),
    ("pronoun_in_case", "<char>Всё думаю о Лаевском.", "<char>Всё думаю обо мне.", "<char>Всё думаю о тебе."),
    ("pronoun_in_case", "<char>У Гоголя есть такая повесть.", "<char>У меня есть такая повесть.",
     "<char>У тебя есть такая повесть."),
    ("pronoun_in_case", "<char>Идём (сказал Андрей)", "<char>Идём (сказал я)", "<char>Идём (сказал ты)"),
    # a title or kinship honorific is glued into the span
    ("pronoun_in_case", "<char>Вчера приехал князь Андрей.", "<char>Вчера приехал я.", "<char>Вчера приехал ты."),
    ("pronoun_in_case", "<char>Я видел г. Лаевского на бульваре.", "<char>Я видел меня на бульваре.",
     "<char>Я видел тебя на бульваре."),
    ("pronoun_in_case", "<char>Позовите дядю Мишу!", "<char>Позовите меня!", "<char>Позовите тебя!"),
    # indeclinable and foreign names take the case from the context
    ("pronoun_in_case", "<char>Поезжай к Элен.", "<char>Поезжай ко мне.", "<char>Поезжай к тебе."),
    ("pronoun_in_case", "<char>Я давно не видел Элен.", "<char>Я давно не видел меня.",
     "<char>Я давно не видел тебя."),
    ("pronoun_in_case", "<char>Я говорил с Самойленко.", "<char>Я говорил со мной.", "<char>Я говорил с тобой."),
    ("pronoun_in_case", "<char>Пойдём (сказала Blanche)", "<char>Пойдём (сказала я)", "<char>Пойдём (сказала ты)"),
    ("pronoun_in_case", "<char>Ну что ж (проворчал Самойленко, отворачиваясь)",
     "<char>Ну что ж (проворчал я, отворачиваясь)", "<char>Ну что ж (проворчал ты, отворачиваясь)"),
    ("pronoun_in_case", "<char>Расскажите мне о Кити.", "<char>Расскажите мне обо мне.",
     "<char>Расскажите мне о тебе."),
    # 1st-person prepositions
    ("first_person_preposition", "<char>Мы с Петей пойдём.", "<char>Мы со мной пойдём.", "<char>Мы с тобой пойдём."),
    ("first_person_preposition", "<char>Что ты знаешь о Васе?", "<char>Что ты знаешь обо мне?",
     "<char>Что ты знаешь о тебе?"),
    ("first_person_preposition", "<char>К Соне кто-то приехал.", "<char>Ко мне кто-то приехал.",
     "<char>К тебе кто-то приехал."),
    ("first_person_preposition", "<char>Он стоял перед Андреем.", "<char>Он стоял передо мной.",
     "<char>Он стоял перед тобой."),
    ("first_person_preposition", "<char>Все смеются над Петей.", "<char>Все смеются надо мной.",
     "<char>Все смеются над тобой."),
    ("first_person_preposition", "<char>Что-то есть в Андрее странное.", "<char>Что-то есть во мне странное.",
     "<char>Что-то есть в тебе странное."),
    ("first_person_preposition", "<char>Мы говорили об Элен.", "<char>Мы говорили обо мне.",
     "<char>Мы говорили о тебе."),
    # capital letter where the name began a sentence or a capitalised remark
    ("capital_letter", "<char>Ничего. (Соня зарыдала) Оставьте меня!", "<char>Ничего. (Я зарыдала) Оставьте меня!",
     "<char>Ничего. (Ты зарыдала) Оставьте меня!"),
    ("capital_letter", "<char>Лаевский опять пьян.", "<char>Я опять пьян.", "<char>Ты опять пьян."),
    ("capital_letter", "<char>Поздно. Маша уже спала.", "<char>Поздно. Я уже спала.", "<char>Поздно. Ты уже спала."),
    ("pronoun_in_case", "<char>Иду! (крикнул Вася)", "<char>Иду! (крикнул я)", "<char>Иду! (крикнул ты)"),
    ("pronoun_in_case", "<char>Привет (сказал Вася и улыбнулся) что у нас сегодня на ужин?",
     "<char>Привет (сказал я и улыбнулся) что у нас сегодня на ужин?",
     "<char>Привет (сказал ты и улыбнулся) что у нас сегодня на ужин?"),
    # present/future verbs agree with the new subject; past tense stays
    ("verb_agreement", "<char>Вася идёт домой.", "<char>Я иду домой.", "<char>Ты идёшь домой."),
    ("verb_agreement", "<char>Поверь, Маша всё знает.", "<char>Поверь, я всё знаю.", "<char>Поверь, ты всё знаешь."),
    ("verb_agreement", "<char>Завтра Андрей приедет.", "<char>Завтра я приеду.", "<char>Завтра ты приедешь."),
    ("verb_agreement", "<char>Петя будет учиться в Москве.", "<char>Я буду учиться в Москве.",
     "<char>Ты будешь учиться в Москве."),
    ("verb_agreement", "<char>Что делает Маша?", "<char>Что делаю я?", "<char>Что делаешь ты?"),
    ("verb_agreement", "<char>Маша-то знает.", "<char>Я-то знаю.", "<char>Ты-то знаешь."),
    ("pronoun_in_case", "<char>Вася ушёл домой.", "<char>Я ушёл домой.", "<char>Ты ушёл домой."),
    # all present/future verbs sharing the replaced subject agree
    ("verb_agreement", "<char>Да (говорит Маша и смотрит в окно)", "<char>Да (говорю я и смотрю в окно)",
     "<char>Да (говоришь ты и смотришь в окно)"),
    ("verb_agreement", "<char>Вася встаёт, одевается и уходит.", "<char>Я встаю, одеваюсь и ухожу.",
     "<char>Ты встаёшь, одеваешься и уходишь."),
    ("verb_agreement", "<char>Андрей пришёл и сидит у окна.", "<char>Я пришёл и сижу у окна.",
     "<char>Ты пришёл и сидишь у окна."),
    ("verb_agreement", "<char>Вася говорит, что Маша спит.", "<char>Я говорю, что я сплю.",
     "<char>Ты говоришь, что ты спишь."),
    # a name in the genitive owning a noun becomes мой/твой before the noun phrase
    ("possessive_genitive", "<char>Это книга Маши.", "<char>Это моя книга.", "<char>Это твоя книга."),
    ("possessive_genitive", "<char>Книга Маши лежит на столе.", "<char>Моя книга лежит на столе.",
     "<char>Твоя книга лежит на столе."),
    ("possessive_genitive", "<char>Мы жили в старом доме Лаевского.", "<char>Мы жили в моём старом доме.",
     "<char>Мы жили в твоём старом доме."),
    ("possessive_genitive", "<char>Я боюсь отца Наташи.", "<char>Я боюсь моего отца.", "<char>Я боюсь твоего отца."),
    ("possessive_genitive", "<char>Дом Ивана Петровича сгорел.", "<char>Мой дом сгорел.", "<char>Твой дом сгорел."),
    # possessive adjectives from names
    ("possessive_adjective", "<char>Петина мать пришла.", "<char>Моя мать пришла.", "<char>Твоя мать пришла."),
    ("possessive_adjective", "<char>Темно в Машиной комнате.", "<char>Темно в моей комнате.",
     "<char>Темно в твоей комнате."),
    ("possessive_adjective", "<char>Вот Петин дом.", "<char>Вот мой дом.", "<char>Вот твой дом."),
    # naming constructions keep the name
    ("keep_naming_construction", "<char>Меня зовут Вася.", "<char>Меня зовут Вася.", "<char>Меня зовут Вася."),
    ("keep_naming_construction", "<char>Звали его Андрей.", "<char>Звали его Андрей.", "<char>Звали его Андрей."),
    ("keep_naming_construction", "<char>Был у нас мальчик по имени Петя.", "<char>Был у нас мальчик по имени Петя.",
     "<char>Был у нас мальчик по имени Петя."),
    ("keep_naming_construction", "<char>Моя фамилия Лаевский.", "<char>Моя фамилия Лаевский.",
     "<char>Моя фамилия Лаевский."),
    ("keep_naming_construction", "<char>Я Наташа.", "<char>Я Наташа.", "<char>Я Наташа."),
    # address: removed with the commas that only set it off
    ("remove_address", "<char>Вася, иди сюда!", "<char>Иди сюда!", "<char>Иди сюда!"),
    ("remove_address", "<char>Знаете, Вася, вы бы лучше ушли.", "<char>Знаете, вы бы лучше ушли.",
     "<char>Знаете, вы бы лучше ушли."),
    ("remove_address", "<char>Я, Маша, не знаю.", "<char>Я не знаю.", "<char>Я не знаю."),
    ("remove_address", "<char>Ответь мне, Александр Давидыч, на один вопрос.", "<char>Ответь мне на один вопрос.",
     "<char>Ответь мне на один вопрос."),
    ("remove_address", "<char>Я не знаю, Петя, чего ты хочешь.", "<char>Я не знаю, чего ты хочешь.",
     "<char>Я не знаю, чего ты хочешь."),
    ("remove_address", "<char>Иди сюда, Маша!", "<char>Иди сюда!", "<char>Иди сюда!"),
    ("remove_address", "<char>Маша! Иди сюда!", "<char>Иди сюда!", "<char>Иди сюда!"),
    ("remove_address", "<char>Ну, Вася, что скажешь?", "<char>Ну, что скажешь?", "<char>Ну, что скажешь?"),
    ("remove_address", "<char>Андрей (крикнул он) куда ты?", "<char>(крикнул он) Куда ты?",
     "<char>(крикнул он) Куда ты?"),
    ("remove_address", "<char>Маша, Вася, идите обедать!", "<char>Идите обедать!", "<char>Идите обедать!"),
    # endearments and honorifics next to an address stay
    ("remove_address", "<char>Милая Анна Петровна, садитесь.", "<char>Милая, садитесь.", "<char>Милая, садитесь."),
    ("remove_address", "<char>Здравствуйте, князь Андрей!", "<char>Здравствуйте, князь!",
     "<char>Здравствуйте, князь!"),
    ("remove_address", "<char>Анна Петровна, голубушка, не плачьте.", "<char>Голубушка, не плачьте.",
     "<char>Голубушка, не плачьте."),
    # not an address: a subject set off by commas, a list, an answer
    ("pronoun_in_case", "<char>Вася, кажется, ушёл.", "<char>Я, кажется, ушёл.", "<char>Ты, кажется, ушёл."),
    ("pronoun_in_case", "<char>Вася, Петя и Маша пришли.", "<char>Я, я и я пришли.", "<char>Ты, ты и ты пришли."),
    ("pronoun_in_case", "<char>Кто пришёл? Андрей.", "<char>Кто пришёл? Я.", "<char>Кто пришёл? Ты."),
    # an address that is the whole speech stays (removing it would leave the replica empty)
    ("keep_lone_address", "<char>Маша! (крикнул Андрей)", "<char>Маша! (крикнул я)", "<char>Маша! (крикнул ты)"),
    # several different people in one line all become the same pronoun
    ("pronoun_in_case", "<char>Маша любит Петю.", "<char>Я люблю меня.", "<char>Ты любишь тебя."),
    # forms side by side are one person; a possessive glued to the name goes with it
    ("pronoun_in_case", "<char>Это Петя Лаевский устроил.", "<char>Это я устроил.", "<char>Это ты устроил."),
    ("pronoun_in_case", "<char>Пусть едет! (сказал тихо Андрей Пете)", "<char>Пусть едет! (сказал тихо я мне)",
     "<char>Пусть едет! (сказал тихо ты тебе)"),
    ("possessive_before_name", "<char>Господи! (простонал мой Андрей)", "<char>Господи! (простонал я)",
     "<char>Господи! (простонал ты)"),
    # an animate noun in the name's case is the same person, not its owner
    ("pronoun_in_case", "<char>Ты не знаешь скрягу Лаевского?", "<char>Ты не знаешь скрягу меня?",
     "<char>Ты не знаешь скрягу тебя?"),
    # the subject before a remark, its verb after it
    ("verb_agreement", "<char>Иван Петрович (сказал он) одобряет нашу мировую.",
     "<char>Я (сказал он) одобряю нашу мировую.", "<char>Ты (сказал он) одобряешь нашу мировую."),
    ("pronoun_in_case", "<char>Какие друзья? Самойленко, что ли?", "<char>Какие друзья? Я, что ли?",
     "<char>Какие друзья? Ты, что ли?"),
    # which comma an address leaves behind
    ("remove_address", "<char>Сдайся, Андрей, противиться напрасно.", "<char>Сдайся, противиться напрасно.",
     "<char>Сдайся, противиться напрасно."),
    ("remove_address", "<char>Смотри ж, Андрей: хорошенько его!", "<char>Смотри ж: хорошенько его!",
     "<char>Смотри ж: хорошенько его!"),
    ("remove_address", "<char>Ты что, Андрей, не рад?", "<char>Ты что, не рад?", "<char>Ты что, не рад?"),
    ("remove_address", "<char>Соня! что ты?..", "<char>Что ты?..", "<char>Что ты?.."),
    # issue 9: a new clause or a repeated word after the address keeps one comma
    ("remove_address", "<char>Да нельзя ли двойниковых, Андрей, ведь обидно.", "<char>Да нельзя ли двойниковых, ведь обидно.",
     "<char>Да нельзя ли двойниковых, ведь обидно."),
    ("remove_address", "<char>Хорошо, Андрей, хорошо!", "<char>Хорошо, хорошо!", "<char>Хорошо, хорошо!"),
    # issue 9, natasha's syntax: conjoined predicates, the future copula, an apposition's case
    ("verb_agreement", "<char>Маша стирает, надрывается.", "<char>Я стираю, надрываюсь.",
     "<char>Ты стираешь, надрываешься."),
    ("verb_agreement", "<char>Петя солдатом будет.", "<char>Я солдатом буду.", "<char>Ты солдатом будешь."),
    ("pronoun_in_case", "<char>Куда? (говорил козак Чуб, выходя из избы)", "<char>Куда? (говорил козак я, выходя из избы)",
     "<char>Куда? (говорил козак ты, выходя из избы)"),
    ("pronoun_in_case", "<char>Кто его? — протоиерея Сидонского...", "<char>Кто его? — меня...",
     "<char>Кто его? — тебя..."),
    # an indeclinable name the book mostly has in the genitive, here an apposition (the parse)
    ("verb_agreement", "<char>А вот, как нарочно, идет ткач Шапуваленко.", "<char>А вот, как нарочно, иду ткач я.",
     "<char>А вот, как нарочно, идёшь ткач ты."),
    # the plural of respect agrees; two people do not
    ("verb_agreement", "<char>Вот Евгений Федорыч говорят, что тесно.", "<char>Вот я говорю, что тесно.",
     "<char>Вот ты говоришь, что тесно."),
    ("pronoun_in_case", "<char>Вася и Маша идут домой.", "<char>Я и я идут домой.", "<char>Ты и ты идут домой."),
    # a preposition before a moved possessive takes its plain form
    ("possessive_genitive", "<char>Это даже странно со стороны Маши.", "<char>Это даже странно с моей стороны.",
     "<char>Это даже странно с твоей стороны."),
    # a form pymorphy3 does not know, right after an imperative: its object
    ("pronoun_in_case", "<char>Приведите Вия! ступайте за ним!", "<char>Приведите меня! ступайте за ним!",
     "<char>Приведите тебя! ступайте за ним!"),
    # naming oneself after `это я,`
    ("keep_naming_construction", "<char>Это я, Вакула, кузнец!", "<char>Это я, Вакула, кузнец!",
     "<char>Это я, Вакула, кузнец!"),
    # round 3: a form the dictionary itself declines is no indeclinable word
    ("pronoun_in_case", "<char>А кто не припомнит псаря Микиту, или того...", "<char>А кто не припомнит псаря меня, или того...",
     "<char>А кто не припомнит псаря тебя, или того..."),
    ("pronoun_in_case", "<char>Все четверо, в том числе Спирид и Андрей, отправились в церковь.",
     "<char>Все четверо, в том числе я и я, отправились в церковь.",
     "<char>Все четверо, в том числе ты и ты, отправились в церковь."),
    # a call with its title is one: it stays when it is all the speech, else goes whole
    ("keep_lone_address", "<char>Отец Сисой! (позвал преосвященный)", "<char>Отец Сисой! (позвал преосвященный)",
     "<char>Отец Сисой! (позвал преосвященный)"),
    ("remove_address", "<char>Отец Сисой! Поди сюда.", "<char>Поди сюда.", "<char>Поди сюда."),
    # no comma before a dash; a capital after a removed call that followed a full stop; after an opening dash
    ("remove_address", "<char>Пойдем, Катечка, — пусть владыка поспит.", "<char>Пойдем — пусть владыка поспит.",
     "<char>Пойдем — пусть владыка поспит."),
    ("remove_address", "<char>Садитесь, пожалуйста. Вонифатий! где мои ключи?", "<char>Садитесь, пожалуйста. Где мои ключи?",
     "<char>Садитесь, пожалуйста. Где мои ключи?"),
    ("remove_address", "<char>Ну, промолвил он, — Танюша, хочешь замуж идти?", "<char>Ну, промолвил он, — хочешь замуж идти?",
     "<char>Ну, промолвил он, — хочешь замуж идти?"),
    # a question word after the comma asks the one called; a comparison does not make an address
    ("remove_address", "<char>А кто из нас моложе? Ариадна Григорьевна, кто?", "<char>А кто из нас моложе? Кто?",
     "<char>А кто из нас моложе? Кто?"),
    ("verb_agreement", "<char>Ариадна, точно ребенок, не хочет войти в положение и сорит деньгами.",
     "<char>Я, точно ребенок, не хочу войти в положение и сорю деньгами.",
     "<char>Ты, точно ребенок, не хочешь войти в положение и соришь деньгами."),
    # a name opening a clause with no other subject is its subject, an object noun between
    ("verb_agreement", "<char>Николаша мертвецов режет (сказала Катя)", "<char>Я мертвецов режу (сказала Катя)",
     "<char>Ты мертвецов режешь (сказала Катя)"),
    # naming across a remark
    ("keep_naming_construction", "<char>Позвольте представиться (сказал он) Иван Ильич Шамохин, помещик.",
     "<char>Позвольте представиться (сказал он) Иван Ильич Шамохин, помещик.",
     "<char>Позвольте представиться (сказал он) Иван Ильич Шамохин, помещик."),
    # a name and a surname the dictionary gives different cases of the same pronoun: one person
    ("pronoun_in_case", "<char>А ты Данилу Купора знаешь?", "<char>А ты меня знаешь?", "<char>А ты тебя знаешь?"),
    # `дед` is a kin title like `дядя`: `деда Илариона` is one person, the owner of `дух`
    ("possessive_genitive", "<char>Дух деда Илариона, кажется, напророчил правду!",
     "<char>Мой дух, кажется, напророчил правду!", "<char>Твой дух, кажется, напророчил правду!"),
    # names joined by ни … ни share the case
    ("pronoun_in_case", "<char>Я не хочу отдавать ни Дутлова, ни Самойленко.", "<char>Я не хочу отдавать ни меня, ни меня.",
     "<char>Я не хочу отдавать ни тебя, ни тебя."),
    # round 5 (tests/data/time_gold_fresh3.tsv): a call repeated after «а» goes with the first
    ("remove_repeated_call", "<char>Слышь, Вася, а Вася! (говорит голос моего ямщика) возьми седока!",
     "<char>Слышь! (говорит голос моего ямщика) возьми седока!",
     "<char>Слышь! (говорит голос моего ямщика) возьми седока!"),
    ("remove_repeated_call", "<char>Маша, а Маша? Ты спишь?", "<char>Ты спишь?", "<char>Ты спишь?"),
    # «Что ж,» opens the sentence like an interjection: its comma stays
    ("remove_address", "<char>Что ж, Вася, поставь косушку-то: согрелся бы важно.",
     "<char>Что ж, поставь косушку-то: согрелся бы важно.", "<char>Что ж, поставь косушку-то: согрелся бы важно."),
    # the speech before the remark ended on a word: the sentence goes on in lower case
    ("remove_address", "<char>Ради Бога (говорит) Петя, дай мне шесть целковых.",
     "<char>Ради Бога (говорит) дай мне шесть целковых.", "<char>Ради Бога (говорит) дай мне шесть целковых."),
    # after «ты,» the name is the one spoken to, not the subject of the verb
    ("remove_address", "<char>Ты, Вася, пострадал и дела этого так не оставляй.",
     "<char>Ты пострадал и дела этого так не оставляй.", "<char>Ты пострадал и дела этого так не оставляй."),
    # a noun between the title and the name stays with the title
    ("remove_address", "<char>Ты, пан философ Андрей, не знал Микиты.", "<char>Ты, пан философ, не знал меня.",
     "<char>Ты, пан философ, не знал тебя."),
    # round 6: a lower-case animate noun right before the name in an address is how the speaker calls them (stays)
    ("remove_address", "<char>Вот что, миляга Вася, ты из нас самый молодой.",
     "<char>Вот что, миляга, ты из нас самый молодой.", "<char>Вот что, миляга, ты из нас самый молодой."),
    # ... and a foreign endearment with the book's footnote number stays as a Russian one does
    ("remove_address", "<char>Прощайте, ma chère 1 Маша! Очень рад.", "<char>Прощайте, ma chère 1! Очень рад.",
     "<char>Прощайте, ma chère 1! Очень рад."),
    # a repeated clause after the address keeps its comma (`Не мни его, Любим, не мни`)
    ("remove_address", "<char>Не мни его, Вася, не мни, а то замучишь!", "<char>Не мни его, не мни, а то замучишь!",
     "<char>Не мни его, не мни, а то замучишь!"),
    # ... not a noun in a sentence that speaks to nobody, not French words that are no endearment
    ("pronoun_in_case", "<char>А какой, если б ты знал, волокита Лаевский! Мы с ним были на балах.",
     "<char>А какой, если б ты знал, волокита я! Мы с ним были на балах.",
     "<char>А какой, если б ты знал, волокита ты! Мы с ним были на балах."),
    ("pronoun_in_case", "<char>Voyons, ma bonne, laissez faire Маша.", "<char>Voyons, ma bonne, laissez faire я.",
     "<char>Voyons, ma bonne, laissez faire ты."),
    ("pronoun_in_case", "<char>Vous savez, mon oncle me promettait de ne pas oublier Вася.",
     "<char>Vous savez, mon oncle me promettait de ne pas oublier я.",
     "<char>Vous savez, mon oncle me promettait de ne pas oublier ты."),
    # a verb before its subject past an instrumental of manner, a prepositional phrase; a verb natasha reads
    # as an adverb (`басит`) that pymorphy3 knows only as a verb
    ("verb_agreement", "<char>Не бей его (говорит басом Вася) У него есть дети.",
     "<char>Не бей его (говорю басом я) У него есть дети.", "<char>Не бей его (говоришь басом ты) У него есть дети."),
    ("verb_agreement", "<char>Он смошенничал, — басит ни с того ни с сего Вася.",
     "<char>Он смошенничал, — башу ни с того ни с сего я.", "<char>Он смошенничал, — басишь ни с того ни с сего ты."),
    # ... not a word before a title (natasha reads the verb `перепела` as quails): the speaker, not an address
    ("pronoun_in_case", "<char>Воспоминания... — перепела m-lle Анкет.", "<char>Воспоминания... — перепела я.",
     "<char>Воспоминания... — перепела ты."),
    # round 6: the name alone right after a naming question is its answer
    ("keep_naming_construction", "<char>А знаешь, как ее зовут? Маша! Тьфу!", "<char>А знаешь, как ее зовут? Маша! Тьфу!",
     "<char>А знаешь, как ее зовут? Маша! Тьфу!"),
    ("pronoun_in_case", "<char>Как твоя фамилия? Лаевский ушёл?", "<char>Как твоя фамилия? Я ушёл?",
     "<char>Как твоя фамилия? Ты ушёл?"),
    # a naming verb after a name in the instrumental
    ("keep_naming_construction", "<char>Он меня Петей не назвал, а Петром Иванычем.",
     "<char>Он меня Петей не назвал, а Петром Иванычем.", "<char>Он меня Петей не назвал, а Петром Иванычем."),
]


@pytest.mark.parametrize("rule, line, me, ti", RULES, ids=[f"{r[0]}-{i}" for i, r in enumerate(RULES)])
def test_rule_table(rule, line, me, ti):
    fired_me, fired_ti = [], []
    assert time_line(line, ME, "me", fired_me) == me
    assert time_line(line, TI, "ti", fired_ti) == ti
    assert rule in {name for name, _ in fired_me}, fired_me
    if rule != "first_person_preposition":  # с тобой, о тебе: the ti copy keeps the preposition
        assert rule in {name for name, _ in fired_ti}, fired_ti


# Dictionary values (docs/time.md): "" keeps, a missing form is not touched, a standard form is
# used (inflected by context only where the form is ambiguous), anything else is literal.
VALUES = [
    ("empty value keeps the form", {"Васе": ""}, "<char>Я дал книгу Васе.", "<char>Я дал книгу Васе."),
    ("missing form is not replaced", {"Вася": "я"}, "<char>Я дал книгу Васе.", "<char>Я дал книгу Васе."),
    ("edited standard form is respected", {"Васе": "мной"}, "<char>Я дал книгу Васе.", "<char>Я дал книгу мной."),
    ("literal value written as is", {"Васе": "Васеньке"}, "<char>Я дал книгу Васе.",
     "<char>Я дал книгу Васеньке."),
    ("literal value: no verb agreement", {"Вася": "Василий"}, "<char>Вася идёт домой.", "<char>Василий идёт домой."),
    ("context decides an ambiguous form", {"Элен": "я"}, "<char>Я пойду к Элен.", "<char>Я пойду ко мне."),
    ("longest key first", {"Анна": "я", "Анна Петровна": "я"}, "<char>Анна Петровна ушла.", "<char>Я ушла."),
    ("whole words only", {"Ася": "я"}, "<char>Вася и Ася пришли.", "<char>Вася и я пришли."),
    ("a hyphenated name is one word", {"Хаджи-Мурат": "я", "Мурат": "я"}, "<char>Хаджи-Мурат молчал.",
     "<char>Я молчал."),
]


@pytest.mark.parametrize("what, names, line, me", VALUES, ids=[v[0] for v in VALUES])
def test_dictionary_values(what, names, line, me):
    assert time_line(line, names, "me") == me


def test_lines_without_names_are_copied_unchanged():
    line = "@Москва — столица (сказал он) Пойдём."
    assert rewrite_line(line, ME, "me") == line
    assert rewrite_line("", ME, "me") == ""


def test_names_in_the_authors_own_brackets_are_narration_not_address():
    line = "@Мы полагаем, что без принсипов (Андрей говорил мягко, Маша, напротив, твёрдо) жить нельзя."
    assert rewrite_line(line, ME, "me") == \
        "@Мы полагаем, что без принсипов (я говорил мягко, я, напротив, твёрдо) жить нельзя."


def test_raw_line_keeps_its_remarks_and_marker():
    assert rewrite_line("@Вася, иди сюда! |крикнула Маша|", ME, "me") == "@Иди сюда! |крикнула я|"
    assert rewrite_line("@Вася, иди сюда! |крикнула Маша|", TI, "ti") == "@Иди сюда! |крикнула ты|"


def test_debug_switch_says_which_rule_fired():
    fired = []
    time_line("<char>Вася, поезжай к Элен.", ME, "me", fired)
    assert [name for name, _ in fired] == ["remove_address", "pronoun_in_case", "first_person_preposition"]
    assert "Элен → мне (datv)" in fired[1][1]


@pytest.mark.parametrize("preposition, person, case, expected", [
    ("к", "me", "datv", "ко"), ("К", "me", "datv", "Ко"), ("с", "me", "ablt", "со"), ("с", "me", "gent", "с"),
    ("о", "me", "loct", "обо"), ("об", "me", "loct", "обо"), ("в", "me", "loct", "во"), ("в", "me", "accs", "в"),
    ("над", "me", "ablt", "надо"), ("под", "me", "ablt", "подо"), ("перед", "me", "ablt", "передо"),
    ("у", "me", "gent", "у"), ("об", "ti", "loct", "о"), ("ко", "ti", "datv", "к"), ("со", "ti", "ablt", "с"),
])
def test_preposition_before_pronoun(preposition, person, case, expected):
    assert preposition_before(preposition, person, case) == expected


@pytest.mark.parametrize("verb, me, ti", [
    ("идёт", "иду", "идёшь"), ("идет", "иду", "идёшь"), ("смеётся", "смеюсь", "смеёшься"),
    ("будет", "буду", "будешь"), ("может", "могу", "можешь"), ("придёт", "приду", "придёшь"),
    ("Говорит", "Говорю", "Говоришь"), ("ушёл", None, None), ("идут", None, None),
])
def test_verb_agreement_forms(verb, me, ti):
    assert agree_verb(verb, "me") == me
    assert agree_verb(verb, "ti") == ti


@pytest.mark.parametrize("person, case, gender, number, animate, expected", [
    ("me", "nomn", "femn", "sing", False, "моя"), ("ti", "loct", "masc", "sing", False, "твоём"),
    ("me", "accs", "masc", "sing", True, "моего"), ("me", "accs", "masc", "sing", False, "мой"),
    ("ti", "ablt", "femn", "sing", False, "твоей"), ("me", "gent", "neut", "plur", False, "моих"),
])
def test_possessive_forms(person, case, gender, number, animate, expected):
    assert possessive_pronoun(person, case, gender, number, animate) == expected


# ------------------------------------------------------------------------------------------
# The annotated replicas: exact-match rate per rule (docs/time.md quotes this table).

DATA = Path(__file__).resolve().parent / "data"
# Exact-match rate over a whole table: the measured level less about two replicas' worth
# (measured 151/159 = 95.0% tuned, 62/65 = 95.4% held out); docs/time.md has the per-rule numbers.
GOLD_MIN_EXACT = {"time_gold.tsv": 0.93, "time_gold_heldout.tsv": 0.92}


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _fold(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")  # changed forms may use ё or е


def gold_results(name: str = "time_gold.tsv") -> tuple[dict[str, list[int]], list[tuple]]:
    """{rule: [exact, total]} over an annotated table (tests/data/time_gold*.tsv), and the misses."""
    me = {form: m for form, m, _ in _tsv("time_gold_dict.tsv")}
    ti = {form: t for form, _, t in _tsv("time_gold_dict.tsv")}
    per_rule: dict[str, list[int]] = {}
    misses = []
    for line, want_me, want_ti, rules in _tsv(name):
        got_me, got_ti = time_line(line, me, "me"), time_line(line, ti, "ti")
        ok = _fold(got_me) == _fold(want_me) and _fold(got_ti) == _fold(want_ti)
        for rule in rules.split(",") + ["all"]:
            counts = per_rule.setdefault(rule, [0, 0])
            counts[0] += ok
            counts[1] += 1
        if not ok:
            misses.append((line, want_me, got_me, want_ti, got_ti))
    return per_rule, misses


@pytest.mark.parametrize("name, at_least", [("time_gold.tsv", 100), ("time_gold_heldout.tsv", 50)])
def test_gold_exact_match_rate(name, at_least):
    per_rule, misses = gold_results(name)
    exact, total = per_rule["all"]
    assert total >= at_least
    assert exact / total >= GOLD_MIN_EXACT[name], "\n".join(f"{m[1]}\n{m[2]}\n" for m in misses)


if __name__ == "__main__":  # python -m tests.test_pronouns [time_gold_heldout.tsv]: the table for docs/time.md
    results, missed = gold_results(*sys.argv[1:2])
    print("| rule | exact | replicas | rate |\n|---|---:|---:|---:|")
    for name, (hit, count) in sorted(results.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        print(f"| {name} | {hit} | {count} | {hit / count:.0%} |")
    for line, want_me, got_me, want_ti, got_ti in missed:
        print(f"\n  {line}\nwant {want_me}\n got {got_me}" + (f"\nwant {want_ti}\n got {got_ti}"
                                                              if _fold(want_me) == _fold(got_me) else ""))


def test_the_verb_after_the_authors_brackets_agrees():
    """`если Вася (она назвала его) захочет`: the subject inside the brackets is not the verb's."""
    fired = []
    line = "@И если Вася (она назвала его) захочет взглянуть, то мы рады."
    assert rewrite_line(line, ME, "me", fired) == "@И если я (она назвала его) захочу взглянуть, то мы рады."
    assert ("verb_agreement", "захочет → захочу") in fired
    assert rewrite_line(line, TI, "ti") == "@И если ты (она назвала его) захочешь взглянуть, то мы рады."
