"""Files in and out: encoding detection, atomic writes, user-facing errors.

Every stage reads and writes through this module, so a crash or Ctrl-C never leaves a
half-written output that a later run could take for a finished one.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Letters that make up ~60% of ordinary Russian prose; used to tell cp1251 from koi8-r.
_FREQUENT_LOWER = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё")


class UserError(Exception):
    """A mistake the user can fix; the CLI prints it as one line and exits with code 2."""


# What a file is, in the user's words (read_text's `what`; other labels are shown as given).
WHAT = {"book": "файл книги", "dataset": "файл датасета", "raw": "файл диалогов raw"}


def decode_text(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding name) for UTF-8 (with/without BOM), Windows-1251 or KOI8-R bytes."""
    if b"\x00" in data[:65536]:
        raise UserError(
            f"{source}: похоже на двоичный файл (байты NUL), а не на текст книги; "
            "сохраните книгу как простой текст (.txt) и попробуйте снова"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Both 8-bit encodings decode any byte; the wrong one swaps upper and lower case of
    # Cyrillic letters, so the right one is the one whose text is mostly frequent lower-case letters.
    best = None
    for encoding in ("cp1251", "koi8_r"):
        text = data.decode(encoding, errors="replace")
        score = sum(1 for ch in text[:200000] if ch in _FREQUENT_LOWER)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best[0] == 0:
        raise UserError(
            f"{source}: не UTF-8, и русского текста нет ни в Windows-1251, ни в KOI8-R; "
            "пересохраните книгу в UTF-8"
        )
    return best[1], {"cp1251": "windows-1251", "koi8_r": "koi8-r"}[best[2]]


def read_text(path: str | os.PathLike, what: str = "book") -> tuple[str, str]:
    """Read a text file in any supported encoding; newlines become '\\n'. Returns (text, encoding)."""
    path = Path(path)
    label = WHAT.get(what, what)
    if not path.exists():
        raise UserError(f"{path}: {label} не найден; проверьте путь")
    if path.is_dir():
        raise UserError(f"{path}: это папка, а нужен {label} (текстовый файл)")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UserError(f"{path}: не удаётся прочитать {label} ({err.strerror}); проверьте права на файл")
    text, encoding = decode_text(data, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UserError(f"{path}: {label} пуст; дайте файл с текстом")
    return text, encoding


def ensure_dir(path: str | os.PathLike) -> Path:
    """Create an output directory (or check an existing one) and make sure it is writable."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UserError(f"{path}: уже есть и это не папка; выберите другую папку для результатов")
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-", delete=True)
        probe.close()
    except OSError as err:
        raise UserError(f"{path}: не удаётся писать в папку результатов ({err.strerror}); "
                        "выберите папку, куда можно писать")
    return path


def atomic_write(path: str | os.PathLike, text: str) -> None:
    """Write UTF-8 text to a temp file beside `path`, then rename it over `path`."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); outputs are ordinary files (0666 less umask).
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read_lines(path: str | os.PathLike, what: str) -> list[str]:
    """Read an output file of an earlier stage (UTF-8) as lines without newline characters."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: {what} не найден; сначала запустите прошлые этапы (без --from)")
    text = path.read_text(encoding="utf-8")
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
