"""Present and future verbs agree with the new subject: `Вася идёт` -> `я иду` / `ты идёшь`,
every verb sharing the subject, also after a remark (`Иван Игнатьич (сказал он) одобряет…`).
"""
from __future__ import annotations

from ..grammar import agree_verb
from .address import PARENTHETICAL
from .edits import AgreeAfterRemark, Replace, Verdict
from .state import State
from .tokens import CLAUSE_WORDS, Mention, Unit, _WORD_RE, _finite, _is_end, _next, _nominative_word, _prev


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


def verb_agreement(unit: Unit, m: Mention, case: str, state: State) -> list[Verdict]:
    """`Вася идёт` -> `я иду` / `ты идёшь`; every present/future verb sharing the subject agrees."""
    if case != "nomn":
        return []
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
    verdicts = []
    if not verbs and unit.continues and _next(unit, m.last) < 0:
        # `Иван Игнатьич (сказал он) одобряет…`: a note, shown nowhere until the verb is agreed
        verdicts.append(Verdict(verb_agreement, "", (AgreeAfterRemark(unit.index + 2),)))
    for k in verbs:
        tok = unit.toks[k]
        if tok.feat("Person") not in (None, "3") or tok.feat("Number") == "Plur" or tok.feat("Tense") == "Past":
            continue
        new = agree_verb(tok.text, state.person)
        if new and new != tok.text:
            verdicts.append(Verdict(verb_agreement, f"{tok.text} → {new}", (Replace(k, k, new),)))
    return verdicts


def agree_first_word(text: str, state: State) -> str:
    """The speech after a remark (AgreeAfterRemark) with its first word agreeing; the rendered
    text is edited, not the tokens, so the trace is noted here."""
    match = _WORD_RE.search(text)
    new = agree_verb(match.group(), state.person) if match else None
    if not new:
        return text
    state.note(verb_agreement, f"{match.group()} → {new} (after the remark)")
    return text[:match.start()] + new + text[match.end():]
