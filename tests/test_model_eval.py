"""model_eval.py: each measure on hand-written Russian replies, and a real run on a tiny GPT-2
trained for a few steps by model_train_gpt2.py (CPU, offline)."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import model_eval
import model_train_gpt2
from dataset_tools.evaluation import (
    NameIndex,
    Reply,
    distinct_n,
    first_person_words,
    format_table,
    measure_replies,
    name_mentions,
    pick_turns,
    repeated_ngram_rate,
    reply_problems,
    second_person_words,
    split_reply,
)
from tests.tiny_model import SAMPLE_DIALOGUES, make_tiny_model

CHAR = "<char>"
# The sample dialogues' people, as the names stage writes them into dict_me.py.
DICTIONARY = {"Вася": "я", "Васе": "мне", "Маша": "я", "Петя": "я", "Соня": "я", "Катя": "",
              "Пётр Иванович": "я", "Петра Ивановича": "меня", "Петру Ивановичу": "мне"}
BOOK_NAMES = NameIndex.from_dictionary(DICTIONARY)


# ---------------------------------------------------------------- one well-formed replica line

@pytest.mark.parametrize("text, ended, problems", [
    ("Привет (сказал Вася и улыбнулся) что у нас сегодня на ужин?", True, []),
    ("Иду! (крикнул он)", True, []),
    ("Ничего. (Соня зарыдала) Оставьте меня!", True, []),
    ("Москва — столица (сказал учитель) а какой город стоит на Неве?", True, []),
    ("Да не беги ты так, упадёшь! Не упаду, я быстрый, я быстрый, я", False, ["cut_off"]),
    ("", True, ["empty"]),
    ("…", True, ["empty"]),
    ("Лошади поданы, барин.<char>Спасибо, братец.", True, ["markup"]),
    ("Отчего же? |сказал он|", True, ["markup"]),
    ("Спа\ufffdсибо", True, ["markup"]),
    ("— Здравствуй, брат.", True, ["book_dash"]),
    ("Нет (отвечал он и прибавил Не пойду.", True, ["unbalanced_parens"]),
    ("Нет) не пойду.", True, ["unbalanced_parens"]),
    ("Ну (он (тихо) сказал) иди.", True, []),     # the author's parentheses inside a remark
    ("Ну (он (тихо сказал) иди.", True, ["unbalanced_parens"]),
    ("(Соня зарыдала)", True, ["remark_only"]),
    ("Да (сказал он", False, ["cut_off", "unbalanced_parens"]),
])
def test_reply_problems(text, ended, problems):
    assert reply_problems(text, ended) == problems


def test_speech_and_remarks_are_split_at_the_parentheses():
    assert split_reply("Да (сказал он) Пойдём.") == ("Да Пойдём.", ["сказал он"])
    assert split_reply("Готово (сказал смотритель) (Слуга подтвердил)") == ("Готово", ["сказал смотритель",
                                                                                     "Слуга подтвердил"])
    assert split_reply("Евгений Васильич (с трудом пролепетал Петр (он дрожал)) воля ваша.") == (
        "Евгений Васильич воля ваша.", ["с трудом пролепетал Петр (он дрожал)"])
    assert split_reply("Да (сказал он") == ("Да", [])   # an open remark: neither speech nor a remark


# ---------------------------------------------------------------- first person, «ты», names

@pytest.mark.parametrize("text, first, second", [
    ("Я сам приду, мне не трудно.", ["я", "мне"], []),
    ("Возьми меня с собой, я понесу корзину.", ["меня", "я"], []),
    ("Это моё письмо, а не твоё.", ["мое"], ["твое"]),
    ("Доволен мной? Мною?", ["мной", "мною"], []),
    ("Отвечу, что ты права.", [], ["ты"]),
    ("Тебе письмо от твоей матери.", [], ["тебе", "твоей"]),
    ("Мы пойдём к ним вечером.", [], []),            # plural and 3rd person do not count
    ("Моисей знает, и Мойка замёрзла.", [], []),      # whole words only
])
def test_first_and_second_person_words(text, first, second):
    assert first_person_words(text) == first
    assert second_person_words(text) == second


@pytest.mark.parametrize("text, names", [
    ("Вася, иди сюда!", ["Вася"]),
    ("Передай Петру Ивановичу поклон.", ["Петру Ивановичу"]),
    ("Я видел Петра Ивановича и Васю.", ["Петра Ивановича"]),   # Васю is not in the dictionary
    ("Петр Иванович пришёл.", ["Петр Иванович"]),             # е for ё
    ("Катя пришла.", []),                                      # "" in the dictionary: not replaced, not a name
    ("Пётр пришёл.", []),                                      # only the full name is a form here
    ("Москва — столица.", []),
    ("А Маша и Соня где?", ["Маша", "Соня"]),
])
def test_names_from_the_books_dictionary(text, names):
    assert name_mentions(text, BOOK_NAMES) == names


@pytest.mark.parametrize("text, names", [
    ("Спасибо, Аркадий, я приду.", ["Аркадий"]),
    ("Спросите у Николая Петровича.", ["Николая", "Петровича"]),
    ("Аркадий, иди сюда.", []),            # a name that begins the reply is missed (documented)
    ("Пойдём. Базаров ждёт.", []),         # as is one after a full stop
    ("Вы знаете, что Вы правы?", []),      # the polite Вы
    ("Слава Богу, все здоровы.", []),
])
def test_names_by_the_capitalised_word_heuristic(text, names):
    assert name_mentions(text, NameIndex()) == names


# ---------------------------------------------------------------- repetition

def test_distinct_n_and_repeated_ngrams():
    assert distinct_n([["да", "да", "да"]], 1) == pytest.approx(1 / 3)
    assert distinct_n([["привет"], ["привет"]], 1) == 0.5
    assert distinct_n([["я", "иду"], ["ты", "идёшь"]], 2) == 1.0
    assert repeated_ngram_rate([["да", "да", "да"]], 1) == pytest.approx(2 / 3)
    assert repeated_ngram_rate([["я", "пойду", "я", "пойду"]], 2) == pytest.approx(1 / 3)
    assert repeated_ngram_rate([["я", "пойду"], ["я", "пойду"]], 2) == 0.0   # within a reply only
    assert distinct_n([[]], 2) is None and repeated_ngram_rate([], 2) is None


def test_measures_of_hand_written_replies():
    replies = [
        Reply("Иду! (крикнул я)", True, ["Ты где?"]),
        Reply("Вася, я тебе говорю: стучат.", True, ["Это ветер, спи."]),
        Reply("Ты где?", True, ["Ты где?"]),
        Reply("да да да да да", False, ["Ну что?"]),
    ]
    m = measure_replies(replies, BOOK_NAMES)
    assert m["replies"] == 4 and m["well_formed"] == 0.75 and m["problems"] == {"cut_off": 1}
    assert m["first_person_speech"] == 0.25          # «я тебе говорю»; «крикнул я» is a remark
    assert m["second_person_speech"] == 0.5
    assert m["names_in_speech"] == 0.25
    assert m["with_remark"] == 0.25 and m["first_person_remark"] == 1.0 and m["names_in_remark"] == 0.0
    assert m["echo"] == 0.25
    assert m["repeated_2"] == pytest.approx(3 / (2 + 4 + 1 + 4))  # bigrams: 2, 4, 1, 4
    assert m["names_from"] == "dictionary"


def test_turns_are_every_later_replica_with_the_replicas_before_it():
    dialogues = [["Ты где?", "Здесь.", "Иди сюда."], ["Здравствуй.", "Здравствуй, брат."], ["Одна."]]
    turns = pick_turns(dialogues, 3, seed=1)
    assert sorted(turns) == sorted([(["Ты где?"], "Здесь."), (["Ты где?", "Здесь."], "Иди сюда."),
                                    (["Здравствуй."], "Здравствуй, брат.")])
    assert pick_turns(dialogues, 3, seed=1) == turns
    assert pick_turns(dialogues, 7, seed=1) == turns + turns + turns[:1]   # fewer candidates: reused
    assert pick_turns([["Одна."]], 5, seed=1) == []


def test_table_shows_every_column_and_dashes_for_undefined():
    table = format_table({"модель": {"replies": 2, "well_formed": 0.5, "first_person_remark": None},
                          "книга": {"replies": 2, "well_formed": 1.0, "first_person_remark": 0.25}})
    lines = table.splitlines()
    assert "модель" in lines[0] and "книга" in lines[0]
    row = next(line for line in lines if line.startswith("одна правильная строка реплики"))
    assert row.split()[-2:] == ["50.0%", "100.0%"]
    assert next(line for line in lines if "сказал я" in line).split()[-2:] == ["—", "25.0%"]


# ---------------------------------------------------------------- a real run

def versions(dialogue: str, pronoun: str) -> str:
    """A crude me/ti copy: every name of the sample becomes the pronoun (line for line)."""
    for name in ("Вася", "Маша", "Петя", "Соня"):
        dialogue = dialogue.replace(name, pronoun)
    return dialogue


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A tiny GPT-2 trained 12 steps on dialogs + me + ti (no checkpoint: the final model only);
    the Trainer's own held-out blocks kept."""
    from transformers import TrainerCallback

    root = tmp_path_factory.mktemp("eval")
    dialogues = SAMPLE_DIALOGUES.strip().split("\n\n") * 2
    dataset = root / "dataset.txt"
    dataset.write_text("\n\n".join(dialogues + [versions(d, "я") for d in dialogues]
                                   + [versions(d, "ты") for d in dialogues]) + "\n", encoding="utf-8")
    (root / "dict_me.py").write_text("NAMES = {\n" + "".join(f'    "{k}": "{v}",\n' for k, v in DICTIONARY.items())
                                     + "}\n", encoding="utf-8")
    seen = {}

    class KeepEvalSet(TrainerCallback):
        def on_evaluate(self, args, state, control, eval_dataloader=None, **kw):
            seen["blocks"] = eval_dataloader.dataset.blocks

    project = root / "finetune"
    code = model_train_gpt2.main([
        "--dataset-file", str(dataset), "--src-model", str(make_tiny_model(root / "tiny")),
        "--project-name", str(project), "--block-size", "64", "--batch-size", "2", "--lr", "3e-3",
        "--optimizer", "adamw_torch", "--max-steps", "12", "--save-steps", "1000", "--eval-split", "0.25",
        "--seed", "3"], callbacks=[KeepEvalSet()])
    assert code == 0
    return {"project": project, "dataset": dataset, "blocks": seen["blocks"], "dialogues": dialogues}


def run(capsys, *argv) -> tuple[int, str, str]:
    code = model_eval.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_held_out_part_is_the_trainings_own(trained):
    args = model_eval.make_parser().parse_args([str(trained["project"])])  # --dataset from the training
    settings = model_eval.training_settings(trained["project"])
    assert model_eval.training_settings(trained["project"] / "checkpoint-12") == settings  # a checkpoint: one up
    dataset, eval_split, seed, _ = model_eval.split_of(args, settings)
    assert (dataset, eval_split, seed) == (trained["dataset"], 0.25, 3)
    held, originals = model_eval.held_out_dialogues(model_train_gpt2.read_documents(dataset), eval_split, seed)
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(trained["project"])
    blocks = model_train_gpt2.PackedBlocks(held, tok, tok.eos_token_id, settings["block_size"])
    assert blocks.blocks.equal(trained["blocks"])
    assert len(originals) * 3 == len(held) and all(d in trained["dialogues"] for d in originals)


def test_a_run_measures_everything_and_repeats_with_the_seed(trained, tmp_path, capsys):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    argv = [trained["project"], "--dataset", trained["dataset"], "--samples", "6", "--max-new-tokens", "12",
            "--seed", "5"]
    code, out, err = run(capsys, *argv, "--json", first)
    assert code == 0, err
    for label in ("перплексия на отложенных диалогах", "одна правильная строка реплики",
                  "речь от первого лица", "имя персонажа книги в речи", "с ремаркой в скобках", "distinct-2",
                  "повтор пар слов внутри ответа"):
        assert label in out
    result = json.loads(first.read_text(encoding="utf-8"))
    model, book = result["model_measures"], result["book_measures"]
    assert 1 < model["perplexity"] < len_vocab(trained["project"]) * 2 and math.isfinite(model["held_out_loss"])
    assert result["split"]["held_out_tokens"] > 0 and result["sampling"]["samples"] == len(result["samples"]) == 6
    for key in ("well_formed", "first_person_speech", "second_person_speech", "names_in_speech", "with_remark",
                "repeated_2", "echo"):
        assert 0 <= model[key] <= 1 and 0 <= book[key] <= 1, key
    assert model["names_from"] == "dictionary" and book["well_formed"] == 1.0
    originals = {line.removeprefix(CHAR) for d in trained["dialogues"] for line in d.split("\n")}
    assert all(set(s["context"]) <= originals for s in result["samples"])  # no me/ti copy in a prompt
    assert all(len(s["reply"].split()) <= 12 for s in result["samples"])
    code, _, err = run(capsys, *argv, "--json", second)
    assert code == 0, err
    assert json.loads(second.read_text(encoding="utf-8"))["samples"] == result["samples"]


def len_vocab(project: Path) -> int:
    return json.loads((project / "config.json").read_text())["vocab_size"]


def test_without_a_dictionary_the_heuristic_is_used_and_said(trained, tmp_path):
    args = model_eval.make_parser().parse_args([str(trained["project"]), "--dict", str(trained["dataset"].parent
                                                                                       / "dict_me.py")])
    names, note = model_eval.names_of_book(args, trained["dataset"])
    assert names.source == "dictionary" and "вася" in names.single  # lower case, ё as е
    alone = tmp_path / "dataset.txt"
    alone.write_text(trained["dataset"].read_text(encoding="utf-8"), encoding="utf-8")
    names, note = model_eval.names_of_book(model_eval.make_parser().parse_args(["x"]), alone)
    assert names.source == "heuristic" and "эвристика" in note


@pytest.mark.parametrize("extra, message", [
    (["--samples", "0"], "--samples 0: нужно 1 или больше"),
    (["--top-p", "1.5"], "--top-p 1.5"),
    (["--max-new-tokens", "100"], "больше половины окна модели"),
    (["--dataset", "нет_такого.txt"], "нет_такого.txt: файла датасета нет"),
    (["--json", "нет/такой/папки/e.json"], "папки"),
    (["--dict", "нет_словаря.py"], "--dict нет_словаря.py: файла нет"),
])
def test_bad_input_is_one_russian_line(trained, capsys, extra, message):
    code, _, err = run(capsys, trained["project"], *extra)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ошибка: ") and message in lines[0], err
    assert "Traceback" not in err


def test_bad_project_and_dataset(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path / "нет_модели", "--dataset", tmp_path / "d.txt")
    assert code == 2 and err.startswith("ошибка: ") and "модели нет" in err
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run(capsys, tmp_path, "--dataset", tmp_path / "empty.txt")
    assert code == 2 and err.startswith("ошибка: ") and "файл датасета пуст" in err
    short = tmp_path / "short.txt"
    short.write_text("".join(f"{CHAR}Реплика {i}.\n\n" for i in range(8)), encoding="utf-8")
    with pytest.raises(model_eval.UserError, match="нет отложенных диалогов"):
        model_eval.held_out_dialogues(model_train_gpt2.read_documents(short), 0, 42)
