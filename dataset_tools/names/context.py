"""The case of name forms that do not show it (`Самойленко`, `Blanche`, `Ростова`), voted from
natasha's morph tags in context and the preposition before them; the dictionary entries.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from .. import nlp
from ..grammar import CASES, PERSONAL, PREPOSITION_CASES, UD_GENDER, UD_TO_CASE
from .forms import is_title, known_reading, name_cases, possessive_for_reading, possessive_readings
from .tokens import Mention, _WORD_BEFORE_RE


CONTEXT_SAMPLE = 25  # occurrences of one ambiguous form sent to the morph tagger


def preposition_cases(text: str, start: int) -> frozenset | None:
    """Cases allowed by a preposition before text[start:] (a title may stand between)."""
    for _ in range(3):
        match = _WORD_BEFORE_RE.search(text, 0, start)
        if not match:
            return None
        word = match.group(1).lower()
        if word in PREPOSITION_CASES:
            return PREPOSITION_CASES[word]
        if not is_title(word):
            return None
        start = match.start(1)
    return None


def sentence_window(text: str, start: int, stop: int) -> tuple[int, int]:
    """The sentence around text[start:stop] (approximately: cut at . ! ? …)."""
    left = max(text.rfind(ch, 0, start) for ch in ".!?…")
    ends = [i for i in (text.find(ch, stop) for ch in ".!?…") if i != -1]
    return left + 1, (min(ends) + 1 if ends else len(text))


def choose_case(allowed: frozenset, preposition: frozenset | None, tagged: str) -> str | None:
    """The case of one occurrence: natasha's tag if the form and a preposition before it allow
    it; else the one pronoun that the preposition leaves (`к Самойленко` -> мне)."""
    if preposition is not None:
        allowed = allowed & preposition or allowed
    if tagged in allowed:
        return tagged
    if len({PERSONAL["me"][c] for c in allowed}) == 1:
        return min(allowed)
    return None


def choose_possessive(allowed: tuple, case: str, gender: str) -> str | None:
    reading = f"{case} {gender}"
    if reading not in allowed and case == "accs" and gender in ("masc", "plur"):
        reading = f"gent {gender}"  # `Петина брата`: the animate accusative
    return reading if reading in allowed else None


def tag_context_cases(paragraphs: list[str], mentions: list[Mention]) -> list[Mention]:
    """Fill `reading` of ambiguous forms from their context: natasha's morph tag of the name's
    last word, checked against a preposition before it. A sample of each form is enough."""
    from razdel import tokenize as razdel_tokenize

    chosen: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        if mention.reading is None and len(chosen[mention.text]) < CONTEXT_SAMPLE:
            chosen[mention.text].append(index)
    jobs, sentences = [], []
    for indices in chosen.values():
        for index in indices:
            mention = mentions[index]
            text = paragraphs[mention.paragraph]
            left, right = sentence_window(text, mention.start, mention.stop)
            words = list(razdel_tokenize(nlp.for_natasha(text[left:right])))
            head = mention.start - left + mention.text.rfind(mention.text.split()[-1])
            position = next((k for k, w in enumerate(words) if w.start <= head < w.stop), None)
            if position is not None:
                jobs.append((index, position))
                sentences.append([w.text for w in words])
    result = list(mentions)
    markups = nlp.get_morph_tagger().map(sentences) if sentences else []
    for (index, position), markup in zip(jobs, markups):
        feats = markup.tokens[position].feats
        mention = mentions[index]
        case = UD_TO_CASE.get(feats.get("Case", ""))
        if case is None:
            continue  # natasha gives Latin words (POS X) no case: no vote
        if mention.kind == "possessive":
            gender = "plur" if feats.get("Number") == "Plur" else UD_GENDER.get(feats.get("Gender", ""), "")
            reading = choose_possessive(possessive_readings(mention.text), case, gender)
        else:
            preposition = preposition_cases(paragraphs[mention.paragraph], mention.start)
            reading = choose_case(name_cases(mention.text), preposition, case)
        if reading is not None:
            result[index] = Mention(mention.paragraph, mention.start, mention.stop, mention.text,
                                    mention.lemma, mention.kind, reading, mention.rule)
    return result


def vote_reading(text: str, kind: str, readings: Iterable[str | None]) -> str:
    """The reading to write for a form: its only one, else the commonest in context, else a guess."""
    known = known_reading(text, kind)
    if known:
        return known
    if kind == "possessive":
        allowed = possessive_readings(text)
        pronoun = lambda r: possessive_for_reading(r, "me")  # noqa: E731
    else:
        allowed = tuple(c for c in CASES if c in name_cases(text))
        pronoun = lambda r: PERSONAL["me"][r]  # noqa: E731
    votes = Counter(pronoun(r) for r in readings if r in allowed)
    if votes:
        best = votes.most_common(1)[0][0]
        return next(r for r in allowed if pronoun(r) == best)
    if kind == "name" and "nomn" in allowed:
        return "nomn"
    return allowed[0]


def build_mappings(mentions: Iterable[Mention]) -> tuple[dict[str, str], dict[str, str]]:
    """dict_me / dict_ti entries: every form -> я/меня/мне/мной (ты/...); possessives -> мой/твой."""
    readings: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for mention in mentions:
        readings[mention.text][mention.kind].append(mention.reading)
    me_map: dict[str, str] = {}
    ti_map: dict[str, str] = {}
    for text, kinds in readings.items():
        kind = max(kinds, key=lambda k: (len(kinds[k]), k == "name"))  # a form read both ways
        reading = vote_reading(text, kind, kinds[kind])
        if kind == "possessive":
            me_map[text], ti_map[text] = possessive_for_reading(reading, "me"), possessive_for_reading(reading, "ti")
        else:
            me_map[text], ti_map[text] = PERSONAL["me"][reading], PERSONAL["ti"][reading]
    return me_map, ti_map
