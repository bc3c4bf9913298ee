#!/usr/bin/env bash
# Build the TiMe dataset from a book: dialogs.txt, raw_dialogs.txt, dict_me.py, dict_ti.py,
# me_dialogs.txt, ti_dialogs.txt and BASE_NAME.txt.
#
#   bash dataset_tools/make_datasets.sh                        # uses SRC_FILE and BASE_NAME below
#   bash dataset_tools/make_datasets.sh BOOK.txt OUT_DIR       # a book, outputs into OUT_DIR
#   bash dataset_tools/make_datasets.sh BOOK.txt OUT_DIR --from time   # after editing the dictionaries
#   bash dataset_tools/make_datasets.sh books/ OUT_DIR --workers 2     # several books, merged
# Any option of `python -m dataset_tools --help` can follow the two positional arguments.

SRC_FILE="raw.txt"
BASE_NAME="dataset"
OUT_DIR="."

set -euo pipefail

if [[ $# -gt 0 && "$1" != -* ]]; then SRC_FILE="$1"; shift; fi
if [[ $# -gt 0 && "$1" != -* ]]; then OUT_DIR="$1"; shift; fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The README installs into .venv; use it unless PYTHON is given or another environment is active.
if [[ -z "${PYTHON:-}" && -z "${VIRTUAL_ENV:-}" && -x "$ROOT/.venv/bin/python" ]]; then PYTHON="$ROOT/.venv/bin/python"; fi
PYTHON="${PYTHON:-python3}"

export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
exec "$PYTHON" -m dataset_tools "$SRC_FILE" --out-dir "$OUT_DIR" --base-name "$BASE_NAME" "$@"
