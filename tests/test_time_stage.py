"""The TiMe stage end to end through `dataset_tools.cli.main`: outputs line for line with
dialogs.txt, the edit-and-resume workflow, bad input, an interrupted run, the golden sample, the
corpus. (Speed: bench/bench_time_stage.py.)"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dataset_tools import nlp  # noqa: F401  (sets OPENBLAS_NUM_THREADS before numpy loads)
from dataset_tools import pronouns
from dataset_tools.cli import main

BOOK = """Глава первая

Вечером все собрались у самовара.

— Вася, иди сюда! — крикнула Маша.
— Иду, — сказал Вася и улыбнулся. — Что у нас сегодня на ужин?
— Спроси у Пети, — ответила Маша. — Он знает.
— Петя всегда всё знает, — засмеялся Вася.

Петя сидел у окна и читал.

— Я дал книгу Васе, — сказал Петя. — А Маша её потеряла.
— Неправда! — возразила Маша. — Книга Васи лежит на столе.
— Вот я и говорю: с Машей никогда не соскучишься.

* * *

— Где Петя? — спросила Маша.
— Петя ушёл к Васе, — ответил кто-то из сада.
"""


def run(argv: list[str]) -> int:
    return main(argv + ["-q"])


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def check_parallel(out: Path) -> None:
    """me/ti (and their raw forms) are dialogs.txt line for line; no line loses its marker."""
    dialogs = lines(out / "dialogs.txt")
    for name, marker in (("me_dialogs.txt", "<char>"), ("ti_dialogs.txt", "<char>"),
                         ("raw_me_dialogs.txt", "@"), ("raw_ti_dialogs.txt", "@")):
        got = lines(out / name)
        assert len(got) == len(dialogs), name
        for number, (source, line) in enumerate(zip(dialogs, got), 1):
            assert bool(source.strip()) == bool(line.strip()), f"{name}:{number}"
            if source.strip():
                assert line.startswith(marker), f"{name}:{number}: {line}"


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory):
    """The whole pipeline once on the small book above."""
    root = tmp_path_factory.mktemp("time")
    book = root / "book.txt"
    book.write_text(BOOK, encoding="utf-8")
    out = root / "out"
    assert run([str(book), "--out-dir", str(out)]) == 0
    return book, out


def test_full_run_writes_parallel_outputs(pipeline_run):
    book, out = pipeline_run
    check_parallel(out)
    me = "\n".join(lines(out / "me_dialogs.txt"))
    ti = "\n".join(lines(out / "ti_dialogs.txt"))
    assert "<char>Иди сюда! (крикнула я)" in me
    assert "<char>Иди сюда! (крикнула ты)" in ti
    assert "Спроси у меня" in me and "Спроси у тебя" in ti
    assert "Я всегда всё знаю" in me and "Ты всегда всё знаешь" in ti
    assert "Моя книга лежит на столе" in me
    assert "со мной никогда не соскучишься" in me and "с тобой никогда не соскучишься" in ti
    for name in ("dialogs.txt", "me_dialogs.txt", "ti_dialogs.txt"):
        assert (out / name).read_text(encoding="utf-8").strip() in (out / "dataset.txt").read_text(encoding="utf-8")


def edit_dictionary(path: Path, edits: dict[str, str | None]) -> None:
    """Edit dict_me.py as a user would: change a value, set one to "", delete a line."""
    text = path.read_text(encoding="utf-8")
    for form, value in edits.items():
        pattern = re.compile(rf'^(\s*"{re.escape(form)}": )"[^"]*",\n', re.MULTILINE)
        assert pattern.search(text), f"{form} not in {path.name}"
        text = pattern.sub("" if value is None else rf'\g<1>"{value}",\n', text)
    path.write_text(text, encoding="utf-8")


def test_edit_dictionary_and_resume_from_time(pipeline_run, tmp_path):
    book, first = pipeline_run
    out = tmp_path / "out"
    out.mkdir()
    for name in ("dialogs.txt", "raw_dialogs.txt", "dict_me.py", "dict_ti.py", "ti_dialogs.txt"):
        (out / name).write_bytes((first / name).read_bytes())
    edit_dictionary(out / "dict_me.py", {"Васе": "Васеньке", "Маша": "", "Пети": None, "Петя": "ты"})
    edited = (out / "dict_me.py").read_bytes()
    ti_before = (out / "ti_dialogs.txt").read_bytes()

    assert run([str(book), "--out-dir", str(out), "--from", "time"]) == 0

    assert (out / "dict_me.py").read_bytes() == edited  # the user's file is untouched
    check_parallel(out)
    me = "\n".join(lines(out / "me_dialogs.txt"))
    assert "Я дал книгу Васеньке (сказал ты)" in me  # a literal value, and a changed standard form
    assert "(крикнула Маша)" in me and "возразила Маша" in me  # "" keeps the form
    assert "Спроси у Пети" in me  # a deleted line: not replaced
    assert "Ты всегда всё знает" in me  # ты from the me dictionary is the user's literal choice
    assert (out / "ti_dialogs.txt").read_bytes() == ti_before  # the ti dictionary was not edited


def test_from_time_on_hand_written_lines(tmp_path):
    out = tmp_path
    (out / "dialogs.txt").write_text(
        "<char>Вася, иди сюда! (крикнула Маша)\n<char>Ничего. (Соня зарыдала) Оставьте меня!\n\n"
        "<char>Москва — столица (сказал он)\n", encoding="utf-8")
    (out / "raw_dialogs.txt").write_text(
        "@Вася, иди сюда! |крикнула Маша|\n@Ничего. |Соня зарыдала| Оставьте меня!\n\n"
        "@Москва — столица |сказал он|\n", encoding="utf-8")
    (out / "dict_me.py").write_text('NAMES = {"Вася": "я", "Маша": "я", "Соня": "я"}\n', encoding="utf-8")
    (out / "dict_ti.py").write_text('NAMES = {"Вася": "ты", "Маша": "ты", "Соня": "ты"}\n', encoding="utf-8")
    assert run(["book.txt", "--out-dir", str(out), "--from", "time", "--stop", "time"]) == 0
    assert lines(out / "me_dialogs.txt") == [
        "<char>Иди сюда! (крикнула я)", "<char>Ничего. (Я зарыдала) Оставьте меня!", "",
        "<char>Москва — столица (сказал он)"]
    assert lines(out / "raw_ti_dialogs.txt") == [
        "@Иди сюда! |крикнула ты|", "@Ничего. |Ты зарыдала| Оставьте меня!", "", "@Москва — столица |сказал он|"]


def write_inputs(out: Path, dialogs: str, raw: str, me: str = 'NAMES = {"Вася": "я"}\n') -> None:
    (out / "dialogs.txt").write_text(dialogs, encoding="utf-8")
    (out / "raw_dialogs.txt").write_text(raw, encoding="utf-8")
    (out / "dict_me.py").write_text(me, encoding="utf-8")
    (out / "dict_ti.py").write_text('NAMES = {"Вася": "ты"}\n', encoding="utf-8")


@pytest.mark.parametrize("dialogs, raw, me, message", [
    ("<char>Привет, Вася.\n<char>Пока.\n", "@Привет, Вася.\n", 'NAMES = {"Вася": "я"}\n',
     "рассинхронизированы"),
    ("<char>Привет, Вася.\n", "@Привет, Петя.\n", 'NAMES = {"Вася": "я"}\n', "raw_dialogs.txt:1"),
    ("<char>Привет, Вася.\n", "@Привет |сказал он\n", 'NAMES = {"Вася": "я"}\n', "raw_dialogs.txt:1"),
    ("<char>Привет, Вася.\n", "@Привет, Вася.\n", 'NAMES = {\n    "Вася": я,\n}\n', "dict_me.py:2"),
])
def test_bad_input_stops_with_a_clear_error_and_writes_nothing(tmp_path, capsys, dialogs, raw, me, message):
    write_inputs(tmp_path, dialogs, raw, me)
    assert run(["book.txt", "--out-dir", str(tmp_path), "--from", "time"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err
    assert not (tmp_path / "me_dialogs.txt").exists() and not (tmp_path / "ti_dialogs.txt").exists()


def test_interrupted_run_leaves_no_output_taken_for_complete(tmp_path, monkeypatch, capsys):
    write_inputs(tmp_path, "<char>Привет, Вася.\n<char>Вася ушёл.\n", "@Привет, Вася.\n@Вася ушёл.\n")
    (tmp_path / "me_dialogs.txt").write_text("<char>a stale output of an earlier run\n", encoding="utf-8")
    calls = []
    real = pronouns.rewrite_segments

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(pronouns, "rewrite_segments", interrupted)
    assert run(["book.txt", "--out-dir", str(tmp_path), "--from", "time"]) == 130
    names = {p.name for p in tmp_path.iterdir()}
    assert not names & {"me_dialogs.txt", "ti_dialogs.txt", "raw_me_dialogs.txt", "raw_ti_dialogs.txt",
                        "dataset.txt"}, names
    assert not [n for n in names if n.endswith(".tmp")]
    monkeypatch.setattr(pronouns, "rewrite_segments", real)
    assert run(["book.txt", "--out-dir", str(tmp_path), "--from", "time"]) == 0
    assert lines(tmp_path / "me_dialogs.txt") == ["<char>Привет.", "<char>Я ушёл."]


def test_debug_rules_prints_which_rule_fired(tmp_path, capsys):
    write_inputs(tmp_path, "<char>Вася идёт домой.\n", "@Вася идёт домой.\n")
    assert main(["book.txt", "--out-dir", str(tmp_path), "--from", "time", "--stop", "time",
                 "--debug-rules"]) == 0
    err = capsys.readouterr().err
    assert "dialogs.txt:1 me: pronoun_in_case: Вася → я (nomn)" in err
    assert "verb_agreement: идёт → иду" in err


# ------------------------------------------------------------------------------------------
# The corpus: every book through the whole pipeline.

@pytest.mark.slow
def test_corpus_books_keep_every_line(corpus_books, corpus_pipeline, tmp_path):
    """All 8 books through the whole pipeline as one library (conftest.corpus_pipeline): the merged
    dialogs.txt is each book's own dialogs.txt in turn, me/ti keep every line and marker, and every
    book has names replaced in more than a tenth of its replicas."""
    out = corpus_pipeline
    check_parallel(out)
    dialogs, me = lines(out / "dialogs.txt"), lines(out / "me_dialogs.txt")
    start = 0
    for book in corpus_books:
        own = tmp_path / book.stem
        assert run([str(book), "--out-dir", str(own), "--stop", "dialogues"]) == 0, book
        part = lines(own / "dialogs.txt")
        assert dialogs[start:start + len(part)] == part, book.name
        replicas = [(a, b) for a, b in zip(part, me[start:start + len(part)]) if a]
        changed = sum(a != b for a, b in replicas)
        assert changed > len(replicas) // 10, f"{book.name}: only {changed} of {len(replicas)} replicas changed"
        start += len(part) + 1  # one empty line between the books' dialogues
    assert start == len(dialogs) + 1 and len(corpus_books) == 8
    for name in ("dialogs.txt", "me_dialogs.txt", "ti_dialogs.txt"):
        assert (out / name).read_text(encoding="utf-8").strip() in (out / "dataset.txt").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------
# The golden passage: the bundled sample book through the whole pipeline, me and ti files whole.

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "sample_book.txt"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden_sample"


def test_sample_book_matches_the_golden_me_and_ti_files(tmp_path):
    """After an intended change of a rule, look at the diff this prints, then refresh the files:
    python -m dataset_tools samples/sample_book.txt --out-dir /tmp/s -q && cp /tmp/s/me_dialogs.txt
    /tmp/s/ti_dialogs.txt tests/data/golden_sample/"""
    assert run([str(SAMPLE), "--out-dir", str(tmp_path)]) == 0
    for name in ("me_dialogs.txt", "ti_dialogs.txt"):
        want, got = lines(GOLDEN / name), lines(tmp_path / name)
        assert len(got) == len(want), name
        wrong = [f"{name}:{n}\n  want {w}\n   got {g}" for n, (w, g) in enumerate(zip(want, got), 1) if w != g]
        assert not wrong, "\n".join(wrong)
