"""Дообучение модели класса GPT-2 на dataset.txt через transformers Trainer.

    python model_train_gpt2.py --dataset-file out/dataset.txt --src-model gpt2_small_for_train --project-name finetune
    python model_train_gpt2.py --dataset-file out/dataset.txt --fp16               # явно fp16 (по умолчанию — по GPU)
    python model_train_gpt2.py --dataset-file out/dataset.txt --bf16 --gradient-checkpointing   # RTX 30xx+
    python model_train_gpt2.py --dataset-file out/dataset.txt --compile            # torch.compile, GPU 7.0+
    python model_train_gpt2.py --dataset-file out/dataset.txt --src-model rugpt3_for_train --lora --merge-lora
    python model_train_gpt2.py --dataset-file out/dataset.txt --src-model big_model --lora --load-in-4bit  # QLoRA
    python model_train_gpt2.py --dataset-file book.txt --plain-text               # нарочно простой текст
    torchrun --nproc_per_node 2 model_train_gpt2.py --dataset-file out/dataset.txt     # 2 GPU, DDP
    torchrun --nproc_per_node 2 model_train_gpt2.py --dataset-file out/dataset.txt --deepspeed docs/ds_zero2.json

Every dialogue of dataset.txt (blank-line separated) is one document; documents are joined with
the model's end-of-text token and packed into blocks of --block-size tokens, end-of-text kept in
the loss. A held-out share of the dialogues gives the perplexity before and after training.
Checkpoints go to PROJECT_NAME/checkpoint-N every --save-steps; running the same command again
resumes from the last complete one (optimizer state included); the final model and tokenizer are
saved into PROJECT_NAME itself. The library behind it is dataset_tools/training/.
"""
from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

from dataset_tools.argparse_ru import russian_parser
from dataset_tools.command import run_command
from dataset_tools.formats import CHAR_TOKEN
from dataset_tools.textio import UserError
from dataset_tools.training.log import say, warn
from dataset_tools.plural import DIALOGUES, TOKENS, count


def make_parser():
    p = russian_parser(
        prog="model_train_gpt2.py",
        description="Дообучение модели класса GPT-2 на dataset.txt (Trainer, packing, 8-битный AdamW, "
                    "точность по видеокарте, продолжение после остановки, LoRA, несколько GPU).")
    p.add_argument("--dataset-file", type=Path, default=Path("dataset.txt"),
                   help="диалоги: реплика <char> на строку, пустая строка между диалогами (по умолчанию dataset.txt)")
    p.add_argument("--plain-text", action="store_true",
                   help="нарочно учить на простом тексте без реплик <char> (книга, свой корпус)")
    p.add_argument("--src-model", type=Path, default=Path("gpt2_small_for_train"),
                   help="локальная папка модели после model_add_tokens.py (по умолчанию gpt2_small_for_train)")
    p.add_argument("--project-name", type=Path, default=Path("finetune"),
                   help="папка для чекпойнтов и итоговой модели (по умолчанию finetune)")
    p.add_argument("--save-steps", type=int, default=500, help="чекпойнт и оценка каждые N шагов (500)")
    p.add_argument("--batch-size", type=int, default=1, help="блоков за шаг на одну GPU (1)")
    p.add_argument("--gas", type=int, default=1, help="шагов накопления градиента (1)")
    p.add_argument("--weight-decay", type=float, default=0.03, help="weight decay AdamW (0.03)")
    p.add_argument("--lr", type=float, default=6e-5, help="скорость обучения (0.00006)")
    p.add_argument("--optimizer", default="adamw_bnb_8bit",
                   help="оптимизатор Trainer: adamw_bnb_8bit (по умолчанию, состояние в 4 раза меньше), adamw_torch, …")
    p.add_argument("--fp16", action="store_true", help="float16 (GPU NVIDIA; на GTX 10xx — только ради памяти)")
    p.add_argument("--bf16", action="store_true", help="bfloat16 (RTX 30xx / A100 и новее, или CPU с bf16)")
    p.add_argument("--fp32", action="store_true", help="полная точность, даже если GPU умеет fp16/bf16")
    p.add_argument("--compile", action="store_true",
                   help="torch.compile (GPU с compute capability 7.0+; первые шаги дольше из-за компиляции)")
    p.add_argument("--epochs", type=float, default=3.0, help="проходов по данным (3)")
    p.add_argument("--max-steps", type=int, default=-1, help="остановиться после N шагов (важнее --epochs)")
    p.add_argument("--block-size", type=int, default=0, help="длина блока в токенах (контекст модели, не больше 1024)")
    p.add_argument("--gradient-checkpointing", action="store_true",
                   help="пересчёт активаций: гораздо меньше памяти, на ~30%% медленнее")
    p.add_argument("--eval-split", type=float, default=0.05,
                   help="отложенные диалоги для перплексии: доля (<1) или число (>=1); 0 — без оценки (0.05)")
    p.add_argument("--logging-steps", type=int, default=25, help="печатать loss, tokens/s и остаток времени каждые N шагов")
    p.add_argument("--warmup-steps", type=int, default=0, help="шагов линейного разогрева скорости обучения (0)")
    p.add_argument("--save-total-limit", type=int, default=2, help="сколько последних чекпойнтов хранить (2)")
    p.add_argument("--seed", type=int, default=42, help="зерно для разбиения, инициализации и порядка батчей (42)")
    p.add_argument("--restart", action="store_true", help="удалить чекпойнты в --project-name и начать с нуля")
    p.add_argument("--cpu", action="store_true", help="учить на CPU, даже если есть GPU")
    lora = p.add_argument_group("LoRA (peft)")
    lora.add_argument("--lora", action="store_true", help="учить адаптеры LoRA (и строку <char>), а не все веса")
    lora.add_argument("--lora-r", type=int, default=16, help="ранг LoRA (16)")
    lora.add_argument("--lora-alpha", type=int, default=32, help="alpha LoRA (32)")
    lora.add_argument("--lora-dropout", type=float, default=0.05, help="dropout LoRA (0.05)")
    lora.add_argument("--lora-targets", default="all-linear", help="слои через запятую или all-linear (по умолчанию)")
    lora.add_argument("--merge-lora", action="store_true",
                      help="сохранить итог с влитыми адаптерами (обычная модель); иначе — только адаптер")
    lora.add_argument("--load-in-4bit", action="store_true", help="QLoRA: замороженные веса в 4 битах (bitsandbytes)")
    p.add_argument("--deepspeed", type=Path, default=None,
                   help="конфиг DeepSpeed (например docs/ds_zero2.json); запуск через torchrun или deepspeed")
    return p


def main(argv: list[str] | None = None, callbacks: list | None = None) -> int:
    """Run the training; `callbacks` are extra TrainerCallbacks (for tests and benchmarks)."""
    args = make_parser().parse_args(argv)
    from dataset_tools.training.quiet import silence_benign_warnings

    silence_benign_warnings()
    return run_command(lambda: train(args, callbacks or []), interrupted=lambda: interrupted(args),
                       say=lambda line: say(line, file=sys.stderr))


def interrupted(args) -> str:
    from dataset_tools.training.project import newest_checkpoint

    last = newest_checkpoint(args.project_name) if args.project_name.is_dir() else None
    where = f"последний чекпойнт — {last}" if last else "ни одного чекпойнта ещё не записано"
    return f"прервано: итоговая модель не записана; {where}; запустите ту же команду, чтобы продолжить"


def check_args(args) -> None:
    for name in ("save_steps", "batch_size", "gas", "logging_steps", "save_total_limit", "lora_r"):
        if getattr(args, name) < 1:
            raise UserError(f"--{name.replace('_', '-')} должен быть 1 или больше")
    if args.block_size < 0 or args.eval_split < 0 or args.lr <= 0 or args.epochs <= 0:
        raise UserError("--block-size и --eval-split должны быть 0 или больше, --lr и --epochs — больше 0")
    if args.fp16 + args.bf16 + args.fp32 > 1:
        raise UserError("выберите что-то одно из --fp16, --bf16 и --fp32 (в model_train_gpt2.sh: FP16=\"--bf16\")")
    if (args.merge_lora or args.load_in_4bit) and not args.lora:
        raise UserError("--merge-lora и --load-in-4bit работают только вместе с --lora")
    from transformers.training_args import OptimizerNames

    names = [o.value for o in OptimizerNames]
    if args.optimizer not in names:
        raise UserError(f"неизвестный оптимизатор {args.optimizer!r}; возьмите adamw_bnb_8bit, adamw_torch, "
                        f"adafactor или другой из: {', '.join(names)}")
    if args.deepspeed is not None:
        if not args.deepspeed.is_file():
            raise UserError(f"{args.deepspeed}: конфиг DeepSpeed не найден (пример: docs/ds_zero2.json)")
        try:
            json.loads(args.deepspeed.read_text(encoding="utf-8"))
        except ValueError as err:
            raise UserError(f"{args.deepspeed}: это не JSON ({err})")
        try:
            import deepspeed  # noqa: F401
        except ImportError:
            raise UserError("для --deepspeed нужен пакет deepspeed (Linux + CUDA): pip install deepspeed")


def requested_precision(args) -> str | None:
    return next((name for name in ("fp16", "bf16", "fp32") if getattr(args, name)), None)


# ---------------------------------------------------------------- the steps of train()

def pick_device(args, eval_docs: list[str]):
    """Step 1: the device and precision, and whether held-out evaluation can run there."""
    import torch

    from dataset_tools.training.precision import choose_precision, current_device

    device = current_device(torch, args.cpu)
    choice = choose_precision(device, requested_precision(args), args.compile)
    for note in choice.notes:
        warn(note)
    if args.deepspeed is not None and not device.cuda:
        raise UserError("для --deepspeed нужны видеокарты NVIDIA, а на этой машине их нет")
    if args.load_in_4bit and not device.cuda and eval_docs:
        # bitsandbytes repacks 4-bit weights for its CPU inference kernel on the first evaluation,
        # after which the backward pass fails. QLoRA is meant for GPUs; on a CPU we train without eval.
        warn("--load-in-4bit на CPU: оценка на отложенной части выключена (bitsandbytes не может учить "
             "после оценки 4-битных весов на CPU)")
        return device, choice, False
    return device, choice, True


def prepare_data(args, docs, train_docs, eval_docs, model_dir, gguf_file):
    """Step 2: tokenizer, <char> checks, block size, packed train / held-out blocks."""
    from dataset_tools.modeling import char_token_id, load_tokenizer, read_context_length
    from dataset_tools.training.data import PackedBlocks

    tokenizer = load_tokenizer(model_dir, gguf_file)
    eos_id = tokenizer.eos_token_id
    if eos_id is None:
        raise UserError(f"{model_dir}: у токенизатора нет токена конца текста (eos), нечем разделять диалоги")
    char_id = char_token_id(tokenizer)
    if char_id is None and any(CHAR_TOKEN in d for d in docs[:2000]):
        warn(f"в модели нет токена {CHAR_TOKEN}, он режется на несколько кусков; "
             f"сначала запустите model_add_tokens.py на {model_dir}")
    context = read_context_length(model_dir, gguf_file, tokenizer)
    block = args.block_size or min(context, 1024)
    if block > context:
        raise UserError(f"--block-size {block} длиннее контекста модели ({count(context, *TOKENS)})")
    args.block_size = block
    train_set = PackedBlocks(train_docs, tokenizer, eos_id, block)
    eval_set = PackedBlocks(eval_docs, tokenizer, eos_id, block) if eval_docs else None
    say(f"данные: {count(len(docs), *DIALOGUES)} -> обучение {len(train_docs)} ({count(train_set.tokens, *TOKENS)}, "
        f"{count(len(train_set), 'блок', 'блока', 'блоков')} по {block}), отложено {len(eval_docs or [])}"
        + (f" ({count(eval_set.tokens, *TOKENS)})" if eval_set else "")
        + f"; последний блок добит {count(block - train_set.last_len, 'токеном', 'токенами', 'токенами')} (без вклада в loss)")
    return tokenizer, char_id, train_set, eval_set


def make_trainer(args, model, tokenizer, choice, device, train_set, eval_set, run_state, extra_callbacks):
    """Step 3: the Trainer with our callbacks."""
    from transformers import Trainer, default_data_collator

    from dataset_tools.training.callbacks import make_callbacks
    from dataset_tools.training.setup import training_arguments

    targs = training_arguments(args, choice, device.cuda, eval_set is not None)
    tokens_per_step = args.batch_size * args.gas * args.block_size * targs.world_size
    trainer = Trainer(
        model=model, args=targs, train_dataset=train_set, eval_dataset=eval_set,
        # Packed blocks are all the same length and carry their own labels. Not
        # DataCollatorForLanguageModeling: with pad == eos it turns every end-of-text label into -100.
        data_collator=default_data_collator, processing_class=tokenizer,
        callbacks=make_callbacks(choice.precision, tokens_per_step, run_state) + extra_callbacks)
    say(f"обучение: {choice.precision}{', torch.compile' if choice.compile else ''}, оптимизатор {args.optimizer}, "
        f"lr {args.lr}, batch {args.batch_size} x gas {args.gas} x процессов {targs.world_size} = "
        f"{count(tokens_per_step, *TOKENS)} на шаг, {device.name} ({trainer.args.device})" + (", LoRA" if args.lora else ""))
    return trainer, tokens_per_step


def run(trainer, resume_from, finished: bool):
    """Step 4: train (or resume); None when the run had already finished and only the save is left."""
    import torch

    from dataset_tools.training.project import checkpoint_step

    try:
        if finished:
            # Trained to the end, but the final save did not happen (a crash right at the end).
            say(f"обучение уже дошло до конца в {resume_from.name}; сохраняю итоговую модель")
            trainer._load_from_checkpoint(str(resume_from))
            trainer.state.global_step = checkpoint_step(resume_from)
            return None
        if resume_from is not None:
            say(f"продолжаю с {resume_from}")
        return trainer.train(resume_from_checkpoint=str(resume_from) if resume_from else None)
    except torch.cuda.OutOfMemoryError:
        raise UserError("не хватило памяти GPU: уменьшите --block-size или --batch-size (увеличьте --gas, "
                        "чтобы сохранить батч), добавьте --gradient-checkpointing, --fp16 или --lora")


def train(args, extra_callbacks: list) -> int:
    check_args(args)
    from dataset_tools.modeling import locate_model
    from dataset_tools.training import build, project, setup
    from dataset_tools.training.data import read_documents, split_dialogues

    model_dir, gguf_file = locate_model(args.src_model)
    docs = read_documents(args.dataset_file, plain_text=args.plain_text)
    train_docs, eval_docs = split_dialogues(docs, args.eval_split, args.seed)
    device, choice, can_evaluate = pick_device(args, eval_docs)
    if not can_evaluate:  # recorded in time_train_args.json: nothing held out (model_eval reads it)
        train_docs, eval_docs, args.eval_split = docs, [], 0.0
    from transformers import set_seed

    set_seed(args.seed)
    tokenizer, char_id, train_set, eval_set = prepare_data(args, docs, train_docs, eval_docs, model_dir, gguf_file)

    settings = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    resume_from, finished = project.prepare_project(args, settings)
    if finished and project.has_final_model(args.project_name):
        say(f"учить больше нечего: {resume_from.name} — последний шаг этого обучения, итоговая модель уже "
            f"в {args.project_name} (увеличьте --epochs/--max-steps, чтобы учить дальше, или --restart)")
        return 0

    model = build.build_model(args, model_dir, gguf_file, choice.precision, device.cuda, char_id)
    run_state: dict = {}
    trainer, tokens_per_step = make_trainer(args, model, tokenizer, choice, device, train_set, eval_set,
                                            run_state, extra_callbacks)
    summary = {"precision": choice.precision, "device": device.name, "compute_capability": device.sm,
               **setup.eval_before(trainer, args.project_name, eval_set, resume_from)}
    start_step = project.checkpoint_step(resume_from)
    setup.reset_peak_memory(device.cuda)
    started = time.time()
    result = run(trainer, resume_from, finished)
    if "step" in run_state:
        return 1  # NanGuard stopped the run and said why
    seconds = max(time.time() - started, 1e-9)
    summary.update(steps=trainer.state.global_step, seconds=round(seconds, 2),
                   tokens_per_s=round((trainer.state.global_step - start_step) * tokens_per_step / seconds))
    if result is not None:
        summary["train_loss"] = result.training_loss
    if "tokens_per_s_steady" in run_state:
        summary["tokens_per_s_after_first_step"] = run_state["tokens_per_s_steady"]
    if eval_set is not None:
        after = trainer.evaluate()["eval_loss"]
        if not math.isfinite(after):
            say(f"ошибка: loss на отложенной части равен {after}; итоговая модель не сохранена. Запустите "
                "с меньшим --lr" + (" или без --fp16" if choice.precision == "fp16" else ""), file=sys.stderr)
            return 1
        summary.update(eval_loss=after, perplexity=setup.perplexity(after))
        say(f"перплексия на отложенной части: {setup.perplexity(after):.2f} ({count(len(eval_docs), *DIALOGUES)})")
    summary["peak_memory_mb"] = setup.peak_memory_mb(device.cuda)
    build.save_final(trainer, args, model_dir, tokenizer, summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
