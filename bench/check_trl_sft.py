"""Check by hand that TRL's SFTTrainer trains on our `messages` export with the chat template.

TRL is not a requirement of this project: run this in a venv of its own (docs/export.md, "TRL"):

    python3 -m venv /tmp/trl && /tmp/trl/bin/pip install torch==2.13.0
    /tmp/trl/bin/pip install -r requirements.txt trl
    /tmp/trl/bin/python bench/check_trl_sft.py                 # full loss, then assistant-only loss
    /tmp/trl/bin/python bench/check_trl_sft.py --steps 20 --keep /tmp/trl_run

A tiny GPT-2 (tests/tiny_model.py) gets `<char>` and the template from model_add_tokens.py; the
sample dialogues go through make_alpaca.py --format messages; SFTTrainer trains a few steps with
the plain loss and with assistant_only_loss=True. It prints the losses, checks that the loss is
finite and falls, and that the assistant-only labels cover exactly the replies.
"""
from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Проверка: TRL SFTTrainer учится на выгрузке --format messages.")
    parser.add_argument("--steps", type=int, default=8, help="шагов обучения на каждый вариант (по умолчанию 8)")
    parser.add_argument("--keep", type=Path, default=None, help="папка для модели и данных (по умолчанию временная)")
    return parser


def sample_raw_dialogs(path: Path) -> Path:
    """The sample dialogues of the tests as raw_dialogs.txt (FORMAT.md §4)."""
    from tests.tiny_model import SAMPLE_DIALOGUES

    raw = SAMPLE_DIALOGUES.replace("<char>", "@").replace("(", "|").replace(")", "|")
    path.write_text("\n".join([raw] * 3), encoding="utf-8")
    return path


def train(model_dir: Path, data: Path, out: Path, steps: int, assistant_only: bool) -> list[float]:
    import torch
    from datasets import load_dataset
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import SFTConfig, SFTTrainer

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForCausalLM.from_pretrained(model_dir)
    dataset = load_dataset("json", data_files=str(data), split="train")
    config = SFTConfig(output_dir=str(out), max_steps=steps, per_device_train_batch_size=4, learning_rate=3e-3,
                       logging_steps=1, save_strategy="no", report_to=[], use_cpu=True, max_length=128,
                       assistant_only_loss=assistant_only, dataloader_num_workers=0, seed=0)
    trainer = SFTTrainer(model=model, args=config, train_dataset=dataset, processing_class=tokenizer)
    example = trainer.train_dataset[0]
    if assistant_only:
        check_assistant_labels(tokenizer, example, dataset[0]["messages"])
    trainer.train()
    return [log["loss"] for log in trainer.state.log_history if "loss" in log]


def check_assistant_labels(tokenizer, example, messages) -> None:
    """The tokens the assistant-only loss trains on are the replies and their line ends."""
    # TRL 1.16 folds transformers' assistant_masks into the labels (-100 = not trained).
    mask = example["assistant_masks"] if "assistant_masks" in example else [x != -100 for x in example["labels"]]
    trained = tokenizer.decode([i for i, keep in zip(example["input_ids"], mask) if keep])
    replies = "".join(m["content"] + "\n" for m in messages if m["role"] == "assistant")
    assert trained == replies, (trained, replies)
    print(f"assistant-only: {sum(mask)} of {len(mask)} tokens of the first dialogue are trained: {trained!r}")


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    import transformers
    import trl

    import make_alpaca
    import model_add_tokens
    from tests.tiny_model import make_tiny_model

    work = args.keep or Path(tempfile.mkdtemp(prefix="trl_check_"))
    work.mkdir(parents=True, exist_ok=True)
    plain = make_tiny_model(work / "plain", with_char=False)
    model_dir = work / "tiny_for_train"
    assert model_add_tokens.main(["--src-model", str(plain), "--new-model", str(model_dir), "--overwrite"]) == 0
    data = work / "chats.jsonl"
    assert make_alpaca.main([str(sample_raw_dialogs(work / "raw_dialogs.txt")), str(data), "--format", "messages"]) == 0
    print(f"trl {trl.__version__}, transformers {transformers.__version__}")
    for assistant_only in (False, True):
        losses = train(model_dir, data, work / f"run_{int(assistant_only)}", args.steps, assistant_only)
        kind = "assistant_only_loss=True" if assistant_only else "full loss"
        print(f"{kind}: losses {', '.join(f'{x:.3f}' for x in losses)}")
        assert losses and all(math.isfinite(x) for x in losses), losses
        assert losses[-1] < losses[0], f"{kind}: the loss did not fall"
    print("ok: SFTTrainer trains on the messages export with the TiMe chat template")
    return 0


if __name__ == "__main__":
    sys.exit(main())
