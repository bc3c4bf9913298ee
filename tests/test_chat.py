"""chat.py on the tiny offline GPT-2: driven through stdin / --prompt, as a script would."""
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import chat
from tiny_model import make_tiny_model

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return make_tiny_model(tmp_path_factory.mktemp("tiny") / "model")


@pytest.fixture(scope="module")
def newline_model(tiny, tmp_path_factory):
    """The tiny model made to answer one word (`сегодня`) and end the line, whatever it is told.

    With the final layer norm's weight at 0 its output is its bias, the same at every position.
    The word's and the newline's rows of the (tied) embedding are made large and orthogonal and the bias
    points at both, newline first: the reply's first token cannot end the line (so `Да`), the
    second one is the newline. Returns (model dir, the word).
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny)
    model = AutoModelForCausalLM.from_pretrained(tiny)
    (newline,) = tokenizer.encode("\n", add_special_tokens=False)
    # a word the locally trained BPE keeps as one token
    word = next(ids[0] for ids in (tokenizer.encode(w, add_special_tokens=False)
                                   for w in (" сегодня", " ты", " не", "да")) if len(ids) == 1)
    with torch.no_grad():
        wte = model.get_input_embeddings().weight
        wte[newline].zero_()
        wte[newline][0] = 10.0
        wte[word].zero_()
        wte[word][1] = 10.0
        model.transformer.ln_f.weight.zero_()
        model.transformer.ln_f.bias.zero_()
        model.transformer.ln_f.bias[0] = 2.0
        model.transformer.ln_f.bias[1] = 1.0
    out = tmp_path_factory.mktemp("newline") / "model"
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out, tokenizer.decode([word]).strip()


def run_chat(monkeypatch, capsys, model_dir, stdin_text, *flags):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin_text))
    code = chat.main([str(model_dir), *flags])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_line_on_stdin_gets_one_answer_line(monkeypatch, capsys, tiny):
    code, out, err = run_chat(monkeypatch, capsys, tiny,
                              "Привет, что у нас сегодня на ужин?\nА на обед?\n\nТы куда собралась?\n",
                              "--seed", "3", "--max-new-tokens", "12")
    assert code == 0, err
    answers = out.split("\n")
    assert answers[-1] == "" and len(answers[:-1]) == 3  # an empty line starts a new dialogue, no answer
    assert not any("<char>" in a or "<|endoftext|>" in a for a in answers)
    assert "\x1b[" not in out  # no colour codes when stdout is not a terminal


def test_same_seed_same_answers_other_seed_other_answers(monkeypatch, capsys, tiny):
    lines = "Здравствуйте, доктор.\nСпина болит третий день.\n"
    first = run_chat(monkeypatch, capsys, tiny, lines, "--seed", "7", "--max-new-tokens", "8")[1]
    again = run_chat(monkeypatch, capsys, tiny, lines, "--seed", "7", "--max-new-tokens", "8")[1]
    other = run_chat(monkeypatch, capsys, tiny, lines, "--seed", "8", "--max-new-tokens", "8")[1]
    assert first == again and first != other


def test_reply_stops_at_the_end_of_its_line(monkeypatch, capsys, newline_model):
    newline_model, word = newline_model
    code, out, err = run_chat(monkeypatch, capsys, newline_model, "Привет!\nКак дела?\n",
                              "--temperature", "0", "--max-new-tokens", "40", "--show-prompt")
    assert code == 0, err
    answers = out.splitlines()
    # the model wants a newline right after the word: the reply is the word, not 40 tokens
    assert answers == [word, word]
    # the dialogue so far stays in the prompt: the second prompt holds the first exchange
    second_prompt = err.split("--- запрос")[2]
    assert f"<char>Привет!\n<char>{answers[0]}\n<char>Как дела?\n<char>" in second_prompt


def test_prompt_flags_are_turns_of_one_dialogue(monkeypatch, capsys, newline_model):
    newline_model, word = newline_model
    code, out, err = run_chat(monkeypatch, capsys, newline_model, "",
                              "--prompt", "— Ты куда?", "--prompt", "<char>На рынок?",
                              "--temperature", "0", "--show-prompt")
    assert code == 0, err
    assert out == f"{word}\n{word}\n"
    assert "<char>Ты куда?\n" in err and "<char>На рынок?\n<char>" in err  # pasted dash / <char> dropped


def test_long_dialogue_is_trimmed_to_the_model_window(monkeypatch, capsys, newline_model):
    newline_model, word = newline_model
    lines = "".join(f"Реплика номер {i}, довольно длинная, чтобы окно быстро кончилось.\n" for i in range(8))
    code, out, err = run_chat(monkeypatch, capsys, newline_model, lines,
                              "--temperature", "0", "--max-new-tokens", "40", "--show-prompt")
    assert code == 0, err
    assert out.splitlines() == [word] * 8
    assert "больше не помещается в окно модели (128 токенов)" in err
    sizes = [int(part.split()[0].strip("(")) for part in err.split("--- запрос")[1:]]
    assert max(sizes) <= 128 - 40
    last_prompt = err.split("--- запрос")[-1]
    assert "номер 7" in last_prompt and "номер 0" not in last_prompt


@pytest.mark.parametrize("reply, stripped, dimmed", [
    ("Иду! (крикнул он)", "Иду!", "Иду! \x1b[2m(крикнул он)\x1b[0m"),
    ("Ничего. (Соня зарыдала) Оставьте меня!", "Ничего. Оставьте меня!",
     "Ничего. \x1b[2m(Соня зарыдала)\x1b[0m Оставьте меня!"),
    ("Готово (сказал смотритель) (Слуга подтвердил)", "Готово",
     "Готово \x1b[2m(сказал смотритель)\x1b[0m \x1b[2m(Слуга подтвердил)\x1b[0m"),
    ("Привет (сказал Вася) что на ужин?", "Привет, что на ужин?",
     "Привет \x1b[2m(сказал Вася)\x1b[0m что на ужин?"),
    ("Да (сказал он) Пойдём.", "Да. Пойдём.", "Да \x1b[2m(сказал он)\x1b[0m Пойдём."),
    ("Да (сказал он и", "Да", "Да \x1b[2m(сказал он и\x1b[0m"),  # reply cut inside a remark
    ("Москва — столица.", "Москва — столица.", "Москва — столица."),
])
def test_remarks_in_the_reply_are_dimmed_or_stripped(reply, stripped, dimmed):
    assert chat.format_reply(reply, strip_remarks=True) == stripped
    assert chat.format_reply(reply, color=True) == dimmed
    assert chat.format_reply(reply) == reply


@pytest.mark.parametrize("turns, budget, kept, dropped", [
    ([[1, 2], [3, 4], [5, 6]], 20, [1, 2, 3, 4, 5, 6], 0),
    ([[1, 2], [3, 4], [5, 6]], 6, [3, 4, 5, 6], 1),       # 1 start + 1 marker + 4
    ([[1, 2], [3, 4], [5, 6, 7, 8, 9]], 5, [7, 8, 9], 2),  # the user's own line is cut at its start
])
def test_fit_prompt_keeps_the_newest_replicas(turns, budget, kept, dropped):
    ids, n = chat.fit_prompt([0], turns, [99], budget)
    assert ids == [0, *kept, 99] and n == dropped and len(ids) <= budget


def test_newline_tokens_end_the_reply(tiny):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny)
    stops = set(chat.newline_token_ids(tokenizer))
    assert tokenizer.encode("Да.\n", add_special_tokens=False)[-1] in stops
    assert tokenizer.encode("\n\n", add_special_tokens=False)[0] in stops
    assert not stops & set(tokenizer.encode("Привет, брат.", add_special_tokens=False))


def test_project_without_final_model_uses_its_newest_complete_checkpoint(tmp_path, monkeypatch, capsys):
    for step, complete in ((500, True), (1000, True), (90, True), (1500, False)):  # 1500: being written
        checkpoint = tmp_path / "finetune" / f"checkpoint-{step}"
        checkpoint.mkdir(parents=True)
        (checkpoint / "config.json").write_text("{}")
        if complete:
            (checkpoint / "trainer_state.json").write_text("{}")
    monkeypatch.chdir(tmp_path)
    assert chat.resolve_project("finetune") == Path("finetune/checkpoint-1000")
    assert "берётся самая поздняя контрольная точка finetune/checkpoint-1000" in capsys.readouterr().err
    (tmp_path / "finetune" / "config.json").write_text("{}")  # the final model, once training ends
    assert chat.resolve_project("finetune") == Path("finetune")


def test_project_trained_into_the_tiny_model_dir_chats(monkeypatch, capsys, tiny):
    code, out, err = run_chat(monkeypatch, capsys, tiny.parent, "", "--prompt", "Привет", "--max-new-tokens", "4")
    assert code == 0, err
    assert len(out.splitlines()) == 1  # tiny.parent holds one model directory: that one is used


@pytest.mark.parametrize("flags, message", [
    (["--max-new-tokens", "200"], "не оставляет места для диалога в окне этой модели (128 токенов)"),
    (["--top-p", "0"], "--top-p должен быть больше 0"),
    (["--temperature", "-1"], "--temperature должна быть 0 или больше"),
])
def test_bad_flags_are_one_clear_line(monkeypatch, capsys, tiny, flags, message):
    code, out, err = run_chat(monkeypatch, capsys, tiny, "Привет\n", *flags)
    assert code == 2 and message in err and out == ""
    assert len(err.strip().splitlines()) == 1


def test_missing_project_is_one_clear_line(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_chat(monkeypatch, capsys, "no_such_project", "Привет\n")
    assert code == 2 and "no_such_project: модель не найдена" in err and "runs/no_such_project" in err


def test_model_without_char_token_chats_with_the_book_dash(monkeypatch, capsys, tmp_path):
    plain = make_tiny_model(tmp_path / "plain", with_char=False)
    code, out, err = run_chat(monkeypatch, capsys, plain, "Привет\n", "--show-prompt", "--max-new-tokens", "5")
    assert code == 0, err
    assert "нет токена <char>" in err and "— Привет\n— " in err
    assert len(out.splitlines()) == 1


def test_help_is_instant_without_torch():
    probe = "import sys, chat; chat.make_parser().format_help(); print('torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


# ---- the chat's own commands (issue 11 §8) -------------------------------------------------------

@pytest.mark.parametrize("line, action", [
    ("Привет!", ("say", "Привет!")), ("/new", ("new", "/new")), ("/exit", ("exit", "/exit")),
    ("/quit", ("exit", "/quit")), ("/help", ("help", "/help")), ("/HELP", ("help", "/HELP")),
    ("/помощь", ("unknown", "/помощь")), ("/nwe", ("unknown", "/nwe")), ("//me машет рукой", ("say", "/me машет рукой")),
])
def test_command_of(line, action):
    assert chat.command_of(line) == action


def test_help_and_unknown_commands_are_answered_by_the_chat_not_the_model(monkeypatch, capsys, newline_model):
    newline_model, word = newline_model
    code, out, err = run_chat(monkeypatch, capsys, newline_model, "/help\n/nwe\nПривет!\n//me машет\n",
                              "--temperature", "0", "--show-prompt")
    assert code == 0, err
    assert out == f"{word}\n{word}\n"  # answers only for the two replicas
    assert "Команды чата" in err and "/new" in err and "неизвестная команда /nwe; /help" in err
    prompts = err.split("--- запрос")[1:]
    assert len(prompts) == 2 and not any("/help" in p or "/nwe" in p for p in prompts)
    assert "<char>/me машет\n<char>" in prompts[1]


def _pty_chat(model_dir, keys: list[bytes], timeout: float = 240) -> tuple[int, str]:
    """Run chat.py in a pseudo-terminal, typing `keys` one after the other once the prompt shows."""
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: chat.py on a terminal
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "chat.py", str(model_dir), "--temperature", "0",
                                   "--max-new-tokens", "4"], {**os.environ, "PYTHONPATH": str(ROOT)})
    seen, deadline, pending = b"", time.monotonic() + timeout, list(keys)
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if pending and seen.rstrip().endswith("—".encode()):  # the prompt is waiting for a line
            os.write(fd, pending.pop(0))
            time.sleep(0.3)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", errors="replace")


@pytest.mark.slow
@pytest.mark.parametrize("leave", [b"/exit\r", b"\x04"])
def test_ctrl_c_cancels_the_line_and_ctrl_d_or_exit_leave(tiny, leave):
    code, screen = _pty_chat(tiny, [b"/help\r", "недописанная строка".encode() + b"\x03", leave])
    assert code == 0, screen
    assert "Команды чата" in screen
    assert "строка отменена" in screen and "прервано" not in screen
