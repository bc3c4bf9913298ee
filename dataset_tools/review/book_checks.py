"""Checks of review.tsv that need more than the line (issue 9, round 5): the whole book's words
(review/book.py) and the replica before. A line can read as correct Russian and still be wrong:
`Не Меринов ли?` -> `Не я ли?` (a guessed surname), `Ты слышишь, Змей Горыныч?` -> `Ты слышишь?`
(an insult from a tale), `Меня-то? Клим.` -> `Меня-то? Я.` (a name given in answer to `как тебя
зовут?`). Each check reads the source line, the rewrite, the book's counts and the replica before,
never the TiMe rules; without the book's counts (`pair.book` None) the book checks stay silent.
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp
from ..grammar import POSSESSIVE
from .words import NAME_GRAMMEMES, Pair, Word, _from_dictionary, _title_words, is_pronoun

Span = tuple[int, int]
_CYRILLIC = re.compile(r"[А-ЯЁа-яё-]+")
RARE = 2  # a name the whole book writes only this often (with all its forms) is no character of it


def _replaced_names(pair: Pair) -> list[tuple[int, int, list[Word]]]:
    """(first, last out word, capitalised source words) of each place where the rewrite put a
    pronoun or a possessive for capitalised words, or removed them (an address): the names it took."""
    found = []
    for op, i1, i2, j1, j2 in pair.opcodes:
        if op == "equal":
            continue
        source = [w for w in pair.src_words[i1:i2] if w.text[:1].isupper()]
        new = pair.out_words[j1:j2]
        if source and (op == "delete" or any(is_pronoun(w, pair.person) or w.low in POSSESSIVE[pair.person]
                                             for w in new)):
            first = min(j1, len(pair.out_words) - 1)
            found.append((max(0, first), max(0, min(j2, len(pair.out_words)) - 1), source))
    return found


@cache
def _common_noun_only(word: str) -> bool:
    """pymorphy3's dictionary knows the word (`Змей`, `Меринов`: змей, мерин) only as a common noun:
    no reading of it as a first name, surname or patronymic, and its best reading is no guess."""
    if "-" in word:  # `Страсти-Смерти`: every part a common noun
        return all(_common_noun_only(part) for part in word.split("-") if part)
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS == "NOUN" and _from_dictionary(parses[0]) \
        and not any(NAME_GRAMMEMES & p.tag.grammemes for p in parses)


def rare_common_noun_as_name(pair: Pair) -> list[Span]:
    """`Не я ли?` for `Не Меринов ли?`, `Ты слышишь?` for `Ты слышишь, Змей Горыныч?`: the rewrite
    took for a name a capitalised word that pymorphy3 knows only as a common noun (мерин, змей), with
    no title before it, and that the whole book writes only once: a guess, a nickname, a type or a
    thing, not a character (a character with such a name is named again and again)."""
    if pair.book is None:
        return []
    found = []
    titles = _title_words()
    for first, last, source in _replaced_names(pair):
        head = source[0]
        i = pair.src_words.index(head)
        if i and pair.src_words[i - 1].low in titles or head.low in titles:
            continue
        if _common_noun_only(head.text) and pair.book.family_count(head.text) <= RARE:
            found.append((first, last))
    return found


# The question that asks a name: `как тебя зовут?`, `как звать?`, `ваша фамилия?`, `имя?` (not
# `будете их звать?`, to invite).
_NAMING_QUESTION = re.compile(r"\bкак\b.*\b(?:зовут|звать|звали|кличут|величать|величают|прозывают)\b"
                              r"|\b(?:фамили[яюи]|имя|прозвище)\b", re.IGNORECASE)


def _last_question(text: str) -> bool:
    """The text ends with a question that asks a name (its last sentence has a naming word and `?`)."""
    text = text.rstrip()
    if not text.endswith("?"):
        return False
    start = max(text.rfind(ch, 0, len(text) - 1) for ch in ".!…")
    return bool(_NAMING_QUESTION.search(text[start + 1:]))


def name_given_in_answer(pair: Pair) -> list[Span]:
    """`Уилька Чарльзовна Тфайс!` after `А знаешь, как ее зовут?`, `Меня-то? Клим.` after the replica
    `как тебя зовут?`: a name replaced or removed in the first sentence after a question that asks a
    name (in this line or at the end of the replica before): the name is being told, and stays
    (FORMAT.md §6, naming constructions)."""
    found = []
    for first, last, source in _replaced_names(pair):
        at = source[0].start
        before = pair.source[:at]
        if before.rfind("(") > before.rfind(")"):
            continue  # a name in the author's remark is never the answer
        cut = max(before.rfind(ch) for ch in ".!?…")
        if cut == -1:
            asked = _last_question(pair.before) and "(" not in before
            asked = asked or _answer_after_short_question(before, pair.before)
        else:
            asked = before[cut] == "?" and _last_question(before[:cut + 1]) \
                or _answer_after_short_question(before, pair.before)
        if asked:
            found.append((first, last))
    return found


def _answer_after_short_question(before: str, previous: str) -> bool:
    """`Меня-то? Клим.`: the line opens with a short question of its own (an echo, two words at most)
    right before the name, and the replica before asked a name."""
    text = before.split(">", 1)[-1].strip()
    return text.endswith("?") and len(text.split()) <= 2 and "?" not in text[:-1] and _last_question(previous)


@cache
def _no_name_reading(word: str) -> bool:
    """pymorphy3 has no reading of the word as a first name, surname or patronymic (`Хозяин`; not
    `Вера`, `Любовь`, `Орлов`, which are names as well as words)."""
    return not any(NAME_GRAMMEMES & p.tag.grammemes for p in nlp.parse_word(word))


def name_also_written_small(pair: Pair) -> list[Span]:
    """`Хозяин, иди сюда!` -> `Иди сюда!`: the rewrite took a capitalised Russian word for a name, the
    same book writes that very word in lower case inside a sentence, pymorphy3 knows it as no name,
    and the book capitalises it at most twice: a common word that stood at a sentence start or was
    capitalised as a nickname (a character called so, `Мак`, is capitalised again and again)."""
    if pair.book is None:
        return []
    found = []
    for first, last, source in _replaced_names(pair):
        word = source[0].text
        if len(source) == 1 and _CYRILLIC.fullmatch(word) and pair.book.seen_lower(word) and _no_name_reading(word) \
                and source[0].low not in _title_words() and pair.book.family_count(word) <= RARE:
            found.append((first, last))
    return found
