"""What the whole book says about a word, for the review checks (computed once per run of the time stage).

    from dataset_tools.review.book import book_evidence
    book = book_evidence(dialogs_lines)
    book.family_count("Меринов")   -> 1   (capitalised words of the book that begin like it: Меринов, Меринова…)
    book.seen_lower("змей")        -> True where the book also writes the word in lower case inside a sentence

One line cannot tell a person from a guess, a type or a nickname from a tale (`Не Меринов ли?`, `Ты
слышишь, Змей Горыныч?`); the book can: a real character is named again and again, a guessed surname
once; a common noun used as an insult is also written in lower case. The evidence is read from
dialogs.txt (speech and remarks), never from what the TiMe rules or the names stage decided. In a run
over several books it pools them all (dialogs.txt does not say where one book ends): a word is then
"seen once" only if the whole run has it once.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

# Deliberately separate from names/forms._POSSESSIVE_RE: review reads the book on its own evidence.
_POSSESSIVE_RE = re.compile(r"(?:[иы]н|[оеё]в)(?:а|о|у|ы|ой|ою|ым|ыми|ых|ом|е)?$")
_PREFIX = 3  # letters a name's forms share at least (Мина, Мины; Сергей, Сергея; Меринов, Меринова)


@dataclass
class BookEvidence:
    capitalised: dict[str, dict[str, int]] = field(default_factory=dict)  # first letters -> {word: count}
    lower: frozenset = frozenset()  # words the book writes in lower case inside a sentence
    lower_by_prefix: dict[str, tuple] = field(default_factory=dict)  # the same, by their first letters
    _counted: dict[str, int] = field(default_factory=dict, repr=False, compare=False)  # family_count's answers

    def family_count(self, word: str) -> int:
        """How often the book writes a capitalised word that begins like `word` (its first letters
        but the last two, at least three: the forms of one name, `Меринов`/`Меринова`, `Мина`/`Мины`)."""
        if word not in self._counted:
            self._counted[word] = _family_count(self.capitalised, word)
        return self._counted[word]

    def seen_lower(self, word: str) -> bool:
        """The book writes this very word in lower case inside a sentence (`хозяин`, `сын`)."""
        return word.lower().replace("ё", "е") in self.lower

    def seen_lower_family(self, word: str) -> bool:
        """The book writes in lower case a word that begins like it (`женщина` for `Женщин`)."""
        low = word.lower().replace("ё", "е")
        stem = low[:max(_PREFIX, len(low) - 2)]
        return any(w.startswith(stem) for w in self.lower_by_prefix.get(low[:_PREFIX], ()))



def _family_count(capitalised: dict[str, dict[str, int]], word: str) -> int:
    stem = word[:max(_PREFIX, len(word) - 2)]
    possessive = _POSSESSIVE_RE.search(word)  # Лизина, Лизиной: of Лиза (Лиза, Лизы count too)
    if possessive:
        stem = stem[:max(_PREFIX, possessive.start() - 1)]
    return sum(n for w, n in capitalised.get(word[:_PREFIX], {}).items() if w.startswith(stem))


def book_evidence(lines: Iterable[str]) -> BookEvidence:
    """The counts of one pass over the lines of dialogs.txt: each capitalised word (a word that opens
    a sentence counts too: a name often does) and the set of words written in lower case inside a
    sentence (after a word or a comma, not after `.`, `!`, `?`, `…`, a bracket, a dash or a quote)."""
    text = "\n".join(lines)
    capitalised: dict[str, dict[str, int]] = defaultdict(dict)
    for word, count in Counter(_CAPITALISED_RE.findall(text)).items():
        capitalised[word[:_PREFIX]][word] = count
    lower = frozenset(w.replace("ё", "е") for w in _LOWER_INSIDE_RE.findall(text))
    by_prefix: dict[str, list] = defaultdict(list)
    for word in lower:
        by_prefix[word[:_PREFIX]].append(word)
    return BookEvidence(dict(capitalised), lower, {k: tuple(v) for k, v in by_prefix.items()})


_CAPITALISED_RE = re.compile(r"(?<![\w-])[A-ZА-ЯЁ][^\W\d_]*(?:-[^\W\d_]+)*")
_LOWER_INSIDE_RE = re.compile(r"(?<=[^\s.!?…()<>«»\"“„—–-]) +([a-zа-яё][^\W\d_]*(?:-[^\W\d_]+)*)")
