"""The `dataset` stage: dialogs + me + ti dialogues -> BASE_NAME.txt (FORMAT.md §4)."""
from __future__ import annotations

from ..files import DIALOGS, ME_DIALOGS, TI_DIALOGS, dataset_file
from ..formats import read_dialogues
from .context import Context


def run_dataset(ctx: Context) -> dict:
    """dataset.txt = dialogs + me + ti dialogues, blank-line separated."""
    parts, dialogues = [], 0
    for name in (DIALOGS, ME_DIALOGS, TI_DIALOGS):
        text = "\n".join(ctx.read_lines(name)).strip("\n")
        if text:
            parts.append(text)
            dialogues += len(read_dialogues(text.split("\n")))
    ctx.write(dataset_file(ctx.options.base_name), "\n\n".join(parts) + "\n" if parts else "")
    return {"диалогов в датасете": dialogues}
