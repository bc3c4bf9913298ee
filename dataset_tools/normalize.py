"""Text normalisation before parsing (FORMAT.md §1): one paragraph per line, clean spaces.

    split_book(text, layout="auto") -> (paragraphs, layout)   # layout: blank, indent or lines
    split_paragraphs(text) -> (paragraphs, joined)

Three layouts of a book file:
- `lines`: one paragraph per line (what most e-books are);
- `blank`: hard-wrapped lines, a blank line between paragraphs;
- `indent`: hard-wrapped lines, no blank lines, a paragraph starts on a line indented deeper than
  the lines that continue it (the classic library-site layout, `       - Ты куда?` / `  брата...`).
"""
from __future__ import annotations

import collections
import html
import re
import statistics

# Unicode spaces that books use between a dash and a word (NBSP, thin, narrow NBSP, ...), and
# control characters left where a space was lost in conversion (`я\x7fЭтьена`, `видеть,\x7f–`).
_SPACES = re.compile(r"[ \t\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+")
_STRAY_DEL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]+(?=[\s.,;:!?…»)\]]|$)")  # before punctuation: nothing (`мама\x01.`)
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\u00ad]")
# Footnote marks glued to a word or to punctuation: `слово[12]`, `убил?*`, `фурор[55].`
# A bracketed gloss (`[Французское вино.]`) and stress digits (`что2`) are not touched.
_FOOTNOTE_BRACKET = re.compile(r"(?<=[^\s\[])\[\d{1,4}\]")
# A footnote number glued to a word's `!` `?` `…` (`c'est un Zouave!2`): no stress digit stands there.
_FOOTNOTE_DIGIT = re.compile(r"(?<=[^\W\d_][!?…])\d{1,2}(?=[\s»\"')]|$)")
_FOOTNOTE_STAR = re.compile(r"(?<=[\w.,;:!?…»\"')\]])\*{1,3}(?=[\s.,;:!?…»\"')\]—–-]|$)")
# `|` marks remarks in raw_dialogs.txt and `@` starts its lines: the book's own become `/` and go.
_LEADING_AT = re.compile(r"^((?:--|[—–―‒-])?\s*)@+\s*")
_REPLICA_START = re.compile(r"(?:--|[—–―-])\s+[«\"]?[А-ЯЁA-Z]")
LAYOUTS = ("auto", "blank", "indent", "lines")
_HTML_ENTITY = re.compile(r"&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def clean_paragraph(line: str) -> str:
    """Entities, exotic spaces, footnote marks; runs of spaces collapse; ends trimmed."""
    if "&" in line:
        line = _HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)), line)
    line = _ZERO_WIDTH.sub("", line)
    line = _SPACES.sub(" ", _STRAY_DEL.sub("", line))
    if "[" in line:
        line = _FOOTNOTE_BRACKET.sub("", line)
    if "*" in line:
        line = _FOOTNOTE_STAR.sub("", line)
    line = _FOOTNOTE_DIGIT.sub("", line)
    if "|" in line:
        line = line.replace("|", "/")
    if "@" in line:
        line = _LEADING_AT.sub(r"\1", line.strip())
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


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def continuation_indent(lines: list[str]) -> int | None:
    """The indent of lines that continue a paragraph in the library-site layout, or None.

    Signs: lines are short (hard-wrapped, 90% within 100 columns), at least 15% share one indent
    (the continuations: the shallowest such indent), and at least 2% start deeper (paragraph starts).
    """
    indents = [_indent(line) for line in lines if line.strip()]
    if len(indents) < 20:
        return None
    lengths = [len(line.strip()) for line in lines if line.strip()]
    if statistics.quantiles(lengths, n=10)[-1] > 100:
        return None
    # The shallowest indent that many lines share; in a book of short paragraphs the first
    # lines (deeper) may even outnumber the continuations.
    counts = collections.Counter(indents)
    base = min(i for i, n in counts.items() if n >= 0.15 * len(indents))
    deeper = sum(1 for i in indents if i > base)
    if deeper < max(5, 0.02 * len(indents)):
        return None
    return base


def detect_layout(lines: list[str]) -> str:
    if continuation_indent(lines) is not None:
        return "indent"
    return "blank" if looks_hard_wrapped(lines) else "lines"


def split_book(text: str, layout: str = "auto") -> tuple[list[str], str]:
    """Split a book into cleaned paragraphs; blank lines stay as "" (they mark gaps).

    layout "auto" detects it (see the module docstring); "blank", "indent", "lines" force one.
    Returns (paragraphs, the layout used).
    """
    lines = text.lstrip("\ufeff").split("\n")
    if layout in (None, "auto"):
        layout = detect_layout(lines)
    if layout == "lines":
        return [clean_paragraph(line) for line in lines], layout
    if layout == "indent":
        return _join_indented(lines), layout
    return _join_blank(lines), layout


def split_paragraphs(text: str, join: bool | None = None) -> tuple[list[str], bool]:
    """`split_book` with the older switch: join=None detects, True joins (blank/indent), False never."""
    layout = "auto" if join is None else ("lines" if not join else "auto")
    paragraphs, used = split_book(text, layout)
    if join and used == "lines":
        paragraphs, used = split_book(text, "blank")
    return paragraphs, used != "lines"


def _join_indented(lines: list[str]) -> list[str]:
    base = continuation_indent(lines)
    if base is None:
        base = min((_indent(line) for line in lines if line.strip()), default=0)
    deeper = collections.Counter(_indent(line) for line in lines if line.strip() and _indent(line) > base)
    shallow = bool(deeper) and deeper.most_common(1)[0][0] == base + 1
    paragraphs, block = [], []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if block:
                paragraphs.append(clean_paragraph(_join_block(block)))
                block = []
            paragraphs.append("")
            continue
        # A deeper line starts a paragraph, unless it only continues an unfinished sentence
        # in lower case (a stray space at the start of a wrapped line).
        starts = _indent(line) > base and not (
            block and block[-1][-1] not in ".!?…:;»\"'" and stripped[:1].islower())
        # Herzen's editions indent a paragraph by one space only, and some replicas not at all: there a
        # line at the continuation indent that opens with a dash and a capital, after a finished
        # sentence, starts a replica (`…церкви Христовой.` / `  - Но не будем сетовать…`). With a deep
        # indent (Подросток: 2 and 7) such a line is a replica's own remark dash wrapped to the line start.
        starts = starts or bool(shallow and block and block[-1][-1] in ".!?…" and _REPLICA_START.match(stripped))
        if starts and block:
            paragraphs.append(clean_paragraph(_join_block(block)))
            block = []
        block.append(stripped)
    if block:
        paragraphs.append(clean_paragraph(_join_block(block)))
    return paragraphs


def _join_blank(lines: list[str]) -> list[str]:
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
    return paragraphs


def _two_words(text: str, line: str) -> bool:
    """`это-` + `так`: two whole words the glued form does not make; the hyphen is the author's dash set close."""
    from .nlp import get_morph
    morph = get_morph()
    left = re.search(r"[а-яё]+-$", text).group()[:-1]
    right = re.match(r"[а-яё]+", line).group()
    return (morph.word_is_known(left) and morph.word_is_known(right) and not morph.word_is_known(left + right)
            and not morph.word_is_known(f"{left}-{right}"))


def _join_block(block: list[str]) -> str:
    text = block[0]
    for line in block[1:]:
        # A word broken by a hyphen at the line end (`пере-` + `ход`) is glued back, unless both halves are whole
        # words and the glued form is none (`все это-` + `так было`: a dash, kept as printed).
        if re.search(r"[а-яё]-$", text) and re.match(r"[а-яё]", line) and not _two_words(text, line):
            text = text[:-1] + line
        else:
            text += " " + line
    return text


_LAYOUT_MESSAGES = {
    "lines": "раскладка lines: абзац в одну строку",
    "blank": "раскладка blank: строки склеены в абзацы по пустым строкам",
    "indent": "раскладка indent: строки склеены в абзацы по отступу (без пустых строк)",
}


def layout_message(layout: str) -> str:
    return _LAYOUT_MESSAGES[layout]


def book_layout_option(options) -> str:
    """The layout asked for on the command line: --layout, or the older --join-lines / --no-join-lines."""
    layout = getattr(options, "layout", None) or "auto"
    join = getattr(options, "join", None)
    if layout == "auto" and join is not None:
        return "blank" if join else "lines"
    return layout
