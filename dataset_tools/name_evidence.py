"""What the whole book says about its names: the paradigm of each name and which "names" are animals.

    from dataset_tools.name_evidence import book_paradigms, is_animal
    book_paradigms(["Сисой", "Сисоя", "Сисою", "Сисоем"])["Сисой"]   -> frozenset({"nomn"})
    book_paradigms(["Сева", "Севе", "Севу", "Севой", "Севы"])["Сева"] -> frozenset({"nomn"})
    is_animal(["Каштанка виляла хвостом.", "Каштанка залаяла.", "Каштанка спала."])  -> True

pymorphy3 reads a name it does not know by its ending and often reads it wrong: `Сисой` as the
instrumental of a woman's name «Сиса», `Сева` as the genitive of «сев», `Вий` not at all. The book
itself settles it: all the forms it uses of one name fit one declension (Сисой, Сисоя, Сисою,
Сисоем are -й, the way Андрей declines), and that declension tells the case of each form. Only a
form that two declensions explain equally well is settled by pymorphy3's dictionary of first
names (`Кондрата`, `Кондрату` fit Кондрат and a «Кондрата» alike: Кондрат is the name), then by the
book's use of the nominative; else it is left to the dictionary and the context. Surnames and
patronymics have their own paradigms in `names` and are not read here.

An animal has a name like a person (`Каштанка`, `Муму`, `Федор Тимофеич` the cat), and FORMAT.md
§6 leaves animals alone. The book tells them apart: the sentences that mention them speak of
tails, paws, muzzles, barking and sniffing far more often than any person's do.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from . import nlp
from .diminutives import DIMINUTIVES

_VOWELS = "аеёиоуыэюя"

# First-name declensions (singular): ending -> cases. A stem must end in a consonant for the
# hard and soft masculine types (Иван, Игорь), in a vowel for -й (Андрей, Сисой, Вий, Василий).
DECLENSIONS: dict[str, dict[str, frozenset]] = {
    "masc_hard": {"": frozenset({"nomn"}), "а": frozenset({"gent", "accs"}), "у": frozenset({"datv"}),
                  "ом": frozenset({"ablt"}), "ем": frozenset({"ablt"}), "е": frozenset({"loct"})},
    "masc_j": {"й": frozenset({"nomn"}), "я": frozenset({"gent", "accs"}), "ю": frozenset({"datv"}),
               "ем": frozenset({"ablt"}), "е": frozenset({"loct"}), "и": frozenset({"loct"})},
    "masc_soft": {"ь": frozenset({"nomn"}), "я": frozenset({"gent", "accs"}), "ю": frozenset({"datv"}),
                  "ем": frozenset({"ablt"}), "е": frozenset({"loct"})},
    "a": {"а": frozenset({"nomn"}), "ы": frozenset({"gent"}), "и": frozenset({"gent"}),
          "е": frozenset({"datv", "loct"}), "у": frozenset({"accs"}), "ой": frozenset({"ablt"}),
          "ою": frozenset({"ablt"}), "ей": frozenset({"ablt"}), "ею": frozenset({"ablt"})},
    "ya": {"я": frozenset({"nomn"}), "и": frozenset({"gent"}), "е": frozenset({"datv", "loct"}),
           "ю": frozenset({"accs"}), "ей": frozenset({"ablt"}), "ею": frozenset({"ablt"})},
}
# Surnames in -ов/-ев/-ин/-ын compete too (masculine and feminine): a name is settled only where
# a first-name declension explains more of the book's forms than a surname does (`Сева, Севе,
# Севу, Севой, Севы` is Сева, not the surname Сев); `Ростов, Ростова` stays to the context.
SURNAME_DECLENSIONS: dict[str, dict[str, frozenset]] = {
    "surname_masc": {"": frozenset({"nomn"}), "а": frozenset({"gent", "accs"}), "у": frozenset({"datv"}),
                     "ым": frozenset({"ablt"}), "е": frozenset({"loct"})},
    "surname_femn": {"а": frozenset({"nomn"}), "ой": frozenset({"gent", "datv", "ablt", "loct"}),
                     "у": frozenset({"accs"})},
}
_SURNAME_STEM_RE = re.compile(r"(?:ов|ев|ёв|ин|ын)$")
# Patronymics and -ский surnames: names.SURNAME_PARADIGMS reads them. (An indeclinable name,
# `Самойленко`, `Элен`, `Кити`, fits no declension with two of its forms and is left out anyway.)
_NOT_FIRST_NAME_RE = re.compile(r"(?:[сц]к|[иы]ч|[оеи]вн|[иы]чн|ишн)(?:а|у|ем|ом|е|ой|ою|ий|ая|ую|ого|ому|им|ы|)$")


def _analyses(word: str) -> list[tuple[str, str, frozenset]]:
    """(declension, stem, cases) for every way a first-name declension can explain the word."""
    low = word.lower().replace("ё", "е")
    found = []
    for name, endings in DECLENSIONS.items():
        for ending, cases in endings.items():
            if not low.endswith(ending):
                continue
            stem = low[:len(low) - len(ending)]
            if len(stem) < 2 or not stem.isalpha():
                continue
            last = stem[-1]
            if name in ("masc_hard", "masc_soft") and (last in _VOWELS or last in "йь"):
                continue
            if name == "masc_j" and last not in _VOWELS:
                continue
            if name == "ya" and ending == "и" and last == "и":
                cases = frozenset({"gent", "datv", "loct"})  # Марии
            found.append((name, stem, cases))
    for name, endings in SURNAME_DECLENSIONS.items():
        for ending, cases in endings.items():
            stem = low[:len(low) - len(ending)] if low.endswith(ending) else ""
            if len(stem) > 3 and _SURNAME_STEM_RE.search(stem):
                found.append((name, stem, cases))
    return found


def book_paradigms(forms: Iterable[str]) -> dict[str, frozenset]:
    """{word: cases} for the words of the book's name forms whose declension the book settles.

    A declension with its stem "explains" the words it can produce; each word takes the cases of
    the explanation that covers the most distinct words of the book (then: whose nominative the
    book uses), if it covers at least two, no explanation giving other cases ranks as high, and
    it is no surname's. Other words are left out. A surname's genitive that is also a woman's
    nominative (`Обтесова`) is the man's where the book has his nominative (`Обтесов`) and no
    form only a woman's surname has (`Обтесовой`): masculine_surname_genitives.
    """
    forms = list(forms)  # read twice
    settled = {word: cases for word, (_, _, cases) in settled_analyses(forms).items()}
    return {**masculine_surname_genitives(forms), **settled}


def masculine_surname_genitives(forms: Iterable[str]) -> dict[str, frozenset]:
    """`Обтесова` beside `Обтесов` and no `Обтесовой`: the genitive (or accusative) of the man's
    surname, not a woman's nominative (`на розовое лицо Обтесова`)."""
    words = {w for form in forms for w in form.split() if w[:1].isupper() and w.isalpha()}
    found = {}
    for word in words:
        stem = word[:-1]
        if word.endswith("а") and _SURNAME_STEM_RE.search(stem.lower()) and stem in words \
                and stem + "ой" not in words and stem + "ою" not in words:
            found[word] = frozenset({"gent", "accs"})
    return found


def paradigm_stems(forms: Iterable[str]) -> set[tuple[str, str]]:
    """(declension, stem) of every first name whose declension the book's forms settle
    (`Степки`, `Степку` -> ("a", "степк")): its other case forms are that name too."""
    return {(name, stem) for name, stem, _ in settled_analyses(forms).values()}


def first_name_analyses(word: str) -> list[tuple[str, str, frozenset]]:
    """(declension, stem, cases) of the first-name declensions that can produce the word."""
    if _NOT_FIRST_NAME_RE.search(word.lower()):
        return []
    return [a for a in _analyses(word) if a[0] in DECLENSIONS]


def settled_analyses(forms: Iterable[str]) -> dict[str, tuple[str, str, frozenset]]:
    """{word: (declension, stem, cases)} of the words book_paradigms settles."""
    words = {w for form in forms for w in form.split() if w[:1].isupper() and w.isalpha()
             and not _NOT_FIRST_NAME_RE.search(w.lower())}
    support: dict[tuple[str, str], set[str]] = defaultdict(set)
    analyses = {word: _analyses(word) for word in words}
    for word, found in analyses.items():
        for name, stem, _ in found:
            support[(name, stem)].add(word.lower())
    lowered = {w.lower().replace("ё", "е") for w in words}

    def rank(analysis) -> tuple[int, bool, bool]:
        """How many of the book's words the declension explains; then whether pymorphy3's dictionary
        knows its nominative as a first name (`Кондрата, Кондрату` is Кондрат, not a «Кондрата»);
        then whether the book uses its nominative (`Мария, Марии, Марию` is Мария, not a «Марий»)."""
        name, stem, _ = analysis
        endings = {**DECLENSIONS, **SURNAME_DECLENSIONS}[name]
        nominative = next(e for e, c in endings.items() if "nomn" in c)
        return len(support[(name, stem)]), _known_first_name(stem + nominative), stem + nominative in lowered

    result = {}
    for word, found in analyses.items():
        if not found:
            continue
        best = max(rank(a) for a in found)
        top = [a for a in found if rank(a) == best]
        if best[0] >= 2 and len({a[2] for a in top}) == 1 and not any(a[0] in SURNAME_DECLENSIONS for a in top):
            result[word] = top[0]
    return result


@cache
def _known_first_name(word: str) -> bool:
    """pymorphy3's dictionary (not a guess) has the word as a first name in the nominative."""
    return any("Name" in p.tag and "nomn" in p.tag and p.word == word and len(p.methods_stack) == 1
               and type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer" for p in nlp.parse_word(word))


def settle_cases(word: str, dictionary_cases: frozenset, paradigms: dict[str, frozenset]) -> frozenset:
    """The cases of a name word: what pymorphy3 allows, narrowed by the book's declension of it
    (`Сева`: nom. or gen. of «сев» -> nom.); where they disagree, the book wins (`Сисой`)."""
    settled = paradigms.get(word)
    if settled is None:
        return dictionary_cases
    return (dictionary_cases & settled) or settled


# ---------------------------------------------------------------- animals

# Words that speak of an animal, by pymorphy3 normal form: its body, its sounds, its ways.
ANIMAL_WORDS = frozenset({
    "хвост", "хвостик", "лапа", "лапка", "морда", "мордочка", "шерсть", "клюв", "коготь", "копыто",
    "грива", "ошейник", "намордник", "конура", "кличка", "лаять", "залаять", "лай", "выть", "завыть",
    "скулить", "заскулить", "взвизгнуть", "визгнуть", "рычать", "зарычать", "мяукать", "мяукнуть",
    "мурлыкать", "ржать", "заржать", "ржание", "хрюкать", "гоготать", "загоготать", "обнюхивать",
    "обнюхать", "нюхать", "понюхать", "лизать", "облизать", "облизывать", "лизнуть", "вилять",
    "завилять", "ощетиниться", "собачий", "кошачий", "гусиный", "щенок", "песий", "крыло", "крылышко",
    # species a person is not called by (not собака or лошадь: hunters and riders have them)
    "гусь", "кот", "котёнок", "котенок", "свинья", "поросёнок", "поросенок", "хрюканье",
})
# Nouns of animals that name one in apposition (`свою собаку Милку`, `пёс Полкан`, `кобылу Машку`) and the word of an
# animal's name (`по кличке Жучка`): one such place in the book is enough (`animal_named_by_noun`).
ANIMAL_NOUNS = frozenset({
    "собака", "собачка", "собачонка", "пес", "песик", "кобель", "сука", "щенок", "лошадь", "лошадка", "конь",
    "конек", "кобыла", "кобылка", "мерин", "жеребец", "жеребенок", "кошка", "кот", "котенок", "свинья", "боров",
    "поросенок", "корова", "коровка", "бык", "теленок", "козел", "коза", "баран", "гусь", "попугай", "медведь",
})
_NAMING_WORDS = frozenset({"кличка"})
_SURNAME_RE = re.compile(r"(?:ов|ев|ёв|ин|ын|ск|цк)(?:а|у|ым|ом|ой|ою|е|ая|ий|ого|ому|им)?$")
ANIMAL_MIN_SENTENCES = 2
ANIMAL_MIN_SHARE = 0.15
_WORD_RE = re.compile(r"[^\W\d_]+")


@cache
def _normal(word: str) -> str:
    parses = nlp.parse_word(word.lower())
    return parses[0].normal_form.replace("ё", "е") if parses else word.lower()


def animal_sentences(sentences: Iterable[str]) -> tuple[int, int]:
    """(sentences that speak of an animal, all sentences)."""
    hits = total = 0
    for sentence in sentences:
        total += 1
        hits += any(_normal(w) in ANIMAL_WORDS for w in _WORD_RE.findall(sentence))
    return hits, total


def is_animal(sentences: Iterable[str]) -> bool:
    """The sentences that mention one name (and no other) speak of an animal often enough:
    at least 2 of them and 15 % (Каштанка 42 %, Муму 19 %, Блюхер 22 %; people 0–9 %)."""
    hits, total = animal_sentences(sentences)
    return hits >= ANIMAL_MIN_SENTENCES and hits >= ANIMAL_MIN_SHARE * total


# Latin spellings of Russian first names (French, German, English usage of the period's books):
# `Куда ты, Jean?` says Иван Ильич's wife; `Pierre` is Пьер/Пётр. A Latin word is a name of the book
# when it spells, or translates, a first name the book already uses in Cyrillic.
LATIN_EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "jean": ("иван", "жан"), "pierre": ("петр", "пьер"), "nicolas": ("николай",), "andré": ("андрей",),
    "andre": ("андрей",), "michel": ("михаил",), "marie": ("мария", "мари", "маша"), "hélène": ("елена", "элен"),
    "helene": ("елена", "элен"), "natalie": ("наталья", "наташа"), "nathalie": ("наталья", "наташа"),
    "catherine": ("екатерина", "катя"), "catiche": ("катя", "екатерина"), "sophie": ("софья", "соня"),
    "alexandre": ("александр",), "paul": ("павел", "поль"), "basile": ("василий",), "georges": ("георгий", "жорж"),
    "julie": ("юлия", "жюли"), "anne": ("анна",), "annette": ("анна",), "lise": ("лиза", "елизавета"),
    "louise": ("луиза",), "vasili": ("василий",), "boris": ("борис",), "ivan": ("иван",), "fédor": ("федор",),
    "theodore": ("федор",), "eugène": ("евгений",), "eugene": ("евгений",), "serge": ("сергей",),
    "alexis": ("алексей",), "dmitri": ("дмитрий",), "nicolai": ("николай",), "véra": ("вера",), "vera": ("вера",),
    "maria": ("мария",), "mimi": ("мими",), "lili": ("лили",), "wolodia": ("володя",), "natacha": ("наташа",),
}

_LATIN_LETTERS = {"a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
                  "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
                  "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "и", "z": "з",
                  "é": "е", "è": "е", "ê": "е", "ë": "е", "ï": "и", "ô": "о"}
_LATIN_GROUPS = (("sch", "ш"), ("ch", "ш"), ("sh", "ш"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ya", "я"),
                 ("yu", "ю"), ("ou", "у"), ("ph", "ф"), ("th", "т"))


def latin_equivalents(word: str) -> frozenset:
    """Cyrillic lemmas a Latin-script name may stand for: `Jean` -> иван, жан; `Boris` -> борис."""
    low = word.lower()
    if not low.isascii() and not all(ch in _LATIN_LETTERS or ch.isascii() for ch in low):
        return frozenset()
    found = set(LATIN_EQUIVALENTS.get(low, ()))
    spelled = low
    for group, letter in _LATIN_GROUPS:
        spelled = spelled.replace(group, letter)
    spelled = "".join(_LATIN_LETTERS.get(ch, ch) for ch in spelled)
    found.add(spelled)
    if spelled.endswith("е") and len(spelled) > 3:
        found.add(spelled[:-1])  # Pierre -> пьерр -> (пьер via the table); Blanche -> бланш
    return frozenset(found)


# Diminutives (issue 9, round 9): `Варенька`, `Варечка` of the book's Варя, `Прошка` of its Прохор, `Дронушка` of
# Дрон. A capitalised word ending in a diminutive suffix whose root begins a first name of the book (х, с, г, к before
# the suffix turn into ш: Прохор -> Прошка, Михаил -> Мишка, Алексей -> Алешка) is that name's diminutive.
_CASE_ENDING = re.compile(r"(?:ами|ями|ой|ою|ей|ею|ом|ем|а|я|у|ю|е|и|ы|о)$")
_DIMINUTIVE_SUFFIX = re.compile(r"(?:еньк|оньк|ечк|очк|ичк|ушк|юшк|уш|юш|ньк|ьк|к)$")


def diminutive_base(word: str, first_names: Iterable[str]) -> str | None:
    """The first name of the book (a lemma of `first_names`) this capitalised word is a diminutive of:
    `Вареньку` -> варя, `Прошка` -> прохор; None for a word with no diminutive suffix, a root under three letters
    or over five (`Костромка` is no Костя), a common noun, or two first names that fit. The editor's table
    (diminutives.DIMINUTIVES: `Петька`, `Мишка`) comes first."""

    low = word.lower().replace("ё", "е")
    table = [f for f in DIMINUTIVES.get(_normal(word), ()) if f in first_names]
    if len(table) == 1:
        return table[0]  # `Петька` -> петр, `Мишка` -> михаил (diminutives.DIMINUTIVES, the editor's table)
    parses = nlp.parse_word(low)
    if parses and parses[0].is_known and parses[0].tag.POS == "NOUN" and not {"Name", "Surn", "Patr"} & set(
            parses[0].tag.grammemes):
        return None  # a common noun (`Булку?`: a bun)
    stem = _CASE_ENDING.sub("", low)
    root = _DIMINUTIVE_SUFFIX.sub("", stem)
    if root == stem or not 3 <= len(root) <= 5 or not root.isalpha():
        return None
    found = {name for name in first_names if name != low and _diminutive_root(root, name)}
    return found.pop() if len(found) == 1 else None


def _diminutive_root(root: str, name: str) -> bool:
    """Does a diminutive's root fit this first name? A name in -а/-я keeps its stem (`вар` of Варя, `маш` of Маша;
    not `мар` of Марья: `Марушка` in «Хаджи-Мурат» is «жена»), unless the root is four letters or more (`праск` of
    Прасковья); another name may be cut short (`пет` of Петр) and turn х, с, г, к into ш (`прош` of Прохор)."""
    if name.endswith(("а", "я")):
        return root == name[:-1] or len(root) >= 4 and name.startswith(root)
    if root == name:
        return True  # `Дронушка`, `Иванушка`
    if len(root) < 4 or len(root) < len(name) - 2:
        return False  # `бул` is no Булат (`Булку?` is a bun); Петька, Мишка are in diminutives.DIMINUTIVES
    return name.startswith(root) or root[-1] == "ш" and name.startswith(root[:-1]) and name[len(root) - 1:len(root)] in (
        "х", "с", "г", "к")


def animal_named_by_noun(word_before: str, name: str) -> bool:
    """`собаку Милку`, `пёс Полкан`, `с кобылой Машкой`, `кличке Жучка`: the word before the name is an animal
    noun agreeing with it in case, or the word кличка. Not an owner (`лошадь Балашева`, `коня Ивана`): a name form
    that may be a person's genitive (pymorphy3: a Name/Surn/Patr reading in the genitive singular) does not count,
    nor a surname, nor a plural noun (`лошадей Ростов`)."""
    before = [p for p in nlp.parse_word(word_before.lower()) if p.tag.POS == "NOUN"]
    if any(p.normal_form.replace("ё", "е") in _NAMING_WORDS for p in before):
        return True
    animal = [p for p in before if p.normal_form.replace("ё", "е") in ANIMAL_NOUNS]
    if not animal:
        return False
    # a masculine animal's accusative is its genitive (`коня Карагеза`: whose horse?): only other cases tell
    nouns = {p.tag.case for p in animal if p.tag.number == "sing"
             and not (p.tag.case == "accs" and p.tag.gender == "masc")} - {"gent"}
    parses = [p for p in nlp.parse_word(name.lower()) if p.tag.POS == "NOUN"]
    owner = any(p.tag.case == "gent" and p.tag.number == "sing" and {"Name", "Surn", "Patr"} & set(p.tag.grammemes)
                for p in parses)
    # a surname is a person's (`лошадь Ростов`, `лошади Ростову`: the horse and the rider in one clause)
    surname = _SURNAME_RE.search(name.lower()) or any("Surn" in p.tag for p in parses)
    return bool({p.tag.case for p in parses if p.tag.number == "sing"} & nouns) and not owner and not surname
