"""Add the `<char>` token and the chat template to a causal language model and save it for fine-tuning.

    python model_add_tokens.py --src-model gpt2_small --new-model gpt2_small_for_train
    python model_add_tokens.py --src-model rugpt3small_based_on_gpt2 --new-model rugpt3_for_train
    python model_add_tokens.py --src-model models/model-f16.gguf --new-model gguf_for_train   # from a GGUF file
    python model_add_tokens.py --src-model gpt2_small --new-model gpt2_small_for_train --init mean --overwrite
    python model_add_tokens.py --src-model finetune --new-model finetune   # an older model: add the template only

`<char>` becomes one special token; the embedding matrix grows only if the vocabulary outgrew it;
the new row starts as the embedding of the replica dash `—` that `<char>` replaces in dataset.txt
(`--init mean`: the mean of all rows). GPT-2's output layer stays tied to the input embedding.
The tokenizer gets the chat template of FORMAT.md §9 (every message one `<char>` line, the
generation prompt `<char>`; dataset_tools/chat_format.py); a model that already has `<char>`
but no template gets just the template, written into its folder as chat_template.jinja.
Nothing is downloaded: SRC_MODEL is a local directory (or a .gguf file).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dataset_tools.chat_format import CHAT_TEMPLATE
from dataset_tools.command import run_command
from dataset_tools.formats import CHAR_TOKEN
from dataset_tools.textio import UserError, atomic_write
from dataset_tools.plural import ROWS, TOKENS, count

TEMPLATE_FILE = "chat_template.jinja"  # where transformers 5 keeps a tokenizer's chat template


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="model_add_tokens.py",
        description=f"Добавляет токен {CHAR_TOKEN} и шаблон чата в локальную языковую модель (GPT-2, "
                    "ruGPT-3, любая AutoModelForCausalLM или файл GGUF) и сохраняет модель с токенизатором.")
    parser.add_argument("--src-model", type=Path, default=Path("gpt2_small"),
                        help="папка модели или файл .gguf (по умолчанию: gpt2_small)")
    parser.add_argument("--new-model", type=Path, default=Path("gpt2_small_for_train"),
                        help=f"куда сохранить модель с {CHAR_TOKEN} (по умолчанию: gpt2_small_for_train)")
    parser.add_argument("--gguf-file", default=None,
                        help="имя файла GGUF в папке --src-model, если их там несколько")
    parser.add_argument("--init", choices=("dash", "mean"), default="dash",
                        help=f"начальный эмбеддинг {CHAR_TOKEN}: тире «—», которое он заменяет (по умолчанию), "
                             "или среднее всех строк")
    parser.add_argument("--overwrite", action="store_true",
                        help="заменить --new-model, если такая папка уже есть")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return run_command(lambda: add_tokens(args), interrupted=f"прервано: {args.new_model} не записана")


def add_template_in_place(model_dir: Path, tokenizer) -> str:
    """Give a saved model that already has `<char>` the chat template, if it has none.

    Only chat_template.jinja is written (temp file + rename): the weights and the rest of the
    tokenizer stay as they are. A different template already there is the user's: kept.
    """
    if tokenizer.chat_template == CHAT_TEMPLATE:
        return "шаблон чата уже есть"
    if tokenizer.chat_template:
        return (f"у токенизатора другой шаблон чата, он оставлен как есть (чтобы поставить шаблон TiMe, "
                f"удалите {model_dir / TEMPLATE_FILE} или chat_template из tokenizer_config.json и "
                "запустите снова)")
    atomic_write(model_dir / TEMPLATE_FILE, CHAT_TEMPLATE)
    return f"добавлен шаблон чата ({model_dir / TEMPLATE_FILE})"


def set_template(tokenizer) -> str:
    """The chat template for a model being converted now: ours, replacing a base model's own."""
    if tokenizer.chat_template == CHAT_TEMPLATE:
        return "шаблон чата уже был"
    note = "шаблон чата заменён на шаблон TiMe" if tokenizer.chat_template else "добавлен шаблон чата"
    tokenizer.chat_template = CHAT_TEMPLATE
    return note


def add_tokens(args) -> int:
    from dataset_tools.modeling import (
        add_char_token,
        char_token_id,
        dir_has_files,
        load_model,
        load_tokenizer,
        locate_model,
        save_model_atomically,
        weights_tied,
    )

    src_dir, gguf_file = locate_model(args.src_model, args.gguf_file)
    new_dir = args.new_model
    same_dir = new_dir.exists() and new_dir.resolve() == src_dir.resolve() and gguf_file is None
    if dir_has_files(new_dir) and not same_dir and not args.overwrite:
        # A re-run of model_add_tokens.sh: the model made last time is already there.
        try:
            done_dir, done_gguf = locate_model(new_dir)
            done_tok = load_tokenizer(done_dir, done_gguf)
            done_id = char_token_id(done_tok) if done_gguf is None else None
        except UserError:
            done_id = None
        if done_id is not None:
            note = add_template_in_place(done_dir, done_tok)
            print(f"в {new_dir} уже есть {CHAR_TOKEN} (id {done_id}); {note}; модель не менялась "
                  f"(--overwrite пересоберёт её из {args.src_model})")
            return 0
        raise UserError(f"{new_dir}: папка уже есть, не пуста и это не модель с {CHAR_TOKEN}; "
                        "выберите другую --new-model или добавьте --overwrite")

    source = f"{src_dir / gguf_file}" if gguf_file else f"{src_dir}"
    print(f"загрузка {source} ...", flush=True)
    tokenizer = load_tokenizer(src_dir, gguf_file)
    if same_dir and char_token_id(tokenizer) is not None:
        # The model itself, in place: no need to load the weights to add a template file.
        note = add_template_in_place(src_dir, tokenizer)
        print(f"в {source} уже есть {CHAR_TOKEN} (id {char_token_id(tokenizer)}); {note}; веса не менялись")
        return 0
    model = load_model(src_dir, gguf_file)
    params = sum(p.numel() for p in model.parameters())
    rows = model.get_input_embeddings().weight.shape[0]
    print(f"модель: {model.config.model_type}, {params / 1e6:.1f} млн параметров, токенизатор: "
          f"{count(len(tokenizer), *TOKENS)}, эмбеддинг: {count(rows, *ROWS)}, выходной слой {'связан' if weights_tied(model) else 'не связан'} "
          "со входным")

    info = add_char_token(model, tokenizer, init=args.init)
    if not info["added"]:
        note = set_template(tokenizer) if not tokenizer.chat_template else "шаблон чата оставлен как был"
        print(f"в {source} уже есть {CHAR_TOKEN} (id {info['id']}); модель не менялась, {note}; "
              f"копия сохраняется в {new_dir}")
    else:
        grown = f"эмбеддинг увеличен с {rows} до {count(info['rows'], 'строки', 'строк', 'строк')}" if info["resized"] else \
            f"эмбеддинг остался в {count(rows, 'строку', 'строки', 'строк')} (в нём была свободная строка для id {info['id']})"
        print(f"добавлен {CHAR_TOKEN} с id {info['id']}; {grown}; новая строка = {info['init']}; "
              f"выходной слой {'по-прежнему связан' if info['tied'] else 'не связан (его строка задана так же)'}; "
              f"{set_template(tokenizer)}")

    save_model_atomically(model, tokenizer, new_dir, overwrite=args.overwrite or same_dir)
    check = load_tokenizer(new_dir)
    assert char_token_id(check) == info["id"], "the saved tokenizer lost <char>"
    assert check.chat_template, "the saved tokenizer lost its chat template"
    ids = check.encode(CHAR_TOKEN + "Привет", add_special_tokens=False)
    print(f"сохранено в {new_dir}; '{CHAR_TOKEN}Привет' кодируется как {ids} ({CHAR_TOKEN} = {ids[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
