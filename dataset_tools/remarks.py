"""Who a remark says is speaking (FORMAT.md §8): the subject of its verb, read word by word.

    from dataset_tools.remarks import Finder, read_clue
    read_clue("сказал весело фон Корен", cast, Finder(values), values)   -> Clue("name", …)
    read_clue("отвечала она", …)        -> Clue("pronoun", gender="femn")
    read_clue("проговорил старик", …)   -> Clue("noun", noun="старик")
    read_clue("сказал я", …)            -> Clue("narrator")
    read_clue("кричал один", …)         -> Clue("group"): somebody, nobody we can name

SUBJECT_RULES, in order, look for the subject of a verb (a verb of speech first). The words of
a remark are tokens with the dictionary's name forms glued into one word each (remark_words.py:
Finder, remark_words and the readings of one word the rules share).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .characters import Cast
from .dicts import ME_FORMS
from .names.forms import _e
from .nlp import parse_word
from .remark_words import (Finder, Word, _is_finite_verb, _is_modifier, _noun_subject, _tag, _verb_gender,
                           _verb_lemma, remark_words)
from .speech import SPEECH_VERBS

# Nouns that say only "a person": `рыдала девушка` is resolved like `рыдала она`.
GENERIC_PERSONS = frozenset("""
человек мужчина женщина девушка девочка мальчик парень юноша господин госпожа дама барышня
собеседник собеседница
""".split())
# Nouns that name a person by their tie to another (`обратился он к спутнице`): someone already
# present, so never a new character of their own when spoken to (attribution._noun_listeners).
RELATION_NOUNS = frozenset("""
спутник спутница собеседник собеседница товарищ подруга друг жена муж мать отец сын дочь брат сестра
сосед соседка зять невестка тесть теща свекор свекровь дядя тетя племянник племянница внук внучка
""".split())
# Subjects that speak for several people or nobody in particular: no speaker.
GROUP_SUBJECTS = frozenset("""
один одна другой другая третий третья четвертый кто-то кто некто все всё многие оба обе
несколько
""".split())
THIRD_PERSON_GENDER = {"он": "masc", "она": "femn"}
THAT_ONE_GENDER = {"тот": "masc", "та": "femn"}
NARRATOR_WORDS = frozenset({"я"})
VOICE_WORDS = frozenset("""
голос голосок слова слово шепот шёпот крик возглас речь
""".split())
# `услышал я речь Калинина`: the one who hears is not the speaker, the owner of the voice is
HEARING_VERBS = frozenset("услышать слышать расслышать".split())
# verbs of thought: `("…", — подумал Козельцов)` inside a replica names who thinks, not who speaks
THOUGHT_VERBS = frozenset("подумать думать помыслить мелькнуть".split())
# `сказал старший Козельцов`: the word that tells one member of a family from another
SENIORITY_WORDS = frozenset("старший младший меньшой средний".split())
_FIRST_PERSON = re.compile(r"(?:^|[\s,])[Яя](?=[\s,])")
_PUNCT_STOP = frozenset(",;:.!?…()«»\"—–")
# after an adjective, words that cannot be the noun it qualifies: `спросил конвойный у того`
_NOT_A_HEAD = frozenset({"PREP", "CONJ", "ADVB", "GRND", "PRCL", "INTJ", "VERB", "INFN"})
# verbs of a remark beside speech.py's SPEECH_VERBS (for a remark left in the speech)
REMARK_VERBS = SPEECH_VERBS | frozenset("""
лепетать пролепетать шепнуть вскрикнуть выговорить вымолвить протянуть процедить пропищать
прохрипеть простонать прорычать рявкнуть пискнуть взвизгнуть завопить вопить прервать
подхватить отрезать заметить настаивать настоять торжествовать
""".split())


@dataclass(frozen=True)
class Clue:
    """What a remark or an introducing sentence says about who speaks."""

    kind: str  # "name", "pronoun", "noun", "narrator", "group", "foreign" (a Latin-script name)
    character: int | None = None  # for "name"
    gender: str = ""  # from the pronoun, the noun or the verb
    noun: str = ""  # for "noun": its lemma
    rule: str = ""


@dataclass
class Remark:
    words: list[Word]
    verb: int  # index of the finite verb
    values: dict[str, str]  # the me-dictionary: a form's value tells its case
    cast: Cast

    @property
    def verb_word(self) -> str:
        return self.words[self.verb].text


def _nominative(form: str, values: dict[str, str]) -> bool:
    return values.get(form, ME_FORMS["nomn"]) == ME_FORMS["nomn"]


def senior_member(before: str, form: str, index: int | None, cast: Cast) -> int | None:
    """`старший Козельцов` is the book's `Козельцов-старший`, not the bare surname's owner (the
    younger brother); with no such form, nobody. Other words before a name change nothing."""
    word = _e(before.lower())
    if word not in SENIORITY_WORDS or " " in form:
        return index
    return cast.of_form.get(f"{form}-{word}")


def _clue_of_word(remark: Remark, word: Word, rule: str) -> Clue | None:
    """The clue one word gives as the subject, or None if it is no subject."""
    gender = _verb_gender(remark.verb_word)
    low = word.text.lower()
    if word.form:
        if not _nominative(word.form, remark.values):
            return None
        index = remark.cast.of_form.get(word.form)
        at = remark.words.index(word)
        if at:
            index = senior_member(remark.words[at - 1].text, word.form, index, remark.cast)
        return Clue("name", index, gender, rule=rule) if index is not None else Clue("group", rule=rule)
    if low in NARRATOR_WORDS:
        return Clue("narrator", rule=rule)
    if low in THIRD_PERSON_GENDER:
        return Clue("pronoun", gender=THIRD_PERSON_GENDER[low], rule=rule)
    if low in THAT_ONE_GENDER and at_end(remark, word):
        # `— Да, — отвечал тот`: the other one, not the last speaker (`тот` before its noun is no subject)
        return Clue("pronoun", gender=THAT_ONE_GENDER[low], noun="тот", rule=rule + "+that_one")
    if low in GROUP_SUBJECTS or low in ("они", "мы", "вы", "ты"):
        return Clue("group", rule=rule)
    if low in VOICE_WORDS:
        return _voice_of(remark, word, rule)
    at = remark.words.index(word)
    alone = at > remark.verb and (at + 1 == len(remark.words) or remark.words[at + 1].text in _PUNCT_STOP
                                  or _tag(remark.words[at + 1].text).POS in _NOT_A_HEAD)
    # `отвечал разжалованный)`: the clause ends on it and no comma parts it from the verb
    # (`прибавил, отвернувшись, смущенный,` describes the `он` before)
    last = (at + 1 == len(remark.words) or remark.words[at + 1].text in _PUNCT_STOP) \
        and all(w.text != "," for w in remark.words[remark.verb + 1:at])
    if INITIALS and at > remark.verb and _INITIAL.fullmatch(word.text):
        # `сказал Ш., подмигивая`: the book hides a surname behind its first letter — a name of its own
        return Clue("foreign", gender=gender, noun=word.text, rule=rule + "+initial")
    noun = _noun_subject(word.text, alone, last)
    if noun:
        lemma, noun_gender = noun
        after = remark.words[at + 1].text if at + 1 < len(remark.words) else ""
        if INITIALS and _INITIAL.fullmatch(after):  # `сказал штабс-капитан Ш.`: the rank and the initial
            return Clue("foreign", gender=gender or noun_gender, noun=after, rule=rule + "+initial")
        members = [i for f, i in remark.cast.of_form.items() if i is not None and f.endswith("-" + lemma)]
        if lemma in SENIORITY_WORDS and len(set(members)) == 1:
            return Clue("name", members[0], gender, rule=rule + "+senior")  # `отвечал старший`
        return Clue("noun", gender=gender or noun_gender, noun=lemma, rule=rule)
    if at > remark.verb and _LATIN_NAME.fullmatch(word.text):
        # `спросила Lise`, `сказала Mariette`: the names stage keeps no Latin-script names
        return Clue("foreign", gender=gender, noun=word.text, rule=rule + "+latin_name")
    if at == remark.verb + 1 and word.text[:1].isupper() and word.text[1:2].islower():
        return Clue("group", rule=rule + "+unknown_name")  # `отвечала Палаша`, not in the dictionary
    return None


_LATIN_NAME = re.compile(r"[A-Z][a-z]{2,}")
_INITIAL = re.compile(r"[А-ЯЁA-Z]")  # one capital letter: `Ш.`, `N.` (the period is a token of its own)
INITIALS = True  # round 7


def at_end(remark: Remark, word: Word) -> bool:
    """No noun of its own follows the word in its clause: `отвечал тот, …` (not `тот человек`)."""
    at = remark.words.index(word)
    if at + 1 == len(remark.words) or remark.words[at + 1].text in _PUNCT_STOP:
        return True
    tag = _tag(remark.words[at + 1].text)
    # `отвечал тот ломаным русским языком`, `ответил тот Нехлюдову`: no noun of its own follows
    return tag.POS in ("VERB", "ADVB", "GRND", "PREP", "CONJ") or tag.case not in ("nomn", None)


def _voice_of(remark: Remark, word: Word, rule: str) -> Clue | None:
    """`раздался голос матери`, `раздаются слова Грушеньки`: the owner of the voice speaks."""
    at = remark.words.index(word)
    for owner in remark.words[at + 1:at + 3]:
        if owner.form:
            index = remark.cast.of_form.get(owner.form)
            if index is None and VOICE_OWNER_LEMMA:
                index = _genitive_owner(owner.text, remark.cast)  # `речь Калинина`: Калинин's
            return Clue("name", index, rule=rule + "+voice") if index is not None else None
        for parse in parse_word(owner.text.lower()):
            if parse.tag.POS == "NOUN" and "anim" in parse.tag and parse.tag.case == "gent":
                gender = str(parse.tag.gender) if parse.tag.gender in ("masc", "femn") else ""
                return Clue("noun", gender=gender, noun=_e(parse.normal_form), rule=rule + "+voice")
        if not _is_modifier(owner.text):
            return None
    return Clue("group", rule=rule + "+voice")  # `послышался голос сзади`: nobody we know


def _genitive_owner(word: str, cast: Cast) -> int | None:
    """A name in the genitive whose nominative is a character (`Калинина` → Калинин) when the form
    itself is no key of the cast (it is also a woman's surname)."""
    for parse in parse_word(word.lower()):
        if parse.tag.POS == "NOUN" and parse.tag.case == "gent":
            found = cast.find(parse.normal_form)
            if found:
                return cast.characters.index(found)
    return None


VOICE_OWNER_LEMMA = True  # round 7


def subject_after_verb(remark: Remark) -> Clue | None:
    """`сказал Вася`, `отвечала она`, `проговорил старик`, `сказал весело фон Корен`."""
    if _verb_gender(remark.verb_word) == "plur":
        return Clue("group", rule="plural_verb")  # `говорили немцы`: several people at once
    words = remark.words
    i = remark.verb + 1
    while i < min(len(words), remark.verb + 12):
        word = words[i]
        if word.text == "," and any(_tag(w.text).POS == "GRND" for w in words[i + 1:i + 3]):
            # `сказал, приосанясь, кум`, `спросила, подходя к Нехлюдову, надзирательница`
            j = i + 1
            while j < len(words) and words[j].text not in _PUNCT_STOP:
                j += 1
            if j < len(words) and words[j].text == "," and j - i <= 10:
                i = j + 1
                continue
            return None
        if not word.form and word.text.lower() in _HONORIFICS:
            i += 1  # `спросил его г-н Полутыкин`: the honorific stands before the name
            continue
        if word.text == "г" and i + 2 < len(words) and words[i + 1].text == "." and words[i + 2].form:
            i += 2  # `грозно спросил г. Пеночкин`
            continue
        if word.text in _PUNCT_STOP:
            return None
        if not word.form and _tag(word.text).POS == "PREP":
            # `схватился опять за револьвер Петр Степанович`: the noun after a preposition is its object
            j = i + 1
            while j < len(words) and not words[j].form and _tag(words[j].text).POS in ("ADJF", "PRTF"):
                j += 1
            nominal = j < len(words) and (not words[j].form and _tag(words[j].text).POS in ("NOUN", "NPRO")
                                          or words[j].form and not _nominative(words[j].form, remark.values))
            i = j + 1 if nominal else i + 1
            continue
        clue = _clue_of_word(remark, word, "subject_after_verb")
        if clue:
            if clue.kind == "noun":  # `доктор Зальцфиш`: a name right after its title decides
                following = remark.words[remark.words.index(word) + 1:][:1]
                if following and following[0].form:
                    named = _clue_of_word(remark, following[0], "subject_after_verb")
                    if named and named.kind == "name":
                        return named
                    if TITLED_SHARED_NAME and named and _nominative(following[0].form, remark.values) \
                            and " " not in following[0].form and word.text.lower() == clue.noun:
                        # `говорил князь Василий` where `Василий` is also Денисов's name: the title and
                        # the name together are one person of their own, `князь Василий`
                        return Clue("foreign", gender=clue.gender, noun=f"{clue.noun} {following[0].form}",
                                    rule="subject_after_verb+titled_name")
            if clue.kind == "group" and word.text.lower() in _ADVERBIAL_GROUP_WORDS:
                # `протянула несколько Варвара Петровна`, `выступил всё время молчавший Маврикий
                # Николаевич`: here the word is an adverb, the name after it is the subject
                named = next((c for w in words[i + 1:i + 5] if w.form
                              and (c := _clue_of_word(remark, w, "subject_after_verb")) and c.kind == "name"), None)
                if named:
                    return named
            return clue
        if word.form and not _nominative(word.form, remark.values):
            i += 1  # `обратилась к Евгению Павловичу Лизавета Прокофьевна`: the listener, not the subject
            continue
        if word.form or not _is_modifier(word.text):
            return None
        i += 1
    return None


TITLED_SHARED_NAME = True  # round 9
_ADVERBIAL_GROUP_WORDS = frozenset({"несколько", "всё", "все"})
_HONORIFICS = frozenset({"г-н", "г-жа", "гн", "гжа"})  # господин, госпожа abbreviated
_DASHES = frozenset("—–")


def subject_before_verb(remark: Remark) -> Clue | None:
    """`Соня зарыдала`, `он медленно ответил`, `И Маша отвернулась к окну`."""
    i = remark.verb - 1
    while i >= 0:
        word = remark.words[i]
        if word.text == ",":
            # `дед, высунув голову из окна, кричал`: step over the gerund phrase
            j = i - 1
            while j >= 0 and remark.words[j].text not in _PUNCT_STOP:
                j -= 1
            if _participial(remark.words[j + 1:i]) and j >= 0 and remark.words[j].text == ",":
                i = j - 1
                continue
            return None
        if word.text in _DASHES and i > 0 and remark.words[i - 1].form:
            # `а Осип — шагал сзади, покрикивая`: a dash between a name and its verb
            return _clue_of_word(remark, remark.words[i - 1], "subject_before_verb+dash")
        if word.text in _PUNCT_STOP:
            return None
        clue = _clue_of_word(remark, word, "subject_before_verb")
        if clue:
            return clue
        if word.form or not _is_modifier(word.text):
            return None
        i -= 1
    return None


def _participial(phrase: list[Word]) -> bool:
    """A gerund or participle phrase: `высунув голову из окна`, `явно издеваясь` (an adverb before
    it), `сидя на песке` (pymorphy3 reads `сидя`, `стоя`, `молча` first as adverbs)."""
    while len(phrase) > 1 and _tag(phrase[0].text).POS == "ADVB" \
            and not any(p.tag.POS == "GRND" for p in parse_word(phrase[0].text.lower())):
        phrase = phrase[1:]  # `Боев, явно издеваясь, гнусаво заговорил`
    return bool(phrase) and any(p.tag.POS in ("GRND", "PRTF") for p in parse_word(phrase[0].text.lower())[:2])


_THIS_WAS = re.compile(r"\b[Ээ]то (?:был|была|оказался|оказалась)\s+")


def subject_this_was(remark: Remark) -> Clue | None:
    """`сказал голос ... Это был Вишнепокромов`: the remark names who it was."""
    for k, word in enumerate(remark.words[:-2]):
        if word.text.lower() == "это" and remark.words[k + 1].text in ("был", "была", "оказался", "оказалась"):
            name = remark.words[k + 2]
            if name.form and _nominative(name.form, remark.values):
                index = remark.cast.of_form.get(name.form)
                if index is not None:
                    return Clue("name", index, rule="subject_this_was")
    return None


SUBJECT_RULES: list[Callable[[Remark], Clue | None]] = [subject_this_was, subject_after_verb, subject_before_verb]


def _finite_verbs(words: list[Word]) -> list[int]:
    return [i for i, w in enumerate(words) if not w.form and w.text[:1].isalpha() and _is_finite_verb(w.text)]


def _explicit_subject(words: list[Word], verb: int) -> int | None:
    """A nominative word before the verb in its clause (`уши его услышали`): its index."""
    for i in range(verb - 1, -1, -1):
        word = words[i]
        if word.text in _PUNCT_STOP:
            return None
        if word.form or word.text.lower() in THIRD_PERSON_GENDER or word.text.lower() in NARRATOR_WORDS:
            return i
        tag = _tag(word.text)
        if tag.POS in ("NOUN", "NPRO") and tag.case == "nomn":
            return i
    return None


def read_introduction(text: str, cast: Cast, finder: Finder, values: dict[str, str]) -> Clue | None:
    """The subject of the verb that ends a sentence before `:` (`… и уши его услышали:` has none
    we know; `Самойленко … поглядел на фон Корена и забормотал:` is Самойленко's)."""
    words = remark_words(text, finder)
    verbs = _finite_verbs(words)
    for k in range(len(verbs) - 1, -1, -1):
        remark = Remark(words, verbs[k], values, cast)
        for rule in SUBJECT_RULES:
            clue = rule(remark)
            if clue:
                return clue
        # `дед приподнимал …, тыкал … и соображал:`: a verb joined to the one before shares its subject
        # (over its adverbs and objects: `… завозилась на месте и сдавленным голосом спросила`)
        i = verbs[k] - 1
        while i >= 0 and words[i].text not in _PUNCT_STOP and words[i].text.lower() not in ("и", "да") \
                and not words[i].form and _is_modifier(words[i].text):
            i -= 1
        # `Солдат поддержал товарища — вытянул руку …`: a dash joins verbs too
        joined = i >= 0 and (words[i].text in (",", *_DASHES) or words[i].text.lower() in ("и", "да"))
        if not (joined and k > 0 and _explicit_subject(words, verbs[k]) in (None, i - 1) or
                joined and k > 0 and words[i].text.lower() in ("и", "да")):
            return None
    return None


def introduces_nobody(text: str, cast: Cast, finder: Finder, values: dict[str, str]) -> bool:
    """The verb right before the colon has a subject nobody can name: `Вскоре кто-то сказал:`,
    `Мы … закричали:` (only that verb: `Дед …, глядя на стол, где все было опрокинуто, … проговорил:`
    is the дед's, whatever the clause inside says)."""
    words = remark_words(text, finder)
    verbs = _finite_verbs(words)
    if not verbs:
        return False
    remark = Remark(words, verbs[-1], values, cast)
    clue = next((c for rule in SUBJECT_RULES if (c := rule(remark))), None)
    return clue is not None and clue.kind == "group"


def read_clue(text: str, cast: Cast, finder: Finder, values: dict[str, str],
              speech_only: bool = False) -> Clue | None:
    """The subject of the first verb of a remark that has one (a verb of speech first)."""
    words = remark_words(text, finder)
    verbs = _finite_verbs(words)
    speech = [i for i in verbs if _verb_lemma(words[i].text) in SPEECH_VERBS]
    for group in (speech, [] if speech_only else [i for i in verbs if i not in speech]):
        for verb in group:
            remark = Remark(words, verb, values, cast)
            for rule in SUBJECT_RULES:
                clue = rule(remark)
                if clue:
                    if clue.kind in ("narrator", "pronoun") and _verb_lemma(words[verb].text) in HEARING_VERBS:
                        heard = next((c for w in words[verb + 1:verb + 6] if w.text.lower() in VOICE_WORDS
                                      and (c := _voice_of(remark, w, "heard_voice")) and c.kind != "group"), None)
                        return heard or clue
                    return clue
    return None


# A remark the dialogue stage left inside the speech: `Я испугалась, пролепетала Елена Ивановна, --
# теперь …`, `Чем дальше на север, говорю я, тем лучше`: a clause between commas (or before a dash,
# or at the end) that begins with a verb of speech followed by its subject.
_LEFT_CLAUSE = re.compile(r"(?:^|[,!?…]\s+)((?:[а-яё]+\s+){0,2}[а-яё]+\s+[^\s,.!?…;:—–()«»\"][^,.!?…;:—–()«»\"]{0,40}?)"
                          r"(?=(\s*,\s*(?:--|—|–)|\s*,\s|\s*[.!?…]*\s*$))")
# `…, — серьезно, но с чрезвычайною готовностью ответил мистер Астлей.`: a comma and a dash, then a
# lower-case clause up to the end of the sentence or the next dash — the remark's own typography
_DASH_REMARK = re.compile(r"[,!?…]\s*(?:--|—|–)\s+([а-яё][^.!?…—–«»()\"]{0,100}?)(?=\s*(?:[.!?…]|,?\s*(?:--|—|–)|$))")
_QUOTED_OR_ASIDE = re.compile(r"«[^»]*»|„[^“]*“|\([^)]*\)")
_FIRST_PERSON_REMARK = re.compile(r"^(?:говорю|скажу|отвечаю|спрашиваю|кричу|шепчу|повторяю|продолжаю)\s+я$")


def read_left_remark(text: str, cast: Cast, finder: Finder, values: dict[str, str]) -> Clue | None:
    """The speaker named by a remark left inside the speech: the verb of speech comes first (among
    its first three words) and its subject after it, as in every remark and almost no speech."""
    for match in _LEFT_CLAUSE.finditer(text):
        clause = match.group(1).strip()
        if _FIRST_PERSON_REMARK.match(clause):
            return Clue("narrator", rule="left_remark")
        if match.group(2).strip() == ",":
            continue  # `, сказал он тебе, что …` may be speech; a remark ends at a dash or the end
        words = remark_words(clause, finder)
        verbs = [i for i in _finite_verbs(words[:3]) if _verb_lemma(words[i].text) in REMARK_VERBS]
        if not verbs:
            continue
        clue = subject_after_verb(Remark(words, verbs[0], values, cast))
        if clue and clue.kind in ("name", "pronoun", "noun", "foreign"):
            return Clue(clue.kind, clue.character, clue.gender, clue.noun, rule="left_remark")
    for match in _DASH_REMARK.finditer(_QUOTED_OR_ASIDE.sub(" ", text)):  # not `«…, – говорит Коробочка, –»`
        words = remark_words(match.group(1), finder)
        verbs = [i for i in _finite_verbs(words) if _verb_lemma(words[i].text) in REMARK_VERBS]
        clue = subject_after_verb(Remark(words, verbs[0], values, cast)) if verbs else None
        if clue and clue.kind in ("name", "noun", "foreign"):
            return Clue(clue.kind, clue.character, clue.gender, clue.noun, rule="left_remark_dash")
    return None


_VOCATIVE_BEFORE = re.compile(r"(?:^|[,!?.…]\s*|\b(?:ах|ох|эх|ну|о|эй|ай)\s+)$", re.IGNORECASE)
_VOCATIVE_AFTER = re.compile(r"^\s*(?:[,!?.…)»]|$)")


def addressed(text: str, finder: Finder, cast: Cast, values: dict[str, str]) -> list[int]:
    """Characters a speech calls by name: `Ах, Павел Иванович!`, `Сашка! Погубил ты меня`."""
    found = []
    for start, stop, form in finder.find(text):
        index = cast.of_form.get(form)
        if index is not None and _nominative(form, values) and _VOCATIVE_BEFORE.search(text[:start]) \
                and _VOCATIVE_AFTER.match(text[stop:]):
            found.append(index)
    return found


def listeners(text: str, finder: Finder, cast: Cast, values: dict[str, str]) -> list[int]:
    """Characters a remark names in another case than the nominative: `спросил у Гаврилы`."""
    return [i for _, _, form in finder.find(text)
            if (i := cast.of_form.get(form)) is not None and not _nominative(form, values)]


_TO_ME = re.compile(r"(?<![а-яё])(?=([а-яё]+)\s+(?:[а-яё]+\s+)?(?:ко\s+)?(?:мне|меня)\b)", re.IGNORECASE)


def speaks_to_me(text: str) -> bool:
    """`спросил меня:`, `сказала мне, как старому знакомому:`, `обратился он ко мне`: a verb of speech
    whose listener is `мне`/`меня` — the narrator is spoken to (`подавая мне колосья` is not speech)."""
    return any(_verb_lemma(m.group(1)) in REMARK_VERBS for m in _TO_ME.finditer(_QUOTED_OR_ASIDE.sub("", text)))

