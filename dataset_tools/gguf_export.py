"""A fine-tuned GPT-2 (or ruGPT-3) as one GGUF file for llama.cpp and its front-ends (FORMAT.md §9).

Built on the `gguf` package (GGUFWriter, its tensor-name map, SpecialVocab) rather than
llama.cpp's convert_hf_to_gguf.py: that script is not a library, and it refuses tokenizers it
does not know by a hash of their output, i.e. every tokenizer trained locally.

What a reader needs, and why it is written this way:
- the weights as llama.cpp's GPT-2 graph expects them: Conv1D weights transposed to [out, in];
  a tied output layer is not written (llama.cpp ties it to token_embd, as its own converter
  does since llama.cpp PR #12456, March 2025; older builds need --untied-output);
- the byte-level BPE vocabulary and merges with the GPT-2 pre-tokenizer (`gpt-2`);
- `<char>` as a USER_DEFINED token: llama.cpp matches those whole in any prompt text and prints
  them when generated. A CONTROL token (what `<|endoftext|>` is) would be split in a plain
  prompt and hidden in the output by the front-ends;
- the chat template of chat_format.py, without its {% generation %} marks, which are for
  trainers only.

numpy / torch / transformers / gguf are imported inside the functions: --help stays instant.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .chat_format import CHAT_TEMPLATE, plain_template
from .formats import CHAR_TOKEN
from .textio import UserError
from .plural import ROWS, TOKENS, count

OUTTYPES = ("f16", "q8_0", "f32")
TOKENIZER_FILES = ("tokenizer.json", "vocab.json")
ADAPTER_CONFIG = "adapter_config.json"
# HF GPT-2 keeps these as Conv1D, weights [in, out]; GGUF (like torch.nn.Linear) wants [out, in].
CONV1D_WEIGHTS = ("attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight")
Q8_BLOCK = 32  # a Q8_0 block: rows whose length is not a multiple of it are written as f16


@dataclass
class ExportSummary:
    path: Path
    outtype: str
    tensors: int = 0
    size: int = 0
    vocab: int = 0
    char_id: int = -1
    merged_lora: bool = False
    tied: bool = True
    fallback_f16: list[str] = field(default_factory=list)


def check_model_dir(model_dir: Path) -> None:
    """What a model folder must hold before anything is loaded; UserError in Russian otherwise."""
    if not any((model_dir / name).is_file() for name in TOKENIZER_FILES):
        raise UserError(f"{model_dir}: нет токенизатора (tokenizer.json или vocab.json + merges.txt); "
                        "сохраните модель вместе с токенизатором (model_add_tokens.py, model_train_gpt2.py)")


def load_for_export(model_dir: Path):
    """(model in float32, tokenizer, whether a LoRA adapter was merged) from a model or adapter folder."""
    import torch

    from .modeling import load_model, load_tokenizer

    check_model_dir(model_dir)
    tokenizer = load_tokenizer(model_dir)
    if not (model_dir / ADAPTER_CONFIG).is_file():
        return load_model(model_dir, dtype=torch.float32), tokenizer, False
    return merge_lora(model_dir), tokenizer, True


def merge_lora(adapter_dir: Path):
    """The base model with the peft adapter merged in, in full precision."""
    import torch

    from .modeling import load_model

    try:
        base_path = Path(json.loads((adapter_dir / ADAPTER_CONFIG).read_text(encoding="utf-8"))
                         ["base_model_name_or_path"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise UserError(f"{adapter_dir / ADAPTER_CONFIG}: не читается как адаптер peft ({err})")
    if not base_path.is_dir():
        raise UserError(f"{adapter_dir / ADAPTER_CONFIG}: базовая модель адаптера {base_path} не найдена; "
                        "верните её на этот путь или исправьте base_model_name_or_path")
    from peft import PeftModel

    base = load_model(base_path, dtype=torch.float32)
    try:
        return PeftModel.from_pretrained(base, adapter_dir).merge_and_unload().eval()
    except Exception as err:  # noqa: BLE001 - a foreign or broken adapter
        raise UserError(f"{adapter_dir}: адаптер LoRA не подходит к {base_path} ({str(err).splitlines()[0][:200]})")


def tokenizer_spec(tokenizer) -> dict:
    """The tokenizers JSON of a byte-level BPE tokenizer; UserError (Russian) for any other kind."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    spec = json.loads(backend.to_str()) if backend is not None else {}
    model = spec.get("model") or {}
    pre = spec.get("pre_tokenizer") or {}
    pres = pre.get("pretokenizers", [pre]) if pre.get("type") == "Sequence" else [pre]
    # llama.cpp's `gpt-2` pre-tokenizer is ByteLevel with GPT-2's regex and no prefix space.
    byte_level = any(p.get("type") == "ByteLevel" and p.get("use_regex", True) and not p.get("add_prefix_space")
                     for p in pres)
    if model.get("type") != "BPE" or not byte_level or len(pres) != 1:
        raise UserError(f"{tokenizer.name_or_path}: токенизатор не byte-level BPE с разбиением GPT-2 "
                        f"(модель {model.get('type')}, пре-токенизатор {pre.get('type')}); экспорт в GGUF "
                        "умеет токенизаторы GPT-2 и ruGPT-3")
    return spec


def vocabulary(tokenizer, rows: int) -> tuple[list[str], list[int]]:
    """Token texts and GGUF token types for every embedding row.

    Rows past the tokenizer (ruGPT-3 carries spare ones) become `[PAD{id}]`, UNUSED, as llama.cpp's
    converter writes them: llama.cpp needs one token per row.
    """
    import gguf

    spec = tokenizer_spec(tokenizer)
    tokens: list[str | None] = [None] * max(rows, len(tokenizer))
    for text, i in spec["model"]["vocab"].items():
        tokens[i] = text
    types = [gguf.TokenType.NORMAL] * len(tokens)
    for added in spec.get("added_tokens", []):
        i = added["id"]
        tokens[i] = added["content"]
        if added["content"] == CHAR_TOKEN or not added.get("special"):
            types[i] = gguf.TokenType.USER_DEFINED  # matched in text, shown in output
        else:
            types[i] = gguf.TokenType.CONTROL
    for i, text in enumerate(tokens):
        if text is None:
            tokens[i], types[i] = f"[PAD{i}]", gguf.TokenType.UNUSED
    if len(tokens) > rows:
        raise UserError(f"{tokenizer.name_or_path}: в токенизаторе {count(len(tokens), *TOKENS)}, а в эмбеддинге "
                        f"модели только {count(rows, *ROWS)}; модель и токенизатор от разных моделей")
    return tokens, [int(t) for t in types]


def gpt2_tensors(model, untied_output: bool = False):
    """(GGUF name, float32 numpy array) for every weight of a HF GPT-2, in llama.cpp's layout."""
    import gguf
    import numpy as np

    config = model.config
    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.GPT2, config.n_layer)
    tied = tied_output(model)
    for name, tensor in model.state_dict().items():
        if name.endswith((".attn.bias", ".attn.masked_bias")):
            continue  # the causal mask buffers of older checkpoints, not weights
        if name == "lm_head.weight" and tied and not untied_output:
            continue  # llama.cpp uses token_embd for the output layer
        data = tensor.detach().float().cpu().numpy()
        if name.endswith(CONV1D_WEIGHTS):
            data = data.T
        gguf_name = names.get_name(name, try_suffixes=(".weight", ".bias"))
        if gguf_name is None:
            raise UserError(f"вес {name} не знаком схеме GPT-2 пакета gguf; экспорт умеет только GPT-2")
        yield gguf_name, np.ascontiguousarray(data)  # a tied lm_head (--untied-output) is wte's copy


def tied_output(model) -> bool:
    out = model.get_output_embeddings()
    return out is None or out.weight.data_ptr() == model.get_input_embeddings().weight.data_ptr()


def encode_tensor(name: str, data, outtype: str):
    """(array, raw dtype or None) for the output type; vectors and positions stay float32.

    As llama.cpp's converter does: biases, norms and position embeddings are tiny and
    precision-sensitive; f16/q8_0 is for the matrices. A matrix whose rows Q8_0 cannot cut into
    blocks of 32 is written as f16. The q8_0 file has the tensors, types and bytes that
    convert_hf_to_gguf.py --outtype q8_0 writes for the same model (docs/export.md, q8_0 и AMX).
    """
    import gguf
    import numpy as np

    if outtype == "f32" or data.ndim < 2 or name.startswith("position_embd"):
        return data.astype(np.float32), None
    if outtype == "q8_0" and data.shape[-1] % Q8_BLOCK == 0:
        quant = gguf.GGMLQuantizationType.Q8_0
        return gguf.quants.quantize(data.astype(np.float32), quant), quant
    return data.astype(np.float16), None


def file_type(outtype: str) -> int:
    import gguf

    return {"f32": gguf.LlamaFileType.ALL_F32, "f16": gguf.LlamaFileType.MOSTLY_F16,
            "q8_0": gguf.LlamaFileType.MOSTLY_Q8_0}[outtype]


def check_exportable(model, tokenizer) -> int:
    """The id of `<char>`; UserError (Russian) when the model cannot or should not be exported."""
    from .modeling import char_token_id

    if model.config.model_type != "gpt2":
        raise UserError(f"{tokenizer.name_or_path}: модель {model.config.model_type}, а экспорт в GGUF "
                        "умеет только GPT-2 (model_type gpt2: GPT-2, ruGPT-3)")
    char_id = char_token_id(tokenizer)
    if char_id is None:
        raise UserError(f"{tokenizer.name_or_path}: в токенизаторе нет {CHAR_TOKEN}; это не модель TiMe "
                        "(сначала model_add_tokens.py, потом model_train_gpt2.py)")
    return char_id


def write_gguf(model, tokenizer, out_path: Path, outtype: str, name: str, merged_lora: bool = False,
               untied_output: bool = False, progress: bool = True) -> ExportSummary:
    """Write the model as GGUF into a temp file beside out_path, then rename it into place."""
    import gguf

    char_id = check_exportable(model, tokenizer)
    config = model.config
    rows = model.get_input_embeddings().weight.shape[0]
    tokens, types = vocabulary(tokenizer, rows)
    summary = ExportSummary(out_path, outtype, vocab=len(tokens), char_id=char_id, merged_lora=merged_lora,
                            tied=tied_output(model))
    out_path = Path(out_path)
    fd, tmp_name = tempfile.mkstemp(dir=out_path.parent, prefix=f".{out_path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with tempfile.TemporaryDirectory(prefix="tokenizer-") as tok_dir:
            # SpecialVocab reads a tokenizer folder: save ours (slow vocab.json-only ones become
            # tokenizer.json on the way), then it gives the merges, special ids and template.
            tokenizer.save_pretrained(tok_dir)
            special = gguf.SpecialVocab(tok_dir, load_merges=True, n_vocab=len(tokens))
        special.chat_template = plain_template(tokenizer.chat_template or CHAT_TEMPLATE)
        # GPT-2 adds nothing by itself; the template starts the dialogue with end-of-text.
        special.add_special_token = {"bos": False, "eos": False}
        writer = gguf.GGUFWriter(str(tmp), gguf.MODEL_ARCH_NAMES[gguf.MODEL_ARCH.GPT2])
        writer.add_name(name)
        writer.add_context_length(config.n_positions)
        writer.add_embedding_length(config.n_embd)
        writer.add_feed_forward_length(config.n_inner or 4 * config.n_embd)
        writer.add_block_count(config.n_layer)
        writer.add_head_count(config.n_head)
        writer.add_layer_norm_eps(config.layer_norm_epsilon)
        writer.add_file_type(file_type(outtype))
        if outtype == "q8_0":
            writer.add_quantization_version(gguf.GGML_QUANT_VERSION)
        writer.add_tokenizer_model("gpt2")
        writer.add_tokenizer_pre("gpt-2")
        writer.add_token_list(tokens)
        writer.add_token_types(types)
        special.add_to_gguf(writer, quiet=True)
        for gguf_name, data in gpt2_tensors(model, untied_output):
            encoded, raw = encode_tensor(gguf_name, data, outtype)
            if outtype == "q8_0" and raw is None and encoded.dtype.name == "float16":
                summary.fallback_f16.append(gguf_name)
            writer.add_tensor(gguf_name, encoded, raw_dtype=raw)
            summary.tensors += 1
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file(progress=progress)
        writer.close()
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)  # mkstemp makes it private; the model is an ordinary file
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    summary.size = out_path.stat().st_size
    return summary
