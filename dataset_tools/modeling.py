"""Model helpers shared by model_add_tokens.py and model_train_gpt2.py.

Loading a model directory (or a GGUF file) with errors a user can act on, adding the `<char>`
token, checking that GPT-2's tied output layer stays tied, and saving a model so that a crash
never leaves a half-written directory that `from_pretrained` would take for a finished one.

torch / transformers are imported inside the functions: the scripts' `--help` must stay instant.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .formats import CHAR_TOKEN
from .textio import UserError

# What `<char>` stands for in the books: the dash that opens a replica (FORMAT.md §1-2).
# Its embedding is the initial value of the new `<char>` row (see init_char_row).
DASH_TEXT = "—"

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json",
                "pytorch_model.bin.index.json", "adapter_config.json")


def locate_model(path: str | os.PathLike, gguf_file: str | None = None) -> tuple[Path, str | None]:
    """Return (directory, gguf file name or None) for a model given as a directory or a .gguf file.

    Raises UserError with what is wrong and how to fix it: a missing path, a file that is not a
    GGUF, a directory with neither config.json nor a single *.gguf in it.
    """
    path = Path(path)
    if path.is_file():
        if path.suffix.lower() != ".gguf":
            raise UserError(f"{path}: это файл, а нужна папка модели (с config.json) или файл .gguf")
        return path.parent, path.name
    if not path.exists():
        raise UserError(f"{path}: папка модели не найдена; проверьте путь "
                        "(модели не скачиваются: укажите локальную папку)")
    if gguf_file:
        if not (path / gguf_file).is_file():
            raise UserError(f"{path / gguf_file}: файл GGUF не найден")
        return path, gguf_file
    if (path / "config.json").is_file():
        if not any((path / name).is_file() for name in WEIGHT_FILES):
            raise UserError(f"{path}: есть config.json, но нет весов (model.safetensors или "
                            "pytorch_model.bin): скачивание или копирование не закончено")
        return path, None
    ggufs = sorted(p.name for p in path.glob("*.gguf"))
    if len(ggufs) == 1:
        return path, ggufs[0]
    if len(ggufs) > 1:
        raise UserError(f"{path}: несколько файлов .gguf ({', '.join(ggufs)}); "
                        "укажите один из них: --gguf-file ИМЯ")
    raise UserError(f"{path}: это не папка модели (нет ни config.json, ни файла .gguf); "
                    "укажите папку, куда скачана модель")


def load_tokenizer(model_dir: Path, gguf_file: str | None = None):
    """The model's tokenizer, offline; GPT-2 tokenizers get pad = eos (they have no pad token)."""
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(model_dir, gguf_file=gguf_file, local_files_only=True)
    except Exception as err:  # noqa: BLE001 - any failure here is a broken or foreign file
        raise UserError(f"{model_dir}: не удалось загрузить токенизатор ({first_line(err)})")
    if tokenizer.pad_token is None and tokenizer.eos_token is not None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def load_model(model_dir: Path, gguf_file: str | None = None, dtype=None, **kwargs):
    """AutoModelForCausalLM from a local directory or GGUF file; UserError on a broken one."""
    from transformers import AutoConfig, AutoModelForCausalLM

    try:
        if gguf_file:
            config = AutoConfig.from_pretrained(model_dir, gguf_file=gguf_file, local_files_only=True)
            # transformers maps GGUF's gpt2.context_length to `n_ctx`, which GPT2Config no longer
            # reads, so any GPT-2 GGUF whose context is not 1024 (ruGPT-3: 2048) fails to load
            # with a wpe size mismatch. Copy it to n_positions ourselves.
            n_ctx = getattr(config, "n_ctx", None)
            if config.model_type == "gpt2" and n_ctx and n_ctx != config.n_positions:
                config.n_positions = n_ctx
            kwargs["config"] = config
        model = AutoModelForCausalLM.from_pretrained(model_dir, gguf_file=gguf_file, dtype=dtype,
                                                     local_files_only=True, **kwargs)
    except Exception as err:  # noqa: BLE001 - corrupt safetensors, foreign config, wrong GGUF arch...
        raise UserError(f"{model_dir}: не удалось загрузить модель ({first_line(err)}); "
                        "файлы неполные или это не языковая модель (causal LM)")
    return plain_copy(model) if gguf_file else model


def plain_copy(model):
    """A GGUF model is dequantized on load but stays marked "quantized with gguf", which
    save_pretrained refuses. Rebuild it as an ordinary model around the same tensors."""
    import torch
    from transformers import AutoModelForCausalLM

    config = model.config
    for attr in ("quantization_config", "n_ctx", "feed_forward_length"):
        if hasattr(config, attr):
            delattr(config, attr)
    with torch.device("meta"):
        plain = AutoModelForCausalLM.from_config(config)
    plain.load_state_dict(model.state_dict(), strict=False, assign=True)
    plain.tie_weights()
    missing = [n for n, p in plain.named_parameters() if p.is_meta]
    assert not missing, f"GGUF weights missing after conversion: {missing[:3]}"
    return plain.eval()


def context_length(config, tokenizer=None) -> int:
    """How many tokens the model can see at once: the one answer for training, chat and export.

    The config's own field first. `n_ctx` comes first because transformers maps a GGUF's
    gpt2.context_length there while leaving n_positions at its 1024 default (see load_model);
    other GPT-2 configs that carry n_ctx have it equal to n_positions. Then the tokenizer's
    model_max_length, unless it is the "no limit" sentinel (1e30); else GPT-2's 1024.
    """
    for name in ("n_ctx", "n_positions", "max_position_embeddings"):
        value = getattr(config, name, None)
        if isinstance(value, int) and value > 0:
            return value
    limit = getattr(tokenizer, "model_max_length", None)
    return limit if isinstance(limit, int) and 0 < limit < 1_000_000 else 1024


def read_context_length(model_dir: Path, gguf_file: str | None = None, tokenizer=None) -> int:
    """context_length of a model on disk, from its config alone (no weights loaded)."""
    from transformers import AutoConfig

    try:
        config = AutoConfig.from_pretrained(model_dir, gguf_file=gguf_file, local_files_only=True)
    except (OSError, ValueError) as err:
        raise UserError(f"{model_dir}: не удалось прочитать конфиг модели ({first_line(err)})")
    return context_length(config, tokenizer)


def first_line(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0][:300]


def char_token_id(tokenizer) -> int | None:
    """The id of `<char>` if the tokenizer encodes it as one token, else None."""
    ids = tokenizer.encode(CHAR_TOKEN, add_special_tokens=False)
    if len(ids) == 1 and tokenizer.convert_ids_to_tokens(ids[0]) == CHAR_TOKEN:
        return ids[0]
    return None


def weights_tied(model) -> bool:
    """True when the output layer shares its weight tensor with the input embedding."""
    out = model.get_output_embeddings()
    if out is None:
        return False
    return out.weight.data_ptr() == model.get_input_embeddings().weight.data_ptr()


def add_char_token(model, tokenizer, init: str = "dash") -> dict:
    """Add `<char>` to the tokenizer as a special token and give it an embedding row.

    The embedding matrix is resized only when the vocabulary grew past it (ruGPT-3 checkpoints
    already carry a few spare rows). The new row is set by init_char_row either way: a spare
    row holds whatever the original training left there. Returns a dict describing what was done.
    """
    existing = char_token_id(tokenizer)
    rows = model.get_input_embeddings().weight.shape[0]
    if existing is not None and existing < rows:
        return {"added": False, "id": existing, "resized": False, "rows": rows}

    was_tied = weights_tied(model)
    extra = [t for t in (getattr(tokenizer, "extra_special_tokens", None) or []) if str(t) != CHAR_TOKEN]
    tokenizer.add_special_tokens({"extra_special_tokens": [*map(str, extra), CHAR_TOKEN]})
    new_id = char_token_id(tokenizer)
    assert new_id is not None, "the tokenizer still splits <char> after adding it"
    resized = len(tokenizer) > rows
    if resized:
        # mean_resizing=False: we set the one new row ourselves, right below.
        model.resize_token_embeddings(len(tokenizer), mean_resizing=False)
    source = init_char_row(model, tokenizer, new_id, init)
    if was_tied and not weights_tied(model):
        model.tie_weights()
    assert weights_tied(model) == was_tied, "resizing changed whether the output layer is tied"
    return {"added": True, "id": new_id, "resized": resized, "init": source,
            "rows": model.get_input_embeddings().weight.shape[0], "tied": was_tied}


def init_char_row(model, tokenizer, new_id: int, init: str) -> str:
    """Set the `<char>` row of the input (and an untied output) embedding.

    `dash`: the mean of the rows of the tokens that spell the replica dash `—` in this tokenizer.
    In the training data `<char>` stands exactly where the book had that dash, so the model starts
    from what it already knows ("a replica begins here") instead of from noise; the first steps
    then refine it rather than spend the learning rate on an arbitrary vector.
    `mean`: the mean of all rows (what transformers' mean_resizing does), for tokenizers without
    a dash. Returns a short description of what was used.
    """
    import torch

    emb = model.get_input_embeddings().weight
    out_layer = model.get_output_embeddings()
    untied_out = out_layer if out_layer is not None and not weights_tied(model) else None
    with torch.no_grad():
        if init == "dash":
            dash_ids = [i for i in tokenizer.encode(DASH_TEXT, add_special_tokens=False) if i != new_id]
            if dash_ids and max(dash_ids) < emb.shape[0]:
                emb[new_id] = emb[dash_ids].float().mean(0).to(emb.dtype)
                if untied_out is not None and max(dash_ids) < untied_out.weight.shape[0]:
                    untied_out.weight[new_id] = untied_out.weight[dash_ids].float().mean(0).to(emb.dtype)
                pieces = tokenizer.convert_ids_to_tokens(dash_ids)
                return f"the dash '{DASH_TEXT}' ({len(dash_ids)} token{'s' if len(dash_ids) > 1 else ''}: {pieces})"
            init = "mean"  # no dash in this vocabulary: fall through
        if init == "mean":
            emb[new_id] = emb[:new_id].float().mean(0).to(emb.dtype)
            if untied_out is not None:
                untied_out.weight[new_id] = untied_out.weight[:new_id].float().mean(0).to(emb.dtype)
            return "the mean of all embedding rows"
    raise ValueError(f"unknown init {init!r}")


def dir_has_files(path: Path) -> bool:
    return path.is_dir() and any(path.iterdir())


def save_model_atomically(model, tokenizer, out_dir: Path, overwrite: bool = False,
                          extra_files: dict[str, str] | None = None) -> None:
    """save_pretrained model + tokenizer into a temp dir beside out_dir, then rename it into place.

    A crash or Ctrl-C while writing leaves only a hidden `.NAME.tmp-*` directory, never a
    directory that loads as a (broken) model. An existing out_dir is replaced only if overwrite.
    """
    out_dir = Path(out_dir)
    if dir_has_files(out_dir) and not overwrite:
        raise UserError(f"{out_dir}: уже существует и не пуста; выберите другое имя "
                        "или передайте --overwrite")
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"{out_dir}: существует и это не папка; выберите другое имя")
    parent = out_dir.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out_dir.name}.tmp-"))
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private (0700); the model is an ordinary folder
    except OSError as err:
        raise UserError(f"{parent}: туда нельзя писать ({err.strerror}); выберите папку, доступную для записи")
    try:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        for name, text in (extra_files or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
        old = None
        if out_dir.exists():
            old = parent / f".{out_dir.name}.old-{os.getpid()}"
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
