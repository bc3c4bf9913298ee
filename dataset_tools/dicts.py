"""The TiMe dictionaries dict_me.py / dict_ti.py: write them, read them back, tell if edited.

    from dataset_tools.dicts import read_dictionary, write_dictionary, is_edited
    write_dictionary("out/dict_me.py", {"Вася": "я", "Васе": "мне"}, "me")
    read_dictionary("out/dict_me.py")        -> {"Васе": "мне", "Вася": "я"}
    is_edited("out/dict_me.py")              -> False until the user changes a line

A dictionary is data that a user edits by hand: it is read with a literal parser (Python's `ast`,
nothing is imported or executed), and a malformed one stops the run with `file:line` and what
was expected (FORMAT.md §5). The header records a checksum of what was generated, so a re-run
can tell a file the user edited (kept unless --force) from one it may regenerate.
"""
from __future__ import annotations

import ast
import hashlib
import io
import json
import re
import tokenize
from pathlib import Path

from .grammar import PERSONAL
from .textio import UserError, atomic_write, decode_text

# FORMAT.md §6: им. я/ты; род., вин. меня/тебя; дат., предл. мне/тебе; твор. мной/тобой.
ME_FORMS, TI_FORMS = PERSONAL["me"], PERSONAL["ti"]  # the forms are defined once, in grammar.py
PERSONS = {"me": ("dict_me.py", "я, меня, мне, мной", "мой, моя, моё, мои"),
           "ti": ("dict_ti.py", "ты, тебя, тебе, тобой", "твой, твоя, твоё, твои")}

ORIGIN_PREFIX = "# источник: books_sha1="
_ORIGIN_RE = re.compile(r"^# источник: books_sha1=([0-9a-f]{40})\b", re.MULTILINE)
CHECKSUM_PREFIX = "# сгенерировано: sha1="
_CHECKSUM_RE = re.compile(r"^# сгенерировано: sha1=([0-9a-f]{40})[ \t]*\n", re.MULTILINE)

HEADER = """\
# {file} — словарь TiMe: каждая форма имени из книги и её замена ({pronouns}).
# Притяжательные прилагательные от имён (Петина, Машиной) заменяются на {possessives}.
#
# Правьте вручную, по одной записи в строке: "форма": "замена",
#   "" в замене — эту форму не заменять; удалённая строка — тоже не заменяется;
#   новую строку можно добавить, например "Васенька": "{example}",
# Файл читается как данные (не выполняется); ошибка в нём остановит запуск с номером строки.
# После правки запустите заново с этапа TiMe, словарь возьмётся как есть:
#     python -m dataset_tools КНИГА.txt --out-dir ПАПКА --from time
# Полный перезапуск не перезапишет исправленный словарь; чтобы создать его заново: --force.
"""


def _body(mapping: dict[str, str]) -> str:
    lines = ["NAMES = {"]
    for key in sorted(mapping, key=sort_key):
        lines.append(f"    {_quote(key)}: {_quote(mapping[key])},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def sort_key(form: str) -> tuple:
    """Alphabetical as a Russian reader expects: ё next to е, case ignored first."""
    return (form.lower().replace("ё", "е"), form)


def _quote(text: str) -> str:
    """A Python string literal in double quotes (JSON's escapes are Python's too)."""
    return json.dumps(text, ensure_ascii=False)


def _checksum(text_without_checksum_line: str) -> str:
    return hashlib.sha1(text_without_checksum_line.encode("utf-8")).hexdigest()


def render_dictionary(mapping: dict[str, str], person: str, origin: str = "",
                      books: tuple[str, ...] = ()) -> str:
    """The text of dict_me.py (person "me") or dict_ti.py ("ti"): header, origin, checksum, NAMES.

    `origin` is the fingerprint of the books it was built from (books.fingerprint): a later run
    on other books can tell the dictionary is stale, even an edited or copied one (issue 11 §1).
    """
    file, pronouns, possessives = PERSONS[person]
    header = HEADER.format(file=file, pronouns=pronouns, possessives=possessives,
                           example=ME_FORMS["nomn"] if person == "me" else TI_FORMS["nomn"])
    if origin:
        shown = ", ".join(books[:5]) + (f" и ещё {len(books) - 5}" if len(books) > 5 else "")
        header += f"#\n# Сделан по: {shown}\n{ORIGIN_PREFIX}{origin}\n"
    text = header + _body(mapping)
    return header + f"{CHECKSUM_PREFIX}{_checksum(text)}\n" + _body(mapping)


def write_dictionary(path: str | Path, mapping: dict[str, str], person: str, origin: str = "",
                     books: tuple[str, ...] = ()) -> None:
    atomic_write(path, render_dictionary(mapping, person, origin, books))


def read_origin(path: str | Path) -> tuple[str, str] | None:
    """(books fingerprint, the books' names) from a dictionary's header; None for a file without
    that line (hand-made, or the user deleted it)."""
    text = _read(Path(path))
    match = _ORIGIN_RE.search(text)
    if not match:
        return None
    names = re.search(r"^# Сделан по: (.*)$", text, re.MULTILINE)
    return match.group(1), names.group(1).strip() if names else ""


def is_edited(path: str | Path) -> bool:
    """The file differs from what was generated (or has no checksum line: not ours)."""
    text = _read(Path(path))
    match = _CHECKSUM_RE.search(text)
    if not match:
        return True
    rest = text[:match.start()] + text[match.end():]
    return _checksum(rest) != match.group(1)


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UserError(f"{path}: не удаётся прочитать словарь ({err.strerror}); проверьте права на файл")
    text, _ = decode_text(data, str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n")


_EXPECTED = 'ожидается одна запись в строке: "форма": "замена",'


def read_dictionary(path: str | Path) -> dict[str, str]:
    """The NAMES mapping of a dictionary file, read as data; UserError with file:line if malformed."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: словарь не найден; сначала запустите этап names (без --from)")
    return parse_dictionary(_read(path), str(path))


def parse_dictionary(text: str, source: str = "<dictionary>") -> dict[str, str]:
    try:
        tree = ast.parse(text, filename=source)
    except SyntaxError as err:
        line, what = _first_bad_line(text) or (err.lineno or 1, err.msg)
        raise UserError(f"{source}:{line}: синтаксическая ошибка ({what}); {_EXPECTED} "
                        "обе части в двойных кавычках, в конце запятая") from None
    assignments = [node for node in tree.body if isinstance(node, ast.Assign)
                   and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                   and node.targets[0].id == "NAMES"]
    for node in tree.body:
        if node not in assignments:
            raise UserError(f"{source}:{node.lineno}: в словаре допустимы только `NAMES = {{...}}` и "
                            f"комментарии #, а здесь другой код; удалите его")
    if not assignments:
        raise UserError(f"{source}:1: нет строки `NAMES = {{`, за которой идут записи и `}}` "
                        "(чтобы создать файл заново, запустите с --force)")
    if len(assignments) > 1:
        raise UserError(f"{source}:{assignments[1].lineno}: `NAMES = ...` второй раз; оставьте одно")
    node = assignments[0].value
    if not isinstance(node, ast.Dict):
        bad = _first_bad_line(text)  # `"Вася" "я"` is Python, but a set of one joined string
        if bad:
            raise UserError(f"{source}:{bad[0]}: {bad[1]}; {_EXPECTED}")
        raise UserError(f"{source}:{node.lineno}: после `NAMES =` ожидается `{{` и записи, "
                        f"а здесь другое")
    mapping: dict[str, str] = {}
    first_line: dict[str, int] = {}
    lines = _source_lines(text)
    for key, value in zip(node.keys, node.values):
        if key is None:
            raise UserError(f"{source}:{value.lineno}: лишнее `**`; {_EXPECTED}")
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            raise UserError(f"{source}:{key.lineno}: форма должна быть текстом в двойных кавычках, "
                            f"а здесь {ast.get_source_segment(text, key)}; {_EXPECTED}")
        if not key.value.strip():
            raise UserError(f"{source}:{key.lineno}: пустая форма \"\"; напишите слева форму имени")
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            raise UserError(f"{source}:{value.lineno}: замена для \"{key.value}\" должна быть текстом в "
                            f"двойных кавычках (\"\" — не заменять), а здесь "
                            f"{ast.get_source_segment(text, value)}")
        if key.value in mapping:
            raise UserError(f"{source}:{key.lineno}: \"{key.value}\" встречается дважды (впервые в строке "
                            f"{first_line[key.value]}); оставьте одну из строк")
        for part in (key, value):
            if _is_concatenated(lines, part):
                line, what = _first_bad_line(text) or (part.lineno, _ADJACENT)
                raise UserError(f"{source}:{line}: {what}; {_EXPECTED}")
        mapping[key.value] = value.value
        first_line[key.value] = key.lineno
    return mapping


_STRING = r'"(?:[^"\\]|\\.)*"'
_ADJACENT_RE = re.compile(_STRING + r"\s*" + _STRING)
_ADJACENT = "две строки подряд без двоеточия или запятой между ними (Python склеил бы их в одну)"


_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _source_lines(text: str) -> list[str]:
    """The lines of a source with their ends, split as `ast.get_source_segment` splits them
    (once per file: that function splits the whole text again on every call)."""
    return _LINE_RE.findall(text)


def _segment(lines: list[str], node: ast.expr) -> str:
    """`ast.get_source_segment` on lines split once (its offsets are in UTF-8 bytes)."""
    first, last = node.lineno - 1, node.end_lineno - 1
    if first == last:
        return lines[first].encode()[node.col_offset:node.end_col_offset].decode()
    return "".join([lines[first].encode()[node.col_offset:].decode(), *lines[first + 1:last],
                    lines[last].encode()[:node.end_col_offset].decode()])


def _is_concatenated(lines: list[str], node: ast.expr) -> bool:
    """`"Вася" "я"` is one string for Python (implicit concatenation): in a dictionary it is
    always a lost colon or comma, never meant."""
    segment = _segment(lines, node)
    if segment.count('"') == 2 and "'" not in segment:
        return False  # one plain string: the common case, no need to tokenize
    tokens = tokenize.generate_tokens(io.StringIO(f"({segment})").readline)
    return sum(token.type == tokenize.STRING for token in tokens) > 1


_ENTRY_RE = re.compile(r'^\s*"(?:[^"\\]|\\.)*"\s*:\s*"(?:[^"\\]|\\.)*"\s*(,?)\s*(?:#.*)?$')


def _first_bad_line(text: str) -> tuple[int, str] | None:
    """Where a hand edit broke the file, in the words a user needs (Python's parser often points
    at the line after a missing comma)."""
    lines = text.split("\n")
    inside = False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not inside:
            inside = stripped.startswith("NAMES") and stripped.endswith("{")
            continue
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("}"):
            return None
        match = _ENTRY_RE.match(line)
        if not match:
            if stripped.count('"') % 2:
                return number, "не хватает двойной кавычки"
            if ":" not in stripped:
                return number, "нет двоеточия между формой и заменой"
            if _ADJACENT_RE.search(stripped):
                return number, _ADJACENT
            return number, "строка не похожа на запись"
        following = next((rest.strip() for rest in lines[number:]
                          if rest.strip() and not rest.strip().startswith("#")), "")
        if not match.group(1) and not following.startswith("}"):
            return number, "нет запятой в конце строки"
    return None


def check_existing(path: str | Path, force: bool) -> bool:
    """Before the names stage writes `path`: True to keep it (the user edited it).

    A malformed file stops the run (file:line) unless --force asks to regenerate it anyway.
    """
    path = Path(path)
    if not path.is_file() or force:
        return False
    try:
        read_dictionary(path)
    except UserError as err:
        raise UserError(f"{err} — или запустите с --force, чтобы создать словарь заново") from None
    return is_edited(path)
