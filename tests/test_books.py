"""Collecting the books of a run: the project's own outputs are not books, files that are not
texts are named before any work, a whole folder runs in one command (issue 11 §2, issue 10 §6)."""
from pathlib import Path

import pytest

from dataclasses import replace

from dataset_tools.books import collect_books, is_output_name, looks_like_output
from dataset_tools.cli import main
from dataset_tools.stages import pipeline

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sample_book.txt"
BOOK = "— Ты куда? — спросил Вася.\n— На рынок, — ответила Маша.\n"
NARRATION = "Было тихо. Никто не говорил.\n\nСтемнело.\n"


@pytest.mark.parametrize("name, expected", [
    ("dialogs.txt", True), ("raw_dialogs.txt", True), ("raw_me_dialogs.txt", True), ("me_dialogs.txt", True),
    ("ti_dialogs.txt", True), ("unparsed_replicas.txt", True), ("dataset.txt", True), ("мой_датасет.txt", True),
    ("review.tsv", True), ("speakers.tsv", True), ("characters.tsv", True), ("persona_dialogs.txt", True),
    ("persona_speakers.tsv", True), ("dict_me.py", True), ("manifest.json", True),
    ("tolstoy__Анна_Каренина.txt", False), ("dialogs_of_plato.txt", False), ("raw.txt", False),
])
def test_output_names(name, expected):
    assert is_output_name(name, base_name="мой_датасет") is expected


@pytest.mark.parametrize("head, expected", [
    ("<char>Привет (сказал Вася)\n<char>Здравствуй.\n\n<char>Иду!\n", True),
    ("@Привет |сказал Вася|\n@Здравствуй.\n", True),
    ("Глава первая\n\n— Привет, — сказал Вася.\n", False),
    ("", False),
])
def test_a_renamed_output_is_recognised_by_its_lines(head, expected):
    assert looks_like_output(head) is expected


def _write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_collect_skips_outputs_and_other_files(tmp_path):
    for name in ("b.txt", "a.txt"):
        _write(tmp_path / name, BOOK)
    for name in ("dialogs.txt", "raw_dialogs.txt", "me_dialogs.txt", "raw_ti_dialogs.txt", "dataset.txt",
                 "unparsed_replicas.txt", "review.tsv", "persona_dialogs.txt", "dict_me.py", "manifest.json"):
        _write(tmp_path / name, "<char>Привет.\n")
    _write(tmp_path / "copy_of_dataset.txt", "<char>Привет.\n<char>Пока.\n")
    _write(tmp_path / "notes.pdf", b"%PDF-1.4")
    found = collect_books([tmp_path])
    assert [p.name for p in found.books] == ["a.txt", "b.txt"]
    assert {p.name for p in found.outputs} == {"dialogs.txt", "raw_dialogs.txt", "me_dialogs.txt",
                                               "raw_ti_dialogs.txt", "dataset.txt", "unparsed_replicas.txt", "persona_dialogs.txt",
                                               "copy_of_dataset.txt"}
    assert [p.name for p in found.other] == ["notes.pdf"]
    assert found.output_dirs == [tmp_path]


def test_books_folder_that_is_also_the_output_folder(tmp_path, capsys):
    lib = tmp_path / "lib"
    lib.mkdir()
    _write(lib / "book.txt", SAMPLE.read_text(encoding="utf-8"))
    assert main([str(lib), "--out-dir", str(lib), "--stop", "dialogues"]) == 0
    first = (lib / "dialogs.txt").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main([str(lib), "--out-dir", str(lib), "--stop", "dialogues"]) == 0
    out = capsys.readouterr().out
    assert (lib / "dialogs.txt").read_text(encoding="utf-8") == first  # its own outputs were not read
    assert out.count("пропущено файлов результатов TiMe") == 1 and "dialogs.txt" in out


def test_an_output_folder_passed_as_the_book_is_one_clear_error(tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(SAMPLE), "--out-dir", str(out), "--stop", "dialogues", "-q"]) == 0
    capsys.readouterr()
    assert main([str(out), "--out-dir", str(tmp_path / "out2"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "только файлы результатов TiMe" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out2").exists()
    assert main([str(out / "dialogs.txt"), "--out-dir", str(tmp_path / "out2"), "-q"]) == 2


def swap_stage(monkeypatch, name, run):
    """Replace one stage's work (the list is a tuple of frozen records)."""
    monkeypatch.setattr(pipeline, "STAGES", tuple(replace(s, run=run) if s.name == name else s
                                                  for s in pipeline.STAGES))


BAD = {"empty.txt": b" \n\n", "binary.txt": b"\x00\x01PK\x03\x04" * 40,
       "unknown.txt": bytes(range(0x80, 0xa0)) * 20}


def _library(tmp_path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir()
    _write(lib / "a_book.txt", BOOK)
    _write(lib / "b_narration.txt", NARRATION)
    for name, data in BAD.items():
        _write(lib / name, data)
    return lib


def test_unreadable_books_are_named_skipped_and_listed_in_the_summary(tmp_path, capsys):
    lib = _library(tmp_path)
    assert main([str(lib), "--out-dir", str(tmp_path / "out"), "--stop", "dialogues"]) == 0
    out = capsys.readouterr().out
    start = out.index("== этап dialogues")
    for name in BAD:  # named before any work starts
        assert 0 <= out.index(f"пропущено: {lib / name}") < start
    summary = out[out.index("Итог:"):]
    assert "Пропущены книги, которые не читаются как текст (3)" in summary
    assert all(str(lib / name) in summary for name in BAD)
    assert f"Книги без диалогов (1): {lib / 'b_narration.txt'}" in summary
    assert "<char>Ты куда? (спросил Вася)" in (tmp_path / "out" / "dialogs.txt").read_text(encoding="utf-8")


def test_strict_stops_before_any_work(tmp_path, capsys, monkeypatch):
    lib = _library(tmp_path)
    started = []
    swap_stage(monkeypatch, "dialogues", lambda ctx: started.append(1) or {})
    assert main([str(lib), "--out-dir", str(tmp_path / "out"), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "binary.txt" in err and "--strict" in err and "ещё 2" in err and len(err.strip().splitlines()) == 1
    assert not started and not (tmp_path / "out").exists()


def test_a_late_stage_failure_keeps_what_earlier_stages_finished(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    book = _write(tmp_path / "book.txt", BOOK)

    def broken(ctx):
        raise RuntimeError("сломалось")

    swap_stage(monkeypatch, "time", broken)
    assert main([str(book), "--out-dir", str(out), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "этап time прервался" in err and "dialogues, names, speakers сохранены" in err and "--from time" in err
    assert {"dialogs.txt", "raw_dialogs.txt", "dict_me.py", "dict_ti.py", "manifest.json"} <= \
        {p.name for p in out.iterdir()}
    monkeypatch.undo()
    assert main([str(book), "--out-dir", str(out), "--from", "time", "-q"]) == 0
    assert "<char>Ты куда? (спросил я)" in (out / "me_dialogs.txt").read_text(encoding="utf-8")
