"""The run's options, typed: what the command line sets and every stage reads.

The defaults live here once; `cli.make_parser` takes its defaults from this class.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from .files import DEFAULT_BASE_NAME


@dataclass(frozen=True)
class Options:
    base_name: str = DEFAULT_BASE_NAME  # the final file is BASE_NAME.txt
    max_gap: int = 1  # narration paragraphs allowed between two replicas of one dialogue
    join: bool | None = None  # re-join hard-wrapped lines: None = detect per book
    layout: str = "auto"  # paragraphs: auto (detect per book), blank, indent or lines (normalize.split_book)
    force: bool = False  # overwrite dictionaries the user edited
    strict: bool = False  # stop when a book is not a readable text (default: name it and skip it)
    workers: int = 1  # worker processes for several books
    debug_rules: bool = False  # print which rule fired
    quiet: bool = False  # print only the summary
    persona: str | None = None  # speakers stage: write the persona files for this character

    @classmethod
    def from_namespace(cls, namespace) -> Options:
        """The options of a parsed argparse namespace; attributes it lacks keep their defaults."""
        given = {}
        for f in fields(cls):
            value = getattr(namespace, f.name, None)
            if value is not None or f.name == "join" and hasattr(namespace, "join"):
                given[f.name] = value
        return cls(**given)
