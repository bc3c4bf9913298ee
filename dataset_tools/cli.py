"""Build the TiMe dataset from one or more books.

    python -m dataset_tools raw.txt --out-dir out/           # all stages
    python -m dataset_tools raw.txt --out-dir out/ --from time   # after editing dict_me.py / dict_ti.py
    python -m dataset_tools books/ a.txt --out-dir out/ --workers 2   # several books, merged
    python -m dataset_tools raw.txt --out-dir out/ --stop dialogues    # only dialogs.txt / raw_dialogs.txt
"""
from __future__ import annotations

import argparse
from pathlib import Path

from .command import run_command
from .options import Options
from .stages import STAGE_NAMES, STAGES, Context, run_pipeline
from .textio import UserError, ensure_dir


def make_parser() -> argparse.ArgumentParser:
    stages = "; ".join(f"{s.name}: {s.help}" for s in STAGES)
    parser = argparse.ArgumentParser(
        prog="python -m dataset_tools",
        description="Русские книги -> обучающие данные TiMe для ролевых моделей. Этапы: " + stages,
    )
    parser.add_argument("books", nargs="+", type=Path,
                        help="текстовые файлы книг (UTF-8, Windows-1251 или KOI8-R) или папки с *.txt")
    parser.add_argument("--out-dir", type=Path, default=Path("."),
                        help="куда писать результаты (по умолчанию: .)")
    parser.add_argument("--base-name", default=Options.base_name,
                        help=f"имя итогового файла: BASE_NAME.txt (по умолчанию: {Options.base_name})")
    parser.add_argument("--from", dest="start", default=STAGE_NAMES[0], choices=STAGE_NAMES,
                        help="начать с этого этапа, взяв результаты прежних с диска "
                             "(например, --from time после правки словарей)")
    parser.add_argument("--stop", default=None, choices=STAGE_NAMES, help="остановиться после этого этапа")
    parser.add_argument("--max-gap", type=int, default=Options.max_gap,
                        help="сколько абзацев повествования может стоять между двумя репликами одного диалога "
                             f"(по умолчанию: {Options.max_gap})")
    join = parser.add_mutually_exclusive_group()
    join.add_argument("--join-lines", dest="join", action="store_true", default=None,
                      help="всегда склеивать строки с переносами в абзацы (пустая строка — конец абзаца)")
    join.add_argument("--no-join-lines", dest="join", action="store_false",
                      help="никогда не склеивать: каждая строка — абзац")
    parser.add_argument("--layout", choices=("auto", "blank", "indent", "lines"), default=Options.layout,
                        help="раскладка книги: auto — определить для каждой книги; blank — абзацы через пустую "
                             "строку; indent — без пустых строк, абзац начинается строкой с отступом глубже "
                             "(библиотечные сайты); lines — абзац в одну строку (по умолчанию: auto)")
    parser.add_argument("--force", action="store_true",
                        help="перезаписать dict_me.py / dict_ti.py, даже если вы их правили")
    parser.add_argument("--workers", type=int, default=Options.workers,
                        help=f"рабочих процессов для нескольких книг (по умолчанию: {Options.workers})")
    parser.add_argument("--debug-rules", action="store_true",
                        help="печатать, какое правило сработало: правило TiMe за каждым изменённым именем")
    parser.add_argument("-q", "--quiet", action="store_true", help="печатать только итог")
    return parser


def expand_books(paths: list[Path]) -> list[Path]:
    books: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                raise UserError(f"{path}: в папке нет книг *.txt")
            books.extend(found)
        else:
            books.append(path)
    return books


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return run_command(lambda: build(args))


def build(args: argparse.Namespace) -> int:
    if args.max_gap < 0:
        raise UserError("--max-gap должен быть 0 или больше")
    ctx = Context(books=expand_books(args.books), out_dir=args.out_dir, options=Options.from_namespace(args))
    if args.start == "dialogues":
        ctx.load_books()  # fail on a bad book before touching the output directory
    ensure_dir(args.out_dir)
    summary = run_pipeline(ctx, args.start, args.stop)
    print("Итог: " + ", ".join(f"{k}: {v}" for k, v in summary.items()))
    return 0
