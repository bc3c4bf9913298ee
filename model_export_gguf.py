"""Write a fine-tuned TiMe model as one GGUF file for llama.cpp, KoboldCpp, Ollama and SillyTavern.

    python model_export_gguf.py finetune finetune-f16.gguf                    # f16 (default)
    python model_export_gguf.py finetune finetune-q8_0.gguf --outtype q8_0    # half the size again
    python model_export_gguf.py finetune finetune-f32.gguf --outtype f32      # exact weights
    python model_export_gguf.py runs/lora_run model.gguf                      # a LoRA adapter: merged first
    python model_export_gguf.py finetune old-koboldcpp.gguf --untied-output  # for llama.cpp builds before 03.2025

PROJECT is the --project-name of model_train_gpt2.py (its final model, or while it has only
checkpoints the newest complete one, as chat.py picks it), or any GPT-2 / ruGPT-3 model folder
with `<char>` in its tokenizer. A folder with a peft adapter (adapter_config.json) is merged
into its base model in float32 first. The file holds the weights, the byte-level BPE tokenizer
with the GPT-2 pre-tokenizer, `<char>` as a token that the text `<char>` in a prompt turns into
and that is shown when generated, and the chat template (FORMAT.md §9). See docs/export.md.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dataset_tools.command import run_command
from dataset_tools.formats import CHAR_TOKEN
from dataset_tools.textio import UserError
from dataset_tools.plural import TOKENS, count


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="model_export_gguf.py",
        description="Записывает дообученную модель TiMe (GPT-2, ruGPT-3; LoRA вливается) в один файл GGUF "
                    f"для llama.cpp, KoboldCpp, Ollama: веса, токенизатор, {CHAR_TOKEN} и шаблон чата.")
    parser.add_argument("project", help="--project-name обучения (итоговая модель или последняя контрольная "
                                        "точка), папка модели или адаптера LoRA")
    parser.add_argument("out", type=Path, help="файл .gguf, который нужно записать")
    parser.add_argument("--outtype", choices=("f16", "q8_0", "f32"), default="f16",
                        help="тип весов: f16 (по умолчанию), q8_0 (вдвое меньше, почти без потерь) или f32 (точно)")
    parser.add_argument("--untied-output", action="store_true",
                        help="записать выходной слой отдельным тензором output.weight: для сборок llama.cpp "
                             "до марта 2025 (KoboldCpp, Ollama старых версий), которые иначе не читают GPT-2")
    parser.add_argument("--overwrite", action="store_true", help="заменить OUT, если файл уже есть")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)

    def work() -> int:
        from chat import quiet_transformers  # one line per message: no loading bars of transformers

        with quiet_transformers():
            return export(args)

    return run_command(work, interrupted=f"\nпрервано: {args.out} не записан")


def find_model(project: str) -> Path:
    """The folder to export: a model or adapter folder as given, else chat.py's choice for PROJECT."""
    path = Path(project)
    if path.is_file():
        what = "это уже файл GGUF" if path.suffix.lower() == ".gguf" else "это файл, а не папка модели"
        raise UserError(f"{path}: {what}; укажите папку модели или --project-name обучения")
    if path.is_dir() and ((path / "config.json").is_file() or (path / "adapter_config.json").is_file()):
        return path
    candidates = [path] + ([Path("runs") / project] if not path.is_absolute() else [])
    if not any(p.exists() for p in candidates):
        raise UserError(f"{project}: модель не найдена (искали {' и '.join(map(str, candidates))}); укажите "
                        "--project-name обучения (например, finetune) или папку модели")
    # TODO(training helper): one shared checkpoint finder replaces chat.resolve_project here.
    from chat import resolve_project

    found = resolve_project(project)
    if found.is_file() or not ((found / "config.json").is_file() or (found / "adapter_config.json").is_file()):
        raise UserError(f"{found}: не папка модели (нет config.json и adapter_config.json); укажите папку, "
                        "куда model_train_gpt2.py сохранил модель")
    return found


def check_out(out: Path, overwrite: bool) -> None:
    if out.is_dir():
        raise UserError(f"{out}: это папка; укажите имя файла .gguf")
    if out.suffix.lower() != ".gguf":
        raise UserError(f"{out}: имя выходного файла должно кончаться на .gguf")
    if out.exists() and not overwrite:
        raise UserError(f"{out}: файл уже есть; выберите другое имя или добавьте --overwrite")
    parent = out.resolve().parent
    if parent.exists() and not parent.is_dir():
        raise UserError(f"{parent}: это файл, а не папка; файл .gguf туда не записать")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(f"{parent}: не удаётся создать папку ({err.strerror})")


def export(args) -> int:
    check_out(args.out, args.overwrite)
    model_dir = find_model(args.project)
    from dataset_tools.gguf_export import check_exportable, load_for_export, write_gguf

    print(f"загрузка {model_dir} ...", file=sys.stderr, flush=True)
    model, tokenizer, merged = load_for_export(model_dir)
    check_exportable(model, tokenizer)  # before the slow part: a wrong model fails at once
    if merged:
        print(f"адаптер LoRA влит в базовую модель ({model_dir / 'adapter_config.json'})", file=sys.stderr)
    if not tokenizer.chat_template:
        print("в токенизаторе нет шаблона чата: записывается шаблон TiMe (FORMAT.md §9)", file=sys.stderr)
    name = (model_dir.parent.name if model_dir.name.startswith("checkpoint-") else model_dir.name) or "time"
    try:
        summary = write_gguf(model, tokenizer, args.out, args.outtype, name, merged_lora=merged,
                             untied_output=args.untied_output, progress=sys.stderr.isatty())
    except OSError as err:
        raise UserError(f"{args.out}: не удаётся записать ({err.strerror}); файл не создан")
    output = "отдельный output.weight" if args.untied_output or not summary.tied else "связан с token_embd"
    fallback = f"; в f16 вместо q8_0: {', '.join(summary.fallback_f16)}" if summary.fallback_f16 else ""
    print(f"записан {args.out}: {args.outtype}, {count(summary.tensors, 'тензор', 'тензора', 'тензоров')}, {summary.size / 2**20:.1f} МБ; "
          f"словарь {count(summary.vocab, *TOKENS)}, {CHAR_TOKEN} = {summary.char_id}; выходной слой {output}; "
          f"шаблон чата записан{fallback}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
