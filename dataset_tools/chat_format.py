"""The chat prompt of FORMAT.md §9: how a dialogue is shown to the model, in one place.

    <|endoftext|><char>Привет, что у нас сегодня на ужин?
    <char>Гречка с грибами, как ты любишь.
    <char>

Training joins dialogues with end-of-text, so a dialogue starts right after one; every message
(whoever says it) is one replica line `<char>{text}\\n`, as in dataset.txt; the model's reply
starts after a bare `<char>` (the generation prompt). chat.py builds its prompt with
prompt_ids(), and CHAT_TEMPLATE (saved into the tokenizer by model_add_tokens.py, written into
GGUF files by model_export_gguf.py) renders exactly the same text, so apply_chat_template, TRL,
llama.cpp and Ollama give the model what it was trained on.
"""
from __future__ import annotations

import re

from .formats import CHAR_TOKEN

# Assistant text sits inside {% generation %} so that TRL's assistant-only loss (transformers'
# return_assistant_tokens_mask) knows which tokens are the model's. The `<char>` in front of a
# reply is not in it: at run time the prompt already ends with it (the generation prompt).
CHAT_TEMPLATE = (
    "{%- if bos_token %}{{ bos_token }}{% elif eos_token %}{{ eos_token }}{% endif %}"
    "{%- for message in messages %}"
    "{%- if message['role'] == 'assistant' %}"
    "{{ '" + CHAR_TOKEN + "' }}{% generation %}{{ message['content'] | trim }}{{ '\\n' }}{% endgeneration %}"
    "{%- else %}"
    "{{ '" + CHAR_TOKEN + "' + message['content'] | trim + '\\n' }}"
    "{%- endif %}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{ '" + CHAR_TOKEN + "' }}{% endif %}"
)

GENERATION_MARKS = re.compile(r"{%-?\s*(?:end)?generation\s*-?%}")


def plain_template(template: str) -> str:
    """The template without {% generation %} marks, for readers that only render (llama.cpp)."""
    return GENERATION_MARKS.sub("", template)


def replica_line(text: str, marker: str = CHAR_TOKEN) -> str:
    """One message of the dialogue as the model sees it: `<char>Текст\\n`."""
    return f"{marker}{text.strip()}\n"


def start_ids(tokenizer) -> list[int]:
    """What stands before a dialogue: the end-of-text the training put between dialogues."""
    bos = tokenizer.bos_token_id if tokenizer.bos_token_id is not None else tokenizer.eos_token_id
    return [bos] if bos is not None else []


def fit_prompt(start: list[int], turns: list[list[int]], marker: list[int], budget: int) -> tuple[list[int], int]:
    """The prompt ids: start + the newest turns that fit + the marker of the model's replica.

    Returns (ids, how many of the oldest turns were dropped). The newest turn (the user's line)
    is always kept; if it alone is too long, its beginning is cut.
    """
    room = budget - len(start) - len(marker)
    kept: list[list[int]] = []
    for turn in reversed(turns):
        if len(turn) > room:
            if not kept:  # the user's own line does not fit: keep its end
                kept.append(turn[len(turn) - max(room, 0):] if room > 0 else [])
            break
        kept.append(turn)
        room -= len(turn)
    kept.reverse()
    return start + [i for turn in kept for i in turn] + marker, len(turns) - len(kept)


def prompt_ids(tokenizer, texts: list[str], budget: int, marker: str = CHAR_TOKEN) -> tuple[list[int], int]:
    """The ids the model gets for a dialogue so far (`texts`, oldest first) before its reply.

    Each replica is encoded on its own (then a dropped one never leaves half a token behind);
    `<char>` is a token of its own and every line ends in `\\n`, so this is the same as encoding
    CHAT_TEMPLATE's text in one go. Returns (ids, how many of the oldest replicas were dropped).
    """
    turns = [tokenizer.encode(replica_line(text, marker), add_special_tokens=False) for text in texts]
    marker_ids = tokenizer.encode(marker, add_special_tokens=False)
    return fit_prompt(start_ids(tokenizer), turns, marker_ids, budget)
