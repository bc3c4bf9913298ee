"""Build the TiMe dataset from one or more books.

    python -m dataset_tools raw.txt --out-dir out/           # all stages
    python -m dataset_tools raw.txt --out-dir out/ --from time   # after editing dict_me.py / dict_ti.py
    python -m dataset_tools books/ a.txt --out-dir out/ --workers 2   # several books, merged
    python -m dataset_tools books/ --out-dir out/ --strict           # stop if a book is not a readable text
    python -m dataset_tools raw.txt --out-dir out/ --stop dialogues    # only dialogs.txt / raw_dialogs.txt
"""
from __future__ import annotations

import argparse
from pathlib import Path

from .argparse_ru import russian_argparse
from .books import check_collected, collect_books, describe_skipped
from .command import run_command
from .options import Options
from .stages import STAGE_NAMES, STAGES, Context, run_pipeline
from .textio import UserError, ensure_dir


def make_parser() -> argparse.ArgumentParser:
    russian_argparse()
    stages = "; ".join(f"{s.name}: {s.help}" for s in STAGES)
    parser = argparse.ArgumentParser(
        prog="python -m dataset_tools",
        description="Русские книги -> обучающие данные TiMe для ролевых моделей. Этапы: " + stages,
    )
    parser.add_argument("books", nargs="+", type=Path,
                        help="текстовые файлы книг (UTF-8, Windows-1251 или KOI8-R) или папки с *.txt; "
                             "файлы результатов TiMe (dialogs.txt, raw_*.txt, dataset.txt …) книгами не считаются")
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
    parser.add_argument("--persona", metavar="NAME", default=None,
                        help="этап speakers: записать persona_dialogs.txt — диалоги, где говорит этот персонаж "
                             "(любая форма имени из characters.tsv): он «я», его собеседник «ты»")
    parser.add_argument("--strict", action="store_true",
                        help="остановить запуск, если какая-то книга не читается как текст (пустая, двоичная, "
                             "в неизвестной кодировке); без флага такая книга пропускается и называется в итоге")
    parser.add_argument("--workers", type=int, default=Options.workers,
                        help=f"рабочих процессов для нескольких книг (по умолчанию: {Options.workers})")
    parser.add_argument("--debug-rules", action="store_true",
                        help="печатать, какое правило сработало: правило TiMe за каждым изменённым именем")
    parser.add_argument("-q", "--quiet", action="store_true", help="печатать только итог")
    return parser


def expand_books(paths: list[Path], base_name: str = Options.base_name) -> list[Path]:
    """The books of the command line, without the project's own outputs (see books.py)."""
    return collect_books(paths, base_name).books


def print_summary(ctx: Context, summary: dict) -> None:
    print("Итог: " + ", ".join(f"{k}: {v}" for k, v in summary.items()))
    if ctx.skipped:
        print(f"Пропущены книги, которые не читаются как текст ({len(ctx.skipped)}):")
        for _path, why in ctx.skipped:
            print(f"  {why}")
    if ctx.no_dialogue:
        print(f"Книги без диалогов ({len(ctx.no_dialogue)}): " + ", ".join(str(p) for p in ctx.no_dialogue))


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return run_command(lambda: build(args))


def build(args: argparse.Namespace) -> int:
    if args.max_gap < 0:
        raise UserError("--max-gap должен быть 0 или больше")
    found = collect_books(args.books, args.base_name)
    ctx = Context(books=found.books, out_dir=args.out_dir, options=Options.from_namespace(args), found=found)
    for note in describe_skipped(found):
        ctx.log(note)
    if args.start in ("dialogues", "names"):
        ctx.load_books()  # every book read before the output folder is touched
    elif not found.books:
        check_collected(found, [], strict=False)
    ensure_dir(args.out_dir)
    summary = run_pipeline(ctx, args.start, args.stop)
    print_summary(ctx, summary)
    return 0
