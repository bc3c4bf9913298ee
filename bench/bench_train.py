"""Benchmark: tokens/s and peak memory of model_train_gpt2.py against a plain Trainer baseline.

    python bench/bench_train.py                                   # small CPU scale (~6 min on 2 cores)
    python bench/bench_train.py --steps 30 --block-size 1024 --batch-size 4 --variants baseline,ours,ours-fp16  # GPU
    python bench/bench_train.py --dataset dataset.txt --model gpt2_small_for_train --out docs/bench.md

Both sides train the same GPT-2-small-shaped model (124M parameters; random weights unless --model
is given) on the same dataset.txt, each in its own process so that peak memory is its own:
  baseline  the plain Trainer as a first script would use it: one dialogue per example, padded by
            DataCollatorForLanguageModeling, default optimizer (adamw_torch), fp32;
  ours-adamw model_train_gpt2.py with adamw_torch: what packing alone gives;
  ours      model_train_gpt2.py as shipped: packed blocks, 8-bit AdamW (bitsandbytes), fp32;
  ours-bf16 the same with --bf16 (a CPU with native bf16, RTX 30xx+); ours-fp16 for older GPUs.
tokens/s counts real text tokens (padding excluded) per second of training, from the end of the
first step (which pays for lazy set-up) to the last; tokens per CPU-second divides by the CPU time
of the process instead, which other jobs on a shared machine disturb far less than the wall clock.
Without --dataset, dataset.txt is built from the corpus with `python -m dataset_tools ... --stop
dialogues`; if that pipeline fails, from the dash-led paragraphs of the books (a stand-in, said so).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("TIME_CORPUS", ROOT.parent / "shared" / "corpus"))
DASHES = ("—", "–", "―", "--", "-")
# model_train_gpt2.py variants: (optimizer, precision flags)
OURS = {
    "ours-adamw": ("adamw_torch", []),          # packing alone
    "ours": ("adamw_bnb_8bit", []),             # packing + 8-bit AdamW: the defaults
    "ours-bf16": ("adamw_bnb_8bit", ["--bf16"]),
    "ours-fp16": ("adamw_bnb_8bit", ["--fp16"]),  # GPU only
}


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bench/bench_train.py",
                                description="tokens/s and peak memory: model_train_gpt2.py vs a plain Trainer")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"folder of *.txt books (default: {DEFAULT_CORPUS})")
    p.add_argument("--dataset", type=Path, default=None, help="use this dataset.txt instead of building one")
    p.add_argument("--model", type=Path, default=None,
                   help="use this model (with <char>) instead of a random GPT-2-small-shaped one")
    p.add_argument("--work-dir", type=Path, default=None, help="where to put the data and models (default: a temp dir)")
    p.add_argument("--steps", type=int, default=10, help="optimizer steps per run (default: 10)")
    p.add_argument("--block-size", type=int, default=256, help="block size for ours, truncation for the baseline (default: 256)")
    p.add_argument("--batch-size", type=int, default=2, help="examples per step, both sides (default: 2)")
    p.add_argument("--variants", default="baseline,ours-adamw,ours,ours-bf16",
                   help="comma-separated, from baseline, " + ", ".join(OURS) + " (default: baseline,ours-adamw,ours,ours-bf16)")
    p.add_argument("--repeats", type=int, default=2,
                   help="runs per variant; the fastest is reported, as timing noise only ever slows a run (default: 2)")
    p.add_argument("--out", type=Path, default=None, help="also write the markdown table to this file")
    p.add_argument("--run", default=None, help=argparse.SUPPRESS)  # internal: one run of one variant
    return p


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.run:
        print(json.dumps(run_baseline(args) if args.run == "baseline" else run_ours(args.run, args)))
        return 0
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="time-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    dataset, source = (args.dataset, "given") if args.dataset else build_dataset(args.corpus, work)
    model = args.model or build_model(args.corpus, dataset, work)
    print(f"dataset: {dataset} ({source}); model: {model}", flush=True)

    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    runs: dict[str, list[dict]] = {v: [] for v in variants}
    # Rounds of every variant in turn: a slow spell of a shared machine then hits all of them.
    for i in range(args.repeats):
        for variant in variants:
            print(f"running {variant} (round {i + 1}/{args.repeats}) ...", flush=True)
            runs[variant].append(run_variant(variant, args, dataset, model, work))
    rows = []
    for variant in variants:
        best = max(runs[variant], key=lambda r: r["tokens_per_s"])
        best["tokens_per_cpu_s"] = max(r["tokens_per_cpu_s"] for r in runs[variant])
        best["all_tokens_per_s"] = [r["tokens_per_s"] for r in runs[variant]]
        rows.append((variant, best))
    table = render(rows, args)
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")
    return 0


# ---------------------------------------------------------------- inputs

def build_dataset(corpus: Path, work: Path) -> tuple[Path, str]:
    books = sorted(corpus.glob("*.txt"))
    if not books:
        sys.exit(f"error: no *.txt books in {corpus}; pass --corpus DIR or --dataset FILE")
    out = work / "data"
    done = subprocess.run([sys.executable, "-m", "dataset_tools", *map(str, books), "--out-dir", str(out),
                           "--stop", "dialogues", "-q"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode == 0 and (out / "dialogs.txt").is_file():
        return out / "dialogs.txt", f"dataset_tools dialogues of {len(books)} books"
    reason = (done.stderr.strip().splitlines() or ["no output"])[-1][:200]
    print(f"note: the dataset_tools pipeline failed ({reason}); using a stand-in built from the "
          "dash-led paragraphs of the books", flush=True)
    return stand_in_dataset(books, work / "dataset_stand_in.txt"), f"stand-in from {len(books)} books"


def stand_in_dataset(books: list[Path], path: Path) -> Path:
    """Dash-led paragraphs as `<char>` replicas; one narration paragraph may stand inside a dialogue."""
    sys.path.insert(0, str(ROOT))
    from dataset_tools.textio import read_text

    dialogues, current, gap = [], [], 0
    for book in books:
        text, _ = read_text(book)
        for para in text.split("\n"):
            para = para.strip()
            dash = next((d for d in DASHES if para.startswith(d)), None)
            if dash:
                current.append("<char>" + para[len(dash):].strip())
                gap = 0
            elif para:
                gap += 1
                if gap > 1 and current:
                    dialogues.append(current)
                    current = []
        if current:
            dialogues.append(current)
            current = []
    path.write_text("\n\n".join("\n".join(d) for d in dialogues) + "\n", encoding="utf-8")
    return path


def build_model(corpus: Path, dataset: Path, work: Path) -> Path:
    """A randomly initialised GPT-2 small (12 layers, 768 wide, 1024 context) with a 50257-token
    byte-level BPE trained on the corpus, plus <char>: the shape of the model our users train."""
    out = work / "gpt2_small_random"
    if (out / "config.json").is_file():
        return out
    sys.path.insert(0, str(ROOT))
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast

    from dataset_tools.modeling import add_char_token

    start = time.time()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.glob("*.txt"))]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator((line for t in texts for line in t.split("\n")), trainers.BpeTrainer(
        vocab_size=50257, special_tokens=["<|endoftext|>"], show_progress=False,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    eos = "<|endoftext|>"
    tokenizer = GPT2TokenizerFast(tokenizer_object=tok, bos_token=eos, eos_token=eos, unk_token=eos, pad_token=eos)
    eos_id = tokenizer.eos_token_id
    model = GPT2LMHeadModel(GPT2Config(vocab_size=len(tokenizer), bos_token_id=eos_id, eos_token_id=eos_id,
                                       pad_token_id=eos_id))
    add_char_token(model, tokenizer)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    print(f"built {out}: {sum(p.numel() for p in model.parameters()) / 1e6:.0f}M parameters, "
          f"{len(tokenizer)} tokens, in {time.time() - start:.0f}s", flush=True)
    return out


# ---------------------------------------------------------------- the runs

def run_variant(variant: str, args, dataset: Path, model: Path, work: Path) -> dict:
    """One training run in a fresh process (its peak memory is its own); returns its measurements."""
    if variant != "baseline" and variant not in OURS:
        sys.exit(f"error: unknown variant {variant!r} (baseline, {', '.join(OURS)})")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--run", variant, "--dataset", str(dataset),
           "--model", str(model), "--work-dir", str(work), "--steps", str(args.steps),
           "--block-size", str(args.block_size), "--batch-size", str(args.batch_size)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"error: {variant} failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_timer():
    """A TrainerCallback timing steps 2..N (step 1 pays for lazy set-up), in wall-clock and in
    CPU seconds of this process: on a shared machine other jobs stretch the wall clock, while
    the CPU time a step needs stays about the same. Peak memory is taken at the end of training."""
    import resource

    import torch
    from transformers import TrainerCallback

    class Timer(TrainerCallback):
        def on_step_end(self, targs, state, control, **kw):
            if state.global_step == 1:
                self.wall, self.cpu = time.time(), time.process_time()

        def on_train_end(self, targs, state, control, **kw):
            self.wall, self.cpu = time.time() - self.wall, time.process_time() - self.cpu
            self.peak_mb = (torch.cuda.max_memory_allocated() / 2**20 if torch.cuda.is_available()
                            else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

    return Timer()


def measured(timer, tokens: int, **extra) -> dict:
    return {"tokens_per_s": round(tokens / timer.wall), "tokens_per_cpu_s": round(tokens / timer.cpu, 1),
            "peak_memory_mb": round(timer.peak_mb, 1), **extra}


def run_ours(variant: str, args) -> dict:
    """model_train_gpt2.py itself (its main), with the timer as an extra callback."""
    sys.path.insert(0, str(ROOT))
    import contextlib

    import model_train_gpt2

    optimizer, precision_flags = OURS[variant]
    project = args.work_dir / f"project-{variant}"
    timer = make_timer()
    with contextlib.redirect_stdout(sys.stderr):  # stdout carries only the JSON line
        code = model_train_gpt2.main([
            "--dataset-file", str(args.dataset), "--src-model", str(args.model), "--project-name", str(project),
            "--restart", "--max-steps", str(args.steps), "--block-size", str(args.block_size),
            "--batch-size", str(args.batch_size), "--eval-split", "0", "--save-steps", "1000000",
            "--logging-steps", str(max(1, args.steps // 2)), "--optimizer", optimizer, *precision_flags],
            callbacks=[timer])
    if code != 0:
        sys.exit(code)
    summary = json.loads((project / "train_summary.json").read_text(encoding="utf-8"))
    # Packed blocks are all real text (only the very last block of the file is padded).
    tokens = (args.steps - 1) * args.batch_size * args.block_size
    return measured(timer, tokens, precision=summary["precision"], optimizer=optimizer, packing=True)


def run_baseline(args) -> dict:
    """The plain Trainer: one dialogue per example, LM collator padding, default optimizer, fp32."""
    import torch
    from transformers import (AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer,
                              TrainingArguments)

    tokenizer = AutoTokenizer.from_pretrained(args.model)
    tokenizer.pad_token = tokenizer.eos_token
    text = args.dataset.read_text(encoding="utf-8")
    docs = [d.strip() for d in text.split("\n\n") if d.strip()]
    examples = [{"input_ids": ids} for ids in
                tokenizer(docs, truncation=True, max_length=args.block_size)["input_ids"]]
    collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)
    batch_tokens: list[int] = []  # real tokens of batch i, trained in step i + 1 (no accumulation)

    def counting_collator(batch):
        out = collator(batch)
        batch_tokens.append(int(out["attention_mask"].sum()))
        return out

    cuda = torch.cuda.is_available()
    model = AutoModelForCausalLM.from_pretrained(args.model)
    targs = TrainingArguments(output_dir=str(args.work_dir / "project-baseline"), max_steps=args.steps,
                              per_device_train_batch_size=args.batch_size, save_strategy="no",
                              report_to="none", use_cpu=not cuda, logging_steps=max(1, args.steps // 2),
                              disable_tqdm=True)
    timer = make_timer()
    trainer = Trainer(model=model, args=targs, train_dataset=examples, data_collator=counting_collator,
                      callbacks=[timer])
    trainer.train()
    return measured(timer, sum(batch_tokens[1:args.steps]), precision="fp32", optimizer=targs.optim.value,
                    packing=False)


def render(rows: list[tuple[str, dict]], args) -> str:
    import platform

    base = dict(rows).get("baseline")
    device = "CUDA GPU" if any("cuda" in str(r) for r in rows) else f"CPU ({os.cpu_count()} cores, {platform.machine()})"
    try:
        import torch

        if torch.cuda.is_available():
            device = torch.cuda.get_device_name()
    except ImportError:
        pass
    lines = [f"GPT-2 small shape (124M), {args.steps} steps, batch {args.batch_size}, block {args.block_size}, "
             f"best of {args.repeats} runs, {device}",
             "",
             "| variant | packing | optimizer | precision | tokens/s | vs baseline | tokens per CPU-second | vs baseline "
             "| peak memory, MB | vs baseline | tokens/s of each run |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    def ratio(r, key):
        return f"{r[key] / base[key]:.2f}x" if base else "-"

    for name, r in rows:
        lines.append(f"| {name} | {'yes' if r['packing'] else 'no'} | {r['optimizer']} | {r['precision']} | "
                     f"{r['tokens_per_s']} | {ratio(r, 'tokens_per_s')} | {r['tokens_per_cpu_s']} | "
                     f"{ratio(r, 'tokens_per_cpu_s')} | {r['peak_memory_mb']:.0f} | {ratio(r, 'peak_memory_mb')} | "
                     f"{', '.join(map(str, r.get('all_tokens_per_s', [])))} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
