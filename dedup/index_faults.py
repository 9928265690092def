"""What went wrong with an index file, said in one line with what to do next.

SQLite and the decoders under it fail in many ways: a full disk, a read-only file or folder, a
lock held by another process, a missing table, a damaged blob or text column. Each becomes an
`IndexFileError` (exit 4) that names the file and the cause; none escapes as a traceback. A
write that fails leaves the index as its last committed batch left it (one transaction a batch).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import struct
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from dedup.errors import IndexFileError
from dedup.walk import shown

# What reading or writing a damaged or unwritable index raises: SQLite's errors, and the
# decoders of what the index stores (zlib text, JSON columns, packed features).
FAULTS: tuple[type[Exception], ...] = (
    sqlite3.Error,
    zlib.error,
    UnicodeDecodeError,
    json.JSONDecodeError,
    struct.error,
)

_CANNOT_OPEN = ("unable to open database file",)
# Marks in SQLite's message (lower-cased) → what the user reads after "FILE: ".
_CAUSES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("database or disk is full", "disk is full"),
        "the disk is full ({cause}); free some space and run again (every batch committed "
        "before is kept)",
    ),
    (
        ("readonly database", "read-only", "readonly"),
        "cannot write the index: the file or its folder is read-only ({cause}); make it "
        "writable, or write a new index elsewhere",
    ),
    (
        ("database is locked", "database table is locked"),
        "the index is locked by another process ({cause}); run again when that process has "
        "finished",
    ),
    (_CANNOT_OPEN, "cannot open the index ({cause}); check the path and its permissions"),
    (("disk i/o error",), "cannot read or write the index ({cause}); check the disk and run again"),
    (("file is not a database",), "not a dedup index or corrupt ({cause}); {rebuild}"),
)


def index_fault(path: Path, error: BaseException) -> IndexFileError:
    """The one-line error for `error`, met while using the index at `path`."""
    where = shown(path)
    cause = str(error) or type(error).__name__
    rebuild = f"rebuild it with `dedup index add PATH... --index {where}`"
    text = cause.lower()
    if any(mark in text for mark in _CANNOT_OPEN) and _read_only(path):
        # SQLite says "unable to open" when it cannot create its journal beside the file.
        text = "readonly"
    for marks, problem in _CAUSES:
        if any(mark in text for mark in marks):
            return IndexFileError(f"{where}: " + problem.format(cause=cause, rebuild=rebuild))
    return IndexFileError(f"{where}: the index is damaged ({cause}); {rebuild}")


class _HasPath(Protocol):
    path: Path


_Self = TypeVar("_Self", bound=_HasPath)
_P = ParamSpec("_P")
_R = TypeVar("_R")


def guarded(
    method: Callable[Concatenate[_Self, _P], _R],
) -> Callable[Concatenate[_Self, _P], _R]:
    """A method of an object with a `path` whose index faults become `IndexFileError`s."""

    @functools.wraps(method)
    def wrapper(self: _Self, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with faults(self.path):
            return method(self, *args, **kwargs)

    return wrapper


@contextmanager
def faults(path: Path) -> Iterator[None]:
    """Turn the index faults raised inside into `IndexFileError`s naming `path`."""
    try:
        yield
    except FAULTS as error:
        raise index_fault(path, error) from None


def roll_back(db: sqlite3.Connection) -> None:
    """Undo the open batch. After some errors (a full disk) SQLite has already rolled back:
    rolling back again would fail ("no transaction is active") and hide the real cause."""
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


def _read_only(path: Path) -> bool:
    """Whether the index file can be read but not written, or its folder not written (as on
    a read-only mount, even for root)."""
    if path.exists() and not os.access(path, os.R_OK):
        return False
    return not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))
