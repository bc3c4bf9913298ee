"""The words of a book with their offsets, and neighbouring name words joined into one full name
(`Марью Константиновну Битюгову`, `фон Корен`, `А. П. Чехов`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..grammar import ABBREVIATIONS, CASES, PARTICLE_SUFFIX_RE
from .forms import PARTICLES, TITLES, WORD_RE, is_capitalised, is_title, name_roles, name_word_cases


_OPENERS = "«\"„“'‘(—–-[ \t"
_SKIP_BACK = _OPENERS + "»”’)]"  # `…!» Покончив` starts a sentence too
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
    return not (before.lower() in ABBREVIATIONS or (len(before) == 1 and before.isupper()))


# Name patterns: Имя, Отчество, Фамилия in the orders Russian uses. A surname before the first
# name only with the patronymic after it (`Сидоров Иван Иванович`): `Чернышева Николай` are two.
NAME_PATTERNS = frozenset({"N", "P", "S", "NP", "NS", "NPS", "PS", "SNP"})


def can_join(words: list[str]) -> bool:
    """Neighbouring name words are one full name if they agree in case and make a name pattern
    (`Марью Константиновну Битюгову`; not `с Лаевским Самойленко`, not `Пьеру Анна Павловна`)."""
    cases = frozenset(CASES)
    for word in words:
        cases &= name_word_cases(word)
    if not cases and not _colloquial_name_patronymic(words):
        return False
    patterns = {""}
    for word in words:
        patterns = {p + r for p in patterns for r in name_roles(word) if r not in p}
    return bool(patterns & NAME_PATTERNS)


def _colloquial_name_patronymic(words: list[str]) -> bool:
    """`за Альфонс Карлычем`: in speech the first name before a patronymic may stay nominative."""
    return len(words) == 2 and "nomn" in name_word_cases(words[0]) and "N" in name_roles(words[0]) \
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
