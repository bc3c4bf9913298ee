"""The checks of review.tsv: each a small named function over an aligned Pair, in CHECKS.

A check returns what an editor would circle, as (first word, last word) of the rewritten line.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .. import nlp
from ..grammar import PERSONAL, POSSESSIVE, PREPOSITION_CASES
from ..names.forms import NOT_PERSONS

from .book_checks import name_also_written_small, name_given_in_answer, rare_common_noun_as_name
from .clause_checks import CLAUSE_CHECKS
from .comma_checks import COMMA_CHECKS
from .context_checks import CONTEXT_CHECKS
from .form_checks import FORM_CHECKS, latin_name_left
from .grammar_checks import GRAMMAR_CHECKS
from .phrase_checks import PHRASE_CHECKS
from .source_checks import SOURCE_CHECKS
from .words import (NAME_GRAMMEMES, NAMING_SELF, NAMING_WORDS, O_FORMS, PLACE_PREPOSITIONS, Pair, Word, _BARE_FORMS, _PARTICLES,
                    _PRONOUN_CASES, _SENTENCE_END, _WORD_RE, _between, _boundary, _from_dictionary, _name_like,
                    _sentence_start, _title_words, _verb_person, is_pronoun, pronoun_neighbours)
# ------------------------------------------------------------------ the checks

Span = tuple[int, int]


def two_pronouns(pair: Pair) -> list[Span]:
    """`сказал меня я` for `сказал Кузьма Петрович`: two new pronouns side by side where the source
    had one person's name: a first name with a patronymic, a dictionary form of several words, or
    a word the dictionary does not know alone. (`сказал Самойленко Лаевскому` -> `сказал я мне`
    are two people, both in the dictionary: that is the technique.)"""
    found = []
    words = pair.out_words
    for j in range(len(words) - 1):
        a, b = words[j], words[j + 1]
        if not (pair.changed[j] and pair.changed[j + 1] and is_pronoun(a, pair.person) and is_pronoun(b, pair.person)
                and _between(pair, a, b).strip() == ""):
            continue
        source = _source_between(pair, j, j + 1)
        if _one_name(pair, source):
            found.append((j, j + 1))
    return found


def _source_between(pair: Pair, first: int, last: int) -> list[Word]:
    """The source words that the out words first..last stand for (between the copied neighbours)."""
    before = next((pair.origin[k] for k in range(first - 1, -1, -1) if pair.origin[k] is not None), -1)
    after = next((pair.origin[k] for k in range(last + 1, len(pair.out_words)) if pair.origin[k] is not None),
                 len(pair.src_words))
    return pair.src_words[before + 1:after]


def _one_name(pair: Pair, source: list[Word]) -> bool:
    """The source words are one person's name, not two dictionary forms side by side (a title
    may stand before either: `князю Андрею Несвицкий`)."""
    texts = [w.text for w in source if w.low not in _title_words()]
    for cut in range(1, len(texts)):
        lone_patronymic = len(texts) - cut == 1 and _PATRONYMIC_RE.search(texts[cut].lower())
        if _is_key(pair, texts[:cut]) and _is_key(pair, texts[cut:]) and not lone_patronymic:
            return False
    return len(texts) >= 2


# A patronymic, full or colloquial (Петрович, Иваныч, Митрич, Петровна, Ильинична, Савишна).
_PATRONYMIC_RE = re.compile(r"(?:[оеи]вич|[иы]ч|[оеи]вн|[иы]чн|ишн)(?:а|у|ем|ом|е|ой|ою|ы|)$")


def _is_key(pair: Pair, texts: list[str]) -> bool:
    return bool(texts) and texts in pair.names.get(texts[0], ())


def preposition_case(pair: Pair) -> list[Span]:
    """`у я`, `к меня`, `о мной`: a new pronoun in a case its preposition cannot govern."""
    found = []
    words = pair.out_words
    for j in range(1, len(words)):
        prep, word = words[j - 1], words[j]
        cases = PREPOSITION_CASES.get(prep.low)
        if cases and pair.changed[j] and is_pronoun(word, pair.person) \
                and _between(pair, prep, word) == " " and not cases & _PRONOUN_CASES[pair.person][word.low]:
            found.append((j - 1, j))
    return found


def preposition_form(pair: Pair) -> list[Span]:
    """`к мне`, `во тебе`, `со моей`: the preposition's spelling before the new pronoun."""
    found = []
    words = pair.out_words
    for j in range(1, len(words)):
        prep, word = words[j - 1], words[j]
        if _between(pair, prep, word) != " " or not (pair.changed[j] or pair.changed[j - 1]):
            continue
        wrong = False
        if prep.low in O_FORMS:  # ко/со/обо/во: only before мне/мной
            wrong = (is_pronoun(word, pair.person) or word.low in POSSESSIVE[pair.person]) \
                and word.low not in O_FORMS[prep.low][1]
            wrong = wrong or (pair.person == "ti" and is_pronoun(word, "ti"))
        elif prep.low in _BARE_FORMS and pair.person == "me":  # к мне, с мной, о мне, в мне
            wrong = word.low in O_FORMS[_BARE_FORMS[prep.low]][1]
        elif prep.low == "об" and word.low in ("мне", "тебе"):
            wrong = True
        elif prep.low in ("изо", "безо", "ото"):  # из меня, без меня, от моего: never изо/безо/ото
            wrong = is_pronoun(word, pair.person) or word.low in POSSESSIVE[pair.person]
        if wrong:
            found.append((j - 1, j))
    return found


def verb_not_agreed(pair: Pair) -> list[Span]:
    """`я идёт`, `говорит я`, `я и не такие фразы отпускает`: a new я/ты subject with a 3rd-person
    present or future verb in its clause (right before it, or up to six words after it, before
    any other possible subject)."""
    found = []
    words = pair.out_words
    nominative = PERSONAL[pair.person]["nomn"]
    for j, word in enumerate(words):
        if not pair.changed[j] or word.low != nominative:
            continue
        before = _verb_before(pair, j)
        if before is not None:
            found.append((before, j))
            continue
        for k in range(j + 1, min(len(words), j + 7)):
            if _PUNCT_RE.search(pair.out[words[k - 1].stop:words[k].start]):
                break
            if _verb_person(words[k].text) == "3":
                found.append((j, k))
                break
            if _verb_person(words[k].text) or _other_subject(words[k].text):
                break
    return found


_PUNCT_RE = re.compile(r"[,.;:!?…()—–]")
_CLAUSE_JOINERS = {"и", "а", "но", "да", "или", "что", "как", "когда", "если", "чтобы", "пока", "где", "куда"}


def _verb_before(pair: Pair, j: int) -> int | None:
    """The 3rd-person present/future verb before the new subject j in its clause (`говорит басом я`,
    `басит ни с того ни с сего я`: up to four words back, over objects and adverbs, not counting
    particles and prepositions), or None where a
    punctuation mark, a conjunction, another verb or another possible subject comes first."""
    words = pair.out_words
    content = 0
    for k in range(j - 1, -1, -1):
        if _PUNCT_RE.search(pair.out[words[k].stop:words[k + 1].start]) or words[k].low in _CLAUSE_JOINERS:
            return None
        if words[k].low in _PARTICLES or words[k].low in PREPOSITION_CASES:
            continue
        content += 1
        if content > 4:
            return None
        person = _verb_person(words[k].text)
        if person == "3":
            return k
        if person or _other_subject(words[k].text) or _finite_verb(words[k].text):
            return None
    return None


@cache
def _finite_verb(word: str) -> bool:
    parses = nlp.parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS == "VERB"


@cache
def _other_subject(word: str) -> bool:
    """A word that may be the subject of the verb after it instead: он, кто, a singular noun."""
    parses = nlp.parse_word(word.lower())
    tag = parses[0].tag if parses else None
    return tag is not None and tag.case == "nomn" and (tag.POS == "NPRO" or tag.POS == "NOUN" and "sing" in tag)


def address_left_as_pronoun(pair: Pair) -> list[Span]:
    """`А ты бы, я, жену приласкал`, `— я, хочешь замуж идти?`: a new я/ты set off by commas in a
    sentence spoken to someone (a 2nd-person verb or ты/вы in it): an address that was not removed."""
    if pair.person != "me":
        return []  # in ti lines ты is also the listener: the me line decides
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        if not pair.changed[j] or word.low != "я":
            continue
        after = pair.out[word.stop:word.stop + 2]
        before = pair.out[:word.start].rstrip()
        if not after.startswith(",") or not (before.endswith((",", "—", "<char>")) or before == ""):
            continue
        start, stop = _sentence_bounds(pair.out, word.start)
        if any(start <= w.start < stop and k != j and (w.low in ("ты", "вы") or _verb_person(w.text) == "2"
                                                        or _imperative(w.text)) for k, w in enumerate(words)):
            found.append((j, j))
    return found


@cache
def _imperative(word: str) -> bool:
    parses = nlp.parse_word(word.lower())
    return bool(parses) and "impr" in parses[0].tag and parses[0].score >= 0.5


_LISTENER_WORDS = {"ты", "вы", "тебя", "тебе", "тобой", "тобою", "вас", "вам", "вами", "пожалуйста", "эй", "спасибо",
                   "извините", "простите", "послушайте", "слушай", "слушайте", "здравствуй", "здравствуйте",
                   "прощай", "прощайте", "ну-с", "голубчик", "голубушка", "батюшка", "матушка", "милая", "милый",
                   # words one calls a listener by, and wishes said to someone
                   "уважаемый", "уважаемая", "брат", "братец", "братцы", "пан", "сударь", "сударыня", "барин",
                   "барыня", "господа", "друг", "дружок", "родной", "родная", "поздравляю", "пойдем", "пойдемте",
                   "давай", "давайте", "годом"}


def address_without_listener(pair: Pair) -> list[Span]:
    """`Ариадна, точно ребенок, не хочет…` -> `Точно ребенок, не хочет…`: a name removed as an
    address from a sentence that speaks to no one (no ты/вы, твой/ваш, imperative or 2nd-person
    verb, greeting or endearment): it was more likely the subject."""
    found = []
    words = pair.out_words
    removed = _removed_names(pair)
    for at in removed:
        start, stop = _sentence_bounds(pair.out, at)
        inside = [w for w in words if start <= w.start < stop]
        if pair.out[stop:stop + 1] == "?":
            continue  # a question asks someone
        if inside and not any(_speaks_to_someone(w) for w in inside) \
                and _verb_without_its_subject([w for w in inside if w.start >= at]):
            j = words.index(inside[0])
            found.append((j, min(j + 2, len(words) - 1)))
    return found


_COMPARISONS = {"как", "точно", "словно", "будто", "вроде", "чем"}
_SUBJECT_PRONOUNS = {"я", "ты", "мы", "вы", "он", "она", "оно", "они", "кто", "это", "все", "всё", "что",
                     "кажется", "видно", "говорят"}  # and parentheticals that are no one's verb


def _verb_without_its_subject(words: list[Word]) -> bool:
    """The words after the removed name hold a verb in the 3rd person singular, present/future or
    past (`не хочет`, `пришел`; not the impersonal `хотелось`), and no subject of its own before or
    after it (`он`, `я`, a noun in the nominative, not one of a comparison: `точно ребенок`): the
    name was that verb's subject, not an address.
    (`Вася, полно!`, `Это ром, Анна Федоровна.`, `Я с ним встретился, Марья Петровна.` have none.)"""
    compared, verb = False, None
    for word in words:
        if word.low in _COMPARISONS:
            compared = True
            continue
        if word.low in _SUBJECT_PRONOUNS:
            return False  # before the verb or after it (`А устал-таки я`, `-повторил я`)
        parses = nlp.parse_word(word.low)
        tag = parses[0].tag if parses else None
        if tag is not None and tag.POS == "VERB" and verb is None:
            verb = "sing" in tag and ("3per" in tag or tag.tense == "past" and "neut" not in tag)
        elif tag is not None and tag.POS == "NOUN" and tag.case == "nomn" and not compared:
            return False  # `гласит пословица`
        compared = compared and tag is not None and tag.POS != "NOUN"
    return bool(verb)


def _removed_names(pair: Pair) -> list[int]:
    """Offsets in the out line where the rewrite deleted a capitalised source word and put nothing
    in its place (an address removed): right after the word before it. Not where the same word
    stands on both sides (`Правда, Лида, правда`: a vocative for sure) or where the name moved
    into a possessive (`голос Ариадны` -> `мой голос`)."""
    points = []
    out = pair.out_words
    opcodes = pair.opcodes
    if any(op in ("insert", "replace") and any(w.low in POSSESSIVE[pair.person] for w in out[j1:j2])
           for op, _, _, j1, j2 in opcodes):
        return []
    for op, i1, i2, j1, _ in opcodes:
        if op != "delete" or not any(w.text[:1].isupper() for w in pair.src_words[i1:i2]):
            continue
        if 0 < j1 < len(out) and out[j1 - 1].low == out[j1].low:
            continue
        point = out[j1 - 1].stop if j1 else 0
        gap = pair.source[pair.src_words[i1 - 1].stop:pair.src_words[i1].start] if i1 else ""
        while any(ch in gap for ch in _SENTENCE_END) and point < len(pair.out) \
                and pair.out[point] in _SENTENCE_END + " ":
            point += 1  # `жить. Ариадна, точно…`: the name began the next sentence (not `Ну что, Турбин?`)
        points.append(min(point, len(pair.out) - 1))
    return points


@cache
def _speaks_to_someone_word(word: str) -> bool:
    low = word.lower()
    if low in _LISTENER_WORDS or low.startswith(("тво", "ваш")):
        return True
    parses = nlp.parse_word(low)
    if any("impr" in p.tag and "excl" in p.tag and p.score >= 0.1 for p in parses):
        return True  # поди, накажи, подай: an imperative by any of its readings
    return bool(parses) and ("impr" in parses[0].tag or "2per" in parses[0].tag) and parses[0].score >= 0.3


def _speaks_to_someone(word: Word) -> bool:
    return _speaks_to_someone_word(word.text)


def pronoun_case_in_context(pair: Pair) -> list[Span]:
    """`(спросил мной)`, `Приведите я!`, `псаря мной`: a new pronoun in a case nothing around it
    allows: the instrumental or nominative right after a verb of the remark or an imperative, an
    apposition whose noun cannot be in the pronoun's case."""
    found = []
    words = pair.out_words
    for j in range(1, len(words)):
        word, prev = words[j], words[j - 1]
        if not pair.changed[j] or not is_pronoun(word, pair.person) or _between(pair, prev, word) != " ":
            continue
        cases = _PRONOUN_CASES[pair.person][word.low]
        if "ablt" in cases and _past_or_present_verb(prev.text) or "nomn" in cases and _imperative(prev.text) or not pair.changed[j - 1] and _animate_noun_cases(prev.text) and not cases & _animate_noun_cases(prev.text):
            found.append((j - 1, j))
    return found


@cache
def _past_or_present_verb(word: str) -> bool:
    """спросил, проговорил, говорит: a finite verb that takes no bare instrumental of a person."""
    parses = nlp.parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS == "VERB" and "indc" in parses[0].tag and parses[0].score >= 0.5 \
        and _normal(parses[0]) in SPEECH_VERBS


def _normal(parse) -> str:
    return parse.normal_form.replace("ё", "е")


# Verbs of speech and of the author's remarks: after them a bare pronoun is я/мне/меня, never мной.
SPEECH_VERBS = {"сказать", "спросить", "проговорить", "говорить", "ответить", "отвечать", "крикнуть",
                "закричать", "кричать", "прошептать", "шепнуть", "прибавить", "продолжать", "заметить",
                "воскликнуть", "пробормотать", "промолвить", "возразить", "подхватить", "перебить",
                "начать", "повторить", "спрашивать", "сказывать", "молвить", "проворчать", "буркнуть",
                "отозваться", "согласиться", "усмехнуться", "засмеяться", "вздохнуть", "позвать"}


@cache
def _animate_noun_cases(word: str) -> frozenset:
    """The cases of an animate common noun (`псаря`: gent/accs), for an apposition; empty otherwise."""
    parses = [p for p in nlp.parse_word(word.lower()) if p.score >= 0.2]
    if not parses or parses[0].tag.POS != "NOUN" or "anim" not in parses[0].tag \
            or NAME_GRAMMEMES & parses[0].tag.grammemes:
        return frozenset()
    cases = {p.tag.case for p in parses if p.tag.POS == "NOUN" and "anim" in p.tag}
    cases = {"gent" if c == "gen2" else "loct" if c == "loc2" else "nomn" if c == "voct" else c for c in cases}
    return frozenset(cases)


def name_not_in_dictionary(pair: Pair) -> list[Span]:
    """`А как Никанор?`, `Куда ты, Jean?`, `monsieur N.`: a name the dictionary lacks, left as it is:
    a capitalised word inside a sentence that pymorphy3's dictionary reads first as a first name,
    a Latin-script word set off by commas in Russian speech, a name or initial after a title."""
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        if word.text in pair.names or pair.changed[j] or not word.text[:1].isupper():
            continue
        inside = not _sentence_start(pair.out, word.start)
        if inside and _first_name(word.text) and not _naming(words, j) or word.text.isascii() and j and not words[j - 1].text.isascii() \
                and (j + 1 == len(words) or not words[j + 1].text.isascii()) \
                and pair.out[:word.start].rstrip().endswith(",") and not _inside_quotes(pair.out, word.start):
            found.append((j, j))
        elif j and words[j - 1].low in _title_words() and inside and not _sentence_start(pair.out, words[j - 1].start) \
                and words[j - 1].text[:1].islower():
            found.append((j - 1, j))
    return found


@cache
def _first_name(word: str) -> bool:
    parses = nlp.parse_word(word)
    return bool(parses) and "Name" in parses[0].tag and _from_dictionary(parses[0]) and "plur" not in parses[0].tag \
        and parses[0].normal_form not in NOT_PERSONS


def verb_without_subject(pair: Pair) -> list[Span]:
    """`она призываю`: a verb the rewrite put in the 1st/2nd person with no new я/ты in its clause."""
    found = []
    words = pair.out_words
    wanted = "1" if pair.person == "me" else "2"
    nominative = PERSONAL[pair.person]["nomn"]
    for j, word in enumerate(words):
        if not pair.changed[j] or _verb_person(word.text) != wanted:
            continue
        start, stop = _sentence_bounds(pair.out, word.start)
        if pair.out[start - 1:start] == ")":  # `я (она назвала фамилию) захочу`: the clause goes on
            opened = pair.out.rfind("(", 0, start)
            start = _sentence_bounds(pair.out, opened)[0] if opened > 0 else start
        if not any(w.low == nominative and start <= w.start < stop and pair.changed[k]
                   for k, w in enumerate(words)):
            found.append((j, j))
    return found


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    left = max(text.rfind(ch, 0, at) for ch in _SENTENCE_END + "()")
    ends = [i for i in (text.find(ch, at) for ch in _SENTENCE_END + "()") if i != -1]
    return left + 1, min(ends) if ends else len(text)


def name_left(pair: Pair) -> list[Span]:
    """A dictionary form still in the line, outside naming constructions, "" values and an
    address that is the whole speech (kept on purpose: docs/time.md)."""
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        for parts in pair.names.get(word.text, ()):
            if [w.text for w in words[j:j + len(parts)]] != parts:
                continue
            if _naming(words, j, pair.out) or _whole_speech(pair, word.start, words[j + len(parts) - 1].stop):
                continue
            found.append((j, j + len(parts) - 1))
    return found


def _naming(words: list[Word], j: int, text: str = "") -> bool:
    before = [w.low for w in words[max(0, j - 3):j]]
    return bool(set(before) & NAMING_WORDS) or bool(before[-1:] and before[-1] in NAMING_SELF) \
        or any(_naming_lemma(w) for w in before) or bool(text) and _elliptic_naming(words, j, text)


def _elliptic_naming(words: list[Word], j: int, text: str) -> bool:
    """`Моего отца зовут Ильей, а сына — Николаем`: the naming verb is said once, and the second name
    stands after a dash that stands for it, in the same sentence."""
    start = _sentence_bounds(text, words[j].start)[0]
    clause = text[max(start, text.rfind(",", 0, words[j].start)):words[j].start]
    if "—" not in clause and " - " not in clause and "–" not in clause:
        return False
    return any(start <= w.start and (w.low in NAMING_WORDS or _naming_lemma(w.low)) for w in words[:j])


# Verbs and nouns of naming by their normal form (`зовешь`, `называла`, `прозвищем`).
NAMING_LEMMAS = {"звать", "называть", "назвать", "называться", "прозвать", "прозывать", "величать", "кликать",
                 "окрестить", "именовать", "зваться", "имя", "фамилия", "прозвище", "кличка", "отчество", "прозвание",
                 "урожденный"}  # `урожденная княжна Дурдолеосова`: née


@cache
def _naming_lemma(word: str) -> bool:
    return any(p.normal_form.replace("ё", "е") in NAMING_LEMMAS and "Abbr" not in p.tag and p.score >= 0.2
               for p in nlp.parse_word(word))


def _whole_speech(pair: Pair, start: int, stop: int) -> bool:
    """The name stands in a segment of speech that holds nothing but names and endearments
    (`Маша!`, `Ваня, Ваня…`): an address kept because removing it would leave no speech."""
    text = pair.out
    left = max(text.rfind("(", 0, start), text.rfind(")", 0, start), text.rfind(">", 0, start))
    right = [i for i in (text.find("(", stop), text.find(")", stop)) if i != -1]
    segment = text[left + 1:min(right) if right else len(text)]
    rest = [w for w in _WORD_RE.findall(segment) if w not in pair.names and w.lower() not in _KEPT_WITH_ADDRESS
            and w.lower().replace("ё", "е") not in _title_words()  # `Отец Сисой!`
            and not any(w in parts for forms in pair.names.values() for parts in forms)]
    return not rest


# Words that may stand in a lone address beside the name: `Ах, Маша!`, `Милая Анна Петровна!`.
_KEPT_WITH_ADDRESS = {"о", "ах", "ох", "эй", "ну", "ай", "милая", "милый", "дорогой", "дорогая", "голубчик",
                      "голубушка", "душа", "моя", "мой", "батюшка", "матушка", "то", "с", "же", "да", "нет"}


def place_or_work(pair: Pair) -> list[Span]:
    """`в Зарецке` -> `во мне`, `«…Гамлета»` -> `«…меня»`: a replacement that reads as a place
    (a preposition of place with the locative or genitive, a geographical word) or stands inside
    the title of a work in «…»."""
    found = []
    words = pair.out_words
    for j, word in enumerate(words):
        if not pair.changed[j] or not (is_pronoun(word, pair.person) or word.low in POSSESSIVE[pair.person]):
            continue
        prep = words[j - 1] if j else None
        if prep is not None and prep.low in PLACE_PREPOSITIONS and word.low in PLACE_PREPOSITIONS[prep.low] \
                and _between(pair, prep, word) == " ":
            found.append((j - 1, j))
        elif _inside_title(pair.out, word.start) or _replaced_place(pair, j):
            found.append((j, j))
    return found


def _inside_quotes(text: str, at: int) -> bool:
    return text.rfind("«", 0, at) > text.rfind("»", 0, at)


def _inside_title(text: str, at: int) -> bool:
    """Inside a short «…» with no sentence punctuation: the title of a work (`в «Анне Карениной»`),
    not a quoted sentence."""
    start = text.rfind("«", 0, at)
    stop = text.find("»", at)
    if start == -1 or stop == -1 or start < text.rfind("»", 0, at):
        return False
    inner = text[start + 1:stop]
    return len(inner.split()) <= 5 and not re.search(r"[.!?,…]", inner)


def _replaced_place(pair: Pair, j: int) -> bool:
    """The source word this pronoun stands for is a geographical name to pymorphy3 (`Москве`)."""
    before = next((pair.origin[k] for k in range(j - 1, -1, -1) if pair.origin[k] is not None), -1)
    after = next((pair.origin[k] for k in range(j + 1, len(pair.out_words)) if pair.origin[k] is not None),
                 len(pair.src_words))
    return any(_geographical(w.text) for w in pair.src_words[before + 1:after] if w.text[:1].isupper())


@cache
def _geographical(word: str) -> bool:
    """pymorphy3 reads the word first as a place (`Москве`, `Киеве`) and never as a person."""
    parses = nlp.parse_word(word)
    return bool(parses) and "Geox" in parses[0].tag and _from_dictionary(parses[0]) and not any(
        {"Name", "Patr", "Surn"} & p.tag.grammemes for p in parses)


def name_part_left(pair: Pair) -> list[Span]:
    """`я Петрович`, `Варвара я`, `мсьё я`, `отец мной`: a word of the same name (a dictionary
    word, or a capitalised name word inside the sentence) or a title left next to the new pronoun."""
    found = []
    for j, k, other, between in pronoun_neighbours(pair):
        if between != " ":
            continue
        inside = not _sentence_start(pair.out, other.start)
        name_word = other.text in pair.names or other.text[:1].isupper() and inside and _name_like(other.text)
        title = k < j and other.low in _title_words() and not _title_alone_ok(pair.out_words, k)
        if name_word or title:
            found.append((min(j, k), max(j, k)))
    return found


def _title_alone_ok(words: list[Word], k: int) -> bool:
    """`отца меня` after a preposition or a possessive is a relative, not a leftover title."""
    return k > 0 and words[k - 1].low in ("моего", "твоего", "его", "ее", "её", "их", "вашего", "нашего")


def lower_case_start(pair: Pair) -> list[Span]:
    """`Садитесь. где мои ключи`, `<char>иди сюда`: a word that now begins a sentence or the line,
    in lower case, where the rewrite changed what stood before it (a remark may start in lower
    case; so may speech after `…` or after a remark)."""
    found = []
    for j, word in enumerate(pair.out_words):
        i = pair.origin[j]
        opener = _boundary(pair.out, word.start)
        if word.text[:1].islower() and opener in (".", "!", "?", "<") and i is not None \
                and _boundary(pair.source, pair.src_words[i].start) != opener:
            found.append((j, j))
    return found


def _after_remark(text: str, at: int) -> bool:
    return text[:at].rstrip().endswith(")")


def broken_punctuation(pair: Pair) -> list[Span]:
    """`Хорошо, , иди`, `<char>, иди`, `( ,`: punctuation left dangling where words were removed."""
    found = []
    for match in re.finditer(r"(?:[,;:]\s*[,;.!?)])|(?:\(\s*[,;])|(?:^<char>\s*[,;:])", pair.out):
        if match.group() not in pair.source:
            j = next((k for k, w in enumerate(pair.out_words) if w.start >= match.start()), len(pair.out_words) - 1)
            found.append((max(0, j - 1), j))
    return found


CHECKS: list[Callable[[Pair], list[Span]]] = [
    two_pronouns,
    preposition_case,
    preposition_form,
    verb_not_agreed,
    verb_without_subject,
    address_left_as_pronoun,
    address_without_listener,
    pronoun_case_in_context,
    name_left,
    name_not_in_dictionary,
    place_or_work,
    name_part_left,
    lower_case_start,
    broken_punctuation,
    *CONTEXT_CHECKS,
    *SOURCE_CHECKS,
    *CLAUSE_CHECKS,
    *COMMA_CHECKS,
    *PHRASE_CHECKS,
    *GRAMMAR_CHECKS,
    *FORM_CHECKS,
    rare_common_noun_as_name,
    name_given_in_answer,
    name_also_written_small,
]


UNCHANGED_CHECKS = [name_left, name_not_in_dictionary, latin_name_left]  # a line the rewrite did not touch
