"""Syntax as evidence for the TiMe rules (issue 9): natasha's NewsSyntaxParser over the sentences
that hold a name, and the few relations the rules ask about.

    from dataset_tools.syntax import parse_sentences, subject_verbs
    [p] = parse_sentences([["Маша", "стирает", ",", "надрывается", "."]])
    subject_verbs(p, 0) -> [1, 3]          # стирает, and the conjoined надрывается
    subject_verbs(parse_sentences([["Петя", "солдатом", "будет", "."]])[0], 0) -> [2]   # the copula

The parser (shipped in the natasha wheel, loaded from its files, never downloaded) reaches a
labelled attachment of about 0.78 on news by its authors' benchmark and less on fiction, so the
rules take its word only together with pymorphy3's agreement checks: a verb is agreed with the new
я/ты only if it is 3rd person singular present/future (grammar) *and* the parse says its subject is
the replaced name (syntax); a verb whose own subject is someone else is never touched.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import nlp

# The TiMe rules consult the parse (pronouns/verbs.py); bench/score_time.py --no-syntax turns it off.
ENABLED = True
_CACHE_LIMIT = 200_000

# Relations of the Universal Dependencies scheme natasha's parser writes.
SUBJECT = ("nsubj", "nsubj:pass")
NAME_PARTS = ("flat:name", "flat", "flat:foreign", "appos")
CONJOINED = ("conj",)
COPULA = ("cop", "aux", "aux:pass")


@dataclass(frozen=True)
class Parse:
    """One sentence: its words, each word's head (index, -1 for the root) and relation."""

    words: tuple[str, ...]
    heads: tuple[int, ...]
    rels: tuple[str, ...]

    def children(self, head: int, rels: tuple[str, ...]) -> list[int]:
        return [i for i, (h, r) in enumerate(zip(self.heads, self.rels)) if h == head and r in rels]


@cache
def get_syntax_parser():
    from natasha import NewsSyntaxParser

    return NewsSyntaxParser(nlp._embedding())


_CACHE: dict[tuple[str, ...], Parse] = {}


def parse_sentences(sentences: list[list[str]]) -> list[Parse]:
    """The parse of each sentence (a list of tokens: words and punctuation), in one batch; parses
    are cached by the sentence's tokens (me and ti, and a re-run, ask for the same sentences)."""
    keys = [tuple(s) for s in sentences]
    todo = sorted({k for k in keys if k and k not in _CACHE}, key=len)
    if len(_CACHE) + len(todo) > _CACHE_LIMIT:
        _CACHE.clear()
    if todo:
        for key, markup in zip(todo, get_syntax_parser().map([list(k) for k in todo])):
            ids = {t.id: n for n, t in enumerate(markup.tokens)}
            _CACHE[key] = Parse(key, tuple(ids.get(t.head_id, -1) for t in markup.tokens),
                                tuple(t.rel for t in markup.tokens))
    return [_CACHE[k] if k else Parse((), (), ()) for k in keys]


def clear_cache() -> None:
    _CACHE.clear()


def name_head(p: Parse, i: int) -> int:
    """The first word of the name the word i belongs to (`Евгений Федорыч`: Федорыч -> Евгений)."""
    seen = {i}
    while 0 <= p.heads[i] < len(p.words) and p.rels[i] in NAME_PARTS[:3] and p.heads[i] not in seen:
        i = p.heads[i]  # the parser can answer a cycle (two words each the other's head): stop there
        seen.add(i)
    return i


def subject_verbs(p: Parse, i: int) -> list[int]:
    """The predicates whose subject is the name at word i: its head when it is `nsubj`, that head's
    copula or auxiliary (`солдатом будет`), and the predicates conjoined to it that have no subject
    of their own (`стирает, надрывается`; `снял, бросил, пошел`), in order."""
    i = name_head(p, i)
    if p.rels[i] not in SUBJECT or not 0 <= p.heads[i] < len(p.words):
        return []
    found, todo = [], [p.heads[i]]
    while todo:
        head = todo.pop()
        if head in found:
            continue  # a cycle in the parse
        found.append(head)
        found += p.children(head, COPULA)
        todo += [c for c in p.children(head, CONJOINED) if not p.children(c, SUBJECT)]
    return sorted(set(found))


def verb_subject(p: Parse, v: int) -> int | None:
    """The subject of the predicate at word v: its own `nsubj`, else that of the predicate it is
    conjoined to (or whose copula it is); None where the parse shows none."""
    seen = set()
    while v not in seen and 0 <= v < len(p.words):
        seen.add(v)
        own = p.children(v, SUBJECT)
        if own:
            return own[0]
        if p.rels[v] in CONJOINED + COPULA:
            v = p.heads[v]
        else:
            return None
    return None
