"""What every stage gets: the books, the output directory, the options, and the I/O helpers.

Only the stages (this package) read and write files, show progress bars, start worker
processes and print log lines; the language modules they call are text -> text.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..books import Found, check_collected, fingerprint, read_books, text_sha1
from ..options import Options
from ..textio import atomic_write, read_lines


@dataclass
class Book:
    path: Path
    encoding: str
    paragraphs: list[str]  # normalised, one paragraph per item, "" for a blank line
    joined: bool  # hard-wrapped lines were re-joined into paragraphs
    sha1: str = ""  # of the decoded text: what the outputs built from it record


@dataclass
class Context:
    books: list[Path]
    out_dir: Path
    options: Options = field(default_factory=Options)
    found: Found | None = None  # what books.collect_books kept and left out
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # books that are not readable texts
    no_dialogue: list[Path] = field(default_factory=list)  # books with no replica (dialogues stage)
    _loaded: list[Book] | None = field(default=None, repr=False)
    _hashes: list[tuple[Path, str]] | None = field(default=None, repr=False)

    @property
    def workers(self) -> int:
        return max(1, self.options.workers or 1)

    def load_books(self) -> list[Book]:
        """Read and normalise every book once per run (encoding detected and reported).

        Every file is read before any stage starts: one that is not a readable text is named
        and skipped (with --strict the run stops), never discovered after hours of work.
        """
        if self._loaded is None:
            from ..normalize import book_layout_option, layout_message, split_book

            self._loaded = []
            texts, bad = read_books(self.books)
            check_collected(self.found or Found(books=list(self.books)), bad, self.options.strict)
            for _path, why in bad:
                self.log(f"пропущено: {why}")
            self.skipped = bad
            shown = self.progress(texts, "книги", "book") if len(texts) > 1 else texts
            for path, text, encoding in shown:
                paragraphs, layout = split_book(text, book_layout_option(self.options))
                self.log(f"{path}: кодировка {encoding}, {layout_message(layout)}")
                self._loaded.append(Book(path, encoding, paragraphs, layout != "lines", text_sha1(text)))
            self._hashes = [(b.path, b.sha1) for b in self._loaded]
        return self._loaded

    def book_hashes(self) -> list[tuple[Path, str]]:
        """(path, sha1) of every readable book, without parsing them (for --from time and later)."""
        if self._hashes is None:
            texts, bad = read_books(self.books)
            self.skipped = bad
            self._hashes = [(path, text_sha1(text)) for path, text, _ in texts]
        return self._hashes

    def books_origin(self) -> tuple[str, tuple[str, ...]]:
        """The fingerprint of this run's books and their names: what its outputs were built from."""
        hashes = self.book_hashes()
        return fingerprint([h for _, h in hashes]), tuple(p.name for p, _ in hashes)

    def path(self, name: str) -> Path:
        return self.out_dir / name

    def read_lines(self, name: str) -> list[str]:
        return read_lines(self.path(name), name)

    def write(self, name: str, text: str) -> None:
        """An output counts only once fully written: temp file + rename."""
        atomic_write(self.path(name), text)

    def log(self, message: str) -> None:
        if not self.options.quiet:
            print(message, flush=True)

    def progress(self, items: Iterable, desc: str, unit: str, total: int | None = None, **tqdm_args) -> Iterable:
        """`items` behind a progress bar (none with --quiet)."""
        from tqdm import tqdm

        return tqdm(items, total=total, desc=desc, unit=unit, leave=False, disable=self.options.quiet or None,
                    **tqdm_args)

    def map_books(self, work: Callable, jobs: Sequence, done: Callable[[int], None] | None = None) -> list:
        """`work(job)` for each book's job, in worker processes when --workers allows and there are
        several books; `done(i)` after job i finished (to move a progress bar)."""
        results = []
        if self.workers > 1 and len(jobs) > 1:
            with ProcessPoolExecutor(min(self.workers, len(jobs))) as pool:
                for i, result in enumerate(pool.map(work, jobs)):
                    results.append(result)
                    if done:
                        done(i)
        else:
            for i, job in enumerate(jobs):
                results.append(work(job))
                if done:
                    done(i)
        return results
