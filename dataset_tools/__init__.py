"""TiMe dataset tools: books -> dialogues -> names -> я/ты dialogues -> dataset."""
from . import nlp  # noqa: F401  (sets OPENBLAS_NUM_THREADS before numpy is imported)
from .textio import UserError, atomic_write, read_text

__all__ = ["UserError", "atomic_write", "read_text"]
