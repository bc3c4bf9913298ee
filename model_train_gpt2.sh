#!/usr/bin/env bash
# Дообучить модель после model_add_tokens.sh на dataset.txt.
#
#   ./model_train_gpt2.sh                                     # настройки ниже
#   ./model_train_gpt2.sh --max-steps 2000 --block-size 512   # флаги после имени перекрывают их
#   ./model_train_gpt2.sh --lora --merge-lora                 # LoRA вместо обучения всех весов
#   NPROC=2 ./model_train_gpt2.sh                             # 2 GPU на этой машине (torchrun, DDP)
#
# После сбоя или Ctrl-C запустите ещё раз: обучение продолжится с последнего чекпойнта в PROJECT_NAME.
# Все флаги: python model_train_gpt2.py --help; подробно — docs/training.md.
set -euo pipefail

DATASET_FILE="dataset.txt"
SRC_MODEL="gpt2_small_for_train"
PROJECT_NAME="finetune"
SAVE_STEPS=500
BATCH_SIZE=1
GAS=1
WEIGHT_DECAY="0.03"
LR="0.00006"
OPTIMIZER="adamw_bnb_8bit"
EPOCHS=3
# Пусто — точность по видеокарте: bf16 на RTX 30xx/A100+, fp16 на RTX 20xx/T4, fp32 на GTX 10xx и CPU.
# "--fp16", "--bf16" или "--fp32" — выбрать явно (на GTX 10xx --fp16 экономит память, но не ускоряет).
FP16=""

# README ставит зависимости в .venv: берём его, если не задан PYTHON и не активно другое окружение.
VENV_PY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.venv/bin/python"
if [[ -z "${PYTHON:-}" && -z "${VIRTUAL_ENV:-}" && -x "$VENV_PY" ]]; then PYTHON="$VENV_PY"; fi
PYTHON="${PYTHON:-$(command -v python3 || command -v python)}"
SCRIPT="$(dirname "$0")/model_train_gpt2.py"
if [ "${NPROC:-1}" -gt 1 ]; then
    LAUNCH=("$PYTHON" -m torch.distributed.run --nproc_per_node "$NPROC" "$SCRIPT")
else
    LAUNCH=("$PYTHON" "$SCRIPT")
fi

exec "${LAUNCH[@]}" \
    --dataset-file "$DATASET_FILE" \
    --src-model "$SRC_MODEL" \
    --project-name "$PROJECT_NAME" \
    --save-steps "$SAVE_STEPS" \
    --batch-size "$BATCH_SIZE" \
    --gas "$GAS" \
    --weight-decay "$WEIGHT_DECAY" \
    --lr "$LR" \
    --optimizer "$OPTIMIZER" \
    --epochs "$EPOCHS" \
    $FP16 \
    "$@"
