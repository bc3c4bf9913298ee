"""The TiMe rules, in order: start reading here.

For each mention, left to right, MENTION_RULES run in order; the first that returns True has
decided what the mention became. A rule that writes a personal pronoun then runs
AROUND_PRONOUN_RULES. Adding a rule: one function (in the module of its concern, its words
beside it), one line in a list below, one table row in tests/test_pronouns.py.
"""
from __future__ import annotations

from .address import keep_lone_address, remove_address
from .naming import keep_naming_construction
from .possessive import possessive_adjective, possessive_before_name, possessive_genitive
from .pronoun import capital_letter, first_person_preposition, pronoun_in_case
from .values import keep_empty_value, write_literal_value
from .verbs import verb_agreement

MENTION_RULES = [
    keep_empty_value,
    write_literal_value,
    keep_naming_construction,
    remove_address,
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
REPLACING = [pronoun_in_case, possessive_genitive, possessive_adjective, remove_address, write_literal_value]
KEEPING = [keep_empty_value, keep_naming_construction, keep_lone_address]
