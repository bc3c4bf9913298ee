"""The words of a remark, for remarks.py: the dictionary's name forms found in a text (Finder), the
remark cut into tokens with each name glued into one word (remark_words), and the small readings of
one word the subject rules share (a finite verb, its gender and lemma, a noun that may be the subject,
a word that may stand between the verb and its subject).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .names.forms import WORD_RE, _e
from .nlp import parse_word

OBJECT_PRONOUNS = frozenset("""
ей ему им мне нам вам тебе его ее её их меня нас вас тебя ним нему ней нее неё
""".split())
_TOKEN_RE = re.compile(rf"{WORD_RE.pattern}|[,;:.!?…()«»\"—–]")
_SKIP_POS = frozenset({"ADVB", "PRCL", "INTJ", "ADJS", "COMP", "PRED", "GRND", "NUMR"})


# ---------------------------------------------------------------- finding names in text

class Finder:
    """Dictionary forms in a text, longest first, whole words: (start, stop, form)."""

    def __init__(self, forms):
        self.forms: dict[tuple[str, ...], str] = {}
        for form in forms:
            words = tuple(WORD_RE.findall(form))
            if words:
                self.forms[words] = form
        self.longest = max((len(k) for k in self.forms), default=1)
        self.first_words = {k[0] for k in self.forms}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        words = list(WORD_RE.finditer(text))
        found, i = [], 0
        while i < len(words):
            if words[i].group() not in self.first_words:
                i += 1
                continue
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = tuple(w.group() for w in words[i:i + n])
                if key in self.forms:
                    found.append((words[i].start(), words[i + n - 1].end(), self.forms[key]))
                    i += n
                    break
            else:
                i += 1
        return found


# ---------------------------------------------------------------- words of a remark

@dataclass
class Word:
    text: str
    start: int
    form: str = ""  # the dictionary form starting here (the whole name), if any
    stop: int = 0


def _tag(word: str):
    return parse_word(word.lower())[0].tag


def _is_finite_verb(word: str) -> bool:
    tag = _tag(word)
    return tag.POS == "VERB" and "impr" not in tag and ("past" in tag or "3per" in tag)


def _verb_gender(word: str) -> str:
    tag = _tag(word)
    if "plur" in tag:
        return "plur"
    return str(tag.gender) if tag.gender in ("masc", "femn") else ""


def _verb_lemma(word: str) -> str:
    return _e(parse_word(word.lower())[0].normal_form)


PARTICIPLE_NOUNS = True  # round 7: a participle alone after the verb is a person (`отвечал разжалованный`)


def _noun_subject(word: str, alone: bool = False, at_end: bool = False) -> tuple[str, str] | None:
    """(lemma, gender) of an animate noun in the nominative singular: `старик`, `доктор`;
    `alone` (nothing follows it in the clause): an adjective or a participle used as a noun,
    `отвечал дорожный`, `отвечал разжалованный`, `вопрошает обиженный`."""
    word = word.rsplit("-", 1)[-1]  # `чеченец-переводчик` is a переводчик
    if alone:
        parse = parse_word(word.lower())[0]
        # a participle only at the clause's end: `говорил шедший по другую сторону кулак` has its noun
        pos = ("ADJF", "PRTF") if PARTICIPLE_NOUNS and at_end else ("ADJF",)
        if parse.tag.POS in pos and parse.tag.case == "nomn" and parse.tag.number == "sing" and \
                parse.tag.gender in ("masc", "femn"):
            if parse.tag.POS == "PRTF":  # a participle's normal form is its verb: name it by itself
                masc = parse.inflect({"masc", "sing", "nomn"})
                return _e(masc.word if masc else word.lower()), str(parse.tag.gender)
            return _e(parse.normal_form), str(parse.tag.gender)
    for parse in parse_word(word.lower())[:2]:
        tag = parse.tag
        if tag.POS == "NOUN" and "anim" in tag and tag.case == "nomn" and tag.number == "sing" \
                and not ({"Name", "Surn", "Patr"} & tag.grammemes):
            return _e(parse.normal_form), str(tag.gender) if tag.gender in ("masc", "femn") else ""
    return None


def _is_modifier(word: str) -> bool:
    """Words that stand between the verb and its subject: `сказал весело фон Корен`,
    `отвечал в простоте души сконфуженный дядя`, `сказала ей Марья Константиновна`."""
    low = word.lower()
    if low in OBJECT_PRONOUNS:
        return True
    tag = _tag(word)
    if tag.POS in _SKIP_POS or tag.POS in ("PREP", "CONJ", "INFN"):
        return True  # INFN: `едва мог выговорить Нехлюдов`
    if tag.POS in ("ADJF", "PRTF") and tag.case == "nomn":
        return True  # `тронутый Тентетников`
    return tag.POS in ("NOUN", "ADJF", "NPRO") and tag.case not in ("nomn", None)


def remark_words(text: str, finder: Finder) -> list[Word]:
    names = {start: (stop, form) for start, stop, form in finder.find(text)}
    words: list[Word] = []
    skip_until = -1
    for match in _TOKEN_RE.finditer(text):
        if match.start() < skip_until:
            continue
        if match.start() in names:
            stop, form = names[match.start()]
            words.append(Word(text[match.start():stop], match.start(), form, stop))
            skip_until = stop
        else:
            words.append(Word(match.group(), match.start(), "", match.end()))
    return words
