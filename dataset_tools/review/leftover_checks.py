"""Checks of review.tsv on what a rewrite left half done (issue 9, round 10): the bare first name of a person the
dictionary knows only by a full name, a pronoun glued to the rest of a word, a possessive that went with the name,
the real subject left after a pronoun that took its place. Like the other checks they read the source line, the
rewrite and the dictionary only, never the rule that wrote the line; they were built on the dev part of the blind
sample tests/data/time_gold_fresh11.tsv.
"""
from __future__ import annotations

from functools import cache

from .. import nlp
from ..grammar import PYMORPHY_CASES
from .name_checks import _naming, _whole_speech
from .words import Pair, _title_words, is_pronoun

Span = tuple[int, int]
_OWNER_LEMMAS = {"мой", "твой", "наш", "ваш"}


def first_name_left(pair: Pair) -> list[Span]:
    """`(сказал Никита)` where the dictionary has `Никита Степаныч` and `Никита Мухортого` but not `Никита`: the
    first word of a full name the dictionary replaces, left alone as a word of its own (not followed by the rest of
    a form, which name_left sees; not a form the user set to "", not in a naming construction, not an address that
    is the whole speech): the same person, called by the first name only."""
    found = []
    words = pair.out_words
    kept = getattr(pair.names, "all_forms", frozenset())
    for j, word in enumerate(words):
        forms = pair.names.get(word.text)
        if not forms or pair.changed[j] or word.text in kept or not word.text[:1].isupper() or len(word.text) < 3:
            continue
        if any([w.text for w in words[j:j + len(parts)]] == parts for parts in forms):
            continue  # a whole form: name_left's
        if _naming(words, j, pair.out) or _whole_speech(pair, word.start, word.stop):
            continue
        found.append((j, j))
    return found


def pronoun_glued_to_text(pair: Pair) -> list[Span]:
    """`Нет, я<иан> я<ександрович>` for `Нет, Альв<иан> Ал<ександрович>`: a new pronoun with a letter or the
    editor's `<…>` right against it: the name was a part of a longer word (an abbreviation the editor opened, a
    compound), and the rest of it is left."""
    found = []
    out = pair.out
    for j, word in enumerate(pair.out_words):
        if not pair.changed[j] or not is_pronoun(word, pair.person):
            continue
        after = out[word.stop:word.stop + 1]
        before = out[word.start - 1:word.start] if word.start else ""
        if after == "<" or after.isalpha() or before.isalpha():
            found.append((j, j))
    return found


@cache
def _owner_cases(word: str) -> frozenset:
    """The cases of `моей`, `нашего`, `твоих`… (a possessive pronoun of 1st/2nd person); empty for another word."""
    return frozenset(PYMORPHY_CASES.get(p.tag.case) for p in nlp.parse_word(word)
                     if p.normal_form.replace("ё", "е") in _OWNER_LEMMAS and p.tag.case)


@cache
def _agreeing(owner: str, word: str) -> bool:
    """The possessive can agree with the word after it (a noun or adjective in one of its case, gender and number)."""
    targets = [p.tag for p in nlp.parse_word(word) if p.tag.POS in {"NOUN", "ADJF", "PRTF", "NPRO"}]
    if not targets:
        return False  # no noun phrase after it (`я мой с нами`): the possessive belongs to nothing
    for own in nlp.parse_word(owner):
        if own.normal_form.replace("ё", "е") not in _OWNER_LEMMAS:
            continue
        for tag in targets:
            if own.tag.case == tag.case and (own.tag.number == tag.number == "plur" or own.tag.gender == tag.gender
                                              or tag.gender is None or own.tag.gender is None):
                return True
    return False


def possessive_kept_from_name(pair: Pair) -> list[Span]:
    """`у меня моей крепкое сердце` for `у Радды моей крепкое сердце`: the possessive stood right after the name
    (`Радды моей`), it went with the name, and the rewrite kept it beside the pronoun, where it agrees with
    no word after it (`я мой с нами` for `Санька мой с нами`; `меня мой брат любит`: `мой брат` agree, no flag). The same with nothing after it is
    possessive_of_name_left's."""
    found = []
    words, src = pair.out_words, pair.src_words
    for j in range(len(words) - 2):
        owner, nxt = words[j + 1], words[j + 2]
        at = pair.origin[j + 1]
        if not pair.changed[j] or not is_pronoun(words[j], pair.person) or pair.changed[j + 1] or at is None \
                or not at or not src[at - 1].text[:1].isupper() or not _owner_cases(owner.low):
            continue
        if pair.out[words[j].stop:owner.start] != " " or pair.out[owner.stop:nxt.start] != " ":
            continue
        if not _agreeing(owner.low, nxt.low):
            found.append((j, j + 2))
    return found


@cache
def _nominative_person_noun(word: str) -> bool:
    """`епископ`, `старик`: pymorphy3's best reading is an animate noun in the nominative, and none of its readings
    is in another case (`Мишку`, `епископа` are not)."""
    parses = [p for p in nlp.parse_word(word) if p.score >= 0.1]
    return bool(parses) and parses[0].tag.POS == "NOUN" and "anim" in parses[0].tag \
        and all(p.tag.case == "nomn" for p in parses if p.tag.POS == "NOUN")


@cache
def _finite_verb(word: str) -> bool:
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS == "VERB" and parses[0].score >= 0.3


def subject_after_pronoun(pair: Pair) -> list[Span]:
    """`(спросил я епископ)` for `(спросил Спаланцо епископ)`: a new я/ты right after a verb, and right after it an
    animate noun in the nominative that ends the clause: that noun is the subject, the name was the verb's object
    (an indeclinable name: `меня`). A title after the pronoun is name_part_left's."""
    found = []
    words, out = pair.out_words, pair.out
    nominative = {"me": "я", "ti": "ты"}[pair.person]
    for j in range(1, len(words) - 1):
        word, nxt = words[j], words[j + 1]
        if not pair.changed[j] or word.low != nominative or pair.changed[j + 1] or not _finite_verb(words[j - 1].low):
            continue
        if out[words[j - 1].stop:word.start] != " " or out[word.stop:nxt.start] != " " \
                or nxt.low in _title_words() or not _nominative_person_noun(nxt.low):
            continue
        tail = out[nxt.stop:].lstrip()
        if not tail or tail[0] in ").,;!?…":
            found.append((j - 1, j + 1))
    return found


LEFTOVER_CHECKS = [first_name_left, pronoun_glued_to_text, possessive_kept_from_name, subject_after_pronoun]
