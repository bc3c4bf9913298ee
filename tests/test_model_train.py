"""model_train_gpt2.py: real Trainer runs on a tiny GPT-2 (CPU, offline, a few seconds each)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import model_train_gpt2
from dataset_tools.training.callbacks import make_callbacks
from dataset_tools.training.data import PackedBlocks, read_documents, split_dialogues
from dataset_tools.training.precision import cpu_has_bf16
from tests.tiny_model import SAMPLE_DIALOGUES, make_tiny_model, write_sample_dataset

ROOT = Path(__file__).resolve().parents[1]

CHAR = "<char>"


@pytest.fixture(scope="session")
def tiny(tmp_path_factory) -> Path:
    return make_tiny_model(tmp_path_factory.mktemp("models") / "tiny_for_train")


@pytest.fixture(scope="session")
def dataset(tmp_path_factory) -> Path:
    # Three copies stand in for dialogs + me + ti: 36 dialogues, ~2300 tokens.
    return write_sample_dataset(tmp_path_factory.mktemp("data") / "dataset.txt", copies=3)


def base_args(tiny, dataset, project, *extra) -> list[str]:
    return ["--dataset-file", str(dataset), "--src-model", str(tiny), "--project-name", str(project),
            "--block-size", "64", "--batch-size", "2", "--lr", "3e-3", "--logging-steps", "2", *extra]


def summary(project: Path) -> dict:
    return json.loads((project / "train_summary.json").read_text(encoding="utf-8"))


def load(path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return AutoModelForCausalLM.from_pretrained(path), AutoTokenizer.from_pretrained(path)


def is_tied(model) -> bool:
    return model.get_output_embeddings().weight.data_ptr() == model.get_input_embeddings().weight.data_ptr()


def one_error_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.startswith("ошибка")]
    assert len(lines) == 1, err
    assert "Traceback" not in err


# ---------------------------------------------------------------- data

def test_packing_keeps_every_end_of_text_in_the_loss(tiny):
    """Each dialogue ends with eos and eos is a label (the LM collator would mask it: pad == eos)."""
    _, tok = load(tiny)
    docs = read_documents(write_sample_dataset(tiny.parent / "ds_pack.txt"))
    blocks = PackedBlocks(docs, tok, tok.eos_token_id, 64)
    labels = [blocks[i]["labels"] for i in range(len(blocks))]
    eos_labels = sum(int((lab == tok.eos_token_id).sum()) for lab in labels)
    assert eos_labels == len(docs) == 12
    assert all(lab.shape[0] == 64 for lab in labels)
    # Only the padded tail of the last block is out of the loss.
    ignored = sum(int((lab == -100).sum()) for lab in labels)
    assert ignored == 64 * len(blocks) - blocks.tokens
    assert tok.decode(blocks.blocks.flatten()[:blocks.tokens]).count(CHAR) == SAMPLE_DIALOGUES.count(CHAR)


def test_held_out_split_keeps_the_three_versions_of_a_dialogue_together():
    dialogs = [f"{CHAR}Вася, привет {i}.\n{CHAR}Здравствуй, Петя." for i in range(20)]
    me = [d.replace("Вася", "я") for d in dialogs]
    ti = [d.replace("Вася", "ты") for d in dialogs]
    train, held = split_dialogues(dialogs + me + ti, 0.1, seed=1)
    assert len(held) == 6 and len(train) == 54
    numbers = {d.split("привет ")[1].split(".")[0] for d in held}
    assert len(numbers) == 2  # two dialogues, each in all three versions
    assert not any(d.split("привет ")[1].split(".")[0] in numbers for d in train)


# ---------------------------------------------------------------- training

def test_8bit_adamw_lowers_the_loss_and_saves_a_loadable_model(tiny, dataset, tmp_path, capsys):
    import torch
    from transformers import TrainerCallback

    seen = {}

    class FirstBatches(TrainerCallback):
        """What the Trainer really feeds the model, after its data collator."""

        def on_train_begin(self, args, state, control, train_dataloader=None, **kw):
            seen["batches"] = [b for _, b in zip(range(len(train_dataloader)), train_dataloader)]

    project = tmp_path / "finetune"
    code = model_train_gpt2.main(base_args(tiny, dataset, project, "--optimizer", "adamw_bnb_8bit",
                                           "--max-steps", "30", "--save-steps", "15"), callbacks=[FirstBatches()])
    out = capsys.readouterr().out
    assert code == 0
    _, tok = load(tiny)
    labels = torch.cat([b["labels"].flatten() for b in seen["batches"]])
    # 33 training dialogues, each ending with <|endoftext|>, all of them in the loss.
    assert int((labels == tok.eos_token_id).sum()) == 33
    assert int((labels == -100).sum()) < 64
    s = summary(project)
    assert s["perplexity"] < 0.8 * s["perplexity_before"], s
    assert "перплексия на отложенной части" in out and "tokens_per_s" in out and "time_left" in out
    model, tok = load(project)
    assert is_tied(model) and tok.convert_tokens_to_ids(CHAR) == len(tok) - 1
    ids = tok(f"{CHAR}Привет", return_tensors="pt").input_ids
    gen = model.generate(ids, max_new_tokens=5, do_sample=False, pad_token_id=tok.eos_token_id)
    assert gen.shape[1] == ids.shape[1] + 5
    # The optimizer state really is 8-bit (that is where the memory goes in full fine-tuning).
    opt = torch.load(project / "checkpoint-30" / "optimizer.pt", weights_only=False)
    quant = [st["__bnb_optimizer_quant_state__"] for st in opt["state"].values()]
    assert any(q["state1"].dtype == torch.uint8 for q in quant)  # (embeddings stay 32-bit, by design)
    assert not list(project.glob(".final-tmp-*"))


class StopAt:
    """Ctrl-C in the middle of a run, after a checkpoint was written."""

    def __init__(self, step: int):
        from transformers import TrainerCallback

        stop = step

        class _Stop(TrainerCallback):
            def on_step_end(self, args, state, control, **kw):
                if state.global_step == stop:
                    raise KeyboardInterrupt

        self.callback = _Stop()


def test_interrupted_run_resumes_to_the_same_model(tiny, dataset, tmp_path, capsys):
    import torch

    extra = ("--max-steps", "8", "--save-steps", "4", "--save-total-limit", "3")
    straight = tmp_path / "straight"
    assert model_train_gpt2.main(base_args(tiny, dataset, straight, *extra)) == 0

    project = tmp_path / "interrupted"
    argv = base_args(tiny, dataset, project, *extra)
    assert model_train_gpt2.main(argv, callbacks=[StopAt(6).callback]) == 130
    err = capsys.readouterr().err
    assert "checkpoint-4" in err and "запустите ту же команду, чтобы продолжить" in err
    assert not (project / "config.json").exists()  # no half-finished final model
    assert (project / "checkpoint-4" / "optimizer.pt").is_file()

    assert model_train_gpt2.main(argv) == 0
    assert "продолжаю с" in capsys.readouterr().out
    a, _ = load(straight)
    b, _ = load(project)
    for (name, pa), pb in zip(a.state_dict().items(), b.state_dict().values()):
        assert torch.allclose(pa, pb, atol=1e-5), name  # optimizer + RNG + data order all restored

    assert model_train_gpt2.main(argv) == 0
    assert "учить больше нечего" in capsys.readouterr().out


def test_fp16_without_cuda_warns_and_falls_back(tiny, dataset, tmp_path, capsys):
    project = tmp_path / "fp16"
    assert model_train_gpt2.main(base_args(tiny, dataset, project, "--fp16", "--max-steps", "2",
                                           "--gradient-checkpointing")) == 0
    err = capsys.readouterr().err
    assert "--fp16 нужна видеокарта NVIDIA" in err
    expected = "bf16" if cpu_has_bf16() else "fp32"
    assert summary(project)["precision"] == expected and f"учим в {expected}" in err


def test_nan_loss_stops_with_advice_and_saves_nothing_broken(tiny, dataset, tmp_path, capsys):
    import torch
    from safetensors.torch import load_file

    project = tmp_path / "nan"
    code = model_train_gpt2.main(base_args(tiny, dataset, project, "--lr", "1000", "--optimizer", "adamw_torch",
                                           "--max-steps", "12", "--save-steps", "2"))
    err = capsys.readouterr().err
    assert code == 1 and "меньшим --lr" in err and "loss стал nan" in err
    assert not (project / "config.json").exists()
    for ckpt in project.glob("checkpoint-*"):
        weights = load_file(ckpt / "model.safetensors")
        assert all(torch.isfinite(t).all() for t in weights.values()), ckpt


def test_fp16_nan_advice_names_the_fixes():
    """On a GPU the NaN would come from fp16 overflow; the advice must say how to get out of it."""
    from transformers import TrainerControl, TrainerState, TrainingArguments

    state = {}
    guard = make_callbacks("fp16", 1024, state)[1]
    control = TrainerControl(should_save=True, should_evaluate=True)
    st = TrainerState()
    st.global_step = 120
    import io
    from contextlib import redirect_stderr

    err = io.StringIO()
    with redirect_stderr(err):
        guard.on_log(TrainingArguments("unused", use_cpu=True), st, control, logs={"loss": float("nan")})
    text = err.getvalue()
    assert "без --fp16" in text and "--bf16" in text and "шаге 120" in text
    assert control.should_training_stop and not control.should_save and not control.should_evaluate
    assert state["step"] == 120


def test_lora_trains_the_char_row_and_merges(tiny, dataset, tmp_path):
    import torch

    project = tmp_path / "lora"
    code = model_train_gpt2.main(base_args(tiny, dataset, project, "--lora", "--merge-lora", "--lr", "1e-2",
                                           "--max-steps", "20", "--save-steps", "10"))
    assert code == 0
    s = summary(project)
    assert s["perplexity"] < s["perplexity_before"] and s["merged_lora"]
    assert not (project / "adapter_config.json").exists()
    merged, tok = load(project)
    source, _ = load(tiny)
    char_id = tok.convert_tokens_to_ids(CHAR)
    assert is_tied(merged)
    emb, old = merged.get_input_embeddings().weight, source.get_input_embeddings().weight
    assert not torch.allclose(emb[char_id], old[char_id])  # the <char> row was trained
    assert torch.equal(emb[:char_id], old[:char_id])  # and no other row
    layer = "transformer.h.0.attn.c_attn.weight"
    assert not torch.allclose(merged.state_dict()[layer], source.state_dict()[layer])


def test_lora_adapter_only_loads_with_from_pretrained(tiny, dataset, tmp_path):
    import torch

    project = tmp_path / "adapter"
    assert model_train_gpt2.main(base_args(tiny, dataset, project, "--lora", "--max-steps", "4",
                                           "--save-steps", "4", "--eval-split", "0",
                                           "--gradient-checkpointing")) == 0
    assert (project / "adapter_config.json").is_file() and not (project / "config.json").exists()
    model, tok = load(project)
    ids = tok(f"{CHAR}Привет", return_tensors="pt").input_ids
    with torch.no_grad():
        assert torch.isfinite(model(ids).logits).all()


def test_qlora_4bit_on_cpu_trains_and_merges(tiny, dataset, tmp_path, capsys):
    project = tmp_path / "qlora"
    assert model_train_gpt2.main(base_args(tiny, dataset, project, "--lora", "--load-in-4bit", "--merge-lora",
                                           "--max-steps", "4", "--save-steps", "4")) == 0
    assert "оценка на отложенной части выключена" in capsys.readouterr().err
    model, _ = load(project)
    assert is_tied(model) and model.config.model_type == "gpt2"


@pytest.mark.slow
def test_torchrun_two_processes(tiny, dataset, tmp_path):
    """DDP: the same script under torchrun (gloo on the CPU); one final model, logs printed once."""
    project = tmp_path / "ddp"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2",
                           str(ROOT / "model_train_gpt2.py"),
                           *base_args(tiny, dataset, project, "--max-steps", "4", "--save-steps", "4")],
                          check=False, capture_output=True, text=True, cwd=ROOT, env=env, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "x процессов 2" in done.stdout and done.stdout.count("итоговая модель и токенизатор сохранены") == 1
    assert not [p.name for p in project.iterdir() if p.name.startswith(".")]
    model, _ = load(project)
    assert is_tied(model)


@pytest.mark.slow
def test_benign_warnings_are_hidden_in_a_real_run(dataset, tmp_path):
    """A new user's run shows no library noise that reads like a failure, and still shows a real warning.

    A fresh process (transformers logs some messages once per process), two runs: a new one, then a
    resumed one, which loads a checkpoint without GPT-2's tied lm_head.weight."""
    plain = make_tiny_model(tmp_path / "plain", with_char=False)  # a real problem: no <char> token
    first = base_args(plain, dataset, tmp_path / "p", "--max-steps", "2", "--save-steps", "1")
    resumed = base_args(plain, dataset, tmp_path / "p", "--max-steps", "3", "--save-steps", "1")
    code = f"import sys, model_train_gpt2 as m; sys.exit(m.main({first!r}) or m.main({resumed!r}))"
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    for benign in ("loss_type=None", "missing keys in the checkpoint", "will be removed in v6"):
        assert benign not in done.stderr, done.stderr[-2000:]
    assert "предупреждение: в модели нет токена <char>" in done.stderr
    assert "продолжаю с" in done.stdout


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("case, message", [
    ("missing_model", "папка модели не найдена"),
    ("not_a_model", "это не папка модели"),
    ("missing_dataset", "файл датасета не найден"),
    ("empty_dataset", "файл датасета пуст"),
    ("unknown_optimizer", "неизвестный оптимизатор 'adamw_9bit'"),
    ("fp16_and_bf16", "выберите что-то одно из --fp16, --bf16 и --fp32"),
])
def test_bad_input_is_one_clear_line(case, message, tiny, dataset, tmp_path, capsys):
    model, data, extra = tiny, dataset, []
    if case == "missing_model":
        model = tmp_path / "gpt2_small_for_train"
    elif case == "not_a_model":
        model = tmp_path / "books"
        model.mkdir()
        (model / "book.txt").write_text("— Привет.", encoding="utf-8")
    elif case == "missing_dataset":
        data = tmp_path / "dataset.txt"
    elif case == "empty_dataset":
        data = tmp_path / "dataset.txt"
        data.write_text("\n\n  \n", encoding="utf-8")
    elif case == "unknown_optimizer":
        extra = ["--optimizer", "adamw_9bit"]
    elif case == "fp16_and_bf16":
        extra = ["--fp16", "--bf16"]
    project = tmp_path / "finetune"
    code = model_train_gpt2.main(base_args(model, data, project, "--max-steps", "2", *extra))
    err = capsys.readouterr().err
    assert code == 2 and message in err, err
    one_error_line(err)
    assert not project.exists()


def test_foreign_project_folder_is_not_touched(tiny, dataset, tmp_path, capsys):
    project = tmp_path / "finetune"
    project.mkdir()
    (project / "thesis.docx").write_bytes(b"...")
    assert model_train_gpt2.main(base_args(tiny, dataset, project, "--max-steps", "2")) == 2
    one_error_line(capsys.readouterr().err)
    assert [f.name for f in project.iterdir()] == ["thesis.docx"]


RAW_DIALOGS = """\
@Привет |сказал Вася и улыбнулся| что у нас сегодня на ужин?
@Гречка с грибами, как ты любишь.

@Иду! |крикнул он|
@Да не беги ты так, упадёшь!
"""
BOOK = """\
Глава первая

В конце ноября, в оттепель, часов в девять утра, поезд подходил к Петербургу.

— Холодно? — спросил сосед, не поднимая глаз.

— Очень, — ответил молодой человек и закутался в плащ.
"""


@pytest.mark.parametrize("name, text, says", [
    ("raw_dialogs.txt", RAW_DIALOGS, "это raw_dialogs.txt"),
    ("book.txt", BOOK, "нет ни одной реплики <char>"),
    ("dialogs_without_char.txt", SAMPLE_DIALOGUES.replace("<char>", "— "), "нет ни одной реплики <char>"),
])
def test_wrong_training_file_is_refused_with_the_file_to_use(name, text, says, tiny, tmp_path, capsys):
    data = tmp_path / name
    data.write_text(text, encoding="utf-8")
    project = tmp_path / "finetune"
    assert model_train_gpt2.main(base_args(tiny, data, project, "--max-steps", "2")) == 2
    err = capsys.readouterr().err
    one_error_line(err)
    assert says in err and "out/dataset.txt" in err and "--plain-text" in err, err
    assert not project.exists()


def test_plain_text_flag_trains_on_a_book_on_purpose(tiny, tmp_path, capsys):
    data = tmp_path / "book.txt"
    data.write_text(BOOK * 4, encoding="utf-8")
    project = tmp_path / "plain"
    assert model_train_gpt2.main(base_args(tiny, data, project, "--plain-text", "--max-steps", "2",
                                           "--eval-split", "0")) == 0
    assert (project / "config.json").is_file() and summary(project)["steps"] == 2


def test_model_without_char_warns(dataset, tmp_path, capsys):
    plain = make_tiny_model(tmp_path / "plain", with_char=False)
    assert model_train_gpt2.main(base_args(plain, dataset, tmp_path / "p", "--max-steps", "2")) == 0
    assert "сначала запустите model_add_tokens.py" in capsys.readouterr().err


# ---------------------------------------------------------------- the commands

@pytest.mark.parametrize("script", ["model_train_gpt2.py", "bench/bench_train.py", "bench/bench_gpu.py"])
def test_help_imports_no_torch(script):
    """--help stays instant because torch and transformers are imported only inside main."""
    done = subprocess.run([sys.executable, str(ROOT / script), "--help"], check=False, capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0
    assert ("usage:" if script == "bench/bench_train.py" else "использование:") in done.stdout
    module = script[:-3].replace("/", ".")
    code = (f"import sys, {module} as m; m.make_parser();"
            "print(sorted(x for x in ('torch', 'transformers') if x in sys.modules))")
    probe = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=ROOT)
    assert probe.stdout.strip() == "[]", probe.stderr


@pytest.mark.slow
def test_shell_wrapper_keeps_the_documented_settings(tiny, dataset, tmp_path):
    text = (ROOT / "model_train_gpt2.sh").read_text(encoding="utf-8")
    for line in ('DATASET_FILE="dataset.txt"', 'SRC_MODEL="gpt2_small_for_train"', 'PROJECT_NAME="finetune"',
                 "SAVE_STEPS=500", "BATCH_SIZE=1", "GAS=1", 'WEIGHT_DECAY="0.03"', 'LR="0.00006"',
                 'OPTIMIZER="adamw_bnb_8bit"', 'FP16=""'):
        assert line in text
    project = tmp_path / "sh"
    done = subprocess.run(["bash", str(ROOT / "model_train_gpt2.sh"),
                           *base_args(tiny, dataset, project, "--max-steps", "2")],
                          check=False, capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHON": sys.executable}, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "adamw_bnb_8bit" in done.stdout and (project / "config.json").is_file()
