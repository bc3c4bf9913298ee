"""What every stage gets: the books, the output directory, the options, and the I/O helpers.

Only the stages (this package) read and write files, show progress bars, start worker
processes and print log lines; the language modules they call are text -> text.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..options import Options
from ..textio import atomic_write, read_lines, read_text


@dataclass
class Book:
    path: Path
    encoding: str
    paragraphs: list[str]  # normalised, one paragraph per item, "" for a blank line
    joined: bool  # hard-wrapped lines were re-joined into paragraphs


@dataclass
class Context:
    books: list[Path]
    out_dir: Path
    options: Options = field(default_factory=Options)
    _loaded: list[Book] | None = field(default=None, repr=False)

    @property
    def workers(self) -> int:
        return max(1, self.options.workers or 1)

    def load_books(self) -> list[Book]:
        """Read and normalise every book once per run (encoding detected and reported)."""
        if self._loaded is None:
            from ..normalize import book_layout_option, layout_message, split_book

            self._loaded = []
            for path in self.books:
                text, encoding = read_text(path)
                paragraphs, layout = split_book(text, book_layout_option(self.options))
                self.log(f"{path}: кодировка {encoding}, {layout_message(layout)}")
                self._loaded.append(Book(path, encoding, paragraphs, layout != "lines"))
        return self._loaded

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
