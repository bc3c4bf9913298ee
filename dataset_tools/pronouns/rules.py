"""The TiMe rules, in order: start reading here.

A rule inspects one mention and returns its verdicts (edits.py): which rule decided, what it did,
and the edits of the tokens that follow — `Replace`, `Delete`, `Capitalise`, `Prefix`, `Space`;
a verdict with no edits keeps the text. A rule never edits a token itself: `edits.apply` is the
one place that does, and it notes each verdict for `--debug-rules` and the stage summary (which
count by the rule functions themselves).

For each mention, left to right, MENTION_RULES run in order; the first that returns verdicts (not
None) has decided what the mention became, and its verdicts are applied. If it wrote a personal
pronoun (the verdict's `case`), AROUND_PRONOUN_RULES run next, in order, each seeing the tokens
after the verdicts of the rules before it.

Adding a rule: one function `rule(unit, m, state) -> list[Verdict] | None` (an around-pronoun
rule also takes the pronoun's case and returns a list, empty when it does nothing), in the
module of its concern with its words beside it; one line in a list below; one table row in
tests/test_pronouns.py.
"""
from __future__ import annotations

from .address import keep_lone_address, remove_address, remove_repeated_call
from .edits import apply
from .naming import keep_in_foreign_sentence, keep_naming_construction
from .possessive import possessive_adjective, possessive_before_name, possessive_genitive
from .pronoun import capital_letter, first_person_preposition, pronoun_in_case
from .state import State
from .tokens import Mention, Unit
from .values import keep_empty_value, write_literal_value
from .verbs import verb_agreement

MENTION_RULES = [
    keep_empty_value,
    write_literal_value,
    keep_naming_construction,
    remove_address,
    remove_repeated_call,
    keep_in_foreign_sentence,
    possessive_adjective,
    possessive_genitive,
    pronoun_in_case,
]


AROUND_PRONOUN_RULES = [
    possessive_before_name,
    first_person_preposition,
    capital_letter,
    verb_agreement,
]

# For the stage summary: the rules that replace a name, and those that keep it as written
# (keep_lone_address is how remove_address keeps an address that is the whole speech).
REPLACING = [pronoun_in_case, possessive_genitive, possessive_adjective, remove_address, remove_repeated_call,
             write_literal_value]
KEEPING = [keep_empty_value, keep_naming_construction, keep_lone_address, keep_in_foreign_sentence]


def rewrite_mention(unit: Unit, m: Mention, state: State) -> None:
    """Run the rules on one mention and apply their verdicts, rule after rule."""
    for rule in MENTION_RULES:
        verdicts = rule(unit, m, state)
        if verdicts is None:
            continue
        apply(unit, verdicts, state)
        case = next((v.case for v in verdicts if v.case), None)
        if case:
            for around in AROUND_PRONOUN_RULES:
                apply(unit, around(unit, m, case, state), state)
        return
