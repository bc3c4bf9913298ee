"""The project folder of a training run: checkpoints, resuming, and the final model saved atomically.

    PROJECT/checkpoint-N/       the Trainer's checkpoints (weights, optimizer, scheduler, RNG)
    PROJECT/time_train_args.json the settings of the run (ARGS_FILE), checked on resume
    PROJECT/train_summary.json  perplexity before/after, tokens/s, peak memory (SUMMARY_FILE)
    PROJECT/config.json, ...    the final model, written last

`newest_checkpoint` is the one answer to "which checkpoint is the newest complete one", used by
the training (to resume) and by chat.py (to talk to a run that has no final model yet).
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from ..textio import UserError
from .log import is_main_process, say, warn

ARGS_FILE = "time_train_args.json"
SUMMARY_FILE = "train_summary.json"
EVAL_BEFORE_FILE = "eval_before.json"  # the held-out loss before training, kept for a resumed run
# Settings that decide which batch comes at which step: a resumed run must use the same ones.
RESUME_KEYS = ("dataset_file", "src_model", "batch_size", "gas", "block_size", "eval_split", "seed",
               "lora", "load_in_4bit")
CHECKPOINT_RE = re.compile(r"checkpoint-(\d+)")
# The Trainer writes trainer_state.json last: a checkpoint without it was cut off while saving.
CHECKPOINT_DONE = "trainer_state.json"


def newest_checkpoint(project: Path, on_incomplete=None) -> Path | None:
    """The newest complete checkpoint-N in project, or None; on_incomplete(path) hears of each
    newer one that was skipped because it is half-written."""
    found = []
    for d in Path(project).glob("checkpoint-*"):
        m = CHECKPOINT_RE.fullmatch(d.name)
        if m and d.is_dir():
            found.append((int(m.group(1)), d))
    for _, d in sorted(found, reverse=True):
        if (d / CHECKPOINT_DONE).is_file():
            return d
        if on_incomplete is not None:
            on_incomplete(d)
    return None


def warn_incomplete(checkpoint: Path) -> None:
    warn(f"{checkpoint} недописан (обучение остановилось во время записи); пропускаю его")


def prepare_project(args, settings: dict) -> tuple[Path | None, bool]:
    """Create PROJECT_NAME or find the checkpoint to resume from.

    Returns (checkpoint or None, finished): finished means that checkpoint is the last step of
    the very run the user asks for again, so there is nothing left to train.
    """
    project = args.project_name
    if project.exists() and not project.is_dir():
        raise UserError(f"{project}: существует и это не папка; выберите другое --project-name")
    ours = (project / ARGS_FILE).is_file()
    if args.restart and ours:
        for d in project.glob("checkpoint-*"):
            shutil.rmtree(d)
        (project / EVAL_BEFORE_FILE).unlink(missing_ok=True)
        say(f"--restart: старые чекпойнты в {project} удалены")
    elif project.is_dir() and any(project.iterdir()) and not ours:
        raise UserError(f"{project}: папка существует, не пуста и не является папкой обучения этого скрипта; "
                        "выберите другое --project-name")
    last = None if args.restart or not project.is_dir() else newest_checkpoint(project, warn_incomplete)
    finished = False
    if last is not None and ours:
        old = json.loads((project / ARGS_FILE).read_text(encoding="utf-8"))
        changed = [k for k in RESUME_KEYS if old.get(k) != settings.get(k)]
        if changed:
            warn("продолжение с другими настройками: " + ", ".join(
                f"{k} ({old.get(k)} -> {settings.get(k)})" for k in changed)
                 + "; порядок батчей не совпадёт с прерванным обучением; --restart начнёт заново")
        state = json.loads((last / CHECKPOINT_DONE).read_text(encoding="utf-8"))
        same_length = (args.max_steps == state["max_steps"] if args.max_steps > 0
                       else old.get("max_steps", -1) <= 0 and old.get("epochs") == args.epochs)
        # The Trainer, resumed from its own last step, would still run one step more.
        finished = same_length and state["global_step"] >= state["max_steps"]
    if is_main_process():
        project.mkdir(parents=True, exist_ok=True)
        (project / ARGS_FILE).write_text(json.dumps(settings, ensure_ascii=False, indent=1), encoding="utf-8")
    return last, finished


def checkpoint_step(checkpoint: Path | None) -> int:
    if checkpoint is None:
        return 0
    return json.loads((checkpoint / CHECKPOINT_DONE).read_text(encoding="utf-8"))["global_step"]


def has_final_model(project: Path) -> bool:
    return (project / "config.json").is_file() or (project / "adapter_config.json").is_file()


FINAL_MODEL_FILE = re.compile(r"(config|generation_config|adapter_config|tokenizer|tokenizer_config|"
                              r"special_tokens_map|vocab|merges|added_tokens|chat_template)\.(json|txt|jinja)$|"
                              r".*\.(safetensors|bin)$|.*\.safetensors\.index\.json$|README\.md$")


def publish_final(tmp: Path, project: Path) -> None:
    """Move a saved model from tmp into PROJECT_NAME; config files last, so the folder only looks
    like a loadable model once every weight file is in place. Stale files of an earlier final
    model (say, an adapter_config.json from a LoRA run) are removed first."""
    for f in project.iterdir():
        if f.is_file() and FINAL_MODEL_FILE.fullmatch(f.name):
            f.unlink()
    new = sorted(tmp.iterdir(), key=lambda f: f.name in ("config.json", "adapter_config.json"))
    for f in new:
        os.replace(f, project / f.name)
    tmp.rmdir()
