"""Present and future verbs agree with the new subject: `Вася идёт` -> `я иду` / `ты идёшь`,
every verb sharing the subject, also after a remark (`Иван Игнатьич (сказал он) одобряет…`).
"""
from __future__ import annotations

from .. import nlp, syntax
from ..grammar import agree_verb, past_singular
from .address import COMPARISONS, PARENTHETICAL
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
        if _verb_read_as_other(tok):
            return k
        skippable = tok.lower in _SKIP_TO_VERB or tok.pos in ("ADV", "PART") \
            or tok.pos == "PRON" and tok.feat("Case") not in (None, "Nom") \
            or step is _next and tok.pos == "NOUN" and tok.feat("Case") in ("Acc", "Gen", "Ins") \
            or step is _prev and _manner_before_subject(unit, k)  # `мертвецов режет`; `говорит басом Вася`
        if tok.text == "(" and step is _next:  # `если monsieur N. (она назвала мою фамилию) захочет`
            close = next((n for n in range(k + 1, len(unit.toks)) if unit.toks[n].text == ")"), -1)
            if close < 0:
                return -1
            k = _next(unit, close)
            continue
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
        if step is _prev and _object_of_preposition(unit, k):
            k = _prev(unit, _prev(unit, k))  # `басит ни с того ни с сего Вася`, `шепчет на ухо Вася`: a PP
            continue  # between a verb and the subject after it costs nothing (its words cannot be the subject)
        if not skippable or tok.mention >= 0:
            return -1
        k, budget = step(unit, k), budget - 1
    return -1


def _verb_read_as_other(tok) -> bool:
    """`басит`: natasha reads a word as an adverb or noun that pymorphy3's dictionary knows only as a
    3rd-person singular present or future verb."""
    if tok.pos in ("VERB", "AUX", "PROPN") or tok.mention >= 0 or not tok.text[:1].islower():
        return False
    parses = [p for p in nlp.parse_word(tok.lower) if p.is_known]
    return bool(parses) and all(p.tag.POS == "VERB" and "3per" in p.tag and "sing" in p.tag for p in parses)


def _manner_before_subject(unit: Unit, k: int) -> bool:
    """`говорит басом Вася`, `шептал ей на ухо Петя`: a lower-case noun in the instrumental between a
    verb and the subject after it says how (басом, шёпотом); it is not the subject."""
    tok = unit.toks[k]
    return tok.pos == "NOUN" and tok.feat("Case") == "Ins" and tok.text[:1].islower() and tok.mention < 0


def _object_of_preposition(unit: Unit, k: int) -> bool:
    """Token k is the non-nominative object of the preposition right before it (`с того`, `на ухо`),
    no name."""
    tok, p = unit.toks[k], _prev(unit, k)
    return p >= 0 and unit.toks[p].pos == "ADP" and tok.mention < 0 \
        and tok.pos in ("PRON", "NOUN", "DET") and not _nominative_word(tok)


def _parenthetical_group(unit: Unit, comma: int) -> int:
    """`, кажется,` / `, вставая,` / `, точно ребенок,` between a subject and its verb: index of the
    closing comma."""
    k, count = _next(unit, comma), 0
    comparison = k >= 0 and unit.toks[k].lower in COMPARISONS  # its noun is in the nominative
    while k >= 0 and count < 6:
        tok = unit.toks[k]
        if tok.text == ",":
            return k if count else -1
        if _is_end(tok) or _nominative_word(tok) and not comparison or tok.lower in CLAUSE_WORDS and not comparison \
                or tok.mention >= 0:
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
        elif _finite(tok) or _misread_finite(tok):
            if not joined:
                break
            verbs.append(k)
            joined = False
        k = step(unit, k)
    return verbs


def _misread_finite(tok) -> bool:
    """`и сорит деньгами`: natasha reads a verb as an infinitive that pymorphy3's dictionary knows as a
    3rd-person singular present or future verb and never as an infinitive."""
    if tok.pos != "VERB" or tok.feat("VerbForm") != "Inf" or tok.lower.endswith(("ть", "ти", "чь", "ться", "тись")):
        return False
    parses = [p for p in nlp.parse_word(tok.lower) if p.is_known]
    return any(p.tag.POS == "VERB" and "3per" in p.tag and "sing" in p.tag for p in parses) \
        and not any(p.tag.POS == "INFN" for p in parses)


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
    verbs = _with_syntax(unit, m, verbs)
    following = _next_sentence_verb(unit, m, verbs)
    if following >= 0:
        verbs.append(following)
    respect = _plural_of_respect(unit, m)
    verdicts = []
    if not verbs and unit.continues and _next(unit, m.last) < 0:
        # `Иван Игнатьич (сказал он) одобряет…`: a note, shown nowhere until the verb is agreed
        verdicts.append(Verdict(verb_agreement, "", (AgreeAfterRemark(unit.index + 2),)))
    for k in verbs:
        tok = unit.toks[k]
        plural = k in respect
        if plural and tok.feat("Tense") == "Past" and _name_gender(m) \
                and not any(t.text == "," for t in unit.toks[min(k, m.last) + 1:max(k, m.first)]):
            # (not past a comma: `а Фома Фомич скушал всё, что перед ним ни поставили`)
            new = past_singular(tok.text, _name_gender(m))  # `Макар Алексеевич остались` -> `я остался`
            if new and new != tok.text:
                verdicts.append(Verdict(verb_agreement, f"{tok.text} → {new} (the plural of respect)", (Replace(k, k, new),)))
            continue
        if tok.feat("Person") not in (None, "3") or tok.feat("Number") == "Plur" and not plural \
                or tok.feat("Tense") == "Past":
            continue
        new = agree_verb(tok.text, state.person, plural)
        if new and new != tok.text:
            verdicts.append(Verdict(verb_agreement, f"{tok.text} → {new}", (Replace(k, k, new),)))
    return verdicts


# Verbs that open a sentence with no subject at all (`Бывает и так.`, `Пахнет дымом.`)
_NO_SUBJECT_VERBS = {"бывает", "случается", "остается", "остаётся", "пахнет", "значит", "следует", "хватит",
                     "стоит", "выходит", "видно", "слышно", "говорят", "кажется"}


def _next_sentence_verb(unit: Unit, m: Mention, verbs: list[int]) -> int:
    """`Жилин снял свои, бросил, пошел босиком. Попрыгивает с камушка на камушек` -> `…Попрыгиваю…`: the
    sentence after the one whose subject is the name (it has a verb of its own) opens with a 3rd-person
    singular present or future verb and has no subject of its own (no nominative word, no impersonal verb):
    it goes on about the same person. Only after a full stop (not `…`, `!`, `?`)."""
    if not verbs:
        return -1
    sent = unit.toks[m.name_first].sent
    end = max(i for i, t in enumerate(unit.toks) if t.sent == sent)
    first = _next(unit, end)
    if unit.toks[end].text != "." or first < 0 or unit.toks[first].sent == sent or not unit.toks[first].is_word:
        return -1
    tok, after = unit.toks[first], _next(unit, first)
    if after >= 0 and unit.toks[after].text in (",", "-", "—") or tok.lower in _NO_SUBJECT_VERBS \
            or tok.lower in PARENTHETICAL or tok.mention >= 0:
        return -1
    parses = nlp.parse_word(tok.lower)
    best = parses[0] if parses else None
    if best is None or best.tag.POS != "VERB" or best.tag.person != "3per" or best.tag.number != "sing" \
            or best.score < 0.5 or {"Impe", "Impx"} & best.tag.grammemes:
        return -1
    rest = [k for k in range(first + 1, len(unit.toks)) if unit.toks[k].sent == unit.toks[first].sent]
    for k in rest:  # pymorphy3, not natasha: the tagger reads only the sentences that hold a name
        t, p = unit.toks[k], _prev(unit, k)
        if t.mention >= 0 or t.is_word and _may_be_subject(t.lower) and not (p >= 0 and _is_preposition(unit.toks[p].lower)):
            return -1
    return first


def _may_be_subject(word: str) -> bool:
    """A noun or pronoun by its best reading with a nominative reading (`дождь`; not the `с` of `с камушка`)."""
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS in ("NOUN", "NPRO") \
        and any(p.tag.POS in ("NOUN", "NPRO") and p.tag.case == "nomn" for p in parses)


def _is_preposition(word: str) -> bool:
    parses = nlp.parse_word(word)
    return bool(parses) and parses[0].tag.POS == "PREP"


def _unit_parse(unit: Unit) -> syntax.Parse | None:
    """The segment's tokens as one syntax.Parse (heads inside each parsed sentence); None where
    the sentence of no mention was parsed (the parser off)."""
    if all(t.head == -2 for t in unit.toks):
        return None
    return syntax.Parse(tuple(t.text for t in unit.toks), tuple(max(t.head, -1) for t in unit.toks),
                        tuple(t.rel for t in unit.toks))


def _with_syntax(unit: Unit, m: Mention, verbs: list[int]) -> list[int]:
    """The word-window verbs, checked against natasha's parse (syntax.py): a verb the parse gives a
    subject of its own (`У нас есть хлеб`, `а она призывает`) is dropped; the finite predicates the
    parse gives the name (`стирает, надрывается`; `солдатом будет`) are added."""
    toks = unit.toks
    if toks[m.name_first].head == -2:
        return verbs
    parse = _unit_parse(unit)
    span = range(m.first, m.last + 1)
    head = next((k for k in span if toks[k].head not in span), m.name_first)
    if toks[head].rel == "appos" and toks[head].head >= 0:
        head = toks[head].head  # `кузнец Вакула`: the subject is the noun the name stands beside
    near = range(m.first - 1, m.last + 2)  # a noun right beside the name is an apposition (`кузнец Вакула`)
    # the parse's predicates of the name, in its clause: not past a subordinate clause with a subject of its own
    # (`чувствуя, что… он хочет`) or a dash (`убежденного, что… — всё равно, мол, толку не выйдет`)
    ours = [k for k in syntax.subject_verbs(parse, head) if toks[k].sent == toks[head].sent and _finite(toks[k])
            and (k in verbs or not _other_clause_between(toks, head, k))]
    kept = [k for k in verbs if syntax.verb_subject(parse, k) in (None, head, *near)
            or _bracket_depth(toks, syntax.verb_subject(parse, k)) > _bracket_depth(toks, k)]
    # (`если N. (она назвала фамилию) захочет`: a subject inside brackets the verb is outside of is not its own)
    return sorted(set(kept) | set(ours))


def _other_clause_between(toks, a: int, b: int) -> bool:
    """Between tokens a and b a dash, or a subordinating word whose clause has a subject of its own (`что он`):
    the verb at b is in another clause (`Микола, что сидит третьим…, не годится` is still his)."""
    depth, between = 0, []
    for t in toks[min(a, b) + 1:max(a, b)]:  # not inside the author's brackets: `(вы знаете, как англичане…) и пошлет`
        inside = depth > 0
        depth += (t.text == "(") - (t.text == ")")
        if not inside and t.text not in "()":
            between.append(t)
    for i, t in enumerate(between):
        if t.text in ("—", "–"):
            return True
        if (t.lower in CLAUSE_WORDS or t.pos == "SCONJ") and any(
                _nominative_word(u) and u.mention < 0 for u in between[i + 1:i + 4]):
            return True
    return False


def _bracket_depth(toks, i: int) -> int:
    """How many brackets are open at token i."""
    return sum((t.text == "(") - (t.text == ")") for t in toks[:max(i, 0)])


def _plural_of_respect(unit: Unit, m: Mention) -> set[int]:
    """`Вот Евгений Федорыч говорят`: a plural verb whose only subject, by the parse, is the name of
    one person (a first name with a patronymic: the plural of respect); `Вася и Маша идут` stays."""
    toks = unit.toks
    if toks[m.name_first].head == -2 or len(m.key.split()) < 2:
        return set()
    parse = _unit_parse(unit)
    span = range(m.first, m.last + 1)
    head = next((k for k in span if toks[k].head not in span), m.name_first)
    if parse.children(head, syntax.CONJOINED) or toks[head].rel not in syntax.SUBJECT:
        return set()
    verb = toks[head].head
    if verb >= 0 and toks[verb].feat("VerbForm") == "Inf" and toks[verb].head >= 0:
        verb = toks[verb].head  # `Валентин Игнатьич отзываться изволили`: the finite verb the infinitive hangs on
    if verb < 0 or any(t.lower in ("с", "со") or t.text in (":", ";", "(", ")", "—", "–")
                       for t in toks[min(verb, head) + 1:max(verb, head)]):
        return set()  # `Макар Алексеевич с Машей уехали`: two people; `все видели…: Настасья любит`: another clause
    return {verb} if toks[verb].feat("Number") == "Plur" and _finite(toks[verb]) else set()


def _name_gender(m: Mention) -> str | None:
    """`masc` or `femn`: the gender pymorphy3 gives the first word of the name as a first name or patronymic."""
    genders = {p.tag.gender for p in nlp.parse_word(m.key.split()[0].lower())
               if ("Name" in p.tag or "Patr" in p.tag) and p.tag.gender in ("masc", "femn")}
    return genders.pop() if len(genders) == 1 else None


def agree_first_word(text: str, state: State) -> str:
    """The speech after a remark (AgreeAfterRemark) with its first word agreeing; the rendered
    text is edited, not the tokens, so the trace is noted here."""
    match = _WORD_RE.search(text)
    new = agree_verb(match.group(), state.person) if match else None
    if not new:
        return text
    state.note(verb_agreement, f"{match.group()} → {new} (after the remark)")
    return text[:match.start()] + new + text[match.end():]
