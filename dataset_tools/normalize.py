"""Text normalisation before parsing (FORMAT.md §1): one paragraph per line, clean spaces.

    split_paragraphs(text) -> (paragraphs, joined)
"""
from __future__ import annotations

import html
import re
import statistics

# Unicode spaces that books use between a dash and a word (NBSP, thin, narrow NBSP, ...).
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\u00ad]")
# Footnote marks glued to a word or to punctuation: `слово[12]`, `убил?*`, `фурор[55].`
# A bracketed gloss (`[Французское вино.]`) and stress digits (`что2`) are not touched.
_FOOTNOTE_BRACKET = re.compile(r"(?<=[^\s\[])\[\d{1,4}\]")
_FOOTNOTE_STAR = re.compile(r"(?<=[\w.,;:!?…»\"')\]])\*{1,3}(?=[\s.,;:!?…»\"')\]—–-]|$)")
_HTML_ENTITY = re.compile(r"&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def clean_paragraph(line: str) -> str:
    """Entities, exotic spaces, footnote marks; runs of spaces collapse; ends trimmed."""
    if "&" in line:
        line = _HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)), line)
    line = _ZERO_WIDTH.sub("", line)
    line = _SPACES.sub(" ", line)
    if "[" in line:
        line = _FOOTNOTE_BRACKET.sub("", line)
    if "*" in line:
        line = _FOOTNOTE_STAR.sub("", line)
    return line.strip()


def looks_hard_wrapped(lines: list[str]) -> bool:
    """True for texts wrapped at a fixed width with blank lines between paragraphs.

    Signs: most non-blank lines are short and similar in length (~60-80 columns), and most
    blocks between blank lines hold several lines. A book with one paragraph per line has
    long lines of very different lengths, or blocks of a single line.
    """
    blocks, current = [], 0
    lengths = []
    for line in lines:
        stripped = line.strip()
        if stripped:
            current += 1
            lengths.append(len(stripped))
        elif current:
            blocks.append(current)
            current = 0
    if current:
        blocks.append(current)
    if len(lengths) < 20 or not blocks:
        return False
    multi = sum(1 for b in blocks if b > 1) / len(blocks)
    p90 = statistics.quantiles(lengths, n=10)[-1]
    return multi >= 0.3 and p90 <= 100


def split_paragraphs(text: str, join: bool | None = None) -> tuple[list[str], bool]:
    """Split a book into cleaned paragraphs; blank lines stay as "" (they mark gaps).

    join=None detects hard-wrapped text, True forces re-joining, False never joins.
    Returns (paragraphs, joined).
    """
    lines = text.lstrip("\ufeff").split("\n")
    joined = looks_hard_wrapped(lines) if join is None else join
    if not joined:
        return [clean_paragraph(line) for line in lines], False
    paragraphs, block = [], []
    for line in lines:
        if line.strip():
            block.append(line.strip())
            continue
        if block:
            paragraphs.append(clean_paragraph(_join_block(block)))
            block = []
        paragraphs.append("")
    if block:
        paragraphs.append(clean_paragraph(_join_block(block)))
    return paragraphs, True


def _join_block(block: list[str]) -> str:
    text = block[0]
    for line in block[1:]:
        # A word broken by a hyphen at the line end (`пере-` + `ход`) is glued back.
        if re.search(r"[а-яё]-$", text) and re.match(r"[а-яё]", line):
            text = text[:-1] + line
        else:
            text += " " + line
    return text
