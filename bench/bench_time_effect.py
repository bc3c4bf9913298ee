"""Benchmark: the TiMe effect, measured. dialogs.txt alone against dataset.txt (dialogs + me + ti).

    nice -n 10 python bench/bench_time_effect.py                           # 2 books, ~10 min on 2 busy cores
    python bench/bench_time_effect.py --books all --steps 2000 --n-layer 6 --n-embd 256   # bigger, slower
    python bench/bench_time_effect.py --work-dir /tmp/time_effect --out docs/time_effect.md  # keep the files

One run: the project's pipeline (`python -m dataset_tools`) builds dialogs.txt and dataset.txt from
books of ../shared/corpus; a byte-level BPE tokenizer is trained locally on dialogs.txt (as
tests/tiny_model.py does) and one tiny GPT-2 with `<char>` is initialised from it; model_train_gpt2.py
trains two copies of that same initial model with the same settings and the same number of steps
(so the same token budget): one on dialogs.txt, one on dataset.txt. model_eval.py then measures
both on the held-out part of dialogs.txt — the same original dialogues (never seen by either model
in any version: the split keeps a dialogue's three versions together, and the held-out dialogues of
dialogs.txt are among those of dataset.txt), the same contexts, the same sampling seeds — and the
table shows them side by side with the book's own next replicas. See docs/evaluation.md.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]
DEFAULT_CORPUS = Path(os.environ.get("TIME_CORPUS", ROOT.parent / "shared" / "corpus"))
# Two dialogue-rich novels (~1 MB) keep the pipeline well under the run's ten minutes.
DEFAULT_BOOKS = "chekhov_duel,turgenev_ottsy_i_deti"


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bench/bench_time_effect.py",
                                description="Эффект TiMe: модель на dialogs.txt против модели на dataset.txt "
                                            "(dialogs + me + ti), те же шаги, меры model_eval.py рядом.")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"папка книг *.txt (по умолчанию: {DEFAULT_CORPUS})")
    p.add_argument("--books", default=DEFAULT_BOOKS,
                   help=f"имена книг корпуса без .txt через запятую или all (по умолчанию: {DEFAULT_BOOKS})")
    p.add_argument("--work-dir", type=Path, default=None, help="куда писать данные и модели (по умолчанию: временная папка)")
    p.add_argument("--steps", type=int, default=200, help="шагов обучения каждой модели (по умолчанию: 200)")
    p.add_argument("--batch-size", type=int, default=8, help="блоков за шаг (по умолчанию: 8)")
    p.add_argument("--block-size", type=int, default=128, help="токенов в блоке и окно модели (по умолчанию: 128)")
    p.add_argument("--lr", type=float, default=2e-3, help="скорость обучения (по умолчанию: 0.002)")
    p.add_argument("--n-layer", type=int, default=2, help="слоёв GPT-2 (по умолчанию: 2)")
    p.add_argument("--n-embd", type=int, default=64, help="размер эмбеддинга (по умолчанию: 64)")
    p.add_argument("--vocab", type=int, default=1000, help="размер словаря BPE (по умолчанию: 1000)")
    p.add_argument("--eval-split", type=float, default=0.1,
                   help="доля отложенных диалогов, для обеих моделей (по умолчанию: 0.1)")
    p.add_argument("--samples", type=int, default=100, help="ответов на модель (по умолчанию: 100)")
    p.add_argument("--max-new-tokens", type=int, default=40, help="самый длинный ответ (по умолчанию: 40)")
    p.add_argument("--seed", type=int, default=0, help="зерно сэмплирования model_eval (по умолчанию: 0)")
    p.add_argument("--out", type=Path, default=None, help="дописать таблицу в этот файл markdown")
    return p


def build_data(books: list[Path], out: Path) -> None:
    """dialogs.txt, dict_me.py and dataset.txt with the project's own pipeline."""
    if (out / "dataset.txt").is_file() and (out / "dialogs.txt").is_file():
        print(f"данные уже есть в {out}, конвейер не запускается", flush=True)
        return
    cmd = [sys.executable, "-m", "dataset_tools", *map(str, books), "--out-dir", str(out)]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def train(base: Path, dataset: Path, project: Path, args) -> dict:
    import json

    import model_train_gpt2

    code = model_train_gpt2.main([
        "--dataset-file", str(dataset), "--src-model", str(base), "--project-name", str(project),
        "--max-steps", str(args.steps), "--save-steps", str(args.steps), "--batch-size", str(args.batch_size),
        "--block-size", str(args.block_size), "--lr", str(args.lr), "--warmup-steps", str(max(1, args.steps // 20)),
        "--optimizer", "adamw_torch", "--logging-steps", str(max(1, args.steps // 5)), "--seed", "42",
        "--eval-split", str(args.eval_split), "--restart"])
    if code != 0:
        raise SystemExit(f"обучение на {dataset} не удалось (код {code})")
    return json.loads((project / "train_summary.json").read_text(encoding="utf-8"))


def measure(project: Path, dialogs: Path, args) -> dict:
    import model_eval

    ns = model_eval.make_parser().parse_args([
        str(project), "--dataset", str(dialogs), "--samples", str(args.samples), "--seed", str(args.seed),
        "--max-new-tokens", str(args.max_new_tokens)])
    return model_eval.evaluate(ns)


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # A model this small gains nothing from a second thread, and on a shared machine loses to it.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    started = time.time()
    names = sorted(p.stem for p in args.corpus.glob("*.txt")) if args.books == "all" else args.books.split(",")
    books = [args.corpus / f"{name}.txt" for name in names]
    missing = [str(b) for b in books if not b.is_file()]
    if missing:
        print(f"ошибка: нет книг {', '.join(missing)}; укажите --corpus или --books", file=sys.stderr)
        return 2
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="time_effect_"))
    data = work / "data"
    build_data(books, data)
    t_data = time.time() - started
    dialogs, dataset = data / "dialogs.txt", data / "dataset.txt"

    from tests.tiny_model import make_tiny_model

    base = make_tiny_model(work / "base", n_layer=args.n_layer, n_embd=args.n_embd, n_head=4, seed=0,
                           text=dialogs.read_text(encoding="utf-8"), vocab_size=args.vocab,
                           n_positions=args.block_size)
    summaries, results = {}, {}
    for key, path in (("dialogs", dialogs), ("dataset", dataset)):
        t = time.time()
        summaries[key] = train(base, path, work / f"model_{key}", args)
        summaries[key]["wall_s"] = time.time() - t
    t_train = time.time() - started - t_data
    # Why both models may be measured on dialogs.txt's held-out part: it lies inside dataset.txt's.
    from model_train_gpt2 import read_documents, split_documents

    held_a = split_documents(read_documents(dialogs), args.eval_split, 42)[1]
    held_b = set(split_documents(read_documents(dataset), args.eval_split, 42)[1])
    assert all(d in held_b for d in held_a), "held-out dialogues of dialogs.txt are not all held out of dataset.txt"
    import json

    from dataset_tools.textio import atomic_write

    for key in ("dialogs", "dataset"):
        results[key] = measure(work / f"model_{key}", dialogs, args)
        atomic_write(work / f"eval_{key}.json", json.dumps(results[key], ensure_ascii=False, indent=1) + "\n")
    t_eval = time.time() - started - t_data - t_train

    from dataset_tools.evaluation import format_problems, format_table

    a, b = results["dialogs"], results["dataset"]
    assert [s["context"] for s in a["samples"]] == [s["context"] for s in b["samples"]], "contexts differ"
    columns = {"dialogs.txt": a["model_measures"], "dataset.txt": b["model_measures"],
               "книга": a["book_measures"]}
    tokens = args.steps * args.batch_size * args.block_size
    lines = [
        (f"книги: {', '.join(names)}; dialogs.txt: {a['split']['dialogues']} диалогов, "
        f"dataset.txt: {len(read_documents(dataset))}"),
        (f"модель: GPT-2, слоёв {args.n_layer} × {args.n_embd}, словарь BPE {args.vocab} (обучен на dialogs.txt), "
        f"окно {args.block_size}; обе модели из одной инициализации"),
        (f"обучение: {args.steps} шагов × {args.batch_size} блоков × {args.block_size} токенов = {tokens} токенов "
        f"каждой, lr {args.lr}, adamw_torch, --eval-split {args.eval_split}, --seed 42"),
        (f"оценка: отложенные диалоги dialogs.txt ({a['split']['held_out']}), {a['sampling']['samples']} ответов "
        f"на {a['sampling']['contexts']} контекстов, --seed {args.seed}, --temperature 0.8, --top-p 0.95, "
        f"--max-new-tokens {args.max_new_tokens}; {a['names']}"),
        "",
        format_table(columns),
        "",
        (f"неправильные строки: dialogs.txt — {format_problems(a['model_measures']) or 'нет'}; "
        f"dataset.txt — {format_problems(b['model_measures']) or 'нет'}"),
        (f"время: данные {t_data:.0f} с, обучение {t_train:.0f} с "
        f"({summaries['dialogs']['wall_s']:.0f} + {summaries['dataset']['wall_s']:.0f}), оценка {t_eval:.0f} с, "
        f"всего {time.time() - started:.0f} с; файлы: {work} (ответы — eval_dialogs.json, eval_dataset.json)"),
    ]
    report = "\n".join(lines)
    print("\n" + report)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as fh:
            fh.write("\n```\n" + report + "\n```\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
