"""Export TiMe dialogues for other trainers: Alpaca JSON, ShareGPT or messages JSONL.

    python make_alpaca.py out/raw_dialogs.txt dataset.json                    # Alpaca, remarks removed
    python make_alpaca.py out/raw_dialogs.txt dataset.json --keep-remarks     # remarks kept as (…)
    python make_alpaca.py out/raw_dialogs.txt dataset.json --context 3        # 3 earlier replicas in "input"
    python make_alpaca.py out/raw_me_dialogs.txt me.json                      # the я-variant (TiMe stage)
    python make_alpaca.py out/raw_dialogs.txt chats.jsonl --format sharegpt   # LLaMA-Factory, Axolotl
    python make_alpaca.py out/raw_ti_dialogs.txt chats.jsonl --format messages  # TRL, Axolotl chat_template
    python make_alpaca.py out/raw_persona_dialogs.txt persona.jsonl --format sharegpt   # persona = gpt
    python make_alpaca.py out/raw_dialogs.txt chats.jsonl --format messages --tokenizer gpt2_small_for_train
                                                      # long dialogues split to 2048 tokens of that tokenizer
    python make_alpaca.py out/raw_dialogs.txt chats.jsonl --format sharegpt --max-messages 0 --max-chars 0
                                                      # one record per dialogue, however long

The input is a raw_dialogs.txt-format file (`@speech |remark| speech`, one replica a line,
dialogues separated by an empty line): raw_dialogs.txt, raw_me_dialogs.txt or raw_ti_dialogs.txt.
The output is UTF-8 with Cyrillic as is (no \\u escapes), written atomically. A long dialogue is
split into several chat records (by messages, and by characters or by tokens of --tokenizer,
with a little overlap) so that trainers neither drop nor cut it. See docs/export.md.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dataset_tools.argparse_ru import russian_argparse
from dataset_tools.alpaca import FORMATS, NO_SPLIT, ROLES, SplitLimits, export_records, role_records
from dataset_tools.command import run_command
from dataset_tools.plural import TOKENS, count
from dataset_tools.textio import UserError, atomic_write, read_text

# Defaults of the split (docs/export.md): Axolotl's usual sequence_len is 2048 tokens, and it
# drops longer conversations; 3000 characters of Russian stay under it for common tokenizers.
MAX_MESSAGES, MAX_CHARS, MAX_TOKENS, OVERLAP = 24, 3000, 2048, 2


def make_parser() -> argparse.ArgumentParser:
    russian_argparse()
    parser = argparse.ArgumentParser(
        prog="python make_alpaca.py",
        description="Экспорт raw_dialogs.txt (или raw_me_/raw_ti_dialogs.txt) в Alpaca JSON "
                    "или в чат-JSONL (ShareGPT / messages).",
    )
    parser.add_argument("raw_dialogs", type=Path,
                        help="raw_dialogs.txt, raw_me_dialogs.txt или raw_ti_dialogs.txt из папки результатов")
    parser.add_argument("output", type=Path,
                        help="куда писать: dataset.json для alpaca, файл .jsonl для sharegpt/messages")
    parser.add_argument("--format", default="alpaca", choices=FORMATS,
                        help="alpaca: JSON-массив, по записи на пару соседних реплик (по умолчанию); "
                             "sharegpt / messages: по строке JSON на диалог")
    parser.add_argument("--keep-remarks", action="store_true",
                        help="оставить ремарки автора в скобках (…), как в dialogs.txt")
    parser.add_argument("--context", type=int, default=0, metavar="N",
                        help="только alpaca: положить в \"input\" до N прошлых реплик диалога, по одной "
                             "в строке (по умолчанию: 0, \"input\" пустой)")
    split = parser.add_argument_group("разрезание длинных диалогов (sharegpt / messages)")
    split.add_argument("--max-messages", type=int, default=None, metavar="N",
                       help=f"не больше N сообщений в записи (по умолчанию: {MAX_MESSAGES}; 0 — без лимита)")
    split.add_argument("--max-chars", type=int, default=None, metavar="N",
                       help=f"не больше N символов текста в записи (по умолчанию: {MAX_CHARS}; 0 — без лимита)")
    split.add_argument("--tokenizer", type=Path, default=None, metavar="PATH",
                       help="считать длину в токенах этого токенизатора (локальная папка модели) "
                            "вместо символов")
    split.add_argument("--max-tokens", type=int, default=None, metavar="N",
                       help=f"с --tokenizer: не больше N токенов в записи, вместе с разметкой чата "
                            f"(по умолчанию: {MAX_TOKENS}, как sequence_len в Axolotl)")
    split.add_argument("--overlap", type=int, default=None, metavar="N",
                       help=f"сколько последних сообщений записи повторить в начале следующей "
                            f"(по умолчанию: {OVERLAP}, то есть одну пару реплик; округляется до пар)")
    parser.add_argument("--roles", type=Path, default=None, metavar="persona_speakers.tsv",
                        help="роли реплик (этап speakers с --persona): реплики персоны — assistant/gpt, "
                             "остальные — user/human; для raw_persona_dialogs.txt берётся сам из той же папки")
    return parser


def split_limits(args) -> SplitLimits:
    """The split asked for on the command line, with the defaults; UserError for bad values."""
    given = {name: getattr(args, name) for name in ("max_messages", "max_chars", "max_tokens", "overlap")
             if getattr(args, name) is not None}
    if args.format == "alpaca":
        if given or args.tokenizer:
            flags = ", ".join("--" + name.replace("_", "-") for name in given) or "--tokenizer"
            raise UserError(f"{flags}: только для --format sharegpt / messages; в alpaca каждая запись — "
                            "одна пара реплик, резать нечего")
        return NO_SPLIT
    for name, value in given.items():
        if value < 0:
            raise UserError(f"--{name.replace('_', '-')} должен быть 0 или больше")
    if "max_tokens" in given and not args.tokenizer:
        raise UserError("--max-tokens считается в токенах: укажите и --tokenizer PATH "
                        "(или ограничьте длину в символах: --max-chars)")
    if args.tokenizer and "max_chars" in given:
        raise UserError("--max-chars и --tokenizer вместе не нужны: с --tokenizer длина считается в "
                        "токенах (--max-tokens)")
    size = given.get("max_tokens", MAX_TOKENS) if args.tokenizer else given.get("max_chars", MAX_CHARS)
    return SplitLimits(given.get("max_messages", MAX_MESSAGES), size, given.get("overlap", OVERLAP))


def token_counter(path: Path):
    """A message's size in tokens of the tokenizer at `path`, with its share of the chat markup."""
    if not path.exists():
        raise UserError(f"{path}: --tokenizer не найден; укажите локальную папку модели или токенизатора")
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path))
    except (OSError, ValueError) as err:
        raise UserError(f"{path}: не удаётся загрузить токенизатор ({str(err).splitlines()[0]})") from None

    def count(text: str) -> int:
        return len(tokenizer.encode(text, add_special_tokens=False))

    overhead = 1  # a separator between messages, at least
    if getattr(tokenizer, "chat_template", None):
        probe = [{"role": "user", "content": "а"}, {"role": "assistant", "content": "б"}]
        ids = tokenizer.apply_chat_template(probe, tokenize=True)
        ids = ids["input_ids"] if hasattr(ids, "keys") else ids
        overhead = max(1, -(-(len(ids) - count("а") - count("б")) // 2))
    return lambda text: count(text) + overhead


def read_roles(path: Path) -> list[str]:
    """The `role` column of persona_speakers.tsv (header `line\trole`)."""
    text, _ = read_text(path, what="файл ролей")
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines or lines[0].split("\t") != ["line", "role"]:
        raise UserError(f"{path}:1: ожидался заголовок `line<TAB>role` (файл persona_speakers.tsv)")
    roles = []
    for number, line in enumerate(lines[1:], 2):
        parts = line.split("\t")
        if len(parts) != 2 or parts[1] not in ROLES:
            raise UserError(f"{path}:{number}: ожидалось `номер<TAB>persona` или `номер<TAB>other`")
        roles.append(parts[1])
    return roles


def render_output(records: list[dict], fmt: str) -> str:
    """Alpaca: one JSON array; chat formats: JSON Lines. Cyrillic is written as is."""
    if fmt == "alpaca":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return run_command(lambda: export(args), interrupted=f"прервано: {args.output} не записан")


def export(args) -> int:
    try:
        if args.context < 0:
            raise UserError("--context должен быть 0 или больше")
        if args.context and args.format != "alpaca":
            raise UserError("--context только для --format alpaca: в sharegpt и messages весь диалог "
                            "и так в одной записи")
        limits = split_limits(args)
        if args.output.resolve() == args.raw_dialogs.resolve():
            raise UserError(f"{args.output}: это входной файл; выберите другое имя для результата")
        if args.output.is_dir():
            raise UserError(f"{args.output}: это папка; укажите имя файла, например dataset.json")
        if args.output.parent.exists() and not args.output.parent.is_dir():
            raise UserError(f"{args.output.parent}: это файл, а не папка; выберите другой путь для результата")
        if not args.output.parent.is_dir():
            raise UserError(f"{args.output.parent}: папка не найдена; сначала создайте её")
        text, _ = read_text(args.raw_dialogs, what="raw")
        measure = token_counter(args.tokenizer) if args.tokenizer else len
        roles_file = args.roles
        beside = args.raw_dialogs.with_name("persona_speakers.tsv")
        if roles_file is None and args.raw_dialogs.name == "raw_persona_dialogs.txt" and beside.is_file():
            roles_file = beside
            print(f"роли реплик взяты из {beside}")
        if roles_file is not None:
            if args.format == "alpaca":
                raise UserError("--roles работает с --format sharegpt или messages: у alpaca нет ролей")
            records, stats = role_records(text.split("\n"), read_roles(roles_file), args.format,
                                          args.keep_remarks, source=str(args.raw_dialogs))
        else:
            records, stats = export_records(text.split("\n"), args.format, args.keep_remarks,
                                            args.context, source=str(args.raw_dialogs), limits=limits,
                                            measure=measure)
        if not records:
            raise UserError(f"{args.raw_dialogs}: нет ни одной пары соседних реплик для экспорта "
                            f"({stats.summary()}); ничего не записано")
        atomic_write(args.output, render_output(records, args.format))
    except OSError as err:
        raise UserError(f"{args.output}: не удаётся записать ({err.strerror})") from None
    print(f"{args.raw_dialogs}: {stats.summary()}")
    if limits != NO_SPLIT:
        unit = TOKENS if args.tokenizer else ("символ", "символа", "символов")
        messages = count(limits.max_messages, "сообщение", "сообщения", "сообщений") if limits.max_messages \
            else "∞ сообщений"
        size = count(limits.max_size, *unit) if limits.max_size else f"∞ {unit[2]}"
        print(f"лимиты записи: {messages}, {size}, "
              f"перекрытие {limits.overlap - limits.overlap % 2} сообщ.")
    print(f"записано {args.output} ({args.format}, записей: {stats.records})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
