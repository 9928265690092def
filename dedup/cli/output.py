"""Where a command's report and progress go: stdout or --out FILE, and a progress bar on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from dedup.errors import InputError

if TYPE_CHECKING:
    from rich.progress import TaskID

Progress = Callable[[str, int, int], None]


def draws_progress(quiet: bool) -> bool:
    """Whether `progress_bar(quiet)` draws: not with --quiet, and only on a terminal."""
    return not quiet and sys.stderr.isatty()


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Progress]:
    """A rich progress bar on stderr, or a silent callback when quiet or not a terminal."""
    if not draws_progress(quiet):
        yield lambda stage, done, total: None
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    with Bar(console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def write_report(text: str, out: Path | None) -> None:
    """Write `text` to `out`, or to stdout without --out."""
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        problem = f"cannot write: {error.strerror}"
        raise InputError(str(out), problem, hint="check the path") from None
