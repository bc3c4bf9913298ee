"""Find the people of a book and every mention of their names: NER, the two rule passes, full
names, possessive adjectives, the case in context (docs/names.md).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

from .. import nlp
from ..name_evidence import animal_named_by_noun, diminutive_base, first_name_analyses, is_animal, latin_equivalents, paradigm_stems
from .context import sentence_window, tag_context_cases
from .forms import (_POSSESSIVE_RE, KIN_POSSESSED, OV_POSSESSIVE_RE, PARTICLES, TITLES, name_cases, possessive_readings, WORD_RE, BookForms, _e, _parses, is_capitalised, is_common_word,
                    is_title, known_reading, main_lemma)
from .rules import BookWords, LemmaEvidence, collect_evidence, is_name_word, judge_lemma, judge_token
from .tokens import _WORD_BEFORE_RE, Mention, Token, group_spans, tokenize


# A progress bar the caller (the stage) wraps an iterable in: progress(items, total) -> items.
Progress = Callable[[Iterable, int], Iterable]


def tag_entities(paragraphs: list[str], progress: Progress | None = None) -> list[list[tuple[int, int, str]]]:
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
        markups = progress(markups, len(order))
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


def possessive_owner(word: str, first_names: set) -> str | None:
    """`Петина` -> `петя`, `Машиной` -> `маша`, when that name is among the book's first names."""
    low = _e(word.lower())
    match = _POSSESSIVE_RE.search(low)
    if not match or match.start() < 2:
        return None
    stem = low[:match.start()]
    return next((stem + vowel for vowel in ("а", "я") if stem + vowel in first_names), None)


def possessives_in_ov(tokens: list[Token], first_names: set) -> set[str]:
    """`голова Максимовой жены` in a book whose Максим is a first name: a capitalised word of the
    name's stem + -ов/-ев + an adjective's oblique ending (forms.OV_POSSESSIVE_RE) is his possessive
    where every time the book writes it, a lower-case noun or adjective follows. A surname made
    from the name (`Ивановой`, `с Ивановым`) stands alone somewhere in the book."""
    seen: dict[str, bool] = {}
    for number, token in enumerate(tokens):
        match = OV_POSSESSIVE_RE.search(_e(token.text.lower())) if is_capitalised(token.text) else None
        if not match or _e(token.text.lower())[:match.start()] not in first_names:
            continue
        following = tokens[number + 1] if number + 1 < len(tokens) else None
        before = tokens[number - 1] if number else None
        in_full_name = before is not None and before.paragraph == token.paragraph \
            and is_capitalised(before.text) and not before.initial  # `с Марьей Ивановой`: a full name
        seen[token.text] = seen.get(token.text, True) and _before_noun(token, following) and not in_full_name \
            and _agrees_with_possessive(token.text, following.text)  # not `У братьев Платоновых вся дворня`
    return {word for word, always in seen.items() if always}


def _agrees_with_possessive(word: str, following: str) -> bool:
    """`Максимовой жены`: a reading of the possessive («gent femn») that the next word, a noun, can have."""
    for reading in possessive_readings(word):
        case, gender = reading.split()
        for p in _parses(following):
            if p.tag.POS == "NOUN" and p.tag.case == case and (
                    p.tag.number == "plur" if gender == "plur" else p.tag.number == "sing" and p.tag.gender == gender):
                return True
    return False


def _before_noun(token: Token, following: Token | None) -> bool:
    """`Петина мать`, `Машиному брату`: a possessive adjective stands before its noun (NER tags
    some as PER); `Ильин сказал` is a surname."""
    if following is None or following.paragraph != token.paragraph or following.text[0].isupper():
        return False
    return any(p.tag.POS in ("NOUN", "ADJF") for p in _parses(following.text))


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


def search_names(paragraphs: list[str], progress: Progress | None = None) -> NameSearch:
    """Find the book's names (two passes over all its paragraphs) and every mention of them."""
    tokens = tokenize(paragraphs)
    attach_entities(tokens, tag_entities(paragraphs, progress))
    evidence = collect_evidence(tokens, paragraphs)
    verdicts = {lemma: judge_lemma(ev) for lemma, ev in evidence.items()}
    accept_latin_spellings(tokens, evidence, verdicts)
    accept_paradigm_forms(tokens, evidence, verdicts)
    accept_diminutives(tokens, evidence, verdicts)
    book = BookWords({lemma for lemma, (ok, _) in verdicts.items() if ok}, Counter(t.text for t in tokens),
                     evidence, paragraphs)
    first_names = {lemma for lemma in book.accepted if _is_first_name(lemma)}
    in_ov = possessives_in_ov(tokens, first_names)

    mentions: list[Mention] = []
    tagged: dict[int, list[Token]] = defaultdict(list)
    rules: dict[int, str] = {}
    for number, token in enumerate(tokens):
        if not is_capitalised(token.text):
            continue
        following = tokens[number + 1] if number + 1 < len(tokens) else None
        owner = possessive_owner(token.text, first_names)
        if token.text in in_ov:
            owner = _e(token.text.lower())[:OV_POSSESSIVE_RE.search(_e(token.text.lower())).start()]
        if owner and (token.ner != "PER" or _before_noun(token, following)):
            mentions.append(Mention(token.paragraph, token.start, token.stop, token.text, owner,
                                    "possessive", known_reading(token.text, "possessive"), "possessive"))
        elif is_name_word(token, book):
            ok, rule = judge_token(token, book)
            if ok:
                tagged[token.paragraph].append(token)
                rules[id(token)] = rule
    mentions += initials_after_titles(paragraphs, tokens)
    with BookForms(t.text for words in tagged.values() for t in words):
        for index, words in tagged.items():
            text = paragraphs[index]
            for start, stop, group, first in group_spans(text, words):
                form = text[start:stop]
                lemma = " ".join(main_lemma(w) for w in group)
                mentions.append(Mention(index, start, stop, form, lemma, "name", known_reading(form, "name"),
                                        rules[id(first)]))
        mentions.sort(key=lambda m: (m.paragraph, m.start))
        mentions = drop_animals(paragraphs, mentions, verdicts)
        mentions = glue_kin_titles(paragraphs, tag_context_cases(paragraphs, mentions))
        return NameSearch(mentions, verdicts, evidence, tokens, book)


# Kin words that are also titles (forms.TITLES): a priest is `отец Кондрат`, but `отца Андрея` is
# Andrei's father, so the book has to tell. Not the endearments (`батюшка Петр Андреич` is how
# Савельич speaks to his master; an address keeps an endearment, FORMAT.md §6).
KIN_TITLES = frozenset(KIN_POSSESSED & TITLES - {"батюшка", "братец", "сестрица"})


def _kin_before(text: str, m: Mention) -> tuple[int, str, frozenset] | None:
    """(start, lemma, cases) of a kin title right before the mention (one space between), else None."""
    match = _WORD_BEFORE_RE.search(text, 0, m.start)
    if not match or text[match.end(1):m.start] != " ":
        return None
    word = match.group(1)
    parses = [p for p in _parses(word.lower()) if p.tag.POS == "NOUN" and _e(p.normal_form) in KIN_TITLES]
    if not parses or not word[:1].islower():
        return None
    return match.start(1), _e(parses[0].normal_form), frozenset(p.tag.case for p in parses)


def glue_kin_titles(paragraphs: list[str], mentions: list[Mention]) -> list[Mention]:
    """`до отца Кондрата` in a book that also writes `отцу Кондрату`: where the book puts a kin
    title (отец, батюшка, братец…) before a name in an agreeing case that is not the genitive or
    accusative (`отцу Кондрату`, `отец Кондрат`: the kin word has its own case, so it is not whose
    father), the kin word is that person's title, and every `kin + name` of the book is one form
    of the dictionary too (a mention of kind "kin_title" beside the name's own, whose span keeps
    the title outside as every name's does): `отца Кондрата` -> меня, not `отца меня`."""
    titled = set()
    for m in mentions:
        kin = _kin_before(paragraphs[m.paragraph], m) if m.kind == "name" else None
        if kin and not kin[2] & {"gent", "accs"} and kin[2] & name_cases(m.text):
            titled.add((kin[1], m.lemma))
    if not titled:
        return mentions
    glued = []
    for m in mentions:
        kin = _kin_before(paragraphs[m.paragraph], m) if m.kind == "name" else None
        glued.append(m)
        if kin and (kin[1], m.lemma) in titled:
            start = kin[0]
            glued.append(Mention(m.paragraph, start, m.stop, paragraphs[m.paragraph][start:m.stop],
                                 f"{kin[1]} {m.lemma}", "kin_title", m.reading, "glue_kin_title"))
    return glued


def initials_after_titles(paragraphs: list[str], tokens: list[Token]) -> list[Mention]:
    """`monsieur N.`, `князь Щ.`, `господин К.`: one capital letter and a full stop right after a
    title is a person named by an initial (`tag_initial_after_title`); not the first of several
    initials (`г. А. П. Чехов` is found as a full name)."""
    found = []
    for number, token in enumerate(tokens):
        text = paragraphs[token.paragraph]
        if len(token.text) != 1 or not token.text.isupper() or text[token.stop:token.stop + 1] != "." \
                or number == 0 or not is_title(tokens[number - 1].text) \
                or tokens[number - 1].paragraph != token.paragraph or tokens[number - 1].stop + 1 != token.start:
            continue
        after = text[token.stop + 1:token.stop + 4]
        if len(after) >= 2 and after[0] == " " and after[1].isupper():
            continue  # `князь А. Петров`, `г. А. П.`: more of the name follows
        form = text[token.start:token.stop + 1]
        found.append(Mention(token.paragraph, token.start, token.stop + 1, form, _e(form.lower()), "name",
                             known_reading(form, "name"), "tag_initial_after_title"))
    return found


def accept_latin_spellings(tokens: list[Token], evidence: dict, verdicts: dict) -> None:
    """`Куда ты, Jean?` in a book whose Иван is a name, `Pierre` beside Пьер: a capitalised Latin word
    that spells or translates a first name the book accepted is that person's name too
    (`accept_latin_spelling`; name_evidence.latin_equivalents). NER tags almost no Latin names."""
    accepted = {lemma for lemma, (ok, _) in verdicts.items() if ok}
    added = set()
    for token in tokens:
        if not is_capitalised(token.text) or not token.text.isalpha() or not token.text[0].isascii():
            continue
        lemma = main_lemma(token.text)
        if lemma not in added and (lemma in verdicts and verdicts[lemma][1] != "reject_the_rest"
                                   or not latin_equivalents(token.text) & accepted):
            continue
        added.add(lemma)
        evidence.setdefault(lemma, LemmaEvidence(lemma)).forms[token.text] += 1
        verdicts[lemma] = (True, "accept_latin_spelling")


def accept_paradigm_forms(tokens: list[Token], evidence: dict, verdicts: dict) -> None:
    """`Душегубец ты, Степка!` where NER tagged only `у Степки` and `Степку`: the forms of accepted
    names settle a first-name declension (name_evidence.paradigm_stems: «Степк-» like «Марфа»), and
    another capitalised form of that declension and stem is the same name (`accept_paradigm_form`),
    unless the book writes it in lower case too or pymorphy3 knows it as a common word. A lemma
    an earlier rule rejected for a reason (a place, God, a title) stays rejected."""
    # only forms of names NER never took for a place or an organisation (`деревни Прац`)
    accepted = {form for lemma, (ok, _) in verdicts.items() if ok and not evidence[lemma].ner_other
                for form in evidence[lemma].forms}
    stems = paradigm_stems(accepted)
    if not stems:
        return
    lower = Counter(t.text for t in tokens if t.text[:1].islower())
    for token in tokens:
        if token.text in accepted or not is_capitalised(token.text) or not token.text.isalpha():
            continue
        lemma = main_lemma(token.text)
        if lemma in verdicts and (verdicts[lemma][0] or verdicts[lemma][1] != "reject_the_rest"
                                  or evidence[lemma].ner_other):
            continue
        if lower[token.text.lower()] or is_common_word(token.text) \
                or not any((name, stem) in stems for name, stem, _ in first_name_analyses(token.text)):
            continue
        evidence.setdefault(lemma, LemmaEvidence(lemma)).forms[token.text] += 1
        verdicts[lemma] = (True, "accept_paradigm_form")
        accepted.add(token.text)


def accept_diminutives(tokens: list[Token], evidence: dict, verdicts: dict) -> None:
    """`Варенька!.. Варечка!` in a book whose Варя is a name, `Прошка, где топор?` beside Прохор, `Дронушке` beside
    Дрон: NER tags few diminutives, and a capitalised word that is a regular diminutive of an accepted first name
    (name_evidence.diminutive_base) is that person (`accept_diminutive`), unless the book writes it in lower case,
    NER takes it for a place or an organisation, or pymorphy3 knows it as a common word. A lemma an earlier rule
    rejected for a reason (a place, God, a title, an animal) stays rejected."""
    first_names = {lemma for lemma, (ok, _) in verdicts.items() if ok and not evidence[lemma].ner_other
                   and " " not in lemma and _is_first_name(lemma)}
    if not first_names:
        return
    lower = Counter(t.text.lower() for t in tokens if t.text[:1].islower())
    for token in tokens:
        if not is_capitalised(token.text) or not token.text.isalpha() or token.text[0].isascii():
            continue
        lemma = main_lemma(token.text)
        if lemma in verdicts and (verdicts[lemma][0] or verdicts[lemma][1] != "reject_the_rest"
                                  or evidence[lemma].ner_other):
            continue
        if lower[token.text.lower()] or is_common_word(token.text) or not diminutive_base(token.text, first_names):
            continue
        evidence.setdefault(lemma, LemmaEvidence(lemma)).forms[token.text] += 1
        verdicts[lemma] = (True, "accept_diminutive")


_WORD_RIGHT_BEFORE_RE = re.compile(r"([^\W\d_]+)\s+$")


def drop_animals(paragraphs: list[str], mentions: list[Mention], verdicts: dict) -> list[Mention]:
    """`Каштанка`, `Муму`, the cat `Федор Тимофеич`: names whose sentences speak of tails, paws,
    barking and sniffing (name_evidence.is_animal) are animals, not persons (FORMAT.md §6); their
    mentions and the possessives of them go (`reject_animal` in the verdicts). Only sentences
    naming no one else count. The forms of one name are grouped by the first letters of their
    words (`Тетка, Тетку, Тетке`: pymorphy3 gives an unknown name no common lemma); a word of a
    two-word animal name found alone is that animal too."""
    in_sentence: dict[tuple[int, int], set] = defaultdict(set)
    windows = {}
    for m in mentions:
        window = sentence_window(paragraphs[m.paragraph], m.start, m.stop)
        windows[id(m)] = (m.paragraph, *window)
        in_sentence[(m.paragraph, window[0])].add(_animal_key(m.text))
    sentences: dict[str, dict] = defaultdict(dict)
    for m in mentions:
        paragraph, left, right = windows[id(m)]
        if m.kind == "name" and in_sentence[(paragraph, left)] == {_animal_key(m.text)}:
            sentences[_animal_key(m.text)][(paragraph, left)] = paragraphs[paragraph][left:right]
    animals = {key for key, found in sentences.items() if is_animal(found.values())}
    # one place where an animal noun names it in apposition is enough, book-wide (`свою собаку Милку`)
    for m in mentions:
        before = _WORD_RIGHT_BEFORE_RE.search(paragraphs[m.paragraph][:m.start])  # no stop between: `попугай. Софья`
        if m.kind == "name" and " " not in m.text and before and animal_named_by_noun(before.group(1), m.text):
            animals.add(_animal_key(m.text))
    # the words of a two-word animal name alone, or side by side (`Федор`, `Тимофеич` of the cat
    # `Федор Тимофеич`): the same animal
    animals |= {key for m in mentions for key in (_animal_key(m.text),)
                if key and any(set(key.split()) <= set(a.split()) for a in animals if " " in a)}
    for m in mentions:
        if _animal_key(m.text) in animals:
            verdicts[m.lemma] = (False, "reject_animal")
    return [m for m in mentions if _animal_key(m.text) not in animals]


def _animal_key(form: str) -> str:
    return " ".join(_e(w.lower())[:4] for w in WORD_RE.findall(form) if w.lower() not in PARTICLES)


def find_name_mentions(paragraphs: list[str], progress: Progress | None = None) -> list[Mention]:
    """Every person-name mention (and possessive adjective of a name) in a book's paragraphs.

    Give it the whole book: the names are learnt from all of it (NER tags most mentions;
    the rest are found as other occurrences of the names it tagged).
    """
    return search_names(paragraphs, progress).mentions
