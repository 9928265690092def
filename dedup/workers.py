"""Worker processes of this machine: how many, how they start, how a pool of them is stopped.

Commands that fan work out over local processes (`index add`, `facts`) fork workers from the
command's process. A worker leaves Ctrl-C to that process, which decides what is kept, and ends
itself when that process is gone: killed with -9, nobody would read its results, and it would
hold the command's output pipes open, so a caller waiting for the output would wait forever.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

# How often a worker checks that the process that started it is still there.
_WATCH_SECONDS = 0.5


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def process_context() -> multiprocessing.context.BaseContext:
    """Fork where there is fork (workers start at once with the tables already loaded)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def start_worker() -> None:
    """A pool's initializer: ignore Ctrl-C, and exit when the parent process is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="dedup-parent-watch", daemon=True).start()


def stop_pool(pool: ProcessPoolExecutor, *, finished: bool) -> None:
    """Shut `pool` down: after the work is done, wait for its workers; after an error or an
    interrupt, cancel what has not started and stop the workers at once (what they are doing
    would never be used, and could take seconds)."""
    if not finished:
        # The executor has no public way to stop running work; its processes are the way.
        processes = getattr(pool, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()
    pool.shutdown(wait=finished, cancel_futures=True)
