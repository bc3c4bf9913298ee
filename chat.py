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
from dataset_tools.command import run_command
from dataset_tools.formats import dialogue_lines, join_speech
from dataset_tools.formats import CHAR_TOKEN
from dataset_tools.textio import UserError

# A model fine-tuned without `<char>` (or a base model) knows replicas from books: `— `.
BOOK_DASH = "— "
NEW_DIALOGUE = "/new"
QUIT = ("/quit", "/exit")
DIM, RESET = "\033[2m", "\033[0m"
# A remark in the model's reply: `(…)`, or an opening `(` the reply was cut in.
REMARK_RE = re.compile(r"\([^()]*\)|\([^()]*$")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python chat.py",
        description="Role-play chat with a fine-tuned TiMe model: your lines are replicas, "
                    "the model answers with the next replica.",
    )
    parser.add_argument("project", help="the --project-name of model_train_gpt2.py (its final model or "
                                        "newest checkpoint), any model directory or a .gguf file")
    parser.add_argument("--prompt", action="append", metavar="TEXT",
                        help="say TEXT, print the answer and exit (no interactive chat); repeat "
                             "for several turns of one dialogue")
    parser.add_argument("--temperature", type=float, default=0.8,
                        help="sampling temperature; 0 = always the most likely token (default: 0.8)")
    parser.add_argument("--top-p", type=float, default=0.95, help="nucleus sampling (default: 0.95)")
    parser.add_argument("--top-k", type=int, default=0, help="sample from the K most likely tokens only "
                                                            "(default: 0, off)")
    parser.add_argument("--repetition-penalty", type=float, default=1.0,
                        help="above 1 makes repeating earlier words less likely (default: 1.0, off)")
    parser.add_argument("--max-new-tokens", type=int, default=80,
                        help="longest reply, in tokens (default: 80)")
    parser.add_argument("--seed", type=int, default=None, help="random seed: the same seed and input "
                                                              "give the same answers")
    parser.add_argument("--strip-remarks", action="store_true",
                        help="hide the author's remarks (…) in the replies instead of dimming them")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="dim the remarks: auto = only on a terminal without NO_COLOR (default)")
    parser.add_argument("--show-prompt", action="store_true",
                        help="print the prompt the model gets to stderr before each reply")
    parser.add_argument("--device", default="auto", help="cpu, cuda, cuda:1, mps … (default: cuda if "
                                                        "available, else cpu)")
    parser.add_argument("--gguf-file", default=None, help="the .gguf file in PROJECT to load, if several")
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
        looked = " or ".join(str(p) for p in candidates)
        raise UserError(f"{name}: model not found (looked for {looked}); give the "
                        "--project-name of model_train_gpt2.py (e.g. finetune) or a model directory")
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
        print(f"note: {path} has no final model yet; using its newest checkpoint {newest}", file=sys.stderr)
        return newest
    if others:
        names = ", ".join(sorted(p.name for p in others))
        raise UserError(f"{path}: several models in it ({names}); give one of them, e.g. {others[0]}")
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
            raise UserError(f"--max-new-tokens {args.max_new_tokens} leaves no room for the dialogue "
                            f"in this model's window of {self.window} tokens; use a smaller value")
        self.history: list[str] = []
        self.dropped_note = False
        if not has_char:
            print(f"note: the tokenizer has no {CHAR_TOKEN} token (not a TiMe-fine-tuned model?); "
                  f"replicas are written with the book dash {BOOK_DASH.strip()!r}", file=sys.stderr)

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
            print(f"note: the dialogue no longer fits the model's window ({self.window} tokens); "
                  "its oldest replicas are left out of the prompt", file=sys.stderr)
            self.dropped_note = True
        if self.args.show_prompt:
            shown = self.tokenizer.decode(ids, skip_special_tokens=False)
            print(f"--- prompt ({len(ids)} tokens) ---\n{shown}\n---", file=sys.stderr)
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
        raise UserError(f"--device {name}: not a device name; use cpu, cuda, cuda:1 or mps")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise UserError(f"--device {name}: no CUDA GPU is visible to torch here; use --device cpu")
    return name


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def check_args(args) -> None:
    if args.temperature < 0:
        raise UserError("--temperature must be 0 or more")
    if not 0 < args.top_p <= 1:
        raise UserError("--top-p must be above 0 and at most 1")
    if args.top_k < 0:
        raise UserError("--top-k must be 0 (off) or more")
    if args.repetition_penalty <= 0:
        raise UserError("--repetition-penalty must be above 0")
    if args.max_new_tokens < 1:
        raise UserError("--max-new-tokens must be 1 or more")


def clean_line(line: str) -> str:
    """A user's line as a replica: a pasted `<char>` or book dash in front is not part of it."""
    text = line.strip()
    if text.startswith(CHAR_TOKEN):
        text = text[len(CHAR_TOKEN):]
    return re.sub(r"^(?:--|[—–―])\s*|^-\s+", "", text).strip()


def run_lines(chat: Chat, lines, show) -> None:
    """Scripts: one answer line on stdout per input line; empty line or /new: new dialogue."""
    for _, new, text in dialogue_lines(map(clean_line, lines), separator=lambda t: not t or t == NEW_DIALOGUE):
        if new:
            chat.reset()
        if text in QUIT:
            break
        print(show(chat.reply(text)), flush=True)


def run_interactive(chat: Chat, show, name: str) -> None:
    try:
        import readline  # noqa: F401  (arrow keys and history in input())
    except ImportError:
        pass
    print(f"Ролевой чат с моделью {name}. Пишите реплику и нажимайте Enter; "
          f"{NEW_DIALOGUE} — новый диалог, {QUIT[0]} или Ctrl-D — выход.", file=sys.stderr)
    while True:
        try:
            line = input(BOOK_DASH)
        except EOFError:
            print(file=sys.stderr)
            return
        text = clean_line(line)
        if text in QUIT:
            return
        if text == NEW_DIALOGUE:
            chat.reset()
            print("(новый диалог)", file=sys.stderr)
            continue
        if text:
            print(BOOK_DASH + (show(chat.reply(text)) or "…"), flush=True)


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
        raise UserError(f"--device {device}: cannot move the model there ({str(err).splitlines()[0]})")
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
