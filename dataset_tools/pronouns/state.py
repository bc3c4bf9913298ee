"""What the rules of one line share."""
from __future__ import annotations

from dataclasses import dataclass, field

from .mentions import NameTable


@dataclass
class State:
    """What the rules of one line share."""

    person: str
    table: NameTable
    fired: list | None
    allow_address: bool = True
    verbs_after_remark: list = field(default_factory=list)  # segments whose first verb agrees

    def note(self, rule, what: str) -> None:
        """Note that `rule` (the rule function) decided, and what it did (shown by --debug-rules).
        Only edits.apply and the after-remark agreement (lines.py) call it."""
        if self.fired is not None:
            self.fired.append((rule.__name__, what))
