"""The book's own evidence about its names (dataset_tools/name_evidence.py): paradigms, animals."""
import pytest

from dataset_tools.name_evidence import animal_sentences, book_paradigms, is_animal, latin_equivalents, settle_cases

NOM, GEN_ACC, DAT, ACC, INS = ({"nomn"}, {"gent", "accs"}, {"datv"}, {"accs"}, {"ablt"})


@pytest.mark.parametrize("forms, expected", [
    # pymorphy3 reads Сисой as the instrumental of «Сиса»; the book's forms decline like Андрей
    (["Сисой", "Сисоя", "Сисою", "Сисоем"], {"Сисой": NOM, "Сисоя": GEN_ACC, "Сисою": DAT, "Сисоем": INS}),
    # issue 9: Сева is no genitive of «сев» when the book also writes Севе, Севу, Севой, Севы
    (["Сева", "Севе", "Севу", "Севой", "Севы"],
     {"Сева": NOM, "Севе": {"datv", "loct"}, "Севу": ACC, "Севой": INS, "Севы": {"gent"}}),
    (["Вий", "Вия", "Вием"], {"Вий": NOM, "Вия": GEN_ACC, "Вием": INS}),
    (["Микита", "Микиту", "Микиты"], {"Микита": NOM, "Микиту": ACC, "Микиты": {"gent"}}),
    # Никита or «Никит» explain both forms alike; the book uses the nominative Никита
    (["Никита", "Никиту"], {"Никита": NOM, "Никиту": ACC}),
    # Кондрата, Кондрату: a «Кондрата» or Кондрат; pymorphy3's dictionary knows the first name Кондрат
    (["Кондрата", "Кондрату"], {"Кондрата": GEN_ACC, "Кондрату": DAT}),
    (["Петя", "Пети", "Петю", "Петей"], {"Петя": NOM, "Пети": {"gent"}, "Петю": ACC, "Петей": INS}),
    (["Мария", "Марии", "Марию"], {"Мария": NOM, "Марии": {"gent", "datv", "loct"}, "Марию": ACC}),
    (["Игорь", "Игоря"], {"Игорь": NOM, "Игоря": GEN_ACC}),
    (["Иван Ильич", "Ивана Ильича", "Ивану"], {"Иван": NOM, "Ивана": GEN_ACC, "Ивану": DAT}),
])
def test_the_books_forms_settle_a_first_names_declension(forms, expected):
    assert book_paradigms(forms) == {k: frozenset(v) for k, v in expected.items()}


@pytest.mark.parametrize("forms", [
    ["Ростов", "Ростова", "Ростову", "Ростовым", "Ростовой"],  # a surname: Ростова is his or hers
    ["Ивана"],  # one form proves nothing
    ["Самойленко", "Элен", "Кити"],  # indeclinable
    ["Андреич", "Андреича", "Петровна", "Петровны"],  # patronymics have their own paradigm
])
def test_forms_the_book_does_not_settle_are_left_out(forms):
    assert book_paradigms(forms) == {}


def test_settled_cases_narrow_the_dictionary_and_overrule_it_where_they_disagree():
    paradigms = book_paradigms(["Сева", "Севе", "Севу", "Севой", "Севы", "Сисой", "Сисоя", "Сисою"])
    assert settle_cases("Сева", frozenset({"nomn", "gent"}), paradigms) == {"nomn"}
    assert settle_cases("Сисой", frozenset({"ablt"}), paradigms) == {"nomn"}
    assert settle_cases("Вася", frozenset({"nomn"}), paradigms) == {"nomn"}  # not in the book's evidence


ANIMAL = ["Каштанка виляла хвостом и обнюхивала тротуар.", "Каштанка залаяла.", "Каштанка спала на матрасике.",
          "Каштанка пошла за хозяином.", "Каштанка лизнула ему руку."]
PERSON = ["Гуров рассказал, что он москвич.", "Гуров часто заходил в павильон.", "Гуров отрезал себе ломоть.",
          "Шпиц заворчал, и Гуров опять погрозил ему пальцем.", "Гуров был москвич."]


def test_sentences_about_tails_paws_and_barking_make_an_animal():
    assert animal_sentences(ANIMAL) == (3, 5)
    assert is_animal(ANIMAL)


def test_a_person_with_a_dog_nearby_is_no_animal():
    assert not is_animal(PERSON)
    assert not is_animal(["Каштанка залаяла."])  # one sentence is not enough


# ---------------------------------------------------------------- the names stage uses them

def test_the_dictionary_takes_the_case_the_books_forms_prove():
    from dataset_tools.names import Mention, build_mappings

    forms = ["Сисой", "Сисоя", "Сисою", "Сисоем", "Сева", "Севе", "Севу", "Севой", "Севы"]
    me, ti = build_mappings([Mention(i, 0, len(f), f, f.lower(), "name", None) for i, f in enumerate(forms)])
    assert [me[f] for f in forms] == ["я", "меня", "мне", "мной", "я", "мне", "меня", "мной", "меня"]
    assert ti["Сисой"] == "ты" and ti["Севу"] == "тебя"


BOOK = [
    "Рыжая Каштанка бегала взад и вперёд и виляла хвостом.",
    "Иван Петрович вошёл и сел у окна.",
    "Тут Каштанка залаяла на кота.",
    "— Каштанка, пойдём! — сказал Иван Петрович.",
    "Потом Каштанка обнюхала тротуар и легла.",
    "Вечером Каштанка спала у печки.",
    "Иван Петрович засмеялся: он был представлен к Станиславу второй степени.",
    "Станислав Кириллович, сосед, пришёл вечером.",
    "— Здравствуйте, Станислав Кириллович, — сказал Иван Петрович.",
]


@pytest.fixture(scope="module")
def book_mentions():
    from dataset_tools.names import search_names

    return search_names(BOOK)


def test_an_animal_of_the_book_is_no_person(book_mentions):
    texts = {m.text for m in book_mentions.mentions}
    assert "Иван Петрович" in texts
    assert not any(t.startswith("Каштанк") for t in texts)
    assert book_mentions.lemmas["каштанка"] == (False, "reject_animal")


def test_an_order_named_after_a_saint_is_no_person(book_mentions):
    texts = [m.text for m in book_mentions.mentions]
    assert "Станиславу" not in texts
    assert "Станислав Кириллович" in texts


@pytest.mark.parametrize("word, lemma", [("Jean", "иван"), ("Pierre", "пьер"), ("Nicolas", "николай"),
                                         ("Boris", "борис"), ("Blanche", "бланш"), ("Natacha", "наташа")])
def test_latin_spellings_of_russian_first_names(word, lemma):
    assert lemma in latin_equivalents(word)


def test_cyrillic_words_have_no_latin_equivalents():
    assert latin_equivalents("Вася") == frozenset()


# ---------------------------------------------------------------- issue 9, round 5: what the whole book says

# (a small book in real Russian, the lemma or form asked about, what the search decided)
BOOK_WIDE = [
    # NER tagged `Степки`, `Степку`: they settle «Степк-» like «Марфа», so the call `Степка!` is the name too
    (["Степан запряг лошадей.", "— Теперь у Степки изба будет, — сказала Марья.", "Барыня позвала Степку к себе.",
      "— Лютые! Замучили всю, разбойники... Душегубец ты, Степка! Матерь божия накажет тебя!"], "степка",
     (True, "accept_paradigm_form")),
    # a compound with God is God
    (["— Ну вот и слава Богу! а то что это, Господи-батюшка! — сказал Игнат.", "Игнат засмеялся."],
     "господи-батюшка", (False, "reject_not_person")),
    # every time the book names it, a bottle stands before it: a wine
    (["— Бутылку Клодвужо, хотите? — спросил Нехлюдов.",
      "— Бутылку Клодвужо; да смотри, согреть хорошенько, — сказал Нехлюдов."], "клодвужо", (False, "reject_drink")),
]


@pytest.mark.parametrize("book, lemma, verdict", BOOK_WIDE, ids=[row[1] for row in BOOK_WIDE])
def test_the_whole_book_decides_a_lemma(book, lemma, verdict):
    from dataset_tools.names import search_names

    search = search_names(book)
    assert search.lemmas.get(lemma) == verdict
    found = {m.text.lower() for m in search.mentions}
    assert (lemma in found) == verdict[0]


def test_a_kin_title_the_book_agrees_with_a_name_is_one_form_with_it():
    from dataset_tools.names import build_mappings, search_names

    search = search_names(["— Ах, стороннее лицо! — закричал дьяк. — Дойдет до отца Кондрата!",
                           "— Я скажу отцу Кондрату, — отвечал Чуб."])
    glued = [(m.text, m.rule) for m in search.mentions if m.rule == "glue_kin_title"]
    assert glued == [("отца Кондрата", "glue_kin_title"), ("отцу Кондрату", "glue_kin_title")]
    me, _ = build_mappings(search.mentions)
    assert me["отца Кондрата"] == "меня" and me["отцу Кондрату"] == "мне"


def test_whose_father_stays_apart_where_the_book_never_agrees_them():
    from dataset_tools.names import search_names

    search = search_names(["— Я видел отца Наташи, — сказал Петр.", "Наташа засмеялась."])
    assert "Наташи" in {m.text for m in search.mentions}
    assert not any(m.rule == "glue_kin_title" for m in search.mentions)


def test_a_possessive_in_ov_of_the_books_first_name():
    from dataset_tools.names import build_mappings, search_names

    search = search_names(["Максим ушёл в город.", "— Кто там? — спросил голос, и в окне показалась голова Максимовой жены."])
    kinds = {m.text: m.kind for m in search.mentions}
    assert kinds == {"Максим": "name", "Максимовой": "possessive"}
    me, ti = build_mappings(search.mentions)
    assert me["Максимовой"] == "моей" and ti["Максимовой"] == "твоей"


def test_a_surname_from_a_first_name_standing_alone_is_no_possessive():
    from dataset_tools.names import search_names

    search = search_names(["Максим ушёл в город.", "Вечером к Ивановой пришёл Максим.",
                           "— У Ивановой дочь больна, — сказал Максим.", "Иван Петрович Иванов молчал."])
    assert all(m.kind == "name" for m in search.mentions if m.text == "Ивановой")


def test_a_saying_with_a_name_names_nobody():
    from dataset_tools.names import search_names

    search = search_names(["— Я ему покажу Кузькину мать! — сказал Очумелов.", "Очумелов ушёл."])
    assert [m.text for m in search.mentions] == ["Очумелов", "Очумелов"]


@pytest.mark.parametrize("forms, word, cases", [
    (["Обтесов", "Обтесова"], "Обтесова", {"gent", "accs"}),  # the man's genitive: no `Обтесовой` in the book
    # (round 5 changed this: `Гурова` beside `Гуров` and no `Гуровой` was left open as "his or hers")
    (["Гуров", "Гурова", "Гурову"], "Гурова", {"gent", "accs"}),
])
def test_a_surnames_genitive_beside_the_mans_nominative(forms, word, cases):
    assert book_paradigms(forms)[word] == frozenset(cases)


def test_a_womans_surname_the_book_declines_stays_open():
    assert "Ростова" not in book_paradigms(["Ростов", "Ростова", "Ростовой"])


def test_a_surname_plural_after_a_noun_that_does_not_agree_is_no_possessive():
    from dataset_tools.names import search_names

    search = search_names(["Платон ушёл.", "У братьев Платоновых вся дворня работала в саду, — сказал Платон."])
    assert not any(m.kind == "possessive" for m in search.mentions)


@pytest.mark.parametrize("paragraphs, lemma", [
    (["Грузинский князь подал руку графине Шуазель, приятельнице княгини.",
      "Княгиня перевела это по-французски своей старой приятельнице, графине Шуазель."], "шуазель"),  # not a carafe
    (["— Затянем-ка на сон грядущий мою любимую песенку. Чумаков! Начинай! — сказал Пугачев."], "чумаков"),  # a call
])
def test_people_the_book_wide_rules_must_keep(paragraphs, lemma):
    from dataset_tools.names import search_names

    assert search_names(paragraphs).lemmas[lemma][0]
