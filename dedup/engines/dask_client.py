"""Connecting to Dask, and waiting on it without ever hanging.

Dask is an optional extra; `require_dask` turns its absence into a `DependencyError` that says
how to install it. `connect` starts a `LocalCluster` on 127.0.0.1 or joins a running scheduler.
`Runner` waits for results while watching the workers: Dask reschedules the tasks of a lost
worker on the others by itself, but with no worker left it would wait for one forever, so after
`worker_timeout` seconds without any worker the job fails with an `EngineError`.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from dedup.errors import DependencyError, EngineError, UsageError

INSTALL_HINT = "pip install 'dedup[dask]'"
# How often the runner looks at its futures, and at the workers, while it waits.
POLL_SECONDS = 0.02
WORKERS_POLL_SECONDS = 0.5


def dask_module(name: str) -> Any:
    """An imported dask module (untyped: distributed ships no type hints)."""
    return importlib.import_module(name)


def require_dask() -> None:
    """Raise `DependencyError` unless dask and distributed can be imported."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as error:
        missing = error.name or "dask"
        raise DependencyError(
            f"--engine dask needs Dask, and {missing} is not installed: {INSTALL_HINT}"
        ) from None


@contextmanager
def connect(
    *,
    scheduler: str | None,
    workers: int,
    worker_timeout: float,
    worker_memory: str | None = None,
) -> Iterator[Any]:
    """A `distributed.Client`: of the scheduler at `scheduler`, else of a `local_cluster`
    (closed on exit)."""
    require_dask()
    distributed = dask_module("distributed")
    if scheduler is not None:
        probe_scheduler(scheduler, timeout=worker_timeout)
        try:
            client = distributed.Client(scheduler, timeout=worker_timeout, set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise _unreachable(scheduler, error) from None
        with client:
            yield client
        return
    with (
        local_cluster(workers=workers, worker_memory=worker_memory) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        yield client


def probe_scheduler(scheduler: str, *, timeout: float) -> None:
    """An `EngineError` unless a Dask scheduler answers at `scheduler`.

    Checked before a `Client` is made: a Client that fails to connect raises whatever its comm
    layer met (a ValueError for "notaurl") and then, when collected, waits twice its timeout to
    close and prints a traceback of its own.
    """
    addressing = dask_module("distributed.comm.addressing")
    try:
        address = addressing.normalize_address(scheduler)
        addressing.parse_host_port(addressing.parse_address(address)[1])
    except (ValueError, TypeError):
        raise EngineError(
            f"--scheduler {scheduler}: not a scheduler address (give tcp://HOST:PORT)"
        ) from None
    comm = dask_module("distributed.comm")

    async def handshake() -> None:
        connection = await comm.connect(address, timeout=timeout)
        await connection.close()

    try:
        asyncio.run(handshake())
    except Exception as error:  # whatever the comm layer meets: refused, timeout, not Dask
        raise _unreachable(scheduler, error) from None


def _unreachable(scheduler: str, error: BaseException) -> EngineError:
    return EngineError(
        f"cannot reach the Dask scheduler at {scheduler}: {error or type(error).__name__} "
        "(start it with `dask scheduler` and check the address)"
    )


@contextmanager
def local_cluster(*, workers: int, worker_memory: str | None = None) -> Iterator[Any]:
    """A LocalCluster of `workers` single-threaded worker processes on 127.0.0.1.

    `worker_memory` is each worker's memory limit (Dask's `memory_limit`, "2GiB"; None: the
    machine's memory shared by the workers). Past 60% of it a worker spills the task results it
    holds to its local directory (Dask's spill target), so what it keeps between stages stays
    under the limit whatever the corpus size; one task's own working memory must fit in it.
    """
    distributed = dask_module("distributed")
    limit = memory_limit(worker_memory, workers=workers)
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",  # None still binds :8787 for its HTTP routes
        silence_logs=logging.CRITICAL,
        memory_limit=limit,
    )
    with cluster:
        yield cluster


def memory_limit(worker_memory: str | None, *, workers: int) -> int:
    """Bytes of memory per local worker: `worker_memory` ("2GiB"), or by default the machine's
    memory shared by the `workers`; a UsageError for anything else."""
    require_dask()
    if workers < 1:
        raise UsageError(f"--workers {workers}: need at least one worker")
    try:
        limit: int | None = dask_module("distributed.worker_memory").parse_memory_limit(
            worker_memory or "auto", 1, total_cores=workers, logger=logging.getLogger(__name__)
        )
    except (ValueError, TypeError):
        limit = 0
    if limit is None or limit <= 0:
        raise UsageError(f"--worker-memory {worker_memory}: give a size such as 2GiB or 1500MB")
    return limit


@contextmanager
def _quiet_graph_size() -> Iterator[None]:
    """Hide distributed's "Sending large graph" advice: the shuffles' graphs grow with the
    square of the part count by design, and the advice is not actionable for a user."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
        yield


@dataclass(frozen=True, slots=True)
class Runner:
    """Computes and persists Dask collections on `client`, failing instead of hanging."""

    client: Any
    worker_timeout: float

    def compute(self, values: list[Any], *, stage: str) -> list[Any]:
        """The computed values (in order)."""
        with _quiet_graph_size():
            futures = self.client.compute(values)
        self._wait(futures, stage=stage)
        try:
            results: list[Any] = self.client.gather(futures)
        except Exception as error:
            raise self._engine_error(error, stage=stage) from None
        return results

    def result(self, future: Any, *, stage: str) -> Any:
        """The value of one future (of `client.submit`), failing instead of hanging."""
        self._wait([future], stage=stage)
        try:
            return future.result()
        except Exception as error:
            raise self._engine_error(error, stage=stage) from None

    def persist(self, values: list[Any], *, stage: str) -> list[Any]:
        """The values, computed and kept on the workers (recomputed there if a worker dies)."""
        with _quiet_graph_size():
            persisted: list[Any] = self.client.persist(values)
        self._wait(dask_module("distributed").futures_of(persisted), stage=stage)
        return persisted

    def _wait(self, futures: list[Any], *, stage: str) -> None:
        alone_since: float | None = None
        looked = time.monotonic()
        while not all(future.done() for future in futures):
            time.sleep(POLL_SECONDS)
            now = time.monotonic()
            if now - looked < WORKERS_POLL_SECONDS:
                continue
            looked = now
            if self._workers(stage=stage) > 0:
                alone_since = None
                continue
            alone_since = alone_since if alone_since is not None else now
            if now - alone_since >= self.worker_timeout:
                self.client.cancel(futures)
                raise EngineError(
                    f"no Dask workers left for {self.worker_timeout:g} s while {stage}; "
                    "start workers (`dask worker SCHEDULER`) or run with --workers"
                )
        failed = [future for future in futures if future.status == "error"]
        if failed:
            raise self._engine_error(failed[0].exception(), stage=stage)

    def _workers(self, *, stage: str) -> int:
        try:
            return len(self.client.scheduler_info()["workers"])
        except (OSError, TimeoutError) as error:
            raise EngineError(f"lost the Dask scheduler while {stage}: {error}") from None

    def _engine_error(self, error: BaseException, *, stage: str) -> BaseException:
        if isinstance(error, dask_module("distributed").KilledWorker):
            return EngineError(
                f"a task failed while {stage}: {error} (check the workers' memory and logs)"
            )
        if isinstance(error, OSError | TimeoutError):
            return EngineError(f"lost the Dask scheduler while {stage}: {error}")
        return error
