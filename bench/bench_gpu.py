"""GPU benchmark of the training settings: precision, optimizer, packing, batch, model size.

    python bench/bench_gpu.py --out /tmp/gpu.md                    # the whole grid, on the GPU
    python bench/bench_gpu.py --models 124m --batch-sizes 8 --steps 30   # a part of it
    python bench/bench_gpu.py --dataset out/dataset.txt --tokenizer gpt2_small_for_train  # real dialogues
    python bench/bench_gpu.py --dry-run                            # CPU, tiny model: checks the script itself

Every run trains a GPT-2 built from GPT2Config (random weights, nothing downloaded) with the real
Trainer, SDPA attention and the precision decision of model_train_gpt2.py
(dataset_tools.training.precision): a combination the device refuses (bf16 before Ampere) or
would silently change (fp16 on a CPU) is reported as such, not run.
  models      124m (GPT-2 small: 12 x 768) and 760m (GPT-2 large: 36 x 1280), vocabulary 50258
  precision   fp32 / fp16 / bf16 (Trainer autocast, fp32 master weights)
  optimizer   adamw_torch / adamw_bnb_8bit
  packing     on: dialogues joined with end-of-text into full blocks (model_train_gpt2.py);
              off: one dialogue per example, padded per batch (DataCollatorForLanguageModeling)
  batch       1 and 8 blocks (or dialogues) per step
Measured per run: tokens/s (real text tokens, padding excluded, from the end of step 1 to the
last step), peak GPU memory (torch.cuda.max_memory_allocated), and MFU = model FLOPs per token
(6N + 12·L·d·T, as in PaLM / nanoGPT) x tokens/s / the device's peak for that precision
(table below, or --peak-tflops). Ratios are to the baseline of the same model and batch in the
same run: fp32, adamw_torch, packing off. Without --dataset the dialogues are random token ids
with dialogue lengths drawn from a log-normal (median 150 tokens), seeded: the speed of a
step does not depend on which tokens it sees, only on how many and how they are padded.
"""
from __future__ import annotations

import contextlib
import json
import math
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # a script in bench/: the project's modules live one level up

from dataset_tools.argparse_ru import russian_parser  # noqa: E402
from dataset_tools.textio import UserError  # noqa: E402
from dataset_tools.training.precision import Device, choose_precision, current_device  # noqa: E402

VOCAB = 50258  # GPT-2 + <char>
MODELS = {  # name: (layers, width, heads)
    "124m": (12, 768, 12),
    "760m": (36, 1280, 20),
    "tiny": (2, 64, 2),  # --dry-run
}
# Dense peak TFLOPS by device name and precision (NVIDIA data sheets; fp32 without TF32, which
# PyTorch leaves off for matmuls by default). fp16/bf16: tensor cores, fp32 accumulate.
PEAK_TFLOPS = {
    "H200": {"fp32": 67, "fp16": 989, "bf16": 989},
    "H100": {"fp32": 67, "fp16": 989, "bf16": 989},
    "A100": {"fp32": 19.5, "fp16": 312, "bf16": 312},
    "L4": {"fp32": 30.3, "fp16": 121, "bf16": 121},
    "RTX 4090": {"fp32": 82.6, "fp16": 165, "bf16": 165},
    "RTX 3090": {"fp32": 35.6, "fp16": 71, "bf16": 71},
    "V100": {"fp32": 15.7, "fp16": 125},
    "T4": {"fp32": 8.1, "fp16": 65},
    "GTX 1080 Ti": {"fp32": 11.3, "fp16": 0.18},
    "GTX 1080": {"fp32": 8.9, "fp16": 0.14},
    "GTX 1070": {"fp32": 6.5, "fp16": 0.1},
    "GTX 1060": {"fp32": 4.4, "fp16": 0.07},
}


def make_parser():
    p = russian_parser(prog="bench/bench_gpu.py",
                                description="Скорость и память обучения на GPU: точность, оптимизатор, packing, "
                                            "батч, размер модели")
    p.add_argument("--models", default="124m,760m", help="через запятую из 124m, 760m (по умолчанию обе)")
    p.add_argument("--precisions", default="fp32,fp16,bf16", help="через запятую из fp32, fp16, bf16")
    p.add_argument("--optimizers", default="adamw_torch,adamw_bnb_8bit", help="оптимизаторы Trainer через запятую")
    p.add_argument("--packing", default="on,off", help="on, off или on,off")
    p.add_argument("--batch-sizes", default="1,8", help="размеры батча через запятую (1,8)")
    p.add_argument("--block-size", type=int, default=1024, help="длина блока в токенах (1024)")
    p.add_argument("--steps", type=int, default=20, help="шагов на запуск; первый не считается (20)")
    p.add_argument("--dataset", type=Path, default=None, help="dataset.txt: брать длины и токены настоящих диалогов")
    p.add_argument("--tokenizer", type=Path, default=None, help="папка токенизатора для --dataset")
    p.add_argument("--peak-tflops", type=float, default=None, help="пиковые TFLOPS устройства для MFU, если его нет в таблице")
    p.add_argument("--out", type=Path, default=None, help="записать таблицу markdown и JSON-строки рядом (.jsonl)")
    p.add_argument("--dry-run", action="store_true",
                   help="на CPU, крошечная модель, 2 шага, fp32/fp16 x packing on/off: проверить, что скрипт работает")
    return p


@dataclass
class Result:
    model: str
    precision: str
    optimizer: str
    packing: bool
    batch: int
    status: str = "ok"          # ok, n/a (the device refuses it), OOM
    tokens_per_s: float = 0.0
    peak_memory_mb: float = 0.0
    mfu: float | None = None
    vs_baseline: float | None = None
    note: str = ""


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    import torch

    if args.dry_run:  # the smallest grid that still goes through every code path
        args.models, args.batch_sizes, args.block_size, args.steps = "tiny", "1", 64, 2
        args.precisions, args.optimizers = "fp32,fp16", "adamw_torch"
    device = current_device(torch, force_cpu=args.dry_run)
    if not device.cuda and not args.dry_run:
        print("ошибка: GPU нет; для проверки скрипта на CPU есть --dry-run", file=sys.stderr)
        return 2
    dialogues = load_dialogues(args)
    results = []
    for model_name in split(args.models):
        for batch in map(int, split(args.batch_sizes)):
            for precision in split(args.precisions):
                for optimizer in split(args.optimizers):
                    for packing in (p == "on" for p in split(args.packing)):
                        result = run_one(args, device, dialogues, model_name, precision, optimizer, packing, batch)
                        print(json.dumps(asdict(result), ensure_ascii=False), flush=True)
                        results.append(result)
    add_ratios(results)
    table = render(results, args, device)
    print(table)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table + "\n", encoding="utf-8")
        args.out.with_suffix(".jsonl").write_text(
            "".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in results), encoding="utf-8")
    return 0


def split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


# ---------------------------------------------------------------- data

def load_dialogues(args) -> list[list[int]]:
    """Token ids of each dialogue: real ones from --dataset, else random ids of realistic lengths."""
    vocab = VOCAB if not args.dry_run else 1000
    if args.dataset is not None:
        from dataset_tools.modeling import load_tokenizer
        from dataset_tools.training.data import read_documents

        if args.tokenizer is None:
            raise SystemExit("ошибка: с --dataset нужен --tokenizer (папка модели после model_add_tokens.py)")
        tokenizer = load_tokenizer(args.tokenizer)
        return tokenizer(read_documents(args.dataset), add_special_tokens=False)["input_ids"]
    rng = random.Random(0)
    count = 4000 if not args.dry_run else 64
    lengths = [max(8, min(args.block_size, round(rng.lognormvariate(math.log(150), 0.8)))) for _ in range(count)]
    return [[rng.randrange(1, vocab - 1) for _ in range(n)] for n in lengths]


class Packed:
    """Dialogues + end-of-text packed into full blocks, as model_train_gpt2.py trains."""

    def __init__(self, dialogues: list[list[int]], eos: int, block: int):
        ids = [t for d in dialogues for t in (*d, eos)]
        self.rows = [ids[i:i + block] for i in range(0, len(ids) - block + 1, block)]

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        import torch

        row = torch.tensor(self.rows[i])
        return {"input_ids": row, "attention_mask": torch.ones_like(row), "labels": row.clone()}


# ---------------------------------------------------------------- one run

def run_one(args, device: Device, dialogues, model_name, precision, optimizer, packing, batch) -> Result:
    result = Result(model_name, precision, optimizer, packing, batch)
    try:
        choice = choose_precision(device, precision)
    except UserError as err:
        result.status, result.note = "n/a", str(err)
        return result
    if choice.precision != precision:  # e.g. fp16 on a CPU would run in fp32: not what the row says
        result.status, result.note = "n/a", choice.notes[0]
        return result
    import torch

    try:
        measured = train_steps(args, device, dialogues, model_name, choice.precision, optimizer, packing, batch)
    except torch.cuda.OutOfMemoryError:
        result.status = "OOM"
        return result
    finally:
        if device.cuda:
            torch.cuda.empty_cache()
    result.tokens_per_s, result.peak_memory_mb, flops_per_token = measured
    peak = peak_flops(device, choice.precision, args.peak_tflops)
    if peak:
        result.mfu = flops_per_token * result.tokens_per_s / peak
    return result


def train_steps(args, device, dialogues, model_name, precision, optimizer, packing, batch):
    import torch
    from transformers import (
        AutoModelForCausalLM,
        DataCollatorForLanguageModeling,
        GPT2Config,
        PreTrainedTokenizerFast,
        Trainer,
        TrainerCallback,
        TrainingArguments,
    )

    from dataset_tools.training.build import ATTENTION

    layers, width, heads = MODELS[model_name]
    vocab = VOCAB if model_name != "tiny" else 1000
    eos = vocab - 1
    config = GPT2Config(vocab_size=vocab, n_positions=max(1024, args.block_size), n_layer=layers, n_embd=width,
                        n_head=heads, bos_token_id=eos, eos_token_id=eos, pad_token_id=eos)
    torch.manual_seed(0)
    # SDPA attention, as model_train_gpt2.py sets it (dataset_tools.training.build.ATTENTION).
    model = AutoModelForCausalLM.from_config(config, attn_implementation=ATTENTION, dtype=torch.float32)
    real_tokens: list[int] = []
    if packing:
        train_set, collator = Packed(dialogues, eos, args.block_size), None
    else:
        train_set = [{"input_ids": d[:args.block_size]} for d in dialogues]
        lm = DataCollatorForLanguageModeling(pad_only_tokenizer(PreTrainedTokenizerFast, eos), mlm=False)

        def collator(examples):
            out = lm(examples)
            real_tokens.append(int(out["attention_mask"].sum()))
            return out

    class Timer(TrainerCallback):
        def on_step_end(self, targs, state, control, **kw):
            if device.cuda:
                torch.cuda.synchronize()
            if state.global_step == 1:
                self.start = time.perf_counter()

        def on_train_end(self, targs, state, control, **kw):
            self.seconds = time.perf_counter() - self.start

    timer = Timer()
    targs = TrainingArguments(
        output_dir=str(Path("/tmp") / "bench_gpu_unused"), max_steps=args.steps, per_device_train_batch_size=batch,
        optim=optimizer, learning_rate=1e-4, fp16=precision == "fp16", bf16=precision == "bf16",
        use_cpu=not device.cuda, save_strategy="no", report_to="none", logging_steps=10**6, disable_tqdm=True,
        dataloader_pin_memory=device.cuda, seed=0)
    trainer = Trainer(model=model, args=targs, train_dataset=train_set, callbacks=[timer],
                      **({"data_collator": collator} if collator else {}))
    if device.cuda:
        torch.cuda.reset_peak_memory_stats()
    with contextlib.redirect_stdout(sys.stderr):  # the Trainer prints its metrics; stdout is ours
        trainer.train()
    measured_steps = args.steps - 1
    tokens = (measured_steps * batch * args.block_size if packing
              else sum(real_tokens[1:args.steps]))  # batch i is trained at step i + 1
    peak_mb = torch.cuda.max_memory_allocated() / 2**20 if device.cuda else cpu_peak_rss_mb()
    params = sum(p.numel() for p in model.parameters()) - model.transformer.wpe.weight.numel()
    seq = args.block_size if packing else tokens / max(1, measured_steps * batch)
    flops_per_token = 6 * params + 12 * layers * width * seq
    del trainer, model
    return round(tokens / timer.seconds, 1), round(peak_mb, 1), flops_per_token


def cpu_peak_rss_mb() -> float:
    """On the CPU (--dry-run): the process's peak RSS so far, not the run's own."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pad_only_tokenizer(cls, eos: int):
    """The LM collator needs a tokenizer only for its pad id; a one-token stand-in is enough."""
    from tokenizers import Tokenizer, models

    vocab = {f"<t{i}>": i for i in range(eos)} | {"<|endoftext|>": eos}
    tok = cls(tokenizer_object=Tokenizer(models.WordLevel(vocab, unk_token="<|endoftext|>")),
              pad_token="<|endoftext|>", eos_token="<|endoftext|>")
    return tok


def peak_flops(device: Device, precision: str, override: float | None) -> float | None:
    if override:
        return override * 1e12
    import re

    for name, peaks in PEAK_TFLOPS.items():  # longer names first where they share a prefix (1080 Ti)
        # whole words: "L4" is not the L40S, "GTX 1080" is not the GTX 10800
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", device.name) and precision in peaks:
            return peaks[precision] * 1e12
    return None


# ---------------------------------------------------------------- the table

def add_ratios(results: list[Result]) -> None:
    base = {(r.model, r.batch): r for r in results
            if r.status == "ok" and r.precision == "fp32" and r.optimizer == "adamw_torch" and not r.packing}
    for r in results:
        b = base.get((r.model, r.batch))
        if r.status == "ok" and b and b.tokens_per_s:
            r.vs_baseline = round(r.tokens_per_s / b.tokens_per_s, 2)


def render(results: list[Result], args, device: Device) -> str:
    source = f"dialogues from {args.dataset}" if args.dataset else "synthetic dialogue lengths"
    lines = [f"{device.name} (compute capability {device.sm}), block {args.block_size}, {args.steps} steps a run, {source}",
             "",
             "| model | batch | precision | optimizer | packing | tokens/s | vs baseline | peak memory, MB | MFU | note |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        speed = f"{r.tokens_per_s:.0f}" if r.status == "ok" else r.status
        ratio = f"{r.vs_baseline:.2f}x" if r.vs_baseline is not None else "—"
        memory = f"{r.peak_memory_mb:.0f}" if r.status == "ok" and r.peak_memory_mb else "—"
        mfu = f"{100 * r.mfu:.1f}%" if r.mfu is not None else "—"
        lines.append(f"| {r.model} | {r.batch} | {r.precision} | {r.optimizer} | {'on' if r.packing else 'off'} | "
                     f"{speed} | {ratio} | {memory} | {mfu} | {r.note[:80]} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
