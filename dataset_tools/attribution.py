"""Who says each replica, over a whole book (FORMAT.md §8): the dialogues of a book, the clues of
their remarks, the speakers' genders and the nouns the book uses for them, then the rules of
speakers.py (RESOLVE_RULES, TURN_RULES) replica by replica, and the passes over a whole dialogue
after them (docs/speakers.md).

    from dataset_tools.attribution import attribute
    from dataset_tools.speakers import Replica
    replicas = [Replica(segments, narration_before, first_of_dialogue), ...]
    answers = attribute([replicas], cast, finder, values, nouns)   # [[("Базаров", "named"), ("", ""), …]]
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .characters import NARRATOR, Cast
from .dialogue import _QUOTATION as _QUOTED  # words quoted in the narration are not the narrator's
from .dialogue import first_person_share
from .names.forms import WORD_RE
from .nlp import parse_word
from .remarks import (_FIRST_PERSON, GENERIC_PERSONS, RELATION_NOUNS, THOUGHT_VERBS, Clue, Finder, _e, _verb_lemma,
                      addressed, listeners, read_clue, read_left_remark, senior_member, speaks_to_me)
from .speech_words import SPEECH_VERBS
from .speakers import (TURN_RULES, Context, Replica, _noun_character, introduced_by, introduced_by_nobody,
                       learn_nouns, resolve)


def character_genders(cast: Cast) -> list[str]:
    return [c.gender for c in cast.characters]


def replica_clue(replica: Replica, cast: Cast, finder: Finder, values: dict[str, str]) -> Clue | None:
    """The clue of a replica's remarks: a verb of speech's subject first, then any verb's."""
    # a remark of thought (`— подумал Козельцов`) names the speaker only when no other remark does
    remarks = sorted((s for s in replica.segments if s.remark), key=lambda s: _thought(s.text))
    for segment in remarks:
        if segment.remark:
            clue = read_clue(segment.text, cast, finder, values, speech_only=True)
            if clue:
                if clue.kind == "pronoun":
                    # `— Они говорят, — вступился адвокат… — …, — обратился он к даме`: `он` is the адвокат
                    named = next((c for s in replica.segments if s.remark and s is not segment
                                  and not _thought(s.text)
                                  and (c := read_clue(s.text, cast, finder, values))
                                  and c.kind in ("name", "noun", "foreign")), None)
                    return named or clue
                return clue
    clue = next((c for s in replica.segments if s.remark and (c := read_clue(s.text, cast, finder, values))),
                None)
    if clue is None:
        clue = next((c for s in replica.segments if not s.remark
                     and (c := read_left_remark(s.text, cast, finder, values))), None)
    if clue is None:
        clue = next((c for s in replica.segments if not s.remark
                     and (c := _parenthesized_remark(s.text, cast, finder, values))), None)
    return clue


_PARENTHESES = re.compile(r"\(([а-яё][^()]{2,150})\)")


def _parenthesized_remark(text: str, cast: Cast, finder: Finder, values: dict[str, str]) -> Clue | None:
    """`Царство ей небесное (прибавил лекарь скороговоркой и со вздохом)!`: the author's parentheses in the
    speech that open, in lower case, with a verb of speech are a remark; its subject is the speaker."""
    for match in _PARENTHESES.finditer(text):
        words = WORD_RE.findall(match.group(1))
        if words and _verb_lemma(words[0]) in SPEECH_VERBS:
            clue = read_clue(match.group(1), cast, finder, values, speech_only=True)
            if clue and clue.kind in ("name", "noun", "pronoun", "narrator"):
                return clue
    return None


def _word_before(text: str, start: int) -> str:
    match = re.search(r"([А-Яа-яЁё]+)\s+$", text[max(0, start - 20):start])
    return match.group(1) if match else ""


def _thought(text: str) -> bool:
    """`("про какую он говорит опасность…", — подумал Козельцов)`: a remark of thought, not of speech."""
    first = next((w for w in WORD_RE.findall(text) if parse_word(w.lower())[0].tag.POS == "VERB"), "")
    return bool(first) and _e(parse_word(first.lower())[0].normal_form) in THOUGHT_VERBS


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
            here = [(start, i) for start, _, f in finder.find(text)
                    if (i := senior_member(_word_before(text, start), f, cast.of_form.get(f), cast)) is not None]
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
        ctx.called.append(_called_at_the_edges(speech, called, finder, cast, values))
        ctx.addressees.append(called + [i for s in replica.segments if s.remark
                                        for i in listeners(s.text, finder, cast, values)]
                              + [i for s in replica.segments if s.remark for i in _noun_listeners(ctx, s.text)]
                              + _narrator_spoken_to(ctx, replica))
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
        if speaker is None and how != "group" and clue is None and not introduced_by_nobody(replica, ctx):
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
    # It stops at narration that introduces a speaker (`Солдат, сидя на песке, … хрипел:` begins another
    # exchange, whose A, B tell nothing of the replica before it).
    back: set[int] = set()
    for position in range(len(dialogue) - 3, -1, -1) if TURN_RULES else ():
        if answers[position][0] is None and clues[position] is None and not dialogue[position].play \
                and not (dialogue[position + 1].narration
                         and dialogue[position + 1].narration[-1].rstrip().endswith(":")):
            after, after2 = answers[position + 1][0], answers[position + 2][0]
            between = {i for _, _, f in finder.find(" ".join(dialogue[position + 1].narration))
                       if (i := cast.of_form.get(f)) is not None}
            if after is not None and after2 is not None and after != after2 and between <= {after, after2}:
                answers[position] = (after2, "turn")
                back.add(position)
    answers = _drop_backward_disagreeing(dialogue, answers, back)
    answers = _speaks_again_after_unknown(dialogue, clues, answers)
    return _drop_disagreeing_turns(dialogue, answers)


_TO_SOMEONE = {"у": "gent", "к": "datv", "ко": "datv"}


def _noun_listeners(ctx: Context, text: str) -> list[int]:
    """`спросил я шопотом у татарина`, `обратился он к старику`: a person known by a noun is spoken to,
    so `— … — отвечал он` next is theirs. The noun seen with one name is that character (`капитан Хлопов`)."""
    words = WORD_RE.findall(_QUOTED_REMARK.sub("", text))
    verbs = [at for at, w in enumerate(words) if parse_word(w.lower())[0].tag.POS in ("VERB", "GRND", "INFN")]
    if len(verbs) > 1:  # only the speech verb's own words: `подумал он и отправился к председателю` is no talk
        words = words[:verbs[1]]
    found = []
    for at, word in enumerate(words):
        case = _TO_SOMEONE.get(word.lower())
        for after in words[at + 1:at + 4] if case else ():
            parse = parse_word(after.lower())[0]
            if parse.tag.POS == "NOUN" and "anim" in parse.tag and parse.tag.case == case \
                    and parse.tag.number == "sing" and not ({"Name", "Surn", "Patr"} & parse.tag.grammemes):
                noun = _e(parse.normal_form)
                if noun in RELATION_NOUNS:
                    break
                gender = str(parse.tag.gender) if parse.tag.gender in ("masc", "femn") else ""
                seen = ctx.nouns.get(noun, Counter())
                best = seen.most_common(1)[0] if seen else None
                found.append(best[0] if best and best[0] is not None and best[1] >= 0.75 * sum(seen.values())
                             and best[1] >= 2
                             else _noun_character(ctx, noun, gender))
                break
            if parse.tag.POS not in ("ADJF", "PRTF", "NUMR") or parse.tag.case != case:
                break  # `к нему`, `у окна`: no person of a noun spoken to
    return found


_QUOTED_REMARK = re.compile(r"«[^»]*»|\"[^\"]*\"")


def _called_at_the_edges(speech: str, called: list[int], finder: Finder, cast: Cast, values) -> list[int]:
    """The names a speech calls in its first or last sentence: a call opens or closes the words
    (`Стыдись, Варвара!`); a name deep in a long story is someone's words in it (`Максим, …`)."""
    sentences = re.split(r"(?<=[.!?…])\s+", speech.strip())
    if len(sentences) <= 2:
        return called
    return addressed(sentences[0] + " " + sentences[-1], finder, cast, values)


def _narrator_spoken_to(ctx: Context, replica: Replica) -> list[int]:
    """The narrator of a first-person book as the listener of this replica: its remark or the
    narration that introduces it says `спросил меня:`, `сказала мне, как старому знакомому:` —
    so the next bare replica is the narrator's (turn_addressee)."""
    if not ctx.first_person:
        return []
    # only a remark's first sentence: `обратилась к нему бабушка. Де-Грие … обращался ко мне` is narration
    texts = [re.split(r"[.!?…]", s.text, maxsplit=1)[0] for s in replica.segments if s.remark]
    sentence = introduced_by(replica.narration[-1]) if replica.narration else None
    if sentence:
        texts.append(sentence)
    return [_noun_character(ctx, NARRATOR, "")] if any(speaks_to_me(t) for t in texts) else []


def _drop_backward_disagreeing(dialogue: list[Replica], answers: list, back: set[int]) -> list:
    """The backward pass, mirrored by the consistency check: a run it filled whose first answer is the
    speaker just before it, with no narration between (`— Из самого Н-ского заводу… — добавила
    старуха`, then `— То-то, чай изустали?` given to her again) — someone spoke twice in the run, or a
    third person is in it, so the run stays empty."""
    answers = list(answers)
    for start in sorted(back):
        if start - 1 in back or start == 0 or dialogue[start].narration \
                or answers[start - 1][0] != answers[start][0] or dialogue[start - 1].paragraph.rstrip().endswith(":"):
            continue  # `«…» — подумалось мне, и я строго сказал:` — A goes on, as the colon says
        end = start
        while end + 1 in back:
            end += 1
        answers[start:end + 1] = [(None, "")] * (end + 1 - start)
    return answers


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
        if len(lemma) < 3 or total < 2 or count < 0.75 * total or best is None:
            continue
        parse = next((p for p in parse_word(lemma) if p.tag.POS == "NOUN" and "anim" in p.tag), None)
        for form in parse.lexeme if parse else ():
            forms.setdefault(_e(form.word), (lemma, "", best))
    return forms


def _is_that_noun(word: str, lemma: str) -> bool:
    """`господина` is the господин; `голову` (a head) is not the village голова."""
    parse = parse_word(word)[0]
    return parse.tag.POS == "NOUN" and "anim" in parse.tag and _e(parse.normal_form) == lemma


NARRATOR_CALLED = 3  # called by name at least this often


def narrator_by_name(dialogues: list[list[Replica]], clues: list[list[Clue | None]], cast: Cast,
                     finder: Finder, values: dict[str, str]) -> int | None:
    """In a first-person book, the one character people call by name (`Петр Андреич`, `Алексей
    Иванович`, `Максим`) at least three times, who answers as `я` (`— …, Петр Андреич? — Нет, —
    отвечал я`) at least once and is never the subject of a remark (the narrator never writes
    `сказал Петр Андреич`): that is the narrator. Two such people: nobody."""
    called: Counter = Counter()
    answers_as_i: Counter = Counter()
    for dialogue, dialogue_clues in zip(dialogues, clues):
        for k, replica in enumerate(dialogue):
            speech = " ".join(s.text for s in replica.segments if not s.remark)
            names = set(addressed(speech, finder, cast, values))
            called.update(names)
            after = dialogue_clues[k + 1] if k + 1 < len(dialogue) else None
            if after is not None and after.kind == "narrator":
                answers_as_i.update(names)
    subjects = {c.character for dialogue in clues for c in dialogue if c and c.kind == "name"}
    fitting = [i for i, n in called.items() if n >= NARRATOR_CALLED and answers_as_i[i] and i not in subjects]
    return fitting[0] if len(fitting) == 1 else None


FIRST_PERSON_SHARE = 0.05  # of the remarks that name a speaker (dialogue.first_person_share says why not 0.1)


def attribute(dialogues: list[list[Replica]], cast: Cast, finder: Finder, values: dict[str, str],
              nouns: dict[str, Counter]) -> list[list[tuple[str, str]]]:
    """(speaker name or "", how) for every replica, dialogue by dialogue."""
    clues = [[replica_clue(replica, cast, finder, values) for replica in dialogue] for dialogue in dialogues]
    genders = vote_genders(cast, clues)
    found = [clue.kind for dialogue in clues for clue in dialogue if clue]
    # a first-person book: `сказал я` in at least one remark of twenty (not a quoted story's `я`)
    first_person = first_person_share(found.count("narrator"), len(found), FIRST_PERSON_SHARE, at_least=2)
    if first_person:
        narrator = narrator_by_name(dialogues, clues, cast, finder, values)
        if narrator is not None:
            cast.characters[narrator].name = NARRATOR  # keeps the forms others call them by
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
    nouns = learn_nouns(paragraphs, finder, cast, values)
    answers = attribute(replica_contexts(paragraphs, book), cast, finder, values, nouns)
    counts = Counter(name for dialogue in answers for name, _ in dialogue if name)
    return BookSpeakers(cast, answers, counts)
