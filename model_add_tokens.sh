#!/usr/bin/env bash
# Add the <char> token to a local model and save it for training.
#
#   ./model_add_tokens.sh                                   # gpt2_small -> gpt2_small_for_train
#   ./model_add_tokens.sh rugpt3small_based_on_gpt2 rugpt3_for_train
#   ./model_add_tokens.sh model.gguf gguf_for_train         # start from a GGUF file
#   ./model_add_tokens.sh gpt2_small gpt2_small_for_train --overwrite   # extra flags go to the script
#
# Edit the two names below, or pass them as the first two arguments.
set -euo pipefail

SRC_MODEL="gpt2_small"
NEW_MODEL="gpt2_small_for_train"

if [ $# -ge 1 ] && [ "${1#-}" = "$1" ]; then SRC_MODEL="$1"; shift; fi
if [ $# -ge 1 ] && [ "${1#-}" = "$1" ]; then NEW_MODEL="$1"; shift; fi

# The README installs into .venv; use it unless PYTHON is given or another environment is active.
VENV_PY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.venv/bin/python"
if [[ -z "${PYTHON:-}" && -z "${VIRTUAL_ENV:-}" && -x "$VENV_PY" ]]; then PYTHON="$VENV_PY"; fi
PYTHON="${PYTHON:-$(command -v python3 || command -v python)}"
exec "$PYTHON" "$(dirname "$0")/model_add_tokens.py" --src-model "$SRC_MODEL" --new-model "$NEW_MODEL" "$@"
