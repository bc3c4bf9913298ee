"""One character as «я», the one they talk to as «ты» (FORMAT.md §8): the text functions.

    from dataset_tools.persona import persona_dialogue
    lines, roles = persona_dialogue(dialogue, speakers, "Базаров", forms, me_values, ti_values)

A dialogue in which the persona speaks is rewritten by the TiMe rules (pronouns.py: case,
prepositions, verbs, possessives, addresses) with dictionaries restricted to two people: the
persona's name forms become я-forms; in an exchange of two, the other speaker's forms become
ты-forms; everyone else keeps their name. Each replica gets the role `persona` or `other`.
"""
from __future__ import annotations

from .formats import Segment
from .pronouns import NameTable, rewrite_segments, sentences_to_tag, tag_sentences

PERSONA, OTHER = "persona", "other"


def partner(speakers: list[str], persona: str) -> str:
    """The other speaker of a two-person exchange, or "" when more (or fewer) people speak."""
    others = {s for s in speakers if s and s != persona}
    return others.pop() if len(others) == 1 else ""


def restrict(values: dict[str, str], forms: list[str]) -> dict[str, str]:
    """The dictionary entries of one person's forms only."""
    return {form: values[form] for form in forms if values.get(form)}


def persona_tables(speakers: list[str], persona: str, forms: dict[str, list[str]],
                   me_values: dict[str, str], ti_values: dict[str, str]):
    """(me, ti) NameTables of the persona and of their partner (None where there is nobody)."""
    other = partner(speakers, persona)
    me = restrict(me_values, forms.get(persona, []))
    ti = restrict(ti_values, forms.get(other, [])) if other else {}
    return (NameTable(me, "me") if me else None), (NameTable(ti, "ti") if ti else None)


def _rewrite(segments: list[Segment], me, ti) -> list[Segment]:
    if me:
        segments = rewrite_segments(segments, me, "me")
    if ti:
        segments = rewrite_segments(segments, ti, "ti")
    return segments


def _splice(speech: list[Segment], remarks: list[Segment], fallback: list[Segment]) -> list[Segment]:
    """Speech segments from one rewrite, remarks from another (when both kept the same shape)."""
    if [s.remark for s in speech] != [s.remark for s in remarks]:
        return fallback
    return [r if r.remark else s for s, r in zip(speech, remarks)]


def persona_dialogue(dialogue: list[list[Segment]], speakers: list[str], persona: str,
                     forms: dict[str, list[str]], me_values: dict[str, str],
                     ti_values: dict[str, str], tables=None) -> tuple[list[list[Segment]], list[str]]:
    """The dialogue rewritten for the persona and the role of each replica.

    The author's remarks are told from the persona's side everywhere (`сказал я`, `вздохнула ты`).
    Speech follows who speaks: the persona says я of themselves and ты to the partner; the
    partner's own words say ты to the persona and я of themselves (`обещал Васе` in Маша's mouth
    becomes `обещал тебе`, not `обещал мне`); a third person's words keep the names as written.
    """
    me, ti = tables or persona_tables(speakers, persona, forms, me_values, ti_values)
    other = partner(speakers, persona)
    swapped = (NameTable(dict(ti.names), "me") if ti else None,
               NameTable(dict(me.names), "ti") if me else None)
    if swapped[0]:
        swapped[0].names = restrict(_me_of(ti.names, me_values, ti_values), list(ti.names))
    if swapped[1]:
        swapped[1].names = restrict(_ti_of(me.names, me_values, ti_values), list(me.names))
    out = []
    for segments, speaker in zip(dialogue, speakers):
        told = _rewrite(segments, me, ti)
        if speaker == persona:
            out.append(told)
        elif other and speaker == other:
            out.append(_splice(_rewrite(segments, *_tables(swapped)), told, told))
        else:
            out.append(_splice(segments, told, told))
    return out, [PERSONA if s == persona else OTHER for s in speakers]


def _tables(pair):
    me, ti = pair
    return (NameTable(me.names, "me") if me and me.names else None,
            NameTable(ti.names, "ti") if ti and ti.names else None)


def _me_of(names: dict[str, str], me_values: dict[str, str], ti_values: dict[str, str]) -> dict[str, str]:
    """The я-forms of forms whose table holds ты-forms (and the other way round)."""
    return {form: me_values[form] for form in names if form in me_values}


def _ti_of(names: dict[str, str], me_values: dict[str, str], ti_values: dict[str, str]) -> dict[str, str]:
    return {form: ti_values[form] for form in names if form in ti_values}


def pretag(dialogues: list[list[list[Segment]]], tables: list[tuple]) -> None:
    """Tag every sentence the rewrite will look at in one batched natasha pass (speed)."""
    wanted = []
    for dialogue, (me, ti) in zip(dialogues, tables):
        for segments in dialogue:
            for table in (me, ti):
                if table:
                    wanted.extend(sentences_to_tag(segments, table))
    if wanted:
        tag_sentences(wanted)
