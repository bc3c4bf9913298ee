"""Shared, lazily loaded NLP models: natasha (segmenter, NER, morph tagger) and pymorphy3.

Import this module before numpy is imported anywhere: OpenBLAS with its default thread pool
makes natasha's small matrix products ~30x slower on a 2-core machine.
"""
from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from functools import lru_cache  # noqa: E402


@lru_cache(maxsize=None)
def get_morph():
    """pymorphy3 analyzer (with the compiled DAWG backend when pymorphy3[fast] is installed)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=None)
def parse_word(word: str):
    """Cached pymorphy3 parses of one word (novels repeat a few thousand words endlessly)."""
    return tuple(get_morph().parse(word))


@lru_cache(maxsize=None)
def _embedding():
    from natasha import NewsEmbedding

    return NewsEmbedding()


@lru_cache(maxsize=None)
def get_segmenter():
    from natasha import Segmenter

    return Segmenter()


@lru_cache(maxsize=None)
def get_ner_tagger():
    from natasha import NewsNERTagger

    return NewsNERTagger(_embedding())


@lru_cache(maxsize=None)
def get_morph_tagger():
    from natasha import NewsMorphTagger

    return NewsMorphTagger(_embedding())


def for_natasha(text: str) -> str:
    """natasha mis-tags words spelled with ё; give it a same-length copy with е."""
    return text.replace("ё", "е").replace("Ё", "Е")
