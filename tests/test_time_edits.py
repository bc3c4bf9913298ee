"""TiMe verdicts and `edits.apply` (pronouns/edits.py): a rule only returns verdicts, apply is the
one place the tokens change, and the trace comes from the verdicts.

Real natasha and pymorphy3; one speech segment per line.
"""
from __future__ import annotations

import pytest

from dataset_tools import nlp  # noqa: F401  (sets OPENBLAS_NUM_THREADS before numpy loads)
from dataset_tools.formats import Segment
from dataset_tools.pronouns import AROUND_PRONOUN_RULES, MENTION_RULES, analyse
from dataset_tools.pronouns.edits import Capitalise, Delete, Prefix, Replace, Space, Verdict, apply
from dataset_tools.pronouns.lines import render_unit, tag_unit
from dataset_tools.pronouns.mentions import NameTable
from dataset_tools.pronouns.rules import pronoun_in_case, remove_address, rewrite_mention
from dataset_tools.pronouns.state import State

NAMES = {"Вася": "я", "Васи": "меня", "Васе": "мне", "Маша": "я", "Маши": "меня", "Маше": "мне",
         "Соня": "я", "Мишей": "мной"}


def _unit(text: str, person: str = "me", names: dict = NAMES):
    table = NameTable(names, person)
    unit = analyse([Segment(text, remark=False)], table)[0]
    if unit.mentions:
        tag_unit(unit)
    return unit, State(person, table, fired=[])


def _snapshot(unit) -> list[tuple]:
    return [(t.text, t.ws, t.deleted, t.prefix) for t in unit.toks]


def _rule(*_):
    """A stand-in rule for hand-made verdicts."""


# (speech, the edits of each verdict, in order, the text after apply). Token numbers count words
# and signs.
EDITS = [
    ("Вася, иди сюда!", [(Delete(0, 1), Capitalise(2))], "Иди сюда!"),
    # Capitalise looks at the tokens as the edits before it left them: no capital after a comma
    ("Вася, иди сюда!", [(Capitalise(2),)], "Вася, иди сюда!"),
    ("Иван Петрович пришёл.", [(Replace(0, 1, "я"), Capitalise(0))], "Я пришёл."),
    ("Книга Маши лежит.", [(Delete(1, 1), Prefix(0, "Моя"), Replace(0, 0, "книга"))], "Моя книга лежит."),
    # the name takes the space of the possessive dropped before it
    ("«Мой Савельич!»", [(Replace(2, 2, "я"),), (Delete(1, 1), Space(2, "")), (Capitalise(2),)], "«Я!»"),
    ("«Мой Савельич!»", [(Replace(2, 2, "я"),), (Delete(1, 1),), (Capitalise(2),)], "« Я!»"),
    # two verdicts in one line: both land, the second sees the first
    ("Маша, Вася пришёл.", [(Delete(0, 1),), (Replace(2, 2, "я"), Capitalise(2))], "Я пришёл."),
    ("Маша, Вася пришёл.", [(Replace(2, 2, "я"), Capitalise(2)), (Delete(0, 1),)], "я пришёл."),
]


@pytest.mark.parametrize("text, verdicts, expected", EDITS, ids=[f"{i}-{e[2]}" for i, e in enumerate(EDITS)])
def test_apply_makes_the_edits_in_order(text, verdicts, expected):
    unit, state = _unit(text, names={})
    apply(unit, [Verdict(_rule, "", edits) for edits in verdicts], state)
    assert render_unit(unit) == expected


# (speech, person, the rule that decides the first mention, the text once its verdicts are applied)
VERDICTS = [
    ("Вася, иди сюда!", "me", remove_address, "Иди сюда!"),
    ("Знаете, Маша, вы бы отдохнули.", "me", remove_address, "Знаете, вы бы отдохнули."),
    ("Маша пришла.", "me", pronoun_in_case, "я пришла."),  # the capital is capital_letter's, later
    ("Я дал книгу Васе.", "ti", pronoun_in_case, "Я дал книгу тебе."),
]


@pytest.mark.parametrize("text, person, rule, expected", VERDICTS, ids=[v[3] for v in VERDICTS])
def test_a_rule_returns_verdicts_and_leaves_the_tokens_alone(text, person, rule, expected):
    names = {k: {"я": "ты", "меня": "тебя", "мне": "тебе", "мной": "тобой"}[v] if person == "ti" else v
             for k, v in NAMES.items()}
    unit, state = _unit(text, person, names)
    m = unit.mentions[0]
    before = _snapshot(unit)
    decided = next(r for r in MENTION_RULES if r(unit, m, state) is not None)
    verdicts = rule(unit, m, state)
    assert decided is rule and _snapshot(unit) == before and state.fired == []
    apply(unit, verdicts, state)
    assert render_unit(unit) == expected
    assert [name for name, _ in state.fired] == [rule.__name__]


@pytest.mark.parametrize("text", ["Вася, иди сюда!", "Маша пришла и спит.", "Простонал мой Вася.",
                                  "Книга Маши лежит на столе.", "Мы пошли с Мишей.", "Соня! что ты?.."])
def test_no_rule_edits_a_token(text):
    """Every rule, mention and around-pronoun alike, only reads the tokens."""
    unit, state = _unit(text)
    for m in unit.mentions:
        before = _snapshot(unit)
        for rule in MENTION_RULES:
            rule(unit, m, state)
        for rule in AROUND_PRONOUN_RULES:
            rule(unit, m, "nomn", state)
        assert _snapshot(unit) == before
        rewrite_mention(unit, m, state)  # the next mention sees this one's edits, as in a real run


# (speech, the trace of the whole line: rule name and what it did, from the verdicts)
TRACES = [
    ("Вася, иди сюда!", [("remove_address", "Вася (with its comma)")]),
    ("Маша пришла и спит.", [("pronoun_in_case", "Маша → я (nomn)"), ("capital_letter", "Маша → Я"),
                             ("verb_agreement", "спит → сплю")]),
    ("Мы пошли с Мишей.", [("pronoun_in_case", "Мишей → мной (ablt)"), ("first_person_preposition", "с → со")]),
    # the trace shows the noun as the line will read it
    ("Книга Маши лежит на столе.", [("possessive_genitive", "книга Маши → моя … книга")]),
]


@pytest.mark.parametrize("text, trace", TRACES, ids=[t[0] for t in TRACES])
def test_trace_comes_from_the_verdicts(text, trace):
    unit, state = _unit(text)
    for m in unit.mentions:
        rewrite_mention(unit, m, state)
    assert state.fired == trace


def test_a_note_is_not_traced():
    """A verdict with no `what` (the after-remark agreement's note) shows nowhere."""
    unit, state = _unit("Вася", names={})
    apply(unit, [Verdict(_rule, "")], state)
    assert state.fired == []


def test_only_apply_assigns_to_a_token():
    """No `tok.text = …`, `.deleted`, `.prefix`, `.ws` outside edits.py (a token is made whole by
    tokens.py and mentions.py; lines.py and tags.py only set natasha's tags and sentences)."""
    import ast
    from pathlib import Path

    import dataset_tools.pronouns as package

    edited = {"text", "deleted", "prefix", "ws"}
    offenders = []
    for path in sorted(Path(package.__file__).parent.glob("*.py")):
        if path.name == "edits.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                for t in ast.walk(target):
                    if isinstance(t, ast.Attribute) and t.attr in edited:
                        offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
