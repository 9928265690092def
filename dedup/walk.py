"""Which files a command reads: the paths given, and the files under the directories given.

Directories are walked in a stable order (sorted relative paths). A listed entry that is not a
regular file (a FIFO, socket or device, a broken link or a link loop) or a directory that
cannot be listed is still listed, so that reading it (`file_problem`) reports it as a warning
in its place: nothing is skipped silently, and the order of warnings is the same in every
engine. File names that are not valid UTF-8 are shown with escapes (`caf\\xe9.txt`), never
passed on as text that cannot be printed.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from dedup.errors import InputError, UsageError

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
CSV_SUFFIXES = frozenset({".csv"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
# The path `-` reads standard input, in one of these formats (`--input-format`).
STDIN = Path("-")
STDIN_SOURCE = "<stdin>"
INPUT_FORMATS = ("txt", "md", "html", "jsonl", "csv")


def check_input_format(name: str) -> str:
    """`name` if it is one of INPUT_FORMATS, else the UsageError that lists them."""
    if name not in INPUT_FORMATS:
        raise UsageError(f"input format {name!r}: use one of {', '.join(INPUT_FORMATS)}")
    return name


# Files that sit beside articles in a corpus folder but are not articles. Only skipped while
# walking a directory; naming one explicitly reads it.
_NOT_ARTICLES = re.compile(
    r"^(?:readme|licen[cs]e|copying|notice|authors|changelog|contributing)", re.IGNORECASE
)
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def shown(path: Path | str) -> str:
    """The path as printable text: bytes that are not UTF-8 appear as `\\xe9` escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def input_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Every entry `read_paths` reads, in its order, with the id prefix of its documents.

    A path given that does not exist is raised: it is a mistake in the command, not in the
    corpus. Everything else, readable or not, is listed for `file_problem` to judge. The prefix
    is the file's path relative to its argument (a file argument: its name; standard input:
    "stdin"). When two arguments give the same one (`dirA dirB`, each with `a.html`), each of
    those files is named by its argument as given instead (`dirA/a.html`, `dirB/a.html`), so
    files of different arguments never share an id.
    """
    listed: list[tuple[Path, Path, str]] = []
    for root in paths:
        if root == STDIN:
            listed.append((root, root, "stdin"))
            continue
        problem = _missing(root)
        if problem is not None:
            raise problem
        if _is_directory(root):
            listed.extend((root, path, rel) for path, rel in _walk(root))
        else:
            listed.append((root, root, shown(root.name)))
    roots: dict[str, set[Path]] = {}
    for root, _, rel in listed:
        roots.setdefault(rel, set()).add(root)
    for root, path, rel in listed:
        if len(roots[rel]) == 1:
            yield path, rel
        elif path == root:
            yield path, shown(root.as_posix())
        else:
            yield path, f"{shown(root.as_posix())}/{rel}"


def file_problem(path: Path) -> InputError | None:
    """Why `path` cannot be read as a file of articles, or None when it is a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return _stat_problem(path, error)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        try:
            with os.scandir(path):
                pass
        except OSError as error:
            reason = error.strerror or str(error)
            return InputError(shown(path), f"cannot read directory: {reason}")
        return InputError(shown(path), "is a directory")
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return InputError(
        shown(path),
        f"not a regular file ({kind})",
        hint="give a text, HTML, JSONL or CSV file",
    )


def _missing(root: Path) -> InputError | None:
    try:
        root.stat()
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
            return _stat_problem(root, error)
    return None


def _stat_problem(path: Path, error: OSError) -> InputError:
    """The problem of a path whose `stat` failed."""
    where = shown(path)
    if error.errno == errno.ELOOP:
        return InputError(where, "symbolic link loop", hint="fix or remove the link")
    if error.errno in (errno.ENOENT, errno.ENOTDIR) and path.is_symlink():
        return InputError(
            where, "broken symbolic link (its target does not exist)", hint="fix the link"
        )
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return InputError(where, "no such file or directory", hint="check the path")
    return InputError(
        where, f"cannot read: {error.strerror or error}", hint="check its permissions"
    )


def _is_directory(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def _walk(root: Path) -> Iterator[tuple[Path, str]]:
    """Entries under `root` with their id prefix (the path relative to the argument), sorted.

    Hidden entries, unsupported suffixes and README-like files are left out, as before; links
    to directories are not followed (a link loop cannot hang the walk); a directory that cannot
    be listed is itself listed, for its problem to be reported.
    """
    found: list[tuple[str, Path]] = []

    def unlisted(error: OSError) -> None:
        where = Path(error.filename) if error.filename else root
        found.append((where.relative_to(root).as_posix(), where))

    for top, dirs, files in os.walk(root, onerror=unlisted):
        here = Path(top)
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if name.startswith(".") or _NOT_ARTICLES.match(name):
                continue
            path = here / name
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append((path.relative_to(root).as_posix(), path))
    for rel, path in sorted(found, key=lambda item: item[0]):
        yield path, shown(rel)
