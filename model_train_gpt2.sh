#!/usr/bin/env bash
# Fine-tune the model made by model_add_tokens.sh on dataset.txt.
#
#   ./model_train_gpt2.sh                                  # the settings below
#   ./model_train_gpt2.sh --max-steps 2000 --block-size 512   # extra flags override them
#   ./model_train_gpt2.sh --lora --merge-lora              # LoRA instead of full fine-tuning
#   NPROC=2 ./model_train_gpt2.sh                          # 2 GPUs on this machine (torchrun, DDP)
#
# Run it again after a crash or Ctrl-C: it resumes from the last checkpoint in PROJECT_NAME.
# All flags: python model_train_gpt2.py --help; docs/training.md explains them.
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
FP16="--fp16"   # half precision on an NVIDIA GPU; without one the script says so and uses bf16/fp32

# The README installs into .venv; use it unless PYTHON is given or another environment is active.
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
