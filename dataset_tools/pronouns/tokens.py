"""The tokens of one segment being rewritten, the way to move over them (deleted tokens are
skipped) and sentence starts. The rules only read them; edits.apply changes them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import nlp
from ..grammar import ABBREVIATIONS, PARTICLE_SUFFIXES


PERSONS = ("me", "ti")
_W = r"(?:[^\W_]|[\u0300-\u036f])"  # a letter or digit, or a combining stress mark
_TOKEN_RE = re.compile(rf"{_W}+(?:[-'’]{_W}+)*|[.!?…]+|\S")
_PARTICLE_RE = re.compile(r"^(.+?)(-(?:" + "|".join(PARTICLE_SUFFIXES) + r"))$")  # Маша-то: the name is Маша
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
    head: int = -2  # natasha's syntax: the token this one depends on (-1: the root; -2: not parsed)
    rel: str = ""  # ... and the relation (nsubj, obj, conj, cop, flat:name, …)

    def __post_init__(self):
        self.written = self.text  # as the source has it, whatever the edits make of `text`

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
    word_before_remark: str = ""  # speech after a remark: the last word of the speech before it
    index: int = 0  # the segment's place in the line
    mentions: list[Mention] = field(default_factory=list)


def tokenize(text: str) -> list[Tok]:
    toks, end = [], 0
    for match in _TOKEN_RE.finditer(text):
        toks.append(Tok(match.group(), text[end:match.start()], match.start()))
        end = match.end()
    return toks


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


def after_speech_colon(unit: Unit, i: int) -> bool:
    """`Бывало, увидит муху и кричит: Кузька, пистолет!`: token i opens the words after a verb of speech and a
    colon (speech quoted with no quotation marks), which begin with a capital like a sentence."""
    colon = _prev(unit, i)
    verb = _prev(unit, colon) if colon >= 0 and unit.toks[colon].text == ":" else -1
    if verb < 0 or not unit.toks[verb].is_word or _prev(unit, verb) >= 0 and unit.toks[_prev(unit, verb)].lower == "не":
        return False  # `ты этого не говори: Базаров умен`: the colon explains, no speech is quoted
    return bool({p.normal_form for p in nlp.parse_word(unit.toks[verb].lower)
                 if p.tag.POS == "VERB" and p.tag.mood == "indc"} & QUOTING_VERBS)


# Verbs that quote what is said after a colon (`кричит: Кузька, пистолет!`); not `заметить` (`все заметили:
# Настасья вас любит` — noticed, not said) nor `думать`.
QUOTING_VERBS = frozenset("""говорить сказать кричать крикнуть закричать вскричать спросить спрашивать ответить
отвечать шептать прошептать воскликнуть восклицать""".split())


def _abbreviation(unit: Unit, dot: int) -> bool:
    """`г. Лаевский`, `т. е.`: a dot after an abbreviation or an initial ends no sentence."""
    if unit.toks[dot].text != ".":
        return False
    p = _prev(unit, dot)
    if p >= 0 and unit.toks[p].lower == "им" and _nominative_after(unit, dot):
        return False  # `(говорили им. Растопчин в своих афишках…)`: the pronoun, not `им. Пушкина`
    return p >= 0 and (unit.toks[p].lower in ABBREVIATIONS or len(unit.toks[p].text) == 1
                       and unit.toks[p].text.isupper())


def _nominative_after(unit: Unit, dot: int) -> bool:
    """Is the capitalised word after this dot a nominative (a new sentence's subject), not the
    genitive of `им. Пушкина`? (natasha reads `им.` as the abbreviation too: the dictionary value or pymorphy3 decides.)"""
    n = _next(unit, dot)
    if n < 0 or not unit.toks[n].written[:1].isupper():
        return False
    if unit.toks[n].mention >= 0:  # a name of the book: its dictionary value says the case
        return unit.mentions[unit.toks[n].mention].value.lower() in ("я", "ты")
    cases = {p.tag.case for p in nlp.parse_word(unit.toks[n].written.lower())}
    return "nomn" in cases and "gent" not in cases


def _is_end(tok: Tok) -> bool:
    return bool(_END_RE.match(tok.text))


def _finite(tok: Tok) -> bool:
    return tok.pos in ("VERB", "AUX") and tok.feat("VerbForm") == "Fin" and tok.feat("Mood") != "Imp"


def _nominative_word(tok: Tok) -> bool:
    return tok.pos in ("NOUN", "PROPN", "PRON") and tok.feat("Case") == "Nom"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


CLAUSE_WORDS = {"что", "чего", "чему", "чем", "чём", "чтобы", "чтоб", "если", "когда", "как", "какой", "какая",
                "какое", "какие", "каков", "который", "которая", "которое", "которые", "которого", "которой",
                "которому", "которым", "котором", "которую", "которых", "где", "куда", "откуда", "почему",
                "зачем", "отчего", "сколько", "чей", "чья", "чьё", "чье", "пока", "хотя", "потому", "ибо",
                "будто", "словно", "кто", "кого", "кому", "кем", "ком", "коли", "ли", "нежели", "дабы"}


RELATIVES = {w for w in CLAUSE_WORDS if w.startswith("котор")} | {"кто"}
_WORD_RE = re.compile(rf"{_W}+(?:-{_W}+)*")


def _is_predicate_word(word: str) -> bool:
    """`одобряет`, `пришёл`: a finite verb in the 3rd person or the past (pymorphy3's best reading)."""
    parses = nlp.parse_word(word.lower()) if word else ()
    if not parses:
        return False
    tag = max(parses, key=lambda p: p.score).tag
    return tag.POS == "VERB" and ("3per" in tag or tag.tense == "past")
