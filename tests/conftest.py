import os
from pathlib import Path

import pytest

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("TIME_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus_books():
    """The public-domain novels of ../shared/corpus (never committed into this repo)."""
    books = sorted(CORPUS.glob("*.txt"))
    if not books:
        pytest.skip(f"corpus not found at {CORPUS} (set TIME_CORPUS to run the corpus tests)")
    return books
