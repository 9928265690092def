"""The engine options shared by `cluster` and `index add`: local, or Dask and how to reach it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dedup.cli.exits import choose
from dedup.errors import UsageError

if TYPE_CHECKING:
    from dedup.engines.dask_engine import DaskOptions

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class DaskChoice:
    """The engine options of a command, checked by `dask_options`."""

    engine: str
    scheduler: str | None
    workers: int | None
    index_file: Path | None = None
    worker_timeout: float = 30.0
    worker_memory: str | None = None

    def requested(self) -> bool:
        """Whether these options ask for Dask (an unknown --engine is a UsageError)."""
        dask = choose(self.engine, ENGINES, "--engine") == "dask"
        return bool(dask or self.scheduler or self.worker_memory or self.workers is not None)


def dask_options(choice: DaskChoice) -> DaskOptions:
    """The Dask engine's options, or a UsageError for a combination that makes no sense."""
    from dedup.engines.dask_engine import DaskOptions

    if choice.engine != "dask":
        raise UsageError("--scheduler, --workers and --worker-memory need --engine dask")
    if choice.scheduler and (choice.workers is not None or choice.worker_memory is not None):
        raise UsageError("give --scheduler ADDRESS or --workers N / --worker-memory, not both")
    if choice.workers is not None and choice.workers < 1:
        raise UsageError(f"--workers {choice.workers}: use at least one worker")
    if choice.worker_timeout <= 0:
        raise UsageError(f"--worker-timeout {choice.worker_timeout:g}: use a positive number")
    if choice.worker_memory is not None:
        from dedup.engines.dask_client import memory_limit

        memory_limit(choice.worker_memory, workers=choice.workers or 2)
    return DaskOptions(
        scheduler=choice.scheduler,
        workers=choice.workers or 2,
        worker_timeout=choice.worker_timeout,
        worker_memory=choice.worker_memory,
    )
