"""One exception hierarchy; the CLI maps each class to a documented exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, documented in the README and `dedup --help`."""

    OK = 0
    FINDINGS = 1  # `dedup check` found something at or above --fail-on
    USAGE = 2  # bad option or argument (typer/click uses 2 too)
    INPUT = 3  # a path, file, line or row that cannot be read as articles
    INDEX = 4  # missing, corrupt or mismatched index
    DEPENDENCY = 5  # an optional extra (e.g. dask) is not installed
    ENGINE = 6  # the distributed engine failed (no workers left, scheduler unreachable)
    INTERRUPTED = 130  # Ctrl-C


class DedupError(Exception):
    """Base class: an expected failure with a message that says what to do."""

    exit_code: ExitCode = ExitCode.INPUT


class UsageError(DedupError):
    """Options that do not fit together or values out of range."""

    exit_code = ExitCode.USAGE


class InputError(DedupError):
    """A path, file, line or row that cannot be read as articles."""

    exit_code = ExitCode.INPUT

    def __init__(self, where: str, problem: str, *, hint: str = "") -> None:
        self.where = where
        self.problem = problem
        self.hint = hint
        message = f"{where}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class IndexFileError(DedupError):
    """The index file is missing, corrupt, or was built with other parameters."""

    exit_code = ExitCode.INDEX


class DependencyError(DedupError):
    """An optional extra is needed for this feature."""

    exit_code = ExitCode.DEPENDENCY


class EngineError(DedupError):
    """The distributed engine could not complete the job."""

    exit_code = ExitCode.ENGINE
