"""What model_eval.py measures in a model's replies: pure text functions, no model needed.

    reply_problems("Да (сказал он) Пойдём.", ended=True)     -> []
    reply_problems("Да (сказал он", ended=False)             -> ["cut_off", "unbalanced_parens"]
    first_person_words("Я сам приду, мне не трудно.")        -> ["я", "мне"]
    name_mentions("Вася, иди сюда!", NameIndex.from_dictionary({"Вася": "я"}))  -> ["Вася"]
    repeated_ngram_rate([["да", "да", "да"]], 1)             -> 0.667
    measure_replies([Reply("Иду! (крикнул я)", True, ["Ты где?"])], names)   -> {"replies": 1, ...}

A reply is the text the model wrote after `<char>` up to the end of its line, and whether the
model ended that line itself (a newline, end-of-text or the next `<char>`) or was cut by
--max-new-tokens. Remarks are the parts in `(…)`, as in dialogs.txt (FORMAT.md §2); the author's
own parentheses inside speech cannot be told from remarks there, and are not here either.
Everything is computed on words: runs of letters, with inner hyphens (`Москва-река`), lower case,
ё read as е.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

from .formats import CHAR_TOKEN, RAW_REMARK
from .grammar import PERSONAL, PERSONAL_VARIANTS, POSSESSIVE

WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
DASH_START_RE = re.compile(r"^\s*(?:--|[—–―-])")
SENTENCE_END = ".!?…"

# The words that make a replica first person (я) or addressed to «ты»: the forms TiMe writes
# (grammar.py is their one home), so the measure counts exactly what the me/ti copies teach.
FIRST_PERSON = frozenset(w.replace("ё", "е") for w in (
    set(PERSONAL["me"].values()) | set(PERSONAL_VARIANTS["me"]) | POSSESSIVE["me"]))
SECOND_PERSON = frozenset(w.replace("ё", "е") for w in (
    set(PERSONAL["ti"].values()) | set(PERSONAL_VARIANTS["ti"]) | POSSESSIVE["ti"]))

# Capitalised words inside a sentence that are not a character's name (for the heuristic used when
# the book's dictionary is missing): the polite Вы and its forms, God.
NOT_NAMES = frozenset([
    "вы", "вас", "вам", "вами", "ваш", "ваша", "ваше", "ваши", "вашего", "вашей", "вашему", "вашим", "вашими",
    "вашем", "вашу", "бог", "бога", "богу", "богом", "боге", "господь", "господи", "господа", "господу", "боже",
    "христос"])


def normalize(word: str) -> str:
    return word.lower().replace("ё", "е")


def words(text: str) -> list[str]:
    return [normalize(w) for w in WORD_RE.findall(text)]


def split_reply(text: str) -> tuple[str, list[str]]:
    """(speech, remarks): the remarks are the outermost `(…)` parts (the author's own parentheses
    may stand inside one), the speech is everything else. A remark opened and never closed is
    neither: the words after a stray `(` are not speech, and a remark is only one in parentheses."""
    speech, remarks, current, depth = [], [], [], 0
    for ch in text:
        if ch == "(":
            if depth:
                current.append(ch)
            else:
                current = []
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth:
                current.append(ch)
            else:
                remarks.append("".join(current).strip())
        elif depth:
            current.append(ch)
        else:
            speech.append(ch)
    return " ".join("".join(speech).split()), [r for r in remarks if r]


# ---------------------------------------------------------------- one well-formed replica line
# Each check returns True when the reply has that problem; the list is in the order a reader
# notices them, and a reply is well-formed when no check fires.

def cut_off(text: str, ended: bool) -> bool:
    """The model did not end the line: --max-new-tokens cut it (a runaway or a rambling reply)."""
    return not ended


def empty(text: str, ended: bool) -> bool:
    """No word at all: the model ended the line straight away or wrote only punctuation."""
    return not WORD_RE.search(text)


def markup(text: str, ended: bool) -> bool:
    """Format characters or a broken byte in the text: `<char>`, `|`, `@`, `<|endoftext|>`, U+FFFD."""
    return (CHAR_TOKEN in text or RAW_REMARK in text or text.lstrip().startswith("@")
            or "<|" in text or "\ufffd" in text)


def book_dash(text: str, ended: bool) -> bool:
    """Starts with the book's dash instead of the speech: the model did not learn `<char>`."""
    return bool(DASH_START_RE.match(text))


def unbalanced_parens(text: str, ended: bool) -> bool:
    """A remark opened and not closed, or closed and not opened. Nesting is fine: the author's own
    parentheses stand inside remarks (`(с трудом пролепетал Петр (он дрожал, как в лихорадке))`)."""
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return True
    return depth != 0


def remark_only(text: str, ended: bool) -> bool:
    """Only a remark, no speech: `(кивнул он)` is narration, not a replica."""
    speech, remarks = split_reply(text)
    return bool(remarks) and not WORD_RE.search(speech)


REPLY_CHECKS = (cut_off, empty, markup, book_dash, unbalanced_parens, remark_only)

# How the summary table names each problem.
PROBLEM_NAMES = {
    "cut_off": "обрезана по --max-new-tokens",
    "empty": "пустая",
    "markup": "служебные символы в тексте",
    "book_dash": "начинается с тире книги",
    "unbalanced_parens": "скобка не закрыта или не открыта",
    "remark_only": "одна ремарка без речи",
}


def reply_problems(text: str, ended: bool) -> list[str]:
    """Names of the checks that fire; [] for one well-formed replica line."""
    return [check.__name__ for check in REPLY_CHECKS if check(text, ended)]


# ---------------------------------------------------------------- first person, «ты», names

def first_person_words(text: str) -> list[str]:
    """я, меня, мне, мной, мой… in the text (singular first person, as the me copy writes it)."""
    return [w for w in words(text) if w in FIRST_PERSON]


def second_person_words(text: str) -> list[str]:
    """ты, тебя, тебе, тобой, твой… in the text (as the ti copy writes it)."""
    return [w for w in words(text) if w in SECOND_PERSON]


@dataclass(frozen=True)
class NameIndex:
    """The characters' name forms of one book, single words and multi-word names apart.

    From the book's dict_me.py (every form with a replacement: the forms TiMe turns into я), or,
    without a dictionary, empty: name_mentions then falls back to the capitalised-word heuristic.
    """
    single: frozenset = frozenset()
    multi: tuple = ()          # tuples of words, longest first
    source: str = "heuristic"  # "dictionary" or "heuristic"

    @classmethod
    def from_dictionary(cls, mapping: dict[str, str]) -> NameIndex:
        forms = [tuple(words(form)) for form, replacement in mapping.items() if replacement.strip()]
        forms = [f for f in forms if f]
        return cls(frozenset(f[0] for f in forms if len(f) == 1),
                   tuple(sorted({f for f in forms if len(f) > 1}, key=len, reverse=True)), "dictionary")


def name_mentions(text: str, names: NameIndex) -> list[str]:
    """The characters' names the text uses, as written (one entry per mention)."""
    if names.source != "dictionary":
        return capitalised_names(text)
    spans = [(m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(text)]
    found, i = [], 0
    while i < len(spans):
        for form in names.multi:
            if tuple(normalize(s[2]) for s in spans[i:i + len(form)]) == form:
                found.append(text[spans[i][0]:spans[i + len(form) - 1][1]])
                i += len(form)
                break
        else:
            if normalize(spans[i][2]) in names.single:
                found.append(spans[i][2])
            i += 1
    return found


def capitalised_names(text: str) -> list[str]:
    """Heuristic: a capitalised word that does not begin a sentence (nor the text, a quote or a
    remark) is taken for a name (`— Спасибо, Аркадий.`). It misses a name that begins a sentence
    and takes a capitalised place or title for one; the dictionary is better when there is one."""
    found = []
    for m in WORD_RE.finditer(text):
        word = m.group(0)
        if not (word[0].isupper() and word[1:2].islower()) or normalize(word) in NOT_NAMES:
            continue
        before = text[:m.start()].rstrip(" «\"„“'—–-")
        if not before or before[-1] in SENTENCE_END or before[-1] in "(:":
            continue
        found.append(word)
    return found


# ---------------------------------------------------------------- repetition

def ngrams(tokens: list[str], n: int) -> list[tuple]:
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def distinct_n(replies: list[list[str]], n: int) -> float | None:
    """distinct-n (Li et al., 2016): different word n-grams / all word n-grams, over all replies.
    Low means the model says the same things to everyone."""
    grams = [g for tokens in replies for g in ngrams(tokens, n)]
    return len(set(grams)) / len(grams) if grams else None


def repeated_ngram_rate(replies: list[list[str]], n: int) -> float | None:
    """Share of the word n-grams of a reply that already occurred earlier in the same reply
    (rep-n, Welleck et al., 2019): `да да да` has rep-1 2/3. High means a reply loops."""
    total = repeated = 0
    for tokens in replies:
        grams = ngrams(tokens, n)
        total += len(grams)
        repeated += len(grams) - len(set(grams))
    return repeated / total if total else None


# ---------------------------------------------------------------- all measures

def pick_turns(dialogues: list[list[str]], samples: int, seed: int) -> list[tuple[list[str], str]]:
    """`samples` (context, next replica) pairs: every replica after the first of a dialogue, with
    the replicas before it as the context; shuffled with the seed, so each replica is equally likely.
    With fewer candidates than samples they are used again in the same order (the replies differ:
    each sample is drawn with its own seed)."""
    candidates = [(dialogue[:k], dialogue[k]) for dialogue in dialogues for k in range(1, len(dialogue))]
    random.Random(seed).shuffle(candidates)
    return [candidates[i % len(candidates)] for i in range(samples)] if candidates else []


@dataclass
class Reply:
    """One reply to measure: the text after `<char>`, whether the model ended the line itself,
    and the dialogue before it (replica texts without `<char>`)."""
    text: str
    ended: bool = True
    context: list[str] = field(default_factory=list)


def share(count: int, of: int) -> float | None:
    return count / of if of else None


def measure_replies(replies: list[Reply], names: NameIndex) -> dict:
    """Every measure of model_eval.py over a list of replies; shares are 0..1 (None when undefined)."""
    problems: Counter = Counter()
    well = first = second = named = with_remark = remark_first = remark_named = echo = 0
    token_lists = []
    for reply in replies:
        found = reply_problems(reply.text, reply.ended)
        problems.update(found)
        well += not found
        speech, remarks = split_reply(reply.text)
        first += bool(first_person_words(speech))
        second += bool(second_person_words(speech))
        named += bool(name_mentions(speech, names))
        if remarks:
            with_remark += 1
            remark_first += any(first_person_words(r) for r in remarks)
            remark_named += any(name_mentions(r, names) for r in remarks)
        tokens = words(reply.text)
        token_lists.append(tokens)
        echo += bool(tokens) and any(tokens == words(line) for line in reply.context)
    n = len(replies)
    return {
        "replies": n,
        "well_formed": share(well, n),
        "problems": {name: problems[name] for name in PROBLEM_NAMES if problems[name]},
        "first_person_speech": share(first, n),
        "second_person_speech": share(second, n),
        "names_in_speech": share(named, n),
        "with_remark": share(with_remark, n),
        "first_person_remark": share(remark_first, with_remark),
        "names_in_remark": share(remark_named, with_remark),
        "distinct_1": distinct_n(token_lists, 1),
        "distinct_2": distinct_n(token_lists, 2),
        "repeated_2": repeated_ngram_rate(token_lists, 2),
        "echo": share(echo, n),
        "mean_words": sum(map(len, token_lists)) / n if n else None,
        "names_from": names.source,
    }


# The summary table: (key, label in Russian, how to show the value).
TABLE_ROWS = (
    ("perplexity", "перплексия на отложенных диалогах", "num"),
    ("replies", "ответов", "int"),
    ("well_formed", "одна правильная строка реплики", "pct"),
    ("first_person_speech", "речь от первого лица (я, мне, мой…)", "pct"),
    ("second_person_speech", "речь на «ты» (ты, тебе, твой…)", "pct"),
    ("names_in_speech", "имя персонажа книги в речи", "pct"),
    ("with_remark", "с ремаркой в скобках", "pct"),
    ("first_person_remark", "  из них ремарка от первого лица (сказал я)", "pct"),
    ("names_in_remark", "  из них имя персонажа в ремарке", "pct"),
    ("distinct_1", "distinct-1 (разных слов)", "num"),
    ("distinct_2", "distinct-2 (разных пар слов)", "num"),
    ("repeated_2", "повтор пар слов внутри ответа (rep-2)", "pct"),
    ("echo", "повторяет реплику из контекста", "pct"),
    ("mean_words", "слов в ответе, в среднем", "num"),
)


def format_value(value, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "pct":
        return f"{100 * value:.1f}%"
    if kind == "int":
        return str(value)
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def format_table(columns: dict[str, dict]) -> str:
    """A plain-text table, one column per measured set (`модель`, `книга`, two models…)."""
    label_width = max(len(label) for _, label, _ in TABLE_ROWS)
    widths = [max(len(title), 8) for title in columns]
    lines = [" " * label_width + "".join(f"  {t:>{w}}" for t, w in zip(columns, widths))]
    for key, label, kind in TABLE_ROWS:
        if all(key not in measures for measures in columns.values()):
            continue
        cells = [format_value(measures.get(key), kind) for measures in columns.values()]
        lines.append(f"{label:<{label_width}}" + "".join(f"  {c:>{w}}" for c, w in zip(cells, widths)))
    return "\n".join(lines)


def format_problems(measures: dict) -> str:
    """`обрезана по --max-new-tokens: 3, пустая: 1` — why replies were not well-formed."""
    return ", ".join(f"{PROBLEM_NAMES[k]}: {v}" for k, v in measures.get("problems", {}).items())
