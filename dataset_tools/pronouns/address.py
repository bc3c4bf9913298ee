"""A name used as address is removed with the commas that only set it off (FORMAT.md §6):
`Вася, иди сюда!` -> `Иди сюда!`; `Знаете, Вася, вы бы…` -> `Знаете, вы бы…`.
"""
from __future__ import annotations

import re

from .. import nlp
from ..grammar import pronoun_case
from ..names.forms import TITLES, name_cases
from .case import mention_case
from .edits import Capitalise, Delete, Verdict
from .state import State
from .tokens import (CLAUSE_WORDS, after_speech_colon, Mention, RELATIVES, Tok, Unit, _finite, _is_end,
                     _is_predicate_word, _next, _nominative_word, _prev, at_sentence_start)


INTERJECTIONS = {"о", "ах", "ох", "эх", "эй", "ай", "ой", "ну", "ба", "э", "увы", "фу", "эге", "ей-богу"}

ENDEARMENTS = {"голубчик", "голубушка", "голуба", "батюшка", "матушка", "душа", "душенька", "дружок", "друг",
               "милочка", "дорогуша", "брат", "братец", "братцы", "сестрица", "сударь", "сударыня", "государь",
               "государыня", "мой", "моя", "милый", "милая", "дорогой", "дорогая", "любезный", "любезная",
               "родной", "родная", "душечка", "ангел", "друже", "миленький", "миленькая", "батюшко"}


PARENTHETICAL = {"кажется", "конечно", "видно", "наверно", "наверное", "впрочем", "однако", "правда",
                 "значит", "видимо", "разумеется", "говорят", "пожалуй", "вероятно", "знаете", "знаешь",
                 "может", "быть", "по-моему", "право", "слышь", "слышишь", "вишь", "ведь", "помнится", "помню",
                 "видишь", "видите", "положим", "например", "пожалуйста", "бывало", "небось", "напротив",
                 "впрочем", "наконец", "итак", "следовательно", "вообще"}


def _kept_before(unit: Unit, m: Mention, j: int) -> bool:
    """A word before an address that stays: title, endearment, interjection (милая Анна Петровна)."""
    tok = unit.toks[j]
    if m.first <= j < m.name_first:
        return True
    if tok.lower in INTERJECTIONS or tok.lower in ENDEARMENTS or tok.lower in TITLES:
        return True
    if _foreign_endearment(unit, j):
        return True
    if not tok.text[:1].islower() or tok.feat("Case") not in (None, "Nom"):
        return False
    # милая, дорогой, любезнейший (natasha may read it as a noun): adjectives in the nominative
    return tok.pos in ("ADJ", "DET") or tok.pos == "NOUN" and any(
        p.tag.POS == "ADJF" and p.tag.case == "nomn" for p in nlp.parse_word(tok.lower))


_LATIN_WORD = re.compile(r"[a-zà-ÿœæ]+(?:['’-][a-zà-ÿœæ]+)*")
# How a foreign endearment before a name opens (`ma chère`, `mon très honorable`, `my dear`): not `de la famille`,
# `chez le prince`, `laissez faire`, where the name is no address.
FOREIGN_ENDEARMENT_OPENERS = {"ma", "mon", "mes", "my", "mio", "mia", "cher", "chère", "chere", "dear", "mein",
                              "meine", "lieber", "liebe", "carissimo", "cara", "caro", "o", "ô", "oh", "ah"}  # `O mon cher`


def _foreign_endearment(unit: Unit, j: int) -> bool:
    """`Прощайте, ma chère 1 Марья Семеновна!` -> `Прощайте, ma chère 1!`, `Ma bonne Hélène, il faut` -> `Ma
    bonne, il faut`: words in Latin
    script before an address, opening with a possessive or `cher`/`dear` right after a comma or at the
    sentence start, stay as Russian endearments do; so does the footnote number the book put after them."""
    k = j
    if unit.toks[k].text.isdigit():
        k = _prev(unit, k)
    if k < 0 or not _LATIN_WORD.fullmatch(unit.toks[k].lower):
        return False
    for _ in range(2):  # `ma chère`, `mon très honorable`: no more than three words (not a French sentence)
        if _prev(unit, k) < 0 or not _LATIN_WORD.fullmatch(unit.toks[_prev(unit, k)].lower):
            break
        k = _prev(unit, k)
    p = _prev(unit, k)
    return unit.toks[k].lower in FOREIGN_ENDEARMENT_OPENERS and (
        p < 0 or unit.toks[p].text == "," or at_sentence_start(unit, k))


def _address_noun(unit: Unit, m: Mention, j: int) -> bool:
    """`Вот что, миляга Попов, ты…` -> `Вот что, миляга, ты…`: a lower-case animate noun in the
    nominative right before the name, the address opening after a comma or at the sentence start,
    is how the speaker calls them (`миляга`, `сосед`, `старик`); it stays, the name goes."""
    tok = unit.toks[j]
    if j != _prev(unit, m.first) or tok.mention >= 0 or tok.pos != "NOUN":
        return False
    p, start = _prev(unit, j), at_sentence_start(unit, j)
    if not (tok.text[:1].islower() or start) or not (start or p >= 0 and unit.toks[p].text == ","):
        return False
    if not any(x.tag.POS == "NOUN" and {"anim", "sing"} <= x.tag.grammemes and x.tag.case in ("nomn", "voct")
               for x in nlp.parse_word(tok.lower) if x.is_known) or tok.feat("Case") not in (None, "Nom", "Voc"):
        return False
    # and the sentence speaks to them: an imperative, a 2nd-person verb, a `ты`/`вы` after the name; not
    # `какой, если б ты знал, волокита Кувшинников!`, `сестра Катерина, это всё наше племя`, `Дурак Петруха, что…`
    sent = unit.toks[m.name_first].sent
    return any(t.sent == sent and not t.deleted and (
        t.feat("Mood") == "Imp" or t.pos in ("VERB", "AUX") and t.feat("Person") == "2"
        or i > m.last and t.lower in ("ты", "вы") and t.feat("Case") in (None, "Nom"))
        for i, t in enumerate(unit.toks))


def _after_you(unit: Unit, comma: int, left: str | None) -> bool:
    """`Ты, Хрюкин, пострадал`: right after `ты,` / `вы,` the name is the one spoken to; the verb
    after it is the pronoun's."""
    p = _prev(unit, comma) if left == "comma" else -1
    return p >= 0 and unit.toks[p].lower in ("ты", "вы")


def _apposed_noun(unit: Unit, j: int) -> bool:
    """`Ты, пан философ Хома, не знал…`, `камрат мой Лунц!`: a lower-case noun in the nominative
    next to the name's title or endearment stays with them (`пан философ,`); not beside any
    adjective (`дурак этот Ноздрев!` is no address)."""
    tok = unit.toks[j]
    if not tok.text[:1].islower() or tok.pos != "NOUN" or tok.feat("Case") not in (None, "Nom"):
        return False
    p, n = _prev(unit, j), _next(unit, j)
    # after a title or endearment (`пан философ`), or before an endearment (`камрат мой`); not before a
    # title (`перепела m-lle Анкет`: natasha reads the verb as quails)
    return p >= 0 and (unit.toks[p].lower in TITLES or unit.toks[p].lower in ENDEARMENTS) \
        or n >= 0 and unit.toks[n].lower in ENDEARMENTS


def _is_address_case(unit: Unit, m: Mention, state: State) -> bool:
    if unit.remark or _in_brackets(unit, m.first):
        return False  # narration: a remark, or the author's own brackets inside the speech
    if not ("nomn" in name_cases(m.key) or any("voct" in p.tag for p in nlp.parse_word(m.key.split()[0]))
            or pronoun_case(state.person, m.value) == "nomn"):  # `Сисой`: the book's paradigm says nominative
        return False
    case = mention_case(unit, m, state)
    return case in (None, "nomn")


def _in_brackets(unit: Unit, i: int) -> bool:
    depth = 0
    for tok in unit.toks[:i]:
        depth += (tok.text == "(") - (tok.text == ")")
    return depth > 0


def _enumeration(unit: Unit, comma: int) -> bool:
    """`Вася, Петя и Маша пришли`: the comma goes on to a list of names joined by и/да/или."""
    k = comma
    while k >= 0 and unit.toks[k].text == ",":
        n = _next(unit, k)
        if n < 0 or not (unit.toks[n].mention >= 0 or unit.toks[n].pos == "PROPN"):
            return False
        while n >= 0 and unit.toks[n].mention >= 0 and _next(unit, n) >= 0 \
                and unit.toks[_next(unit, n)].mention == unit.toks[n].mention:
            n = _next(unit, n)
        k = _next(unit, n)
    return k >= 0 and unit.toks[k].lower in ("и", "да", "или") and _next(unit, k) >= 0 and \
        (unit.toks[_next(unit, k)].mention >= 0 or unit.toks[_next(unit, k)].pos == "PROPN")


PARENTHETICAL_PHRASES = [tuple(p.split()) for p in (
    "по крайней мере", "может быть", "к сожалению", "к счастью", "между прочим", "в самом деле",
    "без сомнения", "по-видимому", "само собой", "стало быть", "так сказать", "во-первых", "во-вторых",
    "с одной стороны", "в сущности", "по правде", "признаться", "надо сказать", "как видно", "как кажется")]


def _parenthetical_after(unit: Unit, comma: int) -> int:
    """`Ипполит, по крайней мере, …`: index of the comma closing a parenthetical phrase, else -1."""
    k = _next(unit, comma)
    if k < 0:
        return -1
    for phrase in PARENTHETICAL_PHRASES + [(w,) for w in PARENTHETICAL]:
        j, ok = k, True
        for word in phrase:
            if j < 0 or unit.toks[j].lower != word:
                ok = False
                break
            j = _next(unit, j)
        if ok and j >= 0 and unit.toks[j].text == ",":
            return j
    return -1


def _second_person(unit: Unit, sent: int, start: int = 0) -> bool:
    """An imperative, a 2nd-person verb or pronoun: the sentence speaks to someone."""
    return any(t.sent == sent and not t.deleted and (
        t.feat("Mood") == "Imp" or t.feat("Person") == "2" or t.lower in ("ты", "вы", "тебя", "вас", "тебе",
                                                                          "вам", "твой", "ваш", "тобой", "вами"))
        for t in unit.toks[start:])


def _subject_after(unit: Unit, m: Mention, comma: int) -> bool:
    """`Вася, кажется, ушёл`: a 3rd-person or past verb follows with no subject of its own;
    `Ипполит, по крайней мере, покойный дурак`: a parenthetical and nobody spoken to."""
    k = _next(unit, comma)
    sent = unit.toks[m.last].sent
    if k >= 0 and unit.toks[k].lower in RELATIVES and not _question(unit, k):
        return True  # `Вася, который…`; but `Ариадна Григорьевна, кто?` asks her
    n = _next(unit, k) if k >= 0 else -1
    if k >= 0 and unit.toks[k].pos == "ADP" and n >= 0 and unit.toks[n].lower.startswith("котор"):
        return True  # `И ваш сосед, Луков, с которым вы…`: a relative clause after a preposition
    if k >= 0 and unit.toks[k].lower in COMPARISONS:
        close = _comparison_end(unit, k)  # `Ариадна, точно ребенок, не хочет…`: the subject goes on after it
        if close >= 0:
            k = _next(unit, close)
    if k >= 0 and unit.toks[k].lower == "что" and _next(unit, k) >= 0 and unit.toks[_next(unit, k)].lower == "ли":
        return True  # `Самойленко, что ли?`
    parenthetical = _parenthetical_after(unit, comma) >= 0
    predicate = False
    while k >= 0 and unit.toks[k].sent == sent and not _is_end(unit.toks[k]):
        tok = unit.toks[k]
        if tok.lower in CLAUSE_WORDS or tok.pos == "SCONJ":
            break
        if tok.lower in PARENTHETICAL and tok.mention < 0:
            k = _next(unit, k)
            continue
        if tok.pos == "PRON" and tok.feat("Case") == "Nom" or tok.mention >= 0 \
                or k == _next(unit, comma) and (tok.text.isdigit() or tok.pos == "NUM" and tok.feat("Case") == "Nom"):
            return False  # `Вася, ты…`, `Маша, 9 499 есть!`: the clause has its own subject
        if _nominative_word(tok):
            predicate = True  # `Ипполит, по крайней мере, покойный дурак`
        elif tok.pos in ("VERB", "AUX") and tok.feat("VerbForm") == "Fin":
            if tok.feat("Mood") == "Imp" or tok.feat("Person") in ("1", "2") or predicate:
                return False
            if not _agrees_with(tok, unit.toks[m.name_first]):
                return False  # `Маша, пришёл отец`
            n = _next(unit, k)
            while n >= 0 and unit.toks[n].pos in ("ADV", "PART"):
                n = _next(unit, n)
            # `Николай, помнится, … был лекарь Базаров?`: the verb has a subject after it
            return not (n >= 0 and (_nominative_word(unit.toks[n]) or unit.toks[n].mention >= 0))
        k = _next(unit, k)
    return parenthetical and predicate and not _second_person(unit, sent)


COMPARISONS = {"точно", "словно", "будто", "подобно", "вроде"}


def _comparison_end(unit: Unit, k: int) -> int:
    """The comma that closes a comparison starting at token k (`точно ребенок,`), else -1: a few
    words, no verb."""
    sent, n = unit.toks[k].sent, _next(unit, k)
    for _ in range(4):
        if n < 0 or unit.toks[n].sent != sent or _is_end(unit.toks[n]) or _finite(unit.toks[n]):
            return -1
        if unit.toks[n].text == ",":
            return n
        n = _next(unit, n)
    return -1


def _question(unit: Unit, k: int) -> bool:
    """The sentence of token k ends with `?`."""
    sent, n = unit.toks[k].sent, k
    while n >= 0 and unit.toks[n].sent == sent:
        if _is_end(unit.toks[n]):
            return "?" in unit.toks[n].text
        n = _next(unit, n)
    return False


def _agrees_with(verb: Tok, name: Tok) -> bool:
    """A past verb's gender, a verb's number: can this name be its subject?"""
    if verb.feat("Number") == "Plur":
        return False
    gender = verb.feat("Gender")
    return not gender or not name.feat("Gender") or gender == name.feat("Gender")


COMMA_OPENERS = INTERJECTIONS | PARENTHETICAL | ENDEARMENTS | {
    "да", "нет", "так", "вот", "что", "ведь", "уж", "же", "ну-ка", "ну-ко", "ну-кось", "ну-тка", "ну-с", "да-с", "нет-с", "итак", "полно",
    "здравствуй", "здравствуйте", "прощай", "прощайте", "спасибо", "благодарю", "извини", "извините",
    "прости", "простите", "пожалуйста", "слушай", "слушайте", "послушай", "послушайте", "смотри",
    "смотрите", "погоди", "погодите", "постой", "постойте", "подожди", "подождите", "помилуй",
    "помилуйте", "позвольте", "позволь", "видишь", "видите", "представь", "представьте", "поверь",
    "поверьте", "верите", "веришь", "согласись", "согласитесь", "понимаешь", "понимаете", "ей-богу",
    "право", "слышите", "клянусь", "боже", "господи", "ах", "эх", "ох", "ли", "впрочем", "однако"}


# Whole openings of a sentence set off by a comma, like an interjection (`Что ж, поставь косушку`).
OPENING_PHRASES = {"что ж", "что же", "ну что ж", "ну что же", "ну что", "а что", "так что ж", "ну так", "ну да",
                   "ну же", "ну-ка что ж"}


# Kin and household words that call someone by themselves (a list of calls: `Мама, Соня, посмотрите`).
KIN_CALLS = {"мама", "мамаша", "маменька", "мамочка", "мамуля", "папа", "папаша", "папенька", "папочка", "тятя",
             "тятенька", "дяденька", "тетенька", "тетя", "дядя", "бабушка", "дедушка", "няня", "нянюшка", "барин",
             "барыня", "барышня", "ребята", "дети", "господа", "братцы"}
NEW_CLAUSE = {"а", "но", "да", "зато", "однако", "или", "либо", "и", "ведь", "ибо"}


def _comma_still_needed(unit: Unit, left: int, right: int) -> bool:
    """Which comma an address between two commas leaves behind: `Знаете, Вася, вы бы…` ->
    `Знаете, вы бы…`; `Я, Вася, не знаю` -> `Я не знаю`; `Ответь мне, Вася, на вопрос` ->
    `Ответь мне на вопрос`."""
    words, j = [], _prev(unit, left)
    while j >= 0 and unit.toks[j].sent == unit.toks[left].sent and unit.toks[j].text not in (",", ";", ":"):
        if unit.toks[j].is_word:
            words.append(unit.toks[j])
        j = _prev(unit, j)
    if words and (words[0].lower in COMMA_OPENERS or words[0].pos == "INTJ"):
        return True  # after an interjection, a greeting, a parenthetical word: `Ну, что?`, `Ты что, …`
    if len(words) == 1 and words[0].lower in KIN_CALLS:
        return True  # `Мама, Соня, посмотрите` -> `Мама, посмотрите`: the word before is a call of its own
    if " ".join(w.lower for w in reversed(words)) in OPENING_PHRASES:
        return True  # `Что ж, Митрич, поставь` -> `Что ж, поставь`
    n = _next(unit, right)
    if n < 0:
        return False
    first = unit.toks[n]
    right_words = []
    k = n
    while k >= 0 and unit.toks[k].sent == unit.toks[right].sent and unit.toks[k].text not in (",", ";", ":") \
            and not _is_end(unit.toks[k]):
        right_words.append(unit.toks[k])
        k = _next(unit, k)
    if any(w.pos in ("VERB", "AUX") and w.feat("VerbForm") == "Fin" for w in words) and any(
            w.pos in ("VERB", "AUX") and w.feat("VerbForm") == "Fin" or w.pos == "ADV"
            or w.feat("Variant") == "Short" or _predicative(w.lower) for w in right_words):
        return True  # two clauses: `Сдайся, противиться напрасно`, `Спаси меня, спаси меня`
    if first.lower in NEW_CLAUSE and first.lower != "и":
        return True  # `Я бы пошёл, Вася, но…`; `нельзя ли, Егор Михалыч, ведь обидно`
    if words and first.lower in (words[0].lower, words[-1].lower):
        return True  # `Хорошо, Иван, хорошо!` -> `Хорошо, хорошо!`; `Не мни его, Любим, не мни` -> `Не мни его, не мни`
    if first.lower in ("так", "такой", "такая", "такое", "такие", "очень", "совсем") and len(right_words) > 1 \
            and right_words[1].lower in {w.lower for w in words}:
        return True  # `Хорошо нам живется, Варя, так хорошо, что…`: the word said again, stronger
    if words and first.pos == "ADJ" and words[0].pos in ("NOUN", "ADJ") and all(
            first.feat(f) == words[0].feat(f) and first.feat(f) for f in ("Case", "Number")):
        return True  # `Хороший вы малый, Кнапс, честный…`: an adjective that goes on describing the noun
    if first.pos == "PRON" and first.feat("Case") == "Nom" and first.lower not in CLAUSE_WORDS:
        return True  # the part after the address is a clause with its own subject
    if first.lower in CLAUSE_WORDS or first.pos == "SCONJ":
        return any(_finite(w) or w.pos == "VERB" for w in words)  # `Я знаю, Вася, что ты прав`
    return False


def _predicative(word: str) -> bool:
    """`некогда`, `пора`, `нельзя`: a word that is a predicate by itself."""
    return any(p.tag.POS == "PRED" for p in nlp.parse_word(word))


def _capitalise_next_word(unit: Unit, i: int) -> tuple[Capitalise, ...]:
    """The first word after token i, before any sentence end, takes a capital if it then begins
    a sentence (`Вася, иди!` -> `Иди!`)."""
    k = _next(unit, i)
    while k >= 0 and not unit.toks[k].is_word:
        if _is_end(unit.toks[k]):
            return ()
        k = _next(unit, k)
    return (Capitalise(k),) if k >= 0 else ()


def _after_opening_dash(unit: Unit, j: int) -> bool:
    """`…, — Танюша, хочешь замуж?`: token j is a dash that opens a part of the speech (after a comma,
    a sentence end or nothing)."""
    if j < 0 or unit.toks[j].text not in ("—", "–"):
        return False
    p = _prev(unit, j)
    return p < 0 or unit.toks[p].text == "," or _is_end(unit.toks[p])


def _sentence_goes_on(unit: Unit, m: Mention) -> bool:
    """`Ради Бога (говорит) Петруша, дай…`: the address opens the speech after a remark, and the speech
    before the remark ended on a word, not a sentence end: the sentence goes on, in lower case."""
    return bool(unit.word_before_remark) and not any(t.is_word for t in unit.toks[:m.first])


def remove_repeated_call(unit: Unit, m: Mention, state: State) -> list[Verdict] | None:
    """`Слышь, Игнат, а Игнат!` -> `Слышь!`: a call repeated after `а` (`Маша, а Маша?`) goes with the
    first one: `, а X` right before the sentence's `!` or `?`, where the same name was just removed."""
    number = unit.toks[m.name_first].mention
    a = _prev(unit, m.first)
    end = _next(unit, m.last)
    if number <= 0 or a < 0 or unit.toks[a].lower != "а" or unit.remark or end < 0 \
            or not set(unit.toks[end].text) & set("!?"):
        return None
    prev = unit.mentions[number - 1]
    if prev.value != m.value or unit.toks[prev.name_first].sent != unit.toks[m.name_first].sent:
        return None
    if not unit.toks[prev.name_first].deleted:
        # `Маша, а Маша!` is all the speech: both calls stay (keep_lone_address kept the first)
        return keep_lone_address(unit, m, state) if not state.allow_address and prev.last < a else None
    comma = _prev(unit, a)
    if comma >= 0 and unit.toks[comma].text == ",":
        edits = (Delete(comma, m.last),)
    elif at_sentence_start(unit, a):  # `Маша, а Маша? Ты спишь?`: the whole call goes -> `Ты спишь?`
        edits = (Delete(a, end), *_capitalise_next_word(unit, end))
    else:
        return None
    return [Verdict(remove_repeated_call, f"{m.key} (a call repeated after «а»)", edits)]


def keep_lone_address(unit: Unit, m: Mention, state: State) -> list[Verdict]:
    """An address that is the whole speech (`Маша!`) stays: removing it would leave no words."""
    return [Verdict(keep_lone_address, m.key)]


def _after_listed_name(unit: Unit, m: Mention, comma: int) -> bool:
    """`есть политические: Мешков, Верещагин.`: right after another name that stays in the sentence (no
    address) and a comma, in a sentence that speaks to nobody, the name goes on a list."""
    p, r = _prev(unit, comma), _next(unit, m.last)
    if p < 0 or unit.toks[p].mention < 0 or unit.toks[p].mention == unit.toks[m.name_first].mention \
            or r < 0 or unit.toks[r].text != "." or unit.mentions[unit.toks[p].mention].key == m.key:
        return False  # not `Вася, Вася!..`, a call said twice
    return not _speaks_to_them(unit, unit.toks[m.name_first].sent)


def _speaks_to_them(unit: Unit, sent: int) -> bool:
    """An imperative, a 2nd-person verb or ты/вы outside the names: the sentence speaks to its listener."""
    return any(t.sent == sent and t.mention < 0 and not t.deleted and (
        t.feat("Mood") == "Imp" or t.feat("Person") == "2" or t.lower in ("ты", "вы")) for t in unit.toks)


PRESENTING = {"это", "вот"}


def _presented(unit: Unit, m: Mention) -> bool:
    """`Это вот моя жена, Луиза, урожденная…`, `А это сын мой, Нафанаил, ученик`: in a sentence that
    presents someone (`это`, `вот` among its first words), a name right after an animate noun (a comma or
    мой/моя between) is that noun's apposition, not an address; not after an endearment (`Вот, голубчик
    Вася, книга`) and not with no noun before it (`Это, Нафаня, друг моего детства!`)."""
    sent = unit.toks[m.first].sent
    opening = [t.lower for t in unit.toks[:m.first] if t.sent == sent and t.is_word][:3]
    if not PRESENTING & set(opening):
        return False
    j = _prev(unit, m.first)
    while j >= 0 and (unit.toks[j].text == "," or unit.toks[j].lower in ("мой", "моя", "наш", "наша")):
        j = _prev(unit, j)
    if j < 0 or unit.toks[j].lower in ENDEARMENTS or unit.toks[j].lower in TITLES or unit.toks[j].pos != "NOUN" \
            or unit.toks[j].feat("Animacy") != "Anim":
        return False  # not `Это ром, Анна Федоровна.`
    if _speaks_to_them(unit, sent):
        return False  # `Вот что, миляга Попов, ты из нас самый молодой`: it speaks to them
    return any(x.tag.POS == "NOUN" and "anim" in x.tag for x in nlp.parse_word(unit.toks[j].lower) if x.is_known)


def remove_address(unit: Unit, m: Mention, state: State) -> list[Verdict] | None:
    """A name used as address goes, with the commas that only set it off (FORMAT.md §6)."""
    if not _is_address_case(unit, m, state) or _presented(unit, m):
        return None
    j, kept = _prev(unit, m.name_first), False
    while j >= 0 and (_kept_before(unit, m, j) or _apposed_noun(unit, j) or _address_noun(unit, m, j)):
        j, kept = _prev(unit, j), True
    title_only = kept and j == _prev(unit, m.first)  # only the title before it: `Отец Сисой!`
    start = m.name_first if not kept else _next(unit, j) if j >= 0 else 0
    left = "start" if at_sentence_start(unit, start) or _after_opening_dash(unit, j) and not kept \
        else "comma" if j >= 0 and unit.toks[j].text == "," else None
    if left is None and not kept and after_speech_colon(unit, start):
        left = "start"  # `кричит: Кузька, пистолет!`: the speech after the colon begins with the call
    r = _next(unit, m.last)
    right_tok = unit.toks[r] if r >= 0 else None
    if right_tok is None:
        # `Мустафа (крикнул Лаевский) сколько с нас?`: the comma before the remark was dropped
        right = "end" if left == "comma" else \
            "comma" if unit.continues and not _is_predicate_word(unit.next_word) else None
    elif right_tok.text == ",":
        right = "comma"
    elif _is_end(right_tok) or right_tok.text in (";", ":") and left == "comma":
        right = "end"  # `Смотри ж, Юлай: хорошенько его!` -> `Смотри ж: хорошенько его!`
    else:
        right = None
    if left is None or right is None:
        return None
    if right == "end" and left == "start" and title_only and right_tok is not None and set(right_tok.text) & set("!?"):
        kept = False  # `Отец Сисой!` is a call of its own: it goes whole (or stays whole, if it is all the speech)
    if right == "end" and left == "start" and not kept:
        # a vocative sentence of its own: `Маша!`, `Ваня, Ваня...`; `Вася.` is an answer
        if right_tok is None or not set(right_tok.text) & set("!?…") and "..." not in right_tok.text:
            return None
        if not set(right_tok.text) & set("!?"):
            # `Ваня, Ваня...` calls; `Николенька… ранен… письмо…` tells
            after = _next(unit, r)
            if after >= 0 and not _second_person(unit, unit.toks[after].sent, after):
                return None
    if right == "comma" and r >= 0 and (_enumeration(unit, r) or _subject_after(unit, m, r)) \
            and not _after_you(unit, j, left):
        return None  # `Вася, кажется, ушёл`; `…, Аркадий, напротив, произносил…`
    if left == "comma" and _after_listed_name(unit, m, j):
        return None  # `есть политические: Мешков, Верещагин.`: the last of a list of names
    if not state.allow_address:
        return keep_lone_address(unit, m, state)
    if kept:
        edits, how = (Delete(m.name_first, m.last),), "name only, the words before it stay"
    elif left == "start" and right == "comma" and r < 0:
        edits, how = (Delete(m.first, m.last),), "before a remark"
    elif left == "start" and right == "comma" and _sentence_goes_on(unit, m):
        edits, how = (Delete(m.first, r),), "with its comma, the sentence before the remark goes on"
    elif left == "start" and right == "comma":
        edits, how = (Delete(m.first, r), *_capitalise_next_word(unit, r)), "with its comma"
    elif left == "start":
        edits, how = (Delete(m.first, r),), f"with its {right_tok.text}"
        p = _prev(unit, m.first)
        if not any(t.is_word and not t.deleted for t in unit.toks[:m.first]) or unit.toks[p].text == ".":
            # `Соня! что ты?..` -> `Что ты?..`; `Садитесь. Вонифатий! где ключи?` -> `Садитесь. Где ключи?`
            edits += _capitalise_next_word(unit, r)
    elif right == "comma" and r < 0:
        edits, how = (Delete(j, m.last),), "with its comma, before a remark"
    elif right == "comma":
        n = _next(unit, r)
        if n >= 0 and unit.toks[n].text in ("—", "–"):
            edits, how = (Delete(j, r),), "with both commas, before a dash"  # `Пойдем, Катечка, — пусть` -> `Пойдем — пусть`
        elif _comma_still_needed(unit, j, r):
            edits, how = (Delete(m.first, r),), "one comma kept"
        else:
            edits, how = (Delete(j, r),), "with both commas"
    else:
        edits, how = (Delete(j, m.last),), "with its comma"
    return [Verdict(remove_address, f"{m.key} ({how})", edits)]
