"""A tiny GPT-2 and its tokenizer, built offline in a second, for tests of the model scripts.

    from tests.tiny_model import make_tiny_model, write_sample_dataset
    model_dir = make_tiny_model(tmp_path / "tiny")             # with <char>
    plain_dir = make_tiny_model(tmp_path / "plain", with_char=False)
    dataset = write_sample_dataset(tmp_path / "dataset.txt")

The tokenizer is a byte-level BPE (like GPT-2's and ruGPT-3's) trained on SAMPLE_DIALOGUES with
the replica dash written as in the books (`— `), so the dash has its own token and the `<char>`
row can be initialised from it. `<|endoftext|>` is bos, eos, pad and unk, as in GPT-2.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

EOS = "<|endoftext|>"

# Our own short dialogues in dataset.txt form (FORMAT.md §2-4): one replica a line,
# dialogues separated by a blank line.
SAMPLE_DIALOGUES = """\
<char>Привет (сказал Вася и улыбнулся) что у нас сегодня на ужин?
<char>Гречка с грибами, как ты любишь.
<char>Опять гречка? (вздохнул он) Ну хорошо, давай гречку.

<char>Ты куда собралась так рано?
<char>На рынок. (Маша накинула платок) Хочу успеть, пока не разобрали яблоки.
<char>Возьми меня с собой, я понесу корзину.
<char>Тогда одевайся скорее, я ждать не стану.

<char>Здравствуйте, доктор. (Старик снял шапку) Спина болит третий день.
<char>Садитесь, посмотрим. Где именно болит?
<char>Вот здесь, под лопаткой, и к вечеру сильнее.
<char>Ничего страшного. Мазь на ночь и поменьше таскайте дрова.

<char>Иду! (крикнул он)
<char>Да не беги ты так, упадёшь!
<char>Не упаду, я быстрый.

<char>Скажи честно, ты читал моё письмо?
<char>Читал. (Петя отвернулся к окну) Два раза читал.
<char>И что же ты мне ответишь?
<char>Отвечу, что ты права. Но не сегодня, прошу тебя.

<char>Москва — столица (сказал учитель) а какой город стоит на Неве?
<char>Петербург!
<char>Верно. А какая река течёт через Москву?
<char>Москва-река, это все знают.

<char>Готово (сказал смотритель) (Слуга подтвердил)
<char>Лошади поданы, барин. Можно ехать.
<char>Спасибо, братец. Вот тебе на чай.

<char>Нет (отвечал он и прибавил) Не пойду я к ним.
<char>Отчего же? Они звали тебя ещё в субботу.
<char>Оттого, что там скучно и говорят только о деньгах.

<char>Ты слышишь? Кто-то стучит в ворота.
<char>Это ветер, спи.
<char>Нет, не ветер. (Она села на постели) Стучат, я тебе говорю.
<char>Ну хорошо, пойду посмотрю. Подай мне свечу.

<char>Сколько стоит эта книга?
<char>Рубль двадцать, сударь. Издание старое, но без пятен.
<char>Дороговато. Отдадите за рубль?
<char>Для вас отдам, берите.

<char>Ничего. (Соня зарыдала) Оставьте меня!
<char>Соня, милая, что случилось? Скажи мне.
<char>Ничего не случилось. Просто устала.

<char>Здравствуй, брат.
<char>Здравствуй. Давно ты приехал?
<char>Вчера вечером. Мать здорова?
<char>Здорова, слава богу. Всё о тебе спрашивала.
"""


def write_sample_dataset(path: str | Path, copies: int = 1, with_char: bool = True) -> Path:
    """Write SAMPLE_DIALOGUES (repeated `copies` times) as a dataset.txt and return its path."""
    text = "\n".join([SAMPLE_DIALOGUES] * copies)
    if not with_char:
        text = text.replace("<char>", "— ")
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path


def train_tokenizer(vocab_size: int = 700, text: str | None = None, n_positions: int = 128):
    """A byte-level BPE tokenizer trained on the sample dialogues (or on `text`, dialogues in
    dataset.txt form), as a transformers tokenizer."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2TokenizerFast

    lines = (text or SAMPLE_DIALOGUES).replace("<char>", "— ").splitlines()
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=[EOS], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(lines if text else lines * 4, trainer=trainer)
    return GPT2TokenizerFast(tokenizer_object=tok, bos_token=EOS, eos_token=EOS, unk_token=EOS,
                             pad_token=EOS, model_max_length=n_positions)


def make_tiny_model(out_dir: str | Path, with_char: bool = True, n_layer: int = 2, n_embd: int = 64,
                    seed: int = 0, text: str | None = None, vocab_size: int = 700, n_positions: int = 128,
                    n_head: int = 2) -> Path:
    """Build and save a tiny GPT2LMHeadModel + tokenizer into out_dir; return out_dir.
    `text` (dialogues) trains the tokenizer instead of the sample dialogues (bench/bench_time_effect.py)."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from dataset_tools.modeling import add_char_token

    torch.manual_seed(seed)
    tokenizer = train_tokenizer(vocab_size, text, n_positions)
    eos_id = tokenizer.convert_tokens_to_ids(EOS)
    config = GPT2Config(vocab_size=len(tokenizer), n_positions=n_positions, n_embd=n_embd, n_layer=n_layer,
                        n_head=n_head, bos_token_id=eos_id, eos_token_id=eos_id, pad_token_id=eos_id,
                        tie_word_embeddings=True)
    model = GPT2LMHeadModel(config)
    if with_char:
        add_char_token(model, tokenizer)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


def make_tiny_gguf(model_dir: str | Path, gguf_path: str | Path) -> Path:
    """Write a GPT-2 model directory as an F32 GGUF file, the way llama.cpp's converter lays it out
    (Conv1D weights transposed, no separate output.weight since it is tied, BPE vocab + merges)."""
    import json

    import gguf
    import numpy as np
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(model_dir)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    cfg = model.config
    writer = gguf.GGUFWriter(str(gguf_path), "gpt2")
    writer.add_context_length(cfg.n_positions)
    writer.add_embedding_length(cfg.n_embd)
    writer.add_block_count(cfg.n_layer)
    writer.add_feed_forward_length(4 * cfg.n_embd)
    writer.add_head_count(cfg.n_head)
    writer.add_layer_norm_eps(cfg.layer_norm_epsilon)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)

    spec = json.loads(tokenizer.backend_tokenizer.to_str())
    tokens = [""] * len(tokenizer)
    for text, i in spec["model"]["vocab"].items():
        tokens[i] = text
    special = set()
    for added in spec["added_tokens"]:
        tokens[added["id"]] = added["content"]
        special.add(added["id"])
    writer.add_tokenizer_model("gpt2")
    writer.add_token_list(tokens)
    writer.add_token_types([gguf.TokenType.CONTROL if i in special else gguf.TokenType.NORMAL
                            for i in range(len(tokens))])
    writer.add_token_merges([" ".join(m) if isinstance(m, list) else m for m in spec["model"]["merges"]])
    writer.add_bos_token_id(tokenizer.eos_token_id)
    writer.add_eos_token_id(tokenizer.eos_token_id)

    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.GPT2, cfg.n_layer)
    for name, tensor in model.state_dict().items():
        if name == "lm_head.weight":
            continue  # tied to token_embd
        data = tensor.float().numpy()
        if name.endswith(("c_attn.weight", "c_proj.weight", "c_fc.weight")):
            data = data.T  # HF GPT-2 keeps Conv1D weights as [in, out]; GGUF as [out, in]
        writer.add_tensor(names.get_name(name, try_suffixes=(".weight", ".bias")), np.ascontiguousarray(data))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return Path(gguf_path)


if __name__ == "__main__":
    import time

    start = time.time()
    path = make_tiny_model(sys.argv[1] if len(sys.argv) > 1 else "/tmp/tiny_gpt2")
    print(f"{path} in {time.time() - start:.1f}s")
