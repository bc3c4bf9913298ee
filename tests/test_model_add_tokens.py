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
    assert "уже есть <char>" in capsys.readouterr().out
    # A model that has <char> itself, saved in place:
    assert model_add_tokens.main(["--src-model", str(char_gpt2), "--new-model", str(char_gpt2)]) == 0
    assert "веса не менялись" in capsys.readouterr().out
    assert {f.name: f.stat().st_mtime_ns for f in char_gpt2.iterdir()} == before


def test_copy_of_a_model_that_already_has_char(char_gpt2, tmp_path, capsys):
    out = tmp_path / "copy"
    assert model_add_tokens.main(["--src-model", str(char_gpt2), "--new-model", str(out)]) == 0
    assert "модель не менялась" in capsys.readouterr().out
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


# ---------------------------------------------------------------- the chat template (FORMAT.md §9)

DIALOGUES = [
    [{"role": "user", "content": "Привет, что у нас сегодня на ужин?"}],
    [{"role": "user", "content": "Ты куда собралась так рано?"},
     {"role": "assistant", "content": "На рынок. (Маша накинула платок) Хочу успеть."},
     {"role": "user", "content": "Возьми меня с собой, я понесу корзину."}],
    [{"role": "user", "content": "  Иду!  "}, {"role": "assistant", "content": "Да не беги ты так, упадёшь!"},
     {"role": "user", "content": "Не упаду, я быстрый."}, {"role": "assistant", "content": "Ну смотри."},
     {"role": "user", "content": "Москва — столица (сказал учитель) а какой город стоит на Неве?"}],
]


def test_template_is_saved_with_the_model(char_gpt2):
    from dataset_tools.chat_format import CHAT_TEMPLATE

    _, tok = load(char_gpt2)
    assert tok.chat_template == CHAT_TEMPLATE
    assert (char_gpt2 / "chat_template.jinja").read_text(encoding="utf-8") == CHAT_TEMPLATE


@pytest.mark.parametrize("messages", DIALOGUES, ids=["one", "three", "five"])
def test_apply_chat_template_is_the_prompt_of_chat_py(char_gpt2, messages):
    """The same text and the same token ids as chat.py's prompt builder."""
    import chat

    _, tok = load(char_gpt2)
    texts = [m["content"] for m in messages]
    ids, dropped = chat.prompt_ids(tok, texts, budget=10_000)
    assert dropped == 0
    text = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    assert text == "<|endoftext|>" + "".join(f"{CHAR}{t.strip()}\n" for t in texts) + CHAR
    assert tok.apply_chat_template(messages, add_generation_prompt=True)["input_ids"] == ids
    assert tok.decode(ids) == text
    # Without the generation prompt: the dialogue as one dataset.txt dialogue after end-of-text.
    assert tok.apply_chat_template(messages, tokenize=False) == text[:-len(CHAR)]


def test_chat_py_shows_the_template_prompt(char_gpt2, capsys):
    import chat

    _, tok = load(char_gpt2)
    code = chat.main([str(char_gpt2), "--prompt", "Привет!", "--prompt", "А на обед?", "--temperature", "0",
                      "--max-new-tokens", "3", "--show-prompt", "--device", "cpu"])
    assert code == 0
    out = capsys.readouterr()
    replies = out.out.splitlines()
    prompts = [block.split("\n", 1)[1].rsplit("\n---", 1)[0] for block in out.err.split("--- запрос")[1:]]
    messages = [{"role": "user", "content": "Привет!"}, {"role": "assistant", "content": replies[0]},
                {"role": "user", "content": "А на обед?"}]
    assert prompts[0] == tok.apply_chat_template(messages[:1], tokenize=False, add_generation_prompt=True)
    if replies[0].strip():  # an empty first reply would be a line chat.py keeps but the template trims alike
        assert prompts[1] == tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


def test_assistant_tokens_are_the_replies(char_gpt2):
    """TRL's assistant-only loss reads this mask: the replies and their line ends, nothing else."""
    _, tok = load(char_gpt2)
    messages = DIALOGUES[1][:2]
    done = tok.apply_chat_template(messages, return_dict=True, return_assistant_tokens_mask=True)
    mine = [i for i, keep in zip(done["input_ids"], done["assistant_masks"]) if keep]
    assert tok.decode(mine) == messages[1]["content"] + "\n"


def test_model_with_char_gets_only_the_template(tmp_path, capsys):
    """A model made before the template existed: the template is added, the weights stay."""
    old = make_tiny_model(tmp_path / "old_for_train")
    assert load(old)[1].chat_template is None
    before = {f.name: f.stat().st_mtime_ns for f in old.iterdir()}
    assert model_add_tokens.main(["--src-model", str(old), "--new-model", str(old)]) == 0
    assert "добавлен шаблон чата" in capsys.readouterr().out
    after = {f.name: f.stat().st_mtime_ns for f in old.iterdir()}
    assert set(after) - set(before) == {"chat_template.jinja"}
    assert {name: after[name] for name in before} == before
    _, tok = load(old)
    assert tok.apply_chat_template(DIALOGUES[0], tokenize=False, add_generation_prompt=True).endswith(CHAR)
    # Once more: nothing to add.
    assert model_add_tokens.main(["--src-model", str(old), "--new-model", str(old)]) == 0
    assert "шаблон чата уже есть" in capsys.readouterr().out


def test_rerun_into_an_old_output_adds_the_template(plain_gpt2, tmp_path, capsys):
    old = make_tiny_model(tmp_path / "made_last_year")
    assert model_add_tokens.main(["--src-model", str(plain_gpt2), "--new-model", str(old)]) == 0
    assert "добавлен шаблон чата" in capsys.readouterr().out
    assert load(old)[1].chat_template


def test_a_template_of_the_users_is_kept(tmp_path, capsys):
    old = make_tiny_model(tmp_path / "edited")
    mine = "{% for m in messages %}{{ m['content'] }}{% endfor %}"
    (old / "chat_template.jinja").write_text(mine, encoding="utf-8")
    assert model_add_tokens.main(["--src-model", str(old), "--new-model", str(old)]) == 0
    assert "другой шаблон чата, он оставлен" in capsys.readouterr().out
    assert (old / "chat_template.jinja").read_text(encoding="utf-8") == mine


# ---------------------------------------------------------------- bad input

def one_error_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("ошибка: "), err
    assert "Traceback" not in err


def test_missing_model_directory(tmp_path, capsys):
    code, err = run_error(["--src-model", str(tmp_path / "nope"), "--new-model", str(tmp_path / "out")], capsys)
    assert code == 2 and "не найдена" in err
    one_error_line(err)
    assert not (tmp_path / "out").exists()


def test_directory_that_is_not_a_model(tmp_path, capsys):
    (tmp_path / "books").mkdir()
    (tmp_path / "books" / "raw.txt").write_text("— Привет.", encoding="utf-8")
    code, err = run_error(["--src-model", str(tmp_path / "books"), "--new-model", str(tmp_path / "out")], capsys)
    assert code == 2 and "это не папка модели" in err
    one_error_line(err)
    assert not (tmp_path / "out").exists()


def test_config_without_weights(plain_gpt2, tmp_path, capsys):
    broken = tmp_path / "half_downloaded"
    broken.mkdir()
    (broken / "config.json").write_bytes((plain_gpt2 / "config.json").read_bytes())
    code, err = run_error(["--src-model", str(broken), "--new-model", str(tmp_path / "out")], capsys)
    assert code == 2 and "нет весов" in err
    one_error_line(err)


def test_corrupt_weights_leave_nothing_behind(plain_gpt2, tmp_path, capsys):
    broken = tmp_path / "corrupt"
    broken.mkdir()
    for f in plain_gpt2.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    code, err = run_error(["--src-model", str(broken), "--new-model", str(tmp_path / "out")], capsys)
    assert code == 2 and "не удалось загрузить модель" in err
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
                          check=False, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "--src-model" in done.stdout
    assert time.time() - start < 5
    probe = subprocess.run([sys.executable, "-c", ("import sys, model_add_tokens; model_add_tokens.make_parser();"
                            "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")],
                           check=False, capture_output=True, text=True, cwd=ROOT)
    assert probe.stdout.strip() == "[]"


def test_shell_wrapper_passes_names(plain_gpt2, tmp_path):
    out = tmp_path / "from_sh"
    done = subprocess.run(["bash", str(ROOT / "model_add_tokens.sh"), str(plain_gpt2), str(out)], check=False,
                          capture_output=True, text=True, cwd=tmp_path, env={"PYTHON": sys.executable,
                                                                               "PATH": "/usr/bin:/bin",
                                                                               "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr
    assert "добавлен <char>" in done.stdout and (out / "config.json").is_file()
    text = (ROOT / "model_add_tokens.sh").read_text(encoding="utf-8")
    assert 'SRC_MODEL="gpt2_small"' in text and 'NEW_MODEL="gpt2_small_for_train"' in text
