"""Role-play chat with a fine-tuned TiMe model, in the terminal or from a script.

    python chat.py finetune                                            # interactive chat
    python chat.py finetune --prompt "Привет! Что на ужин?"             # one answer on stdout
    python chat.py finetune --prompt "Привет!" --prompt "А на обед?"    # two turns of one dialogue
    printf 'Привет!\\nА на обед?\\n' | python chat.py finetune --seed 1   # a line per answer
    python chat.py finetune --temperature 0 --strip-remarks            # greedy, remarks hidden
    python chat.py finetune --show-prompt                              # see what the model gets

PROJECT is the --project-name of model_train_gpt2.py (default: finetune): the final model is
saved there. While it has only Trainer checkpoints (checkpoint-500, checkpoint-1000, …) the
newest complete one is used. A model directory or a .gguf file works too; a name that is not
found as given is also looked up under runs/.

The model sees the dialogue as in dataset.txt: one replica per line, each starting with
`<char>`. Your line becomes `<char>` + your text, the model continues with `<char>` and its
reply ends at the end of that line (a token containing a newline, or end-of-text). The whole
dialogue so far stays in the prompt; the oldest replicas are dropped once it no longer fits
the model's window. Remarks the model writes in `(…)` are dimmed, or removed with
--strip-remarks. In a pipe every input line gets exactly one answer line; an empty line or
/new starts a new dialogue. See docs/export.md.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path

from dataset_tools.chat_format import fit_prompt, prompt_ids, replica_line, start_ids  # noqa: F401  (model_eval, tests)
from dataset_tools.argparse_ru import russian_argparse
from dataset_tools.command import run_command
from dataset_tools.formats import dialogue_lines, join_speech
from dataset_tools.formats import CHAR_TOKEN
from dataset_tools.textio import UserError
from dataset_tools.plural import TOKENS, count

# A model fine-tuned without `<char>` (or a base model) knows replicas from books: `— `.
BOOK_DASH = "— "
NEW_DIALOGUE = "/new"
QUIT = ("/quit", "/exit")
HELP = ("/help", "/?")
# The chat's own commands: answered here, never sent to the model. `//text` sends `/text`.
COMMANDS = {NEW_DIALOGUE: "начать новый диалог (модель забывает прошлые реплики)",
            HELP[0]: "эта справка",
            QUIT[1]: "выйти (также /quit или Ctrl-D)"}
HELP_TEXT = ("Команды чата (модели не отправляются):\n"
             + "".join(f"  {name:<6} — {what}\n" for name, what in COMMANDS.items())
             + "  //текст — отправить реплику, которая начинается с «/»\n"
             "В терминале Ctrl-C отменяет набранную строку или прерывает ответ модели.")
DIM, RESET = "\033[2m", "\033[0m"
# A remark in the model's reply: `(…)`, or an opening `(` the reply was cut in.
REMARK_RE = re.compile(r"\([^()]*\)|\([^()]*$")


def make_parser() -> argparse.ArgumentParser:
    russian_argparse()
    parser = argparse.ArgumentParser(
        prog="python chat.py",
        description="Ролевой чат с дообученной моделью TiMe: ваши строки — реплики, модель отвечает "
                    "следующей репликой. В чате: /new — новый диалог, /help — команды, /exit или Ctrl-D — выход.",
    )
    parser.add_argument("project", help="--project-name из model_train_gpt2.py (его итоговая модель или "
                                        "самая поздняя контрольная точка), любая папка модели или файл .gguf")
    parser.add_argument("--prompt", action="append", metavar="TEXT",
                        help="сказать TEXT, напечатать ответ и выйти (без интерактивного чата); "
                             "можно повторять — это ходы одного диалога")
    parser.add_argument("--temperature", type=float, default=0.8,
                        help="температура выборки; 0 — всегда самый вероятный токен (по умолчанию: 0.8)")
    parser.add_argument("--top-p", type=float, default=0.95, help="nucleus sampling (по умолчанию: 0.95)")
    parser.add_argument("--top-k", type=int, default=0, help="выбирать только из K самых вероятных токенов "
                                                            "(по умолчанию: 0, выкл.)")
    parser.add_argument("--repetition-penalty", type=float, default=1.0,
                        help="больше 1 — реже повторять прошлые слова (по умолчанию: 1.0, выкл.)")
    parser.add_argument("--max-new-tokens", type=int, default=80,
                        help="самый длинный ответ, в токенах (по умолчанию: 80)")
    parser.add_argument("--seed", type=int, default=None, help="зерно случайности: одинаковые seed и вход "
                                                              "дают одинаковые ответы")
    parser.add_argument("--strip-remarks", action="store_true",
                        help="убирать ремарки автора (…) из ответов, а не приглушать их")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="приглушать ремарки цветом: auto — только в терминале без NO_COLOR (по умолчанию)")
    parser.add_argument("--show-prompt", action="store_true",
                        help="печатать в stderr запрос, который получает модель, перед каждым ответом")
    parser.add_argument("--device", default="auto", help="cpu, cuda, cuda:1, mps … (по умолчанию: cuda, "
                                                        "если есть, иначе cpu)")
    parser.add_argument("--gguf-file", default=None, help="какой файл .gguf из PROJECT загрузить, если их несколько")
    return parser


def resolve_project(name: str) -> Path:
    """The directory (or .gguf file) of the model named on the command line.

    The path as given, else runs/NAME. A directory without config.json or a .gguf in it but
    with a single model subdirectory, or with Trainer checkpoints, means that subdirectory
    (the newest checkpoint-N).
    """
    candidates = [Path(name)]
    if not Path(name).is_absolute():
        candidates.append(Path("runs") / name)
    path = next((p for p in candidates if p.exists()), None)
    if path is None:
        looked = " и ".join(str(p) for p in candidates)
        raise UserError(f"{name}: модель не найдена (искали {looked}); укажите "
                        "--project-name из model_train_gpt2.py (например, finetune) или папку модели")
    if path.is_file() or (path / "config.json").is_file() or any(path.glob("*.gguf")):
        return path
    models = [p for p in path.iterdir() if p.is_dir() and (p / "config.json").is_file()]
    checkpoints = [p for p in models if re.fullmatch(r"checkpoint-\d+", p.name)]
    others = [p for p in models if p not in checkpoints]
    if len(others) == 1:
        return others[0]
    if not others and checkpoints:
        from dataset_tools.training.project import newest_checkpoint

        newest = newest_checkpoint(path) or max(checkpoints, key=lambda p: int(p.name.split("-")[1]))
        print(f"замечание: в {path} ещё нет итоговой модели; берётся самая поздняя контрольная точка {newest}",
              file=sys.stderr)
        return newest
    if others:
        names = ", ".join(sorted(p.name for p in others))
        raise UserError(f"{path}: в папке несколько моделей ({names}); укажите одну, например {others[0]}")
    return path  # locate_model explains what is missing


def format_reply(text: str, strip_remarks: bool = False, color: bool = False) -> str:
    """The model's replica for display: remarks `(…)` removed, dimmed, or left as they are."""
    if strip_remarks:  # the same punctuation rule as make_alpaca: `Да (сказал он) Пойдём.` -> `Да. Пойдём.`
        return join_speech([part.strip() for part in REMARK_RE.split(text) if part.strip()])
    if color:
        return REMARK_RE.sub(lambda m: f"{DIM}{m.group(0)}{RESET}", text)
    return text


def newline_token_ids(tokenizer) -> list[int]:
    """Every token whose text contains a newline: any of them ends the reply line.

    Byte-level BPE has `\\n`, `\\n\\n`, `.\\n` …, SentencePiece has `<0x0A>`; decoding each id
    catches them all whatever the tokenizer calls them.
    """
    ids = list(range(len(tokenizer)))
    texts = tokenizer.batch_decode([[i] for i in ids], skip_special_tokens=False)
    return [i for i, text in zip(ids, texts) if "\n" in text]


def model_window(model, tokenizer) -> int:
    """How many tokens the model can see at once."""
    from dataset_tools.modeling import context_length

    return context_length(model.config, tokenizer)


class Chat:
    """One dialogue with the model: its history and how to get the next replica."""

    def __init__(self, model, tokenizer, args, device):
        from dataset_tools.modeling import char_token_id

        self.model, self.tokenizer, self.args, self.device = model, tokenizer, args, device
        has_char = char_token_id(tokenizer) is not None
        self.marker_text = CHAR_TOKEN if has_char else BOOK_DASH
        self.marker = tokenizer.encode(self.marker_text, add_special_tokens=False)
        self.start = start_ids(tokenizer)  # the same prompt as the chat template (chat_format.py)
        self.stop_ids = sorted(set(newline_token_ids(tokenizer))
                               | {i for i in (tokenizer.eos_token_id,) if i is not None}
                               | ({self.marker[0]} if has_char else set()))
        self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else self.stop_ids[0]
        self.window = model_window(model, tokenizer)
        if args.max_new_tokens >= self.window - len(self.start) - len(self.marker):
            raise UserError(f"--max-new-tokens {args.max_new_tokens} не оставляет места для диалога "
                            f"в окне этой модели ({count(self.window, *TOKENS)}); возьмите значение меньше")
        self.history: list[str] = []
        self.dropped_note = False
        if not has_char:
            print(f"замечание: в токенизаторе нет токена {CHAR_TOKEN} (модель не дообучена TiMe?); "
                  f"реплики пишутся книжным тире {BOOK_DASH.strip()!r}", file=sys.stderr)

    def reset(self) -> None:
        self.history, self.dropped_note = [], False

    def turn_ids(self, text: str) -> list[int]:
        return self.tokenizer.encode(replica_line(text, self.marker_text), add_special_tokens=False)

    def reply(self, user_text: str) -> str:
        """Add the user's replica, generate the model's one, keep both in the history."""
        import torch

        self.history.append(user_text)
        budget = self.window - self.args.max_new_tokens
        ids, dropped = prompt_ids(self.tokenizer, self.history, budget, self.marker_text)
        if dropped and not self.dropped_note:
            print(f"замечание: диалог больше не помещается в окно модели ({count(self.window, *TOKENS)}); "
                  "самые старые реплики не попадают в запрос", file=sys.stderr)
            self.dropped_note = True
        if self.args.show_prompt:
            shown = self.tokenizer.decode(ids, skip_special_tokens=False)
            print(f"--- запрос ({count(len(ids), *TOKENS)}) ---\n{shown}\n---", file=sys.stderr)
        sampling = {"do_sample": False}
        if self.args.temperature > 0:
            sampling = {"do_sample": True, "temperature": self.args.temperature, "top_p": self.args.top_p,
                        "top_k": self.args.top_k}
        input_ids = torch.tensor([ids], device=self.device)
        with torch.no_grad():
            output = self.model.generate(
                input_ids, attention_mask=torch.ones_like(input_ids),
                max_new_tokens=self.args.max_new_tokens,
                min_new_tokens=1,  # a reply is at least one token: no empty line straight away
                eos_token_id=self.stop_ids, pad_token_id=self.pad_id,
                repetition_penalty=self.args.repetition_penalty, **sampling)
        new = output[0, len(ids):].tolist()
        text = self.tokenizer.decode(new, skip_special_tokens=True)
        # A reply cut by --max-new-tokens may end in half a letter (a partial UTF-8 byte token).
        text = text.split("\n", 1)[0].strip().rstrip("\ufffd").strip()
        self.history.append(text)
        return text


def pick_device(name: str) -> str:
    import torch

    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    try:
        torch.device(name)
    except RuntimeError:
        raise UserError(f"--device {name}: нет такого устройства; используйте cpu, cuda, cuda:1 или mps")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise UserError(f"--device {name}: torch не видит здесь GPU с CUDA; используйте --device cpu")
    return name


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def check_args(args) -> None:
    if args.temperature < 0:
        raise UserError("--temperature должна быть 0 или больше")
    if not 0 < args.top_p <= 1:
        raise UserError("--top-p должен быть больше 0 и не больше 1")
    if args.top_k < 0:
        raise UserError("--top-k должен быть 0 (выкл.) или больше")
    if args.repetition_penalty <= 0:
        raise UserError("--repetition-penalty должен быть больше 0")
    if args.max_new_tokens < 1:
        raise UserError("--max-new-tokens должен быть 1 или больше")


def clean_line(line: str) -> str:
    """A user's line as a replica: a pasted `<char>` or book dash in front is not part of it."""
    text = line.strip()
    if text.startswith(CHAR_TOKEN):
        text = text[len(CHAR_TOKEN):]
    return re.sub(r"^(?:--|[—–―])\s*|^-\s+", "", text).strip()


def command_of(text: str) -> tuple[str, str]:
    """(what to do, the text) for a cleaned line: "say", "new", "exit", "help" or "unknown".

    Any line starting with `/` is a command, so a mistyped one is never sent to the model as a
    replica; `//` sends a replica that starts with `/`.
    """
    if text.startswith("//"):
        return "say", text[1:]
    if not text.startswith("/"):
        return "say", text
    word = text.split()[0].lower()
    if word == NEW_DIALOGUE:
        return "new", text
    if word in QUIT:
        return "exit", text
    if word in HELP:
        return "help", text
    return "unknown", word


def unknown_command(word: str) -> str:
    return f"неизвестная команда {word}; {HELP[0]} — список команд, //текст — реплика, начинающаяся с «/»"


def run_lines(chat: Chat, lines, show) -> None:
    """Scripts: one answer line on stdout per replica line; empty line or /new: new dialogue;
    /help and unknown /commands are answered on stderr and get no answer line."""
    def separator(text: str) -> bool:
        return not text or command_of(text)[0] == "new"

    for _, new, line in dialogue_lines(map(clean_line, lines), separator=separator):
        if new:
            chat.reset()
        action, text = command_of(line)
        if action == "exit":
            break
        elif action == "help":
            print(HELP_TEXT, file=sys.stderr)
        elif action == "unknown":
            print(unknown_command(text), file=sys.stderr)
        else:
            print(show(chat.reply(text)), flush=True)


def run_interactive(chat: Chat, show, name: str) -> None:
    try:
        import readline  # noqa: F401  (arrow keys and history in input())
    except ImportError:
        pass
    print(f"Ролевой чат с моделью {name}. Пишите реплику и нажимайте Enter; "
          f"{NEW_DIALOGUE} — новый диалог, {HELP[0]} — команды, {QUIT[1]} или Ctrl-D — выход.", file=sys.stderr)
    while True:
        try:
            line = input(BOOK_DASH)
        except EOFError:  # Ctrl-D
            print(file=sys.stderr)
            return
        except KeyboardInterrupt:  # Ctrl-C at the prompt: the line is dropped, the chat goes on
            print("\n(строка отменена; выход — /exit или Ctrl-D)", file=sys.stderr)
            continue
        text = clean_line(line)
        if not text:
            continue
        action, text = command_of(text)
        if action == "exit":
            return
        if action == "new":
            chat.reset()
            print("(новый диалог)", file=sys.stderr)
        elif action == "help":
            print(HELP_TEXT, file=sys.stderr)
        elif action == "unknown":
            print(unknown_command(text), file=sys.stderr)
        else:
            try:
                answer = chat.reply(text)
            except KeyboardInterrupt:  # Ctrl-C while the model writes: that exchange is forgotten
                chat.history = chat.history[:-1] if chat.history and chat.history[-1] == text else chat.history
                print("\n(ответ прерван; ваша реплика забыта)", file=sys.stderr)
                continue
            print(BOOK_DASH + (show(answer) or "…"), flush=True)


@contextmanager
def quiet_transformers():
    """A chat shows replies, not loading bars or generate()'s advice on attention masks."""
    from transformers.utils import logging as hf_logging

    verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:  # tests call main() in one process with other scripts: leave logging as it was
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def start_chat(args) -> None:
    from dataset_tools.modeling import load_model, load_tokenizer, locate_model

    model_dir, gguf_file = locate_model(resolve_project(args.project), args.gguf_file)
    device = pick_device(args.device)
    tokenizer = load_tokenizer(model_dir, gguf_file)
    model = load_model(model_dir, gguf_file)
    try:
        model = model.to(device).eval()
    except (RuntimeError, AssertionError) as err:  # e.g. mps asked for on a machine without it
        raise UserError(f"--device {device}: не удаётся перенести туда модель ({str(err).splitlines()[0]})")
    if args.seed is not None:
        import torch

        torch.manual_seed(args.seed)  # sampling in generate() draws from torch's generator
    chat = Chat(model, tokenizer, args, device)
    color = use_color(args.color)

    def show(text: str) -> str:
        return format_reply(text, args.strip_remarks, color)

    if args.prompt:
        run_lines(chat, args.prompt, show)
    elif sys.stdin.isatty():
        run_interactive(chat, show, str(model_dir / (gguf_file or "")))
    else:
        run_lines(chat, sys.stdin, show)


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return run_command(lambda: run_chat(args), interrupted="\nпрервано")


def run_chat(args) -> None:
    check_args(args)
    with quiet_transformers():
        start_chat(args)


if __name__ == "__main__":
    sys.exit(main())
