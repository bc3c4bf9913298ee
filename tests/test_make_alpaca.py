"""make_alpaca.py: pairing, remarks, context, chat formats, bad input, datasets round trip."""
import json

import pytest

import make_alpaca
from dataset_tools.alpaca import SplitLimits, split_conversation
from dataset_tools.formats import join_speech
from dataset_tools.plural import TOKENS, count

# Three dialogues as the pipeline writes them (FORMAT.md §2, §4).
RAW = """\
@Привет |сказал Вася и улыбнулся| что у нас сегодня на ужин?
@Гречка с грибами, как ты любишь.
@Опять гречка? |вздохнул он| Ну хорошо, давай гречку.

@Иду! |крикнул он|

@Да |сказал он| Пойдём.
@Куда? Ночь на дворе.
@Ничего. |Соня зарыдала| Оставьте меня!
@Готово |сказал смотритель| |Слуга подтвердил|
"""

# The я-variant of the TiMe stage (raw_me_dialogs.txt): same format, names turned into я.
RAW_ME = """\
@Привет |сказал я и улыбнулся| что у нас сегодня на ужин?
@Гречка с грибами, как ты любишь.
"""


def run(tmp_path, capsys, raw, *flags, name="raw_dialogs.txt", out="dataset.json"):
    src = tmp_path / name
    src.write_text(raw, encoding="utf-8")
    dst = tmp_path / out
    code = make_alpaca.main([str(src), str(dst), *flags])
    captured = capsys.readouterr()
    return code, dst, captured


def alpaca(tmp_path, capsys, raw, *flags):
    code, dst, captured = run(tmp_path, capsys, raw, *flags)
    assert code == 0, captured.err
    return [(r["instruction"], r["input"], r["output"]) for r in json.loads(dst.read_text("utf-8"))]


def test_pairs_neighbouring_replicas_inside_dialogues_only(tmp_path, capsys):
    assert alpaca(tmp_path, capsys, RAW) == [
        ("Привет, что у нас сегодня на ужин?", "", "Гречка с грибами, как ты любишь."),
        ("Гречка с грибами, как ты любишь.", "", "Опять гречка? Ну хорошо, давай гречку."),
        ("Да. Пойдём.", "", "Куда? Ночь на дворе."),
        ("Куда? Ночь на дворе.", "", "Ничего. Оставьте меня!"),
        ("Ничего. Оставьте меня!", "", "Готово"),
    ]


def test_keep_remarks_writes_them_in_parentheses(tmp_path, capsys):
    records = alpaca(tmp_path, capsys, RAW, "--keep-remarks")
    assert records[0] == ("Привет (сказал Вася и улыбнулся) что у нас сегодня на ужин?", "",
                          "Гречка с грибами, как ты любишь.")
    assert records[-1][2] == "Готово (сказал смотритель) (Слуга подтвердил)"


@pytest.mark.parametrize("n, expected_inputs", [
    (0, ["", "", "", "", ""]),
    (1, ["", "Привет, что у нас сегодня на ужин?", "", "Да. Пойдём.", "Куда? Ночь на дворе."]),
    (2, ["", "Привет, что у нас сегодня на ужин?", "", "Да. Пойдём.",
         "Да. Пойдём.\nКуда? Ночь на дворе."]),
    (10, ["", "Привет, что у нас сегодня на ужин?", "", "Да. Пойдём.",
          "Да. Пойдём.\nКуда? Ночь на дворе."]),
])
def test_context_puts_earlier_replicas_of_the_same_dialogue_into_input(tmp_path, capsys, n, expected_inputs):
    records = alpaca(tmp_path, capsys, RAW, "--context", str(n))
    assert [r[1] for r in records] == expected_inputs


@pytest.mark.parametrize("parts, joined", [
    (["Привет", "что у нас сегодня на ужин?"], "Привет, что у нас сегодня на ужин?"),
    (["Да", "Пойдём."], "Да. Пойдём."),
    (["Ничего.", "Оставьте меня!"], "Ничего. Оставьте меня!"),
    (["Иду!"], "Иду!"),
    (["Москва — столица"], "Москва — столица"),
    (["Нет, говорю", "— не пойду."], "Нет, говорю — не пойду."),
    (["Он сказал «нет»", "и ушёл"], "Он сказал «нет», и ушёл"),
])
def test_speech_around_a_removed_remark_gets_its_punctuation_back(parts, joined):
    assert join_speech(parts) == joined


@pytest.mark.parametrize("fmt, key, role, text, user, assistant", [
    ("sharegpt", "conversations", "from", "value", "human", "gpt"),
    ("messages", "messages", "role", "content", "user", "assistant"),
])
def test_chat_formats_write_one_alternating_dialogue_per_line(tmp_path, capsys, fmt, key, role, text,
                                                               user, assistant):
    code, dst, captured = run(tmp_path, capsys, RAW, "--format", fmt, out="chats.jsonl")
    assert code == 0, captured.err
    lines = dst.read_text("utf-8").splitlines()
    dialogues = [json.loads(line)[key] for line in lines]
    assert [[(t[role], t[text]) for t in d] for d in dialogues] == [
        # 3 replicas: the last one, a question with no answer, is left out
        [(user, "Привет, что у нас сегодня на ужин?"), (assistant, "Гречка с грибами, как ты любишь.")],
        [(user, "Да. Пойдём."), (assistant, "Куда? Ночь на дворе."),
         (user, "Ничего. Оставьте меня!"), (assistant, "Готово")],
    ]
    assert "1 — последние реплики диалогов нечётной длины" in captured.out
    assert "1 — реплики без соседа" in captured.out


def test_output_is_readable_cyrillic_and_the_summary_counts_what_was_dropped(tmp_path, capsys):
    code, dst, captured = run(tmp_path, capsys, RAW)
    text = dst.read_text("utf-8")
    assert "Привет, что у нас" in text and "\\u04" not in text
    assert "диалогов: 3, реплик: 8, записей: 5" in captured.out
    assert "1 — реплики без соседа для пары (диалоги из одной реплики)" in captured.out


def test_remark_only_replica_is_not_paired_without_keep_remarks(tmp_path, capsys):
    raw = "@Ты куда? |спросила Маша|\n@|Петя промолчал|\n@Ну и ладно.\n@А ты?\n"
    code, dst, captured = run(tmp_path, capsys, raw)
    assert json.loads(dst.read_text("utf-8")) == [{"instruction": "Ну и ладно.", "input": "", "output": "А ты?"}]
    assert "1 — реплики без речи, из одной ремарки" in captured.out
    assert alpaca(tmp_path, capsys, raw, "--keep-remarks")[:2] == [
        ("Ты куда? (спросила Маша)", "", "(Петя промолчал)"),
        ("(Петя промолчал)", "", "Ну и ладно."),
    ]


def test_me_variant_from_the_time_stage_exports_the_same_way(tmp_path, capsys):
    code, dst, captured = run(tmp_path, capsys, RAW_ME, "--keep-remarks", name="raw_me_dialogs.txt")
    assert code == 0, captured.err
    assert json.loads(dst.read_text("utf-8"))[0]["instruction"] == \
        "Привет (сказал я и улыбнулся) что у нас сегодня на ужин?"


@pytest.mark.parametrize("raw, message", [
    ("<char>Привет (сказал Вася)\n<char>Здравствуй.\n", "raw_dialogs.txt:1: строка реплики должна начинаться с '@'; это похоже на dialogs.txt"),
    ("Жили-были дед да баба.\nИ была у них курочка Ряба.\n", "raw_dialogs.txt:1: строка реплики должна начинаться с '@'; ожидается формат raw_dialogs.txt"),
    ("@Привет\n@Да |сказал он Пойдём.\n", "raw_dialogs.txt:2: непарная '|'"),
    ("@Привет\n\n\n@Пока\n", "нет ни одной пары соседних реплик"),
    ("", "файл диалогов raw пуст"),
    ("\n  \n", "файл диалогов raw пуст"),
])
def test_bad_input_is_one_clear_line_and_leaves_the_old_output_alone(tmp_path, capsys, raw, message):
    dst = tmp_path / "dataset.json"
    dst.write_text("[]\n", encoding="utf-8")  # a finished export from an earlier run
    code, dst, captured = run(tmp_path, capsys, raw)
    assert code == 2
    assert message in captured.err
    assert len(captured.err.strip().splitlines()) == 1 and "Traceback" not in captured.err
    assert dst.read_text("utf-8") == "[]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset.json", "raw_dialogs.txt"]  # no temp files


def test_all_bad_lines_are_counted_in_the_message(tmp_path, capsys):
    code, _, captured = run(tmp_path, capsys, "@Да |сказал он\n@Нет |\n@Ладно.\n")
    assert code == 2
    assert "raw_dialogs.txt:1:" in captured.err and "(и ещё плохих строк: 1)" in captured.err


@pytest.mark.parametrize("flags, message", [
    (["--context", "-1"], "--context должен быть 0 или больше"),
    (["--format", "sharegpt", "--context", "2"], "--context только для --format alpaca"),
])
def test_bad_flags(tmp_path, capsys, flags, message):
    code, dst, captured = run(tmp_path, capsys, RAW, *flags)
    assert code == 2 and message in captured.err and not dst.exists()


def test_missing_input_file(tmp_path, capsys):
    code = make_alpaca.main([str(tmp_path / "nope.txt"), str(tmp_path / "d.json")])
    assert code == 2 and "не найден" in capsys.readouterr().err


def test_output_over_the_input_is_refused(tmp_path, capsys):
    src = tmp_path / "raw_dialogs.txt"
    src.write_text(RAW, encoding="utf-8")
    assert make_alpaca.main([str(src), str(src)]) == 2
    assert "это входной файл" in capsys.readouterr().err
    assert src.read_text("utf-8") == RAW


@pytest.mark.parametrize("fmt, out, columns", [
    ("alpaca", "dataset.json", ["instruction", "input", "output"]),
    ("sharegpt", "chats.jsonl", ["conversations"]),
    ("messages", "chats.jsonl", ["messages"]),
])
def test_round_trip_through_datasets_json_loader(tmp_path, capsys, fmt, out, columns):
    from datasets import load_dataset

    code, dst, captured = run(tmp_path, capsys, RAW, "--format", fmt, out=out)
    assert code == 0, captured.err
    loaded = load_dataset("json", data_files=str(dst), split="train", cache_dir=str(tmp_path / "cache"))
    assert loaded.column_names == columns
    text = dst.read_text("utf-8")
    written = json.loads(text) if fmt == "alpaca" else [json.loads(line) for line in text.splitlines()]
    assert loaded.to_list() == written
    first = loaded[0]
    if fmt == "alpaca":
        assert first["instruction"] == "Привет, что у нас сегодня на ужин?"
    else:
        assert first[columns[0]][1][{"sharegpt": "value", "messages": "content"}[fmt]] == \
            "Гречка с грибами, как ты любишь."


# ---- long dialogues in the chat formats (issue 11 §5) ---------------------------------------------


@pytest.mark.parametrize("sizes, limits, windows", [
    ([10] * 6, SplitLimits(0, 0, 2), [(0, 6)]),  # no limits: one record
    ([10] * 8, SplitLimits(4, 0, 2), [(0, 4), (2, 6), (4, 8)]),  # by messages, one exchange repeated
    ([10] * 8, SplitLimits(4, 0, 0), [(0, 4), (4, 8)]),  # no overlap
    ([10] * 8, SplitLimits(0, 45, 2), [(0, 4), (2, 6), (4, 8)]),  # by size: 4 messages of 10 fit in 45
    ([10] * 6, SplitLimits(5, 0, 3), [(0, 4), (2, 6)]),  # odd limits round down to whole exchanges
    ([10, 100, 10, 10], SplitLimits(0, 50, 2), [(0, 2), (2, 4)]),  # one exchange over the limit stays whole
    ([10] * 4, SplitLimits(2, 0, 2), [(0, 2), (2, 4)]),  # an overlap as long as a record still moves on
])
def test_split_conversation(sizes, limits, windows):
    assert split_conversation(sizes, limits) == windows


LONG = "".join(f"@Реплика номер {i}, довольно длинная, чтобы было что резать.\n" for i in range(1, 31))


@pytest.mark.parametrize("fmt, key, text", [("sharegpt", "conversations", "value"),
                                            ("messages", "messages", "content")])
def test_long_dialogue_is_split_with_overlap_and_counted(tmp_path, capsys, fmt, key, text):
    code, dst, captured = run(tmp_path, capsys, LONG, "--format", fmt, "--max-messages", "10", out="c.jsonl")
    assert code == 0, captured.err
    records = [[m[text] for m in json.loads(line)[key]] for line in dst.read_text("utf-8").splitlines()]
    numbers = [[int(t.split()[2].rstrip(",")) for t in r] for r in records]
    assert numbers == [list(range(1, 11)), list(range(9, 19)), list(range(17, 27)), list(range(25, 31))]
    assert "длинных диалогов разрезано: 1 (на 4 записи)" in captured.out
    default = run(tmp_path, capsys, LONG, "--format", fmt, out="d.jsonl")
    assert "разрезано: 1 (на 2 записи)" in default[2].out  # 24 messages, 3000 characters by default
    whole = run(tmp_path, capsys, LONG, "--format", fmt, "--max-messages", "0", "--max-chars", "0", out="e.jsonl")
    assert len(whole[1].read_text("utf-8").splitlines()) == 1 and "разрезано" not in whole[2].out


def test_split_by_tokens_of_a_tokenizer(tmp_path, capsys):
    from tiny_model import train_tokenizer  # a tokenizer is all the split needs: no model built
    from transformers import AutoTokenizer

    model = tmp_path / "tok"
    train_tokenizer().save_pretrained(model)
    tokenizer = AutoTokenizer.from_pretrained(str(model))
    sizes = [len(tokenizer.encode(line[1:], add_special_tokens=False)) + 1 for line in LONG.splitlines()]
    budget = sum(sizes[:6]) + 1  # six messages fit, seven do not
    code, dst, captured = run(tmp_path, capsys, LONG, "--format", "messages", "--tokenizer", str(model),
                              "--max-tokens", str(budget), out="t.jsonl")
    assert code == 0, captured.err
    first = json.loads(dst.read_text("utf-8").splitlines()[0])["messages"]
    assert len(first) == 6 and f"{count(budget, *TOKENS)}," in captured.out  # the limit, in tokens


@pytest.mark.parametrize("flags, message", [
    (["--max-messages", "4"], "только для --format sharegpt / messages"),
    (["--format", "sharegpt", "--max-chars", "-1"], "--max-chars должен быть 0 или больше"),
    (["--format", "sharegpt", "--max-tokens", "100"], "укажите и --tokenizer"),
    (["--format", "sharegpt", "--tokenizer", "/nonexistent/tok"], "--tokenizer не найден"),
])
def test_bad_split_flags(tmp_path, capsys, flags, message):
    code, dst, captured = run(tmp_path, capsys, RAW, *flags, out="x.jsonl")
    assert code == 2 and message in captured.err and not dst.exists()
