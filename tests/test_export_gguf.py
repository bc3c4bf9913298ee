"""model_export_gguf.py on tiny real models, checked by readers that are not ours.

transformers reads the GGUF back (`gguf_file=`) and must see the same vocabulary, the same ids
of `<char>Привет` and (f32) the same next-token logits as the HF model; the gguf package's
GGUFReader shows what llama.cpp will read (token types, template, tensors). The `slow` test at
the end runs llama.cpp itself through llama-cpp-python when that is installed.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import model_add_tokens
import model_export_gguf
from tests.tiny_model import EOS, SAMPLE_DIALOGUES, make_tiny_model, train_tokenizer

ROOT = Path(__file__).resolve().parents[1]

CHAR = "<char>"
TEXTS = [
    f"{CHAR}Привет",
    f"{EOS}{CHAR}Привет (сказал Вася и улыбнулся) что у нас сегодня на ужин?\n{CHAR}",
    f"{CHAR}Ты куда собралась так рано?\n{CHAR}На рынок. (Маша накинула платок)\n{CHAR}Москва — столица 1812",
]
MESSAGES = [{"role": "user", "content": "Привет, что у нас сегодня на ужин?"},
            {"role": "assistant", "content": "Гречка с грибами, как ты любишь."},
            {"role": "user", "content": "Опять гречка?"}]


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def models(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("gguf_models")


@pytest.fixture(scope="session")
def finetuned(models) -> Path:
    """A TiMe model as model_add_tokens.py leaves it: <char> and the chat template.

    n_positions=1024: transformers reads GPT-2 GGUFs only with that window (it maps the
    context length to n_ctx, which GPT2Config ignores)."""
    plain = make_tiny_model(models / "plain", with_char=False, n_positions=1024)
    out = models / "finetune"
    assert model_add_tokens.main(["--src-model", str(plain), "--new-model", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def exported(finetuned, models) -> dict[str, Path]:
    files = {}
    for outtype in ("f32", "f16", "q8_0"):
        files[outtype] = models / f"finetune-{outtype}.gguf"
        assert model_export_gguf.main([str(finetuned), str(files[outtype]), "--outtype", outtype]) == 0
    return files


def hf(path: Path, gguf_file: str | None = None):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    kwargs = {"gguf_file": gguf_file} if gguf_file else {}
    return (AutoModelForCausalLM.from_pretrained(path, **kwargs).eval(),
            AutoTokenizer.from_pretrained(path, **kwargs))


def last_logits(model, ids):
    import torch

    with torch.no_grad():
        return model(torch.tensor([ids])).logits[0]


def reader(path: Path):
    import gguf

    return gguf.GGUFReader(str(path))


def field_value(r, key):
    return r.fields[key].contents()


# ---------------------------------------------------------------- what transformers reads back

def test_vocabulary_and_char_ids_match(finetuned, exported):
    _, tok = hf(finetuned)
    for outtype, path in exported.items():
        _, back = hf(path.parent, path.name)
        assert back.get_vocab() == tok.get_vocab(), outtype
        for text in TEXTS:
            assert back.encode(text, add_special_tokens=False) == tok.encode(text, add_special_tokens=False), text
        ids = back.encode(f"{CHAR}Привет", add_special_tokens=False)
        assert ids[0] == tok.convert_tokens_to_ids(CHAR) and len(ids) > 1
        assert back.decode(ids) == f"{CHAR}Привет"


def test_f32_logits_match_within_1e3(finetuned, exported):
    model, tok = hf(finetuned)
    back, _ = hf(exported["f32"].parent, exported["f32"].name)
    for text in TEXTS:
        ids = tok.encode(text, add_special_tokens=False)
        diff = (last_logits(model, ids) - last_logits(back, ids)).abs().max().item()
        assert diff < 1e-3, (text, diff)


def test_f16_gives_the_same_next_token(finetuned, exported):
    model, tok = hf(finetuned)
    back, _ = hf(exported["f16"].parent, exported["f16"].name)
    for text in TEXTS:
        ids = tok.encode(text, add_special_tokens=False)
        want, got = last_logits(model, ids), last_logits(back, ids)
        assert (want.argmax(-1) == got.argmax(-1)).all(), text
        assert (want - got).abs().max().item() < 0.05


def test_q8_0_writes_blocks_that_dequantize_to_the_weights(finetuned, exported):
    import gguf
    import numpy as np

    model, tok = hf(finetuned)
    wte = model.transformer.wte.weight.detach().numpy()
    r = reader(exported["q8_0"])
    tensors = {t.name: t for t in r.tensors}
    embd = tensors["token_embd.weight"]
    assert embd.tensor_type == gguf.GGMLQuantizationType.Q8_0
    back = gguf.quants.dequantize(embd.data, embd.tensor_type).reshape(wte.shape)
    step = np.abs(wte).max(axis=1, keepdims=True) / 127  # one Q8_0 step per row, at most
    assert (np.abs(back - wte) <= step + 1e-6).all()
    assert tensors["blk.0.attn_norm.weight"].tensor_type == gguf.GGMLQuantizationType.F32
    assert tensors["position_embd.weight"].tensor_type == gguf.GGMLQuantizationType.F32
    # and an independent reader loads it and still predicts like the model
    back_model, back_tok = hf(exported["q8_0"].parent, exported["q8_0"].name)
    ids = tok.encode(TEXTS[1], add_special_tokens=False)
    assert back_tok.encode(TEXTS[1], add_special_tokens=False) == ids
    assert (last_logits(model, ids) - last_logits(back_model, ids)).abs().max().item() < 0.05


def test_q8_0_layout_is_llama_cpp_converters(exported):
    """Which tensors are Q8_0, their shapes and sizes, as convert_hf_to_gguf.py --outtype q8_0 writes them.

    Compared tensor by tensor with that converter's file of the same model (docs/export.md): same
    names, types, shapes and bytes. Matrices are Q8_0 (34 bytes per 32 weights), vectors and the
    position embedding f32; every tensor starts on general.alignment."""
    import gguf

    q8 = {t.name: t for t in reader(exported["q8_0"]).tensors}
    f32 = {t.name: t for t in reader(exported["f32"]).tensors}
    assert q8.keys() == f32.keys()
    block, block_bytes = gguf.GGML_QUANT_SIZES[gguf.GGMLQuantizationType.Q8_0]
    quantized = set()
    for name, t in q8.items():
        assert list(t.shape) == list(f32[name].shape), name
        if t.tensor_type == gguf.GGMLQuantizationType.Q8_0:
            quantized.add(name)
            assert t.shape[0] % block == 0 and t.n_bytes == t.n_elements // block * block_bytes, name
        else:
            assert t.tensor_type == gguf.GGMLQuantizationType.F32 and t.n_bytes == 4 * t.n_elements, name
    matrices = {"attn_qkv", "attn_output", "ffn_up", "ffn_down"}
    want = {"token_embd.weight"} | {n for n in q8 if n.endswith(".weight") and n.split(".")[-2] in matrices}
    assert quantized == want and len(want) == 1 + 4 * 2
    r = reader(exported["q8_0"])
    alignment = field_value(r, "general.alignment") if "general.alignment" in r.fields else gguf.GGUF_DEFAULT_ALIGNMENT
    assert all(t.data_offset % alignment == 0 for t in r.tensors)


def test_chat_template_read_back_builds_chat_py_prompt(finetuned, exported):
    import chat

    _, tok = hf(finetuned)
    _, back = hf(exported["f16"].parent, exported["f16"].name)
    assert back.chat_template and "{% generation %}" not in back.chat_template
    text = back.apply_chat_template(MESSAGES, tokenize=False, add_generation_prompt=True)
    ids, _ = chat.prompt_ids(tok, [m["content"] for m in MESSAGES], budget=1000)
    assert text == tok.decode(ids)
    assert back.encode(text, add_special_tokens=False) == ids


# ---------------------------------------------------------------- what llama.cpp will read

def test_char_is_user_defined_not_control(finetuned, exported):
    """A CONTROL token is split in a plain prompt and hidden in the output by llama.cpp front-ends."""
    import gguf

    _, tok = hf(finetuned)
    r = reader(exported["f16"])
    tokens = field_value(r, "tokenizer.ggml.tokens")
    types = field_value(r, "tokenizer.ggml.token_type")
    char_id = tok.convert_tokens_to_ids(CHAR)
    assert tokens[char_id] == CHAR and types[char_id] == gguf.TokenType.USER_DEFINED
    assert types[tok.eos_token_id] == gguf.TokenType.CONTROL
    assert sum(t != gguf.TokenType.NORMAL for t in types) == 2
    assert field_value(r, "tokenizer.ggml.model") == "gpt2"
    assert field_value(r, "tokenizer.ggml.pre") == "gpt-2"
    assert field_value(r, "tokenizer.ggml.eos_token_id") == tok.eos_token_id
    assert field_value(r, "tokenizer.ggml.add_bos_token") is False
    merges = json.loads((finetuned / "tokenizer.json").read_text(encoding="utf-8"))["model"]["merges"]
    assert field_value(r, "tokenizer.ggml.merges") == [" ".join(m) for m in merges]


def test_file_layout_for_llama_cpp(finetuned, exported):
    from dataset_tools.chat_format import CHAT_TEMPLATE, plain_template

    r = reader(exported["f32"])
    names = {t.name for t in r.tensors}
    assert "output.weight" not in names and "token_embd.weight" in names  # tied, as llama.cpp's converter
    assert field_value(r, "general.architecture") == "gpt2"
    assert field_value(r, "gpt2.context_length") == 1024
    assert field_value(r, "gpt2.block_count") == 2
    assert field_value(r, "tokenizer.chat_template") == plain_template(CHAT_TEMPLATE)
    assert field_value(r, "general.name") == finetuned.name
    qkv = next(t for t in r.tensors if t.name == "blk.0.attn_qkv.weight")
    assert list(qkv.shape) == [64, 192]  # GGUF lists [in, out]: the Conv1D weight was transposed


def test_untied_output_for_old_builds(finetuned, tmp_path):
    import numpy as np

    out = tmp_path / "old.gguf"
    assert model_export_gguf.main([str(finetuned), str(out), "--outtype", "f32", "--untied-output"]) == 0
    tensors = {t.name: t for t in reader(out).tensors}
    assert np.array_equal(tensors["output.weight"].data, tensors["token_embd.weight"].data)


# ---------------------------------------------------------------- LoRA and ruGPT-3

def test_lora_adapter_is_merged(finetuned, tmp_path):
    """A PROJECT holding a peft adapter, saved the way model_train_gpt2.py --lora saves it."""
    import torch
    from peft import LoraConfig, get_peft_model

    model, tok = hf(finetuned)
    char_id = tok.convert_tokens_to_ids(CHAR)
    config = LoraConfig(r=4, lora_alpha=8, target_modules=["c_attn", "c_fc"], fan_in_fan_out=True,
                        task_type="CAUSAL_LM", trainable_token_indices=[char_id])
    peft_model = get_peft_model(model, config)
    torch.manual_seed(1)
    with torch.no_grad():
        for name, p in peft_model.named_parameters():
            if "lora_B" in name or "trainable_tokens_delta" in name:
                p.normal_(0, 0.5)  # as if trained: a zero B would make the adapter a no-op
    adapter = tmp_path / "lora_run"
    peft_model.save_pretrained(adapter)
    tok.save_pretrained(adapter)
    assert not (adapter / "config.json").exists()
    out = tmp_path / "lora.gguf"
    assert model_export_gguf.main([str(adapter), str(out), "--outtype", "f32"]) == 0
    back, _ = hf(out.parent, out.name)
    base, _ = hf(finetuned)
    ids = tok.encode(TEXTS[2], add_special_tokens=False)
    with torch.no_grad():
        want = peft_model(torch.tensor([ids])).logits[0]
    assert (want - last_logits(back, ids)).abs().max().item() < 1e-3
    assert (want - last_logits(base, ids)).abs().max().item() > 0.1  # the adapter did change the model


def make_rugpt3_like(out_dir: Path) -> Path:
    """Laid out like sberbank-ai/rugpt3small_based_on_gpt2: a GPT2Tokenizer from vocab.json + merges.txt
    with `<pad> <s> </s> <unk> <mask>` as ids 0-4 of the vocabulary, Russian merges, a 2048 window,
    more embedding rows than tokens."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel

    specials = ["<pad>", "<s>", "</s>", "<unk>", "<mask>"]
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=600, special_tokens=specials, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    bpe.train_from_iterator(SAMPLE_DIALOGUES.replace(CHAR, "— ").splitlines() * 3, trainer=trainer)
    out_dir.mkdir(parents=True)
    bpe.model.save(str(out_dir))  # vocab.json, merges.txt
    (out_dir / "special_tokens_map.json").write_text(json.dumps(
        {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>"}))
    (out_dir / "tokenizer_config.json").write_text(json.dumps(
        {"tokenizer_class": "GPT2Tokenizer", "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>",
         "pad_token": "<pad>", "mask_token": "<mask>", "model_max_length": 2048}))
    torch.manual_seed(0)
    vocab = bpe.get_vocab_size()
    model = GPT2LMHeadModel(GPT2Config(vocab_size=vocab + 8, n_positions=2048, n_embd=64, n_layer=1, n_head=2,
                                       bos_token_id=1, eos_token_id=2, pad_token_id=0))
    model.save_pretrained(out_dir)
    return out_dir


def test_rugpt3_style_tokenizer_converts(tmp_path):
    import gguf

    from dataset_tools.modeling import load_model

    src = make_rugpt3_like(tmp_path / "rugpt3small")
    ft = tmp_path / "rugpt3_for_train"
    assert model_add_tokens.main(["--src-model", str(src), "--new-model", str(ft)]) == 0
    model, tok = hf(ft)
    assert tok.convert_ids_to_tokens([0, 1, 2]) == ["<pad>", "<s>", "</s>"]
    out = tmp_path / "rugpt3.gguf"
    assert model_export_gguf.main([str(ft), str(out), "--outtype", "f32"]) == 0
    r = reader(out)
    tokens, types = field_value(r, "tokenizer.ggml.tokens"), field_value(r, "tokenizer.ggml.token_type")
    rows = model.get_input_embeddings().weight.shape[0]
    char_id = tok.convert_tokens_to_ids(CHAR)
    assert len(tokens) == rows and char_id < rows
    assert types[char_id] == gguf.TokenType.USER_DEFINED
    assert [types[i] for i in range(5)] == [gguf.TokenType.CONTROL] * 5
    assert tokens[-1] == f"[PAD{rows - 1}]" and types[-1] == gguf.TokenType.UNUSED
    assert field_value(r, "tokenizer.ggml.bos_token_id") == 1
    assert field_value(r, "tokenizer.ggml.eos_token_id") == 2
    assert field_value(r, "gpt2.context_length") == 2048
    from transformers import AutoTokenizer

    back_tok = AutoTokenizer.from_pretrained(out.parent, gguf_file=out.name)
    for text in TEXTS[:1] + ["<s><char>Здравствуй, брат.\n<char>"]:
        assert back_tok.encode(text, add_special_tokens=False) == tok.encode(text, add_special_tokens=False)
    # transformers cannot read a GPT-2 GGUF with a 2048 window by itself; modeling.load_model can.
    back = load_model(out.parent, out.name)
    ids = tok.encode("<s><char>Здравствуй, брат.\n<char>", add_special_tokens=False)
    assert (last_logits(model, ids) - last_logits(back, ids)).abs().max().item() < 1e-3


# ---------------------------------------------------------------- bad input

def run(argv, capsys) -> tuple[int, str]:
    capsys.readouterr()  # what the test's own setup printed
    code = model_export_gguf.main(argv)
    return code, capsys.readouterr().err


def assert_one_russian_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("загрузка")]
    assert len(lines) == 1 and lines[0].startswith("ошибка: "), err
    assert "Traceback" not in err


def nothing_written(folder: Path, name: str) -> bool:
    return not (folder / name).exists() and not list(folder.glob(f".{name}.*"))


def test_not_a_model_folder(tmp_path, capsys):
    (tmp_path / "books").mkdir()
    (tmp_path / "books" / "book.txt").write_text("— Привет.", encoding="utf-8")
    code, err = run([str(tmp_path / "books"), str(tmp_path / "m.gguf")], capsys)
    assert code == 2 and "не папка модели" in err
    assert_one_russian_line(err)
    assert nothing_written(tmp_path, "m.gguf")


def test_missing_project(tmp_path, capsys):
    code, err = run([str(tmp_path / "nope"), str(tmp_path / "m.gguf")], capsys)
    assert code == 2 and "не найдена" in err
    assert_one_russian_line(err)


def test_missing_tokenizer(finetuned, tmp_path, capsys):
    broken = tmp_path / "no_tokenizer"
    broken.mkdir()
    for name in ("config.json", "model.safetensors"):
        (broken / name).write_bytes((finetuned / name).read_bytes())
    code, err = run([str(broken), str(tmp_path / "m.gguf")], capsys)
    assert code == 2 and "нет токенизатора" in err
    assert_one_russian_line(err)
    assert nothing_written(tmp_path, "m.gguf")


def test_model_without_char(models, finetuned, tmp_path, capsys):
    code, err = run([str(models / "plain"), str(tmp_path / "m.gguf")], capsys)
    assert code == 2 and "нет <char>" in err and "model_add_tokens.py" in err
    assert_one_russian_line(err)
    assert nothing_written(tmp_path, "m.gguf")


def test_existing_output_is_kept(finetuned, tmp_path, capsys):
    out = tmp_path / "mine.gguf"
    out.write_bytes(b"my own file")
    code, err = run([str(finetuned), str(out)], capsys)
    assert code == 2 and "--overwrite" in err
    assert_one_russian_line(err)
    assert out.read_bytes() == b"my own file"


@pytest.mark.parametrize("name, message", [("m.bin", "кончаться на .gguf"), ("sub", "это папка")])
def test_bad_output_name(finetuned, tmp_path, capsys, name, message):
    (tmp_path / "sub").mkdir()
    code, err = run([str(finetuned), str(tmp_path / name)], capsys)
    assert code == 2 and message in err
    assert_one_russian_line(err)


def test_a_gguf_file_as_project(exported, tmp_path, capsys):
    code, err = run([str(exported["f16"]), str(tmp_path / "again.gguf")], capsys)
    assert code == 2 and "уже файл GGUF" in err
    assert_one_russian_line(err)


def test_not_gpt2(tmp_path, capsys):
    from transformers import LlamaConfig, LlamaForCausalLM

    tok = train_tokenizer()
    tok.add_special_tokens({"extra_special_tokens": [CHAR]})
    LlamaForCausalLM(LlamaConfig(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                                 num_attention_heads=2, num_key_value_heads=2)).save_pretrained(tmp_path / "llama")
    tok.save_pretrained(tmp_path / "llama")
    code, err = run([str(tmp_path / "llama"), str(tmp_path / "m.gguf")], capsys)
    assert code == 2 and "только GPT-2" in err
    assert_one_russian_line(err)
    assert nothing_written(tmp_path, "m.gguf")


def test_newest_checkpoint_of_a_project(finetuned, tmp_path, capsys, monkeypatch):
    """PROJECT = a training folder with checkpoints only: the newest complete one, as chat.py picks."""
    import shutil

    project = tmp_path / "runs" / "finetune"
    for step, complete in ((500, True), (1000, True), (1500, False)):
        ckpt = project / f"checkpoint-{step}"
        shutil.copytree(finetuned, ckpt)
        if complete:
            (ckpt / "trainer_state.json").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert model_export_gguf.main(["finetune", "out.gguf", "--outtype", "f32"]) == 0
    captured = capsys.readouterr()
    assert "checkpoint-1000" in captured.err and "записан out.gguf" in captured.out
    assert field_value(reader(tmp_path / "out.gguf"), "general.name") == "finetune"


def test_help_is_instant():
    start = time.time()
    done = subprocess.run([sys.executable, str(ROOT / "model_export_gguf.py"), "--help"],
                          check=False, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "--outtype" in done.stdout and "тип весов" in done.stdout
    assert time.time() - start < 10
    probe = subprocess.run([sys.executable, "-c", ("import sys, model_export_gguf; model_export_gguf.make_parser();"
                            "print(sorted(m for m in ('torch', 'transformers', 'gguf') if m in sys.modules))")],
                           check=False, capture_output=True, text=True, cwd=ROOT)
    assert probe.stdout.strip() == "[]"


# ---------------------------------------------------------------- llama.cpp itself

@pytest.mark.slow
def test_llama_cpp_reads_the_file(finetuned, exported):
    """Needs llama-cpp-python (built from source; see docs/export.md): not a project requirement."""
    try:
        import llama_cpp
    except ImportError:
        pytest.skip("llama_cpp is not importable here (pip install llama-cpp-python==0.3.36, see docs/export.md)")
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    import chat
    from dataset_tools.chat_format import CHAT_TEMPLATE, plain_template

    model, tok = hf(finetuned)
    char_id = tok.convert_tokens_to_ids(CHAR)
    for outtype in ("f32", "f16", "q8_0"):
        survives_a_prompt(exported[outtype])
        llm = llama_cpp.Llama(model_path=str(exported[outtype]), n_ctx=256, logits_all=True, verbose=False,
                              n_threads=1)
        # The text <char> in a prompt is the one token, even without parse_special (USER_DEFINED) ...
        for special in (False, True):
            ids = llm.tokenize(f"{CHAR}Привет".encode(), add_bos=False, special=special)
            assert ids == tok.encode(f"{CHAR}Привет", add_special_tokens=False), (outtype, special)
        # ... and it is shown when generated; a CONTROL token (end-of-text) would be hidden.
        assert llm.detokenize([char_id]) == CHAR.encode()
        assert llm.detokenize([tok.eos_token_id]) == b""
        assert llm.metadata["tokenizer.chat_template"] == plain_template(CHAT_TEMPLATE)
        formatter = Jinja2ChatFormatter(template=llm.metadata["tokenizer.chat_template"], eos_token=EOS,
                                        bos_token=EOS, add_generation_prompt=True)
        prompt = formatter(messages=MESSAGES).prompt
        want_ids, _ = chat.prompt_ids(tok, [m["content"] for m in MESSAGES], budget=1000)
        assert llm.tokenize(prompt.encode(), add_bos=False, special=True) == want_ids
        for text in TEXTS:
            ids = tok.encode(text, add_special_tokens=False)
            llm.reset()
            llm.eval(ids)
            import numpy as np

            got = np.array(llm.scores[len(ids) - 1])
            want = last_logits(model, ids)[-1].numpy()
            diff = float(np.abs(got - want).max())
            print(f"llama.cpp {outtype}: max |logit diff| {diff:.2e} on {len(ids)} tokens")
            assert got.argmax() == want.argmax(), (outtype, text)
            if outtype == "f32":
                assert diff < 1e-3, (text, diff)
        llm.close()


PROBE = """
import sys, llama_cpp
llm = llama_cpp.Llama(model_path=sys.argv[1], n_ctx=64, verbose=False, n_threads=1)
llm.eval([0, 1, 2, 3])  # a prompt of several tokens: the batched kernels, not the one-token ones
"""


def survives_a_prompt(path: Path) -> None:
    """Evaluate a short prompt in a child: a llama.cpp that crashes fails this test with the reason
    instead of killing pytest."""
    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], check=False, capture_output=True, text=True,
                          timeout=120)
    if done.returncode < 0 or done.returncode > 128:
        pytest.fail(f"llama.cpp died (code {done.returncode}) evaluating a prompt of {path.name}. A segfault on "
                    "q8_0 only, with 'AMX model buffer' in its log, is this llama.cpp build's AMX kernel miscompiled "
                    "by GCC 12 (docs/export.md, 'q8_0 и AMX'), not the file; rebuild llama.cpp as described there.")
    assert done.returncode == 0, done.stderr[-2000:]
