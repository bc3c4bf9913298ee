"""The morphology of one name form, used by the names and the TiMe stages: which word is a title,
a first name, a surname or a common word, the cases a name form can be in (`name_cases`), the
possessive adjectives of names (`Петина`), and whether a form's pronoun depends on the context.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .. import nlp
from ..grammar import CASES, PERSONAL, PYMORPHY_CASES, possessive_pronoun
from ..name_evidence import book_paradigms, settle_cases


PERSON_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})

# Titles and honorifics that may stand before a name. They are never part of a dictionary key;
# the TiMe stage glues one into the span when it agrees with the name in case
# (`дядя Миша`, `дяде Мише`), which is not so in `отец Ивана` (Ivan's father).
TITLES = frozenset({
    # nobility and royalty
    "князь", "княгиня", "княжна", "княжич", "граф", "графиня", "барон", "баронесса", "маркиз",
    "маркиза", "виконт", "герцог", "герцогиня", "принц", "принцесса", "император", "императрица",
    "царь", "царица", "царевич", "царевна", "король", "королева", "эрцгерцог",
    # address
    "господин", "госпожа", "г.", "г-н", "г-жа", "гг.", "сударь", "сударыня", "барин", "барыня",
    "барышня", "мадам", "мадемуазель", "мосье", "мсье", "месье", "мусье", "мсьё", "месьё", "мосьё", "фрау",
    "фрейлейн", "м-r", "m-r", "мистрис", "сеньор", "сеньора", "сеньорита", "пани", "панна", "панночка",
    "герр", "мистер", "миссис", "мисс", "сэр", "лорд", "леди", "пан", "пани", "синьор", "синьора",
    "вдова", "m-lle", "m-me", "mlle", "mme", "mr", "mrs", "mr.", "mrs.", "m.", "monsieur",
    "madame", "mademoiselle", "mister", "miss", "sir", "lady", "lord", "herr", "frau", "signor",
    "veuve",
    # kinship honorifics
    "дядя", "дядюшка", "дяденька", "дядька", "тётя", "тётушка", "тётенька", "тётка", "тетя",
    "тетушка", "тетенька", "тетка",
    "бабушка", "дедушка", "дед", "братец", "сестрица", "кузен", "кузина", "кум", "кума",
    # ranks, clergy, professions used as titles
    "генерал", "полковник", "подполковник", "майор", "капитан", "штабс-капитан", "поручик",
    "подпоручик", "прапорщик", "ротмистр", "корнет", "юнкер", "вахмистр", "фельдфебель",
    "унтер-офицер", "есаул", "урядник", "сотник", "хорунжий", "адъютант", "фельдмаршал",
    "адмирал", "лейтенант", "сержант", "капрал", "доктор", "профессор", "отец", "батюшка",
    "дьякон", "диакон", "священник", "игумен", "архиерей", "старец", "эмир", "хан", "мулла",
    "наиб", "имам", "протоиерей", "протопоп", "поп", "дьяк", "дьячок", "пономарь", "архимандрит",
    "иеромонах", "монах", "инок", "игуменья", "преосвященный", "святой", "святая", "св.", "ефрейтор",
    "кадет",
    # Not occupations: `сказал философ Хома` -> `сказал философ я`, `кузнец Вакула` -> `кузнец я`.
})


# Nobiliary particles: part of the name around them (`фон Корен`, `Поль де Кок`, `de Cominges`).
PARTICLES = frozenset({"фон", "де", "дю", "ван", "von", "de", "du", "van", "der", "le", "la", "d"})

# Capitalised, tagged PER by NER, but not persons in the TiMe sense (FORMAT.md §6).
# Kin words that are titles only in some cases: `отец Василий` (a priest), but `отца Андрея` is
# Andrei's father (pronouns.mentions; names.finder.glue_kin_titles asks the book).
KIN_POSSESSED = frozenset({"отец", "батюшка", "братец", "сестрица", "брат", "сестра", "мать", "матушка", "кузен",
                           "кузина", "сын", "дочь"})

NOT_PERSONS = frozenset({
    "бог", "господь", "христос", "иисус", "исус", "спаситель", "богородица", "аллах", "всевышний",
    "творец", "саваоф", "сатана", "дьявол", "черт", "чёрт", "бес",
    # adjectives of God and the books of the faith (`воля Божия`, `по Святому Писанию`)
    "божий", "господень", "христов", "богородицын", "писание", "евангелие", "библия",
    # gods of other faiths and of myth (`Кереметь на медведях в небе ездит`, `наш Аргус и Меркурий`); not
    # Аполлон, Венера, Диана, which are also first names
    "кереметь", "юмо", "перун", "велес", "ярило", "даждьбог", "стрибог", "сварог", "мокошь", "зевс", "юпитер",
    "меркурий", "нептун", "вакх", "бахус", "купидон", "плутон", "ваал", "молох", "вишну",
    "шива", "брама", "брахма", "кришна", "будда", "иегова", "ягве",
})


# Parts of speech that mark a sentence-initial capitalised word as an ordinary word.
COMMON_POS = frozenset({"VERB", "INFN", "INTJ", "PRCL", "ADVB", "CONJ", "PREP", "NPRO", "PRED",
                        "GRND", "PRTF", "PRTS", "ADJS", "COMP", "NUMR"})


# A word: letters, inner hyphens and apostrophes (Хаджи-Мурат, m-lle, д'Артаньян), stress marks
# (`Зельм`а` in «Игрок», a combining acute).
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|`(?=[^\W\d_])|\u0301)*(?:['’-](?:[^\W\d_]|\u0301)+)*")


def _e(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def _parses(word: str) -> tuple:
    """pymorphy3's readings of a word spelled without stress marks (cached by nlp.parse_word)."""
    return nlp.parse_word(word.replace("`", "").replace("\u0301", ""))


def _from_dictionary(parse) -> bool:
    """The reading is pymorphy3's dictionary entry for the word itself, not a guess from a known
    prefix or ending (`Вейротер` is no past tense of "вейротереть")."""
    return len(parse.methods_stack) == 1 and type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


def is_capitalised(word: str) -> bool:
    """`Вася`, `Хаджи-Мурат`, `Blanche`; not `ВАСЯ` (headings), not one letter (`И`)."""
    return len(word) > 1 and word[0].isupper() and not word.isupper()


_TITLES_E = frozenset(_e(t) for t in TITLES)


@lru_cache(maxsize=None)
def _title_forms() -> frozenset:
    """Every inflected form of the titles (`князя`, `дяде`, `господину`), once per process."""
    forms = set(TITLES)
    for title in TITLES:
        for parse in _parses(title):
            if parse.tag.POS == "NOUN" and _e(parse.normal_form) == _e(title):
                forms.update(form.word for form in parse.lexeme)
    return frozenset(_e(form) for form in forms)


def is_title(word: str) -> bool:
    """A title or honorific that may stand before a name: `князь`, `г.`, `дяде`, `m-lle`."""
    low = _e(word.lower())
    return low in _title_forms() or low.rstrip(".") in _title_forms() or low + "." in _title_forms()


@lru_cache(maxsize=None)
def _person_parses(word: str) -> tuple:
    return tuple(p for p in _parses(word) if PERSON_GRAMMEMES & p.tag.grammemes)


@lru_cache(maxsize=None)
def main_lemma(word: str) -> str:
    """The lemma a name word stands for: its best Name/Surn/Patr reading, else the word itself."""
    parses = _person_parses(word)
    if parses:
        return _e(max(parses, key=lambda p: p.score).normal_form)
    return _e(word.lower())


@lru_cache(maxsize=None)
def candidate_lemmas(word: str) -> frozenset:
    """Every lemma a capitalised word may be a form of (person and noun readings, the word)."""
    lemmas = {_e(word.lower())}
    for parse in _parses(word):
        if PERSON_GRAMMEMES & parse.tag.grammemes or parse.tag.POS in ("NOUN", "ADJF"):
            lemmas.add(_e(parse.normal_form))
    return frozenset(lemmas)


@lru_cache(maxsize=None)
def has_person_reading(word: str) -> bool:
    """pymorphy3's dictionary (not a guess) reads the word first as a Name, Surn or Patr."""
    parses = _parses(word)
    return bool(parses) and bool(PERSON_GRAMMEMES & parses[0].tag.grammemes) and _from_dictionary(parses[0])


@lru_cache(maxsize=None)
def known_name(word: str) -> bool:
    """pymorphy3's dictionary has the word as a first name (`Марина`, `Ирина`)."""
    return any("Name" in p.tag and _from_dictionary(p) for p in _parses(word))


@lru_cache(maxsize=None)
def is_dictionary_first_name(word: str) -> bool:
    """pymorphy3's dictionary reads the word first as a first name (`Никанор`, `Остап`): a candidate
    name even where NER saw none (mid-sentence; the lemma rules still judge it)."""
    parses = _parses(word)
    return bool(parses) and "Name" in parses[0].tag and _from_dictionary(parses[0])


@lru_cache(maxsize=None)
def is_common_word(word: str) -> bool:
    """pymorphy3's dictionary reads the word first as a verb, adverb, interjection, ..."""
    parses = _parses(word)
    return bool(parses) and parses[0].tag.POS in COMMON_POS and _from_dictionary(parses[0])


# Endings of family plurals: `Ростовы`, `Ростовых`, `Лаевские`, `Лаевских`, `Вурмергельмами`.
# Not -ым/-им: `с Ростовым`, `с Лаевским` are one person far more often than `к Ростовым`.
FAMILY_PLURAL_RE = re.compile(r"(?:ы|ые|ие|ых|их|ыми|ими|ами|ями)$")


@lru_cache(maxsize=None)
def is_family_plural(word: str) -> bool:
    """`Ростовы`, `Лаевские`, `у Гаратынских`: a family, no singular reading of a person."""
    if not FAMILY_PLURAL_RE.search(word.lower()):
        return False
    parses = _parses(word)
    plural = any(p.tag.number == "plur" and p.tag.POS in ("NOUN", "ADJF") for p in parses)
    singular = any(p.tag.number == "sing" and (PERSON_GRAMMEMES & p.tag.grammemes or "anim" in p.tag)
                   for p in parses)
    return plural and not singular


# Singular endings of Russian surnames and patronymics, masculine and feminine together, and
# their cases: Ростов/Кирилин (-ов, -ев, -ин, -ын), Лаевский/Толстой (-ский, -цкий, -ской),
# Давидыч/Андреич/Петрович, Петровна/Ильинична/Савишна.
SURNAME_PARADIGMS: tuple[tuple[re.Pattern, dict[str, frozenset]], ...] = (
    (re.compile(r"[иы]ч(а|у|ем|ом|е|)$"), {
        "": frozenset({"nomn"}), "а": frozenset({"gent", "accs"}), "у": frozenset({"datv"}),
        "ем": frozenset({"ablt"}), "ом": frozenset({"ablt"}), "е": frozenset({"loct"})}),
    (re.compile(r"(?:[оеи]вн|[иы]чн|ишн)(а|ы|е|у|ой|ою)$"), {
        "а": frozenset({"nomn"}), "ы": frozenset({"gent"}), "е": frozenset({"datv", "loct"}),
        "у": frozenset({"accs"}), "ой": frozenset({"ablt"}), "ою": frozenset({"ablt"})}),
    (re.compile(r"(?:ов|ев|ёв|ин|ын)(а|у|ым|ом|е|ой|ою|)$"), {
        "": frozenset({"nomn"}), "а": frozenset({"gent", "accs", "nomn"}),
        "у": frozenset({"datv", "accs"}), "ым": frozenset({"ablt"}), "ом": frozenset({"loct"}),
        "е": frozenset({"loct"}), "ой": frozenset({"gent", "datv", "ablt", "loct"}),
        "ою": frozenset({"ablt"})}),
    (re.compile(r"[сц]к(ий|ой|ого|ому|им|ом|ая|ую|ою)$"), {
        "ий": frozenset({"nomn"}), "ого": frozenset({"gent", "accs"}), "ому": frozenset({"datv"}),
        "им": frozenset({"ablt"}), "ом": frozenset({"loct"}), "ая": frozenset({"nomn"}),
        "ой": frozenset({"nomn", "gent", "datv", "ablt", "loct"}), "ую": frozenset({"accs"}),
        "ою": frozenset({"ablt"})}),
)


def _surname_cases(word: str) -> frozenset | None:
    for pattern, table in SURNAME_PARADIGMS:
        match = pattern.search(word.lower())
        if match:
            return table[match.group(1)]
    return None


def _cases_of(parses) -> set:
    return {PYMORPHY_CASES[p.tag.case] for p in parses if p.tag.case in PYMORPHY_CASES
            and not (p.tag.case == "accs" and "inan" in p.tag.grammemes and p.tag.gender != "femn")}


@lru_cache(maxsize=None)
def name_word_cases(word: str) -> frozenset:
    """The cases a name word can be in (singular): pymorphy3's dictionary readings as a person
    (`Вася`; `Самойленко`, indeclinable, all six), and the ending of a surname or patronymic
    (`Кирилину`: dative, or accusative of Кирилина) or else its noun readings, guessed ones too. pymorphy3's dictionary
    has junk first names for many surnames (`Кирилина` only a woman's name), so no source is
    trusted alone; what stays ambiguous is decided by context. An accusative read as a thing
    (`Лаевский`) is dropped: a person is animate. A word with no reading (Latin script) can be
    in any case.
    """
    latin = LATIN_WITH_ENDING_RE.fullmatch(word)
    if latin:  # `m-r Ramball'я`, `Ramball'ю`: a foreign name declined by a Russian ending after an apostrophe
        return LATIN_ENDINGS[latin.group(1).lower()]
    parses = [p for p in _parses(word) if p.tag.case and p.tag.number != "plur"]
    person = [p for p in parses if PERSON_GRAMMEMES & p.tag.grammemes]
    cases = _cases_of(p for p in person if _from_dictionary(p))
    paradigm = _surname_cases(word)
    if paradigm is not None:
        cases |= paradigm
    elif not cases and DIMINUTIVE_FORM_RE.search(word.lower()):
        # a diminutive pymorphy3 does not know declines like Маша (`Варюша` is no genitive of «Варюш»)
        return DIMINUTIVE_ENDINGS[DIMINUTIVE_FORM_RE.search(word.lower()).group(1)]
    elif not cases and re.search(r"(?:[^аеёиоуыэюяй]|и)[еиоуэю]$", word.lower()):
        # A foreign name ending in a vowel that Russian does not decline (`Де-Грие`, `Дюпре`,
        # `Бертолле`): pymorphy3 only guesses a nominative noun, but it can be in any case.
        return frozenset(CASES)
    else:
        cases |= _cases_of(p for p in parses if p.tag.POS == "NOUN")
    if not cases:
        cases = _cases_of(person) or _cases_of(p for p in parses if p.tag.POS == "ADJF")
    return frozenset(cases) if cases else frozenset(CASES)


DIMINUTIVE_FORM_RE = re.compile(r"(?:еньк|оньк|ечк|очк|ичк|ушк|юшк|уш|юш)(а|ы|и|е|у|ой|ою)$")
DIMINUTIVE_ENDINGS = {"а": frozenset({"nomn"}), "ы": frozenset({"gent"}), "и": frozenset({"gent"}),
                      "е": frozenset({"datv", "loct"}), "у": frozenset({"accs"}), "ой": frozenset({"ablt"}),
                      "ою": frozenset({"ablt"})}
LATIN_WITH_ENDING_RE = re.compile(r"[A-Za-zÀ-ÿ]+['’](а|я|у|ю|ом|ем|ой|ей|е)", re.IGNORECASE)
LATIN_ENDINGS = {"а": frozenset({"gent", "accs"}), "я": frozenset({"gent", "accs"}), "у": frozenset({"datv", "accs"}),
                 "ю": frozenset({"datv", "accs"}), "ом": frozenset({"ablt"}), "ем": frozenset({"ablt"}),
                 "ой": frozenset({"ablt", "gent", "datv", "loct"}), "ей": frozenset({"ablt", "gent", "datv", "loct"}),
                 "е": frozenset({"loct", "datv"})}

# -ский/-цкий surnames in any case: pymorphy3's dictionary also has some as indeclinable Names.
ADJECTIVAL_SURNAME_RE = re.compile(r"[сц]к(?:ий|ой|ого|ому|им|ом|ая|ую|ие|их|ими)$")

# Patronymics, full and colloquial, in any case: Андреич, Савельич, Савишна, Ильинична.
PATRONYMIC_RE = re.compile(r"(?:[оеи]вн|[иы]чн|ишн)(?:а|ы|е|у|ой|ою|)$|(?:[оеи]вич|[иы]ч)(?:а|у|ем|ом|е|)$")


@lru_cache(maxsize=None)
def name_roles(word: str) -> frozenset:
    """N (first name), P (patronymic), S (surname or nickname): what a name word may be."""
    roles = {"N" if "Name" in p.tag else "P" if "Patr" in p.tag else "S" for p in _person_parses(word)}
    low = word.lower()
    if ADJECTIVAL_SURNAME_RE.search(low):
        roles = {"S"}  # `Лаевским Самойленко` are two people
    elif "S" not in roles and PATRONYMIC_RE.search(low):
        roles.add("P")  # `Арина Савишна`: pymorphy3 reads Савишна as a Name
    elif _surname_cases(word) is not None and not known_name(word):
        roles.add("S")  # `Анатоля Курагина`: pymorphy3 reads Курагина as a Name
    return frozenset(roles) if roles else frozenset({"N", "S"})


# Endings of possessive adjectives in -ин (Машин, Машина, Машиной ...) and what each can be,
# as "case gender". An animate accusative (Петина брата) is read as the genitive: same pronoun.
POSSESSIVE_ENDINGS: dict[str, tuple[str, ...]] = {
    "": ("nomn masc", "accs masc"),
    "а": ("nomn femn", "gent masc", "gent neut"),
    "о": ("nomn neut", "accs neut"),
    "у": ("accs femn", "datv masc", "datv neut"),
    "ой": ("gent femn", "datv femn", "ablt femn", "loct femn"),
    "ою": ("ablt femn",),
    "ого": ("gent masc", "gent neut"),
    "ому": ("datv masc", "datv neut"),
    "ым": ("ablt masc", "ablt neut", "datv plur"),
    "ом": ("loct masc", "loct neut"),
    "ы": ("nomn plur", "accs plur"),
    "ых": ("gent plur", "loct plur"),
    "ыми": ("ablt plur",),
}


_POSSESSIVE_RE = re.compile(r"ин(" + "|".join(sorted(POSSESSIVE_ENDINGS, key=len, reverse=True)) + r")$")


# `Максимовой жены`, `Иванову сыну`: a possessive of a man's name in -ов/-ев; only the endings a
# surname in the nominative does not have (finder.possessives_in_ov decides, from the whole book).
OV_POSSESSIVE_RE = re.compile(r"[ое]в(ой|ою|ого|ому|ым|ом|ых|ыми)$")


def possessive_readings(word: str) -> tuple[str, ...]:
    low = _e(word.lower())
    match = _POSSESSIVE_RE.search(low) or OV_POSSESSIVE_RE.search(low)
    return POSSESSIVE_ENDINGS[match.group(1)] if match else ()


def possessive_for_reading(reading: str, person: str) -> str:
    """`мой`/`твой` inflected like the possessive adjective: "datv femn" -> `моей`/`твоей`."""
    case, gender = reading.split()
    if gender == "plur":
        return possessive_pronoun(person, case, "masc", "plur")
    return possessive_pronoun(person, case, gender, "sing")


@lru_cache(maxsize=None)
def name_cases(form: str) -> frozenset:
    """Cases a (possibly multi-word) name form can be in: where all its words agree. Inside
    `with BookForms(...)` the book's own declension of a first name narrows or overrules
    pymorphy3's reading of it (`Сисой` -> nom., not the instrumental of «Сиса»)."""
    cases = frozenset(CASES)
    for word in WORD_RE.findall(form):
        if word.lower() not in PARTICLES:
            cases = cases & settle_cases(word, name_word_cases(word), _BOOK_PARADIGMS) or cases
    return cases


_BOOK_PARADIGMS: dict[str, frozenset] = {}  # word -> cases, while one book's forms are read


def name_cases_in(form: str, paradigms: dict[str, frozenset]) -> frozenset:
    """name_cases with the declension the given forms settle (name_evidence.book_paradigms of a
    dictionary's keys): `Микиту` beside `Микита, Микиты` is the accusative, not an indeclinable
    word in any case; `Спирид` beside `Спирида` is the nominative."""
    if not paradigms:
        return name_cases(form)
    cases = frozenset(CASES)
    for word in WORD_RE.findall(form):
        if word.lower() not in PARTICLES:
            cases = cases & settle_cases(word, name_word_cases(word), paradigms) or cases
    return cases


def is_context_dependent_in(form: str, value: str | None, paradigms: dict[str, frozenset]) -> bool:
    """is_context_dependent with the declension the given forms settle (name_cases_in)."""
    if not paradigms or value is not None and _e(value.lower()) in _possessive_forms():
        return is_context_dependent(form, value)
    return len({PERSONAL["me"][c] for c in name_cases_in(form, paradigms)}) > 1


class BookForms:
    """`with BookForms(all the name forms of the book):` name_cases (and so is_context_dependent,
    known_reading) read each first name the way all the forms the book uses of it decline
    (name_evidence.book_paradigms): `Сисой, Сисоя, Сисою, Сисоем` decline like Андрей."""

    def __init__(self, forms: Iterable[str]):
        self.paradigms = book_paradigms(forms)

    def __enter__(self) -> BookForms:
        self.saved = dict(_BOOK_PARADIGMS)
        _set_paradigms(self.paradigms)
        return self

    def __exit__(self, *exc) -> None:
        _set_paradigms(self.saved)


def _set_paradigms(paradigms: dict[str, frozenset]) -> None:
    _BOOK_PARADIGMS.clear()
    _BOOK_PARADIGMS.update(paradigms)
    for cached in (name_cases, is_context_dependent):  # their answers depend on it
        cached.cache_clear()


@lru_cache(maxsize=None)
def is_context_dependent(form: str, value: str | None = None) -> bool:
    """True when the form alone does not tell its pronoun, so the TiMe stage decides it by
    context: `Самойленко`, `Элен` (indeclinable), `Blanche`, `Ростова` (Ростов's or Ростова).

    With `value` a possessive (`моя`), the form is read as a possessive adjective:
    `Петина` is моя or моего.
    """
    if value is not None and _e(value.lower()) in _possessive_forms():
        return len({possessive_for_reading(r, "me") for r in possessive_readings(form)}) > 1
    return len({PERSONAL["me"][c] for c in name_cases(form)}) > 1


@lru_cache(maxsize=None)
def _possessive_forms() -> frozenset:
    """моя, моего, … твоими: every value a possessive entry can have."""
    return frozenset(_e(possessive_for_reading(r, person)) for readings in POSSESSIVE_ENDINGS.values()
                     for r in readings for person in ("me", "ti"))


def known_reading(text: str, kind: str) -> str | None:
    """The reading of a form that does not depend on context, or None."""
    if kind == "possessive":
        readings = possessive_readings(text)
        return readings[0] if len({possessive_for_reading(r, "me") for r in readings}) == 1 else None
    cases = name_cases(text)
    return min(cases) if len({PERSONAL["me"][c] for c in cases}) == 1 else None
