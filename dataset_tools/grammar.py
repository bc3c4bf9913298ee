"""Russian grammar for both stages: the one home of every grammar table (cases, preposition ->
cases, personal and possessive forms, UD <-> pymorphy3 maps, abbreviations, hyphenated
particles), and the helpers built on them: pronoun forms, prepositions, verb agreement.
Other modules import these tables; a copy elsewhere would drift (tests/test_grammar.py).

    from dataset_tools.grammar import personal_pronoun, possessive_pronoun, agree_verb, preposition_before
    personal_pronoun("me", "datv")                        -> "мне"
    possessive_pronoun("ti", "loct", "femn", "sing")      -> "твоей"
    agree_verb("идёт", "me")                              -> "иду"
    preposition_before("к", "me", "datv")                 -> "ко"

Cases are pymorphy3 grammemes (nomn gent datv accs ablt loct); natasha's UD names
(Nom Gen ...) are mapped with `case_from_ud`. Pure functions; pymorphy3 parses are cached
by `nlp.parse_word`. The cases a word can be in: `word_cases`; a person's name form:
`names.forms.name_cases`.
"""
from __future__ import annotations

import re

from . import nlp

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

# FORMAT.md §6: им. я/ты; род., вин. меня/тебя; дат., предл. мне/тебе; твор. мной/тобой.
PERSONAL = {
    "me": {"nomn": "я", "gent": "меня", "accs": "меня", "datv": "мне", "loct": "мне", "ablt": "мной"},
    "ti": {"nomn": "ты", "gent": "тебя", "accs": "тебя", "datv": "тебе", "loct": "тебе", "ablt": "тобой"},
}
# Older spellings a user may type into a dictionary; they count as the same forms.
PERSONAL_VARIANTS = {"me": {"мною": "ablt"}, "ti": {"тобою": "ablt"}}

# natasha (Universal Dependencies) features <-> pymorphy3 grammemes.
UD_TO_CASE = {"Nom": "nomn", "Gen": "gent", "Par": "gent", "Dat": "datv", "Acc": "accs",
              "Ins": "ablt", "Loc": "loct", "Voc": "nomn"}
CASE_TO_UD = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins", "loct": "Loc",
              "voct": "Nom", "gen2": "Gen", "loc2": "Loc", "acc2": "Acc"}
UD_GENDER = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
# pymorphy3's secondary cases (vocative, partitive, second locative and accusative) as the six.
PYMORPHY_CASES = {"nomn": "nomn", "voct": "nomn", "gent": "gent", "gen2": "gent", "datv": "datv",
                  "accs": "accs", "acc2": "accs", "ablt": "ablt", "loct": "loct", "loc2": "loct"}
# pymorphy3 grammemes of a word natasha misread, as natasha's features.
PYMORPHY_TO_UD = {"past": ("Tense", "Past"), "pres": ("Tense", "Pres"), "futr": ("Tense", "Fut"),
                  "1per": ("Person", "1"), "2per": ("Person", "2"), "3per": ("Person", "3"),
                  "sing": ("Number", "Sing"), "plur": ("Number", "Plur"), "masc": ("Gender", "Masc"),
                  "femn": ("Gender", "Fem"), "neut": ("Gender", "Neut"), "indc": ("Mood", "Ind"),
                  "impr": ("Mood", "Imp")}

# Abbreviations whose dot ends no sentence (`г. Лаевский`, `т. е.`, `Mr. Astley`).
ABBREVIATIONS = frozenset({"г", "гг", "т", "е", "д", "ср", "см", "ст", "св", "им", "ул", "пр", "кн", "гр",
                           "m", "mr", "mrs"})

# Particles glued to a word with a hyphen (`Петя-то`, `Маша-ка`, `Ваня-ко`, `да-с`): not part of a name.
PARTICLE_SUFFIXES = ("то", "от", "ка", "ко", "де", "с", "таки", "ста")
PARTICLE_SUFFIX_RE = re.compile(r"-(?:" + "|".join(PARTICLE_SUFFIXES) + r")$", re.IGNORECASE)

# The closed class of question words: interrogative pronouns and adverbs, and the question particles
# (`разве`, `неужели`, `ли`). A language fact; each user takes the words it needs from it.
QUESTION_WORDS = frozenset({"кто", "что", "где", "куда", "откуда", "когда", "зачем", "почему", "отчего", "как",
                            "какой", "какая", "какое", "какие", "каков", "сколько", "чей", "чья", "чьё", "чье", "чьи",
                            "разве", "неужели", "неужто", "ужели", "ужель", "ли"})

# Possessive мой/твой: endings after the stems мо-/тво-, by case and gender/number.
_POSS_ENDINGS = {
    ("nomn", "masc"): "й", ("nomn", "femn"): "я", ("nomn", "neut"): "ё", ("nomn", "plur"): "и",
    ("gent", "masc"): "его", ("gent", "femn"): "ей", ("gent", "neut"): "его", ("gent", "plur"): "их",
    ("datv", "masc"): "ему", ("datv", "femn"): "ей", ("datv", "neut"): "ему", ("datv", "plur"): "им",
    ("accs", "masc"): "й", ("accs", "femn"): "ю", ("accs", "neut"): "ё", ("accs", "plur"): "и",
    ("ablt", "masc"): "им", ("ablt", "femn"): "ей", ("ablt", "neut"): "им", ("ablt", "plur"): "ими",
    ("loct", "masc"): "ём", ("loct", "femn"): "ей", ("loct", "neut"): "ём", ("loct", "plur"): "их",
}
_POSS_STEMS = {"me": "мо", "ti": "тво"}
POSSESSIVE = {person: {stem + ending for ending in _POSS_ENDINGS.values()} | {stem + "ею"}
              for person, stem in _POSS_STEMS.items()}
for _person, _stem in _POSS_STEMS.items():  # ё may be written е: моё/мое, твоём/твоем
    POSSESSIVE[_person] |= {w.replace("ё", "е") for w in POSSESSIVE[_person]}

# Prepositions that take -о before a 1st-person pronoun (ко мне, со мной, обо мне, во мне,
# надо мной, подо мной, передо мной, предо мной) and lose it before the 2nd person (к тебе, о тебе).
_O_FORMS = {"к": ("ко", {"datv"}), "с": ("со", {"ablt"}), "о": ("обо", {"loct"}),
            "в": ("во", {"loct"}), "над": ("надо", {"ablt"}), "под": ("подо", {"ablt"}),
            "перед": ("передо", {"ablt"}), "пред": ("предо", {"ablt"})}
_BARE = {"ко": "к", "со": "с", "обо": "о", "об": "о", "во": "в", "надо": "над", "подо": "под",
         "передо": "перед", "предо": "пред"}

# Cases a preposition governs when a person follows it: the pronoun after it must be in one of
# them (`над Элен` -> надо мной, `согласно Ивану` -> согласно мне). The one table of both stages.
PREPOSITION_CASES: dict[str, frozenset] = {
    **{p: frozenset({"gent"}) for p in (
        "у", "от", "ото", "для", "без", "безо", "до", "из", "изо", "после", "кроме", "около", "возле",
        "мимо", "против", "вместо", "среди", "подле", "вокруг", "ради", "из-за", "из-под", "насчёт", "насчет",
        "вроде", "позади", "впереди", "напротив", "близ", "вне", "внутри", "сзади")},
    **{p: frozenset({"datv"}) for p in ("к", "ко", "благодаря", "согласно", "навстречу", "вопреки", "подобно")},
    **{p: frozenset({"accs"}) for p in ("про", "через", "чрез", "сквозь")},
    **{p: frozenset({"ablt", "gent"}) for p in ("с", "со")},
    **{p: frozenset({"loct", "accs"}) for p in ("о", "об", "обо", "в", "во", "на")},
    **{p: frozenset({"ablt", "accs"}) for p in ("за", "под", "подо")},
    # над + accusative (`над себя`) is archaic: a person after над is in the instrumental
    **{p: frozenset({"ablt"}) for p in ("над", "надо", "перед", "передо", "пред", "предо", "между", "меж")},
    "при": frozenset({"loct"}), "по": frozenset({"datv", "loct", "accs"}),
}


def case_from_ud(ud_case: str | None) -> str | None:
    """natasha's Case feature (Nom, Gen, …) as a pymorphy3 case (nomn, gent, …)."""
    return UD_TO_CASE.get(ud_case or "")


def personal_pronoun(person: str, case: str) -> str:
    return PERSONAL[person][case]


def pronoun_case(person: str, word: str) -> str | None:
    """The case of a standard personal form (`мне` -> 'datv'; `меня` -> 'gent'), else None."""
    word = word.lower()
    for case, form in PERSONAL[person].items():
        if form == word:
            return case
    return PERSONAL_VARIANTS[person].get(word)


def possessive_pronoun(person: str, case: str, gender: str, number: str, animate: bool = False) -> str:
    """мой/твой agreeing with a noun: case (pymorphy), gender masc/femn/neut, number sing/plur."""
    key = "plur" if number == "plur" else (gender if gender in ("masc", "femn", "neut") else "masc")
    if case == "accs" and key in ("masc", "plur") and animate:
        case = "gent"  # вижу моего брата, моих братьев
    return _POSS_STEMS[person] + _POSS_ENDINGS[(case if case in CASES else "nomn", key)]


def is_possessive_pronoun(person: str, word: str) -> bool:
    return word.lower() in POSSESSIVE[person]


def bare_preposition(preposition: str) -> str | None:
    """The plain form of `со`, `ко`, `во`, `обо`, `об`… (before мой/твой: `со стороны Маши` ->
    `с моей стороны`), in the same letter case; None for any other word."""
    bare = _BARE.get(preposition.lower())
    return match_case(preposition, bare) if bare else None


def preposition_before(preposition: str, person: str, case: str) -> str:
    """The preposition's spelling before the pronoun of `person` in `case`:
    к + мне -> ко; с + мной -> со; об + мне -> обо; ко + тебе -> к; с + меня stays с."""
    lower = preposition.lower()
    bare = _BARE.get(lower, lower)
    if person == "me" and bare in _O_FORMS and case in _O_FORMS[bare][1]:
        return match_case(preposition, _O_FORMS[bare][0])
    return match_case(preposition, bare)


def match_case(model: str, word: str) -> str:
    """`word` capitalised like `model` (Ко мне at a sentence start, ко мне inside)."""
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def word_cases(form: str) -> set[str]:
    """Cases pymorphy3 allows for a word (or words: where all agree), singular, animate readings;
    the cases a title or a noun next to a name can be in. For a name form, see names.name_cases.

    Unknown, Latin-script and indeclinable words allow every case: their case comes only from
    the context (`к Элен` -> Dat).
    """
    allowed = set(CASES)
    for word in form.split():
        cases = _one_word_cases(word)
        if cases:
            allowed &= cases
    return allowed or set(CASES)


def _one_word_cases(word: str) -> set[str]:
    parses = nlp.parse_word(word)
    if not parses:
        return set(CASES)
    best = max(parses, key=lambda p: p.score)
    if "Fixd" in best.tag or "LATN" in best.tag:  # Элен, Самойленко, Blanche
        return set(CASES)
    # readings that can name a person: animate nouns, adjectival surnames (Лаевский, Толстой);
    # a word with none (Кити read as the noun «кить») is an unknown name: any case
    personal = [p for p in parses if p.tag.case and "plur" not in p.tag
                and ("anim" in p.tag or p.tag.POS == "ADJF" and "inan" not in p.tag)]
    return {PYMORPHY_CASES[p.tag.case] for p in personal if p.tag.case in PYMORPHY_CASES} or set(CASES)


def past_singular(word: str, gender: str) -> str | None:
    """A plural past verb in the singular of gender (`masc`, `femn`), else None: the plural of respect of one
    person, once the name is я/ты (`Макар Алексеевич остались` -> `я остался`, `Марья Ивановна изволили` ->
    `я изволила`)."""
    for parse in nlp.parse_word(word.lower()):
        if parse.tag.POS == "VERB" and "past" in parse.tag and "plur" in parse.tag:
            inflected = parse.inflect({"sing", gender})
            if inflected:
                return match_case(word, inflected.word)
    return None


def agree_verb(word: str, person: str, plural: bool = False) -> str | None:
    """A 3rd-person singular present/future verb in the 1st (me) or 2nd (ti) person, else None.

    `идёт` -> `иду` / `идёшь`; `будет` -> `буду` / `будешь`; past tense and other forms -> None.
    With `plural`, a 3rd-person plural too (the plural of respect: `Евгений Федорыч говорят` ->
    `я говорю`).
    """
    target = "1per" if person == "me" else "2per"
    if word.lower() in ("есть", "суть"):
        return None  # `У нас Маша есть` -> `У нас я есть`: the present of быть does not agree (not `есмь`)
    for parse in nlp.parse_word(word.lower()):
        tag = parse.tag
        if tag.POS == "VERB" and "3per" in tag and ("sing" in tag or plural and "plur" in tag) \
                and tag.tense in ("pres", "futr"):
            inflected = parse.inflect({target, "sing"})
            if inflected:
                return match_case(word, inflected.word)
    return None
