"""The pipeline's stages: each owns its files, worker processes, progress bars and log lines."""
from .context import Book, Context
from .pipeline import STAGE_NAMES, STAGES, Stage, run_pipeline

__all__ = ["Book", "Context", "STAGE_NAMES", "STAGES", "Stage", "run_pipeline"]
