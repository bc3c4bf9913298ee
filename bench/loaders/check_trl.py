"""TRL 1.16 trains one step on the persona `messages` export with assistant-only loss.

Run in a separate venv (not a runtime dependency): python3 -m venv /tmp/v && /tmp/v/bin/pip install
torch==2.13.0 trl; then /tmp/v/bin/python bench/loaders/check_trl.py persona_messages.jsonl
(the files come from `make_alpaca.py OUT/raw_persona_dialogs.txt FILE --format sharegpt|messages`).
"""
import sys
import tempfile
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
from tests.tiny_model import make_tiny_model  # noqa: E402
from datasets import load_dataset  # noqa: E402
from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402
from trl import SFTConfig, SFTTrainer  # noqa: E402
from trl.data_utils import is_conversational  # noqa: E402

data = sys.argv[1]
ds = load_dataset("json", data_files=data, split="train")
print("records", len(ds), "conversational", is_conversational(ds[0]))
tmp = tempfile.mkdtemp()
model_dir = make_tiny_model(tmp + "/tiny")
tok = AutoTokenizer.from_pretrained(model_dir)
# the chat template of FORMAT.md §9 (one <char> line per message), with generation marks for TRL
tok.chat_template = ("{% for m in messages %}{% if m['role'] == 'assistant' %}{% generation %}<char>{{ m['content'] }}\n"
                     "{% endgeneration %}{% else %}<char>{{ m['content'] }}\n{% endif %}{% endfor %}"
                     "{% if add_generation_prompt %}<char>{% endif %}")
model = AutoModelForCausalLM.from_pretrained(model_dir)
cfg = SFTConfig(output_dir=tmp + "/out", max_steps=1, per_device_train_batch_size=2, report_to=[],
                assistant_only_loss=True, max_length=128, use_cpu=True, save_strategy="no")
trainer = SFTTrainer(model=model, args=cfg, train_dataset=ds, processing_class=tok)
row = trainer.train_dataset[0]
print("columns", list(row), "loss tokens:", sum(x != -100 for x in row["labels"]), "of", len(row["input_ids"]))
out = trainer.train()
print("TRL OK, loss", round(out.training_loss, 3))
