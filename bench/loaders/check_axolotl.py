"""Axolotl's chat_template strategy tokenizes the persona export (`messages` or `sharegpt`), assistant turns trained.

Run in a separate venv (not a runtime dependency): python3 -m venv /tmp/v && /tmp/v/bin/pip install
torch==2.13.0 axolotl; then /tmp/v/bin/python bench/loaders/check_axolotl.py persona_messages.jsonl
(the files come from `make_alpaca.py OUT/raw_persona_dialogs.txt FILE --format sharegpt|messages`).
"""
import json
import sys
import tempfile
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
from tests.tiny_model import make_tiny_model  # noqa: E402
from transformers import AutoTokenizer  # noqa: E402
from axolotl.prompt_strategies.chat_template import load  # noqa: E402
from axolotl.utils.dict import DictDefault  # noqa: E402

tmp = tempfile.mkdtemp()
tok = AutoTokenizer.from_pretrained(make_tiny_model(tmp + "/tiny"))
tok.chat_template = ("{% for m in messages %}<char>{{ m['content'] }}\n{% endfor %}"
                     "{% if add_generation_prompt %}<char>{% endif %}")
cfg = DictDefault({"sequence_len": 256, "train_on_inputs": False})
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
ds_cfg = {"type": "chat_template", "field_messages": "messages", "chat_template": "tokenizer_default",
          "roles_to_train": ["assistant"]}
if "conversations" in records[0]:  # --format sharegpt: from/value, human/gpt (docs/export.md)
    ds_cfg |= {"field_messages": "conversations", "message_property_mappings": {"role": "from", "content": "value"},
               "roles": {"user": ["human"], "assistant": ["gpt"]}}
strategy = load(tok, cfg, DictDefault(ds_cfg))
trained, first = 0, None
for r in records:
    out = strategy.tokenize_prompt(r)
    in_loss = sum(x != -100 for x in out["labels"])
    trained += in_loss > 0
    first = first or (in_loss, len(out["labels"]))
print(f"{sys.argv[1]}: {trained} of {len(records)} records have assistant tokens in the loss (Axolotl); "
      f"first record: {first[0]} of {first[1]} tokens in the loss")
