"""Find the people of a book and every form their names take: the `names` stage.

    from dataset_tools.names import find_name_mentions, build_mappings
    mentions = find_name_mentions(paragraphs)        # every person-name mention in the book
    me_map, ti_map = build_mappings(mentions)        # {"Ивана Андреича": "меня", ...}, {...: "тебя"}

How a book is read (docs/names.md has the details and the evaluation):

1. natasha's NER tags PER spans over the whole book, narration included.
2. The words of those spans (and capitalised words right after a title: `m-lle Blanche`) propose
   the book's name lemmas. LEMMA_RULES, in order, accept or reject each from book-wide
   evidence: is it capitalised mid-sentence, ever written in lower case, tagged PER mid-sentence,
   read by pymorphy3 as a Name/Surn/Patr, tagged a place more often than a person?
3. TOKEN_RULES then tag every capitalised occurrence of an accepted lemma, tagged by NER or not
   (NER misses some mentions and tags sentence-initial imperatives and interjections).
4. Neighbouring name words that agree in case and make a name pattern (Имя Отчество Фамилия)
   are one span; `фон`, `де` and initials join the name. Titles (князь, г-н) stay outside.
5. Possessive adjectives of the book's first names (Петина, Машиной) are found by their -ин- stem.
6. The case of forms that do not show it (Самойленко, Blanche, Ростова) is voted from natasha's
   morph tags in context; `is_context_dependent` tells the TiMe stage which forms these are.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

from . import nlp
from .dicts import ME_FORMS, TI_FORMS

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
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
    "барышня", "мадам", "мадемуазель", "мосье", "мсье", "месье", "мусье", "фрау", "фрейлейн",
    "герр", "мистер", "миссис", "мисс", "сэр", "лорд", "леди", "пан", "пани", "синьор", "синьора",
    "вдова", "m-lle", "m-me", "mlle", "mme", "mr", "mrs", "mr.", "mrs.", "m.", "monsieur",
    "madame", "mademoiselle", "mister", "miss", "sir", "lady", "lord", "herr", "frau", "signor",
    "veuve",
    # kinship honorifics
    "дядя", "дядюшка", "дяденька", "дядька", "тётя", "тётушка", "тётенька", "тётка", "тетя",
    "тетушка", "тетенька", "тетка",
    "бабушка", "дедушка", "братец", "сестрица", "кузен", "кузина",
    # ranks, clergy, professions used as titles
    "генерал", "полковник", "подполковник", "майор", "капитан", "штабс-капитан", "поручик",
    "подпоручик", "прапорщик", "ротмистр", "корнет", "юнкер", "вахмистр", "фельдфебель",
    "унтер-офицер", "есаул", "урядник", "сотник", "хорунжий", "адъютант", "фельдмаршал",
    "адмирал", "лейтенант", "сержант", "капрал", "доктор", "профессор", "отец", "батюшка",
    "дьякон", "диакон", "священник", "игумен", "архиерей", "старец", "эмир", "хан", "мулла",
    "наиб", "имам",
})

# Nobiliary particles: part of the name around them (`фон Корен`, `Поль де Кок`, `de Cominges`).
PARTICLES = frozenset({"фон", "де", "дю", "ван", "von", "de", "du", "van", "der", "le", "la", "d"})

# Capitalised, tagged PER by NER, but not persons in the TiMe sense (FORMAT.md §6).
NOT_PERSONS = frozenset({
    "бог", "господь", "христос", "иисус", "исус", "спаситель", "богородица", "аллах", "всевышний",
    "творец", "саваоф", "сатана", "дьявол", "черт", "чёрт", "бес",
})

# Parts of speech that mark a sentence-initial capitalised word as an ordinary word.
COMMON_POS = frozenset({"VERB", "INFN", "INTJ", "PRCL", "ADVB", "CONJ", "PREP", "NPRO", "PRED",
                        "GRND", "PRTF", "PRTS", "ADJS", "COMP", "NUMR"})

# A word: letters, inner hyphens and apostrophes (Хаджи-Мурат, m-lle, д'Артаньян), stress marks
# (`Зельм`а` in «Игрок», a combining acute).
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|`(?=[^\W\d_])|\u0301)*(?:['’-](?:[^\W\d_]|\u0301)+)*")
PARTICLE_SUFFIX_RE = re.compile(r"-(?:то|от|ка|ко|де|с|таки|ста)$", re.IGNORECASE)  # Петя-то
_OPENERS = "«\"„“'‘(—–-[ \t"
_SKIP_BACK = _OPENERS + "»”’)]"  # `…!» Покончив` starts a sentence too
_ABBREVIATIONS = frozenset({"г", "гг", "т", "д", "ср", "см", "ст", "св", "им", "ул", "пр", "кн", "гр"})
_WORD_BEFORE_RE = re.compile(r"([^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)?)[\s.]*$")


@dataclass(frozen=True)
class Mention:
    """One mention of a person's name (or a possessive adjective of one) in a paragraph."""

    paragraph: int
    start: int
    stop: int
    text: str
    lemma: str  # normal forms of its words, lower case, ё as е: "иван андреевич лаевский"
    kind: str = "name"  # "name" or "possessive"
    reading: str | None = None  # case in context ("datv"); for a possessive "datv femn"
    rule: str = ""  # the token rule that tagged its first word (shown by --debug-rules)


@dataclass
class Token:
    paragraph: int
    start: int
    stop: int
    text: str
    initial: bool  # begins the paragraph, a sentence or a quotation
    ner: str = ""  # natasha's entity type over this word: "PER", "LOC", "ORG" or ""
    after_title: bool = False  # right after a title: `m-lle Blanche`, `мистер Астлей`


@dataclass
class LemmaEvidence:
    """What the whole book says about one candidate name lemma."""

    lemma: str
    forms: Counter = field(default_factory=Counter)  # capitalised forms seen
    ner_per: int = 0  # occurrences inside PER spans
    ner_per_mid: int = 0  # ... of them not at a sentence start
    ner_other: int = 0  # occurrences inside LOC / ORG spans
    cap_mid: int = 0  # capitalised, not at a sentence start
    cap_initial: int = 0
    after_title: int = 0  # right after a title (NER misses most Latin-script names)
    lower: int = 0  # the same forms written in lower case
    person_reading: bool = False  # pymorphy3's dictionary reads a form as Name/Surn/Patr first


# ---------------------------------------------------------------- words and their readings

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


_CASE_OF = {"nomn": "nomn", "voct": "nomn", "gent": "gent", "gen2": "gent", "datv": "datv",
            "accs": "accs", "acc2": "accs", "ablt": "ablt", "loct": "loct", "loc2": "loct"}

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
    return {_CASE_OF[p.tag.case] for p in parses if p.tag.case in _CASE_OF
            and not (p.tag.case == "accs" and "inan" in p.tag.grammemes and p.tag.gender != "femn")}


@lru_cache(maxsize=None)
def word_cases(word: str) -> frozenset:
    """The cases a name word can be in (singular): pymorphy3's dictionary readings as a person
    (`Вася`; `Самойленко`, indeclinable, all six), and the ending of a surname or patronymic
    (`Кирилину`: dative, or accusative of Кирилина) or else its noun readings, guessed ones too. pymorphy3's dictionary
    has junk first names for many surnames (`Кирилина` only a woman's name), so no source is
    trusted alone; what stays ambiguous is decided by context. An accusative read as a thing
    (`Лаевский`) is dropped: a person is animate. A word with no reading (Latin script) can be
    in any case.
    """
    parses = [p for p in _parses(word) if p.tag.case and p.tag.number != "plur"]
    person = [p for p in parses if PERSON_GRAMMEMES & p.tag.grammemes]
    cases = _cases_of(p for p in person if _from_dictionary(p))
    paradigm = _surname_cases(word)
    if paradigm is not None:
        cases |= paradigm
    elif not cases and re.search(r"(?:[^аеёиоуыэюяй]|и)[еиоуэю]$", word.lower()):
        # A foreign name ending in a vowel that Russian does not decline (`Де-Грие`, `Дюпре`,
        # `Бертолле`): pymorphy3 only guesses a nominative noun, but it can be in any case.
        return frozenset(CASES)
    else:
        cases |= _cases_of(p for p in parses if p.tag.POS == "NOUN")
    if not cases:
        cases = _cases_of(person) or _cases_of(p for p in parses if p.tag.POS == "ADJF")
    return frozenset(cases) if cases else frozenset(CASES)


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


# ---------------------------------------------------------------- tokens and NER

def tokenize(paragraphs: list[str]) -> list[Token]:
    """Words of every paragraph with offsets; `Петя-то` is the word `Петя`."""
    tokens = []
    for index, text in enumerate(paragraphs):
        title = None  # the title just before, with a particle after it (`Madame de Genlis`)
        for match in WORD_RE.finditer(text):
            word = match.group()
            suffix = PARTICLE_SUFFIX_RE.search(word)
            if suffix and is_capitalised(word):
                word = word[:suffix.start()]
            token = Token(index, match.start(), match.start() + len(word), word,
                          starts_sentence(text, match.start()))
            if title is not None and is_capitalised(word):
                between = text[title.stop:token.start]
                token.after_title = between == " " or (between == ". " and title.text.lower() + "." in TITLES) \
                    or _is_particle_between(between)
            tokens.append(token)
            if is_capitalised(word) or word.lower() not in PARTICLES:
                title = token if is_title(word) else None
    return tokens


def starts_sentence(text: str, start: int) -> bool:
    """The word at `start` begins the paragraph, a sentence, a replica or a quotation."""
    i = start - 1
    while i >= 0 and text[i] in _SKIP_BACK:
        i -= 1
    if i < 0 or text[i] in "!?…":
        return True
    if text[i] == ":":
        return any(ch in "«\"„“—–-" for ch in text[i + 1:start])  # `продолжал: — Покончите`
    if text[i] != ".":
        return False
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    before = text[j:i]  # `г. Лаевский`, `А. П. Чехов`: an abbreviation or an initial
    return not (before.lower() in _ABBREVIATIONS or (len(before) == 1 and before.isupper()))


def tag_entities(paragraphs: list[str], progress: bool = False) -> list[list[tuple[int, int, str]]]:
    """natasha NER spans (start, stop, type) of every paragraph.

    Paragraphs go to the tagger sorted by length, so a batch pads to similar lengths: about
    twice as fast as tagging the whole book as one text.
    """
    spans: list[list[tuple[int, int, str]]] = [[] for _ in paragraphs]
    # natasha crashes on a batch of empty texts; blank paragraphs have no entities anyway
    order = sorted((i for i, p in enumerate(paragraphs) if p.strip()), key=lambda i: len(paragraphs[i]))
    if not order:
        return spans
    markups = nlp.get_ner_tagger().map([nlp.for_natasha(paragraphs[i]) for i in order])
    if progress:
        from tqdm import tqdm

        markups = tqdm(markups, total=len(order), desc="   names: NER", unit="par", leave=False)
    for index, markup in zip(order, markups):
        spans[index] = [(s.start, s.stop, s.type) for s in markup.spans]
    return spans


def attach_entities(tokens: list[Token], spans: list[list[tuple[int, int, str]]]) -> None:
    """Set each token's `ner` to the type of the entity span that covers it."""
    k, current = 0, -1
    for token in tokens:  # in paragraph order, by offset
        if token.paragraph != current:
            current, k = token.paragraph, 0
        entities = spans[current]
        while k < len(entities) and entities[k][1] <= token.start:
            k += 1
        if k < len(entities) and entities[k][0] <= token.start:
            token.ner = entities[k][2]


# ---------------------------------------------------------------- pass 1: the book's name lemmas

def collect_evidence(tokens: list[Token]) -> dict[str, LemmaEvidence]:
    """Candidate lemmas (of PER words and of words after a title) and what the book says of each."""
    words = Counter(t.text for t in tokens)
    candidates = {main_lemma(t.text) for t in tokens
                  if (t.ner == "PER" or t.after_title) and is_capitalised(t.text)}
    evidence = {lemma: LemmaEvidence(lemma) for lemma in candidates}
    for token in tokens:
        if not is_capitalised(token.text):
            continue
        for lemma in candidate_lemmas(token.text) & candidates:
            ev = evidence[lemma]
            ev.forms[token.text] += 1
            if token.initial:
                ev.cap_initial += 1
            else:
                ev.cap_mid += 1
            ev.after_title += token.after_title
            if token.ner == "PER":
                ev.ner_per += 1
                ev.ner_per_mid += not token.initial
            elif token.ner:
                ev.ner_other += 1
    for ev in evidence.values():
        ev.lower = sum(words[form.lower()] for form in ev.forms)
        ev.person_reading = any(has_person_reading(form) for form in ev.forms)
    return evidence


# Each rule returns True (a name), False (not a name) or None (no opinion); the first opinion wins.
def reject_not_person(ev: LemmaEvidence):
    """Бог, Господь, Христос (`Христе`): not persons in the TiMe sense."""
    if ev.lemma in NOT_PERSONS or any(candidate_lemmas(form) & NOT_PERSONS for form in ev.forms):
        return False
    return None


def reject_title(ev: LemmaEvidence):
    """`Дьякон`, `Князь` at a sentence start: a title alone is not a name."""
    return False if ev.lemma in _TITLES_E else None


def reject_mostly_lowercase(ev: LemmaEvidence):
    """`Фон`, `Помилуйте`: written in lower case in the book more often than capitalised mid-sentence."""
    return False if ev.lower > ev.cap_mid else None


def reject_mostly_other_entity(ev: LemmaEvidence):
    """`Кавказ`: NER tags it a place or an organisation far more often than a person (or a title
    stands before it). `Ростов` in «Война и мир» stays: 201 LOC and 118 PER tags; NER takes
    the hero for the town."""
    person = ev.ner_per + ev.after_title
    return False if ev.ner_other > 2 * person or (ev.ner_other > person and person < 5) else None


def reject_common_word(ev: LemmaEvidence):
    """`Успокойте`, `Дрожащими`: every form is a verb, participle, adverb... in pymorphy3's
    dictionary, NER tagged it PER mid-sentence once at most, and no title stands before it.
    (`Розен`, an adjective to pymorphy3, is tagged PER twice: a general.)"""
    if ev.after_title == 0 and ev.ner_per_mid < 2 and all(is_common_word(form) for form in ev.forms):
        return False
    return None


def accept_per_mid_sentence(ev: LemmaEvidence):
    """Tagged PER at least once where capitalisation means something (not at a sentence start)."""
    return True if ev.ner_per_mid > 0 else None


def accept_after_title(ev: LemmaEvidence):
    """`m-lle Blanche`, `мистер Астлей`: a capitalised word after a title, never lower case."""
    return True if ev.after_title > 0 and ev.lower == 0 else None


def accept_dictionary_name(ev: LemmaEvidence):
    """`Надя` only at sentence starts: pymorphy3 reads it as a name, never lower case in the book."""
    return True if ev.person_reading and ev.lower == 0 else None


def reject_the_rest(ev: LemmaEvidence):
    """`Ну-с`, `Срамота`: tagged only at sentence starts, no name reading."""
    return False


LEMMA_RULES: list[Callable[[LemmaEvidence], bool | None]] = [
    reject_not_person,
    reject_title,
    reject_mostly_lowercase,
    reject_mostly_other_entity,
    reject_common_word,
    accept_per_mid_sentence,
    accept_after_title,
    accept_dictionary_name,
    reject_the_rest,
]


def judge_lemma(ev: LemmaEvidence) -> tuple[bool, str]:
    """(accepted, name of the rule that decided)."""
    for rule in LEMMA_RULES:
        verdict = rule(ev)
        if verdict is not None:
            return verdict, rule.__name__
    raise AssertionError("the last lemma rule always decides")


# ---------------------------------------------------------------- pass 2: tag every occurrence

@dataclass
class BookWords:
    """Book-wide facts the token rules look at."""

    accepted: set  # accepted name lemmas
    words: Counter  # every word of the book as written
    evidence: dict  # lemma -> LemmaEvidence
    paragraphs: list

    def lemmas_of(self, token: Token) -> list[LemmaEvidence]:
        return [self.evidence[lemma] for lemma in candidate_lemmas(token.text) & self.accepted]


PLACE_PREPOSITIONS = frozenset({"в", "во", "из", "изо", "под", "подо", "близ", "около", "через"})


def skip_place(token: Token, book: BookWords):
    """NER says place or organisation, and a preposition of place stands before it (`в Ростове`)."""
    if token.ner in ("LOC", "ORG"):
        before = _WORD_BEFORE_RE.search(book.paragraphs[token.paragraph], 0, token.start)
        if before and before.group(1).lower() in PLACE_PREPOSITIONS:
            return False
    return None


def skip_other_entity(token: Token, book: BookWords):
    """NER says place or organisation here, and the book gives little evidence of a person
    (fewer than 10 PER tags or titles before it, and not 4 times the LOC/ORG tags). NER is
    overruled for an established person: `на Де-Грие` (LOC 10 times, PER 101), `Ростов ехал`
    (LOC 201, PER 118), `m-lle Blanche` (ORG 26, after a title 98)."""
    if token.ner in ("LOC", "ORG") and all(ev.ner_per + ev.after_title < 10
                                            and ev.ner_per + ev.after_title < 4 * ev.ner_other
                                            for ev in book.lemmas_of(token)):
        return False
    return None


def skip_family_plural(token: Token, book: BookWords):
    """`Ростовы`, `у Гаратынских`: a family, not one person."""
    return False if is_family_plural(token.text) else None


def tag_mid_sentence(token: Token, book: BookWords):
    """Capitalised where capitalisation means a proper name."""
    return True if not token.initial else None


def tag_ner_person(token: Token, book: BookWords):
    """At a sentence start, and NER tagged it PER here."""
    return True if token.ner == "PER" else None


def tag_never_lowercase(token: Token, book: BookWords):
    """At a sentence start, never written in lower case in the book, and no common-word reading."""
    return True if book.words[token.text.lower()] == 0 and not is_common_word(token.text) else None


def skip_the_rest(token: Token, book: BookWords):
    """`Надежда` at a sentence start where NER saw no person: the common word (надежда)."""
    return False


TOKEN_RULES: list[Callable[[Token, BookWords], bool | None]] = [
    skip_place,
    skip_other_entity,
    skip_family_plural,
    tag_mid_sentence,
    tag_ner_person,
    tag_never_lowercase,
    skip_the_rest,
]


def judge_token(token: Token, book: BookWords) -> tuple[bool, str]:
    """(tagged, name of the rule that decided) for a capitalised form of an accepted lemma."""
    for rule in TOKEN_RULES:
        verdict = rule(token, book)
        if verdict is not None:
            return verdict, rule.__name__
    raise AssertionError("the last token rule always decides")


def is_name_word(token: Token, book: BookWords) -> bool:
    return is_capitalised(token.text) and bool(candidate_lemmas(token.text) & book.accepted)


# ---------------------------------------------------------------- full names as one span

# Name patterns: Имя, Отчество, Фамилия in the orders Russian uses. A surname before the first
# name only with the patronymic after it (`Сидоров Иван Иванович`): `Чернышева Николай` are two.
NAME_PATTERNS = frozenset({"N", "P", "S", "NP", "NS", "NPS", "PS", "SNP"})


def can_join(words: list[str]) -> bool:
    """Neighbouring name words are one full name if they agree in case and make a name pattern
    (`Марью Константиновну Битюгову`; not `с Лаевским Самойленко`, not `Пьеру Анна Павловна`)."""
    cases = frozenset(CASES)
    for word in words:
        cases &= word_cases(word)
    if not cases and not _colloquial_name_patronymic(words):
        return False
    patterns = {""}
    for word in words:
        patterns = {p + r for p in patterns for r in name_roles(word) if r not in p}
    return bool(patterns & NAME_PATTERNS)


def _colloquial_name_patronymic(words: list[str]) -> bool:
    """`за Альфонс Карлычем`: in speech the first name before a patronymic may stay nominative."""
    return len(words) == 2 and "nomn" in word_cases(words[0]) and "N" in name_roles(words[0]) \
        and "P" in name_roles(words[1])


def group_spans(paragraph: str, tokens: list[Token]) -> list[tuple[int, int, list[str], Token]]:
    """Join the tagged words of one paragraph into full names: (start, stop, words, first token)."""
    groups: list[tuple[int, int, list[str], Token]] = []
    for token in tokens:
        if groups:
            start, stop, words, first = groups[-1]
            between = paragraph[stop:token.start]
            if (between == " " and can_join(words + [token.text])) or _is_particle_between(between):
                groups[-1] = (start, token.stop, words + [token.text], first)
                continue
        groups.append((token.start, token.stop, [token.text], token))
    return [_with_initials(paragraph, _with_particle(paragraph, g)) for g in groups]


def _is_particle_between(between: str) -> bool:
    """`Поль де Кока`, `Blanche de Cominges`: a nobiliary particle between two name words."""
    return len(between) > 2 and between[0] == between[-1] == " " and between.strip().lower() in PARTICLES


def _with_particle(paragraph: str, group):
    """`фон Корен`, `de Cominges`: a nobiliary particle right before the name belongs to it."""
    start, stop, words, first = group
    match = re.search(r"(?:^|(?<=[\s«\"(—–-]))([^\W\d_]+)(?: |')$", paragraph[:start])
    if match and match.group(1).lower() in PARTICLES:
        return match.start(1), stop, words, first
    return group


_INITIALS_BEFORE_RE = re.compile(r"(?:^|(?<=[\s«\"(]))((?:[A-ZА-ЯЁ]\. ?){1,2})$")
_INITIAL_AFTER_RE = re.compile(r" [A-ZА-ЯЁ]\.(?=[\s,;:!?)»]|$)")


def _with_initials(paragraph: str, group):
    """`А. П. Чехов`, `Андрею Карловичу Р.`: initials next to a name belong to it."""
    start, stop, words, first = group
    before = _INITIALS_BEFORE_RE.search(paragraph, 0, start)
    if before and not paragraph[:before.start(1)].rstrip().endswith(".") and not is_title(before.group(1).strip()):
        start = before.start(1)
    after = _INITIAL_AFTER_RE.match(paragraph, stop)
    if after:
        stop = after.end()
    return start, stop, words, first


# ---------------------------------------------------------------- possessive adjectives

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


def possessive_owner(word: str, first_names: set) -> str | None:
    """`Петина` -> `петя`, `Машиной` -> `маша`, when that name is among the book's first names."""
    low = _e(word.lower())
    match = _POSSESSIVE_RE.search(low)
    if not match or match.start() < 2:
        return None
    stem = low[:match.start()]
    return next((stem + vowel for vowel in ("а", "я") if stem + vowel in first_names), None)


def _before_noun(token: Token, following: Token | None) -> bool:
    """`Петина мать`, `Машиному брату`: a possessive adjective stands before its noun (NER tags
    some as PER); `Ильин сказал` is a surname."""
    if following is None or following.paragraph != token.paragraph or following.text[0].isupper():
        return False
    return any(p.tag.POS in ("NOUN", "ADJF") for p in _parses(following.text))


def possessive_readings(word: str) -> tuple[str, ...]:
    match = _POSSESSIVE_RE.search(_e(word.lower()))
    return POSSESSIVE_ENDINGS[match.group(1)] if match else ()


@lru_cache(maxsize=None)
def possessive_pronoun(reading: str, person: str) -> str:
    """`мой`/`твой` inflected like the possessive adjective: "datv femn" -> `моей`/`твоей`."""
    case, gender = reading.split()
    base = "мой" if person == "me" else "твой"
    parse = next(p for p in _parses(base) if p.tag.POS == "ADJF" and p.tag.case == "nomn")
    grammemes = {case, "plur"} if gender == "plur" else {case, gender, "sing"}
    if case == "accs" and gender in ("masc", "plur"):
        grammemes.add("inan")  # the animate accusative is written as the genitive
    form = parse.inflect(grammemes)
    return form.word if form else base


# ---------------------------------------------------------------- case in context

_UD_CASES = {"Nom": "nomn", "Gen": "gent", "Par": "gent", "Dat": "datv", "Acc": "accs",
             "Ins": "ablt", "Loc": "loct", "Voc": "nomn"}
_UD_GENDER = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
CONTEXT_SAMPLE = 25  # occurrences of one ambiguous form sent to the morph tagger

# Cases a preposition right before a name allows (`к Самойленко` is dative).
PREPOSITION_CASES: dict[str, frozenset] = {
    **{p: frozenset({"gent"}) for p in (
        "у", "от", "ото", "до", "из", "изо", "без", "безо", "для", "после", "кроме", "около", "возле",
        "мимо", "против", "вместо", "среди", "ради", "из-за", "из-под", "подле", "вокруг", "насчет",
        "насчёт", "вроде", "близ", "позади", "впереди", "напротив", "сзади", "вне", "внутри")},
    **{p: frozenset({"datv"}) for p in ("к", "ко", "благодаря", "вопреки", "навстречу", "подобно")},
    **{p: frozenset({"ablt", "gent"}) for p in ("с", "со")},
    **{p: frozenset({"loct", "accs"}) for p in ("о", "об", "обо", "в", "во", "на")},
    "при": frozenset({"loct"}),
    **{p: frozenset({"ablt", "accs"}) for p in ("за", "под", "подо")},
    **{p: frozenset({"ablt"}) for p in ("над", "надо", "перед", "передо", "пред", "между")},
    **{p: frozenset({"accs"}) for p in ("про", "через", "сквозь")},
    "по": frozenset({"datv", "loct", "accs"}),
}


def name_cases(form: str) -> frozenset:
    """Cases a (possibly multi-word) name form can be in: where all its words agree."""
    cases = frozenset(CASES)
    for word in WORD_RE.findall(form):
        if word.lower() not in PARTICLES:
            cases = cases & word_cases(word) or cases
    return cases


def is_context_dependent(form: str, value: str | None = None) -> bool:
    """True when the form alone does not tell its pronoun, so the TiMe stage decides it by
    context: `Самойленко`, `Элен` (indeclinable), `Blanche`, `Ростова` (Ростов's or Ростова).

    With `value` a possessive (`моя`), the form is read as a possessive adjective:
    `Петина` is моя or моего.
    """
    if value is not None and _e(value.lower()) in _possessive_forms():
        return len({possessive_pronoun(r, "me") for r in possessive_readings(form)}) > 1
    return len({ME_FORMS[c] for c in name_cases(form)}) > 1


@lru_cache(maxsize=None)
def _possessive_forms() -> frozenset:
    """моя, моего, … твоими: every value a possessive entry can have."""
    return frozenset(_e(possessive_pronoun(r, person)) for readings in POSSESSIVE_ENDINGS.values()
                     for r in readings for person in ("me", "ti"))


def known_reading(text: str, kind: str) -> str | None:
    """The reading of a form that does not depend on context, or None."""
    if kind == "possessive":
        readings = possessive_readings(text)
        return readings[0] if len({possessive_pronoun(r, "me") for r in readings}) == 1 else None
    cases = name_cases(text)
    return min(cases) if len({ME_FORMS[c] for c in cases}) == 1 else None


def preposition_cases(text: str, start: int) -> frozenset | None:
    """Cases allowed by a preposition before text[start:] (a title may stand between)."""
    for _ in range(3):
        match = _WORD_BEFORE_RE.search(text, 0, start)
        if not match:
            return None
        word = match.group(1).lower()
        if word in PREPOSITION_CASES:
            return PREPOSITION_CASES[word]
        if not is_title(word):
            return None
        start = match.start(1)
    return None


def sentence_window(text: str, start: int, stop: int) -> tuple[int, int]:
    """The sentence around text[start:stop] (approximately: cut at . ! ? …)."""
    left = max(text.rfind(ch, 0, start) for ch in ".!?…")
    ends = [i for i in (text.find(ch, stop) for ch in ".!?…") if i != -1]
    return left + 1, (min(ends) + 1 if ends else len(text))


def choose_case(allowed: frozenset, preposition: frozenset | None, tagged: str) -> str | None:
    """The case of one occurrence: natasha's tag if the form and a preposition before it allow
    it; else the one pronoun that the preposition leaves (`к Самойленко` -> мне)."""
    if preposition is not None:
        allowed = allowed & preposition or allowed
    if tagged in allowed:
        return tagged
    if len({ME_FORMS[c] for c in allowed}) == 1:
        return min(allowed)
    return None


def choose_possessive(allowed: tuple, case: str, gender: str) -> str | None:
    reading = f"{case} {gender}"
    if reading not in allowed and case == "accs" and gender in ("masc", "plur"):
        reading = f"gent {gender}"  # `Петина брата`: the animate accusative
    return reading if reading in allowed else None


def tag_context_cases(paragraphs: list[str], mentions: list[Mention]) -> list[Mention]:
    """Fill `reading` of ambiguous forms from their context: natasha's morph tag of the name's
    last word, checked against a preposition before it. A sample of each form is enough."""
    from razdel import tokenize as razdel_tokenize

    chosen: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        if mention.reading is None and len(chosen[mention.text]) < CONTEXT_SAMPLE:
            chosen[mention.text].append(index)
    jobs, sentences = [], []
    for indices in chosen.values():
        for index in indices:
            mention = mentions[index]
            text = paragraphs[mention.paragraph]
            left, right = sentence_window(text, mention.start, mention.stop)
            words = list(razdel_tokenize(nlp.for_natasha(text[left:right])))
            head = mention.start - left + mention.text.rfind(mention.text.split()[-1])
            position = next((k for k, w in enumerate(words) if w.start <= head < w.stop), None)
            if position is not None:
                jobs.append((index, position))
                sentences.append([w.text for w in words])
    result = list(mentions)
    markups = nlp.get_morph_tagger().map(sentences) if sentences else []
    for (index, position), markup in zip(jobs, markups):
        feats = markup.tokens[position].feats
        mention = mentions[index]
        case = _UD_CASES.get(feats.get("Case", ""))
        if case is None:
            continue  # natasha gives Latin words (POS X) no case: no vote
        if mention.kind == "possessive":
            gender = "plur" if feats.get("Number") == "Plur" else _UD_GENDER.get(feats.get("Gender", ""), "")
            reading = choose_possessive(possessive_readings(mention.text), case, gender)
        else:
            preposition = preposition_cases(paragraphs[mention.paragraph], mention.start)
            reading = choose_case(name_cases(mention.text), preposition, case)
        if reading is not None:
            result[index] = Mention(mention.paragraph, mention.start, mention.stop, mention.text,
                                    mention.lemma, mention.kind, reading, mention.rule)
    return result


# ---------------------------------------------------------------- the whole search

@dataclass
class NameSearch:
    """Everything the search decided, for the stage log and for debugging."""

    mentions: list[Mention]
    lemmas: dict[str, tuple[bool, str]]  # candidate lemma -> (accepted, rule)
    evidence: dict[str, LemmaEvidence]
    tokens: list[Token] = field(default_factory=list, repr=False)
    book: BookWords | None = field(default=None, repr=False)


@lru_cache(maxsize=None)
def _is_first_name(lemma: str) -> bool:
    return any("Name" in p.tag and _e(p.normal_form) == lemma for p in _parses(lemma))


def search_names(paragraphs: list[str], progress: bool = False) -> NameSearch:
    """Find the book's names (two passes over all its paragraphs) and every mention of them."""
    tokens = tokenize(paragraphs)
    attach_entities(tokens, tag_entities(paragraphs, progress))
    evidence = collect_evidence(tokens)
    verdicts = {lemma: judge_lemma(ev) for lemma, ev in evidence.items()}
    book = BookWords({lemma for lemma, (ok, _) in verdicts.items() if ok}, Counter(t.text for t in tokens),
                     evidence, paragraphs)
    first_names = {lemma for lemma in book.accepted if _is_first_name(lemma)}

    mentions: list[Mention] = []
    tagged: dict[int, list[Token]] = defaultdict(list)
    rules: dict[int, str] = {}
    for number, token in enumerate(tokens):
        if not is_capitalised(token.text):
            continue
        following = tokens[number + 1] if number + 1 < len(tokens) else None
        owner = possessive_owner(token.text, first_names)
        if owner and (token.ner != "PER" or _before_noun(token, following)):
            mentions.append(Mention(token.paragraph, token.start, token.stop, token.text, owner,
                                    "possessive", known_reading(token.text, "possessive"), "possessive"))
        elif is_name_word(token, book):
            ok, rule = judge_token(token, book)
            if ok:
                tagged[token.paragraph].append(token)
                rules[id(token)] = rule
    for index, words in tagged.items():
        text = paragraphs[index]
        for start, stop, group, first in group_spans(text, words):
            form = text[start:stop]
            lemma = " ".join(main_lemma(w) for w in group)
            mentions.append(Mention(index, start, stop, form, lemma, "name", known_reading(form, "name"),
                                    rules[id(first)]))
    mentions.sort(key=lambda m: (m.paragraph, m.start))
    return NameSearch(tag_context_cases(paragraphs, mentions), verdicts, evidence, tokens, book)


def find_name_mentions(paragraphs: list[str], progress: bool = False) -> list[Mention]:
    """Every person-name mention (and possessive adjective of a name) in a book's paragraphs.

    Give it the whole book: the names are learnt from all of it (NER tags most mentions;
    the rest are found as other occurrences of the names it tagged).
    """
    return search_names(paragraphs, progress).mentions


# ---------------------------------------------------------------- dictionaries

def vote_reading(text: str, kind: str, readings: Iterable[str | None]) -> str:
    """The reading to write for a form: its only one, else the commonest in context, else a guess."""
    known = known_reading(text, kind)
    if known:
        return known
    if kind == "possessive":
        allowed = possessive_readings(text)
        pronoun = lambda r: possessive_pronoun(r, "me")  # noqa: E731
    else:
        allowed = tuple(c for c in CASES if c in name_cases(text))
        pronoun = lambda r: ME_FORMS[r]  # noqa: E731
    votes = Counter(pronoun(r) for r in readings if r in allowed)
    if votes:
        best = votes.most_common(1)[0][0]
        return next(r for r in allowed if pronoun(r) == best)
    if kind == "name" and "nomn" in allowed:
        return "nomn"
    return allowed[0]


def build_mappings(mentions: Iterable[Mention]) -> tuple[dict[str, str], dict[str, str]]:
    """dict_me / dict_ti entries: every form -> я/меня/мне/мной (ты/...); possessives -> мой/твой."""
    readings: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for mention in mentions:
        readings[mention.text][mention.kind].append(mention.reading)
    me_map: dict[str, str] = {}
    ti_map: dict[str, str] = {}
    for text, kinds in readings.items():
        kind = max(kinds, key=lambda k: (len(kinds[k]), k == "name"))  # a form read both ways
        reading = vote_reading(text, kind, kinds[kind])
        if kind == "possessive":
            me_map[text], ti_map[text] = possessive_pronoun(reading, "me"), possessive_pronoun(reading, "ti")
        else:
            me_map[text], ti_map[text] = ME_FORMS[reading], TI_FORMS[reading]
    return me_map, ti_map


# ---------------------------------------------------------------- the stage

def _search_book(paragraphs: list[str]) -> NameSearch:
    """In a worker process: the search, without the tokens (no need to pickle them back)."""
    search = search_names(paragraphs)
    search.tokens, search.book = [], None
    return search


def _search_books(ctx, books) -> list[NameSearch]:
    quiet = bool(getattr(ctx.options, "quiet", False))
    if len(books) > 1 and ctx.workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        from tqdm import tqdm

        with ProcessPoolExecutor(max_workers=min(ctx.workers, len(books))) as pool:
            jobs = pool.map(_search_book, [book.paragraphs for book in books])
            return list(tqdm(jobs, total=len(books), desc="   names", unit="book", leave=False, disable=quiet))
    return [search_names(book.paragraphs, progress=not quiet and len(book.paragraphs) > 500) for book in books]


def run_stage(ctx) -> dict:
    """The `names` stage: dict_me.py and dict_ti.py for all the books (merged into one pair)."""
    from .dicts import check_existing, write_dictionary
    from .pipeline import DICT_ME, DICT_TI

    force = bool(getattr(ctx.options, "force", False))
    keep = {name: check_existing(ctx.path(name), force) for name in (DICT_ME, DICT_TI)}
    for name, kept in keep.items():
        if kept:
            ctx.log(f"   {ctx.path(name)}: edited by you, kept as it is "
                    "(re-run with --force to regenerate it from the book)")
    if all(keep.values()):
        return {"dictionaries kept (edited)": 2}

    books = ctx.load_books()
    searches = _search_books(ctx, books)
    mentions: list[Mention] = []
    for book, search in zip(books, searches):
        mentions.extend(search.mentions)
        _log_book(ctx, book.path, search)
    me_map, ti_map = build_mappings(mentions)
    if not me_map:
        ctx.log("   no person names found: the dictionaries are written with no entries "
                "(add names by hand, then re-run with --from time)")
    for name, mapping, person in ((DICT_ME, me_map, "me"), (DICT_TI, ti_map, "ti")):
        if not keep[name]:
            write_dictionary(ctx.path(name), mapping, person, *ctx.books_origin())
    dependent = sum(is_context_dependent(form, value) for form, value in me_map.items())
    ctx.log(f"   {len(me_map)} forms in the dictionaries, {dependent} of them decided by context "
            "in the TiMe stage (indeclinable, Latin-script or ambiguous forms)")
    names = {main_lemma(word) for m in mentions if m.kind == "name" for word in WORD_RE.findall(m.text)
             if word.lower() not in PARTICLES}
    counts = {"names found": len(names), "name forms": len(me_map),
              "name mentions": sum(m.kind == "name" for m in mentions)}
    if any(keep.values()):  # said in the summary too, which -q still prints
        counts["dictionaries kept (edited)"] = sum(keep.values())
    return counts


def _log_book(ctx, path, search: NameSearch) -> None:
    names = [m for m in search.mentions if m.kind == "name"]
    possessives = sum(m.kind == "possessive" for m in search.mentions)
    rejected = sorted((lemma for lemma, (ok, _) in search.lemmas.items() if not ok),
                      key=lambda lemma: -search.evidence[lemma].ner_per)
    by_rule = Counter(rule for ok, rule in search.lemmas.values() if not ok)
    ctx.log(f"   {path}: {len(names)} name mentions, {len(search.lemmas) - len(rejected)} name lemmas, "
            f"{possessives} possessive adjectives; dropped {len(rejected)} words NER took for names ("
            + ", ".join(f"{rule}: {n}" for rule, n in by_rule.most_common()) + ")"
            + (f", e.g. {', '.join(rejected[:6])}" if rejected else ""))
    if getattr(ctx.options, "debug_rules", False):
        for lemma, (ok, rule) in sorted(search.lemmas.items()):
            ev = search.evidence[lemma]
            ctx.log(f"      {'+' if ok else '-'} {lemma}: {rule} (PER {ev.ner_per}, mid-sentence PER "
                    f"{ev.ner_per_mid}, LOC/ORG {ev.ner_other}, after a title {ev.after_title}, "
                    f"capitalised mid-sentence {ev.cap_mid}, lower case {ev.lower})")
