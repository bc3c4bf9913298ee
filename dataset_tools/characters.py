"""The people of a book from the forms of its TiMe dictionary: who is who (FORMAT.md §8).

    from dataset_tools.characters import build_cast
    cast = build_cast({"Николай Петрович": 40, "Николая Петровича": 12, "Кирсанов": 3,
                       "Павел Петрович": 30, "Аркадий": 50, "Аркаша": 4})
    cast.character_of("Аркаша")      -> the character named "Аркадий"
    cast.character_of("Кирсанов")    -> None: two people share the surname

Each dictionary form is read into slots: first name (canonical: `Митя`, `Митенька` are
`Дмитрий`), patronymic, surname (with its gender: `Одинцова` is not `Одинцов`). Forms are joined
into one person when their slots agree and they share one; a form that fits two people
(`Кирсанов` beside `Николай Петрович Кирсанов` and `Павел Петрович Кирсанов`, `Николай` beside two
Николаи with different patronymics) belongs to nobody: a wrong speaker is worse than none.
The person's name is the nominative form the book uses most (`Базаров`, `Николай Петрович`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dicts import ME_FORMS
from .diminutives import DIMINUTIVES
from .grammar import POSSESSIVE
from .names.forms import (PARTICLES, WORD_RE, _e, _from_dictionary, _person_parses, known_name, main_lemma,
                          name_roles, name_word_cases)

NARRATOR = "рассказчик"  # a first-person narrator (`сказал я`), FORMAT.md §8

# (`Танька` -> `Таня`, `Машка` -> `Маша` only when the book has that first name: canonical_first_name)
_DIMINUTIVE_SUFFIX = re.compile(r"(?:очка|ечка|енька|онька|уша|юша|ушка|юшка|ок|ек|ька|ка)$")


@dataclass(frozen=True)
class Slots:
    """What a name form says about a person: first name, patronymic, surname (with gender)."""

    first: str = ""
    patronymic: str = ""
    surname: str = ""
    gender: str = ""  # "masc", "femn" or "" when the form does not tell

    def items(self) -> dict[str, str]:
        return {k: v for k, v in (("first", self.first), ("patronymic", self.patronymic),
                                  ("surname", self.surname)) if v}


@dataclass
class Character:
    name: str
    gender: str = ""
    forms: list[str] = field(default_factory=list)
    slots: dict[str, str] = field(default_factory=dict)


@dataclass
class Cast:
    """The book's people and which character each dictionary form names (None: ambiguous)."""

    characters: list[Character] = field(default_factory=list)
    of_form: dict[str, int | None] = field(default_factory=dict)

    def character_of(self, form: str) -> Character | None:
        index = self.of_form.get(form)
        return self.characters[index] if index is not None else None

    def find(self, name: str) -> Character | None:
        """A character by its name or any of its forms, case and ё ignored."""
        key = _e(name.strip().lower())
        for character in self.characters:
            if _e(character.name.lower()) == key or any(_e(f.lower()) == key for f in character.forms):
                return character
        return None


def _gender(word: str) -> str:
    genders = {str(p.tag.gender) for p in _person_parses(word)
               if p.tag.gender in ("masc", "femn") and _from_dictionary(p)}  # not a guess
    return genders.pop() if len(genders) == 1 else ""


def canonical_first_name(lemma: str, book_first_names: set[str]) -> str:
    """`митя` -> `дмитрий` when the book has a Дмитрий (or the table knows only one full name);
    `зиночка` -> `зина` -> `зинаида` through the suffix rule and the table."""
    seen = set()
    while lemma not in seen:
        seen.add(lemma)
        full = DIMINUTIVES.get(lemma)
        if full:
            present = [f for f in full if f in book_first_names]
            if len(present) == 1 or len(full) == 1:
                lemma = present[0] if present else full[0]
                continue
            return lemma
        stem = _DIMINUTIVE_SUFFIX.sub("", lemma)
        if stem != lemma:
            bases = [b for b in (stem + "а", stem + "я", stem) if b in book_first_names and b != lemma]
            if len(bases) == 1:
                lemma = bases[0]
                continue
        return lemma
    return lemma


FEMALE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына|ская|цкая)$")  # a nominative: Одинцова, Лаевская
_ENDINGS = re.compile(r"(?:ого|ему|ому|ой|ей|ом|ем|ою|ею|ым|им|ая|а|я|у|ю|е|ы|и|й|ь)$")


def stem(lemma: str) -> str:
    """One key for the case forms of a name pymorphy3 does not know: `астлей`, `астлея` -> `астле`;
    the fleeting vowel too: `цыганок`, `цыганка` -> `цыганк`."""
    key = _ENDINGS.sub("", lemma) if len(lemma) > 3 else lemma
    if key != lemma and key[-1:] in "йь" and len(key) > 3:
        key = key[:-1]  # pymorphy3's guessed lemma `астлейя` for Астлей
    return re.sub(r"([бвгдзклмнпрстфхцчшщ])[оe]([кц])$", r"\1\2", key)


def read_slots(form: str, book_first_names: set[str], nominative: bool = True,
               surnames: frozenset = frozenset()) -> Slots | None:
    """Slots of one dictionary form; None for a possessive adjective or a form with no name word.
    `surnames`: one-word forms the book declines as surnames (`surname_words`)."""
    all_words = WORD_RE.findall(form)
    if all_words and all_words[0].lower() in PARTICLES and len(all_words) > 1 and known_name(all_words[1]):
        return None  # `де Дмитрий Федорович` is `где Дмитрий …` cut short, not a `де` surname
    # initials (`Евгений Павлович Р.`) say nothing the full name does not
    words = [w for w in all_words if w.lower() not in PARTICLES and len(w) > 1]
    if not words:
        return None
    if len(words) > 1 and not frozenset.intersection(*(name_word_cases(w) for w in words)):
        return None  # `Ноздрева Чичиков`: two people side by side, not one name
    slots = {"first": "", "patronymic": "", "surname": ""}
    gender = ""
    particle = any(w.lower() in PARTICLES for w in WORD_RE.findall(form))
    for position, word in enumerate(words):
        roles = name_roles(word)
        lemma = stem(main_lemma(word))
        if len(words) == 1 and word in surnames:
            roles, lemma = frozenset({"S"}), stem(_e(word.lower()))
        gender = gender or (_gender(word) if nominative or "N" in roles else "")
        if "P" in roles and position > 0 and not slots["patronymic"] and "N" not in roles - {"P"}:
            slots["patronymic"] = lemma
        elif "N" in roles and not slots["first"] and not particle and (position == 0 or "S" not in roles) \
                and (len(words) == 1 or known_name(word) or main_lemma(word) in DIMINUTIVES):
            slots["first"] = stem(canonical_first_name(main_lemma(word), book_first_names))
        elif "P" in roles and len(words) == 1:
            slots["patronymic"] = lemma  # `Савельич`, `Борисыч`: a person called by the patronymic
        elif not slots["surname"]:
            # A surname keeps the form's gender: `Одинцова` and `Одинцов` are two people.
            # (`Вельчанинова` may be his genitive: only a nominative form tells the gender)
            female = _gender(word) == "femn" or bool(FEMALE_SURNAME.search(word.lower()))
            # a nominative form tells the gender: `Одинцов` and `Одинцова` are two people
            slots["surname"] = lemma + (("/ж" if female else "/м") if nominative else "")
        else:
            return None
    if particle and not slots["surname"]:
        slots["surname"], slots["first"] = slots["first"], ""
    return Slots(slots["first"], slots["patronymic"], slots["surname"], gender)


_SURNAME_SHAPE = re.compile(r"(?:ов|ев|ёв|ин|ын)$")


def _surname_not_plural_name(word: str) -> bool:
    """`Радилов`, `Каратаев`, `Чертопханов` in the nominative: pymorphy3 reads them only as the genitive
    plural of a first name (`Радил`, `Каратай`), so the book's nominative form is a surname — else it
    would be a person of its own beside the surname's oblique forms (`Радилова`, `Радилову`)."""
    names = [p for p in _person_parses(word) if "Name" in p.tag]
    return bool(_SURNAME_SHAPE.search(word.lower())) and bool(names) and all("plur" in p.tag for p in names)


def surname_words(values: dict[str, str]) -> frozenset:
    """Nominative one-word forms read as surnames though pymorphy3 reads a plural first name: the book
    declines them as a surname too (`Радилов` with `Радилова`, `Радилову`); `Яковов` (of the Яковы) has no
    such forms and stays what it was."""
    return frozenset(f for f, v in values.items() if " " not in f and v == ME_FORMS["nomn"]
                     and _surname_not_plural_name(f) and any(f + e in values for e in ("а", "у", "ым", "е")))


def _same(a: str | None, b: str, slot: str) -> bool:
    if a == b:
        return True
    # a surname seen only in an oblique case (`Одинцовой`) has no gender mark: it fits either
    return slot == "surname" and a is not None and ("/" in a) != ("/" in b) and a.split("/")[0] == b.split("/")[0]


def _compatible(person: dict[str, str], slots: dict[str, str]) -> bool:
    return all(k not in person or _same(person[k], v, k) for k, v in slots.items())


def _shares(person: dict[str, str], slots: dict[str, str]) -> bool:
    return any(_same(person.get(k), v, k) for k, v in slots.items())


_POSSESSIVE_VALUES = frozenset(_e(p) for p in POSSESSIVE["me"])
_POSSESSIVE_RE = re.compile(r"(.+?)ин(?:а|о|ы|ой|ою|ого|ому|ом|ую|ым|ых|ыми|е)?$")


def possessive_forms(values: dict[str, str]) -> dict[str, str | None]:
    """The possessive adjectives of a me-dictionary (`Петина`: `моя`) with the stem their owner's
    first name is built on (`пет`), None if the form has no `-ин-`. A run over many books reads
    one dictionary: compute this once and pass it to every `build_cast`."""
    found = {}
    for form, value in values.items():
        if _e(value.lower()) in _POSSESSIVE_VALUES:
            match = _POSSESSIVE_RE.match(_e(form.lower()))
            found[form] = match.group(1) if match else None
    return found


def build_cast(form_counts: dict[str, int], values: dict[str, str] | None = None,
               possessive: dict[str, str | None] | None = None) -> Cast:
    """The characters of a book from its dictionary forms and how often the book uses each.

    `values` (the me-dictionary) tells the nominative forms (`я`) that may name a person and the
    possessive adjectives (`моя`), which belong to the owner of their first name;
    `possessive` is `possessive_forms(values)` when the caller has it already.
    """
    values = values or {}
    if possessive is None:
        possessive = possessive_forms(values)
    single = {f for f in values if " " not in f}
    forms = [f for f in form_counts if f not in possessive and not _two_people(f, values, single)]
    first_lemmas = {main_lemma(w) for f in forms for w in WORD_RE.findall(f) if "N" in name_roles(w)}
    surnames = surname_words(values)
    read = {f: read_slots(f, first_lemmas, values.get(f, ME_FORMS["nomn"]) == ME_FORMS["nomn"], surnames)
            for f in forms}
    # The most specific forms first: they found the people, shorter forms join them.
    order = sorted((f for f in forms if read[f]),
                   key=lambda f: (-len(read[f].items()), -form_counts.get(f, 0), f))
    people: list[dict[str, str]] = []
    genders: list[str] = []
    members: list[list[str]] = []
    cast = Cast()
    shared: dict[str, list[int]] = {}  # forms that fit several people: `Кирсанов`, `Бульба`
    for form in order:
        slots = read[form].items()
        gender = read[form].gender
        if len(slots) == 1:  # one word: `Кирсанов` may be read as a first name or a surname
            value = next(iter(slots.values()))
            fits = [i for i, p in enumerate(people) if any(_same(v, value, "surname") for v in p.values())
                    and not (gender and genders[i] and gender != genders[i])]
        else:
            fits = [i for i, p in enumerate(people) if _compatible(p, slots) and _shares(p, slots)
                    and not (gender and genders[i] and gender != genders[i])]
        if not fits and len(slots) > 1:
            fits = _married_name(people, genders, slots, gender)
        if len(fits) > 1 and len(slots) > 1:
            best = max(len(set(slots.items()) & set(people[i].items())) for i in fits)
            fits = [i for i in fits if len(set(slots.items()) & set(people[i].items())) == best]
        if len(fits) == 1:
            for key, value in slots.items():
                if key not in people[fits[0]] or "/" in value:
                    people[fits[0]][key] = value
            genders[fits[0]] = genders[fits[0]] or gender
            members[fits[0]].append(form)
        elif not fits:
            people.append(dict(slots))
            genders.append(gender)
            members.append([form])
        else:
            shared[form] = fits
    for index, (slots, gender, group) in enumerate(zip(people, genders, members)):
        nominative = [f for f in group if values.get(f, ME_FORMS["nomn"]) == ME_FORMS["nomn"]] or group
        plain = [f for f in nominative if "." not in f] or nominative  # not `I. Вельчанинов`
        name = max(plain, key=lambda f: (form_counts.get(f, 0), -len(f.split()), -len(f)))
        cast.characters.append(Character(name, gender, sorted(group), slots))
        for form in group:
            cast.of_form[form] = index
    for form, fits in shared.items():
        # A family's bare surname is the one the book writes with that surname far most often
        # (`Тарас Бульба` 11 times, `Остап Бульба` once: `сказал Бульба` is Тарас); two people
        # written alike (`Николай Петрович Кирсанов`, `Павел Петрович Кирсанов`) stay apart: nobody's.
        # Only a surname in the nominative (`Бульба`): `Лебедева` is also the genitive of `Лебедев`.
        # Else the one the book names far most often by any form (`Федор Иваныч` hundreds of times,
        # his grandfather `Андрея Лаврецкого` twice: `сказал Лаврецкий` is Федор Иваныч).
        word = form.lower()
        owner = None
        if _nominative_surname(read[form], values.get(form, ME_FORMS["nomn"])):
            owner = _dominant(fits, [sum(form_counts.get(f, 0) for f in members[i] if " " in f
                                         and word in f.lower().split()) for i in fits])
            if owner is None:
                owner = _dominant(fits, [sum(form_counts.get(f, 0) for f in members[i]) for i in fits],
                                  least=MENTIONED_OWNER)
        cast.of_form[form] = owner
        if owner is not None:
            cast.characters[owner].forms.append(form)
    if BARE_FIRST_NAMES:
        _bare_first_names(cast, shared, read, form_counts, members, values)
    by_form: dict[str, set[int]] = {}
    for index, character in enumerate(cast.characters):
        for form in character.forms:
            by_form.setdefault(_e(form.lower()), set()).add(index)
    for form, base in possessive.items():
        owner = _possessive_owner(base, by_form)
        cast.of_form[form] = owner
        if owner is not None:
            cast.characters[owner].forms.append(form)
            by_form.setdefault(_e(form.lower()), set()).add(owner)
    for character in cast.characters:
        character.forms.sort()
    return cast


BARE_FIRST_NAMES = True  # round 9: a first name the book uses on its own far most often is one person
BARE_NAME_OWN = 20  # ... used on its own at least this often


def _bare_first_names(cast: Cast, shared: dict[str, list[int]], read: dict[str, Slots],
                      form_counts: dict[str, int], members: list[list[str]], values: dict[str, str]) -> None:
    """`Пьер` 900 times on its own, `Пьер Безухов` twice, `Пьер Бомарше` once (in the notes): the bare name
    is the book's Пьер, whom it calls so. A first name fitting several full names, used on its own at least
    BARE_NAME_OWN times and DOMINANT_SHARE times as often as each bearer is named by all their forms, goes
    to the bearer who is named DOMINANT_SHARE times as often as each other, else it is a person of its own
    (`Николай` of the epilogue: `Николай Ростов` twice, `Николенька Болконский` twice). All cases of the
    name go together (`Пьера`, `Пьеру`). A rarer bare name (`Марья` a few times beside `Марья Дмитриевна`)
    stays nobody's, as before."""
    by_name: dict[tuple[str, str], list[str]] = {}
    for form, fits in shared.items():
        slots = read[form].items()
        if cast.of_form.get(form) is None and set(slots) == {"first"}:
            by_name.setdefault((slots["first"], main_lemma(form)), []).append(form)
    for (first, lemma), forms in by_name.items():
        fits = sorted({i for f in forms for i in shared[f]})
        bare = sum(form_counts.get(f, 0) for f in forms)
        mentions = [sum(form_counts.get(f, 0) for f in members[i]) for i in fits]
        # the bearer the book writes in full with this very word (`Пьер Безухов`, not `Петр Петрович` for `Петя`)
        written = [sum(form_counts.get(f, 0) for f in members[i] if " " in f
                       and main_lemma(WORD_RE.findall(f)[0]) == lemma) for i in fits]
        if bare < BARE_NAME_OWN or bare < DOMINANT_SHARE * max(mentions):
            continue
        owner = _dominant(fits + [-1], written + [0])
        if owner is None:
            nominative = [f for f in forms if values.get(f, ME_FORMS["nomn"]) == ME_FORMS["nomn"]] or forms
            name = max(nominative, key=lambda f: (form_counts.get(f, 0), f))
            genders = {read[f].gender for f in forms} - {""}
            cast.characters.append(Character(name, genders.pop() if len(genders) == 1 else "", [],
                                             {"first": first}))
            owner = len(cast.characters) - 1
        for form in forms:
            cast.of_form[form] = owner
            cast.characters[owner].forms.append(form)


DOMINANT_SHARE = 4  # the owner of a shared form is named this many times as often as each other


def _nominative_surname(slots: Slots, value: str) -> bool:
    """A bare first name is no family's: `Марья` need not be the Марья the book writes in full."""
    return value == ME_FORMS["nomn"] and set(slots.items()) == {"surname"}


MENTIONED_OWNER = 20  # a surname's owner by all their mentions: named at least this often


def _dominant(fits: list[int], mentions: list[int], least: int = 3) -> int | None:
    ranked = sorted(zip(mentions, fits), reverse=True)
    (top, index), (second, _) = ranked[0], ranked[1]
    return index if top >= least and top >= DOMINANT_SHARE * second else None


def _married_name(people: list[dict[str, str]], genders: list[str], slots: dict[str, str],
                  gender: str) -> list[int]:
    """`Варвары Павловны Лаврецкой` and `Варварой Павловной Коробьиной`: a woman's first name and
    patronymic with another surname is her maiden or married name, one person (two women of one
    first name and one patronymic do not meet in a book; for men the surname stays decisive)."""
    if gender != "femn" or not {"first", "patronymic", "surname"} <= set(slots):
        return []
    return [i for i, p in enumerate(people) if genders[i] == "femn" and "surname" in p
            and p.get("first") == slots["first"] and p.get("patronymic") == slots["patronymic"]]


_VALUE_CASES = {"я": {"nomn"}, "меня": {"gent", "accs"}, "мне": {"datv", "loct"}, "мной": {"ablt"}, "мною": {"ablt"}}
_ALL_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})


def _two_people(form: str, values: dict[str, str], single: set[str]) -> bool:
    """`Марьей Дмитриевной Бутлеру`: a name (мной) and another person's surname in another case.
    The surname's cases are its readings; an unknown surname that the book also declines
    (`Бутлер`, `Бутлеру`) is in the case of its own dictionary value, not in any case."""
    head, _, last = form.rpartition(" ")
    if not head or head not in values or last not in values:
        return False
    head_cases = _VALUE_CASES.get(values[head].lower())
    cases = set(name_word_cases(last))
    if cases == _ALL_CASES and any(f != last and len(f) >= 4 and last.startswith(f[:len(last) - 2])
                                   and abs(len(f) - len(last)) <= 2 for f in single):
        cases = _VALUE_CASES.get(values[last].lower(), cases)
    return bool(head_cases) and not head_cases & cases


def _possessive_owner(base: str | None, by_form: dict[str, set[int]]) -> int | None:
    """`Петина`, `Машиной` (stem `пет`, `маш`) belong to the one character whose first name is
    Петя / Маша; `by_form`: the characters of each form, lower case, ё as е."""
    if base is None:
        return None
    owners = by_form.get(base + "а", set()) | by_form.get(base + "я", set())
    return next(iter(owners)) if len(owners) == 1 else None
