"""--workers: a stage that spreads its work over processes writes the one process's files, byte for byte."""
import pytest

from dataset_tools.cli import main
from dataset_tools.stages import time as time_stage

# Each dialogue: a name the dictionary has (Петя → я) and names it lacks (review.tsv flags those).
DIALOGUES = [
    ("<char>Вася, а где Коля? (спросил Петя)", "@Вася, а где Коля? |спросил Петя|"),
    ("<char>Пойдём к Маше, Петя.", "@Пойдём к Маше, Петя."),
    ("<char>Петя всегда всё знает. (засмеялся Вася)", "@Петя всегда всё знает. |засмеялся Вася|"),
    # review reads the replica before (name_given_in_answer): a part that starts here must see it too
    ("<char>Эй, милый, как тебя зовут?", "@Эй, милый, как тебя зовут?"),
    ("<char>Меня-то? Петя.", "@Меня-то? Петя."),
]
OUTPUTS = ("me_dialogs.txt", "ti_dialogs.txt", "raw_me_dialogs.txt", "raw_ti_dialogs.txt", "review.tsv")


def write_inputs(out, copies):
    out.mkdir()
    for name, column in (("dialogs.txt", 0), ("raw_dialogs.txt", 1)):
        blocks = ["\n".join(pair[column] for pair in DIALOGUES)] * copies
        (out / name).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    (out / "dict_me.py").write_text('NAMES = {"Петя": "я", "Пете": "мне"}\n', encoding="utf-8")
    (out / "dict_ti.py").write_text('NAMES = {"Петя": "ты", "Пете": "тебе"}\n', encoding="utf-8")


@pytest.mark.parametrize("workers", ["2", "3"])
def test_time_stage_in_worker_processes_writes_the_same_files(tmp_path, monkeypatch, workers):
    one, many = tmp_path / "one", tmp_path / "many"
    write_inputs(one, 7)
    write_inputs(many, 7)
    assert main(["book.txt", "--out-dir", str(one), "--from", "time", "--stop", "time", "-q"]) == 0
    monkeypatch.setattr(time_stage, "PARALLEL_FROM", 1)  # a small file: parts of a few lines each
    assert main(["book.txt", "--out-dir", str(many), "--from", "time", "--stop", "time", "-q",
                 "--workers", workers]) == 0
    for name in OUTPUTS:
        assert (many / name).read_text(encoding="utf-8") == (one / name).read_text(encoding="utf-8"), name
    flagged = {int(row.split("\t")[1]) for row in (one / "review.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    assert max(flagged) > 20 and min(flagged) < 5  # flags in the first part and in the last ones
