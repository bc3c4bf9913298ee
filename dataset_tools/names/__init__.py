"""The people of a book and every form their names take (the `names` stage is stages/names.py).

    from dataset_tools.names import find_name_mentions, build_mappings
    mentions = find_name_mentions(paragraphs)        # every person-name mention in the book
    me_map, ti_map = build_mappings(mentions)        # {"Ивана Андреича": "меня", ...}, {...: "тебя"}

Modules: forms (the morphology of one name form, shared with the TiMe stage), tokens (words and
full-name spans), rules (the two rule passes), context (the case in context, the dictionary
entries), finder (the whole search).

How a book is read (docs/names.md has the details and the evaluation):

1. natasha's NER tags PER spans over the whole book, narration included.
2. The words of those spans (and capitalised words right after a title: `m-lle Blanche`) propose
   the book's name lemmas. LEMMA_RULES, in order, accept or reject each from book-wide
   evidence: is it capitalised mid-sentence, ever written in lower case, tagged PER mid-sentence,
   read by pymorphy3 as a Name/Surn/Patr, tagged a place more often than a person?
3. TOKEN_RULES then tag every capitalised occurrence of an accepted lemma, tagged by NER or not
   (NER misses some mentions and tags sentence-initial imperatives and interjections).
4. Neighbouring name words that agree in case and make a name pattern (Имя Отчество Фамилия)
   are one span; `фон`, `де` and initials join the name. Titles (князь, г-н) stay outside.
5. Possessive adjectives of the book's first names (Петина, Машиной) are found by their -ин- stem.
6. The case of forms that do not show it (Самойленко, Blanche, Ростова) is voted from natasha's
   morph tags in context; `is_context_dependent` tells the TiMe stage which forms these are.
"""
from .context import build_mappings, tag_context_cases, vote_reading
from .finder import NameSearch, find_name_mentions, search_names
from .forms import (PARTICLES, TITLES, WORD_RE, is_context_dependent, is_title, main_lemma, name_cases,
                    possessive_for_reading, possessive_readings)
from .rules import LEMMA_RULES, TOKEN_RULES, LemmaEvidence
from .tokens import Mention, Token

__all__ = ["LEMMA_RULES", "PARTICLES", "TITLES", "TOKEN_RULES", "WORD_RE", "LemmaEvidence", "Mention", "NameSearch",
           "Token", "build_mappings", "find_name_mentions", "is_context_dependent", "is_title", "main_lemma",
           "name_cases", "possessive_for_reading", "possessive_readings", "search_names", "tag_context_cases",
           "vote_reading"]
