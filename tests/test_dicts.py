"""dict_me.py / dict_ti.py: written sorted with a Russian header, read back as data, edits detected."""
import pytest

from dataset_tools.dicts import (
    ME_FORMS,
    TI_FORMS,
    is_edited,
    parse_dictionary,
    read_dictionary,
    render_dictionary,
    write_dictionary,
)
from dataset_tools.textio import UserError

ENTRIES = {"Вася": "я", "Васей": "мной", "Васе": "мне", "Ёжиков": "я", "Елена": "я",
           "Ивана Ивановича Сидорова": "меня", "Blanche": "я", "Петина": "моя"}


def test_render_is_sorted_one_entry_per_line_with_header():
    text = render_dictionary(ENTRIES, "me")
    assert text.startswith("# dict_me.py — словарь TiMe")
    assert "--from time" in text and "--force" in text and '""' in text
    body = text[text.index("NAMES = {"):]
    lines = body.splitlines()
    assert lines[0] == "NAMES = {" and lines[-1] == "}"
    keys = [line.split('": "')[0].strip().strip('"') for line in lines[1:-1]]
    # case-insensitive, ё next to е, Latin first
    assert keys == ["Blanche", "Васе", "Васей", "Вася", "Ёжиков", "Елена", "Ивана Ивановича Сидорова", "Петина"]


@pytest.mark.parametrize("person, forms", [("me", ME_FORMS), ("ti", TI_FORMS)])
def test_round_trip(tmp_path, person, forms):
    path = tmp_path / f"dict_{person}.py"
    mapping = {"Вася": forms["nomn"], "Васю": forms["accs"], 'Кличка "Кот"': forms["datv"], "Петя\\": ""}
    write_dictionary(path, mapping, person)
    assert read_dictionary(path) == mapping
    assert not is_edited(path)


def test_empty_dictionary_has_header_and_reads_back(tmp_path):
    path = tmp_path / "dict_ti.py"
    write_dictionary(path, {}, "ti")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# dict_ti.py") and "NAMES = {\n}\n" in text
    assert read_dictionary(path) == {} and not is_edited(path)


@pytest.mark.parametrize("edit", [
    lambda t: t.replace('"Вася": "я"', '"Вася": ""'),  # a value changed
    lambda t: t.replace('    "Васе": "мне",\n', ""),  # a line deleted
    lambda t: t.replace("}\n", '    "Васенька": "я",\n}\n'),  # a line added
    lambda t: t.replace("NAMES = {", "# мой комментарий\nNAMES = {"),  # a comment added
    lambda t: t.replace("# сгенерировано: sha1=", "# sha1="),  # the checksum line removed
])
def test_any_edit_is_detected(tmp_path, edit):
    path = tmp_path / "dict_me.py"
    write_dictionary(path, ENTRIES, "me")
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert is_edited(path)


def test_windows_line_endings_and_bom_are_read(tmp_path):
    path = tmp_path / "dict_me.py"
    path.write_bytes(b"\xef\xbb\xbf" + 'NAMES = {\r\n    "Вася": "я",\r\n}\r\n'.encode())
    assert read_dictionary(path) == {"Вася": "я"}


def test_reading_never_executes_the_file(tmp_path):
    marker = tmp_path / "executed"
    path = tmp_path / "dict_me.py"
    path.write_text(f'import pathlib; pathlib.Path("{marker}").touch()\nNAMES = {{}}\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"dict_me.py:1: в словаре допустимы только `NAMES"):
        read_dictionary(path)
    assert not marker.exists()


# (file text, line of the error, what the message says)
MALFORMED = [
    ('NAMES = {\n    "Вася": "я",\n    "Васи": "меня"\n    "Васе": "мне",\n}\n', 3, "нет запятой в конце строки"),
    ('NAMES = {\n    "Вася": "я",\n    "Васе: "мне",\n}\n', 3, "не хватает двойной кавычки"),
    ('NAMES = {\n    "Вася" "я",\n}\n', 2, "нет двоеточия между формой и заменой"),
    ('NAMES = {\n    "Вася": "я",\n', 1, "синтаксическая ошибка ('{' was never closed)"),
    ('NAMES = {\n    "Вася": "я",\n    "Васе": 5,\n}\n', 3, 'замена для "Васе" должна быть текстом'),
    ('NAMES = {\n    "Вася": я,\n}\n', 2, 'замена для "Вася" должна быть текстом'),
    ('NAMES = {\n    Вася: "я",\n}\n', 2, "форма должна быть текстом"),
    ('NAMES = {\n    "Вася": "я",\n    "Петя": "я",\n    "Вася": "меня",\n}\n', 4, '"Вася" встречается дважды (впервые в строке 2)'),
    ('# пусто\n', 1, "нет строки `NAMES = {`"),
    ('NAMES = ["Вася"]\n', 1, "после `NAMES =` ожидается `{`"),
    ('NAMES = {\n    "": "я",\n}\n', 2, "пустая форма"),
    ('NAMES = {"Вася": "я"}\nNAMES = {"Петя": "я"}\n', 2, "второй раз"),
    ('NAMES = {\n    **OTHER,\n}\n', 2, "лишнее `**`"),
]


# Implicit string concatenation is legal Python: a line with both the colon and the comma
# missing joins with its neighbour into one key or value ("отец яАлёшамне" in the data).
CONCATENATED = [
    ('NAMES = {\n    "Вася" "я"\n    "Васи": "меня",\n}\n', 2, "нет двоеточия"),
    ('NAMES = {\n    "Алёша": "я"\n    "Алёше" "мне",\n    "Петя": "я",\n}\n', 2, "нет запятой в конце строки"),
    ('NAMES = {\n    "Вася": "я" "меня",\n}\n', 2, "две строки подряд"),
]


@pytest.mark.parametrize("text, line, message", MALFORMED + CONCATENATED)
def test_malformed_dictionary_says_file_line_and_what_was_expected(tmp_path, text, line, message):
    path = tmp_path / "dict_me.py"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as err:
        read_dictionary(path)
    assert str(err.value).startswith(f"{path}:{line}: ")
    assert message in str(err.value)


def test_missing_dictionary(tmp_path):
    with pytest.raises(UserError, match="словарь не найден"):
        read_dictionary(tmp_path / "dict_me.py")


def test_parse_dictionary_from_text():
    assert parse_dictionary('NAMES = {"Элен": "мне"}  # комментарий\n') == {"Элен": "мне"}


@pytest.mark.parametrize("text", [
    'NAMES = {\r\n    "Ёжиков": ("я"\r\n               "меня"),\r\n}\r\n',  # Windows line ends, split over lines
    'NAMES = {\r    "Ёжиков": "я",\r    "Ёжикова": ("меня"\r "мне"),\r}\r',  # old Mac line ends
    'NAMES = {"Вася": "я", "Пётр Иванович": "мне" \\\n "мной"}',  # after non-ASCII text on the line
])
def test_concatenation_split_over_lines_is_found(text):
    """dicts finds a key's or value's source text on lines split once (perf): every line end counts."""
    with pytest.raises(UserError, match="ожидается одна запись в строке"):
        parse_dictionary(text)
