"""The pure parts of dataset_tools/training/: precision by compute capability, the wrong-file check,
the context length, the newest checkpoint, the benign-warning filter. No GPU, no training."""
from __future__ import annotations

import json
import logging

import pytest

from dataset_tools.modeling import context_length
from dataset_tools.textio import UserError
from dataset_tools.training.data import held_out_of_project, split_dialogues, wrong_file_kind
from dataset_tools.training.precision import Device, choose_precision
from dataset_tools.training.project import newest_checkpoint
from dataset_tools.training.quiet import silence_benign_warnings

GTX_1080 = Device("NVIDIA GeForce GTX 1080", (6, 1))
T4 = Device("Tesla T4", (7, 5))
RTX_3090 = Device("NVIDIA GeForce RTX 3090", (8, 6))
CPU = Device("CPU, x86_64", None, cpu_bf16=False)
CPU_BF16 = Device("CPU, x86_64", None, cpu_bf16=True)


# ---------------------------------------------------------------- precision

@pytest.mark.parametrize("device, requested, precision, note", [
    (GTX_1080, None, "fp32", None),             # Pascal: fp32 by default
    (GTX_1080, "fp16", "fp16", "экономит память, но не ускоряет"),
    (GTX_1080, "fp32", "fp32", None),
    (T4, None, "fp16", None),                   # tensor cores, no bf16
    (T4, "fp16", "fp16", None),
    (T4, "fp32", "fp32", None),
    (RTX_3090, None, "bf16", None),             # Ampere: bf16 by default
    (RTX_3090, "bf16", "bf16", None),
    (RTX_3090, "fp16", "fp16", None),
    (RTX_3090, "fp32", "fp32", None),
    (CPU, None, "fp32", None),
    (CPU, "fp16", "fp32", "--fp16 нужна видеокарта NVIDIA"),
    (CPU_BF16, "fp16", "bf16", "есть bf16-инструкции"),
    (CPU, "bf16", "bf16", "эмулируется"),
    (CPU_BF16, "bf16", "bf16", None),
    (CPU_BF16, None, "fp32", None),
])
def test_precision_follows_the_compute_capability(device, requested, precision, note):
    choice = choose_precision(device, requested)
    assert choice.precision == precision and not choice.compile
    if note is None:
        assert choice.notes == ()
    else:
        assert len(choice.notes) == 1 and note in choice.notes[0]


@pytest.mark.parametrize("device", [GTX_1080, T4])
def test_bf16_is_refused_before_ampere(device):
    # torch.cuda.is_bf16_supported() says True on these cards (emulation); the capability decides.
    with pytest.raises(UserError, match=f"--bf16: у {device.name} .*{device.sm}.*--fp16"):
        choose_precision(device, "bf16")


@pytest.mark.parametrize("device, compiled", [(T4, True), (RTX_3090, True)])
def test_compile_from_compute_capability_7(device, compiled):
    assert choose_precision(device, None, compile=True).compile is compiled


def test_compile_is_refused_on_pascal_with_one_line():
    with pytest.raises(UserError) as err:
        choose_precision(GTX_1080, None, compile=True)
    assert "--compile" in str(err.value) and "7.0" in str(err.value) and "6.1" in str(err.value)
    assert "\n" not in str(err.value)


def test_compile_on_the_cpu_says_it_is_not_applied():
    choice = choose_precision(CPU, None, compile=True)
    assert not choice.compile and "без torch.compile" in choice.notes[0]


# ---------------------------------------------------------------- the training file

@pytest.mark.parametrize("lines, kind", [
    (["<char>Привет (сказал Вася) что на ужин?", "<char>Гречка.", "", "<char>Иду!"], None),
    (["Глава первая", "", "<char>Привет.", "Он ушёл."], None),                       # one replica is enough
    (["@Привет |сказал Вася| что на ужин?", "@Гречка.", "", "@Иду! |крикнул он|"], "raw_dialogs"),
    (["— Привет, — сказал Вася.", "— Гречка.", "Он вздохнул."], "plain"),          # a book
    (["В конце ноября, в оттепель, поезд подходил к Петербургу.", "@Пётр Иванович прибыл."], "raw_dialogs"),
    (["В конце ноября поезд подходил к Петербургу.", "Было сыро.", "@Пётр прибыл."], "plain"),
    ([], "plain"),
])
def test_wrong_file_kind(lines, kind):
    assert wrong_file_kind(lines) == kind


# ---------------------------------------------------------------- context length

class Config:
    def __init__(self, **fields):
        self.__dict__.update(fields)


class Tokenizer:
    def __init__(self, model_max_length):
        self.model_max_length = model_max_length


@pytest.mark.parametrize("config, tokenizer, expected", [
    (Config(n_positions=1024), None, 1024),
    (Config(n_ctx=2048, n_positions=1024), None, 2048),                  # GGUF of ruGPT-3: n_ctx is the truth
    (Config(max_position_embeddings=4096), Tokenizer(2048), 4096),
    (Config(), Tokenizer(512), 512),
    (Config(), Tokenizer(int(1e30)), 1024),                               # "no limit" sentinel
    (Config(), None, 1024),
])
def test_context_length(config, tokenizer, expected):
    assert context_length(config, tokenizer) == expected


# ---------------------------------------------------------------- checkpoints

def test_newest_checkpoint_skips_a_half_written_one(tmp_path):
    for step, complete in ((500, True), (1000, True), (90, True), (1500, False)):
        ckpt = tmp_path / f"checkpoint-{step}"
        ckpt.mkdir()
        if complete:
            (ckpt / "trainer_state.json").write_text("{}")
    (tmp_path / "checkpoint-x").mkdir()
    skipped = []
    assert newest_checkpoint(tmp_path, skipped.append) == tmp_path / "checkpoint-1000"
    assert skipped == [tmp_path / "checkpoint-1500"]
    assert newest_checkpoint(tmp_path / "nothing-here") is None


# ---------------------------------------------------------------- benign warnings

def test_benign_warnings_are_dropped_and_real_ones_kept():
    silence_benign_warnings()
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    handler = Keep()
    modeling = logging.getLogger("transformers.modeling_utils")
    trainer = logging.getLogger("transformers.trainer")
    for log in (modeling, trainer):
        log.addHandler(handler)
    try:
        modeling.warning("`loss_type=None` was set in the config but it is unrecognized. "
                         "Using the default loss: `ForCausalLMLoss`.")
        modeling.warning("Some weights of GPT2LMHeadModel were not initialized from the model checkpoint")
        trainer.warning("There were missing keys in the checkpoint model loaded: ['lm_head.weight'].")
        trainer.warning("There were missing keys in the checkpoint model loaded: ['transformer.h.0.attn.c_attn.weight'].")
    finally:
        for log in (modeling, trainer):
            log.removeHandler(handler)
    assert seen == ["Some weights of GPT2LMHeadModel were not initialized from the model checkpoint",
                    "There were missing keys in the checkpoint model loaded: ['transformer.h.0.attn.c_attn.weight']."]


# ---------------------------------------------------------------- the GPU benchmark

@pytest.mark.slow
def test_gpu_benchmark_dry_run_on_the_cpu(tmp_path, capsys):
    """bench/bench_gpu.py --dry-run goes through every code path of the GPU benchmark on the CPU."""
    from bench import bench_gpu

    out = tmp_path / "gpu.md"
    assert bench_gpu.main(["--dry-run", "--peak-tflops", "1", "--out", str(out)]) == 0
    table = out.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in out.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()]
    ran = {(r["precision"], r["packing"]): r for r in rows}
    assert set(ran) == {("fp32", True), ("fp32", False), ("fp16", True), ("fp16", False)}
    for packing in (True, False):
        ok = ran["fp32", packing]
        assert ok["status"] == "ok" and ok["tokens_per_s"] > 0 and 0 < ok["mfu"] and ok["peak_memory_mb"] > 0
        skipped = ran["fp16", packing]  # fp16 would silently run in fp32 on a CPU: reported, not run
        assert skipped["status"] == "n/a" and "--fp16 нужна видеокарта NVIDIA" in skipped["note"]
    assert ran["fp32", False]["vs_baseline"] == 1.0  # the baseline: fp32, adamw_torch, no packing
    assert "| tiny | 1 | fp32 | adamw_torch | on |" in table


# ---------------------------------------------------------------- the held-out split, for model_eval

def test_held_out_of_project_is_the_split_the_training_used(tmp_path):
    dialogs = [f"<char>Вася, привет {i}.\n<char>Здравствуй, Петя." for i in range(20)]
    docs = dialogs + [d.replace("Вася", "я") for d in dialogs] + [d.replace("Вася", "ты") for d in dialogs]
    dataset = tmp_path / "dataset.txt"
    dataset.write_text("\n\n".join(docs) + "\n", encoding="utf-8")
    project = tmp_path / "finetune"
    project.mkdir()
    (project / "time_train_args.json").write_text(json.dumps(
        {"dataset_file": str(dataset), "eval_split": 0.1, "seed": 7, "plain_text": False}), encoding="utf-8")
    held = held_out_of_project(project)
    assert held == split_dialogues(docs, 0.1, seed=7)[1] and len(held) == 6
    assert held != split_dialogues(docs, 0.1, seed=8)[1]
    with pytest.raises(UserError, match="time_train_args.json"):
        held_out_of_project(tmp_path)
