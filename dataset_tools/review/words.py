"""Words of a source line and its rewrite, aligned, and the small readings the checks share."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .. import nlp
from ..grammar import PERSONAL, PERSONAL_VARIANTS
from ..names.forms import TITLES

_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = ".!?…"
# 1st-person spellings of prepositions (ко мне, со мной, обо мне, во мне, надо мной, подо мной,
# передо мной) and the pronoun forms they go with; before тебе/тобой and before мой/твой the
# preposition is written bare (к тебе, с моей).
O_FORMS = {"ко": ("к", {"мне"}), "со": ("с", {"мной", "мною"}), "обо": ("о", {"мне"}), "во": ("в", {"мне"}),
           "надо": ("над", {"мной", "мною"}), "подо": ("под", {"мной", "мною"}),
           "передо": ("перед", {"мной", "мною"})}
_BARE_FORMS = {bare: o_form for o_form, (bare, _) in O_FORMS.items()}
# Deliberately separate from names/rules.PLACE_PREPOSITIONS (a choice of the names stage, not a language fact).
# Prepositions of place before a pronoun in the locative or genitive: `в Зарецке` -> `во мне`,
# `из Петербурга` -> `из меня` read as places far more often than as persons.
PLACE_PREPOSITIONS = {"в": {"мне", "тебе"}, "во": {"мне", "тебе"}, "из": {"меня", "тебя"},
                      "изо": {"меня", "тебя"}, "на": {"мне", "тебе"}}
# Words that keep a name as written: naming constructions (FORMAT.md §6).
NAMING_WORDS = {"зовут", "звали", "зовите", "зови", "назвали", "назвал", "назвала", "называют", "называли",
                "называлась", "назывался", "называется", "прозвание", "прозванье", "называл", "называла",
                "называйте", "называй", "называть", "звать", "величать", "величают", "кличут", "прозвали",
                "имени", "имя", "фамилия", "фамилию", "фамилией", "прозвище", "прозвищу", "кличка",
                "отчество", "написано", "подписано"}
NAMING_SELF = {"я", "ты", "вы"}  # deliberately a copy of pronouns/naming.NAMING_SELF: review judges the rule's naming
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})  # pymorphy3's readings of a first name, surname, patronymic
_PARTICLES = {"не", "ни", "же", "ж", "ли", "бы", "б", "уж", "уже", "тоже", "также", "ведь", "вот", "то", "и"}


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    stop: int
    low: str  # lower case, ё as е: what the alignment compares


@dataclass
class Pair:
    """A source line and its rewrite, word by word, with what the rewrite changed."""

    source: str
    out: str
    person: str
    names: dict  # first word of a dictionary form -> the forms (as word lists) with a value
    src_words: list[Word]
    out_words: list[Word]
    changed: list[bool]  # per out word: not copied from the source
    origin: list[int | None]  # per out word: the source word it was copied from
    opcodes: list = field(default_factory=list)  # difflib's, source words -> out words
    values: dict = field(default_factory=dict)  # dictionary form -> its value (when the caller gave them)
    book: object = None  # review.book.BookEvidence of the run, when the caller has it (book_checks)
    before: str = ""  # the source replica before this one in the same dialogue ("" at its start)


class KeyIndex(dict):
    """key_index's result: forms by first word, and the values of the forms (`values_by_form`)."""

    values_by_form: dict
    all_forms: frozenset  # every form of the dictionary, "" values too (a form the user chose to keep)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[Word, ...]:
    """The words of a line (cached: a source line is read for me, for ti and for their comparison)."""
    return tuple(Word(m.group(), m.start(), m.end(), m.group().lower().replace("ё", "е"))
                 for m in _WORD_RE.finditer(text)
                 if not (m.start() > 0 and text[m.start() - 1] == "<"))  # the <char> mark is no word


def opcodes(a: list[str], b: list[str]) -> list:
    """difflib's opcodes turning the words a into the words b (autojunk off: names repeat)."""
    if a == b:
        return [("equal", 0, len(a), 0, len(b))]
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()


def key_index(names: dict) -> KeyIndex:
    """The dictionary's forms that have a value, by their first word (`Анна Петровна` under `Анна`)."""
    index = KeyIndex()
    index.values_by_form = {key: value for key, value in names.items() if value}
    index.all_forms = frozenset(names)
    for key, value in names.items():
        if value and key.split():
            index.setdefault(key.split()[0], []).append(key.split())
    return index


def align(source: str, out: str, person: str, names: dict) -> Pair:
    """`names`: a dictionary {form: value} or its key_index."""
    if names and not isinstance(names, KeyIndex) and not isinstance(next(iter(names.values())), list):
        names = key_index(names)
    values = names.values_by_form if isinstance(names, KeyIndex) else {}
    src, new = list(_words(source)), list(_words(out))
    changed, origin = [True] * len(new), [None] * len(new)
    ops = opcodes([w.low for w in src], [w.low for w in new])
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            for k in range(j2 - j1):
                changed[j1 + k], origin[j1 + k] = False, i1 + k
    return Pair(source, out, person, names, src, new, changed, origin, ops, values)


# ------------------------------------------------------------------ small readings of words

def _personal(person: str) -> dict[str, str]:
    forms = {form: case for case, form in PERSONAL[person].items() if case != "accs"}
    forms["меня" if person == "me" else "тебя"] = "gent"
    return {**forms, **PERSONAL_VARIANTS[person]}


_PRONOUN_CASES = {
    person: {form: ({"gent", "accs"} if case == "gent" else {"datv", "loct"} if case in ("datv", "loct") else {case})
             for form, case in _personal(person).items()}
    for person in PERSONAL
}


def is_pronoun(word: Word, person: str) -> bool:
    return word.low in _PRONOUN_CASES[person]


def pronoun_neighbours(pair: Pair):
    """(j, k, other, between) for each new pronoun j and each unchanged word k right beside it:
    the place a part of the replaced name (an initial, a title, a patronymic) would be left."""
    words = pair.out_words
    for j, word in enumerate(words):
        if not pair.changed[j] or not is_pronoun(word, pair.person):
            continue
        for k in (j - 1, j + 1):
            if not 0 <= k < len(words) or pair.changed[k]:
                continue
            left, right = (words[k], word) if k < j else (word, words[k])
            yield j, k, words[k], _between(pair, left, right)


def _between(pair: Pair, left: Word, right: Word) -> str:
    return pair.out[left.stop:right.start]


def _excerpt(pair: Pair, first: int, last: int, margin: int = 2) -> str:
    words = pair.out_words
    if not words:  # `<char>:` — every word removed, only punctuation left (broken_punctuation fires)
        return pair.out
    a, b = max(0, first - margin), min(len(words) - 1, last + margin)
    return pair.out[words[a].start:words[b].stop]


def _boundary(text: str, start: int) -> str | None:
    """What opens the sentence or segment the word at `start` begins: the sentence end before it
    (`.`, `!`, `?`, `…`), `<` for the line start, `(` / `)` for a remark's edge; None inside a sentence."""
    i = start - 1
    while i >= 0 and text[i] in " «\"„“'—–-":
        i -= 1
    if i < 0 or text[i] == ">" and text[:i + 1].endswith("<char>"):
        return "<"
    if text[i] in "()":
        return text[i]
    if text[i] in _SENTENCE_END:
        return "…" if text[i] == "." and text[i - 1:i + 1] == ".." else text[i]
    return None


def _sentence_start(text: str, start: int) -> bool:
    return _boundary(text, start) is not None


@cache
def _verb_person(word: str) -> str | None:
    """'3' for a 3rd-person present/future verb (идёт, идут), '1'/'2' for the 1st/2nd singular, by
    pymorphy3's best reading of the word; else None."""
    parses = nlp.parse_word(word.lower())
    if not parses or parses[0].score < 0.5:
        return None
    tag = parses[0].tag
    if tag.POS != "VERB" or tag.tense not in ("pres", "futr"):
        return None
    if "3per" in tag:
        return "3"
    return ("1" if "1per" in tag else "2") if "sing" in tag else None


def _from_dictionary(parse) -> bool:
    """A reading from pymorphy3's dictionary, not a guess from the word's ending."""
    return len(parse.methods_stack) == 1 and type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


@cache
def _name_like(word: str) -> bool:
    """pymorphy3 reads the word first as a first name, patronymic or surname (singular)."""
    parses = nlp.parse_word(word)
    return len(word) > 2 and bool(parses) and bool({"Name", "Patr", "Surn"} & parses[0].tag.grammemes) \
        and "plur" not in parses[0].tag


@cache
def _title_words() -> frozenset:
    forms = set()
    for title in TITLES:
        forms.add(title.replace("ё", "е"))
        for parse in nlp.parse_word(title):
            if parse.tag.POS == "NOUN":
                forms.update(f.word.replace("ё", "е") for f in parse.lexeme)
    return frozenset(forms)


@cache
def _imperative(word: str) -> bool:
    parses = nlp.parse_word(word.lower())
    return bool(parses) and "impr" in parses[0].tag and parses[0].score >= 0.5


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    left = max(text.rfind(ch, 0, at) for ch in _SENTENCE_END + "()")
    ends = [i for i in (text.find(ch, at) for ch in _SENTENCE_END + "()") if i != -1]
    return left + 1, min(ends) if ends else len(text)
