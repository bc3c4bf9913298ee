"""Did the fine-tune work? Held-out perplexity and what the model's replies look like.

    python model_eval.py finetune --dataset out/dataset.txt
    python model_eval.py finetune --dataset out/dataset.txt --samples 200 --seed 1 --json eval.json
    python model_eval.py finetune --dataset out/dataset.txt --max-new-tokens 60 --temperature 0.7
    python model_eval.py finetune/checkpoint-500 --dataset out/dataset.txt --eval-split 0.1 --split-seed 42

PROJECT is the --project-name of model_train_gpt2.py (its final model or newest checkpoint, as in
chat.py), a model directory or a .gguf file. The held-out dialogues are the very ones the training
kept out: the dataset is split with the training's own function and its --eval-split/--seed, read
from PROJECT/time_train_args.json (the training's defaults when there is none). On them:
  - perplexity: the training's packing (dialogues joined by end-of-text, blocks of its
    --block-size), the loss averaged over every predicted token;
  - replies: for --samples held-out dialogue contexts (the original dialogues, not their me/ti
    copies) the model writes the next replica with chat.py's prompt (`<char>` lines); the same
    measures are computed on the book's real next replicas as a reference. Sampling is seeded
    (--seed + sample number), so a run is repeatable.
Names of the book's characters come from dict_me.py next to the dataset (--dict to give another);
without one a capitalised-word heuristic is used and the summary says so. See docs/evaluation.md.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

# From `chat` and `model_train_gpt2`: the chat's own prompt and the training's own data functions, so
# that model_eval measures the very prompt format and split they use. Issue 8 moves both into library
# modules: re-point these two imports (the only ones) there.
from chat import Chat, fit_prompt, model_window, pick_device, quiet_transformers, resolve_project
from dataset_tools.command import run_command
from dataset_tools.formats import CHAR_TOKEN
from dataset_tools.plural import DIALOGUES, TOKENS, count
from dataset_tools.textio import UserError
from dataset_tools.training.data import PackedBlocks, read_documents, version_groups
from dataset_tools.training.data import split_dialogues as split_documents
from dataset_tools.training.project import ARGS_FILE
from dataset_tools.training.setup import perplexity
from model_train_gpt2 import make_parser as training_parser


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python model_eval.py",
        description="Проверить дообучение: перплексия на отложенных диалогах и мера ответов модели "
                    "(правильная строка реплики, первое лицо, имена, ремарки, повторы).")
    p.add_argument("project", help="--project-name из model_train_gpt2.py (итоговая модель или новейший "
                                   "чекпойнт), папка модели или файл .gguf")
    p.add_argument("--dataset", type=Path, default=None,
                   help="dataset.txt, на котором училась модель (по умолчанию: --dataset-file обучения)")
    p.add_argument("--samples", type=int, default=100, help="сколько ответов породить (по умолчанию: 100)")
    p.add_argument("--seed", type=int, default=0, help="зерно выборки контекстов и сэмплирования (по умолчанию: 0)")
    p.add_argument("--max-new-tokens", type=int, default=60, help="самый длинный ответ в токенах (по умолчанию: 60)")
    p.add_argument("--temperature", type=float, default=0.8,
                   help="температура сэмплирования, 0 — всегда самый вероятный токен (по умолчанию: 0.8)")
    p.add_argument("--top-p", type=float, default=0.95, help="nucleus sampling (по умолчанию: 0.95)")
    p.add_argument("--eval-split", type=float, default=None,
                   help="доля или число отложенных диалогов (по умолчанию: как при обучении)")
    p.add_argument("--split-seed", type=int, default=None, help="--seed обучения для разбиения (по умолчанию: "
                                                                "как при обучении)")
    p.add_argument("--dict", type=Path, default=None,
                   help="словарь имён книги (по умолчанию: dict_me.py рядом с --dataset)")
    p.add_argument("--json", type=Path, default=None, help="записать все меры и ответы в этот файл JSON")
    p.add_argument("--device", default="auto", help="cpu, cuda, cuda:1 … (по умолчанию: cuda, если есть)")
    return p


def check_args(args) -> None:
    if args.samples < 1:
        raise UserError(f"--samples {args.samples}: нужно 1 или больше")
    if args.max_new_tokens < 1:
        raise UserError(f"--max-new-tokens {args.max_new_tokens}: нужно 1 или больше")
    if args.temperature < 0:
        raise UserError(f"--temperature {args.temperature}: нужно 0 или больше")
    if not 0 < args.top_p <= 1:
        raise UserError(f"--top-p {args.top_p}: нужно больше 0 и не больше 1")
    if args.eval_split is not None and args.eval_split <= 0:
        raise UserError(f"--eval-split {args.eval_split}: нужна доля (<1) или число (≥1) отложенных диалогов")
    if args.json is not None and not args.json.resolve().parent.is_dir():
        raise UserError(f"--json {args.json}: папки {args.json.resolve().parent} нет; создайте её или "
                        "укажите другой путь")
    if args.json is not None and args.json.is_dir():
        raise UserError(f"--json {args.json}: это папка; укажите имя файла, например eval.json")


# ---------------------------------------------------------------- what the training did

def check_project(name: str) -> str:
    looked = [Path(name)] + ([Path("runs") / name] if not Path(name).is_absolute() else [])
    if not any(p.exists() for p in looked):
        raise UserError(f"{name}: модели нет (искал {' и '.join(map(str, looked))}); укажите --project-name "
                        "из model_train_gpt2.py (например, finetune), папку модели или файл .gguf")
    return name


def training_settings(model_path: Path) -> dict:
    """The training's saved settings (dataset, split, block size), or {} for a foreign model.

    They lie in PROJECT; a checkpoint-N or a .gguf file inside PROJECT finds them one level up."""
    inside = model_path.is_file() or re.fullmatch(r"checkpoint-\d+", model_path.name)
    for folder in (model_path, model_path.resolve().parent) if inside else (model_path,):
        if (folder / ARGS_FILE).is_file():
            try:
                return json.loads((folder / ARGS_FILE).read_text(encoding="utf-8"))
            except ValueError:
                raise UserError(f"{folder / ARGS_FILE}: испорченный файл настроек обучения; укажите "
                                "--eval-split и --split-seed сами или удалите его")
    return {}


def split_of(args, settings: dict) -> tuple[Path, float, int, str]:
    """The dataset and the split to use, with a note on where they come from."""
    defaults = training_parser()
    dataset = args.dataset or (Path(settings["dataset_file"]) if settings.get("dataset_file") else None)
    if dataset is None:
        raise UserError(f"{args.project}: не знаю, на каком датасете училась модель; укажите --dataset out/dataset.txt")
    if not dataset.is_file():
        raise UserError(f"{dataset}: файла датасета нет; укажите dataset.txt, на котором училась модель (--dataset)")
    if dataset.stat().st_size == 0:
        raise UserError(f"{dataset}: файл датасета пуст; соберите его: python -m dataset_tools КНИГА.txt --out-dir out")
    eval_split = args.eval_split if args.eval_split is not None else settings.get(
        "eval_split", defaults.get_default("eval_split"))
    seed = args.split_seed if args.split_seed is not None else settings.get("seed", defaults.get_default("seed"))
    if not settings:
        note = (f"настроек обучения ({ARGS_FILE}) у модели нет: разбиение по умолчанию model_train_gpt2.py "
                f"(--eval-split {eval_split}, --seed {seed})")
    else:
        note = f"разбиение обучения: --eval-split {eval_split}, --seed {seed}"
        trained_on = settings.get("dataset_file")
        if trained_on and Path(trained_on).resolve() != dataset.resolve():
            note += (f"; внимание: модель училась на {trained_on}, а оценивается на {dataset} — "
                     "отложенные диалоги могут оказаться среди обучающих")
    return dataset, eval_split, seed, note


def held_out_dialogues(docs: list[str], eval_split: float, seed: int) -> tuple[list[str], list[str]]:
    """(all held-out documents, the original dialogues among them).

    dataset.txt holds each dialogue three times (dialogs, me, ti); the split keeps the versions
    together and returns held-out documents in file order, so the originals are the first third.
    Contexts come from the originals only: a me copy already says «я» in the prompt.
    """
    _, held = split_documents(docs, eval_split, seed)
    if not held:
        raise UserError(f"нет отложенных диалогов (--eval-split {eval_split}, диалогов {len(docs)}): "
                        "модель обучена без отложенной части; обучите с --eval-split больше 0")
    triples = len(version_groups(docs)) < len(docs)
    return held, held[:len(held) // 3] if triples else held


def names_of_book(args, dataset: Path):
    from dataset_tools.dicts import read_dictionary
    from dataset_tools.evaluation import NameIndex
    from dataset_tools.files import DICT_ME

    path = args.dict or dataset.parent / DICT_ME
    if args.dict is not None and not path.is_file():
        raise UserError(f"--dict {path}: файла нет; укажите dict_me.py книги")
    if not path.is_file():
        return NameIndex(), (f"имена: словаря {path} нет — эвристика: слово с заглавной буквы не в начале "
                             "предложения")
    names = NameIndex.from_dictionary(read_dictionary(path))
    return names, f"имена: {path} ({count(len(names.single) + len(names.multi), 'форма', 'формы', 'форм')})"


# ---------------------------------------------------------------- the model at work

def held_out_loss(model, blocks, device, batch: int = 8) -> float:
    """Mean loss over every predicted token of the packed held-out blocks."""
    import torch

    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(blocks), batch):
            items = [blocks[i] for i in range(start, min(start + batch, len(blocks)))]
            batch_ids = {k: torch.stack([it[k] for it in items]).to(device) for k in items[0]}
            n = int((batch_ids["labels"][:, 1:] != -100).sum())  # the model shifts labels by one
            total += model(**batch_ids).loss.item() * n
            count += n
    return total / count


def generate_reply(chat: Chat, context: list[str], args, seed: int):
    """The model's next replica after `context`, with chat.py's prompt and stop tokens."""
    import torch

    from dataset_tools.evaluation import Reply

    torch.manual_seed(seed)
    turns = [chat.turn_ids(text) for text in context]
    ids, _ = fit_prompt(chat.start, turns, chat.marker, chat.window - args.max_new_tokens)
    sampling = {"do_sample": False}
    if args.temperature > 0:
        sampling = {"do_sample": True, "temperature": args.temperature, "top_p": args.top_p, "top_k": 0}
    input_ids = torch.tensor([ids], device=chat.device)
    with torch.no_grad():
        output = chat.model.generate(input_ids, attention_mask=torch.ones_like(input_ids),
                                     max_new_tokens=args.max_new_tokens, min_new_tokens=1,
                                     eos_token_id=chat.stop_ids, pad_token_id=chat.pad_id, **sampling)
    new = output[0, len(ids):].tolist()
    ended = bool(new) and new[-1] in chat.stop_ids
    text = chat.tokenizer.decode(new, skip_special_tokens=True).split("\n", 1)[0].strip()
    if not ended:  # a cut may end in half a letter (a partial UTF-8 byte token): not the model's fault
        text = text.rstrip("\ufffd").strip()
    return Reply(text, ended, context)


def evaluate(args) -> dict:
    from dataset_tools.evaluation import Reply, measure_replies, pick_turns

    check_args(args)
    model_path = resolve_project(check_project(args.project))
    settings = training_settings(model_path)
    dataset, eval_split, split_seed, split_note = split_of(args, settings)
    docs = read_documents(dataset)
    held, originals = held_out_dialogues(docs, eval_split, split_seed)
    turns = pick_turns([[line.removeprefix(CHAR_TOKEN) for line in doc.split("\n")] for doc in originals],
                       args.samples, args.seed)
    if not turns:
        raise UserError(f"{dataset}: в отложенных диалогах нет ни одного диалога из двух реплик или больше; "
                        "ответы модели оценить не на чем")
    names, names_note = names_of_book(args, dataset)

    from dataset_tools.modeling import load_model, load_tokenizer, locate_model

    model_dir, gguf_file = locate_model(model_path)
    device = pick_device(args.device)
    tokenizer = load_tokenizer(model_dir, gguf_file)
    model = load_model(model_dir, gguf_file).to(device).eval()
    window = model_window(model, tokenizer)
    if args.max_new_tokens > window // 2:
        raise UserError(f"--max-new-tokens {args.max_new_tokens}: ответ займёт больше половины окна модели "
                        f"({count(window, *TOKENS)}), диалогу не останется места; возьмите не больше {window // 2}")
    if tokenizer.eos_token_id is None:
        raise UserError(f"{model_dir}: у токенизатора нет токена конца текста (eos), которым обучение разделяет "
                        "диалоги; это не модель из model_train_gpt2.py")
    block = min(settings.get("block_size") or min(window, 1024), window)
    blocks = PackedBlocks(held, tokenizer, tokenizer.eos_token_id, block)
    loss = held_out_loss(model, blocks, device)

    from tqdm import tqdm

    chat = Chat(model, tokenizer, argparse.Namespace(max_new_tokens=args.max_new_tokens), device)
    replies = [generate_reply(chat, context, args, args.seed + i)
               for i, (context, _) in enumerate(tqdm(turns, desc="ответы", unit="отв", file=sys.stderr))]
    # The book's column counts each (context, replica) once: repeats would lower its distinct-n.
    unique = {(tuple(context), reference): (context, reference) for context, reference in turns}
    book = [Reply(reference, True, context) for context, reference in unique.values()]
    result = {
        "model": str(model_path), "dataset": str(dataset),
        "split": {"eval_split": eval_split, "seed": split_seed, "dialogues": len(docs), "held_out": len(held),
                  "held_out_originals": len(originals), "held_out_tokens": blocks.tokens, "block_size": block},
        "sampling": {"samples": len(replies), "contexts": len(unique), "seed": args.seed,
                     "temperature": args.temperature, "top_p": args.top_p, "max_new_tokens": args.max_new_tokens},
        "names": names_note,
        "model_measures": {"perplexity": perplexity(loss), "held_out_loss": loss, **measure_replies(replies, names)},
        "book_measures": measure_replies(book, names),
        "samples": [{"context": r.context, "reply": r.text, "ended": r.ended, "book": ref}
                    for r, (_, ref) in zip(replies, turns)],
        "notes": [split_note, names_note],
    }
    return result


def print_summary(result: dict) -> None:
    from dataset_tools.evaluation import format_problems, format_table

    split, sampling = result["split"], result["sampling"]
    for note in result["notes"]:
        print(note)
    print(f"модель: {result['model']}; датасет: {result['dataset']}: {count(split['dialogues'], *DIALOGUES)}, отложено "
          f"{split['held_out']} ({count(split['held_out_tokens'], *TOKENS)}, блоки по {split['block_size']})")
    print(f"ответов: {sampling['samples']} на {count(sampling['contexts'], 'контекст', 'контекста', 'контекстов')} из "
          f"{count(split['held_out_originals'], 'отложенного диалога', 'отложенных диалогов', 'отложенных диалогов')}; --seed {sampling['seed']}, --temperature {sampling['temperature']}, "
          f"--top-p {sampling['top_p']}, --max-new-tokens {sampling['max_new_tokens']}")
    print()
    print(format_table({"модель": result["model_measures"], "книга": result["book_measures"]}))
    problems = format_problems(result["model_measures"])
    if problems:
        print(f"\nнеправильные строки модели: {problems}")


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return run_command(lambda: run_eval(args), interrupted="\nпрервано: ничего не записано")


def run_eval(args) -> None:
    with quiet_transformers():
        result = evaluate(args)
    print_summary(result)
    if args.json is not None:
        from dataset_tools.textio import atomic_write

        atomic_write(args.json, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        print(f"записано: {args.json}")


if __name__ == "__main__":
    sys.exit(main())
