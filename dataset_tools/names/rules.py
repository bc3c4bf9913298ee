"""The two rule passes of the name search, in order (docs/names.md):

LEMMA_RULES decide from book-wide evidence whether a candidate lemma is a person's name;
TOKEN_RULES then decide for each capitalised occurrence of an accepted lemma whether it is a
mention here. Each rule returns True, False or None (no opinion); the first opinion wins.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from .. import nlp
from .forms import (NOT_PERSONS, _TITLES_E, candidate_lemmas, has_person_reading, is_capitalised, is_common_word,
                    is_dictionary_first_name, is_family_plural, main_lemma)
from .context import sentence_window
from .tokens import Token, _WORD_BEFORE_RE


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
    place_preposition: int = 0  # right after a preposition of place (`из Сечи`, `на Сечи`, `в Тамбине`)
    place_strict: int = 0  # ... other than `на` (`в Нюренберге`)
    after_vessel: int = 0  # right after a bottle, glass, cask (`бутылку Клодвужо`): a drink
    bare: int = 0  # in a sentence of the name alone, or with не/ли/нет (`Кобылин? Нет, не Кобылин.`)


def collect_evidence(tokens: list[Token], paragraphs: list[str] | None = None) -> dict[str, LemmaEvidence]:
    """Candidate lemmas (of PER words and of words after a title) and what the book says of each
    (`bare` only where the paragraphs are given)."""
    words = Counter(t.text for t in tokens)
    candidates = {main_lemma(t.text) for t in tokens
                  if (t.ner == "PER" or t.after_title or not t.initial and is_dictionary_first_name(t.text))
                  and is_capitalised(t.text)}
    evidence = {lemma: LemmaEvidence(lemma) for lemma in candidates}
    previous = None
    for token in tokens:
        before, previous = previous, token
        if not is_capitalised(token.text):
            continue
        at_place = _after_place_preposition(before, token)
        vessel = _after_vessel(before, token)
        bare = paragraphs is not None and _bare_sentence(paragraphs[token.paragraph], token)
        for lemma in candidate_lemmas(token.text) & candidates:
            ev = evidence[lemma]
            ev.forms[token.text] += 1
            if token.initial:
                ev.cap_initial += 1
            else:
                ev.cap_mid += 1
            ev.after_title += token.after_title
            ev.place_preposition += bool(at_place)
            ev.place_strict += at_place == "strict"
            ev.after_vessel += vessel
            ev.bare += bare
            if token.ner == "PER":
                ev.ner_per += 1
                ev.ner_per_mid += not token.initial
            elif token.ner:
                ev.ner_other += 1
    for ev in evidence.values():
        ev.lower = sum(words[form.lower()] for form in ev.forms)
        ev.person_reading = any(has_person_reading(form) for form in ev.forms)
    return evidence


# Prepositions of place before a name of a place; `на` only before a locative-looking form (`на Сечи`,
# not `на Петра`), `в` only before one that is not accusative-looking (`в Тамбине`, not `в Машу`).
_PLACE_BEFORE = {"из": "", "изо": "", "близ": "", "под": "", "подо": "", "в": "еи", "во": "еи", "на": "еи"}


def _after_place_preposition(before: Token | None, token: Token) -> str:
    """"strict" after из, в + -е..., "na" after на + -е/-и, "" otherwise."""
    if before is None or before.paragraph != token.paragraph or before.stop + 1 != token.start:
        return ""
    endings = _PLACE_BEFORE.get(before.text.lower())
    if endings is None or endings and token.text[-1:] not in endings:
        return ""
    return "na" if before.text.lower() == "на" else "strict"


# What a drink named after a place or a maker is poured into: `бутылку Клодвужо`, `бокал Клико`.
# (Not `графин`: `графине Шуазель` is a countess.)
VESSELS = frozenset({"бутылка", "бутылочка", "полбутылки", "полбутылка", "стакан", "стаканчик", "рюмка",
                     "рюмочка", "бокал", "графинчик", "бочка", "бочонок", "кружка", "чарка", "фляжка"})


def _after_vessel(before: Token | None, token: Token) -> bool:
    if before is None or before.paragraph != token.paragraph or before.stop + 1 != token.start:
        return False
    return bool(candidate_lemmas(before.text) & VESSELS)


# What may stand beside a name tried out loud (`Кобылин? Нет, не Кобылин.`, `Не Меринов ли?`).
BARE_WORDS = frozenset({"не", "ли", "нет", "и", "нешто", "разве", "может", "быть", "или", "то", "нибудь"})
_SENTENCE_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _bare_sentence(text: str, token: Token) -> bool:
    """The name alone in a sentence that asks, trails off or states (`Кобылин?`, `Кобелев...`); not a
    call (`Чумаков! Начинай!`)."""
    left, right = sentence_window(text, token.start, token.stop)
    if text[right - 1:right] == "!":
        return False
    words = [w.lower() for w in _SENTENCE_WORD_RE.findall(text[left:token.start] + " " + text[token.stop:right])]
    return all(w in BARE_WORDS for w in words)


# Each rule returns True (a name), False (not a name) or None (no opinion); the first opinion wins.
def reject_not_person(ev: LemmaEvidence):
    """Бог, Господь, Христос (`Христе`), and a compound with one of them (`Господи-батюшка`): not
    persons in the TiMe sense."""
    if ev.lemma in NOT_PERSONS or any(candidate_lemmas(part) & NOT_PERSONS
                                      for form in ev.forms for part in form.split("-") if part):
        return False
    return None


def reject_drink(ev: LemmaEvidence):
    """`Бутылку Клодвужо, хотите?`: every time the book names it, a bottle or a glass stands right
    before it: a wine, not a person (a person's bottle is `его бутылка` far more often)."""
    uses = ev.cap_initial + ev.cap_mid
    return False if uses and ev.after_vessel == uses else None


def reject_name_tried_aloud(ev: LemmaEvidence):
    """`Кобылин? Нет, не Кобылин.`, `Не Меринов ли?`: a surname someone tries to remember, said at
    most three times in the whole book and each time as a sentence of its own (with не, ли, нет at
    most): nobody in the book bears it, nothing is said of him, and the line stays as written."""
    uses = ev.cap_initial + ev.cap_mid
    if 0 < uses <= 3 and ev.bare == uses and not any(is_dictionary_first_name(f) for f in ev.forms):
        return False  # (a first name said alone is a call: `Маша!` stays anyway, as all the speech)
    return None


def reject_title(ev: LemmaEvidence):
    """`Дьякон`, `Князь` at a sentence start, `Святому` (Писанию): a title alone is not a name."""
    if ev.lemma in _TITLES_E or ev.forms and not ev.person_reading \
            and all(candidate_lemmas(form) & _TITLES_E for form in ev.forms):
        return False
    return None


def reject_mostly_lowercase(ev: LemmaEvidence):
    """`Фон`, `Помилуйте`: written in lower case in the book more often than capitalised mid-sentence."""
    return False if ev.lower > ev.cap_mid else None


def reject_mostly_other_entity(ev: LemmaEvidence):
    """`Кавказ`: NER tags it a place or an organisation far more often than a person (or a title
    stands before it). `Ростов` in «Война и мир» stays: 201 LOC and 118 PER tags; NER takes
    the hero for the town."""
    person = ev.ner_per + ev.after_title
    return False if ev.ner_other > 2 * person or (ev.ner_other > person and person < 5) else None


def reject_place_by_prepositions(ev: LemmaEvidence):
    """`Сечь` (из Сечи, на Сечи ×3; NER: LOC twice): NER sees a place at least once and at least half
    of the mid-sentence uses stand after a preposition of place; a person is seldom `из X`, `в X-е`.
    A word the book names at most twice, each time mid-sentence after `в`/`из`/`под` (`в Нюренберге`), too."""
    if ev.ner_other > 0 and ev.place_preposition >= 2 and 2 * ev.place_preposition >= ev.cap_mid \
            and ev.after_title == 0:
        return False
    if 0 < ev.cap_mid == ev.place_strict and ev.cap_initial + ev.cap_mid <= 2 and ev.after_title == 0:
        return False  # `в Нюренберге`, once in the book: a town
    return None


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
    reject_drink,
    reject_name_tried_aloud,
    reject_title,
    reject_mostly_lowercase,
    reject_mostly_other_entity,
    reject_place_by_prepositions,
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


_AUTHOR_ADJECTIVE_RE = re.compile(r"(?<![А-Яа-яЁё])([а-яё]+?)(ов|ев|ёв|ин)?ск(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)\s+$")


def skip_type_of_author(token: Token, book: BookWords):
    """`гоголевский Петрушка`, `шекспировский Гамлет`, `пушкинская Татьяна`: a character named with the
    adjective of the author who wrote them is a type, not a person of the book (FORMAT.md §6, `он настоящий
    Гамлет`). The adjective's stem must be a surname in pymorphy3's dictionary (not `московский`)."""
    found = _AUTHOR_ADJECTIVE_RE.search(book.paragraphs[token.paragraph], max(0, token.start - 30), token.start)
    if not found:
        return None
    stem, suffix = found.group(1), found.group(2) or ""
    for surname in {stem + suffix, stem, stem + "ь"} if suffix else {stem}:
        if len(surname) > 3 and any("Surn" in p.tag and p.tag.case == "nomn"
                                    for p in nlp.parse_word(surname)):
            return False
    return None


def skip_family_plural(token: Token, book: BookWords):
    """`Ростовы`, `у Гаратынских`: a family, not one person. Not the genitive of a first name of
    the book on -а/-я (`От Мины`, when `Мина` is a name of the book: pymorphy3 reads mines)."""
    if not is_family_plural(token.text):
        return None
    low = token.text.lower().replace("ё", "е")
    if low[-1:] in ("ы", "и") and {low[:-1] + "а", low[:-1] + "я"} & book.accepted \
            and any(book.words[form] for form in (token.text[:-1] + "а", token.text[:-1] + "я")):
        return None
    return False


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


# Orders named after saints: `получил Станислава на шею`, `к Анне второй степени`, `Владимир с бантом`.
ORDER_SAINTS = frozenset({"станислав", "анна", "владимир", "георгий"})
_ORDER_AFTER_RE = re.compile(r"\s*(?:(?:перв|втор|трет|четв[её]рт)\w*\s+степени|степени|на шею|с бантом"
                             r"|с мечами|в петлиц\w*|со звездой)")
_ORDER_BEFORE_RE = re.compile(r"(?:орден\w*|кавалер\w*)\s+(?:святого\s+|св\.\s*)?$", re.IGNORECASE)
# What one does with an order: has it, gets it, is given it, wears it (`Станислава имею`, `получил Анну`, `дали
# Владимира`); the accusative form of the saint right before or after such a verb.
_ORDER_VERBS = (r"(?:име(?:ю|ет|ем|ете|ют|л|ла|ли)|получ(?:у|ит|им|ат|ил|ила|или|ать|ив)|дал|дали|дадут|дадим|даст"
                r"|пожаловал\w*|пожалуют|навесил\w*|надел\w*|нацепил\w*|нос(?:ит|ил|или)|ношу|заслужил\w*)")
_ORDER_VERB_AFTER_RE = re.compile(rf"\s+{_ORDER_VERBS}\b", re.IGNORECASE)
_ORDER_VERB_BEFORE_RE = re.compile(rf"\b{_ORDER_VERBS}\s+$", re.IGNORECASE)
ORDER_ACCUSATIVES = frozenset({"станислава", "анну", "владимира", "георгия"})


def skip_order(token: Token, book: BookWords):
    """`к Станиславу второй степени`, `Анну на шею`, `орден Владимира`: an order, not a person."""
    text = book.paragraphs[token.paragraph]
    if candidate_lemmas(token.text) & ORDER_SAINTS and (_ORDER_AFTER_RE.match(text, token.stop)
                                                        or _ORDER_BEFORE_RE.search(text, 0, token.start)):
        return False
    if token.text.lower() in ORDER_ACCUSATIVES and (_ORDER_VERB_AFTER_RE.match(text, token.stop)
                                                    or _ORDER_VERB_BEFORE_RE.search(text, max(0, token.start - 30),
                                                                                    token.start)):
        return False  # `второй год и Станислава имею`, `получил Анну`
    return None


# Sayings with a name in them that name nobody: `покажу Кузькину мать`, `Филькина грамота`.
IDIOMS = frozenset({"кузькину мать", "кузькина мать", "кузькиной матери", "филькина грамота", "филькину грамоту",
                    "филькиной грамоты", "тришкин кафтан", "тришкина кафтана", "макар телят", "демьянова уха",
                    "демьянову уху", "ваньку валять", "ваньку валяешь", "ваньку валяет"})
_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_]+)")


def skip_idiom(token: Token, book: BookWords):
    """`Я ему покажу Кузькину мать!`: a saying, not a person."""
    following = _NEXT_WORD_RE.match(book.paragraphs[token.paragraph], token.stop)
    if following and f"{token.text.lower()} {following.group(1).lower()}" in IDIOMS:
        return False
    return None


TOKEN_RULES: list[Callable[[Token, BookWords], bool | None]] = [
    skip_idiom,
    skip_order,
    skip_type_of_author,
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
