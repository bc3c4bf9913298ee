"""Who says each replica (FORMAT.md §8): the text functions of the `speakers` stage.

    from dataset_tools.speakers import Replica          # the rules of one replica: this module
    from dataset_tools.attribution import attribute     # a whole book: attribution.py

How a replica gets its speaker (docs/speakers.md), the first that answers wins:
1. `play`: the heading of a play names the speaker.
2. `named`: a remark's subject is a name (`сказал Базаров`, `отвечала княгиня Марья`); the
   dictionary form maps to its character (characters.py).
3. `pronoun`: the subject is `он`/`она`, a noun (`проговорил старик`, `спросил доктор`) or `я`
   (the narrator `рассказчик`); resolved to the most recent character of that gender (or seen
   with that noun) in the narration just before, else in the dialogue.
4. `turn`: no speaker in the remarks. A narration paragraph ending in `:` introduces the speaker
   (`Самойленко ... забормотал:`); else in an exchange of two the speakers alternate.
Nothing fits: the speaker stays empty. A wrong speaker is worse than none.

SUBJECT_RULES (remarks.py) read one remark, RESOLVE_RULES turn a clue into a character, TURN_RULES work
without a remark; each is a small named function and the lists give their order.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from .characters import NARRATOR, Cast
from .formats import Segment
from .nlp import parse_word
from .remarks import GENERIC_PERSONS, Clue, Finder, _e, introduces_nobody, read_introduction


@dataclass
class Replica:
    segments: list[Segment]
    narration: list[str] = field(default_factory=list)  # narration paragraphs just before it
    first: bool = False  # the first replica of its dialogue
    play: str = ""  # the play heading's speaker, if any
    paragraph: str = ""  # the book's paragraph of the replica (its remark may end in `сказал:`)


# ---------------------------------------------------------------- context and resolution

@dataclass
class Context:
    """What came before a replica in text order: (character, as what) events."""

    cast: Cast
    genders: list[str]
    nouns: dict[str, Counter]  # noun lemma -> characters seen right after it (`князь Андрей`)
    narration: list[list[int]] = field(default_factory=list)  # characters named, per narration paragraph
    speakers: list[int | None] = field(default_factory=list)  # per replica of the dialogue so far
    mentions: list[list[int]] = field(default_factory=list)  # characters named in each replica's remarks
    before: list[list[int]] = field(default_factory=list)  # narration just before each replica
    has_narration: bool = False  # narration stands between this replica and the previous one
    texts: list[str] = field(default_factory=list)  # narration and remarks so far
    addressees: list[list[int]] = field(default_factory=list)  # spoken to, per replica
    called: list[list[int]] = field(default_factory=list)  # called by name in the speech, per replica
    started_by_call: set[int] = field(default_factory=set)  # answered only as the one called before
    exchange_start: int = 0  # where the current exchange began (narration brought in someone new)
    finder: Finder | None = None
    values: dict[str, str] = field(default_factory=dict)
    first_person: bool = False  # some remark of the book says `сказал я`
    # `господина` -> ("господин", "masc"): a noun speaker; `князя` -> ("князь", "", index): a title
    noun_forms: dict[str, tuple] = field(default_factory=dict)


def _is_narrator(ctx: Context, index: int) -> bool:
    return ctx.cast.characters[index].name == NARRATOR  # with forms: the name others call them by


def _fits(ctx: Context, index: int, gender: str) -> bool:
    """May `он`/`она`/`старик` of that gender be this character? Never the narrator, who is `я`,
    nor the one this replica speaks to (`закричала она Зине`, `— Митя, Митя… — начала она`)."""
    if _is_narrator(ctx, index) or (ctx.addressees and index in ctx.addressees[-1]):
        return False
    have = ctx.genders[index]
    return not gender or gender == "plur" or not have or have == gender


def _recent(ctx: Context, gender: str, exclude: int | None, narration_only: bool) -> int | None:
    """The most recent character of that gender: first the narration just before, then the dialogue."""
    for index in reversed(ctx.before[-1] if ctx.before else []):
        if _fits(ctx, index, gender):
            return index
    if narration_only:
        return None
    if ctx.has_narration and exclude is not None and _fits(ctx, exclude, gender):
        return exclude  # narration about the last speaker names nobody else: they go on
    for position in range(len(ctx.speakers) - 2, -1, -1):
        candidates = [ctx.speakers[position]] + list(reversed(ctx.mentions[position])) \
            + list(reversed(ctx.before[position]))
        for index in candidates:
            if index is not None and index != exclude and _fits(ctx, index, gender):
                return index
    return None


def resolve_name(clue: Clue, ctx: Context) -> int | None:
    return clue.character if clue.kind == "name" else None


def resolve_foreign(clue: Clue, ctx: Context) -> int | None:
    """`спросила Lise`: a Latin-script name the dictionary lacks is a character of its own."""
    return _noun_character(ctx, clue.noun, clue.gender) if clue.kind == "foreign" else None


def resolve_narrator(clue: Clue, ctx: Context) -> int | None:
    return _narrator(ctx.cast, ctx) if clue.kind == "narrator" else None


def resolve_pronoun(clue: Clue, ctx: Context) -> int | None:
    """`сказал он`: the last man named in the narration just before, else the last man of the
    dialogue other than the one who spoke last (in a dialogue people take turns)."""
    if clue.kind != "pronoun" and not (clue.kind == "noun" and clue.noun in GENERIC_PERSONS):
        return None
    previous = ctx.speakers[-2] if len(ctx.speakers) > 1 else None
    for index in reversed(ctx.before[-1] if ctx.before else []):
        if _fits(ctx, index, clue.gender) and not (clue.noun == "тот" and index == previous):
            return index
    if clue.noun == "тот":
        return _that_one(ctx, clue.gender, previous)
    if len(ctx.addressees) > 1:
        for index in ctx.addressees[-2]:
            if index != previous and _fits(ctx, index, clue.gender):
                return index
    return _recent(ctx, clue.gender, previous, narration_only=False)


def _that_one(ctx: Context, gender: str, previous: int | None) -> int | None:
    """`— …? — спросил он вдруг Николая Парфеновича. — О, сколько угодно, — ответил тот`: the one
    spoken to, else the one the last remark named (`…нашу бедную Прасковью Ивановну` → `пробормотала
    та`), else the other speaker of the exchange; never the last speaker; nobody if unsure."""
    if len(ctx.addressees) > 1:
        for index in ctx.addressees[-2]:
            if index != previous and _fits(ctx, index, gender):
                return index
    if len(ctx.mentions) > 1:
        for index in reversed(ctx.mentions[-2]):
            if index != previous and _fits(ctx, index, gender):
                return index
    known = {s for s in ctx.speakers[ctx.exchange_start:-1] if s is not None} - {previous}
    fitting = [i for i in known if _fits(ctx, i, gender)]
    return fitting[0] if len(fitting) == 1 else None


def resolve_noun(clue: Clue, ctx: Context) -> int | None:
    """`спросил доктор`: a character seen with that noun (`доктор Зальцфиш`), the most recent one
    if there are several; a noun never seen with a name is a character of its own (`ямщик`)."""
    if clue.kind != "noun":
        return None
    if clue.noun in GENERIC_PERSONS:  # `сказала дама` with no woman before: the lady is a character
        return _noun_character(ctx, clue.noun, clue.gender)
    # `сказал мне батюшка`: a noun is never the narrator, who is `я` (`батюшка Петр Андреич` in the speech)
    # None counts the times the noun stood before a name in another case (`мать Людмилы`): nobody's title
    seen = Counter({i: n for i, n in ctx.nouns.get(clue.noun, Counter()).items()
                    if i is None or not _is_narrator(ctx, i)})
    if seen:
        # the dialogue or the narration before it said `доктор Зальцфиш`: that doctor
        recent = learn_nouns(ctx.texts, ctx.finder, ctx.cast, ctx.values).get(clue.noun, Counter())
        here = [i for i in seen if i is not None and i in recent]
        if len(here) == 1:
            return here[0]
        total = sum(seen.values())
        best, count = seen.most_common(1)[0]
        if not here and best is not None and count >= 0.75 * total and total >= 2:
            return best
    else:
        # `— Здравствуйте, Пётр Иванович! — … — старик отложил сеть`: the one spoken to answers
        previous = ctx.speakers[-2] if len(ctx.speakers) > 1 else None
        for index in ctx.addressees[-2] if len(ctx.addressees) > 1 else []:
            if index != previous and _fits(ctx, index, clue.gender) and not _other_noun(ctx, index, clue.noun):
                return index
    return _noun_character(ctx, clue.noun, clue.gender)


def _other_noun(ctx: Context, index: int, noun: str) -> bool:
    """A character known only by another noun: `спросил он у англичанина` → `сказал генерал` is no Englishman."""
    character = ctx.cast.characters[index]
    return not character.forms and character.name != noun


RESOLVE_RULES: list[Callable[[Clue, Context], int | None]] = [
    resolve_name, resolve_foreign, resolve_narrator, resolve_pronoun, resolve_noun]


def _narrator(cast: Cast, ctx: Context) -> int:
    return _noun_character(ctx, NARRATOR, "")


def _noun_character(ctx: Context, noun: str, gender: str) -> int:
    """A character known only by a common noun (`ямщик`, `дед`) or the narrator."""
    from .characters import Character

    for index, character in enumerate(ctx.cast.characters):
        if character.name == noun and (not character.forms or noun == NARRATOR):
            return index
    ctx.cast.characters.append(Character(noun, gender))
    ctx.genders.append(gender)
    return len(ctx.cast.characters) - 1


def resolve(clue: Clue | None, ctx: Context) -> int | None:
    if clue is None or clue.kind == "group":
        return None
    for rule in RESOLVE_RULES:
        index = rule(clue, ctx)
        if index is not None:
            return index
    return None


# ---------------------------------------------------------------- turns

_LAST_SENTENCE = re.compile(r"(?:^|[.!?…]\s+)([^.!?…]*):\s*[»\"]?\s*$")


def introduced_by(text: str) -> str | None:
    """The sentence of a paragraph that ends in `:` and so introduces the next replica."""
    match = _LAST_SENTENCE.search(text.strip())
    return match.group(1) if match else None


def introduced_by_nobody(replica: Replica, ctx: Context) -> bool:
    """`Вскоре кто-то сказал:`, `Мы … закричали:`: the narration introduces a speaker nobody can
    name, so no turn rule may guess one."""
    sentence = introduced_by(replica.narration[-1]) if replica.narration else None
    return bool(sentence) and introduces_nobody(sentence, ctx.cast, ctx.finder, ctx.values)


def turn_introduced(ctx: Context, replica: Replica, previous: Replica | None, read) -> int | None:
    """`Самойленко ... забормотал:` or a previous replica whose words end `... и он ответил:`."""
    sources = replica.narration[-1:] if replica.narration else []
    cut_colon = False
    if not sources and previous is not None and previous.segments:
        last = previous.segments[-1]
        # the dialogue stage drops the colon of `… Промтов поклонился ей и просительно сказал:`
        cut_colon = last.remark and previous.paragraph.rstrip().endswith(":") and not last.text.endswith(":")
        sources = [last.text + ":" if cut_colon else last.text]
    for text in sources:
        sentence = introduced_by(text)
        if sentence:
            clue = read_introduction(sentence, ctx.cast, ctx.finder, ctx.values)
            if cut_colon and (clue is None or clue.kind not in ("name", "noun", "foreign")):
                continue  # `говорил я, а она, лёжа…, просила:`: only a name or a noun is sure enough
            index = resolve(clue, ctx)
            if index is not None:
                return index
    return None


def turn_alternation(ctx: Context, replica: Replica, previous: Replica | None, read) -> int | None:
    """In an exchange of two the speakers take turns: A, B, A, B."""
    known = [s for s in ctx.speakers[ctx.exchange_start:-1] if s is not None]
    if not ctx.speakers[:-1] or ctx.speakers[-2] is None or len(ctx.speakers) - 2 in ctx.started_by_call:
        return None  # the one called answered, but who called is unknown: no pair to take turns
    last = ctx.speakers[-2]
    other = next((s for s in reversed(known) if s != last), None)
    if other is None:
        other = _partner(ctx, last)
    if other is None:
        return None
    if len(set(known[-4:]) - {last, other}):
        return None  # three people spoke lately: not an exchange of two
    if set(ctx.before[-1]) - {last, other}:
        return None  # the narration between brings in someone else
    return other


def _partner(ctx: Context, last: int) -> int | None:
    """The other person of an exchange whose second speaker no remark names: the one other person
    the narration of this exchange names (`я увидал Капитолину …` before `— Сашка! Погубил ты меня`),
    the narrator only if nobody else is named."""
    named = {i for position in range(ctx.exchange_start, len(ctx.before)) for i in ctx.before[position]}
    named |= {i for i in ctx.addressees[-2] if i != last} if len(ctx.addressees) > 1 else set()
    named.discard(last)
    narrator = {i for i in named if _is_narrator(ctx, i)}
    if not ctx.first_person:
        named -= narrator  # `я` in the narration of a third-person book is someone's quoted words
    elif named - narrator:
        named -= narrator
    return named.pop() if len(named) == 1 else None


def turn_addressee(ctx: Context, replica: Replica, previous: Replica | None, read) -> int | None:
    """`— Проходи, Сашок, …` or `спросил Челкаш у Гаврилы`: the one spoken to answers."""
    if len(ctx.addressees) < 2:
        return None
    if ctx.speakers[-2] is None:
        # round 6: `— … вы не поверите, Клиневич, … — Ну да, ну да, …` — the one called answers even
        # when nobody knows who called, if nothing stands between
        if ctx.has_narration or not ctx.called[-2] or _names_only(previous):
            return None
        ctx.started_by_call.add(len(ctx.speakers) - 1)
        return ctx.called[-2][0]
    for index in ctx.addressees[-2]:
        if index != ctx.speakers[-2]:
            if _is_narrator(ctx, index) and (ctx.has_narration or not _asks(previous)):
                # `— Отвечай прямо. Я смутился…` — the narrator's pause, the other goes on; and only
                # a question to the narrator is sure to get the narrator's answer (not a long story)
                return None
            return index
    return None


def _asks(replica: Replica | None) -> bool:
    speech = [s.text for s in replica.segments if not s.remark] if replica else []
    return bool(speech) and speech[-1].rstrip(" .…»").endswith("?")


def _names_only(replica: Replica | None) -> bool:
    """`— Костанжогло.` — a short replica ending in a full stop answers `как вас зовут?`: it names
    someone without calling them."""
    speech = " ".join(s.text for s in replica.segments if not s.remark).strip() if replica else ""
    return speech.endswith(".") and not speech.endswith("..") and len(speech.split()) <= 3


_SILENT = re.compile(r"\b(?:(?:про)?молчал[аи]?|не отвечал[аи]?|ничего не ответил[аи]?)\b", re.IGNORECASE)
_SILENT_SUBJECT = re.compile(r"\b(он|она)\b[^.!?…;:]{0,40}$", re.IGNORECASE)


def turn_other_silent(ctx: Context, replica: Replica, previous: Replica | None, read) -> int | None:
    """`— Скажи мне одно слово! — сказал Андрий… Но она молчала… — Отчего же ты так печальна?`:
    the narration between says the other one kept silent, so the last speaker goes on."""
    if not replica.narration or len(ctx.speakers) < 2 or ctx.speakers[-2] is None \
            or replica.narration[-1].rstrip().endswith(":"):
        return None  # `Ганя с минуту молчал …, но вдруг воскликнул:` — the silent one speaks now
    last = ctx.speakers[-2]
    for sentence in re.split(r"(?<=[.!?…])\s+", " ".join(replica.narration)):
        match = _SILENT.search(sentence)
        if not match:
            continue
        before = sentence[:match.start()]
        named = [i for _, _, f in ctx.finder.find(before) if (i := ctx.cast.of_form.get(f)) is not None] \
            or _nouns_named(ctx, before)  # `Наш пекарь не отвечал, быстро работая лопатой`
        pronoun = _SILENT_SUBJECT.search(before)
        if named:
            silent_other = named[-1] != last
        elif pronoun:
            gender = "femn" if pronoun.group(1).lower() == "она" else "masc"
            silent_other = bool(ctx.genders[last]) and ctx.genders[last] != gender
        else:
            silent_other = False
        return last if silent_other and set(ctx.before[-1]) <= {last} | set(named) else None
    return None


def _nouns_named(ctx: Context, text: str) -> list[int]:
    """The characters known by a noun (`пекарь`, `князь`) that a text names, in its order."""
    found = []
    for word in re.findall(r"[А-Яа-яЁё-]+", text):
        noun = ctx.noun_forms.get(_e(word.lower()))
        if noun is None:
            continue
        if len(noun) > 2:
            found.append(noun[2])
        else:
            found.extend(i for i, c in enumerate(ctx.cast.characters) if c.name == noun[0] and not c.forms)
    return found


TURN_RULES = [turn_introduced, turn_other_silent, turn_addressee, turn_alternation]


NOUN_CASE_AGREES = True  # round 9: `казак Долохова` is Dolokhov's Cossack, not a Cossack called Долохов
_VALUE_CASES = {"я": {"nomn"}, "меня": {"gent", "accs"}, "мне": {"datv", "loct"}, "мной": {"ablt"}, "мною": {"ablt"}}


def learn_nouns(paragraphs: list[str], finder: Finder, cast: Cast,
                values: dict[str, str] | None = None) -> dict[str, Counter]:
    """Nouns seen right before a name (`князь Андрей`, `доктор Зальцфиш`, `зоолог фон Корен`). With `values`
    (the me-dictionary), the noun must agree with the name in case: `стоял казак Долохова` is Dolokhov's
    Cossack (`казак` nominative, `Долохова` genitive), and `сказал казак` is not Долохов."""
    nouns: dict[str, Counter] = defaultdict(Counter)
    for text in paragraphs:
        for start, _, form in finder.find(text):
            index = cast.of_form.get(form)
            if index is None:
                continue
            match = re.search(r"(?:([а-яё]+)\s+)?([а-яё]+)\s+$", text[max(0, start - 40):start])
            if match:
                cases = _VALUE_CASES.get((values or {}).get(form, "").lower()) if NOUN_CASE_AGREES else None
                for parse in parse_word(match.group(2))[:1]:
                    if parse.tag.POS == "NOUN" and "anim" in parse.tag:
                        agrees = cases is None or parse.tag.case in cases or parse.tag.case is None
                        if agrees:
                            nouns[_e(parse.normal_form)][index] += 1
                        else:  # `мать Людмилы`: seen before a name, as nobody's title (key None)
                            nouns[_e(parse.normal_form)][None] += 1
                        if parse.tag.case == "gent" and match.group(1):
                            # `товарищ прокурора Полуградов`: the head of a two-word title is his too
                            head = parse_word(match.group(1))[0]
                            if head.tag.POS == "NOUN" and "anim" in head.tag and head.tag.case == "nomn" \
                                    and (cases is None or "nomn" in cases):
                                nouns[_e(head.normal_form)][index] += 1
    return dict(nouns)
