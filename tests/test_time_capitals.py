"""A pronoun that opens a remark: capital where the remark is a sentence of its own (FORMAT.md §6,
`(Вася засмеялся)` -> `(Я засмеялся)`), lower case where it goes on with the speech. After `.` a remark
begins a sentence; after `!` `?` `…` only an action does (`— Как ты переменился! — Борис встал`), not a
remark about the speech (`— Иду! — Вася крикнул`); after a comma never. Real pymorphy3 and natasha."""
from __future__ import annotations

import pytest

from dataset_tools import nlp  # noqa: F401  (sets OPENBLAS_NUM_THREADS before numpy loads)

from test_pronouns import ME, TI, time_line

ROWS = [
    # an action after `!` or `?`: the author's own sentence
    ("<char>Оставьте меня! (Маша зарыдала)", "<char>Оставьте меня! (Я зарыдала)", "<char>Оставьте меня! (Ты зарыдала)"),
    ("<char>Как ты переменился! (Петя встал навстречу)", "<char>Как ты переменился! (Я встал навстречу)",
     "<char>Как ты переменился! (Ты встал навстречу)"),
    ("<char>Где же он? (Вася оглянулся)", "<char>Где же он? (Я оглянулся)", "<char>Где же он? (Ты оглянулся)"),
    # traps: a remark about the speech goes on in lower case, as after a comma
    ("<char>Иду! (Вася крикнул)", "<char>Иду! (я крикнул)", "<char>Иду! (ты крикнул)"),
    ("<char>Где же он? (Маша спросила)", "<char>Где же он? (я спросила)", "<char>Где же он? (ты спросила)"),
    ("<char>Терпеть не могу сплетен (Петя покраснел)", "<char>Терпеть не могу сплетен (я покраснел)",
     "<char>Терпеть не могу сплетен (ты покраснел)"),
]


@pytest.mark.parametrize("line, me, ti", ROWS)
def test_pronoun_opening_a_remark(line, me, ti):
    assert time_line(line, ME, "me") == me
    assert time_line(line, TI, "ti") == ti
