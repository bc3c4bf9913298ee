"""TrainingArguments of model_train_gpt2.py, the perplexity before training, and the memory figures."""
from __future__ import annotations

import json
import math
from pathlib import Path

from .log import say
from .precision import PrecisionChoice
from .project import EVAL_BEFORE_FILE


def training_arguments(args, choice: PrecisionChoice, cuda: bool, has_eval: bool):
    from transformers import TrainingArguments

    return TrainingArguments(
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
        fp16=choice.precision == "fp16",
        bf16=choice.precision == "bf16",
        torch_compile=choice.compile,
        use_cpu=not cuda,
        # transformers 5 name of gradient checkpointing. Non-reentrant checkpointing works with
        # frozen inputs (LoRA) without enable_input_require_grads.
        activation_checkpointing=args.gradient_checkpointing,
        activation_checkpointing_kwargs={"use_reentrant": False} if args.gradient_checkpointing else None,
        save_strategy="steps",
        save_steps=args.save_steps,
        save_total_limit=args.save_total_limit,
        eval_strategy="steps" if has_eval else "no",
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


def eval_before(trainer, project: Path, eval_set, resume_from) -> dict:
    """The held-out loss before training: measured on a fresh run, read back on a resumed one."""
    if eval_set is None:
        return {}
    before_file = project / EVAL_BEFORE_FILE
    if resume_from is None:
        before = trainer.evaluate()["eval_loss"]
        if trainer.is_world_process_zero():
            before_file.write_text(json.dumps({"eval_loss_before": before}), encoding="utf-8")
        say(f"перплексия на отложенной части до обучения: {perplexity(before):.2f}")
    if not before_file.is_file():
        return {}
    before = json.loads(before_file.read_text(encoding="utf-8"))["eval_loss_before"]
    return {"eval_loss_before": before, "perplexity_before": perplexity(before)}


def perplexity(loss: float) -> float:
    return math.exp(min(loss, 50.0))


def reset_peak_memory(cuda: bool) -> None:
    if cuda:
        import torch

        torch.cuda.reset_peak_memory_stats()


def peak_memory_mb(cuda: bool) -> float:
    if cuda:
        import torch

        return round(torch.cuda.max_memory_allocated() / 2**20, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux
