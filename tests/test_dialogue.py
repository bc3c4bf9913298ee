"""The dialogues stage: paragraphs, typographies, encodings, dialogues, bad input, the corpus."""
import re
from pathlib import Path

import pytest

from dataset_tools.cli import main
from dataset_tools.dialogue import extract_dialogues, is_break
from dataset_tools.formats import render_dialog
from dataset_tools.normalize import clean_paragraph, split_paragraphs
from dataset_tools.textio import decode_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sample_book.txt"

BOOK = """Глава первая

Было тихо.

— Привет, — сказал Вася.
— Здравствуй, — ответила Маша. — Ты откуда?
Вася пожал плечами.
— Из города.

Прошёл час. Потом ещё один.
Стемнело.

— Пора домой, — сказала Маша.

* * *

— Ты здесь? — спросил он.
"""


def run(tmp_path, *args):
    return main([*map(str, args), "--out-dir", str(tmp_path / "out"), "--stop", "dialogues", "-q"])


def read(tmp_path, name):
    return (tmp_path / "out" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("source, expected", [
    ("des imb&#233;ciles", "des imbéciles"),
    ("он\u00a0пришёл\u2009и   ушёл", "он пришёл и ушёл"),
    ("я\x7fЭтьена держала", "я Этьена держала"),  # a control character where a space was lost
    ("а я о мама\x01. Ты устал", "а я о мама. Ты устал"),  # ... and before punctuation: nothing
    ("убил?* — сказал он", "убил? — сказал он"),
    ("фурор[55].", "фурор."),
    ("[Французское вино.]", "[Французское вино.]"),
    ("что2 ты", "что2 ты"),
    ("* * *", "* * *"),
    ("   — отступ", "— отступ"),
])
def test_clean_paragraph(source, expected):
    assert clean_paragraph(source) == expected


@pytest.mark.parametrize("paragraph, expected", [
    ("* * *", True), ("Глава первая", True), ("XII", True), ("ЧАСТЬ ВТОРАЯ", True),
    ("--------------------", True), ("Было тихо.", False), ("— Привет.", False),
    ("Он вошёл в комнату и сел у окна, не снимая шляпы.", False),
])
def test_breaks(paragraph, expected):
    assert is_break(paragraph) is expected


def test_dialogues_split_on_gaps_and_breaks():
    paragraphs, _ = split_paragraphs(BOOK)
    result = extract_dialogues(paragraphs, max_gap=1)
    assert [len(d) for d in result.dialogues] == [3, 1, 1]
    assert result.replicas == 5
    wider = extract_dialogues(paragraphs, max_gap=2)
    assert [len(d) for d in wider.dialogues] == [4, 1]  # the scene break still ends a dialogue


def test_stage_writes_both_formats(tmp_path):
    book = tmp_path / "book.txt"
    book.write_text(BOOK, encoding="utf-8")
    assert run(tmp_path, book) == 0
    assert read(tmp_path, "dialogs.txt") == (
        "<char>Привет (сказал Вася)\n<char>Здравствуй (ответила Маша) Ты откуда?\n<char>Из города.\n\n"
        "<char>Пора домой (сказала Маша)\n\n<char>Ты здесь? (спросил он)\n")
    assert read(tmp_path, "raw_dialogs.txt").splitlines()[1] == "@Здравствуй |ответила Маша| Ты откуда?"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_encodings_and_newlines_give_the_same_output(tmp_path, encoding, newline, capsys):
    book = tmp_path / "book.txt"
    text = SAMPLE.read_text(encoding="utf-8").replace("\u00a0", " ")
    if encoding == "koi8_r":  # KOI8-R has no long dashes and no «»: such books use `--` and "
        text = text.replace("—", "--").replace("–", "--").replace("«", '"').replace("»", '"')
    book.write_bytes(text.replace("\n", newline).encode(encoding))
    assert main([str(book), "--out-dir", str(tmp_path / "out"), "--stop", "dialogues"]) == 0
    expected_name = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "cp1251": "windows-1251", "koi8_r": "koi8-r"}
    assert f"кодировка {expected_name[encoding]}" in capsys.readouterr().out
    lines = read(tmp_path, "dialogs.txt").splitlines()
    assert lines[0] == "<char>Доброе утро (сказала Маша и поставила на стол чайник) Ты опять встал до солнца?"
    assert sum(1 for line in lines if line) == 52


def test_hard_wrapped_text_is_rejoined(tmp_path):
    import textwrap

    paragraphs = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    wrapped = "\n\n".join(textwrap.fill(p.replace("\u00a0", " "), 60) for p in paragraphs)
    _, joined = split_paragraphs(wrapped)
    assert joined
    book = tmp_path / "wrapped.txt"
    book.write_text(wrapped, encoding="utf-8")
    assert run(tmp_path, book) == 0
    replicas = [line for line in read(tmp_path, "dialogs.txt").splitlines() if line]
    assert len(replicas) == 52
    assert "<char>Зато крепкий (сказал Вася и улыбнулся) до сих пор стоит." in replicas
    # forcing it off keeps every wrapped line as its own paragraph
    assert run(tmp_path, book, "--no-join-lines") == 0
    assert "<char>Зато крепкий (сказал Вася и улыбнулся) до сих пор стоит." not in read(tmp_path, "dialogs.txt")


def test_one_paragraph_per_line_is_not_joined():
    _, joined = split_paragraphs(SAMPLE.read_text(encoding="utf-8"))
    assert not joined


def test_decode_tells_cp1251_from_koi8():
    text = "-- Здравствуйте, -- сказала Мария Ивановна и улыбнулась."
    assert decode_text(text.encode("cp1251")) == (text, "windows-1251")
    assert decode_text(text.encode("koi8_r")) == (text, "koi8-r")


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.txt", "не найден"),
    (lambda d: d, "в папке нет книг *.txt"),
    (lambda d: _write(d / "empty.txt", b"  \n\n"), "пуст;"),
    (lambda d: _write(d / "book.bin", b"\x00\x01\x02PK\x00" * 50), "двоичный файл"),
    (lambda d: _write(d / "narration.txt", "Он шёл. Было тихо.\n\nОна молчала.\n".encode()), "диалогов не найдено"),
])
def test_bad_input_one_line_and_nothing_written(tmp_path, capsys, make, message):
    target = make(tmp_path)
    assert main([str(target), "--out-dir", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out" / "dialogs.txt").exists()


def _write(path, data):
    path.write_bytes(data)
    return path


def test_failed_run_keeps_earlier_outputs(tmp_path):
    assert run(tmp_path, SAMPLE) == 0
    before = read(tmp_path, "dialogs.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert run(tmp_path, empty) == 2
    assert read(tmp_path, "dialogs.txt") == before


def test_unwritable_output_directory(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main([str(SAMPLE), "--out-dir", str(blocker), "-q"]) == 2
    assert "это не папка" in capsys.readouterr().err


def test_shell_wrapper_runs_with_arguments(tmp_path):
    import os
    import subprocess
    import sys

    # PYTHON: the interpreter running the tests (a worktree without its own .venv has no other)
    proc = subprocess.run(["bash", str(ROOT / "dataset_tools" / "make_datasets.sh"), str(SAMPLE),
                           str(tmp_path / "out"), "--stop", "dialogues", "-q"],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHON": sys.executable})
    assert proc.returncode == 0, proc.stderr
    assert "реплик: 52" in proc.stdout
    assert (tmp_path / "out" / "raw_dialogs.txt").is_file()


# ---- the corpus ---------------------------------------------------------------------------

_DASH_LED = re.compile(r"^\s*(?:--|[—–―-])")
_ONLY_DASHES = re.compile(r"^[-—–―_=*\s]{3,}$")
_QUOTE_LED = re.compile(r'^[«„"“].*?[»“"”][,!?.…]?\s?(?:--|[—–―-])')
# An independent check: a boundary dash followed by a common verb of speech and he/she.
_MISSED_REMARK = re.compile(r"[,!?…][»\"]? (?:—|–|-|--) (?:сказал|спросил|ответил|крикнул|"
                            r"прошептал|проговорил|закричал|заметил|продолжал|отвечал)[аи]? (?:он|она|они)\b")


@pytest.mark.slow
def test_corpus_every_replica_once_and_no_missed_remark(corpus_books, tmp_path):
    for book in corpus_books:
        out = tmp_path / book.stem
        assert main([str(book), "--out-dir", str(out), "--stop", "dialogues", "-q"]) == 0
        text = book.read_text(encoding="utf-8")
        expected = sum(1 for line in text.split("\n")
                       if _DASH_LED.match(line) and not _ONLY_DASHES.match(line))
        lines = [line for line in (out / "dialogs.txt").read_text(encoding="utf-8").split("\n") if line]
        raw = [line for line in (out / "raw_dialogs.txt").read_text(encoding="utf-8").split("\n") if line]
        unparsed = (out / "unparsed_replicas.txt").read_text(encoding="utf-8").count("\n")
        # Quote-led replicas (`«Да», — сказал он.`) come on top of the dash-led ones; a simple
        # separate pattern bounds their number from above.
        paragraphs, _ = split_paragraphs(text)
        quote_led = extract_dialogues(paragraphs).quote_led
        assert quote_led <= sum(1 for line in text.split("\n") if _QUOTE_LED.match(re.sub(r"\[\d+\]", "", line.strip()))), book.name
        assert len(lines) + unparsed - quote_led == expected, book.name
        assert len(raw) == len(lines)
        assert all(line.startswith("<char>") for line in lines)
        missed = [line for line in lines if _MISSED_REMARK.search(line)]
        assert not missed, (book.name, missed[:3])


def test_broken_dictionary_with_from_time_keeps_every_earlier_output(tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(SAMPLE), "--out-dir", str(out), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    dict_me = out / "dict_me.py"
    lines = dict_me.read_text(encoding="utf-8").split("\n")
    entry = next(i for i, line in enumerate(lines) if line.startswith('    "') and line.endswith(","))
    lines[entry] = lines[entry][:-1]  # the user forgot a comma
    dict_me.write_text("\n".join(lines), encoding="utf-8")
    assert main([str(SAMPLE), "--out-dir", str(out), "--from", "time", "-q"]) == 2
    assert "dict_me.py:" in capsys.readouterr().err
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(after) == set(before)
    assert all(after[name] == before[name] for name in before if name != "dict_me.py")


def test_outputs_are_ordinary_files_readable_by_others(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert run(tmp_path, SAMPLE) == 0
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "out" / "dialogs.txt").stat().st_mode)
    assert mode == 0o644


def test_from_after_stop_is_an_error(tmp_path, capsys):
    assert main([str(SAMPLE), "--out-dir", str(tmp_path), "--from", "dataset", "--stop", "time"]) == 2
    assert "идёт после --stop" in capsys.readouterr().err


# ---- layouts, plays, breaks, odd characters (FORMAT.md §1) ------------------------------------

def _indented(paragraphs, width=60):
    """The library-site layout: hard-wrapped, no blank lines, the first line indented deeper."""
    import textwrap

    return "\n".join(textwrap.fill(p, width, initial_indent="       ", subsequent_indent="  ")
                     for p in paragraphs) + "\n"


def _sample_paragraphs():
    return [p.replace("\u00a0", " ") for p in SAMPLE.read_text(encoding="utf-8").split("\n") if p.strip()]


def test_library_site_layout_is_detected_and_rejoined(tmp_path, capsys):
    from dataset_tools.normalize import split_book

    text = _indented(_sample_paragraphs())
    paragraphs, layout = split_book(text)
    assert layout == "indent"
    assert [p for p in paragraphs if p] == [clean_paragraph(p) for p in _sample_paragraphs()]
    book = tmp_path / "lib.txt"
    book.write_text(text, encoding="utf-8")
    assert main([str(book), "--out-dir", str(tmp_path / "out"), "--stop", "dialogues"]) == 0
    assert "раскладка indent" in capsys.readouterr().out
    assert sum(1 for line in read(tmp_path, "dialogs.txt").splitlines() if line) == 52
    # forcing another layout is obeyed (and gives a worse result here)
    assert run(tmp_path, book, "--layout", "blank") == 2  # one block: no paragraph starts with a dash
    whole = "<char>Зато крепкий (сказал Вася и улыбнулся) до сих пор стоит."
    assert run(tmp_path, book, "--layout", "indent") == 0
    assert whole in read(tmp_path, "dialogs.txt")
    assert run(tmp_path, book, "--layout", "lines") == 0
    assert whole not in read(tmp_path, "dialogs.txt")


@pytest.mark.parametrize("lines, expected", [
    (["       - Ты куда? - спросил он", "  брата, не оборачиваясь.", "       - Домой."],
     ["- Ты куда? - спросил он брата, не оборачиваясь.", "- Домой."]),
    # a deeper line that only continues an unfinished sentence in lower case is not a new paragraph
    (["       Он шёл и думал о том, что", "   завтра всё кончится.", "       - Стой!"],
     ["Он шёл и думал о том, что завтра всё кончится.", "- Стой!"]),
])
def test_indent_joining_rules(lines, expected):
    from dataset_tools.normalize import split_book

    text = "\n".join(lines * 10)
    paragraphs, layout = split_book(text, "indent")
    assert layout == "indent" and [p for p in paragraphs if p][:len(expected)] == expected


PLAY = """ТРИ СЕСТРЫ

Действующие лица
Прозоров Андрей Сергеевич.
Ольга, Маша, Ирина — его сестры.
Тузенбах Николай Львович, барон, поручик.

Действие первое

В доме Прозоровых. Полдень; на дворе солнечно, весело.
Ольга. Отец умер ровно год назад, как раз в этот день.
Ирина. Зачем вспоминать!
Тузенбах (Соленому). Такой вы вздор говорите. (Садится у пианино.) Забыл сказать.
(Тихо наигрывает.) По-видимому, славный малый.
Тишина. Слышно, как в зале накрывают стол.
Маша(задумчиво). У лукоморья дуб зеленый…
Ольга и Ирина уходят.
Часы бьют двенадцать.

Действие второе

Маша. Не знаю.
"""


def test_play_speeches_directions_and_speakers():
    result = extract_dialogues(split_paragraphs(PLAY)[0])
    assert result.play
    assert [[render_dialog(r) for r in d] for d in result.dialogues] == [
        ["<char>Отец умер ровно год назад, как раз в этот день.", "<char>Зачем вспоминать!",
         "<char>(Соленому) Такой вы вздор говорите. (Садится у пианино) Забыл сказать.",
         "<char>(Тихо наигрывает) По-видимому, славный малый.",
         "<char>(задумчиво) У лукоморья дуб зеленый…"],
        ["<char>Не знаю."]]
    assert result.speakers == [["Ольга", "Ирина", "Тузенбах", "Тузенбах", "Маша"], ["Маша"]]
    assert result.narration == 4  # the setting, `Тишина. Слышно…`, `Ольга и Ирина уходят.`, `Часы бьют…`


def test_prose_has_empty_speakers_aligned_with_dialogues():
    result = extract_dialogues(split_paragraphs(BOOK)[0])
    assert not result.play
    assert [len(s) for s in result.speakers] == [len(d) for d in result.dialogues]
    assert all(s == "" for ss in result.speakers for s in ss)


@pytest.mark.parametrize("paragraph", ["—", "–", "– –", "-"])
def test_a_paragraph_that_is_only_a_dash_is_a_break(paragraph):
    assert is_break(paragraph)
    result = extract_dialogues(["— Привет.", paragraph, "— Пока."])
    assert len(result.dialogues) == 2 and not result.unparsed


def test_bars_and_leading_at_never_reach_the_outputs(tmp_path):
    from dataset_tools.formats import parse_raw

    book = tmp_path / "odd.txt"
    book.write_text("— Выбирай: да | нет, — сказал он.\n— @Вася, иди сюда!\n— Ладно|ладно.\n", encoding="utf-8")
    assert run(tmp_path, book) == 0
    assert read(tmp_path, "dialogs.txt") == (
        "<char>Выбирай: да / нет (сказал он)\n<char>Вася, иди сюда!\n<char>Ладно/ладно.\n")
    raw = read(tmp_path, "raw_dialogs.txt").splitlines()
    assert [len(parse_raw(line)) for line in raw] == [2, 1, 1]
    assert not any(line.startswith("@@") for line in raw)
