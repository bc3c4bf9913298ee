"""Dictionary forms found among the tokens, longest first, whole words, with a title glued in
front (`князь Андрей`, `г. Лаевский`, `дядя Миша`); the cases each form can have.
"""
from __future__ import annotations

from .. import nlp
from ..grammar import CASES, PERSONAL, is_possessive_pronoun, pronoun_case, word_cases
from ..name_evidence import book_paradigms
from ..names.forms import KIN_POSSESSED, PATRONYMIC_RE, TITLES, is_context_dependent_in, name_cases_in
from .tokens import Mention, PERSONS, Tok, _PARTICLE_RE, _TOKEN_RE


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
        self._paradigms: dict[str, frozenset] | None = None
        self._cases: dict[str, frozenset] = {}

    @property
    def paradigms(self) -> dict[str, frozenset]:
        """The declension the dictionary's own forms settle (name_evidence.book_paradigms): a
        name the book declines (`Микита, Микиту, Микиты`) is not read as indeclinable."""
        if self._paradigms is None:
            self._paradigms = book_paradigms(self.names)
        return self._paradigms

    def cases(self, key: str) -> frozenset:
        """The cases a dictionary form can be in, by pymorphy3 and the dictionary's declension."""
        cases = self._cases.get(key)
        if cases is None:
            cases = self._cases[key] = name_cases_in(key, self.paradigms)
        return cases

    def context_dependent(self, key: str, value: str | None) -> bool:
        """Whether the form's pronoun is taken from the context (names.is_context_dependent,
        with the dictionary's declension)."""
        if value is None or is_possessive_pronoun(self.person, value):
            return is_context_dependent_in(key, value, self.paradigms)
        return len({PERSONAL["me"][c] for c in self.cases(key)}) > 1


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
    shared = word_cases(tok.lower) & name_cases if name_cases != set(CASES) else {"nomn"}
    if (lemmas | {tok.lower}) & KIN_POSSESSED and "gent" in name_cases:
        return i  # отец Базарова, отца Наташи: whose father, not a title (отец Василий is one; where the
        # book shows it, `отца Кондрата` is in the dictionary as one form: names.finder.glue_kin_titles)
    if not shared or not _same_gender(tok.lower, name_key):
        return i
    return i - 1




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


def _name_cases(key: str, value: str, table: NameTable) -> set[str]:
    """Cases a name form can be in: told by its dictionary value (я -> nom.), else by pymorphy3.
    A title is glued only where it shares one: дядя Миша, князя Андрея, but дядя Андрея is
    Andrei's uncle."""
    case = pronoun_case(table.person, value)
    if case is None or table.context_dependent(key, value):
        return set(CASES) if _unknown_word(key) and key not in table.paradigms else table.cases(key)
    return (_SAME_PRONOUN[case] & table.cases(key)) or _SAME_PRONOUN[case]


def _readable_cases(m: Mention, table: NameTable) -> set[str]:
    """Cases a form can have here: pymorphy3's (names.name_cases) and the dictionary's."""
    case = pronoun_case(table.person, m.value)
    if case is None or not table.context_dependent(m.key, m.value):
        return _name_cases(m.key, m.value, table)
    return table.cases(m.key) | _SAME_PRONOUN[case]


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
                    _title_before(toks, i, key, _name_cases(key, value, table))
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
    Ноздреву` are two). The value of a form whose case is not ambiguous wins (the last such).
    A first name with a lone patronymic after it is one person whatever their cases: in old
    colloquial speech the name does not agree (`Михаила Иванович`, `батюшка Михаиле Митрич`);
    the patronymic tells the case."""
    merged: list[Mention] = []
    for m in mentions:
        prev = merged[-1] if merged else None
        if prev and m.first == prev.last + 1 and m.first == m.name_first and toks[m.first].ws.strip() == "" \
                and toks[m.first].ws and pronoun_case(table.person, m.value) \
                and pronoun_case(table.person, prev.value):
            if _same_pronoun(_readable_cases(prev, table)) & _same_pronoun(_readable_cases(m, table)):
                fixed = [x for x in (prev, m) if x.value and not table.context_dependent(x.key, x.value)]
                best = fixed[-1] if fixed else prev  # its key decides the case of the whole span
                merged[-1] = Mention(prev.first, prev.name_first, m.last, best.key, best.value)
                continue
            if _lone_patronymic_after_name(prev, m):
                merged[-1] = Mention(prev.first, prev.name_first, m.last, m.key, m.value)
                continue
        merged.append(m)
    return merged


def _same_pronoun(cases: set[str]) -> set[str]:
    """The cases that give the same pronoun as these (gen. = acc.: `Данилу Купора` is one меня)."""
    return set().union(*(_SAME_PRONOUN[c] for c in cases)) if cases else set()


def _lone_patronymic_after_name(prev: Mention, m: Mention) -> bool:
    return len(m.key.split()) == 1 and bool(PATRONYMIC_RE.search(m.key.lower())) \
        and not PATRONYMIC_RE.search(prev.key.split()[-1].lower())
