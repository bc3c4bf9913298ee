"""Fine-tune a GPT-2-class model on dataset.txt with the transformers Trainer.

    python model_train_gpt2.py --dataset-file dataset.txt --src-model gpt2_small_for_train --project-name finetune
    python model_train_gpt2.py --dataset-file dataset.txt --src-model gpt2_small_for_train --fp16      # NVIDIA GPU
    python model_train_gpt2.py --dataset-file dataset.txt --src-model gpt2_small_for_train --bf16 --gradient-checkpointing
    python model_train_gpt2.py --dataset-file dataset.txt --src-model rugpt3_for_train --lora --merge-lora
    python model_train_gpt2.py --dataset-file dataset.txt --src-model big_model --lora --load-in-4bit  # QLoRA, 1B+
    python model_train_gpt2.py --dataset-file dataset.txt --max-steps 200 --block-size 256 --eval-split 0.1
    torchrun --nproc_per_node 2 model_train_gpt2.py --dataset-file dataset.txt --fp16            # 2 GPUs, DDP
    accelerate launch --num_processes 2 model_train_gpt2.py --dataset-file dataset.txt --fp16
    torchrun --nproc_per_node 2 model_train_gpt2.py --dataset-file dataset.txt --fp16 --deepspeed docs/ds_zero2.json

Every dialogue of dataset.txt (blank-line separated) is one document; documents are joined with
the model's end-of-text token and packed into blocks of --block-size tokens, end-of-text kept in
the loss. A held-out share of the dialogues gives the perplexity before and after training.
Checkpoints go to PROJECT_NAME/checkpoint-N every --save-steps; running the same command again
resumes from the last complete one (optimizer state included); the final model and tokenizer are
saved into PROJECT_NAME itself, so `from_pretrained(PROJECT_NAME)` loads them.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import random
import re
import shutil
import sys
import time
import warnings
from pathlib import Path

from dataset_tools.formats import CHAR_TOKEN, read_dialogues
from dataset_tools.textio import UserError, read_text

ARGS_FILE = "time_train_args.json"
SUMMARY_FILE = "train_summary.json"
EVAL_BEFORE_FILE = "eval_before.json"  # the held-out loss before training, kept for a resumed run
# Settings that decide which batch comes at which step: a resumed run must use the same ones.
RESUME_KEYS = ("dataset_file", "src_model", "batch_size", "gas", "block_size", "eval_split", "seed",
               "lora", "load_in_4bit")


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="model_train_gpt2.py",
        description="Fine-tune a GPT-2-class model on dataset.txt (the Trainer, packing, "
                    "8-bit AdamW, fp16/bf16, resume, LoRA, multi-GPU).")
    p.add_argument("--dataset-file", type=Path, default=Path("dataset.txt"),
                   help="dialogues, one replica a line, blank line between dialogues (default: dataset.txt)")
    p.add_argument("--src-model", type=Path, default=Path("gpt2_small_for_train"),
                   help="local model directory made by model_add_tokens.py (default: gpt2_small_for_train)")
    p.add_argument("--project-name", type=Path, default=Path("finetune"),
                   help="output directory: checkpoints and the final model (default: finetune)")
    p.add_argument("--save-steps", type=int, default=500, help="checkpoint (and evaluate) every N steps (default: 500)")
    p.add_argument("--batch-size", type=int, default=1, help="blocks per step per GPU (default: 1)")
    p.add_argument("--gas", type=int, default=1, help="gradient accumulation steps (default: 1)")
    p.add_argument("--weight-decay", type=float, default=0.03, help="AdamW weight decay (default: 0.03)")
    p.add_argument("--lr", type=float, default=6e-5, help="learning rate (default: 0.00006)")
    p.add_argument("--optimizer", default="adamw_bnb_8bit",
                   help="Trainer optimizer name: adamw_bnb_8bit (default, 4x smaller state), adamw_torch, adafactor, ...")
    p.add_argument("--fp16", action="store_true", help="float16 mixed precision (NVIDIA GPU only)")
    p.add_argument("--bf16", action="store_true", help="bfloat16 mixed precision (RTX 30xx/A100 or newer, or a CPU with bf16)")
    p.add_argument("--epochs", type=float, default=3.0, help="passes over the data (default: 3)")
    p.add_argument("--max-steps", type=int, default=-1, help="stop after N optimizer steps (overrides --epochs)")
    p.add_argument("--block-size", type=int, default=0,
                   help="tokens per training block (default: the model's context, at most 1024)")
    p.add_argument("--gradient-checkpointing", action="store_true",
                   help="recompute activations in the backward pass: much less memory, ~30%% slower")
    p.add_argument("--eval-split", type=float, default=0.05,
                   help="held-out dialogues for perplexity: a fraction (<1) or a count (>=1); 0 = none (default: 0.05)")
    p.add_argument("--logging-steps", type=int, default=25, help="log loss, tokens/s and time left every N steps (default: 25)")
    p.add_argument("--warmup-steps", type=int, default=0, help="linear learning-rate warm-up steps (default: 0)")
    p.add_argument("--save-total-limit", type=int, default=2, help="keep the last N checkpoints (default: 2)")
    p.add_argument("--seed", type=int, default=42, help="random seed for the split, init and batch order (default: 42)")
    p.add_argument("--restart", action="store_true",
                   help="delete the checkpoints in --project-name and start from scratch instead of resuming")
    p.add_argument("--cpu", action="store_true", help="train on the CPU even if a GPU is present")
    lora = p.add_argument_group("LoRA (peft)")
    lora.add_argument("--lora", action="store_true",
                      help="train LoRA adapters (+ the <char> embedding row) instead of all weights")
    lora.add_argument("--lora-r", type=int, default=16, help="LoRA rank (default: 16)")
    lora.add_argument("--lora-alpha", type=int, default=32, help="LoRA alpha (default: 32)")
    lora.add_argument("--lora-dropout", type=float, default=0.05, help="LoRA dropout (default: 0.05)")
    lora.add_argument("--lora-targets", default="all-linear",
                      help="comma-separated module names to adapt, or all-linear (default)")
    lora.add_argument("--merge-lora", action="store_true",
                      help="save the final model with the adapters merged in (a plain model); "
                           "default: save only the adapter, which from_pretrained also loads")
    lora.add_argument("--load-in-4bit", action="store_true",
                      help="QLoRA: keep the frozen base weights in 4 bit (bitsandbytes), for 1B+ models")
    p.add_argument("--deepspeed", type=Path, default=None,
                   help="DeepSpeed config JSON (e.g. docs/ds_zero2.json); run under torchrun or deepspeed")
    return p


def say(*parts, **kw) -> None:
    """Print once, from the main process only (every torchrun process runs this script)."""
    if int(os.environ.get("RANK", "0")) == 0:
        print(*parts, **kw, flush=True)


def warn(text: str) -> None:
    say(f"warning: {text}", file=sys.stderr)


def main(argv: list[str] | None = None, callbacks: list | None = None) -> int:
    """Run the training; `callbacks` are extra TrainerCallbacks (for tests and scripts)."""
    args = make_parser().parse_args(argv)
    # transformers 5 warns about its own deprecated aliases (is_gradient_checkpointing) from
    # inside peft and the Trainer; nothing the user can act on.
    warnings.filterwarnings("ignore", category=FutureWarning, message=".*is deprecated and will be removed in v6")
    # bitsandbytes' CPU backend warns on import about an optional kernel from the Hub, which we
    # never download; the message only confuses.
    logging.getLogger("bitsandbytes.backends.cpu.ops").setLevel(logging.ERROR)
    logging.getLogger("transformers.trainer").addFilter(hide_tied_head_warning)
    try:
        return train(args, callbacks or [])
    except UserError as err:
        say(f"error: {err}", file=sys.stderr)
        return 2
    except ImportError as err:
        say(f"error: {err.name or err} is not installed in {sys.executable}; "
            "run: pip install -r requirements.txt", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        last = last_complete_checkpoint(args.project_name) if args.project_name.is_dir() else None
        where = f"the last checkpoint is {last}" if last else "no checkpoint was saved yet"
        say(f"interrupted: the final model was not written; {where}; run the same command to resume",
            file=sys.stderr)
        return 130


def hide_tied_head_warning(record: logging.LogRecord) -> bool:
    """On resume the Trainer warns that 'lm_head.weight' is missing from the checkpoint: GPT-2's
    output layer is tied to the input embedding, so it is never stored and is re-tied on load.
    The warning reads like a broken checkpoint and is not one; drop exactly that message."""
    msg = record.getMessage()
    return not (msg.startswith("There were missing keys in the checkpoint model loaded")
                and msg.endswith("['lm_head.weight']."))


def check_args(args) -> None:
    for name in ("save_steps", "batch_size", "gas", "logging_steps", "save_total_limit", "lora_r"):
        if getattr(args, name) < 1:
            raise UserError(f"--{name.replace('_', '-')} must be 1 or more")
    if args.block_size < 0 or args.eval_split < 0 or args.lr <= 0 or args.epochs <= 0:
        raise UserError("--block-size, --eval-split must be 0 or more; --lr, --epochs more than 0")
    if args.fp16 and args.bf16:
        raise UserError("choose one of --fp16 and --bf16 (in model_train_gpt2.sh: FP16=\"--bf16\")")
    if (args.merge_lora or args.load_in_4bit) and not args.lora:
        raise UserError("--merge-lora and --load-in-4bit go with --lora")
    from transformers.training_args import OptimizerNames

    names = [o.value for o in OptimizerNames]
    if args.optimizer not in names:
        raise UserError(f"unknown optimizer {args.optimizer!r}; use adamw_bnb_8bit, adamw_torch, "
                        f"adafactor or another of: {', '.join(names)}")
    if args.deepspeed is not None:
        if not args.deepspeed.is_file():
            raise UserError(f"{args.deepspeed}: DeepSpeed config not found (see docs/ds_zero2.json)")
        try:
            json.loads(args.deepspeed.read_text(encoding="utf-8"))
        except ValueError as err:
            raise UserError(f"{args.deepspeed}: not valid JSON ({err})")
        try:
            import deepspeed  # noqa: F401
        except ImportError:
            raise UserError("--deepspeed needs the deepspeed package (Linux + CUDA): pip install deepspeed")


# ---------------------------------------------------------------- data

def read_documents(path: Path) -> list[str]:
    """dataset.txt -> dialogues, each the replica lines joined with '\\n'."""
    text, encoding = read_text(path, what="dataset")
    docs = ["\n".join(lines) for lines in read_dialogues(text.split("\n"))]
    if not docs:
        raise UserError(f"{path}: no dialogues in the dataset file; build it with dataset_tools")
    if encoding not in ("utf-8", "utf-8-sig"):
        say(f"{path}: read as {encoding}")
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


def split_documents(docs: list[str], eval_split: float, seed: int) -> tuple[list[str], list[str]]:
    if eval_split <= 0:
        return docs, []
    groups = version_groups(docs)
    if len(groups) < 2:
        warn("too few dialogues for a held-out split; no perplexity will be reported")
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


class PackedBlocks:
    """Token ids packed into [n, block] rows; only the last row may be padded (labels -100 there)."""

    def __init__(self, docs: list[str], tokenizer, eos_id: int, block: int):
        import torch

        ids: list[int] = []
        batch = 1000
        for start in range(0, len(docs), batch):
            for doc_ids in tokenizer(docs[start:start + batch], add_special_tokens=False)["input_ids"]:
                ids.extend(doc_ids)
                ids.append(eos_id)  # the model learns where a dialogue ends
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


# ---------------------------------------------------------------- precision

def cpu_has_bf16() -> bool:
    """Native bf16 instructions (AVX512-BF16 / AMX). Without them bf16 on the CPU is emulated."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return bool(re.search(r"\b(avx512_bf16|amx_bf16)\b", flags))


def choose_precision(args, cuda: bool, torch) -> str:
    if args.fp16:
        if cuda:
            return "fp16"
        fallback = "bf16" if cpu_has_bf16() else "fp32"
        # accelerate drops fp16 on a machine without CUDA without a word; the user must know.
        warn(f"--fp16 needs an NVIDIA GPU with CUDA and there is none{' (--cpu)' if args.cpu else ''}; "
             f"training in {fallback} instead"
             + (" (this CPU has native bf16)" if fallback == "bf16" else " (this CPU has no native bf16)"))
        return fallback
    if args.bf16:
        if cuda and torch.cuda.get_device_capability()[0] < 8:
            raise UserError(f"--bf16: {torch.cuda.get_device_name()} has no bfloat16 "
                            "(it needs an RTX 30xx / A100 or newer); use --fp16")
        if not cuda and not cpu_has_bf16():
            warn("--bf16 on a CPU without native bf16 instructions is emulated and slow; drop it for fp32")
        return "bf16"
    return "fp32"


# ---------------------------------------------------------------- project folder

def last_complete_checkpoint(project: Path) -> Path | None:
    """The newest checkpoint-N with trainer_state.json (the Trainer writes that file last)."""
    found = []
    for d in project.glob("checkpoint-*"):
        m = re.fullmatch(r"checkpoint-(\d+)", d.name)
        if m and d.is_dir():
            found.append((int(m.group(1)), d))
    for _, d in sorted(found, reverse=True):
        if (d / "trainer_state.json").is_file():
            return d
        warn(f"{d} is incomplete (the run stopped while saving it); skipping it")
    return None


def prepare_project(args, settings: dict) -> tuple[Path | None, bool]:
    """Create PROJECT_NAME or find the checkpoint to resume from.

    Returns (checkpoint or None, finished): finished means that checkpoint is the last step of
    the very run the user asks for again, so there is nothing left to train.
    """
    project = args.project_name
    if project.exists() and not project.is_dir():
        raise UserError(f"{project}: exists and is not a directory; choose another --project-name")
    ours = (project / ARGS_FILE).is_file()
    if args.restart and ours:
        for d in project.glob("checkpoint-*"):
            shutil.rmtree(d)
        (project / EVAL_BEFORE_FILE).unlink(missing_ok=True)
        say(f"--restart: removed the old checkpoints in {project}")
    elif project.is_dir() and any(project.iterdir()) and not ours:
        raise UserError(f"{project}: exists, is not empty and is not a training folder of this script; "
                        "choose another --project-name")
    last = None if args.restart else (last_complete_checkpoint(project) if project.is_dir() else None)
    finished = False
    if last is not None and ours:
        old = json.loads((project / ARGS_FILE).read_text(encoding="utf-8"))
        changed = [k for k in RESUME_KEYS if old.get(k) != settings.get(k)]
        if changed:
            warn("resuming with different " + ", ".join(f"{k} ({old.get(k)} -> {settings.get(k)})" for k in changed)
                 + ": the batch order will not match the interrupted run; use --restart to start over")
        state = json.loads((last / "trainer_state.json").read_text(encoding="utf-8"))
        same_length = (args.max_steps == state["max_steps"] if args.max_steps > 0
                       else old.get("max_steps", -1) <= 0 and old.get("epochs") == args.epochs)
        # The Trainer, resumed from its own last step, would still run one step more.
        finished = same_length and state["global_step"] >= state["max_steps"]
    if int(os.environ.get("RANK", "0")) == 0:
        project.mkdir(parents=True, exist_ok=True)
        (project / ARGS_FILE).write_text(json.dumps(settings, ensure_ascii=False, indent=1), encoding="utf-8")
    return last, finished


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


# ---------------------------------------------------------------- callbacks

def make_callbacks(precision: str, tokens_per_step: int, run_state: dict):
    from transformers import TrainerCallback

    class Speed(TrainerCallback):
        """Adds tokens/s and the estimated time left to every log line."""

        def on_train_begin(self, args, state, control, **kw):
            self.start, self.first_step = time.time(), state.global_step
            self.warm = None

        def on_step_end(self, args, state, control, **kw):
            if self.warm is None:  # the first step pays for lazy set-up (optimizer state, kernels)
                self.warm = (time.time(), state.global_step)

        def on_train_end(self, args, state, control, **kw):
            if self.warm and state.global_step > self.warm[1]:
                run_state["tokens_per_s_steady"] = round(
                    (state.global_step - self.warm[1]) * tokens_per_step / (time.time() - self.warm[0]))

        def on_log(self, args, state, control, logs=None, **kw):
            if not logs or "loss" not in logs:  # evaluation logs come outside train() too
                return
            done = state.global_step - self.first_step
            if done <= 0:
                return
            elapsed = time.time() - self.start
            logs["tokens_per_s"] = round(done * tokens_per_step / elapsed)
            left = (state.max_steps - state.global_step) * elapsed / done
            logs["time_left"] = time.strftime("%H:%M:%S", time.gmtime(left)) if left < 86400 else f"{left / 3600:.0f}h"
            run_state["tokens_per_s"] = logs["tokens_per_s"]

    class NanGuard(TrainerCallback):
        """Stops at the first NaN/inf loss, before a broken checkpoint is written."""

        def on_log(self, args, state, control, logs=None, **kw):
            # eval_loss too: a log window can average to a finite loss while the weights are
            # already NaN, and the checkpoint of this step would be saved right after.
            bad = [v for k, v in (logs or {}).items() if k in ("loss", "eval_loss") and not math.isfinite(v)]
            if not bad or "step" in run_state:
                return
            loss = bad[0]
            run_state["step"] = state.global_step
            control.should_training_stop = True
            control.should_save = False
            control.should_evaluate = False
            if precision == "fp16":
                advice = ("float16 overflows in GPT-2's attention and large activations, a known problem; "
                          "re-run without --fp16 (fp32), or with --bf16 on an RTX 30xx or newer, or lower --lr")
            else:
                advice = "the learning rate is too high for this model; re-run with a lower --lr"
            say(f"error: the loss became {loss} at step {state.global_step} ({precision}): {advice}. "
                "Checkpoints saved before this step are kept; use --restart to start over.", file=sys.stderr)

    return [Speed(), NanGuard()]


# ---------------------------------------------------------------- training

def train(args, extra_callbacks: list) -> int:
    check_args(args)
    from dataset_tools.modeling import char_token_id, load_tokenizer, locate_model

    model_dir, gguf_file = locate_model(args.src_model)
    docs = read_documents(args.dataset_file)
    train_docs, eval_docs = split_documents(docs, args.eval_split, args.seed)

    import torch
    from transformers import Trainer, TrainingArguments, default_data_collator, set_seed

    cuda = torch.cuda.is_available() and not args.cpu
    precision = choose_precision(args, cuda, torch)
    if args.load_in_4bit and not cuda and eval_docs:
        # bitsandbytes repacks 4-bit weights for its CPU inference kernel on the first evaluation,
        # after which the backward pass fails. QLoRA is meant for GPUs; on a CPU we train without eval.
        warn("--load-in-4bit on a CPU: held-out evaluation is turned off (bitsandbytes cannot train "
             "after evaluating 4-bit weights on a CPU)")
        train_docs, eval_docs = docs, []
    if args.deepspeed is not None and not cuda:
        raise UserError("--deepspeed needs NVIDIA GPUs; this machine has none")

    tokenizer = load_tokenizer(model_dir, gguf_file)
    eos_id = tokenizer.eos_token_id
    if eos_id is None:
        raise UserError(f"{model_dir}: the tokenizer has no end-of-text (eos) token to separate dialogues")
    char_id = char_token_id(tokenizer)
    data_has_char = any(CHAR_TOKEN in d for d in docs[:2000])
    if char_id is not None and not data_has_char:
        warn(f"{args.dataset_file} has no {CHAR_TOKEN} but the model has it: the dataset was not built "
             "with dataset_tools (its replicas should start with <char>); training on it anyway")
    if char_id is None and data_has_char:
        warn(f"the model has no {CHAR_TOKEN} token, so it is split into several pieces; "
             f"run model_add_tokens.py on {model_dir} first")

    context = getattr(tokenizer, "model_max_length", 0) or 0
    config_ctx = None
    from transformers import AutoConfig

    try:
        cfg = AutoConfig.from_pretrained(model_dir, gguf_file=gguf_file, local_files_only=True)
        # (GGUF: see load_model on n_ctx vs n_positions)
        config_ctx = ((getattr(cfg, "n_ctx", None) if gguf_file else None) or getattr(cfg, "n_positions", None)
                      or getattr(cfg, "max_position_embeddings", None))
    except (OSError, ValueError) as err:
        raise UserError(f"{model_dir}: cannot read the model config ({err})")
    context = config_ctx or (context if 0 < context < 1_000_000 else 1024)
    block = args.block_size or min(context, 1024)
    if block > context:
        raise UserError(f"--block-size {block} is longer than the model's context ({context} tokens)")
    args.block_size = block

    set_seed(args.seed)
    train_set = PackedBlocks(train_docs, tokenizer, eos_id, block)
    eval_set = PackedBlocks(eval_docs, tokenizer, eos_id, block) if eval_docs else None
    say(f"data: {len(docs)} dialogues -> train {len(train_docs)} ({train_set.tokens} tokens, "
        f"{len(train_set)} blocks of {block}), held out {len(eval_docs)}"
        + (f" ({eval_set.tokens} tokens)" if eval_set else "")
        + f"; the last block is padded with {block - train_set.last_len} tokens (not in the loss)")

    settings = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    resume_from, finished = prepare_project(args, settings)
    if finished and has_final_model(args.project_name):
        say(f"nothing left to train: {resume_from.name} is the last step of this run and the final "
            f"model is in {args.project_name} (raise --epochs/--max-steps to go on, --restart to start over)")
        return 0

    model = build_model(args, model_dir, gguf_file, precision, cuda, char_id, torch)

    run_state: dict = {}
    targs = TrainingArguments(
        output_dir=str(args.project_name),
        per_device_train_batch_size=args.batch_size,
        per_device_eval_batch_size=args.batch_size,
        gradient_accumulation_steps=args.gas,
        learning_rate=args.lr,
        weight_decay=args.weight_decay,
        optim=args.optimizer,
        num_train_epochs=args.epochs,
        max_steps=args.max_steps,
        warmup_steps=args.warmup_steps,
        fp16=precision == "fp16",
        bf16=precision == "bf16",
        use_cpu=not cuda,
        # transformers 5 name of gradient checkpointing. Non-reentrant checkpointing works with
        # frozen inputs (LoRA) without enable_input_require_grads.
        activation_checkpointing=args.gradient_checkpointing,
        activation_checkpointing_kwargs={"use_reentrant": False} if args.gradient_checkpointing else None,
        save_strategy="steps",
        save_steps=args.save_steps,
        save_total_limit=args.save_total_limit,
        eval_strategy="steps" if eval_set is not None else "no",
        eval_steps=args.save_steps,
        logging_steps=args.logging_steps,
        # The default filter hides NaN/inf losses from the logs; NanGuard must see them.
        logging_nan_inf_filter=False,
        report_to="none",
        seed=args.seed,
        dataloader_pin_memory=cuda,
        ddp_find_unused_parameters=False,
        deepspeed=str(args.deepspeed) if args.deepspeed else None,
    )
    world = targs.world_size  # processes started by torchrun / accelerate launch
    tokens_per_step = args.batch_size * args.gas * block * world
    trainer = Trainer(
        model=model,
        args=targs,
        train_dataset=train_set,
        eval_dataset=eval_set,
        # Packed blocks are all the same length and carry their own labels. Not
        # DataCollatorForLanguageModeling: with pad == eos it turns every end-of-text label into -100.
        data_collator=default_data_collator,
        processing_class=tokenizer,
        callbacks=make_callbacks(precision, tokens_per_step, run_state) + extra_callbacks,
    )
    say(f"training: {precision}, optimizer {args.optimizer}, lr {args.lr}, batch {args.batch_size} x gas "
        f"{args.gas} x {world} process(es) = {tokens_per_step} tokens/step, "
        f"{trainer.args.device}" + (", LoRA" if args.lora else ""))

    summary: dict = {"precision": precision}
    before_file = args.project_name / EVAL_BEFORE_FILE
    if eval_set is not None and resume_from is None:
        before = trainer.evaluate()["eval_loss"]
        if trainer.is_world_process_zero():
            before_file.write_text(json.dumps({"eval_loss_before": before}), encoding="utf-8")
        say(f"held-out perplexity before training: {perplexity(before):.2f}")
    if eval_set is not None and before_file.is_file():
        before = json.loads(before_file.read_text(encoding="utf-8"))["eval_loss_before"]
        summary.update(eval_loss_before=before, perplexity_before=perplexity(before))
    start_step = json.loads((resume_from / "trainer_state.json").read_text())["global_step"] if resume_from else 0

    if cuda:
        torch.cuda.reset_peak_memory_stats()
    started = time.time()
    try:
        if finished:
            # Trained to the end, but the final save did not happen (a crash right at the end).
            say(f"the run had finished at {resume_from.name}; saving its final model")
            trainer._load_from_checkpoint(str(resume_from))
            trainer.state.global_step = start_step
            result = None
        else:
            if resume_from is not None:
                say(f"resuming from {resume_from}")
            result = trainer.train(resume_from_checkpoint=str(resume_from) if resume_from else None)
    except torch.cuda.OutOfMemoryError:
        raise UserError("out of GPU memory: lower --block-size or --batch-size (raise --gas to keep the "
                        "effective batch), add --gradient-checkpointing, --fp16, or use --lora")
    if "step" in run_state:
        return 1
    steps = trainer.state.global_step - start_step
    summary.update(steps=trainer.state.global_step, seconds=round(time.time() - started, 2),
                   tokens_per_s=round(steps * tokens_per_step / max(time.time() - started, 1e-9)))
    if result is not None:
        summary["train_loss"] = result.training_loss
    if "tokens_per_s_steady" in run_state:
        summary["tokens_per_s_after_first_step"] = run_state["tokens_per_s_steady"]
    if eval_set is not None:
        after = trainer.evaluate()["eval_loss"]
        if not math.isfinite(after):
            say(f"error: the held-out loss is {after}; the final model was not saved. "
                "Re-run with a lower --lr" + (" or without --fp16" if precision == "fp16" else ""), file=sys.stderr)
            return 1
        summary.update(eval_loss=after, perplexity=perplexity(after))
        say(f"held-out perplexity: {perplexity(after):.2f} ({len(eval_docs)} dialogues)")
    summary["peak_memory_mb"] = peak_memory_mb(torch, cuda)
    save_final(trainer, args, model_dir, tokenizer, summary)
    return 0


def perplexity(loss: float) -> float:
    return math.exp(min(loss, 50.0))


def peak_memory_mb(torch, cuda: bool) -> float:
    if cuda:
        return round(torch.cuda.max_memory_allocated() / 2**20, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def build_model(args, model_dir: Path, gguf_file, precision: str, cuda: bool, char_id, torch):
    from dataset_tools.modeling import load_model

    if not args.lora:
        # Full fine-tuning keeps fp32 master weights; the Trainer's autocast does fp16/bf16.
        return load_model(model_dir, gguf_file, dtype=torch.float32)
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

    half = {"fp16": torch.float16, "bf16": torch.bfloat16}.get(precision, torch.float32)
    extra = {}
    if args.load_in_4bit:
        from transformers import BitsAndBytesConfig

        extra["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=half, bnb_4bit_use_double_quant=True)
        extra["device_map"] = {"": int(os.environ.get("LOCAL_RANK", "0")) if cuda else "cpu"}
    # The frozen base can sit in half precision: only the adapters (kept in fp32 by peft) are trained.
    model = load_model(model_dir.resolve(), gguf_file, dtype=half if cuda else torch.float32, **extra)
    if args.load_in_4bit:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=args.gradient_checkpointing)
    targets = "all-linear" if args.lora_targets == "all-linear" else [t.strip() for t in args.lora_targets.split(",")]
    from transformers.pytorch_utils import Conv1D

    config = LoraConfig(
        r=args.lora_r, lora_alpha=args.lora_alpha, lora_dropout=args.lora_dropout, target_modules=targets,
        task_type="CAUSAL_LM",
        # GPT-2 keeps its linear layers as Conv1D ([in, out] weights); 4-bit loading turns them into Linear.
        fan_in_fan_out=any(isinstance(m, Conv1D) for m in model.modules()),
        # The <char> row is new: LoRA alone cannot learn it. peft trains just that row (and, for
        # GPT-2's tied output layer, the same row of the output) instead of the whole embedding.
        trainable_token_indices=[char_id] if char_id is not None else None)
    try:
        model = get_peft_model(model, config)
    except ValueError as err:
        raise UserError(f"--lora-targets {args.lora_targets}: {err}")
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    say(f"LoRA r={args.lora_r}: {trainable / 1e6:.2f}M of {total / 1e6:.1f}M parameters trainable"
        + (f", including the {CHAR_TOKEN} row" if char_id is not None else ""))
    return model


def save_final(trainer, args, model_dir: Path, tokenizer, summary: dict) -> None:
    """Save the final model + tokenizer into PROJECT_NAME without ever leaving a half-written one."""
    import tempfile

    project = args.project_name
    tmp = Path(tempfile.mkdtemp(dir=project, prefix=".final-tmp-")) if trainer.is_world_process_zero() else None
    # save_model must run on every process (DeepSpeed gathers the weights); only process 0 writes.
    trainer.save_model(str(tmp) if tmp else str(project / ".final-unused"))
    trainer.accelerator.wait_for_everyone()
    if not trainer.is_world_process_zero():
        return
    tokenizer.save_pretrained(tmp)
    if args.lora and args.merge_lora:
        merged = merge_adapter(model_dir, tmp)
        for f in tmp.iterdir():
            f.unlink()
        merged.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        summary["merged_lora"] = True
    (tmp / SUMMARY_FILE).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    publish_final(tmp, project)
    kind = "LoRA adapter" if args.lora and not args.merge_lora else "model"
    say(f"saved the final {kind} and tokenizer to {project} (load it with from_pretrained('{project}'))")


def merge_adapter(model_dir: Path, adapter_dir: Path):
    """Full-precision base + the saved adapter, merged: exact even when training used 4-bit weights."""
    import torch
    import warnings

    from peft import PeftModel

    from dataset_tools.modeling import load_model, weights_tied

    base = load_model(model_dir.resolve(), dtype=torch.float32)
    tied = weights_tied(base)
    with warnings.catch_warnings():
        # An adapter trained on 4-bit Linear layers meets GPT-2's Conv1D here; peft flips
        # fan_in_fan_out itself and says so, which is exactly right.
        warnings.filterwarnings("ignore", message="fan_in_fan_out is set to False")
        merged = PeftModel.from_pretrained(base, adapter_dir).merge_and_unload()
    assert weights_tied(merged) == tied, "merging untied GPT-2's output layer"
    return merged


if __name__ == "__main__":
    sys.exit(main())
