"""The model to train (full fine-tuning, LoRA, QLoRA) and the final save (the adapter merged on request).

Attention is always PyTorch's scaled_dot_product_attention (attn_implementation="sdpa"), set
explicitly: it runs on every GPU the project supports, Pascal included, and on the CPU, while
FlashAttention 2 needs Ampere+ and the "eager" path is the slowest and the hungriest for memory.
"""
from __future__ import annotations

import json
import os
import tempfile
import warnings
from pathlib import Path

from ..formats import CHAR_TOKEN
from ..modeling import load_model, weights_tied
from ..textio import UserError
from .log import say
from .project import SUMMARY_FILE, publish_final

ATTENTION = "sdpa"


def build_model(args, model_dir: Path, gguf_file, precision: str, cuda: bool, char_id):
    """The model for the Trainer: fp32 weights for full fine-tuning, else a peft LoRA model."""
    import torch

    if not args.lora:
        # Full fine-tuning keeps fp32 master weights; the Trainer's autocast does fp16/bf16.
        return load_model(model_dir, gguf_file, dtype=torch.float32, attn_implementation=ATTENTION)
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
    from transformers.pytorch_utils import Conv1D

    half = {"fp16": torch.float16, "bf16": torch.bfloat16}.get(precision, torch.float32)
    extra = {}
    if args.load_in_4bit:
        from transformers import BitsAndBytesConfig

        extra["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=half, bnb_4bit_use_double_quant=True)
        extra["device_map"] = {"": int(os.environ.get("LOCAL_RANK", "0")) if cuda else "cpu"}
    # The frozen base can sit in half precision: only the adapters (kept in fp32 by peft) are trained.
    model = load_model(model_dir.resolve(), gguf_file, dtype=half if cuda else torch.float32,
                       attn_implementation=ATTENTION, **extra)
    if args.load_in_4bit:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=args.gradient_checkpointing)
    targets = "all-linear" if args.lora_targets == "all-linear" else [t.strip() for t in args.lora_targets.split(",")]
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
    say(f"LoRA r={args.lora_r}: обучается {trainable / 1e6:.2f}M из {total / 1e6:.1f}M параметров"
        + (f", включая строку {CHAR_TOKEN}" if char_id is not None else ""))
    return model


def save_final(trainer, args, model_dir: Path, tokenizer, summary: dict) -> None:
    """Save the final model + tokenizer into PROJECT_NAME without ever leaving a half-written one."""
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
    kind = "итоговый адаптер LoRA" if args.lora and not args.merge_lora else "итоговая модель"
    say(f"{kind} и токенизатор сохранены в {project} (загрузка: from_pretrained('{project}'))")


def merge_adapter(model_dir: Path, adapter_dir: Path):
    """Full-precision base + the saved adapter, merged: exact even when training used 4-bit weights."""
    import torch
    from peft import PeftModel

    base = load_model(model_dir.resolve(), dtype=torch.float32)
    tied = weights_tied(base)
    with warnings.catch_warnings():
        # An adapter trained on 4-bit Linear layers meets GPT-2's Conv1D here; peft flips
        # fan_in_fan_out itself and says so, which is exactly right.
        warnings.filterwarnings("ignore", message="fan_in_fan_out is set to False")
        merged = PeftModel.from_pretrained(base, adapter_dir).merge_and_unload()
    assert weights_tied(merged) == tied, "merging untied GPT-2's output layer"
    return merged
