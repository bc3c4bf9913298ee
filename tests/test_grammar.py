"""grammar.py is the one home of the Russian tables both stages read: a preposition governs the
same case in the names stage (the case voted for a dictionary form) and in the TiMe stage (the
pronoun written). These rows settled the places where the two stages' copies disagreed."""
from __future__ import annotations

import pytest

from dataset_tools import nlp  # noqa: F401  (sets OPENBLAS_NUM_THREADS before numpy loads)
from dataset_tools.grammar import PREPOSITION_CASES, preposition_before, word_cases
from dataset_tools.names.context import choose_case, preposition_cases
from dataset_tools.names.forms import name_cases
from dataset_tools.pronouns import rewrite_line

NAME = "Самойленко"  # indeclinable: its case comes only from the context

# (sentence, me line, ti line, the case the preposition governs)
SETTLED = [
    # над + a person: the instrumental only (над + accusative is archaic); was also accusative in TiMe
    ("Все смеялись над Самойленко.", "Все смеялись надо мной.", "Все смеялись над тобой.", "ablt"),
    ("Надо Самойленко посмеялись.", "Надо мной посмеялись.", "Над тобой посмеялись.", "ablt"),
    # подобно + dative: was missing in TiMe
    ("Он поступил подобно Самойленко.", "Он поступил подобно мне.", "Он поступил подобно тебе.", "datv"),
    # пред + instrumental, предо before мной like передо: was missing in TiMe
    ("Он склонился пред Самойленко.", "Он склонился предо мной.", "Он склонился пред тобой.", "ablt"),
    # согласно + dative: was missing in names
    ("Всё сделано согласно Самойленко.", "Всё сделано согласно мне.", "Всё сделано согласно тебе.", "datv"),
    # чрез (= через) + accusative: was missing in names
    ("Он передал письмо чрез Самойленко.", "Он передал письмо чрез меня.", "Он передал письмо чрез тебя.", "accs"),
    # меж (= между) + instrumental: was missing in names
    ("Он сел меж Самойленко и доктором.", "Он сел меж мной и доктором.", "Он сел меж тобой и доктором.", "ablt"),
]


@pytest.mark.parametrize("sentence, me, ti, case", SETTLED)
def test_time_stage_writes_the_case_the_preposition_governs(sentence, me, ti, case):
    assert rewrite_line("@" + sentence, {NAME: "я"}, "me") == "@" + me
    assert rewrite_line("@" + sentence, {NAME: "ты"}, "ti") == "@" + ti


@pytest.mark.parametrize("sentence, me, ti, case", SETTLED)
def test_names_stage_votes_the_same_case(sentence, me, ti, case):
    governed = preposition_cases(sentence, sentence.index(NAME))
    assert governed == PREPOSITION_CASES[sentence.split(NAME)[0].split()[-1].lower()]
    # natasha's tag ("nomn" here) loses to the preposition where the preposition rules it out
    assert choose_case(name_cases(NAME), governed, "nomn") == case


@pytest.mark.parametrize("preposition, person, case, expected", [
    ("к", "me", "datv", "ко"), ("К", "me", "datv", "Ко"), ("ко", "ti", "datv", "к"),
    ("с", "me", "ablt", "со"), ("с", "me", "gent", "с"), ("о", "me", "loct", "обо"), ("об", "ti", "loct", "о"),
    ("над", "me", "ablt", "надо"), ("пред", "me", "ablt", "предо"), ("предо", "ti", "ablt", "пред"),
    ("перед", "me", "ablt", "передо"), ("под", "ti", "ablt", "под"), ("у", "me", "gent", "у"),
])
def test_preposition_before_a_pronoun(preposition, person, case, expected):
    assert preposition_before(preposition, person, case) == expected


@pytest.mark.parametrize("words, cases", [
    ("князя", {"gent", "accs"}),  # a title next to a name: its own cases
    ("дяде", {"datv", "loct"}),
    ("Элен", {"nomn", "gent", "datv", "accs", "ablt", "loct"}),  # indeclinable: any
])
def test_word_cases(words, cases):
    assert word_cases(words) == cases


def test_each_grammar_table_has_one_home():
    """The tables that used to be copied between names, pronouns and grammar are defined only in
    grammar.py (a copy elsewhere would drift again)."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "dataset_tools"
    tables = {"CASES", "PREPOSITION_CASES", "ABBREVIATIONS", "PARTICLE_SUFFIXES", "PERSONAL", "UD_TO_CASE",
              "CASE_TO_UD", "PYMORPHY_CASES", "PYMORPHY_TO_UD", "UD_GENDER"}
    homes: dict[str, list[str]] = {}
    for path in package.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                name = getattr(target, "id", "").lstrip("_")
                if name in tables or name in ("UD_CASES", "CASE_OF", "UD_CASE_OF"):
                    homes.setdefault(name, []).append(path.name)
    assert all(files == ["grammar.py"] for files in homes.values()), homes
