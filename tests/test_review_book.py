"""review.tsv checks that read more than the line (dataset_tools/review/book.py, book_checks.py,
clause_checks.py, round 5): the whole book's words and the replica before."""
import pytest

from dataset_tools.review import review_line
from dataset_tools.review.book import book_evidence

NAMES = {"Каширин": "я", "Пешков": "я", "Lise": "я", "Засекина": "я", "Карла": "меня", "Младенцу": "мне", "Blanche": "я", "Леандра": "меня", "Луиза": "я", "Ванценбах": "я", "Нафанаил": "я", "Станислава": "меня", "Наш отец": "я",
         "Меринов": "я", "Змей Горыныч": "я", "Клим": "я", "Уилька Чарльзовна Тфайс": "я", "Любим": "я",
         "Терентий": "я", "Алеша": "я", "Вася": "я", "Лиза": "я", "Малевский": "я", "Хозяин": "я",
         "Анна Федоровна": "я", "Марья Петровна": "я", "Аркадия": "меня", "Вальтера": "меня"}

# (check, source, rewritten me line, the book's other lines, the replica before): flagged by that check
FLAGGED = [
    ("rare_common_noun_as_name", "<char>Не Меринов ли? (спросил он плачущим голосом)",
     "<char>Не я ли? (спросил он плачущим голосом)", [], ""),
    ("rare_common_noun_as_name", "<char>Ты слышишь, Змей Горыныч? Или тебе плевать?",
     "<char>Ты слышишь? Или тебе плевать?", [], ""),
    ("name_given_in_answer", "<char>Меня-то? Клим.", "<char>Меня-то? Я.", [],
     "<char>Эй, милый (спросил землемер) как тебя зовут?"),
    ("name_given_in_answer", "<char>А знаешь, как ее зовут? Уилька Чарльзовна Тфайс! Тьфу!",
     "<char>А знаешь, как ее зовут? Я! Тьфу!", [], ""),
    ("name_also_written_small", "<char>Хозяин, иди сюда!", "<char>Иди сюда!", ["<char>Где мой хозяин?"], ""),
    ("address_removed_clauses_joined", "<char>Не мни его, Любим, не мни, а то замучишь!",
     "<char>Не мни его не мни, а то замучишь!", [], ""),
    ("nominative_after_oblique_noun", "<char>Это одно из архитектурных созданий Леандра!",
     "<char>Это одно из архитектурных созданий я!", [], ""),
    ("pronoun_after_naming_word", "<char>Это вот моя жена, урожденная Ванценбах.", "<char>Это вот моя жена, урожденная я.",
     [], ""),
    ("order_taken_for_person", "<char>Служу второй год и Станислава имею.", "<char>Служу второй год и меня имею.", [], ""),
    ("apposition_removed_as_address", "<char>А это сын мой, Нафанаил, ученик III класса.",
     "<char>А это сын мой, ученик III класса.", [], ""),
    ("new_pronoun_in_lower_case", "<char>Служил в палате. Наш отец был из кантонистов.",
     "<char>Служил в палате. я был из кантонистов.", [], ""),
    ("name_cut_short", "<char>Это было до походов Карла Великого.", "<char>Это было до моих походов Великого.", [], ""),
    ("name_cut_short", "<char>Надо поклониться Младенцу Христу.", "<char>Надо поклониться мне Христу.", [], ""),
    ("pronoun_after_self_pronoun", "<char>Я не Каширин, а — Пешков…", "<char>Я не я, а — я…", [], ""),
    ("pronoun_after_self_pronoun", "<char>Я княгиня Засекина; а вы?", "<char>Я я; а вы?", [], ""),
    ("pronoun_before_remark", "<char>Lise (сказал сухо князь) довольно.", "<char>Я (сказал сухо князь) довольно.", [], ""),
    # round 5 changes of older checks
    ("verb_not_agreed", "<char>Не бей его (говорит басом Алеша)", "<char>Не бей его (говорит басом я)", [], ""),
    ("verb_not_agreed", "<char>Он смошенничал, — басит ни с того ни с сего Алеша.",
     "<char>Он смошенничал, — басит ни с того ни с сего я.", [], ""),
    ("address_without_listener", "<char>Подойди-ка сюда. Вася, как будто ждал того, немедленно подошел.",
     "<char>Подойди-ка сюда. Как будто ждал того, немедленно подошел.", [], ""),
    ("name_kept_beside_replaced", "<char>Может быть, Меринов? Лошадников? Нет?", "<char>Может быть? Лошадников? Нет?",
     [], ""),
]

# (check, source, right me line, the book's other lines, the replica before): that check stays silent
SILENT = [
    # a character: the book names him again and again
    ("rare_common_noun_as_name", "<char>Не Меринов ли? (спросил он)", "<char>Не я ли? (спросил он)",
     ["<char>Меринов пришел.", "<char>Где Меринов?", "<char>Позовите Меринова."], ""),
    ("name_given_in_answer", "<char>Лучше не надо (отвечала Лиза)", "<char>Лучше не надо (отвечала я)", [],
     "<char>Да разве вы их будете звать, мамаша?"),
    ("name_given_in_answer", "<char>Клим уехал.", "<char>Я уехал.", [], "<char>Где он?"),
    ("address_removed_clauses_joined", "<char>Тут, Терентий, намедни утки пролетели.",
     "<char>Тут намедни утки пролетели.", [], ""),
    ("address_without_listener", "<char>Это ром, Анна Федоровна.", "<char>Это ром.", [], ""),
    ("address_without_listener", "<char>Я с ним встретился накануне, Марья Петровна.",
     "<char>Я с ним встретился накануне.", [], ""),
    ("address_without_listener", "<char>Ну что, Вася? Тут, кажется, хорошо.", "<char>Ну что? Тут, кажется, хорошо.",
     [], ""),
    ("address_without_listener", "<char>Ах, Вася! Как мне хотелось кончить!", "<char>Ах! Как мне хотелось кончить!",
     [], ""),
    ("verb_not_agreed", "<char>Он знает, что Вася пришел.", "<char>Он знает, что я пришел.", [], ""),
    ("nominative_after_oblique_noun", "<char>Сказал с досадой Вася.", "<char>Сказал с досадой я.", [], ""),
    ("nominative_after_oblique_noun", "<char>На прошлой неделе умерла от родов Лиза, а врача нет.",
     "<char>На прошлой неделе умерла от родов я, а врача нет.", [], ""),
    ("pronoun_after_naming_word", "<char>Иди по дороге к Лизе.", "<char>Иди по дороге ко мне.", [], ""),
    ("order_taken_for_person", "<char>Станислава я видел вчера.", "<char>Меня я видел вчера.", [], ""),
    ("apposition_removed_as_address", "<char>Знаешь, Вася, я уеду.", "<char>Знаешь, я уеду.", [], ""),
    ("apposition_removed_as_address", "<char>Батюшка, Вася, что с вами?", "<char>Батюшка, что с вами?", [], ""),
    ("apposition_removed_as_address", "<char>Пойми ты, брат, Вася, мне пора.", "<char>Пойми ты, брат, мне пора.", [], ""),
    ("pronoun_after_naming_word", "<char>Как фамилия? (спросил Вася)", "<char>Как фамилия? (спросил я)", [], ""),
    ("name_cut_short", "<char>Пришел Вася. Маша рада.", "<char>Пришел я. Маша рада.", [], ""),
    ("pronoun_after_self_pronoun", "<char>Ты, Вася, иди.", "<char>Ты иди.", [], ""),
    ("pronoun_after_self_pronoun", "<char>И ты и Вася пойдете.", "<char>И ты и я пойдете.", [], ""),
    ("pronoun_before_remark", "<char>Иду (сказал Вася)", "<char>Иду (сказал я)", [], ""),
    ("name_cut_short", "<char>Карла Великого я знаю.", "<char>Меня я знаю.", [], ""),
    # a character called so is capitalised again and again; a Latin name is no Russian word
    ("name_also_written_small", "<char>Хозяин, иди сюда!", "<char>Иди сюда!",
     ["<char>Где мой хозяин?", "<char>Хозяин пришел.", "<char>Хозяин ушел."], ""),
    ("new_pronoun_in_lower_case", "<char>Кто его? — протоиерея Лизы...", "<char>Кто его? — меня...", [], ""),
    ("name_also_written_small", "<char>Таких, как mademoiselle Blanche!", "<char>Таких, как я!",
     ["<char>Elle est blanche, говорят."], ""),
    ("name_kept_beside_replaced", "<char>Женщин нет в числе гостей? (спросил Малевский)",
     "<char>Женщин нет в числе гостей? (спросил я)", ["<char>Тут одни женщины."], ""),
    # Рому reads as a name (Рома) too; the book also writes it small: a common word
    ("name_kept_beside_replaced", "<char>Рому не покупал (сказал Вася)", "<char>Рому не покупал (сказал я)",
     ["<char>Дай-ка рому, брат."], ""),
]


def flags(source, me, others, before):
    book = book_evidence([source, *others])
    return {f.check for f in review_line(source, me, NAMES, "me", book, before)}


@pytest.mark.parametrize("check, source, me, others, before", FLAGGED)
def test_check_flags_what_an_editor_would_circle(check, source, me, others, before):
    assert check in flags(source, me, others, before)


@pytest.mark.parametrize("check, source, me, others, before", SILENT)
def test_check_stays_silent_on_right_lines(check, source, me, others, before):
    assert check not in flags(source, me, others, before)


def test_book_checks_are_silent_without_the_book():
    assert "rare_common_noun_as_name" not in {
        f.check for f in review_line("<char>Не Меринов ли?", "<char>Не я ли?", NAMES, "me")}


@pytest.mark.parametrize("lines, word, count", [
    (["<char>Сергей пришел. Где Сергея носит? Сергею скажи."], "Сергею", 3),
    (["<char>От Мины письмо. Мина пишет."], "Мины", 2),
    (["<char>Это Лизина горница. Лиза спит."], "Лизина", 2),  # a possessive adjective counts with its name
    (["<char>Не Меринов ли?"], "Меринов", 1),
    (["<char>Серый конь. Сергей пришел."], "Сергей", 1),  # Серый is no form of Сергей
])
def test_family_count_counts_the_forms_of_one_name(lines, word, count):
    assert book_evidence(lines).family_count(word) == count


def test_lower_case_words_are_those_inside_a_sentence():
    book = book_evidence(["<char>Хозяин! (сказал он) Мы с хозяином пошли. Сергея нет; — Змей, змей-горыныч."])
    assert book.seen_lower("Хозяином") and book.seen_lower("нет") and book.seen_lower_family("Хозяин")
    assert not book.seen_lower("сказал")  # opens a remark
    assert not book.seen_lower("мы") and not book.seen_lower("змей")  # capitalised only
