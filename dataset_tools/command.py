"""One error wrapper for every command the user runs (`python -m dataset_tools`, make_alpaca.py,
chat.py, model_add_tokens.py, model_train_gpt2.py):

    def main(argv=None) -> int:
        args = make_parser().parse_args(argv)
        return run_command(lambda: work(args), interrupted="прервано: …")

- a mistake the user can fix (UserError) -> one line `ошибка: …` on stderr, exit code 2;
- a package missing from the environment -> which one and the install command, exit code 2;
- Ctrl-C -> what was kept and what was not (`interrupted`), exit code 130.
Anything else is a bug: the traceback is shown as usual.
"""
from __future__ import annotations

import sys
from typing import Callable

from .textio import UserError

INSTALL_HINT = "pip install -r requirements.txt"
INTERRUPTED = "прервано: готовые выходные файлы сохранены, незаконченные не записаны"


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_command(work: Callable[[], int | None], interrupted: str | Callable[[], str] = INTERRUPTED,
                say: Callable[[str], None] = _stderr) -> int:
    """Run `work()` and turn the expected failures into one line and an exit code."""
    try:
        return work() or 0
    except UserError as err:
        say(f"ошибка: {err}")
        return 2
    except ImportError as err:
        say(f"ошибка: пакет {err.name or err} не установлен в {sys.executable}; установите: {INSTALL_HINT}")
        return 2
    except KeyboardInterrupt:
        say(interrupted() if callable(interrupted) else interrupted)
        return 130
