"""TiMe (Ты–Я): every name in the dialogues becomes я / ты (FORMAT.md §6).

    from dataset_tools.pronouns import rewrite_line
    rewrite_line("@Вася, иди сюда! |крикнула Маша|", {"Вася": "я", "Маша": "я"}, "me")
        -> "@Иди сюда! |крикнула я|"
    rewrite_line("@Дай книгу Маши. |сказал Вася и смотрит|", {"Маши": "тебя", "Вася": "ты"}, "ti")
        -> "@Дай твою книгу. |сказал ты и смотришь|"

    python -m dataset_tools book.txt --out-dir out/ --from time    # after editing dict_me.py / dict_ti.py
    python -m dataset_tools book.txt --out-dir out/ --from time --debug-rules   # which rule fired where

Start with rules.py: the ordered rule lists. One module per concern: tokens (the tokens of a
segment), edits (the verdicts a rule returns and `apply`, the one place tokens change), mentions
(dictionary forms in the text), tags (natasha's morph tags), case (the case of a mention), values,
naming, address, possessive, pronoun, verbs (the rules, each with its words), lines (one replica:
analyse, tag, apply the rules, render). The stage itself is stages/time.py.

How one line is rewritten:
1. `find_mentions`: dictionary keys in the text, longest first, whole words; a title or kinship
   honorific in front is glued into the span (`князь Андрей`, `г. Лаевский`, `дядя Миша`).
2. The sentences holding a mention are morph-tagged by natasha (batched and cached; the
   other sentences are never tagged).
3. For each mention, left to right, MENTION_RULES run in order and the first one that returns
   verdicts has decided what the mention became; `edits.apply` carries them out. A verdict that
   wrote a personal pronoun then runs AROUND_PRONOUN_RULES (possessive before the name,
   preposition, capital letter, verb agreement), each applied before the next runs.
`fired`, a list given by the caller, collects (rule name, what it did) pairs from the verdicts:
`--debug-rules` prints them.

Dictionary values (docs/time.md): "" keeps the form; a form missing from the dictionary is not
touched; a standard pronoun form of the person (я/меня/мне/мной, мой/моя/…) is inflected by the
context where the form's case is ambiguous (`is_context_dependent`) and used as written
otherwise; any other value is written literally and no grammar rule touches it.
"""
from .lines import analyse, rewrite_line, rewrite_segments, segment_starts, sentences_to_tag
from .mentions import NameTable, find_mentions
from .rules import AROUND_PRONOUN_RULES, KEEPING, MENTION_RULES, REPLACING
from .tags import clear_tag_cache, tag_sentences
from .tokens import PERSONS, tokenize

__all__ = ["AROUND_PRONOUN_RULES", "KEEPING", "MENTION_RULES", "NameTable", "PERSONS", "REPLACING", "analyse",
           "clear_tag_cache", "find_mentions", "rewrite_line", "rewrite_segments", "segment_starts",
           "sentences_to_tag", "tag_sentences", "tokenize"]
