"""TiMe (Ты–Я): every name in the dialogues becomes я / ты (FORMAT.md §6).

    from dataset_tools.pronouns import rewrite_line
    rewrite_line("@Вася, иди сюда! |крикнула Маша|", {"Вася": "я", "Маша": "я"}, "me")
        -> "@Иди сюда! |крикнула я|"
    rewrite_line("@Дай книгу Маши. |сказал Вася и смотрит|", {"Маши": "тебя", "Вася": "ты"}, "ti")
        -> "@Дай твою книгу. |сказал ты и смотришь|"

    python -m dataset_tools book.txt --out-dir out/ --from time    # after editing dict_me.py / dict_ti.py
    python -m dataset_tools book.txt --out-dir out/ --from time --debug-rules   # which rule fired where

How one line is rewritten:
1. `find_mentions`: dictionary keys in the text, longest first, whole words; a title or kinship
   honorific in front is glued into the span (`князь Андрей`, `г. Лаевский`, `дядя Миша`).
2. The sentences holding a mention are morph-tagged by natasha (batched and cached; the
   other sentences are never tagged).
3. For each mention, left to right, MENTION_RULES run in order and the first one that returns
   True has decided what the mention became. A rule that writes a personal pronoun then runs
   AROUND_PRONOUN_RULES (preposition, capital letter, verb agreement).
`fired`, a list given by the caller, collects (rule, what it did) pairs: `--debug-rules` prints them.

Dictionary values (docs/time.md): "" keeps the form; a form missing from the dictionary is not
touched; a standard pronoun form of the person (я/меня/мне/мной, мой/моя/…) is inflected by the
context where the form's case is ambiguous (`is_context_dependent`) and used as written
otherwise; any other value is written literally and no grammar rule touches it.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field

from . import nlp
from .dicts import read_dictionary
from .formats import Segment, parse_raw, render_dialog, render_raw
from .grammar import (CASES, PREPOSITION_CASES, agree_verb, allowed_cases, case_from_ud, is_possessive_pronoun,
                      personal_pronoun, possessive_pronoun, preposition_before, pronoun_case)
from .names import TITLES, possessive_readings
from .names import is_context_dependent as _names_context_dependent
from .names import name_cases as _names_name_cases
from .textio import UserError

PERSONS = ("me", "ti")

# ---------------------------------------------------------------------------------------------
# Shared with the names stage, so that both read a form the same way.

_CASES_CACHE: dict[str, set[str]] = {}
_CONTEXT_CACHE: dict[tuple[str, str | None], bool] = {}


def name_cases(form: str) -> set[str]:
    """Cases a name form can be in (names.name_cases, cached)."""
    if form not in _CASES_CACHE:
        _CASES_CACHE[form] = set(_names_name_cases(form)) or set(CASES)
    return _CASES_CACHE[form]


def is_context_dependent(form: str, value: str | None = None) -> bool:
    """Does the form alone not tell its pronoun (`Элен`, `Самойленко`, `Петрова`, `Петина`)?"""
    key = (form, value)
    if key not in _CONTEXT_CACHE:
        _CONTEXT_CACHE[key] = bool(_names_context_dependent(form, value))
    return _CONTEXT_CACHE[key]


# ---------------------------------------------------------------------------------------------
# Tokens, mentions and the name table.

_W = r"(?:[^\W_]|[\u0300-\u036f])"  # a letter or digit, or a combining stress mark
_TOKEN_RE = re.compile(rf"{_W}+(?:[-'’]{_W}+)*|[.!?…]+|\S")
_PARTICLE_RE = re.compile(r"^(.+?)(-(?:то|ка|де|таки|с))$")  # Маша-то: the name is Маша
_END_RE = re.compile(r"^[.!?…]+$")
OPENING = set("«„“\"'(([—–-")
DASHES = {"—", "–", "-", "--"}


@dataclass
class Tok:
    text: str
    ws: str  # whitespace before the token in the source
    start: int = 0  # offset in the segment text
    pos: str = ""  # natasha UPOS; "" where the sentence was not tagged
    feats: dict = field(default_factory=dict)
    sent: int = 0  # sentence number inside the segment
    mention: int = -1
    deleted: bool = False
    prefix: str = ""  # a word inserted before this token (a moved possessive)

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def lower(self) -> str:
        return self.text.lower()

    def feat(self, name: str) -> str | None:
        return self.feats.get(name) if self.feats else None


@dataclass
class Mention:
    first: int  # first token, title included
    name_first: int  # first token of the name itself
    last: int  # last token (inclusive)
    key: str
    value: str

    @property
    def has_title(self) -> bool:
        return self.first < self.name_first


@dataclass
class Unit:
    """One segment being rewritten: its tokens and mentions."""

    toks: list[Tok]
    remark: bool
    starts_sentence: bool  # does the segment's first word begin a sentence?
    continues: bool = False  # speech whose sentence goes on after the next remark (lower case)
    next_word: str = ""  # then the first word after that remark
    index: int = 0  # the segment's place in the line
    mentions: list[Mention] = field(default_factory=list)


def tokenize(text: str) -> list[Tok]:
    toks, end = [], 0
    for match in _TOKEN_RE.finditer(text):
        toks.append(Tok(match.group(), text[end:match.start()], match.start()))
        end = match.end()
    return toks


class NameTable:
    """A dictionary compiled for matching: name forms indexed by their first token."""

    def __init__(self, mapping: dict[str, str], person: str):
        if person not in PERSONS:
            raise ValueError(f"person must be 'me' or 'ti', not {person!r}")
        self.person = person
        self.names = {" ".join(k.split()): v.strip() for k, v in mapping.items() if k.strip()}
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key in self.names:
            words = tuple(m.group() for m in _TOKEN_RE.finditer(key))
            if words:
                self.by_first.setdefault(words[0], []).append((words, key))
        for candidates in self.by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))


_TABLES: dict[tuple[int, str], tuple[dict, NameTable]] = {}


def _table(names, person: str) -> NameTable:
    if isinstance(names, NameTable):
        return names
    cached = _TABLES.get((id(names), person))
    if cached is None or cached[0] is not names or len(cached[1].names) != len(names):
        if len(_TABLES) > 64:
            _TABLES.clear()
        cached = (names, NameTable(names, person))
        _TABLES[(id(names), person)] = cached
    return cached[1]


def _titles() -> tuple[set[str], list[tuple[str, ...]]]:
    """names.TITLES split into one-token titles and token sequences (`г.` is «г» «.»)."""
    global _TITLE_SETS
    if _TITLE_SETS is None:
        tokens = [tuple(w.lower() for w in _TOKEN_RE.findall(t)) for t in TITLES if t.strip()]
        _TITLE_SETS = ({t[0] for t in tokens if len(t) == 1}, [t for t in tokens if len(t) > 1])
    return _TITLE_SETS


_TITLE_SETS = None


def _title_before(toks: list[Tok], i: int, name_key: str, name_cases: set[str]) -> int:
    """Index of the first token of a title right before token i (glued into the span), else i."""
    single, multi = _titles()
    for words in multi:  # г. Лаевский: the tokens «г» «.»
        n = len(words)
        if i - n >= 0 and tuple(t.lower for t in toks[i - n:i]) == words:
            return i - n
    if i == 0:
        return i
    tok = toks[i - 1]
    if not tok.is_word:
        return i
    lemmas = {p.normal_form for p in nlp.parse_word(tok.lower) if p.tag.POS == "NOUN"}
    if tok.lower not in single and not lemmas & single:
        return i
    shared = allowed_cases(tok.lower) & name_cases if name_cases != set(CASES) else {"nomn"}
    if (lemmas | {tok.lower}) & KIN_POSSESSED and "gent" in name_cases:
        return i  # отец Базарова, отца Наташи: whose father, not a title (отец Василий is one)
    if not shared or not _same_gender(tok.lower, name_key):
        return i
    return i - 1


# Kin words that are titles only in some cases: `отец Василий` (a priest), but `отца Андрея` is
# Andrei's father.
KIN_POSSESSED = {"отец", "батюшка", "братец", "сестрица", "брат", "сестра", "мать", "матушка", "кузен",
                 "кузина", "сын", "дочь"}


def _gender(word: str, person: bool = False) -> set[str]:
    return {g for p in nlp.parse_word(word.lower()) if p.tag.POS == "NOUN" and "anim" in p.tag
            and "plur" not in p.tag and (not person or {"Name", "Surn", "Patr"} & p.tag.grammemes)
            for g in (p.tag.gender,) if g in ("masc", "femn")}


def _same_gender(title: str, name: str) -> bool:
    """князь Андрей, княжна Марья; not отец Наташи. Names pymorphy3 does not know as names
    (`мистер Астлей`) set no gender."""
    title_genders = _gender(title)
    name_genders = set().union(*(_gender(w, person=True) for w in name.split())) if name else set()
    return not title_genders or not name_genders or bool(title_genders & name_genders)


_SAME_PRONOUN = {"gent": {"gent", "accs"}, "accs": {"gent", "accs"}, "datv": {"datv", "loct"},
                 "loct": {"datv", "loct"}, "nomn": {"nomn"}, "ablt": {"ablt"}}


def _name_cases(key: str, value: str, person: str) -> set[str]:
    """Cases a name form can be in: told by its dictionary value (я -> nom.), else by pymorphy3.
    A title is glued only where it shares one: дядя Миша, князя Андрея, but дядя Андрея is
    Andrei's uncle."""
    case = pronoun_case(person, value)
    if case is None or is_context_dependent(key, value):
        return set(CASES) if _unknown_word(key) else name_cases(key)
    return (_SAME_PRONOUN[case] & name_cases(key)) or _SAME_PRONOUN[case]


def _readable_cases(m: Mention, person: str) -> set[str]:
    """Cases a form can have here: pymorphy3's (names.name_cases) and the dictionary's."""
    case = pronoun_case(person, m.value)
    if case is None or not is_context_dependent(m.key, m.value):
        return _name_cases(m.key, m.value, person)
    return name_cases(m.key) | _SAME_PRONOUN[case]


def _unknown_word(form: str) -> bool:
    """pymorphy3 only guesses this name (`Астлей`, `Blanche`, `Де-Грие`): its cases say nothing."""
    return not any(p.is_known and ({"Name", "Surn", "Patr"} & p.tag.grammemes or "Fixd" in p.tag)
                   for w in form.split() for p in nlp.parse_word(w))


def find_mentions(toks: list[Tok], table: NameTable) -> list[Mention]:
    """Dictionary forms among the tokens, longest first, whole words; titles glued in front."""
    mentions: list[Mention] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not tok.is_word:
            i += 1
            continue
        candidates = table.by_first.get(tok.text)
        if candidates is None:
            particle = _PARTICLE_RE.match(tok.text)
            if particle and particle.group(1) in table.by_first:
                # Маша-то: split the particle off so the name is a token of its own
                name, tail = particle.groups()
                toks[i:i + 1] = [Tok(name, tok.ws, tok.start), Tok(tail, "", tok.start + len(name))]
                continue
            i += 1
            continue
        for words, key in candidates:
            n = len(words)
            if tuple(t.text for t in toks[i:i + n]) == words:
                value = table.names[key]
                first = i if is_possessive_pronoun(table.person, value) else \
                    _title_before(toks, i, key, _name_cases(key, value, table.person))
                if mentions and first <= mentions[-1].last:
                    first = i
                mentions.append(Mention(first, i, i + n - 1, key, value))
                i += n
                break
        else:
            i += 1
    mentions = _merge_adjacent(toks, mentions, table)
    for number, m in enumerate(mentions):
        for k in range(m.first, m.last + 1):
            toks[k].mention = number
    return mentions


def _merge_adjacent(toks: list[Tok], mentions: list[Mention], table: NameTable) -> list[Mention]:
    """`Сашка Яковов`, `Василья Кирилыча Тредьяковского`: forms standing next to each other (only
    a space between) that can share a case are one person, so one pronoun (`сказал Чичиков
    Ноздреву` are two). The value of a form whose case is not ambiguous wins (the last such)."""
    merged: list[Mention] = []
    for m in mentions:
        prev = merged[-1] if merged else None
        if prev and m.first == prev.last + 1 and m.first == m.name_first and toks[m.first].ws.strip() == "" \
                and toks[m.first].ws and pronoun_case(table.person, m.value) \
                and pronoun_case(table.person, prev.value) \
                and _readable_cases(prev, table.person) & _readable_cases(m, table.person):
            fixed = [x for x in (prev, m) if x.value and not is_context_dependent(x.key, x.value)]
            best = fixed[-1] if fixed else prev  # its key decides the case of the whole span
            merged[-1] = Mention(prev.first, prev.name_first, m.last, best.key, best.value)
            continue
        merged.append(m)
    return merged


# ---------------------------------------------------------------------------------------------
# natasha morph tags, cached per sentence.

_TAGS: dict[tuple[str, ...], list[tuple[str, dict]]] = {}
_TAG_CACHE_LIMIT = 200_000


def tag_sentences(sentences: list[tuple[str, ...]]) -> None:
    """Morph-tag the sentences not yet in the cache, in one batched natasha pass."""
    todo = sorted({s for s in sentences if s and s not in _TAGS}, key=len)
    if not todo:
        return
    if len(_TAGS) + len(todo) > _TAG_CACHE_LIMIT:
        _TAGS.clear()
    tagger = nlp.get_morph_tagger()
    for words, markup in zip(todo, tagger.map([[nlp.for_natasha(w) for w in s] for s in todo])):
        _TAGS[words] = [_repair_tag(w, t.pos, t.feats or {}) for w, t in zip(words, markup.tokens)]


_PYMORPHY_TO_UD = {"past": ("Tense", "Past"), "pres": ("Tense", "Pres"), "futr": ("Tense", "Fut"),
                   "1per": ("Person", "1"), "2per": ("Person", "2"), "3per": ("Person", "3"),
                   "sing": ("Number", "Sing"), "plur": ("Number", "Plur"), "masc": ("Gender", "Masc"),
                   "femn": ("Gender", "Fem"), "neut": ("Gender", "Neut"), "indc": ("Mood", "Ind"),
                   "impr": ("Mood", "Imp")}


_COMPATIBLE = {"NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "ADJ": {"ADJF", "ADJS", "PRTF", "PRTS", "COMP", "NUMR"},
               "VERB": {"VERB", "INFN", "GRND", "PRTF", "PRTS"}}
_UD_CASE_OF = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins", "loct": "Loc",
               "voct": "Nom", "gen2": "Gen", "loc2": "Loc", "acc2": "Acc"}


def _repair_tag(word: str, pos: str, feats: dict) -> tuple[str, dict]:
    """natasha's news model misreads words it has not seen (`проворчал`, `глядя` -> NOUN,
    `трепетный` -> VERB, `лекарь` -> ADJ, `скрягу` -> nominative); where pymorphy3 knows the
    word and has no reading of that part of speech (or of that case), take pymorphy3's reading."""
    if pos not in _COMPATIBLE or not word[:1].isalpha():
        return pos, feats
    parses = [p for p in nlp.parse_word(word.lower()) if p.is_known]
    if not parses:
        return pos, feats
    same_pos = [p for p in parses if p.tag.POS in _COMPATIBLE[pos]]
    if same_pos:
        # `скрягу` read as a nominative: a case pymorphy3 does not allow, where it allows only one
        cases = {_UD_CASE_OF.get(p.tag.case) for p in same_pos if p.tag.case}
        if feats.get("Case") and cases and feats["Case"] not in cases and len(cases) == 1:
            return pos, {**feats, "Case": cases.pop()}
        return pos, feats
    best = max(parses, key=lambda p: p.score)
    tag = best.tag
    if tag.POS == "INFN":
        return "VERB", {"VerbForm": "Inf"}
    if tag.POS == "GRND":
        return "VERB", {"VerbForm": "Conv"}
    new = {_PYMORPHY_TO_UD[g][0]: _PYMORPHY_TO_UD[g][1] for g in tag.grammemes if g in _PYMORPHY_TO_UD}
    if tag.case:
        new["Case"] = _UD_CASE_OF.get(tag.case, "Nom")
    if tag.POS == "VERB":
        return "VERB", {"VerbForm": "Fin", "Mood": "Ind", **new}
    if tag.POS == "NOUN":
        new["Animacy"] = "Anim" if "anim" in tag else "Inan"
        return "NOUN", new
    if tag.POS in ("ADJF", "PRTF"):
        return ("ADJ" if tag.POS == "ADJF" else "VERB"), ({**new, "VerbForm": "Part"} if tag.POS == "PRTF" else new)
    return pos, feats


def _sentence_ranges(text: str, toks: list[Tok]) -> None:
    from razdel import sentenize

    bounds = [s.start for s in sentenize(text)][1:]
    number = 0
    for tok in toks:
        while number < len(bounds) and tok.start >= bounds[number]:
            number += 1
        tok.sent = number


def _sentences_to_tag(unit: Unit) -> list[tuple[str, ...]]:
    wanted = {unit.toks[m.name_first].sent for m in unit.mentions}
    return [tuple(t.text for t in unit.toks if t.sent == s) for s in sorted(wanted)]


# ---------------------------------------------------------------------------------------------
# Navigation helpers over a unit's tokens (deleted tokens are skipped).

def _prev(unit: Unit, i: int) -> int:
    i -= 1
    while i >= 0 and unit.toks[i].deleted:
        i -= 1
    return i


def _next(unit: Unit, i: int) -> int:
    i += 1
    while i < len(unit.toks) and unit.toks[i].deleted:
        i += 1
    return i if i < len(unit.toks) else -1


def at_sentence_start(unit: Unit, i: int) -> bool:
    """Does token i begin a sentence: after `.` `!` `?` `…` (opening quotes or dashes between),
    after `: «`, or first in a segment that begins one?"""
    j = _prev(unit, i)
    saw_quote = False
    while j >= 0:
        tok = unit.toks[j]
        if tok.text in OPENING:
            saw_quote = saw_quote or tok.text in "«„“\"'"
            j = _prev(unit, j)
            continue
        if _is_end(tok):
            return not _abbreviation(unit, j)
        return tok.text == ":" and saw_quote  # сказал: «Вася пришёл»
    return unit.starts_sentence


ABBREVIATIONS = {"г", "гг", "т", "е", "д", "см", "ср", "ст", "св", "им", "ул", "кн", "гр", "m", "mr", "mrs"}


def _abbreviation(unit: Unit, dot: int) -> bool:
    """`г. Лаевский`, `т. е.`: a dot after an abbreviation or an initial ends no sentence."""
    if unit.toks[dot].text != ".":
        return False
    p = _prev(unit, dot)
    return p >= 0 and (unit.toks[p].lower in ABBREVIATIONS or len(unit.toks[p].text) == 1
                       and unit.toks[p].text.isupper())


def _is_end(tok: Tok) -> bool:
    return bool(_END_RE.match(tok.text))


def _finite(tok: Tok) -> bool:
    return tok.pos in ("VERB", "AUX") and tok.feat("VerbForm") == "Fin" and tok.feat("Mood") != "Imp"


def _nominative_word(tok: Tok) -> bool:
    return tok.pos in ("NOUN", "PROPN", "PRON") and tok.feat("Case") == "Nom"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _set_capital(unit: Unit, i: int) -> None:
    tok = unit.toks[i]
    if at_sentence_start(unit, i):
        tok.text = _capitalise(tok.text)
    elif tok.text[:1].isupper() and tok.pos != "PROPN" and tok.mention == -1 and tok.text[1:2].islower():
        tok.text = tok.text[:1].lower() + tok.text[1:]


# ---------------------------------------------------------------------------------------------
# The case of a mention.

@dataclass
class State:
    """What the rules of one line share."""

    person: str
    table: NameTable
    fired: list | None
    allow_address: bool = True
    verbs_after_remark: list = field(default_factory=list)  # segments whose first verb agrees

    def fire(self, rule: str, what: str) -> None:
        if self.fired is not None:
            self.fired.append((rule, what))


def _preposition(unit: Unit, m: Mention) -> int:
    j = _prev(unit, m.first)
    if j >= 0 and unit.toks[j].lower in PREPOSITION_CASES and unit.toks[j].pos not in ("INTJ", "PRON", "CCONJ"):
        return j
    return -1


def _natasha_case(unit: Unit, m: Mention) -> str | None:
    for k in range(m.name_first, m.last + 1):
        case = case_from_ud(unit.toks[k].feat("Case"))
        if case:
            return case
    return None


def mention_case(unit: Unit, m: Mention, state: State) -> str | None:
    """The case the pronoun takes: from the dictionary value, or from the context where the form
    is ambiguous (natasha's case restricted to pymorphy3's cases for the form and to the
    preposition's cases)."""
    value_case = pronoun_case(state.person, m.value)
    seen = _natasha_case(unit, m)
    if value_case is None:
        return None
    prep = _preposition(unit, m)
    governed = PREPOSITION_CASES[unit.toks[prep].lower] if prep >= 0 else None
    if not is_context_dependent(m.key, m.value):
        # the dictionary decides; natasha only tells gen. from acc. and dat. from loc. (same word)
        same = _SAME_PRONOUN[value_case] - {value_case}
        if governed is not None and not _SAME_PRONOUN[value_case] & governed:
            # `о m-lle Жорж` with Жорж: я — no preposition takes the nominative: read the context
            return seen if seen in governed else next(c for c in CASES if c in governed)
        return seen if seen in same else value_case
    allowed = _readable_cases(m, state.person)  # the dictionary's reading is one of them
    if m.has_title:
        title = " ".join(t.text for t in unit.toks[m.first:m.name_first] if t.is_word)
        allowed = (allowed & allowed_cases(title)) or allowed
    if governed is not None:
        allowed = (allowed & governed) or allowed
    elif seen != "nomn" and "nomn" in allowed and _lacks_subject(unit, m):
        seen = "nomn"
    else:
        seen = _case_from_neighbours(unit, m, seen, allowed)
    if seen in allowed:
        return seen
    if value_case in allowed:
        return value_case
    return next(case for case in CASES if case in allowed)


def _case_from_neighbours(unit: Unit, m: Mention, seen: str | None, allowed: set[str]) -> str | None:
    """natasha reads an indeclinable name after a noun as a second nominative (`любовница
    Де-Грие`, `голос Жеркова`): after a noun in the nominative it is a possessor (gen.), after an
    animate noun in another case an apposition in that case (`скрягу Плюшкина`). With no case at
    all, an adjective right before tells it (`одной mademoiselle Blanche`)."""
    p = _prev(unit, m.first)
    before = unit.toks[p] if p >= 0 else None
    if before is None:
        return seen
    if seen == "nomn" and before.pos == "NOUN" and before.text[:1].islower() and before.mention < 0 \
            and any(x.tag.POS == "NOUN" for x in nlp.parse_word(before.lower)):
        noun_case = case_from_ud(before.feat("Case"))
        if noun_case == "nomn" and "gent" in allowed:
            return "gent"
        if noun_case and noun_case != "nomn" and noun_case in allowed and before.feat("Animacy") == "Anim":
            return noun_case
    if seen is None and before.pos in ("ADJ", "DET", "NUM", "PRON") and case_from_ud(before.feat("Case")) in allowed:
        return case_from_ud(before.feat("Case"))
    return seen


def _lacks_subject(unit: Unit, m: Mention) -> bool:
    """`(крикнул ей Самойленко)`: natasha misreads indeclinable names; a remark whose verb has no
    subject in the nominative takes the name as its subject."""
    if not unit.remark:
        return False
    members = _clause(unit, m)
    if any(_nominative_word(t) and t.mention != unit.toks[m.name_first].mention for t in members):
        return False
    return any(_finite(t) and (t.feat("Person") == "3" or t.feat("Tense") == "Past") for t in members)


def _clause(unit: Unit, m: Mention) -> list[Tok]:
    """The tokens of the clause around a mention: up to a comma, colon, semicolon or conjunction."""
    def bound(tok: Tok) -> bool:
        return tok.text in (",", ";", ":", "(", ")") or _is_end(tok) or tok.lower in CLAUSE_WORDS \
            or tok.pos == "SCONJ"
    sent = unit.toks[m.name_first].sent
    lo = m.first
    while lo > 0 and unit.toks[lo - 1].sent == sent and not bound(unit.toks[lo - 1]):
        lo -= 1
    hi = m.last
    while hi + 1 < len(unit.toks) and unit.toks[hi + 1].sent == sent and not bound(unit.toks[hi + 1]):
        hi += 1
    return [t for t in unit.toks[lo:hi + 1] if not t.deleted]


# ---------------------------------------------------------------------------------------------
# Writing helpers.

def _write_span(unit: Unit, m: Mention, text: str, first: int | None = None) -> None:
    first = m.first if first is None else first
    unit.toks[first].text = text
    for k in range(first + 1, m.last + 1):
        unit.toks[k].deleted = True


def _delete(unit: Unit, start: int, stop: int) -> None:
    for k in range(start, stop + 1):
        unit.toks[k].deleted = True


def _standard(state: State, value: str) -> bool:
    return pronoun_case(state.person, value) is not None or is_possessive_pronoun(state.person, value)


# ---------------------------------------------------------------------------------------------
# MENTION_RULES: each decides what one mention becomes, or returns False.

def keep_empty_value(unit: Unit, m: Mention, state: State) -> bool:
    """"" in the dictionary: this form stays as written."""
    if m.value:
        return False
    state.fire("keep_empty_value", m.key)
    return True


def write_literal_value(unit: Unit, m: Mention, state: State) -> bool:
    """A value that is not a pronoun form of this person is written as is (capitalised where it
    begins a sentence); no other rule touches it."""
    if _standard(state, m.value):
        return False
    value = _capitalise(m.value) if at_sentence_start(unit, m.name_first) else m.value
    _write_span(unit, m, value, first=m.name_first)
    state.fire("write_literal_value", f"{m.key} → {m.value}")
    return True


NAMING_VERBS = {"звать", "называть", "назвать", "прозвать", "прозывать", "величать", "кликать",
                "окрестить", "нарекать", "наречь", "именовать", "прозываться", "называться", "зваться"}
NAMING_NOUNS = {"имя", "фамилия", "прозвище", "кличка", "отчество", "прозвание", "прозванье"}
NAMING_SELF = {"я", "ты", "вы"}
_NAMING_SKIP = {"его", "её", "ее", "меня", "тебя", "вас", "нас", "их", "ему", "ей", "мне", "тебе", "же",
                "мое", "моё", "моя", "твое", "твоё", "твоя", "ваше", "ваша", "её", "—", "–", "-", ":", "ж"}


def keep_naming_construction(unit: Unit, m: Mention, state: State) -> bool:
    """`зовут/звали X`, `по имени X`, `фамилия X`, `Я X`: the name is the point, it stays."""
    case = mention_case(unit, m, state) if pronoun_case(state.person, m.value) else _natasha_case(unit, m)
    if case not in (None, "nomn", "ablt"):
        return False
    j, skipped = _prev(unit, m.first), []
    while j >= 0 and unit.toks[j].lower in _NAMING_SKIP and len(skipped) < 2:
        skipped.append(unit.toks[j].lower)
        j = _prev(unit, j)
    if j < 0:
        return False
    word = unit.toks[j].lower
    if word in NAMING_SELF:
        # `Я Наташа.`, `Я Борис, сын…`; not `я m-me Jacquot никакой не знал`
        n = _next(unit, m.last)
        if case != "nomn" or m.has_title or any(s not in DASHES for s in skipped) \
                or n >= 0 and unit.toks[n].is_word:
            return False
    else:
        lemmas = {p.normal_form for p in nlp.parse_word(word) if p.tag.POS in ("VERB", "INFN", "NOUN")}
        if not lemmas & (NAMING_VERBS | NAMING_NOUNS):
            return False
    state.fire("keep_naming_construction", f"{unit.toks[j].text} {m.key}")
    return True


INTERJECTIONS = {"о", "ах", "ох", "эх", "эй", "ай", "ой", "ну", "ба", "э", "увы", "фу", "эге", "ей-богу"}
ENDEARMENTS = {"голубчик", "голубушка", "голуба", "батюшка", "матушка", "душа", "душенька", "дружок", "друг",
               "милочка", "дорогуша", "брат", "братец", "братцы", "сестрица", "сударь", "сударыня", "государь",
               "государыня", "мой", "моя", "милый", "милая", "дорогой", "дорогая", "любезный", "любезная",
               "родной", "родная", "душечка", "ангел", "друже", "миленький", "миленькая", "батюшко"}
PARENTHETICAL = {"кажется", "конечно", "видно", "наверно", "наверное", "впрочем", "однако", "правда",
                 "значит", "видимо", "разумеется", "говорят", "пожалуй", "вероятно", "знаете", "знаешь",
                 "может", "быть", "по-моему", "право", "слышь", "слышишь", "вишь", "ведь", "помнится", "помню",
                 "видишь", "видите", "положим", "например", "пожалуйста", "бывало", "небось", "напротив",
                 "впрочем", "наконец", "итак", "следовательно", "вообще"}
CLAUSE_WORDS = {"что", "чего", "чему", "чем", "чём", "чтобы", "чтоб", "если", "когда", "как", "какой", "какая",
                "какое", "какие", "каков", "который", "которая", "которое", "которые", "которого", "которой",
                "которому", "которым", "котором", "которую", "которых", "где", "куда", "откуда", "почему",
                "зачем", "отчего", "сколько", "чей", "чья", "чьё", "чье", "пока", "хотя", "потому", "ибо",
                "будто", "словно", "кто", "кого", "кому", "кем", "ком", "коли", "ли", "нежели", "дабы"}
RELATIVES = {w for w in CLAUSE_WORDS if w.startswith("котор")} | {"кто"}


def _kept_before(unit: Unit, m: Mention, j: int) -> bool:
    """A word before an address that stays: title, endearment, interjection (милая Анна Петровна)."""
    tok = unit.toks[j]
    if m.first <= j < m.name_first:
        return True
    if tok.lower in INTERJECTIONS or tok.lower in ENDEARMENTS:
        return True
    if not tok.text[:1].islower() or tok.feat("Case") not in (None, "Nom"):
        return False
    # милая, дорогой, любезнейший (natasha may read it as a noun): adjectives in the nominative
    return tok.pos in ("ADJ", "DET") or tok.pos == "NOUN" and any(
        p.tag.POS == "ADJF" and p.tag.case == "nomn" for p in nlp.parse_word(tok.lower))


def _is_address_case(unit: Unit, m: Mention, state: State) -> bool:
    if unit.remark or _in_brackets(unit, m.first):
        return False  # narration: a remark, or the author's own brackets inside the speech
    if not ("nomn" in name_cases(m.key) or any("voct" in p.tag for p in nlp.parse_word(m.key.split()[0]))):
        return False
    case = mention_case(unit, m, state)
    return case in (None, "nomn")


def _in_brackets(unit: Unit, i: int) -> bool:
    depth = 0
    for tok in unit.toks[:i]:
        depth += (tok.text == "(") - (tok.text == ")")
    return depth > 0


def _enumeration(unit: Unit, comma: int) -> bool:
    """`Вася, Петя и Маша пришли`: the comma goes on to a list of names joined by и/да/или."""
    k = comma
    while k >= 0 and unit.toks[k].text == ",":
        n = _next(unit, k)
        if n < 0 or not (unit.toks[n].mention >= 0 or unit.toks[n].pos == "PROPN"):
            return False
        while n >= 0 and unit.toks[n].mention >= 0 and _next(unit, n) >= 0 \
                and unit.toks[_next(unit, n)].mention == unit.toks[n].mention:
            n = _next(unit, n)
        k = _next(unit, n)
    return k >= 0 and unit.toks[k].lower in ("и", "да", "или") and _next(unit, k) >= 0 and \
        (unit.toks[_next(unit, k)].mention >= 0 or unit.toks[_next(unit, k)].pos == "PROPN")


PARENTHETICAL_PHRASES = [tuple(p.split()) for p in (
    "по крайней мере", "может быть", "к сожалению", "к счастью", "между прочим", "в самом деле",
    "без сомнения", "по-видимому", "само собой", "стало быть", "так сказать", "во-первых", "во-вторых",
    "с одной стороны", "в сущности", "по правде", "признаться", "надо сказать", "как видно", "как кажется")]


def _parenthetical_after(unit: Unit, comma: int) -> int:
    """`Ипполит, по крайней мере, …`: index of the comma closing a parenthetical phrase, else -1."""
    k = _next(unit, comma)
    if k < 0:
        return -1
    for phrase in PARENTHETICAL_PHRASES + [(w,) for w in PARENTHETICAL]:
        j, ok = k, True
        for word in phrase:
            if j < 0 or unit.toks[j].lower != word:
                ok = False
                break
            j = _next(unit, j)
        if ok and j >= 0 and unit.toks[j].text == ",":
            return j
    return -1


def _second_person(unit: Unit, sent: int, start: int = 0) -> bool:
    """An imperative, a 2nd-person verb or pronoun: the sentence speaks to someone."""
    return any(t.sent == sent and not t.deleted and (
        t.feat("Mood") == "Imp" or t.feat("Person") == "2" or t.lower in ("ты", "вы", "тебя", "вас", "тебе",
                                                                          "вам", "твой", "ваш", "тобой", "вами"))
        for t in unit.toks[start:])


def _subject_after(unit: Unit, m: Mention, comma: int) -> bool:
    """`Вася, кажется, ушёл`: a 3rd-person or past verb follows with no subject of its own;
    `Ипполит, по крайней мере, покойный дурак`: a parenthetical and nobody spoken to."""
    k = _next(unit, comma)
    sent = unit.toks[m.last].sent
    if k >= 0 and unit.toks[k].lower in RELATIVES:
        return True
    if k >= 0 and unit.toks[k].lower == "что" and _next(unit, k) >= 0 and unit.toks[_next(unit, k)].lower == "ли":
        return True  # `Самойленко, что ли?`
    parenthetical = _parenthetical_after(unit, comma) >= 0
    predicate = False
    while k >= 0 and unit.toks[k].sent == sent and not _is_end(unit.toks[k]):
        tok = unit.toks[k]
        if tok.lower in CLAUSE_WORDS or tok.pos == "SCONJ":
            break
        if tok.lower in PARENTHETICAL and tok.mention < 0:
            k = _next(unit, k)
            continue
        if tok.pos == "PRON" and tok.feat("Case") == "Nom" or tok.mention >= 0:
            return False  # `Вася, ты…`: the clause has its own subject
        if _nominative_word(tok):
            predicate = True  # `Ипполит, по крайней мере, покойный дурак`
        elif tok.pos in ("VERB", "AUX") and tok.feat("VerbForm") == "Fin":
            if tok.feat("Mood") == "Imp" or tok.feat("Person") in ("1", "2") or predicate:
                return False
            if not _agrees_with(tok, unit.toks[m.name_first]):
                return False  # `Маша, пришёл отец`
            n = _next(unit, k)
            while n >= 0 and unit.toks[n].pos in ("ADV", "PART"):
                n = _next(unit, n)
            # `Николай, помнится, … был лекарь Базаров?`: the verb has a subject after it
            return not (n >= 0 and (_nominative_word(unit.toks[n]) or unit.toks[n].mention >= 0))
        k = _next(unit, k)
    return parenthetical and predicate and not _second_person(unit, sent)


def _agrees_with(verb: Tok, name: Tok) -> bool:
    """A past verb's gender, a verb's number: can this name be its subject?"""
    if verb.feat("Number") == "Plur":
        return False
    gender = verb.feat("Gender")
    return not gender or not name.feat("Gender") or gender == name.feat("Gender")


COMMA_OPENERS = INTERJECTIONS | PARENTHETICAL | ENDEARMENTS | {
    "да", "нет", "так", "вот", "что", "ведь", "уж", "же", "ну-ка", "ну-с", "да-с", "нет-с", "итак", "полно",
    "здравствуй", "здравствуйте", "прощай", "прощайте", "спасибо", "благодарю", "извини", "извините",
    "прости", "простите", "пожалуйста", "слушай", "слушайте", "послушай", "послушайте", "смотри",
    "смотрите", "погоди", "погодите", "постой", "постойте", "подожди", "подождите", "помилуй",
    "помилуйте", "позвольте", "позволь", "видишь", "видите", "представь", "представьте", "поверь",
    "поверьте", "верите", "веришь", "согласись", "согласитесь", "понимаешь", "понимаете", "ей-богу",
    "право", "слышите", "клянусь", "боже", "господи", "ах", "эх", "ох", "ли", "впрочем", "однако"}
NEW_CLAUSE = {"а", "но", "да", "зато", "однако", "или", "либо", "и"}


def _comma_still_needed(unit: Unit, left: int, right: int) -> bool:
    """Which comma an address between two commas leaves behind: `Знаете, Вася, вы бы…` ->
    `Знаете, вы бы…`; `Я, Вася, не знаю` -> `Я не знаю`; `Ответь мне, Вася, на вопрос` ->
    `Ответь мне на вопрос`."""
    words, j = [], _prev(unit, left)
    while j >= 0 and unit.toks[j].sent == unit.toks[left].sent and unit.toks[j].text not in (",", ";", ":"):
        if unit.toks[j].is_word:
            words.append(unit.toks[j])
        j = _prev(unit, j)
    if words and (words[0].lower in COMMA_OPENERS or words[0].pos == "INTJ"):
        return True  # after an interjection, a greeting, a parenthetical word: `Ну, что?`, `Ты что, …`
    n = _next(unit, right)
    if n < 0:
        return False
    first = unit.toks[n]
    right_words = []
    k = n
    while k >= 0 and unit.toks[k].sent == unit.toks[right].sent and unit.toks[k].text not in (",", ";", ":") \
            and not _is_end(unit.toks[k]):
        right_words.append(unit.toks[k])
        k = _next(unit, k)
    if any(w.pos in ("VERB", "AUX") and w.feat("VerbForm") == "Fin" for w in words) and any(
            w.pos in ("VERB", "AUX") and w.feat("VerbForm") == "Fin" or w.pos == "ADV"
            or w.feat("Variant") == "Short" or _predicative(w.lower) for w in right_words):
        return True  # two clauses: `Сдайся, противиться напрасно`, `Спаси меня, спаси меня`
    if first.lower in NEW_CLAUSE and first.lower != "и":
        return True  # `Я бы пошёл, Вася, но…`
    if first.pos == "PRON" and first.feat("Case") == "Nom" and first.lower not in CLAUSE_WORDS:
        return True  # the part after the address is a clause with its own subject
    if first.lower in CLAUSE_WORDS or first.pos == "SCONJ":
        return any(_finite(w) or w.pos == "VERB" for w in words)  # `Я знаю, Вася, что ты прав`
    return False


def _predicative(word: str) -> bool:
    """`некогда`, `пора`, `нельзя`: a word that is a predicate by itself."""
    return any(p.tag.POS == "PRED" for p in nlp.parse_word(word))


def _capitalise_next_word(unit: Unit, i: int) -> None:
    k = _next(unit, i)
    while k >= 0 and not unit.toks[k].is_word:
        if _is_end(unit.toks[k]):
            return
        k = _next(unit, k)
    if k >= 0 and at_sentence_start(unit, k):
        unit.toks[k].text = _capitalise(unit.toks[k].text)


def remove_address(unit: Unit, m: Mention, state: State) -> bool:
    """A name used as address goes, with the commas that only set it off (FORMAT.md §6)."""
    if not _is_address_case(unit, m, state):
        return False
    j, kept = _prev(unit, m.name_first), False
    while j >= 0 and _kept_before(unit, m, j):
        j, kept = _prev(unit, j), True
    start = m.name_first if not kept else _next(unit, j) if j >= 0 else 0
    left = "start" if at_sentence_start(unit, start) else "comma" if j >= 0 and unit.toks[j].text == "," else None
    r = _next(unit, m.last)
    right_tok = unit.toks[r] if r >= 0 else None
    if right_tok is None:
        # `Мустафа (крикнул Лаевский) сколько с нас?`: the comma before the remark was dropped
        right = "end" if left == "comma" else \
            "comma" if unit.continues and not _is_predicate_word(unit.next_word) else None
    elif right_tok.text == ",":
        right = "comma"
    elif _is_end(right_tok) or right_tok.text in (";", ":") and left == "comma":
        right = "end"  # `Смотри ж, Юлай: хорошенько его!` -> `Смотри ж: хорошенько его!`
    else:
        right = None
    if left is None or right is None:
        return False
    if right == "end" and left == "start" and not kept:
        # a vocative sentence of its own: `Маша!`, `Ваня, Ваня...`; `Вася.` is an answer
        if right_tok is None or not set(right_tok.text) & set("!?…") and "..." not in right_tok.text:
            return False
        if not set(right_tok.text) & set("!?"):
            # `Ваня, Ваня...` calls; `Николенька… ранен… письмо…` tells
            after = _next(unit, r)
            if after >= 0 and not _second_person(unit, unit.toks[after].sent, after):
                return False
    if right == "comma" and r >= 0 and (_enumeration(unit, r) or _subject_after(unit, m, r)):
        return False  # `Вася, кажется, ушёл`; `…, Аркадий, напротив, произносил…`
    if not state.allow_address:
        state.fire("keep_lone_address", m.key)
        return True
    if kept:
        _delete(unit, m.name_first, m.last)
        how = "name only, the words before it stay"
    elif left == "start" and right == "comma" and r < 0:
        _delete(unit, m.first, m.last)
        how = "before a remark"
    elif left == "start" and right == "comma":
        _delete(unit, m.first, r)
        _capitalise_next_word(unit, r)
        how = "with its comma"
    elif left == "start":
        _delete(unit, m.first, r)
        if not any(t.is_word and not t.deleted for t in unit.toks[:r]):
            _capitalise_next_word(unit, r)  # `Соня! что ты?..` -> `Что ты?..`
        how = f"with its {right_tok.text}"
    elif right == "comma" and r < 0:
        _delete(unit, j, m.last)
        how = "with its comma, before a remark"
    elif right == "comma":
        if _comma_still_needed(unit, j, r):
            _delete(unit, m.first, r)
            how = "one comma kept"
        else:
            _delete(unit, j, r)
            how = "with both commas"
    else:
        _delete(unit, j, m.last)
        how = "with its comma"
    state.fire("remove_address", f"{m.key} ({how})")
    return True


def _noun_feats(tok: Tok) -> tuple[str, str, str, bool]:
    case = case_from_ud(tok.feat("Case")) or "nomn"
    gender = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}.get(tok.feat("Gender") or "", "masc")
    number = "plur" if tok.feat("Number") == "Plur" else "sing"
    return case, gender, number, tok.feat("Animacy") == "Anim"


def _has_possessive_parse(word: str) -> bool:
    """`Петина`, `Петрушин`, `Аркадиевой`: an adjective made from a name."""
    if any("Poss" in p.tag for p in nlp.parse_word(word)):
        return True
    return bool(possessive_readings(word))


def _head_noun_after(unit: Unit, i: int, limit: int = 3) -> int:
    k = _next(unit, i)
    while k >= 0 and limit > 0:
        tok = unit.toks[k]
        if tok.pos == "NOUN":
            return k
        if tok.pos not in ("ADJ", "DET", "ADV") or tok.mention >= 0:
            return -1
        k, limit = _next(unit, k), limit - 1
    return -1


def possessive_adjective(unit: Unit, m: Mention, state: State) -> bool:
    """`Петина мать` -> `моя мать`, `в Машиной комнате` -> `в моей комнате`: agrees with its noun."""
    tok = unit.toks[m.name_first]
    head = _head_noun_after(unit, m.last)
    if not is_possessive_pronoun(state.person, m.value):
        # the names stage took it for a name; natasha reads an adjective before its noun
        if not (tok.pos in ("ADJ", "DET") and head >= 0 and _has_possessive_parse(m.key)):
            return False
    elif head < 0:
        p = _prev(unit, m.first)  # post-posed: `начальник Петрушин` -> `начальник мой`
        if p >= 0 and unit.toks[p].pos == "NOUN" and unit.toks[p].text[:1].islower():
            head = p
    if is_possessive_pronoun(state.person, m.value) and not is_context_dependent(m.key, m.value):
        form = m.value.lower()
    else:
        source = unit.toks[head] if head >= 0 else tok
        if not source.feats:
            form = m.value.lower() if is_possessive_pronoun(state.person, m.value) else None
        else:
            form = possessive_pronoun(state.person, *_noun_feats(source))
        if form is None:
            return False
    _write_span(unit, m, form)
    _set_capital(unit, m.first)
    state.fire("possessive_adjective", f"{m.key} → {form}")
    return True


NOT_POSSESSED = {"нет", "много", "мало", "сколько", "столько", "несколько"}


def _noun_phrase_start(unit: Unit, head: int) -> int:
    """The first word of the noun phrase ending at `head`: adjectives and participles agreeing."""
    case = unit.toks[head].feat("Case")
    start, k = head, _prev(unit, head)
    while k >= 0:
        tok = unit.toks[k]
        agreeing = tok.feat("Case") == case or {tok.feat("Case"), case} <= {"Nom", "Acc"}
        if tok.pos == "ADJ" and agreeing or tok.pos == "VERB" and tok.feat("VerbForm") == "Part" and agreeing:
            start, k = k, _prev(unit, k)
            continue
        if tok.pos == "ADV" and unit.toks[start].pos == "ADJ" and start != head:
            start, k = k, _prev(unit, k)
            continue
        break
    return start


POSSESSIVE_DETERMINERS = {"мой", "твой", "наш", "ваш", "свой"}  # not его/её/их: `сзади их голос`


def _apposition(unit: Unit, noun: int, m: Mention, cases: set[str]) -> bool:
    """`сына Анатоля`, `скрягу Плюшкина`: a person noun of the name's gender in a case the name
    form can have (not the nominative: `сын Хаджи-Мурата` is his son) is the same person."""
    tok, name = unit.toks[noun], unit.toks[m.name_first]
    case = case_from_ud(tok.feat("Case"))
    return tok.feat("Animacy") == "Anim" and case != "nomn" and case in cases \
        and tok.feat("Gender") == name.feat("Gender") and tok.feat("Number") != "Plur"


def _has_possessor(unit: Unit, start: int) -> bool:
    """`вашего сына Маши`: the noun phrase has a possessive already."""
    p = _prev(unit, start)
    return p >= 0 and unit.toks[p].pos == "DET" and any(
        x.normal_form in POSSESSIVE_DETERMINERS for x in nlp.parse_word(unit.toks[p].lower))


def possessive_genitive(unit: Unit, m: Mention, state: State) -> bool:
    """`книга Маши` -> `моя книга`: the possessor goes before the whole noun phrase, agreeing."""
    if pronoun_case(state.person, m.value) is None or mention_case(unit, m, state) != "gent" \
            or "gent" not in _name_cases(m.key, m.value, state.person):
        return False
    if _preposition(unit, m) >= 0:
        return False
    p = _prev(unit, m.first)
    if p >= 0 and unit.toks[p].pos == "NOUN" and unit.toks[p].lower not in NOT_POSSESSED \
            and any(x.tag.POS == "NOUN" for x in nlp.parse_word(unit.toks[p].lower)) \
            and unit.toks[p].mention < 0 and (unit.toks[p].text[:1].islower() or at_sentence_start(unit, p)):
        start = _noun_phrase_start(unit, p)
        if _apposition(unit, p, m, _name_cases(m.key, m.value, state.person)) or _has_possessor(unit, start):
            return False
        form = possessive_pronoun(state.person, *_noun_feats(unit.toks[p]))
        capital = at_sentence_start(unit, start)
        _delete(unit, m.first, m.last)
        first = unit.toks[start]
        first.prefix = _capitalise(form) if capital else form
        if capital and first.pos != "PROPN":
            first.text = first.text[:1].lower() + first.text[1:]
        state.fire("possessive_genitive", f"{unit.toks[p].text} {m.key} → {form} … {unit.toks[p].text}")
        return True
    n = _next(unit, m.last)
    # pre-posed: `Ивана Петровича жена` -> `моя жена` (only right after a pause or a sentence start)
    if n >= 0 and unit.toks[n].pos == "NOUN" and unit.toks[n].feat("Case") != "Gen" and \
            any(x.tag.POS == "NOUN" for x in nlp.parse_word(unit.toks[n].lower)) and \
            (p < 0 or not unit.toks[p].is_word or at_sentence_start(unit, m.first)):
        form = possessive_pronoun(state.person, *_noun_feats(unit.toks[n]))
        _write_span(unit, m, form)
        _set_capital(unit, m.first)
        state.fire("possessive_genitive", f"{m.key} {unit.toks[n].text} → {form} {unit.toks[n].text}")
        return True
    return False


def possessive_before_name(unit: Unit, m: Mention, case: str, state: State) -> None:
    """`простонал мой Савельич` -> `простонал я`, `о моем Борисе` -> `обо мне`: a possessive
    determiner that belongs to the name goes with it (мой я reads as nonsense)."""
    p = _prev(unit, m.first)
    if p < 0:
        return
    tok = unit.toks[p]
    if tok.pos == "DET" and any(
            x.normal_form in POSSESSIVE_DETERMINERS for x in nlp.parse_word(tok.lower) if x.tag.POS == "ADJF"):
        tok.deleted = True
        first = unit.toks[m.first]
        first.ws = tok.ws
        state.fire("possessive_before_name", f"{tok.text} dropped")


def pronoun_in_case(unit: Unit, m: Mention, state: State) -> bool:
    """The name becomes я/меня/мне/мной (ты/тебя/тебе/тобой) in its case; then the rules around."""
    case = mention_case(unit, m, state)
    if case is None:
        return False
    pronoun = personal_pronoun(state.person, case)
    _write_span(unit, m, pronoun)
    state.fire("pronoun_in_case", f"{m.key} → {pronoun} ({case})")
    for rule in AROUND_PRONOUN_RULES:
        rule(unit, m, case, state)
    return True


# ---------------------------------------------------------------------------------------------
# AROUND_PRONOUN_RULES: edits next to a written personal pronoun.

def first_person_preposition(unit: Unit, m: Mention, case: str, state: State) -> None:
    """к мне -> ко мне, с мной -> со мной, о мне -> обо мне; ко тебе -> к тебе."""
    p = _preposition(unit, m)
    if p < 0:
        return
    tok = unit.toks[p]
    new = preposition_before(tok.text, state.person, case)
    if new != tok.text:
        state.fire("first_person_preposition", f"{tok.text} → {new}")
        tok.text = new


def capital_letter(unit: Unit, m: Mention, case: str, state: State) -> None:
    """Я at a sentence start (or a capitalised remark), я inside a sentence."""
    tok = unit.toks[m.first]
    if at_sentence_start(unit, m.first):
        tok.text = _capitalise(tok.text)
        state.fire("capital_letter", f"{m.key} → {tok.text}")
    else:
        tok.text = tok.text.lower()


_SKIP_TO_VERB = {"не", "ни", "же", "ж", "ли", "бы", "б", "уж", "уже", "тоже", "также", "всё", "все", "ещё",
                 "еще", "сам", "сама", "само", "вот", "сейчас", "теперь", "всегда", "никогда", "опять",
                 "только", "лишь", "даже", "ведь", "-то", "-ка"}


def _verb_near(unit: Unit, i: int, step) -> int:
    """The finite verb next to the subject, past adverbs, particles and object pronouns."""
    k, budget = step(unit, i), 4
    sent = unit.toks[i].sent
    while k >= 0 and budget > 0 and unit.toks[k].sent == sent:
        tok = unit.toks[k]
        if tok.pos in ("VERB", "AUX") and tok.feat("VerbForm") == "Fin":
            return k if tok.feat("Mood") != "Imp" else -1
        skippable = tok.lower in _SKIP_TO_VERB or tok.pos in ("ADV", "PART") \
            or tok.pos == "PRON" and tok.feat("Case") not in (None, "Nom")
        if tok.text == "," and step is _next:
            group = _parenthetical_group(unit, k)
            if group < 0:
                return -1
            k = _next(unit, group)
            continue
        if tok.pos == "ADP" and step is _next:  # `Кирсанов от нас уезжает`: skip a short PP
            n = _next(unit, k)
            if n >= 0 and unit.toks[n].pos in ("PRON", "NOUN", "PROPN") and not _nominative_word(unit.toks[n]) \
                    and unit.toks[n].mention < 0:
                k, budget = _next(unit, n), budget - 2
                continue
        if not skippable or tok.mention >= 0:
            return -1
        k, budget = step(unit, k), budget - 1
    return -1


def _parenthetical_group(unit: Unit, comma: int) -> int:
    """`, кажется,` / `, вставая,` between a subject and its verb: index of the closing comma."""
    k, count = _next(unit, comma), 0
    while k >= 0 and count < 6:
        tok = unit.toks[k]
        if tok.text == ",":
            return k if count else -1
        if _is_end(tok) or _nominative_word(tok) or tok.lower in CLAUSE_WORDS or tok.mention >= 0:
            return -1
        if _finite(tok) and tok.lower not in PARENTHETICAL:
            return -1
        k, count = _next(unit, k), count + 1
    return -1


def _conjoined_verbs(unit: Unit, start: int, sent: int, step) -> list[int]:
    """Finite verbs joined to the first by и/да/а/но/запятая with no subject of their own."""
    verbs, joined = [], False
    k = step(unit, start)
    while k >= 0 and unit.toks[k].sent == sent:
        tok = unit.toks[k]
        if _is_end(tok) or tok.lower in CLAUSE_WORDS or tok.pos == "SCONJ" or tok.text in (":", ";", "(", ")"):
            break
        if _nominative_word(tok) or tok.mention >= 0:
            break
        if tok.lower in ("и", "да", "а", "но", "или", "либо", ",", "потом", "затем"):
            joined = True
        elif _finite(tok):
            if not joined:
                break
            verbs.append(k)
            joined = False
        k = step(unit, k)
    return verbs


def verb_agreement(unit: Unit, m: Mention, case: str, state: State) -> None:
    """`Вася идёт` -> `я иду` / `ты идёшь`; every present/future verb sharing the subject agrees."""
    if case != "nomn":
        return
    sent = unit.toks[m.name_first].sent
    after = _verb_near(unit, m.last, _next)
    verbs = []
    if after >= 0:
        verbs = [after] + _conjoined_verbs(unit, after, sent, _next)
    else:
        before = _verb_near(unit, m.first, _prev)
        if before >= 0:
            verbs = _conjoined_verbs(unit, before, sent, _prev)[::-1] + [before] + \
                _conjoined_verbs(unit, m.last, sent, _next)
    if not verbs and unit.continues and _next(unit, m.last) < 0:
        state.verbs_after_remark.append(unit.index + 2)  # `Иван Игнатьич (сказал он) одобряет…`
    for k in verbs:
        tok = unit.toks[k]
        if tok.feat("Person") not in (None, "3") or tok.feat("Number") == "Plur" or tok.feat("Tense") == "Past":
            continue
        new = agree_verb(tok.text, state.person)
        if new and new != tok.text:
            state.fire("verb_agreement", f"{tok.text} → {new}")
            tok.text = new


MENTION_RULES = [
    keep_empty_value,
    write_literal_value,
    keep_naming_construction,
    remove_address,
    possessive_adjective,
    possessive_genitive,
    pronoun_in_case,
]
AROUND_PRONOUN_RULES = [
    possessive_before_name,
    first_person_preposition,
    capital_letter,
    verb_agreement,
]


# ---------------------------------------------------------------------------------------------
# Lines.

_CLOSERS = "»\"”')]"


def segment_starts(segments: list[Segment]) -> list[bool]:
    """Does each segment begin a sentence? A remark does after `.` (not after `!` `?` `…`: Russian
    writes `— Иду! — крикнул он`), after another remark, never after a dropped comma. Speech after
    a remark does unless it starts in lower case; a capital may also be a name's (`(сказал он)
    Вася пришёл`), and the remark's closing `.` or `,` is not in dialogs.txt, so then it is taken
    to begin one."""
    starts = []
    for i, seg in enumerate(segments):
        if i == 0:
            starts.append(True)
            continue
        prev = segments[i - 1]
        end = prev.text.rstrip(_CLOSERS)
        if seg.remark:
            starts.append(prev.remark or (end.endswith(".") and not end.endswith("..")))
        elif prev.remark:
            first = next((c for c in seg.text if c.isalpha()), "")
            starts.append(not first.islower())  # `(сказал он) что у нас?` goes on
        else:
            starts.append(end.endswith((".", "!", "?", "…")))
    return starts


_WORD_RE = re.compile(rf"{_W}+(?:-{_W}+)*")
_OPENERS_TEXT = "«„“\"'(—– "


def _is_predicate_word(word: str) -> bool:
    """`одобряет`, `пришёл`: a finite verb in the 3rd person or the past (pymorphy3's best reading)."""
    parses = nlp.parse_word(word.lower()) if word else ()
    if not parses:
        return False
    tag = max(parses, key=lambda p: p.score).tag
    return tag.POS == "VERB" and ("3per" in tag or tag.tense == "past")


def _continues(segments: list[Segment], i: int) -> bool:
    if segments[i].remark or i + 2 >= len(segments) or not segments[i + 1].remark or segments[i + 2].remark:
        return False
    first = next((c for c in segments[i + 2].text if c.isalpha()), "")
    return first.islower()


def analyse(segments: list[Segment], table: NameTable) -> list[Unit]:
    """Tokens, sentences and mentions of each segment (no tagging yet)."""
    units = []
    for i, (seg, start) in enumerate(zip(segments, segment_starts(segments))):
        toks = tokenize(seg.text)
        unit = Unit(toks, seg.remark, start, continues=_continues(segments, i), index=i)
        if unit.continues:
            unit.next_word = _WORD_RE.match(segments[i + 2].text.lstrip(_OPENERS_TEXT)).group() \
                if _WORD_RE.match(segments[i + 2].text.lstrip(_OPENERS_TEXT)) else ""
        unit.mentions = find_mentions(toks, table) if table.by_first else []
        if unit.mentions:
            _sentence_ranges(seg.text, toks)
        units.append(unit)
    return units


def sentences_to_tag(segments: list[Segment], table: NameTable) -> list[tuple[str, ...]]:
    return [s for unit in analyse(segments, table) if unit.mentions for s in _sentences_to_tag(unit)]


def render_unit(unit: Unit) -> str:
    parts = []
    for tok in unit.toks:
        if tok.deleted:
            continue
        if tok.prefix:
            parts.append(tok.ws + tok.prefix + " " + tok.text)
        else:
            parts.append(tok.ws + tok.text)
    text = "".join(parts).strip()
    return re.sub(r"\s{2,}", " ", text) if "  " in text else text


def _capitalise_after_removed_tail(segments: list[Segment], texts: list[str]) -> None:
    """`Мустафа (крикнул он) сколько с нас?` -> `(крикнул я) Сколько с нас?`: when an address
    removed before a remark ended the speech there, the speech after the remark starts a sentence."""
    for j in range(2, len(segments)):
        if segments[j].remark or not segments[j - 1].remark or segments[j - 2].remark:
            continue
        before_old, before_new = segments[j - 2].text, texts[j - 2]
        ended = not before_new or before_new.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))
        was_ended = before_old.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))
        if not before_new and before_old or ended and not was_ended:
            texts[j] = _capitalise_first_letter(texts[j])


def _agree_first_word(text: str, state: State) -> str:
    match = _WORD_RE.search(text)
    new = agree_verb(match.group(), state.person) if match else None
    if not new:
        return text
    state.fire("verb_agreement", f"{match.group()} → {new} (after the remark)")
    return text[:match.start()] + new + text[match.end():]


def _capitalise_first_letter(text: str) -> str:
    for i, c in enumerate(text):
        if c.isalpha():
            return text[:i] + c.upper() + text[i + 1:]
    return text


def _run_rules(segments: list[Segment], table: NameTable, person: str, fired, allow_address: bool):
    units = analyse(segments, table)
    if not any(u.mentions for u in units):
        return list(segments), False
    state = State(person, table, fired, allow_address)
    for unit in units:
        if not unit.mentions:
            continue
        for s in {unit.toks[m.name_first].sent for m in unit.mentions}:
            members = [t for t in unit.toks if t.sent == s]
            words = tuple(t.text for t in members)
            if words not in _TAGS:
                tag_sentences([words])
            for tok, (pos, feats) in zip(members, _TAGS[words]):
                tok.pos, tok.feats = pos, feats
        for m in unit.mentions:
            for rule in MENTION_RULES:
                if rule(unit, m, state):
                    break
    texts = [render_unit(unit) if unit.mentions else seg.text for seg, unit in zip(segments, units)]
    for j in state.verbs_after_remark:
        texts[j] = _agree_first_word(texts[j], state)
    _capitalise_after_removed_tail(segments, texts)
    out = [Segment(text, seg.remark) for seg, text in zip(segments, texts) if text]
    had_speech = any(not s.remark and any(c.isalnum() for c in s.text) for s in segments)
    has_speech = any(not s.remark and any(c.isalnum() for c in s.text) for s in out)
    return out, had_speech and not has_speech


def rewrite_segments(segments: list[Segment], names, person: str, fired: list | None = None) -> list[Segment]:
    """The segments of one replica with every dictionary name turned into я (me) or ты (ti).

    `names` is a dictionary {form: value} (or a NameTable); `fired`, if given, receives
    (rule, what) pairs saying which rule fired for which mention.
    """
    table = _table(names, person)
    trace = [] if fired is not None else None
    out, lost_speech = _run_rules(segments, table, person, trace, allow_address=True)
    if lost_speech:
        # removing the address would leave no speech (`Маша!`): keep the address as written
        trace = [] if fired is not None else None
        out, _ = _run_rules(segments, table, person, trace, allow_address=False)
    if fired is not None:
        fired.extend(trace)
    return out


def rewrite_line(raw_line: str, names, person: str, fired: list | None = None) -> str:
    """One raw_dialogs.txt line (`@… |remark| …`) rewritten; blank lines stay blank."""
    if not raw_line.strip():
        return raw_line
    return render_raw(rewrite_segments(parse_raw(raw_line), names, person, fired))


# ---------------------------------------------------------------------------------------------
# The stage.

def check_in_sync(dialogs: list[str], raw: list[str], dialogs_path, raw_path) -> list[list[Segment] | None]:
    """Segments of each line; raw_dialogs.txt must be dialogs.txt line for line."""
    fix = "re-run from the dialogues stage (without --from) to write both files again"
    if len(dialogs) != len(raw):
        raise UserError(f"{raw_path}: {len(raw)} lines but {dialogs_path} has {len(dialogs)}; "
                        f"the two files are out of sync: {fix}")
    parsed: list[list[Segment] | None] = []
    for number, (line, raw_line) in enumerate(zip(dialogs, raw), 1):
        if not line.strip() and not raw_line.strip():
            parsed.append(None)
            continue
        try:
            segments = parse_raw(raw_line)
        except ValueError as err:
            raise UserError(f"{raw_path}:{number}: {err}; {fix}")
        if render_dialog(segments) != line:
            raise UserError(f"{dialogs_path}:{number}: differs from {raw_path}:{number}; "
                            f"edit both files the same way or {fix}")
        parsed.append(segments)
    return parsed


def run_stage(ctx) -> dict:
    """dialogs + dictionaries -> me_dialogs.txt, ti_dialogs.txt, raw_me_dialogs.txt, raw_ti_dialogs.txt."""
    from .pipeline import (DIALOGS, DICT_ME, DICT_TI, ME_DIALOGS, RAW_DIALOGS, RAW_ME_DIALOGS,
                           RAW_TI_DIALOGS, TI_DIALOGS)

    outputs = {"me": (ME_DIALOGS, RAW_ME_DIALOGS), "ti": (TI_DIALOGS, RAW_TI_DIALOGS)}
    dialogs = ctx.read_lines(DIALOGS)
    raw = ctx.read_lines(RAW_DIALOGS)
    parsed = check_in_sync(dialogs, raw, ctx.path(DIALOGS), ctx.path(RAW_DIALOGS))
    tables = {"me": NameTable(read_dictionary(ctx.path(DICT_ME)), "me"),
              "ti": NameTable(read_dictionary(ctx.path(DICT_TI)), "ti")}
    # Inputs are good: from here an interrupted run must not leave the outputs of an earlier
    # run beside new ones. (A bad input above stops the run with every earlier output kept.)
    for names in outputs.values():
        for name in names:
            ctx.path(name).unlink(missing_ok=True)
    debug = bool(getattr(ctx.options, "debug_rules", False))

    # Tag every sentence that holds a name in one batched pass.
    wanted = []
    for segments in parsed:
        if segments:
            for table in tables.values():
                wanted.extend(sentences_to_tag(segments, table))
    tag_sentences(wanted)

    lines = {person: [] for person in PERSONS}
    raw_lines = {person: [] for person in PERSONS}
    counts = {person: Counter() for person in PERSONS}
    with_names = 0
    for number, segments in enumerate(_progress(parsed, ctx), 1):
        if segments is None:
            for person in PERSONS:
                lines[person].append("")
                raw_lines[person].append("")
            continue
        changed = False
        for person in PERSONS:
            fired: list = []
            out = rewrite_segments(segments, tables[person], person, fired)
            counts[person].update(rule for rule, _ in fired)
            changed = changed or bool(fired)
            lines[person].append(render_dialog(out))
            raw_lines[person].append(render_raw(out))
            if debug and fired:
                print(f"{ctx.path(DIALOGS)}:{number} {person}: "
                      + "; ".join(f"{rule}: {what}" for rule, what in fired), file=sys.stderr)
        with_names += changed
    for person, (name, raw_name) in outputs.items():
        assert len(lines[person]) == len(dialogs)
        ctx.write(raw_name, "\n".join(raw_lines[person]) + "\n" if raw_lines[person] else "")
        ctx.write(name, "\n".join(lines[person]) + "\n" if lines[person] else "")
    replicas = sum(1 for s in parsed if s)
    for person in PERSONS:
        c = counts[person]
        ctx.log(f"   {person}: {c['pronoun_in_case']} names -> pronouns, "
                f"{c['possessive_genitive'] + c['possessive_adjective']} -> possessives, "
                f"{c['remove_address']} addresses removed, {c['verb_agreement']} verbs agreed; kept: "
                f"{c['keep_empty_value']} (\"\" in the dictionary), {c['keep_naming_construction']} "
                f"(naming constructions), {c['keep_lone_address']} (an address that is the whole speech), "
                f"{c['write_literal_value']} literal values written")
    ctx.log(f"   {with_names} of {replicas} replicas hold a name; the others are copied unchanged")
    return {"replicas with names": with_names,
            "names replaced (me)": sum(counts["me"][r] for r in (
                "pronoun_in_case", "possessive_genitive", "possessive_adjective", "remove_address",
                "write_literal_value"))}


def _progress(items, ctx):
    if getattr(ctx.options, "quiet", False) or len(items) < 2000:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="   time", unit=" lines", mininterval=1.0, leave=False)
