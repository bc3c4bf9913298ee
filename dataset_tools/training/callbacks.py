"""Trainer callbacks of model_train_gpt2.py: tokens/s and time left in the logs; the NaN guard.

Both write what they found into `run_state` (a dict the training script reads after train()).
"""
from __future__ import annotations

import math
import sys
import time

from transformers import TrainerCallback

from .log import say


class Speed(TrainerCallback):
    """Adds tokens/s and the estimated time left to every log line."""

    def __init__(self, tokens_per_step: int, run_state: dict):
        self.tokens_per_step, self.run_state = tokens_per_step, run_state

    def on_train_begin(self, args, state, control, **kw):
        self.start, self.first_step = time.time(), state.global_step
        self.warm = None

    def on_step_end(self, args, state, control, **kw):
        if self.warm is None:  # the first step pays for lazy set-up (optimizer state, kernels)
            self.warm = (time.time(), state.global_step)

    def on_train_end(self, args, state, control, **kw):
        if self.warm and state.global_step > self.warm[1]:
            self.run_state["tokens_per_s_steady"] = round(
                (state.global_step - self.warm[1]) * self.tokens_per_step / (time.time() - self.warm[0]))

    def on_log(self, args, state, control, logs=None, **kw):
        if not logs or "loss" not in logs:  # evaluation logs come outside train() too
            return
        done = state.global_step - self.first_step
        if done <= 0:
            return
        elapsed = time.time() - self.start
        logs["tokens_per_s"] = round(done * self.tokens_per_step / elapsed)
        left = (state.max_steps - state.global_step) * elapsed / done
        logs["time_left"] = time.strftime("%H:%M:%S", time.gmtime(left)) if left < 86400 else f"{left / 3600:.0f}h"
        self.run_state["tokens_per_s"] = logs["tokens_per_s"]


def nan_advice(precision: str) -> str:
    if precision == "fp16":
        return ("float16 переполняется во внимании GPT-2 и на больших активациях (известная проблема); "
                "запустите без --fp16 (fp32), с --bf16 на RTX 30xx и новее, или уменьшите --lr")
    return "скорость обучения слишком велика для этой модели; запустите с меньшим --lr"


class NanGuard(TrainerCallback):
    """Stops at the first NaN/inf loss, before a broken checkpoint is written."""

    def __init__(self, precision: str, run_state: dict):
        self.precision, self.run_state = precision, run_state

    def on_log(self, args, state, control, logs=None, **kw):
        # eval_loss too: a log window can average to a finite loss while the weights are
        # already NaN, and the checkpoint of this step would be saved right after.
        bad = [v for k, v in (logs or {}).items() if k in ("loss", "eval_loss") and not math.isfinite(v)]
        if not bad or "step" in self.run_state:
            return
        self.run_state["step"] = state.global_step
        control.should_training_stop = True
        control.should_save = False
        control.should_evaluate = False
        say(f"ошибка: loss стал {bad[0]} на шаге {state.global_step} ({self.precision}): "
            f"{nan_advice(self.precision)}. Чекпойнты до этого шага целы; --restart начнёт заново.",
            file=sys.stderr)


def make_callbacks(precision: str, tokens_per_step: int, run_state: dict) -> list:
    return [Speed(tokens_per_step, run_state), NanGuard(precision, run_state)]
