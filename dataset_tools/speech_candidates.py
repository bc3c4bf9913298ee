"""The candidate boundaries of a replica (FORMAT.md §2): every dash inside its body that may open a remark.

    find_candidates("Привет, — сказал Вася, — что на ужин?")
    -> [Candidate(7, 10, ",", True), Candidate(21, 24, ",", True)]

Split out of speech.py (round 6); speech.py decides which candidate part is a remark. `Part`, the text
after one candidate dash that the rules judge, lives here too, so that speech.py and speech_inner.py
(the rules about the author's sentence inside a replica) both import it without a cycle.
Each dash is judged by what stands right before it, so the finder looks at a bounded tail of the text
before the dash (TAIL characters) and keeps running counts of the quotation marks: the work per dash no
longer grows with the paragraph (a 72 KB paragraph was O(n²): every dash copied and scanned all the text
before it). Where the tail could be too short to decide (a gloss in brackets, a tail of blanks or quotes),
the whole text before the dash is read, as before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

LEADING_DASH = re.compile(r"^(?:--|[—–―‒-])\s*")
# A dash inside the text: em/en/horizontal bar, a double hyphen, a hyphen standing alone, or a
# hyphen glued between a comma or a sentence end and a word (`пить,- сказал он,-прошу тебя`).
_INNER_DASH = re.compile(r"--|[—–―‒]|(?<![\w-])-(?=\s)|(?<=[,;.!?…])-(?=[A-Za-zА-Яа-яЁё])|(?<=[,;.!?…] )-(?=[A-Za-zА-Яа-яЁё])")
_BOUNDARY_PUNCT = ",.!?…;:"
_GLOSS_AT_END = re.compile(r"(?<=[,.!?…;:])\s*(?:\[[^\[\]]*\]|\{[^{}]*\})$")
_CLOSING_QUOTES = "»\"”'’)"
_ABBREVIATION_AT_END = re.compile(r"(?:^|\s)\S{1,3}\.$")
_SPACES = re.compile(r"\s*")
TAIL = 400  # characters before a dash that decide it (more only where a gloss or a run of quotes may reach further)


@dataclass(frozen=True)
class Candidate:
    start: int  # where the space before the dash starts
    end: int  # where the text after the dash (and its spaces) starts
    punct: str  # the punctuation mark before the dash ("" if none)
    strict: bool  # punctuation + space before, space after: the contract's boundary dash
    after_quote: bool = False  # the dash stands in or right after a quotation the speaker cites (`«Вон!» — говорю`)


def strip_leading_dash(paragraph: str) -> str | None:
    """Replica body without its leading dash, or None if the paragraph is not a replica."""
    match = LEADING_DASH.match(paragraph)
    if not match:
        return None
    return paragraph[match.end():]


def _before_dash(before: str) -> tuple[str, str, int, int]:
    """What stands before a dash: (the punctuation mark or "", the text that may end in a cited quotation,
    how many blanks end `before`, how long it is without them and closing quotes)."""
    # A gloss in brackets belongs to the word before it: `Yes, sir! [Да, сэр! (англ.)] - отвечал слуга`.
    trimmed = before.rstrip()
    blanks = len(before) - len(trimmed)
    if trimmed.endswith(("]", "}")):
        trimmed = _GLOSS_AT_END.sub("", trimmed)
    # `"Ну, и черт с ней", -- говорю я себе`, `"Как, - говорю я ему, - вы…`: in or right after a quotation
    # (a gloss in brackets after the quotation belongs to it: `"Eh bien, mon vieux" ["Ну-ка, старина" (фр.)], - говорю я`)
    cited = trimmed.rstrip(_BOUNDARY_PUNCT)
    cited = re.sub(r"\s*\[[^\[\]]*\]$", "", cited) if cited.endswith("]") else cited
    while trimmed and trimmed[-1] in _CLOSING_QUOTES:
        trimmed = trimmed[:-1]
    punct = trimmed[-1] if trimmed and trimmed[-1] in _BOUNDARY_PUNCT else ""
    return punct, cited[-1:], blanks, min(len(trimmed), len(cited))


def find_candidates(body: str) -> list[Candidate]:
    candidates = []
    text_end = len(body.rstrip())
    lead = 1 if body.startswith("«") else 0  # speech itself in «…»
    opened = closed = straight = counted = 0  # «, » and " in body[:counted]
    for match in _INNER_DASH.finditer(body):
        at = match.start()
        if match.end() >= text_end:
            continue  # a trailing dash: speech broken off
        seen = body[counted:at]
        opened, closed, straight, counted = (opened + seen.count("«"), closed + seen.count("»"),
                                             straight + seen.count('"'), at)
        if opened - lead > closed:
            continue  # inside a quotation the speaker cites: not the author's dash
        space_before = at > 0 and body[at - 1].isspace()
        space_after = body[match.end()].isspace()
        before = body[max(0, at - TAIL):at]
        if at > TAIL and ("]" in before or "}" in before or not before.strip()):
            before = body[:at]  # a gloss may open further back
        punct, cited_end, blanks, kept = _before_dash(before)
        if len(before) < at and kept < 16:
            before = body[:at]  # a run of closing quotes as long as the tail: read it all
            punct, cited_end, blanks, kept = _before_dash(before)
        after_quote = cited_end in ("»", '"', "”", "“") or straight % 2 == 1
        if not punct and not (space_before and space_after):
            continue  # a hyphen or dash glued inside a word or number
        if match.group() == "-" and not space_after and _ABBREVIATION_AT_END.search(before):
            continue  # `St.-Jérôme`: a hyphen after an abbreviation
        start = at - blanks
        end = _SPACES.match(body, match.end()).end()
        candidates.append(Candidate(start, end, punct, bool(punct) and space_before and space_after, after_quote))
    return candidates


_SENTENCE_END = ".!?…"


@dataclass(frozen=True)
class Part:
    """A candidate remark: the text after a dash, with what stood before the dash."""

    text: str
    punct: str
    strict: bool
    words: tuple[str, ...]
    after_remark: bool = False  # the part before this one was the author's remark
    after_quote: bool = False  # the dash follows a quotation the speaker cites (see Candidate)
    narrator: bool = False  # the book is told in the first person (dialogue.told_in_first_person)

    @property
    def after_sentence_end(self) -> bool:
        return bool(self.punct) and self.punct in _SENTENCE_END  # "" (a bare dash) is no sentence end
