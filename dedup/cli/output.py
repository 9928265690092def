"""Where a command's report and progress go: stdout or --out FILE, and a progress bar on stderr.

`--out FILE` is checked before any work starts and written atomically: the report goes to a
temporary file beside FILE, which replaces FILE only when the command succeeds. A run that
fails, is interrupted (Ctrl-C) or finds nothing leaves no half-written FILE, and an existing
FILE as it was; only a killed process (kill -9) can leave its temporary `.FILE.*.tmp` behind.
"""

from __future__ import annotations

import io
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dedup.errors import DedupError, InputError

if TYPE_CHECKING:
    from rich.console import Console
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


def _cannot_write(out: Path, problem: str, hint: str = "check the path") -> InputError:
    return InputError(str(out), f"cannot write: {problem}", hint=hint)


class _ReportStream(io.TextIOWrapper):
    """The temporary file's text: a write that fails (disk full) is an error of FILE."""

    def __init__(self, descriptor: int, out: Path) -> None:
        super().__init__(io.BufferedWriter(io.FileIO(descriptor, "w")), encoding="utf-8")
        self.out = out

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as error:
            raise _cannot_write(self.out, str(error.strerror), "check the free space") from None

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as error:
            raise _cannot_write(self.out, str(error.strerror), "check the free space") from None


def writable_target(out: Path) -> Path:
    """The file that --out FILE replaces (FILE, or the file a link FILE points to), or the
    InputError saying why it cannot be written and what to do."""
    if out.is_dir():
        raise _cannot_write(out, "it is a directory", f"name a file in it, e.g. {out}/report")
    if out.exists() and not out.is_file():
        raise _cannot_write(out, "not a regular file", "leave out --out to write to stdout")
    # Through a link: the file it names is replaced and the link kept.
    target = Path(os.path.realpath(out))
    folder = target.parent
    if not folder.is_dir():
        shown = folder if out.is_symlink() else out.parent
        raise _cannot_write(out, f"no folder {shown}", "create the folder first")
    if target.exists() and not os.access(target, os.W_OK):
        raise _cannot_write(out, "the file is not writable", "chmod u+w it, or choose another path")
    return target


def _create_beside(target: Path, *, out: Path) -> tuple[int, Path]:
    """A new, empty temporary file in `target`'s folder (so that `os.replace` is one rename),
    open for writing, with the mode FILE has (or a new file would get)."""
    while True:
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            # 0o666 less the umask, as for any new file; an existing FILE keeps its own mode.
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            problem = f"{error.strerror} in {target.parent}"
            raise _cannot_write(out, problem, "choose a folder you can write to") from None
        if target.exists():
            temporary.chmod(stat.S_IMODE(target.stat().st_mode))
        return descriptor, temporary


@contextmanager
def report_file(out: Path | None) -> Iterator[TextIO]:
    """Where a command writes its report: stdout, or with `out` a temporary file that replaces
    FILE when the block ends without an error. Entered before any work, as the check that
    FILE can be written (an InputError naming it and the fix otherwise)."""
    if out is None:
        yield sys.stdout
        return
    target = writable_target(out)
    descriptor, temporary = _create_beside(target, out=out)
    stream = _ReportStream(descriptor, out)
    try:
        yield stream
        stream.close()
        try:
            temporary.replace(target)
        except OSError as error:
            raise _cannot_write(out, str(error.strerror)) from None
    except BaseException:
        with suppress(OSError, DedupError):
            stream.close()
        temporary.unlink(missing_ok=True)
        raise


def write_report(text: str, out: Path | None) -> None:
    """Write `text` to `out` (replaced whole, see `report_file`), or to stdout without --out."""
    with report_file(out) as sink:
        sink.write(text)


def _is_regular_file(sink: TextIO) -> bool:
    try:
        return stat.S_ISREG(os.fstat(sink.fileno()).st_mode)
    except (OSError, ValueError):  # no file descriptor (captured, closed): treat as a pipe
        return False


def write_lines(lines: Iterable[str], sink: TextIO) -> int:
    """Write each line (ending in a newline) as soon as it comes; how many. Each is flushed
    unless `sink` is a regular file, so a reader downstream (`| head -1`) has it at once."""
    flush = not _is_regular_file(sink)
    written = 0
    for line in lines:
        sink.write(line)
        if flush:
            sink.flush()
        written += 1
    return written


def console_on(sink: TextIO) -> Console:
    """A rich console drawing on `sink`: colour and width decided as for stdout, so --out FILE
    gets the same bytes as a redirected stdout."""
    from rich.console import Console

    return Console(file=sink, highlight=False)
