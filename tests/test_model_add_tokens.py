"""model_add_tokens.py on tiny real models (GPT-2, a spare-row GPT-2, an untied Llama, a GGUF file)."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import model_add_tokens
from tests.tiny_model import make_tiny_gguf, make_tiny_model, train_tokenizer

ROOT = Path(__file__).resolve().parents[1]

CHAR = "<char>"


@pytest.fixture(scope="session")
def plain_gpt2(tmp_path_factory) -> Path:
    """A tiny GPT-2 without <char>, as users download it."""
    return make_tiny_model(tmp_path_factory.mktemp("models") / "plain", with_char=False)


@pytest.fixture(scope="session")
def char_gpt2(plain_gpt2, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("models") / "for_train"
    assert model_add_tokens.main(["--src-model", str(plain_gpt2), "--new-model", str(out)]) == 0
    return out


def load(path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return AutoModelForCausalLM.from_pretrained(path), AutoTokenizer.from_pretrained(path)


def is_tied(model) -> bool:
    return model.get_output_embeddings().weight.data_ptr() == model.get_input_embeddings().weight.data_ptr()


def run_error(argv, capsys) -> tuple[int, str]:
    code = model_add_tokens.main(argv)
    err = capsys.readouterr().err
    return code, err


# ---------------------------------------------------------------- the happy path

def test_char_is_one_token_after_adding(char_gpt2, plain_gpt2):
    _, tok = load(char_gpt2)
    _, old = load(plain_gpt2)
    ids = tok.encode(f"{CHAR}Привет, как дела?", add_special_tokens=False)
    char_id = tok.convert_tokens_to_ids(CHAR)
    assert ids[0] == char_id and ids.count(char_id) == 1
    assert ids[1:] == old.encode("Привет, как дела?", add_special_tokens=False)
    # Every replica of a dialogue starts with its own <char>.
    two = tok.encode(f"{CHAR}Да.\n{CHAR}Нет.", add_special_tokens=False)
    assert two.count(char_id) == 2
    assert tok.decode(two) == f"{CHAR}Да.\n{CHAR}Нет."
    assert CHAR in tok.all_special_tokens


def test_embedding_grows_by_one_row_and_stays_tied(char_gpt2, plain_gpt2):
    model, tok = load(char_gpt2)
    old_model, old_tok = load(plain_gpt2)
    assert len(tok) == len(old_tok) + 1
    assert model.get_input_embeddings().weight.shape[0] == old_model.get_input_embeddings().weight.shape[0] + 1
    assert model.config.vocab_size == len(tok)
    assert is_tied(model) and model.config.tie_word_embeddings


def test_char_row_starts_as_the_dash(char_gpt2, plain_gpt2):
    import torch

    model, tok = load(char_gpt2)
    old_model, old_tok = load(plain_gpt2)
    dash_ids = old_tok.encode("—", add_special_tokens=False)
    emb = model.get_input_embeddings().weight
    expected = old_model.get_input_embeddings().weight[dash_ids].mean(0)
    assert torch.allclose(emb[tok.convert_tokens_to_ids(CHAR)], expected)


def test_old_tokens_predict_exactly_as_before(char_gpt2, plain_gpt2):
    """Adding the token must not disturb anything the model already knew."""
    import torch

    model, tok = load(char_gpt2)
    old_model, _ = load(plain_gpt2)
    ids = torch.tensor([tok.encode("Привет, как дела? Хорошо.", add_special_tokens=False)])
    with torch.no_grad():
        new_logits = model(ids).logits
        old_logits = old_model(ids).logits
    assert torch.allclose(new_logits[..., :old_logits.shape[-1]], old_logits, atol=1e-5)


def test_rerun_changes_nothing(char_gpt2, plain_gpt2, capsys):
    before = {f.name: f.stat().st_mtime_ns for f in char_gpt2.iterdir()}
    assert model_add_tokens.main(["--src-model", str(plain_gpt2), "--new-model", str(char_gpt2)]) == 0
    assert "already has <char>" in capsys.readouterr().out
    # A model that has <char> itself, saved in place:
    assert model_add_tokens.main(["--src-model", str(char_gpt2), "--new-model", str(char_gpt2)]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert {f.name: f.stat().st_mtime_ns for f in char_gpt2.iterdir()} == before


def test_copy_of_a_model_that_already_has_char(char_gpt2, tmp_path, capsys):
    out = tmp_path / "copy"
    assert model_add_tokens.main(["--src-model", str(char_gpt2), "--new-model", str(out)]) == 0
    assert "unchanged" in capsys.readouterr().out
    model, tok = load(out)
    assert len(tok) == len(load(char_gpt2)[1]) and is_tied(model)


def test_spare_embedding_rows_are_used_not_grown(tmp_path):
    """Laid out like sberbank-ai/rugpt3small_based_on_gpt2: vocab.json + merges.txt (no
    tokenizer.json) and more embedding rows than tokens. <char> takes a spare row."""
    import json

    import torch
    from transformers import AutoModelForCausalLM

    src = make_tiny_model(tmp_path / "padded", with_char=False)
    model = AutoModelForCausalLM.from_pretrained(src)
    rows = model.get_input_embeddings().weight.shape[0]
    model.resize_token_embeddings(rows + 8, mean_resizing=False)
    model.save_pretrained(src)
    tok = train_tokenizer()
    (src / "tokenizer.json").unlink()
    tok.backend_tokenizer.model.save(str(src))  # vocab.json, merges.txt
    eos = "<|endoftext|>"
    (src / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "GPT2Tokenizer", "bos_token": eos, "eos_token": eos, "unk_token": eos}))
    assert sorted(p.name for p in src.iterdir() if "token" in p.name or p.suffix == ".txt") == \
        ["merges.txt", "tokenizer_config.json"]
    out = tmp_path / "padded_for_train"
    assert model_add_tokens.main(["--src-model", str(src), "--new-model", str(out)]) == 0
    new_model, tok = load(out)
    char_id = tok.convert_tokens_to_ids(CHAR)
    assert char_id == rows
    assert new_model.get_input_embeddings().weight.shape[0] == rows + 8
    dash = tok.encode("—", add_special_tokens=False)
    emb = new_model.get_input_embeddings().weight
    assert torch.allclose(emb[char_id], emb[dash].mean(0)) and is_tied(new_model)


def test_untied_llama_gets_both_rows(tmp_path):
    """Any AutoModelForCausalLM: a tiny Llama with a separate output layer."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    tok = train_tokenizer()
    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(vocab_size=len(tok), hidden_size=32, intermediate_size=64,
                                         num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=2,
                                         max_position_embeddings=128, tie_word_embeddings=False,
                                         bos_token_id=tok.eos_token_id, eos_token_id=tok.eos_token_id))
    src = tmp_path / "llama"
    model.save_pretrained(src)
    tok.save_pretrained(src)
    out = tmp_path / "llama_for_train"
    assert model_add_tokens.main(["--src-model", str(src), "--new-model", str(out), "--init", "mean"]) == 0
    new, new_tok = load(out)
    char_id = new_tok.convert_tokens_to_ids(CHAR)
    assert not is_tied(new)
    emb, head = new.get_input_embeddings().weight, new.get_output_embeddings().weight
    assert emb.shape[0] == head.shape[0] == len(tok) + 1
    assert torch.allclose(emb[char_id], emb[:char_id].mean(0), atol=1e-6)
    assert torch.allclose(head[char_id], head[:char_id].mean(0), atol=1e-6)


def test_gguf_file_is_a_valid_start(plain_gpt2, char_gpt2, tmp_path):
    import torch

    gguf = make_tiny_gguf(plain_gpt2, tmp_path / "tiny-f32.gguf")
    out = tmp_path / "from_gguf"
    assert model_add_tokens.main(["--src-model", str(gguf), "--new-model", str(out)]) == 0
    from_gguf, tok = load(out)
    reference, ref_tok = load(char_gpt2)
    text = f"{CHAR}Привет (сказал Вася)"
    assert tok.encode(text) == ref_tok.encode(text)
    ids = torch.tensor([tok.encode(text)])
    with torch.no_grad():
        assert torch.allclose(from_gguf(ids).logits, reference(ids).logits, atol=1e-5)
    assert is_tied(from_gguf)


# ---------------------------------------------------------------- bad input

def one_error_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("ошибка: "), err
    assert "Traceback" not in err


def test_missing_model_directory(tmp_path, capsys):
    code, err = run_error(["--src-model", str(tmp_path / "nope"), "--new-model", str(tmp_path / "out")], capsys)
    assert code == 2 and "not found" in err
    one_error_line(err)
    assert not (tmp_path / "out").exists()


def test_directory_that_is_not_a_model(tmp_path, capsys):
    (tmp_path / "books").mkdir()
    (tmp_path / "books" / "raw.txt").write_text("— Привет.", encoding="utf-8")
    code, err = run_error(["--src-model", str(tmp_path / "books"), "--new-model", str(tmp_path / "out")], capsys)
    assert code == 2 and "not a model directory" in err
    one_error_line(err)
    assert not (tmp_path / "out").exists()


def test_config_without_weights(plain_gpt2, tmp_path, capsys):
    broken = tmp_path / "half_downloaded"
    broken.mkdir()
    (broken / "config.json").write_bytes((plain_gpt2 / "config.json").read_bytes())
    code, err = run_error(["--src-model", str(broken), "--new-model", str(tmp_path / "out")], capsys)
    assert code == 2 and "no weights" in err
    one_error_line(err)


def test_corrupt_weights_leave_nothing_behind(plain_gpt2, tmp_path, capsys):
    broken = tmp_path / "corrupt"
    broken.mkdir()
    for f in plain_gpt2.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    code, err = run_error(["--src-model", str(broken), "--new-model", str(tmp_path / "out")], capsys)
    assert code == 2 and "cannot load the model" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob(".out.tmp-*"))


def test_existing_non_model_output_is_not_overwritten(plain_gpt2, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("мои заметки", encoding="utf-8")
    code, err = run_error(["--src-model", str(plain_gpt2), "--new-model", str(out)], capsys)
    assert code == 2 and "--overwrite" in err
    one_error_line(err)
    assert [f.name for f in out.iterdir()] == ["notes.txt"]


def test_help_is_instant():
    start = time.time()
    done = subprocess.run([sys.executable, str(ROOT / "model_add_tokens.py"), "--help"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "--src-model" in done.stdout
    assert time.time() - start < 5
    probe = subprocess.run([sys.executable, "-c", "import sys, model_add_tokens; model_add_tokens.make_parser();"
                            "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"],
                           capture_output=True, text=True, cwd=ROOT)
    assert probe.stdout.strip() == "[]"


def test_shell_wrapper_passes_names(plain_gpt2, tmp_path):
    out = tmp_path / "from_sh"
    done = subprocess.run(["bash", str(ROOT / "model_add_tokens.sh"), str(plain_gpt2), str(out)],
                          capture_output=True, text=True, cwd=tmp_path, env={"PYTHON": sys.executable,
                                                                               "PATH": "/usr/bin:/bin",
                                                                               "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr
    assert "added <char>" in done.stdout and (out / "config.json").is_file()
    text = (ROOT / "model_add_tokens.sh").read_text(encoding="utf-8")
    assert 'SRC_MODEL="gpt2_small"' in text and 'NEW_MODEL="gpt2_small_for_train"' in text
