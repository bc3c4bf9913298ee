"""The registry of review.tsv's checks: CHECKS runs on every rewritten line, UNCHANGED_CHECKS on a line
the rewrite did not touch (rows.py runs them). Each check is a small named function over an aligned Pair
(words.py) that returns what an editor would circle, as (first word, last word) of the rewritten line.

The checks live in modules by what they test; to add one, write it in the module of its kind (or a new
`*_checks.py`) and list it here, where its place in the list is its place in review.tsv:
- pronoun_checks.py: the grammar of the new pronoun (case, preposition, the verb's person);
- address_checks.py: addresses kept or removed, and the traces a removal leaves;
- name_checks.py: names left, names the dictionary lacks, places and titles of works;
- context_checks.py, source_checks.py, clause_checks.py, comma_checks.py, phrase_checks.py,
  grammar_checks.py, form_checks.py, leftover_checks.py: the checks of later rounds (docs/time.md), each list in its module;
- book_checks.py: checks that read the whole book (book.py).
"""
from __future__ import annotations

from collections.abc import Callable

from .address_checks import address_left_as_pronoun, address_without_listener, broken_punctuation, lower_case_start
from .book_checks import name_also_written_small, name_given_in_answer, rare_common_noun_as_name
from .clause_checks import CLAUSE_CHECKS
from .comma_checks import COMMA_CHECKS
from .context_checks import CONTEXT_CHECKS
from .form_checks import FORM_CHECKS, latin_name_left
from .grammar_checks import GRAMMAR_CHECKS
from .leftover_checks import LEFTOVER_CHECKS, first_name_left
from .name_checks import name_left, name_not_in_dictionary, name_part_left, place_or_work
from .phrase_checks import PHRASE_CHECKS
from .pronoun_checks import (preposition_case, preposition_form, pronoun_case_in_context, two_pronouns,
                             verb_not_agreed, verb_without_subject)
from .source_checks import SOURCE_CHECKS
from .words import Pair

Span = tuple[int, int]


CHECKS: list[Callable[[Pair], list[Span]]] = [
    two_pronouns,
    preposition_case,
    preposition_form,
    verb_not_agreed,
    verb_without_subject,
    address_left_as_pronoun,
    address_without_listener,
    pronoun_case_in_context,
    name_left,
    name_not_in_dictionary,
    place_or_work,
    name_part_left,
    lower_case_start,
    broken_punctuation,
    *CONTEXT_CHECKS,
    *SOURCE_CHECKS,
    *CLAUSE_CHECKS,
    *COMMA_CHECKS,
    *PHRASE_CHECKS,
    *GRAMMAR_CHECKS,
    *FORM_CHECKS,
    *LEFTOVER_CHECKS,
    rare_common_noun_as_name,
    name_given_in_answer,
    name_also_written_small,
]


UNCHANGED_CHECKS = [name_left, name_not_in_dictionary, latin_name_left, first_name_left]  # a line the rewrite did not touch
