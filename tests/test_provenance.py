"""Outputs that belong together (issue 11 §1): manifest.json and the dictionaries' origin.

The pure verdicts first (tables), then the runs a user makes: book A, then book B into the same
folder, with and without edited dictionaries."""
from pathlib import Path

import pytest

from dataset_tools.cli import main
from dataset_tools.manifest import Record, Snapshot, StageSpec, judge, stale_outputs
from dataset_tools.stages import dialogues

SPECS = (
    StageSpec("dialogues", (), ("dialogs.txt", "raw_dialogs.txt"), books=True),
    StageSpec("names", (), ("dict_me.py",), books=True, editable=("dict_me.py",)),
    StageSpec("time", ("dialogs.txt", "raw_dialogs.txt", "dict_me.py"), ("me_dialogs.txt",)),
    StageSpec("dataset", ("dialogs.txt", "me_dialogs.txt"), ("dataset.txt",)),
)
FILES = {"dialogs.txt": "d1", "raw_dialogs.txt": "r1", "dict_me.py": "m1", "me_dialogs.txt": "e1",
         "dataset.txt": "s1"}
RECORDS = {
    "dialogues": Record({"books": "A"}, {"dialogs.txt": "d1", "raw_dialogs.txt": "r1"}, ("a.txt",)),
    "names": Record({"books": "A"}, {"dict_me.py": "m1"}, ("a.txt",)),
    "time": Record({"dialogs.txt": "d1", "raw_dialogs.txt": "r1", "dict_me.py": "m1"}, {"me_dialogs.txt": "e1"}),
    "dataset": Record({"dialogs.txt": "d1", "me_dialogs.txt": "e1"}, {"dataset.txt": "s1"}),
}


def snap(books="A", origin=("A", "a.txt"), edited=(), **files):
    return Snapshot(files={**FILES, **files}, books=books, book_names=("b.txt",) if books == "B" else ("a.txt",),
                    origins={"dict_me.py": origin} if origin else {}, edited=frozenset(edited))


def problems(verdicts):
    return {name: (p.rerun, p.edited) for name, p in verdicts.items() if p is not None}


@pytest.mark.parametrize("state, expected", [
    (snap(), {}),  # all built from book A
    (snap(origin=None), {}),  # the user deleted the header: the manifest still vouches for it
    (snap(edited=["dict_me.py"], origin=("A", "a.txt"), **{"dict_me.py": "m2"}),  # edited after time ran
     {"me_dialogs.txt": ("time", False), "dataset.txt": ("time", False)}),
    (snap(**{"dialogs.txt": "d2"}),  # an interrupted dialogues stage: dialogs.txt of another run
     {"dialogs.txt": ("dialogues", False), "me_dialogs.txt": ("dialogues", False),
      "dataset.txt": ("dialogues", False)}),
    (snap(books="B", origin=("A", "a.txt")),  # other books named now: everything is stale
     {"dialogs.txt": ("dialogues", False), "raw_dialogs.txt": ("dialogues", False),
      "dict_me.py": ("names", False), "me_dialogs.txt": ("dialogues", False), "dataset.txt": ("dialogues", False)}),
    (snap(books="B", origin=("A", "a.txt"), edited=["dict_me.py"]),  # ... and an edited dictionary needs --force
     {"dialogs.txt": ("dialogues", False), "raw_dialogs.txt": ("dialogues", False),
      "dict_me.py": ("names", True), "me_dialogs.txt": ("dialogues", False), "dataset.txt": ("dialogues", False)}),
])
def test_judge(state, expected):
    assert problems(judge(SPECS, RECORDS, state)) == expected


def test_after_dialogues_on_another_book_only_the_edited_dictionary_is_kept():
    records = {**RECORDS, "dialogues": Record({"books": "B"}, {"dialogs.txt": "d2", "raw_dialogs.txt": "r2"})}
    state = snap(books="B", edited=["dict_me.py"], **{"dialogs.txt": "d2", "raw_dialogs.txt": "r2"})
    delete, kept = stale_outputs(SPECS, "dialogues", judge(SPECS, records, state), state)
    assert delete == ["me_dialogs.txt", "dataset.txt"]
    assert [p.file for p in kept] == ["dict_me.py"] and "сделан по книге a.txt" in kept[0].message()


# ---- runs ----------------------------------------------------------------------------------------

BOOK_A = ("— Вася, ты куда? — спросила Маша.\n— На рынок, — ответил Вася. — Маша, пойдём со мной.\n"
          "— Иду, — сказала Маша.\n")
BOOK_B = ("— Петя, ты здесь? — спросила Оля.\n— Здесь, — ответил Петя. — Оля, иди сюда.\n"
          "— Иду, — сказала Оля.\n")


@pytest.fixture()
def books(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(BOOK_A, encoding="utf-8")
    b.write_text(BOOK_B, encoding="utf-8")
    return a, b, tmp_path / "out"


def run(book, out, *flags):
    return main([str(book), "--out-dir", str(out), "-q", *flags])


def edit(out: Path) -> bytes:
    path = out / "dict_me.py"
    path.write_text(path.read_text(encoding="utf-8").replace('"Вася": "я"', '"Вася": ""'), encoding="utf-8")
    return path.read_bytes()


def test_build_a_then_b_stopped_then_from_time_is_refused(books, capsys):
    a, b, out = books
    assert run(a, out) == 0
    assert run(b, out, "--stop", "dialogues") == 0
    assert {p.name for p in out.iterdir()} == {"dialogs.txt", "raw_dialogs.txt", "unparsed_replicas.txt",
                                               "manifest.json"}  # A's dictionaries, me/ti, dataset: gone
    capsys.readouterr()
    assert run(b, out, "--from", "time") == 2
    err = capsys.readouterr().err.strip()
    assert err == f"ошибка: {out / 'dict_me.py'}: нет файла; его пишет этап names; перезапустите с --from names"
    assert not (out / "me_dialogs.txt").exists()


def test_an_interrupted_dialogues_stage_is_refused_downstream(books, capsys, monkeypatch):
    a, b, out = books
    assert run(a, out) == 0

    def interrupted(*args):
        raise KeyboardInterrupt  # after dialogs.txt of B is written, before raw_dialogs.txt

    monkeypatch.setattr(dialogues, "render_raw", interrupted)
    assert run(b, out) == 130
    monkeypatch.undo()
    capsys.readouterr()
    assert run(b, out, "--from", "time") == 2
    err = capsys.readouterr().err
    assert "dialogs.txt: сделан по книге a.txt, а сейчас указаны другие книги (b.txt)" in err
    assert run(a, out, "--from", "time") == 2  # dialogs.txt is B's now, raw_dialogs.txt still A's
    err = capsys.readouterr().err
    assert "dialogs.txt: изменился после этапа dialogues" in err and "--from dialogues" in err


def test_an_edited_dictionary_survives_every_rerun_and_is_stale_for_another_book(books, capsys):
    a, b, out = books
    assert run(a, out) == 0
    edited = edit(out)
    assert run(a, out, "--from", "time") == 0  # the same book: the edit is used
    assert "<char>Вася, ты куда? (спросила я)" in (out / "me_dialogs.txt").read_text(encoding="utf-8")
    for flags in ([], ["--from", "names"], ["--stop", "dialogues"], ["--from", "time"]):
        assert run(a, out, *flags) == 0, flags
        assert (out / "dict_me.py").read_bytes() == edited, flags
    capsys.readouterr()

    assert run(b, out, "--stop", "dialogues") == 0
    err = capsys.readouterr().err
    assert "dict_me.py: сделан по книге a.txt, а книги теперь другие (b.txt): словарь устарел" in err
    assert (out / "dict_me.py").read_bytes() == edited and not (out / "dict_ti.py").exists()
    for flags in (["--from", "time"], []):
        assert run(b, out, *flags) == 2, flags
        err = capsys.readouterr().err
        assert "словарь устарел" in err and "--from names --force" in err, flags
        assert (out / "dict_me.py").read_bytes() == edited
    assert not (out / "me_dialogs.txt").exists()

    assert run(a, out) == 0  # back to book A: the edit is fresh again
    assert (out / "dict_me.py").read_bytes() == edited
    assert run(b, out, "--force") == 0  # asked for explicitly: new dictionaries for B
    assert '"Петя": "я"' in (out / "dict_me.py").read_text(encoding="utf-8")


def test_a_dictionary_edited_after_the_time_stage_makes_me_ti_stale(books, capsys):
    a, _, out = books
    assert run(a, out) == 0
    edit(out)
    assert run(a, out, "--from", "dataset") == 2
    err = capsys.readouterr().err
    assert "me_dialogs.txt: dict_me.py правился после этапа time; перезапустите с --from time" in err


def test_other_options_than_the_outputs_were_made_with_are_refused(books, capsys):
    a, _, out = books
    assert run(a, out) == 0
    assert run(a, out, "--from", "time", "--max-gap", "3") == 2
    assert "--max-gap 1; сейчас --max-gap 3" in capsys.readouterr().err
