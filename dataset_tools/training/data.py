"""dataset.txt -> the dialogues to train on: the wrong-file check, the held-out split, packed blocks.

    docs = read_documents(Path("out/dataset.txt"))          # UserError on raw_dialogs.txt or a book
    train, held = split_dialogues(docs, eval_split=0.05, seed=42)
    blocks = PackedBlocks(train, tokenizer, tokenizer.eos_token_id, block=1024)

`split_dialogues` is the held-out split of model_train_gpt2.py; model_eval.py takes the same one
(`held_out_of_project` reads the split settings a training run saved in its project folder).
"""
from __future__ import annotations

import json
import math
import random
from pathlib import Path

from ..formats import CHAR_TOKEN, read_dialogues
from ..textio import UserError, read_text
from .log import say, warn

RAW_DIALOGS_MARK = "@"  # raw_dialogs.txt writes a replica as `@speech |remark| speech` (FORMAT.md §4)
DATASET_HINT = "учите на out/dataset.txt, собранном dataset_tools"
PLAIN_TEXT_HINT = "или передайте --plain-text, чтобы нарочно учить на простом тексте"


def wrong_file_kind(lines: list[str]) -> str | None:
    """What a file that is not a dataset.txt looks like: 'raw_dialogs', 'plain' or None (it is one).

    A dataset.txt has replicas that start with <char>. raw_dialogs.txt has none: most of its lines
    start with @. A book (or any other text) has neither.
    """
    text_lines = [line for line in lines if line.strip()]
    if any(line.startswith(CHAR_TOKEN) for line in text_lines):
        return None
    raw = sum(line.startswith(RAW_DIALOGS_MARK) for line in text_lines)
    if text_lines and raw * 2 >= len(text_lines):
        return "raw_dialogs"
    return "plain"


def wrong_file_message(path: Path, kind: str) -> str:
    if kind == "raw_dialogs":
        return (f"{path}: это raw_dialogs.txt (реплики с @ и |ремарками|), а не обучающий файл; "
                f"{DATASET_HINT}, {PLAIN_TEXT_HINT}")
    return (f"{path}: в файле нет ни одной реплики {CHAR_TOKEN} — похоже на книгу или простой текст, "
            f"а не на dataset.txt; {DATASET_HINT}, {PLAIN_TEXT_HINT}")


def read_documents(path: Path, plain_text: bool = False) -> list[str]:
    """dataset.txt -> dialogues, each the replica lines joined with '\\n'.

    A file with no <char> replica (raw_dialogs.txt, a book) is refused with a UserError saying
    which file to use, unless plain_text: then its blank-line separated paragraphs are the documents.
    """
    text, encoding = read_text(path, what="dataset")
    lines = text.split("\n")
    kind = wrong_file_kind(lines)
    if kind is not None and not plain_text:
        raise UserError(wrong_file_message(path, kind))
    docs = ["\n".join(group) for group in read_dialogues(lines)]
    if not docs:
        raise UserError(f"{path}: в файле нет диалогов; соберите его через dataset_tools")
    if encoding not in ("utf-8", "utf-8-sig"):
        say(f"{path}: прочитан в кодировке {encoding}")
    return docs


def version_groups(docs: list[str]) -> list[list[int]]:
    """Indices of documents that are versions of one dialogue.

    dataset.txt is dialogs + me_dialogs + ti_dialogs (FORMAT.md §4): dialogue i, i+k and i+2k are
    the same dialogue with names turned into я / ты. Holding out only one of them would leak the
    others into training and make the held-out perplexity look better than it is.
    """
    k = len(docs) // 3
    if k and len(docs) == 3 * k and all(
            docs[i].count("\n") == docs[i + k].count("\n") == docs[i + 2 * k].count("\n") for i in range(k)):
        return [[i, i + k, i + 2 * k] for i in range(k)]
    return [[i] for i in range(len(docs))]


def split_dialogues(docs: list[str], eval_split: float, seed: int) -> tuple[list[str], list[str]]:
    """(train, held out): the held-out split of model_train_gpt2.py, deterministic for one seed.

    eval_split is a share (< 1) or a count (>= 1) of dialogues; 0 holds nothing out. The three
    versions of a dialogue (dialogs / me / ti) are held out together; at least one group stays
    for training. Both lists keep the order of the file.
    """
    if eval_split <= 0:
        return docs, []
    groups = version_groups(docs)
    if len(groups) < 2:
        warn("слишком мало диалогов, чтобы отложить часть: перплексии не будет")
        return docs, []
    want = int(eval_split) if eval_split >= 1 else max(1, round(len(docs) * eval_split))
    order = list(range(len(groups)))
    random.Random(seed).shuffle(order)
    held: set[int] = set()
    for g in order[:-1]:  # at least one group stays for training
        if len(held) >= want:
            break
        held.update(groups[g])
    train = [d for i, d in enumerate(docs) if i not in held]
    return train, [d for i, d in enumerate(docs) if i in held]


def held_out_of_project(project: Path, dataset: Path | None = None) -> list[str]:
    """The held-out dialogues of a finished training run, from the settings it saved.

    Reads time_train_args.json in the project folder (dataset_file, eval_split, seed, plain_text);
    `dataset` overrides the file it names (e.g. the same dataset.txt moved elsewhere).
    """
    from .project import ARGS_FILE

    args_file = Path(project) / ARGS_FILE
    try:
        settings = json.loads(args_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise UserError(f"{args_file}: не удалось прочитать настройки обучения ({err}); "
                        "это папка --project-name от model_train_gpt2.py?")
    path = Path(dataset) if dataset is not None else Path(settings["dataset_file"])
    docs = read_documents(path, plain_text=bool(settings.get("plain_text")))
    return split_dialogues(docs, float(settings.get("eval_split", 0.05)), int(settings.get("seed", 42)))[1]


class PackedBlocks:
    """Token ids packed into [n, block] rows; only the last row may be padded (labels -100 there).

    Documents are joined with end-of-text, which stays in the loss: the model learns where a
    dialogue ends (DataCollatorForLanguageModeling would mask it, GPT-2's pad being its eos).
    """

    def __init__(self, docs: list[str], tokenizer, eos_id: int, block: int):
        import torch

        ids: list[int] = []
        batch = 1000
        for start in range(0, len(docs), batch):
            for doc_ids in tokenizer(docs[start:start + batch], add_special_tokens=False)["input_ids"]:
                ids.extend(doc_ids)
                ids.append(eos_id)
        self.tokens = len(ids)
        rows = math.ceil(len(ids) / block)
        self.last_len = len(ids) - (rows - 1) * block
        ids.extend([eos_id] * (rows * block - len(ids)))
        self.blocks = torch.tensor(ids, dtype=torch.long).view(rows, block)

    def __len__(self) -> int:
        return self.blocks.shape[0]

    def __getitem__(self, i: int) -> dict:
        import torch

        input_ids = self.blocks[i]
        mask = torch.ones_like(input_ids)
        if i == len(self) - 1 and self.last_len < input_ids.shape[0]:
            mask[self.last_len:] = 0
        labels = input_ids.masked_fill(mask == 0, -100)
        return {"input_ids": input_ids, "attention_mask": mask, "labels": labels}
