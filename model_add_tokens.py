"""Add the `<char>` token to a causal language model and save it for fine-tuning.

    python model_add_tokens.py --src-model gpt2_small --new-model gpt2_small_for_train
    python model_add_tokens.py --src-model rugpt3small_based_on_gpt2 --new-model rugpt3_for_train
    python model_add_tokens.py --src-model models/model-f16.gguf --new-model gguf_for_train   # from a GGUF file
    python model_add_tokens.py --src-model gpt2_small --new-model gpt2_small_for_train --init mean --overwrite

`<char>` becomes one special token; the embedding matrix grows only if the vocabulary outgrew it;
the new row starts as the embedding of the replica dash `—` that `<char>` replaces in dataset.txt
(`--init mean`: the mean of all rows). GPT-2's output layer stays tied to the input embedding.
Nothing is downloaded: SRC_MODEL is a local directory (or a .gguf file).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dataset_tools.command import run_command
from dataset_tools.formats import CHAR_TOKEN
from dataset_tools.textio import UserError


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="model_add_tokens.py",
        description=f"Add the {CHAR_TOKEN} token to a local causal LM (GPT-2, ruGPT-3, any "
                    "AutoModelForCausalLM, or a GGUF file) and save model + tokenizer.")
    parser.add_argument("--src-model", type=Path, default=Path("gpt2_small"),
                        help="local model directory or .gguf file (default: gpt2_small)")
    parser.add_argument("--new-model", type=Path, default=Path("gpt2_small_for_train"),
                        help="where to save the model with <char> (default: gpt2_small_for_train)")
    parser.add_argument("--gguf-file", default=None,
                        help="GGUF file name inside --src-model when the folder holds several")
    parser.add_argument("--init", choices=("dash", "mean"), default="dash",
                        help="initial <char> embedding: the dash '—' it replaces (default) or the mean of all rows")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace --new-model if it already exists")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return run_command(lambda: add_tokens(args), interrupted=f"прервано: {args.new_model} не записана")


def add_tokens(args) -> int:
    from dataset_tools.modeling import (add_char_token, char_token_id, dir_has_files, load_model,
                                        load_tokenizer, locate_model, save_model_atomically,
                                        weights_tied)

    src_dir, gguf_file = locate_model(args.src_model, args.gguf_file)
    new_dir = args.new_model
    same_dir = new_dir.exists() and new_dir.resolve() == src_dir.resolve() and gguf_file is None
    if dir_has_files(new_dir) and not same_dir and not args.overwrite:
        # A re-run of model_add_tokens.sh: the model made last time is already there.
        try:
            done_dir, _ = locate_model(new_dir)
            done_id = char_token_id(load_tokenizer(done_dir))
        except UserError:
            done_id = None
        if done_id is not None:
            print(f"{new_dir} already has {CHAR_TOKEN} (id {done_id}); nothing changed "
                  f"(pass --overwrite to rebuild it from {args.src_model})")
            return 0
        raise UserError(f"{new_dir}: already exists, is not empty and is not a model with {CHAR_TOKEN}; "
                        "choose another --new-model or pass --overwrite")

    source = f"{src_dir / gguf_file}" if gguf_file else f"{src_dir}"
    print(f"loading {source} ...", flush=True)
    tokenizer = load_tokenizer(src_dir, gguf_file)
    model = load_model(src_dir, gguf_file)
    params = sum(p.numel() for p in model.parameters())
    rows = model.get_input_embeddings().weight.shape[0]
    print(f"model: {model.config.model_type}, {params / 1e6:.1f}M parameters, tokenizer {len(tokenizer)} "
          f"tokens, embedding {rows} rows, output layer {'tied' if weights_tied(model) else 'untied'}")

    info = add_char_token(model, tokenizer, init=args.init)
    if not info["added"]:
        if same_dir:
            print(f"{source} already has {CHAR_TOKEN} (id {info['id']}); nothing changed")
            return 0
        print(f"{source} already has {CHAR_TOKEN} (id {info['id']}); the model is unchanged, "
              f"saving a copy to {new_dir}")
    else:
        grown = f"embedding resized {rows} -> {info['rows']} rows" if info["resized"] else \
            f"embedding kept at {rows} rows (it had a spare row for id {info['id']})"
        print(f"added {CHAR_TOKEN} as id {info['id']}; {grown}; new row = {info['init']}; "
              f"output layer {'still tied' if info['tied'] else 'untied (its row set the same way)'}")

    save_model_atomically(model, tokenizer, new_dir, overwrite=args.overwrite or same_dir)
    check = load_tokenizer(new_dir)
    assert char_token_id(check) == info["id"], "the saved tokenizer lost <char>"
    ids = check.encode(CHAR_TOKEN + "Привет", add_special_tokens=False)
    print(f"saved to {new_dir}; '{CHAR_TOKEN}Привет' encodes as {ids} ({CHAR_TOKEN} = {ids[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
