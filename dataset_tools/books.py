"""Which files of the command line are books: folders expanded, the project's own outputs left
out, files that are not texts named before any heavy work.

    from dataset_tools.books import collect_books, read_books
    found = collect_books([Path("books"), Path("a.txt")], base_name="dataset")
    found.books      -> [books/x.txt, books/y.txt, a.txt]   (sorted inside each folder)
    found.outputs    -> [books/dialogs.txt]                  (files this project writes: not books)
    texts, bad = read_books(found.books)                     (bad: [(path, why)], nothing raised)

A books folder may also be the output folder (or an output folder may be passed as the book):
its dialogs.txt, raw_*.txt, me/ti files, BASE_NAME.txt, unparsed_replicas.txt, *.tsv, persona_*
are never read as books (issue 11 §2). A file that is not a readable text (binary, empty, not
UTF-8 / Windows-1251 / KOI8-R) is reported by name; the run skips it, or with --strict stops,
before a single book is parsed (issue 10 §6).
"""
from __future__ import annotations

import fnmatch
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import files
from .textio import UserError, read_text
from .plural import count

BOOK_SUFFIX = ".txt"
# Files the pipeline writes into an output folder (FORMAT.md §4, §6, §8; names from files.py),
# by name or pattern.
OUTPUT_FILES = frozenset({
    files.DIALOGS, files.RAW_DIALOGS, files.UNPARSED, files.ME_DIALOGS, files.TI_DIALOGS, files.RAW_ME_DIALOGS,
    files.RAW_TI_DIALOGS, files.REVIEW, files.SPEAKERS, files.CHARACTERS, files.PERSONA_DIALOGS,
    files.PERSONA_SPEAKERS, files.DICT_ME, files.DICT_TI, files.MANIFEST, files.dataset_file(files.DEFAULT_BASE_NAME),
})
OUTPUT_PATTERNS = ("raw_*.txt", "*_dialogs.txt", "persona_*", "dict_*.py")
# A renamed output is still recognised by its lines: every one is a replica in one of our formats.
OUTPUT_LINE_STARTS = ("<char>", "@")
SNIFF_BYTES = 4096


@dataclass
class Found:
    books: list[Path] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)  # skipped: files of this project
    other: list[Path] = field(default_factory=list)  # skipped: not *.txt inside a books folder
    output_dirs: list[Path] = field(default_factory=list)  # folders that hold our outputs


def is_output_name(name: str, base_name: str = files.DEFAULT_BASE_NAME) -> bool:
    """The file name is one the pipeline writes (BASE_NAME.txt included)."""
    if name in OUTPUT_FILES or name == files.dataset_file(base_name):
        return True
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in OUTPUT_PATTERNS)


def looks_like_output(head: str) -> bool:
    """The start of a file reads as one of our dialogue files: every non-empty line a replica."""
    lines = [line for line in head.split("\n")[:-1] if line.strip()] or \
        [line for line in head.split("\n") if line.strip()]
    return bool(lines) and all(line.startswith(OUTPUT_LINE_STARTS) for line in lines)


def is_output_dir(path: Path) -> bool:
    return any((path / name).is_file() for name in (files.MANIFEST, files.DICT_ME, files.DIALOGS))


def _sniff(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            return fh.read(SNIFF_BYTES).decode("utf-8", errors="ignore")
    except OSError:
        return ""  # read_books names the problem


def collect_books(paths: list[Path], base_name: str = files.DEFAULT_BASE_NAME) -> Found:
    """The books named on the command line, folders expanded to their *.txt files (sorted)."""
    found = Found()
    for path in paths:
        if path.is_dir():
            if is_output_dir(path):
                found.output_dirs.append(path)
            entries = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            candidates = [p for p in entries if p.suffix.lower() == BOOK_SUFFIX]
            found.other.extend(p for p in entries if p.suffix.lower() != BOOK_SUFFIX
                               and not is_output_name(p.name, base_name))
            if not candidates and not found.other:
                raise UserError(f"{path}: в папке нет книг *.txt; положите туда книги или назовите файлы")
        else:
            candidates = [path]
        for candidate in candidates:
            if is_output_name(candidate.name, base_name) or (candidate.is_file()
                                                             and looks_like_output(_sniff(candidate))):
                found.outputs.append(candidate)
            else:
                found.books.append(candidate)
    return found


def describe_skipped(found: Found) -> list[str]:
    """The one-time notes for what collect_books left out (empty when nothing was)."""
    notes = []
    for folder in found.output_dirs:
        notes.append(f"{folder}: это папка результатов TiMe; её файлы результатов книгами не считаются")
    if found.outputs:
        notes.append(f"пропущено файлов результатов TiMe (не книги): {len(found.outputs)} — "
                     + _names(found.outputs))
    if found.other:
        notes.append(f"пропущено файлов не .txt: {len(found.other)} — " + _names(found.other))
    return notes


def _names(paths: list[Path], limit: int = 8) -> str:
    shown = ", ".join(p.name for p in paths[:limit])
    return shown + (f" и ещё {len(paths) - limit}" if len(paths) > limit else "")


def read_books(paths: list[Path]) -> tuple[list[tuple[Path, str, str]], list[tuple[Path, str]]]:
    """Read every book: ([(path, text, encoding)], [(path, why it is not a readable text)])."""
    texts, bad = [], []
    for path in paths:
        try:
            text, encoding = read_text(path)
        except UserError as err:
            bad.append((path, str(err)))
            continue
        texts.append((path, text, encoding))
    return texts, bad


def check_collected(found: Found, bad: list[tuple[Path, str]], strict: bool) -> None:
    """Stop when nothing is left to read, or when --strict and a book could not be read."""
    if bad and strict:
        why = bad[0][1]
        more = f" (и ещё {count(len(bad) - 1, 'такой файл', 'таких файла', 'таких файлов')})" if len(bad) > 1 else ""
        raise UserError(f"{why}{more}; --strict останавливает запуск на первом таком файле, "
                        "без --strict он пропускается")
    if len(bad) == len(found.books):
        if bad:
            raise UserError(bad[0][1] if len(bad) == 1 else
                            f"ни одна из {count(len(bad), 'книги', 'книг', 'книг')} не читается как текст; первая: {bad[0][1]}")
        if found.outputs:
            raise UserError(f"{found.outputs[0].parent}: здесь только файлы результатов TiMe "
                            f"({_names(found.outputs, 4)}), а не книги; укажите файл книги")
        if found.other:
            raise UserError(f"{found.other[0].parent}: в папке нет книг *.txt, только {_names(found.other, 4)}; "
                            "сохраните книги как простой текст .txt")
        raise UserError("не указано ни одной книги *.txt")


def fingerprint(book_hashes: list[str]) -> str:
    """One hash for the books of a run, in their order: outputs built from them carry it."""
    return hashlib.sha1("\n".join(book_hashes).encode()).hexdigest()


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
