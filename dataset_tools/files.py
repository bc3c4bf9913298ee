"""Names of the files the pipeline writes into the output directory (FORMAT.md §4, §6, §8).

A leaf module: it imports nothing from the package, so every stage and every tool may import it.
"""
from __future__ import annotations

# FORMAT.md §4
DIALOGS = "dialogs.txt"
RAW_DIALOGS = "raw_dialogs.txt"
UNPARSED = "unparsed_replicas.txt"  # replicas the dialogues stage could not parse, with why
DICT_ME = "dict_me.py"
DICT_TI = "dict_ti.py"
ME_DIALOGS = "me_dialogs.txt"
TI_DIALOGS = "ti_dialogs.txt"
RAW_ME_DIALOGS = "raw_me_dialogs.txt"
RAW_TI_DIALOGS = "raw_ti_dialogs.txt"
DEFAULT_BASE_NAME = "dataset"
MANIFEST = "manifest.json"  # what every output of the folder was built from (manifest.py, docs/runs.md)

# Reserved for the stages being built (FORMAT.md §6, §8): claim a name here before writing it.
REVIEW = "review.tsv"  # TiMe stage: me/ti lines a person should look at
SPEAKERS = "speakers.tsv"  # speakers stage: who says each replica of dialogs.txt
CHARACTERS = "characters.tsv"  # speakers stage: the people who speak, with their name forms
PERSONA_DIALOGS = "persona_dialogs.txt"  # --persona NAME
PERSONA_SPEAKERS = "persona_speakers.tsv"  # --persona NAME: role of each line
RAW_PERSONA_DIALOGS = "raw_persona_dialogs.txt"  # --persona NAME: the same in the raw format, for make_alpaca.py


def dataset_file(base_name: str | None) -> str:
    """The fine-tuning file: BASE_NAME.txt (`dataset.txt` by default)."""
    return f"{base_name or DEFAULT_BASE_NAME}.txt"
