"""LLaMA-Factory's own sharegpt converter accepts every persona record (both exports).

Run in a separate venv (not a runtime dependency): python3 -m venv /tmp/v && /tmp/v/bin/pip install
torch==2.13.0 llamafactory (then pip uninstall torchvision torchaudio); then /tmp/v/bin/python bench/loaders/check_lf.py persona_sharegpt.jsonl persona_messages.jsonl
(the files come from `make_alpaca.py OUT/raw_persona_dialogs.txt FILE --format sharegpt|messages`).
"""
import importlib.machinery
import sys
import types
stub = types.ModuleType("torchaudio")  # the audio plugin only; torchaudio dropped as the brief says
stub.__spec__ = importlib.machinery.ModuleSpec("torchaudio", None)
sys.modules.setdefault("torchaudio", stub)
import json  # noqa: E402
from llamafactory.data.converter import SharegptDatasetConverter  # noqa: E402
from llamafactory.data.parser import DatasetAttr  # noqa: E402
from llamafactory.hparams import DataArguments  # noqa: E402

def check(path, **tags):
    attr = DatasetAttr("file", dataset_name="persona", formatting="sharegpt")
    for k, v in tags.items():
        setattr(attr, k, v)
    conv = SharegptDatasetConverter(dataset_attr=attr, data_args=DataArguments())
    records = [json.loads(line) for line in open(path, encoding="utf-8")]
    ok = 0
    for r in records:
        out = conv(r)
        ok += bool(out["_prompt"]) and bool(out["_response"])
    print(f"{path}: {ok} of {len(records)} records accepted by LLaMA-Factory")
    return ok == len(records)

a = check(sys.argv[1])
b = check(sys.argv[2], messages="messages", role_tag="role", content_tag="content", user_tag="user",
          assistant_tag="assistant")
print("LLaMA-Factory OK" if a and b else "LLaMA-Factory FAILED")
