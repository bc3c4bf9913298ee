"""Who says each replica (FORMAT.md §8): the text functions of the `speakers` stage.

    from dataset_tools.speakers import Replica, attribute
    replicas = [Replica(segments, narration_before, first_of_dialogue), ...]
    answers = attribute([replicas], cast, finder, values, nouns)   # [[("Базаров", "named"), ("", ""), …]]

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
from .names.forms import WORD_RE
from .nlp import parse_word
from .remarks import (_FIRST_PERSON, GENERIC_PERSONS, Clue, Finder, _e, addressed, listeners, read_clue,
                      read_introduction, read_left_remark)


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
    exchange_start: int = 0  # where the current exchange began (narration brought in someone new)
    finder: Finder | None = None
    values: dict[str, str] = field(default_factory=dict)
    first_person: bool = False  # some remark of the book says `сказал я`
    # `господина` -> ("господин", "masc"): a noun speaker; `князя` -> ("князь", "", index): a title
    noun_forms: dict[str, tuple] = field(default_factory=dict)


def _is_narrator(ctx: Context, index: int) -> bool:
    character = ctx.cast.characters[index]
    return character.name == NARRATOR and not character.forms


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
    seen = ctx.nouns.get(clue.noun)
    if seen:
        # the dialogue or the narration before it said `доктор Зальцфиш`: that doctor
        recent = learn_nouns(ctx.texts, ctx.finder, ctx.cast).get(clue.noun, Counter())
        here = [i for i in seen if i in recent]
        if len(here) == 1:
            return here[0]
        total = sum(seen.values())
        best, count = seen.most_common(1)[0]
        if not here and count >= 0.75 * total and total >= 2:
            return best
    else:
        # `— Здравствуйте, Пётр Иванович! — … — старик отложил сеть`: the one spoken to answers
        previous = ctx.speakers[-2] if len(ctx.speakers) > 1 else None
        for index in ctx.addressees[-2] if len(ctx.addressees) > 1 else []:
            if index != previous and _fits(ctx, index, clue.gender):
                return index
    return _noun_character(ctx, clue.noun, clue.gender)


RESOLVE_RULES: list[Callable[[Clue, Context], int | None]] = [
    resolve_name, resolve_foreign, resolve_narrator, resolve_pronoun, resolve_noun]


def _narrator(cast: Cast, ctx: Context) -> int:
    return _noun_character(ctx, NARRATOR, "")


def _noun_character(ctx: Context, noun: str, gender: str) -> int:
    """A character known only by a common noun (`ямщик`, `дед`) or the narrator."""
    from .characters import Character

    for index, character in enumerate(ctx.cast.characters):
        if character.name == noun and not character.forms:
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
    if not ctx.speakers[:-1] or ctx.speakers[-2] is None:
        return None
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
    if len(ctx.addressees) < 2 or ctx.speakers[-2] is None:
        return None
    for index in ctx.addressees[-2]:
        if index != ctx.speakers[-2]:
            return index
    return None


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
        named = [i for _, _, f in ctx.finder.find(before) if (i := ctx.cast.of_form.get(f)) is not None]
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


TURN_RULES = [turn_introduced, turn_other_silent, turn_addressee, turn_alternation]


# ---------------------------------------------------------------- the whole book

def learn_nouns(paragraphs: list[str], finder: Finder, cast: Cast) -> dict[str, Counter]:
    """Nouns seen right before a name (`князь Андрей`, `доктор Зальцфиш`, `зоолог фон Корен`)."""
    nouns: dict[str, Counter] = defaultdict(Counter)
    for text in paragraphs:
        for start, _, form in finder.find(text):
            index = cast.of_form.get(form)
            if index is None:
                continue
            match = re.search(r"([а-яё]+)\s+$", text[max(0, start - 30):start])
            if match:
                for parse in parse_word(match.group(1))[:1]:
                    if parse.tag.POS == "NOUN" and "anim" in parse.tag:
                        nouns[_e(parse.normal_form)][index] += 1
    return dict(nouns)


def character_genders(cast: Cast) -> list[str]:
    return [c.gender for c in cast.characters]


def replica_clue(replica: Replica, cast: Cast, finder: Finder, values: dict[str, str]) -> Clue | None:
    """The clue of a replica's remarks: a verb of speech's subject first, then any verb's."""
    for segment in replica.segments:
        if segment.remark:
            clue = read_clue(segment.text, cast, finder, values, speech_only=True)
            if clue:
                if clue.kind == "pronoun":
                    # `— Они говорят, — вступился адвокат… — …, — обратился он к даме`: `он` is the адвокат
                    named = next((c for s in replica.segments if s.remark and s is not segment
                                  and (c := read_clue(s.text, cast, finder, values))
                                  and c.kind in ("name", "noun", "foreign")), None)
                    return named or clue
                return clue
    clue = next((c for s in replica.segments if s.remark and (c := read_clue(s.text, cast, finder, values))),
                None)
    if clue is None and LEFT_REMARKS:
        clue = next((c for s in replica.segments if not s.remark
                     and (c := read_left_remark(s.text, cast, finder, values))), None)
    return clue


LEFT_REMARKS = True  # read a remark left in the speech (`…, пролепетала Елена Ивановна, -- …`)


def vote_genders(cast: Cast, clues: list[list[Clue | None]]) -> list[str]:
    """A character's gender from the verbs of the remarks that name them (`сказала Саша`)."""
    votes: dict[int, Counter] = defaultdict(Counter)
    for dialogue in clues:
        for clue in dialogue:
            if clue and clue.kind == "name" and clue.character is not None and clue.gender in ("masc", "femn"):
                votes[clue.character][clue.gender] += 1
    genders = []
    for index, character in enumerate(cast.characters):
        vote = votes.get(index)
        genders.append(vote.most_common(1)[0][0] if vote else character.gender)
    return genders


def attribute_dialogue(dialogue: list[Replica], clues: list[Clue | None], cast: Cast, finder: Finder,
                       values: dict[str, str], nouns: dict[str, Counter],
                       genders: list[str], first_person: bool = False,
                       noun_forms: dict[str, tuple] | None = None) -> list[tuple[int | None, str]]:
    """(character index or None, how) for each replica of one dialogue."""
    def read(text: str) -> Clue | None:
        return read_clue(text, cast, finder, values)

    def named_in(texts) -> list[int]:
        found = []
        for text in texts:
            if _FIRST_PERSON.search(_QUOTED.sub("", text)):
                found.append(_noun_character(ctx, NARRATOR, ""))  # `я стал просить Цыганка`
            here = [(start, i) for start, _, f in finder.find(text) if (i := cast.of_form.get(f)) is not None]
            for match in WORD_RE.finditer(text) if ctx.noun_forms else ():
                word = match.group().lower()
                noun = ctx.noun_forms.get(_e(word))
                if noun and _is_that_noun(word, noun[0]):
                    # `мы увидали … седого одинокого господина` before `— … — сказал он`
                    index = noun[2] if len(noun) > 2 else _noun_character(ctx, noun[0], noun[1])
                    here.append((match.start(), index))
            found.extend(i for _, i in sorted(here))
        return found

    ctx = Context(cast, genders, nouns, finder=finder, values=values, first_person=first_person,
                  noun_forms=noun_forms or {})
    answers: list[tuple[int | None, str]] = []
    for position, replica in enumerate(dialogue):
        ctx.texts.extend(replica.narration)
        ctx.texts.extend(s.text for s in replica.segments if s.remark)
        ctx.before.append(named_in(replica.narration))
        ctx.mentions.append(named_in(s.text for s in replica.segments if s.remark))
        ctx.speakers.append(None)
        ctx.has_narration = bool(replica.narration) and position > 0
        recent = {s for s in ctx.speakers[-3:-1] if s is not None}
        if position and recent and set(ctx.before[-1]) - recent:
            ctx.exchange_start = position  # the narration brings in someone new: a new exchange
        speech = " ".join(s.text for s in replica.segments if not s.remark)
        called = addressed(speech, finder, cast, values)
        ctx.addressees.append(called + [i for s in replica.segments if s.remark
                                        for i in listeners(s.text, finder, cast, values)])
        previous = dialogue[position - 1] if position else None
        speaker, how = None, ""
        clue = clues[position]
        if replica.play:
            found = cast.find(replica.play)
            speaker = cast.characters.index(found) if found else _noun_character(ctx, replica.play, "")
            how = "play"
        elif clue is not None:
            speaker = resolve(clue, ctx)
            how = ("named" if clue.kind in ("name", "foreign") else "pronoun") if speaker is not None else ""
            if clue.kind == "group":
                speaker, how = None, "group"
        if speaker is None and how != "group" and clue is None:
            for rule in TURN_RULES:
                speaker = rule(ctx, replica, previous, read)
                if speaker is not None:
                    how = "turn"
                    break
        if speaker is not None and how in ("turn", "pronoun") and speaker in called:
            speaker, how = None, ""  # nobody calls themselves by name: `— Митя, Митя, …`
        ctx.speakers[-1] = speaker
        answers.append((speaker, how if speaker is not None else ""))
    # Backwards: a replica with no clue before A, B (A != B) in an exchange of two is B's.
    for position in range(len(dialogue) - 3, -1, -1) if TURN_RULES else ():
        if answers[position][0] is None and clues[position] is None and not dialogue[position].play:
            after, after2 = answers[position + 1][0], answers[position + 2][0]
            between = {i for _, _, f in finder.find(" ".join(dialogue[position + 1].narration))
                       if (i := cast.of_form.get(f)) is not None}
            if after is not None and after2 is not None and after != after2 and between <= {after, after2}:
                answers[position] = (after2, "turn")
    answers = _speaks_again_after_unknown(dialogue, clues, answers) if SKIP_UNKNOWN else answers
    return _drop_disagreeing_turns(dialogue, answers) if CONSISTENCY else answers


SKIP_UNKNOWN = True  # A, ?, A at the end of an exchange (docs/speakers.md)
CONSISTENCY = True  # abstain on a run of turns that the next known speaker contradicts


def _speaks_again_after_unknown(dialogue, clues, answers):
    """`— Чай подан? — спросил он. — Сейчас подают… — Хорошо, ступай.`: known A, a bare reply nobody
    names, a bare replica that ends the exchange (then the end, narration or a remark) — A again."""
    answers = list(answers)
    for p in range(2, len(dialogue)):
        after = dialogue[p + 1] if p + 1 < len(dialogue) else None
        bare = [answers[k][0] is None and clues[k] is None and not dialogue[k].narration
                and not dialogue[k].play for k in (p - 1, p)]
        if all(bare) and answers[p - 2][1] in ("named", "pronoun") \
                and (after is None or after.narration or clues[p + 1] is not None):
            answers[p] = (answers[p - 2][0], "turn")
    return answers



def _drop_disagreeing_turns(dialogue: list[Replica], answers: list[tuple[int | None, str]]) -> list:
    """A, (B), (A), B — a run of `turn` answers whose last is the next known speaker with no narration
    between: someone spoke twice somewhere in the run, nobody can say where, so the run stays empty."""
    answers = list(answers)
    for position in range(1, len(answers)):
        speaker, how = answers[position]
        if how in ("turn", "") or dialogue[position].narration or answers[position - 1] != (speaker, "turn"):
            continue
        start = position - 1
        while start > 0 and answers[start - 1][1] == "turn":
            start -= 1
        answers[start:position] = [(None, "")] * (position - start)
    return answers


def speaking_nouns(clues: list[list[Clue | None]], nouns: dict[str, Counter]) -> dict[str, tuple[str, str]]:
    """Every case form of the nouns that speak in this book's remarks and never stand before a name
    (`кум`, `ткач`, `дама`: `сказал кум`), so that the narration's `кума`, `куму` are a mention of
    that character. A noun that only says "a person" (`дама`, `господин`) must speak twice."""
    counts = Counter(c.noun for dialogue in clues for c in dialogue if c and c.kind == "noun" and c.noun
                     and c.noun not in nouns)
    forms: dict[str, tuple[str, str]] = {}
    for lemma, count in counts.items():
        if len(lemma) < 3 or lemma in GENERIC_PERSONS and count < 2:
            continue
        parse = next((p for p in parse_word(lemma) if p.tag.POS == "NOUN" and "anim" in p.tag), None)
        if parse is None:
            continue
        gender = str(parse.tag.gender) if parse.tag.gender in ("masc", "femn") else ""
        for form in parse.lexeme:
            forms.setdefault(_e(form.word), (lemma, gender))
    return forms


def title_nouns(nouns: dict[str, Counter]) -> dict[str, tuple]:
    """Every case form of a noun the book puts before one person's name (`князь Лев Николаевич`
    in three of four cases or more): in the narration `Князь рассматривал его` names that person."""
    forms: dict[str, tuple] = {}
    for lemma, seen in nouns.items():
        total = sum(seen.values())
        best, count = seen.most_common(1)[0]
        if len(lemma) < 3 or total < 2 or count < 0.75 * total:
            continue
        parse = next((p for p in parse_word(lemma) if p.tag.POS == "NOUN" and "anim" in p.tag), None)
        for form in parse.lexeme if parse else ():
            forms.setdefault(_e(form.word), (lemma, "", best))
    return forms


def _is_that_noun(word: str, lemma: str) -> bool:
    """`господина` is the господин; `голову` (a head) is not the village голова."""
    parse = parse_word(word)[0]
    return parse.tag.POS == "NOUN" and "anim" in parse.tag and _e(parse.normal_form) == lemma


FIRST_PERSON_SHARE = 0.05
_QUOTED = re.compile(r"«[^»]*»|„[^“]*“|\"[^\"]*\"")  # words quoted in the narration are not the narrator's


def attribute(dialogues: list[list[Replica]], cast: Cast, finder: Finder, values: dict[str, str],
              nouns: dict[str, Counter]) -> list[list[tuple[str, str]]]:
    """(speaker name or "", how) for every replica, dialogue by dialogue."""
    clues = [[replica_clue(replica, cast, finder, values) for replica in dialogue] for dialogue in dialogues]
    genders = vote_genders(cast, clues)
    found = [clue.kind for dialogue in clues for clue in dialogue if clue]
    # a first-person book: `сказал я` in at least one remark of twenty (not a quoted story's `я`)
    first_person = found.count("narrator") >= max(2, FIRST_PERSON_SHARE * len(found))
    noun_forms = speaking_nouns(clues, nouns) | title_nouns(nouns)
    result = []
    for dialogue, dialogue_clues in zip(dialogues, clues):
        answers = attribute_dialogue(dialogue, dialogue_clues, cast, finder, values, nouns, genders, first_person,
                                     noun_forms)
        result.append([(cast.characters[i].name if i is not None else "", how if i is not None else "")
                       for i, how in answers])
    return result


# ---------------------------------------------------------------- replicas with their narration

def replica_contexts(paragraphs: list[str], book, before_first: int = 3) -> list[list[Replica]]:
    """Each dialogue of `extract_dialogues(paragraphs)` as Replicas with the narration just before
    each one: the paragraphs since the previous replica, or up to `before_first` paragraphs
    before the first replica (not across a break). `book` is that BookDialogues."""
    from .dialogue import is_break
    from .speech import strip_leading_dash

    plays = getattr(book, "speakers", None)
    result = []
    for d, (dialogue, origin) in enumerate(zip(book.dialogues, book.origins)):
        replicas = []
        for k, (segments, number) in enumerate(zip(dialogue, origin)):
            if k:
                narration = [p for p in paragraphs[origin[k - 1]:number - 1] if p]
            else:
                narration = []
                for p in reversed(paragraphs[max(0, number - 1 - 2 * before_first):number - 1]):
                    if not p:
                        continue
                    if is_break(p) or strip_leading_dash(p) is not None or len(narration) >= before_first:
                        break
                    narration.insert(0, p)
            play = plays[d][k] if plays else ""
            replicas.append(Replica(segments, narration, first=not k, play=play or "",
                                    paragraph=paragraphs[number - 1]))
        result.append(replicas)
    return result


@dataclass
class BookSpeakers:
    cast: Cast
    answers: list[list[tuple[str, str]]]  # (speaker, how) per replica, per dialogue
    counts: Counter = field(default_factory=Counter)  # replicas per character name


def attribute_book(paragraphs: list[str], book, values: dict[str, str], finder: Finder | None = None,
                   possessive: dict[str, str | None] | None = None) -> BookSpeakers:
    """Speakers of every replica of one book (`book` = extract_dialogues(paragraphs)), with the
    characters built from the me-dictionary `values` ({form: "я"/"меня"/…}). A run over many
    books shares one dictionary: pass `Finder(values)` and `possessive_forms(values)` built once."""
    from .characters import build_cast

    finder = finder or Finder(values)
    form_counts: Counter = Counter()
    for text in paragraphs:
        for _, _, form in finder.find(text):
            form_counts[form] += 1
    # only the forms this book uses: in a run over several books the dictionary is shared
    cast = build_cast(dict(form_counts), values, possessive)
    nouns = learn_nouns(paragraphs, finder, cast)
    answers = attribute(replica_contexts(paragraphs, book), cast, finder, values, nouns)
    counts = Counter(name for dialogue in answers for name, _ in dialogue if name)
    return BookSpeakers(cast, answers, counts)
