import os
from pathlib import Path

import pytest

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
if os.environ.get("PYTEST_XDIST_WORKER"):  # `-n 2` on 2 cores: torch in each worker gets one thread, not two
    os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("TIME_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus_books():
    """The public-domain novels of ../shared/corpus (never committed into this repo)."""
    books = sorted(CORPUS.glob("*.txt"))
    if not books:
        pytest.skip(f"corpus not found at {CORPUS} (set TIME_CORPUS to run the corpus tests)")
    return books


@pytest.fixture(scope="session")
def corpus_pipeline(corpus_books, tmp_path_factory):
    """The output folder of one whole-pipeline run over every book of the corpus, as a library
    (one merged dialogs.txt, one pair of dictionaries, two worker processes): the way a user runs a
    books folder. Run once per session and shared by the corpus-wide tests, which only read it
    (its files are made read-only so that no test can change what another one reads)."""
    from dataset_tools.cli import main

    out = tmp_path_factory.mktemp("corpus-pipeline")
    assert main([str(corpus_books[0].parent), "--out-dir", str(out), "-q", "--workers", "2"]) == 0
    for path in out.iterdir():
        path.chmod(0o444)
    return out


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Groups for pytest-xdist (`-n 2 --dist loadgroup`, the README's test command): the tests of one
    file run in one worker, so a module's fixtures are built once; every test that reads
    corpus_pipeline joins one group, which goes first, so the corpus runs through the pipeline once,
    beside the rest. Without -n the marks do nothing but the corpus group still goes first."""
    def group(item):
        return "corpus" if "corpus_pipeline" in getattr(item, "fixturenames", ()) else item.nodeid.split("::")[0]

    for item in items:
        item.add_marker(pytest.mark.xdist_group(group(item)))
    items.sort(key=lambda item: group(item) != "corpus")  # stable: the rest keep their order
