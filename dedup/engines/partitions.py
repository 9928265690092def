"""Input partitions that workers read by themselves: groups of files and line ranges of jsonl.

The planner only lists files and seeks to a few offsets; the text is read by whoever reads the
part. A large jsonl file is cut after a newline near every `part_bytes`; a part's first line
number comes from counting the lines of the parts before it (a job the workers do too), so ids
made from line numbers and problem messages are the ones `dedup.read.read_paths` gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from dedup.article import Article
from dedup.errors import InputError
from dedup.read import FieldNames, OnProblem, input_files, jsonl_articles, read_file
from dedup.walk import file_problem

# Reading back this far past a cut point is enough to find the next newline in any real jsonl.
_SCAN = 1 << 16


@dataclass(frozen=True, slots=True)
class Piece:
    """A whole file (`end` is None) or the bytes [start, end) of a jsonl file."""

    path: str
    rel: str
    start: int = 0
    end: int | None = None
    first_line: int = 1


@dataclass(frozen=True, slots=True)
class Part:
    """What one task reads: pieces in reading order."""

    index: int
    pieces: tuple[Piece, ...]


LineCounter = Callable[[Sequence[Piece]], list[int | None]]


def plan_parts(paths: Sequence[Path], *, part_bytes: int, count_lines: LineCounter) -> list[Part]:
    """Parts of about `part_bytes` each, in `read_paths` order.

    `count_lines` maps jsonl pieces to their line counts (None: not plain UTF-8, so the file
    must be read whole, as its encoding is guessed from all of it).
    """
    ranges: list[list[Piece]] = []
    for path, rel in input_files(paths):
        size = _size(Piece(str(path), rel))
        if path.suffix.lower() == ".jsonl" and size > part_bytes and file_problem(path) is None:
            ranges.append(_cut(path, rel, size=size, part_bytes=part_bytes))
        else:
            ranges.append([Piece(str(path), rel)])
    splits = [pieces for pieces in ranges if len(pieces) > 1]
    counts = count_lines([piece for pieces in splits for piece in pieces[:-1]])
    at = 0
    for pieces in splits:
        lines = counts[at : at + len(pieces) - 1]
        at += len(pieces) - 1
        if any(count is None for count in lines):
            pieces[:] = [Piece(pieces[0].path, pieces[0].rel)]
            continue
        firsts = [1]
        for count in lines:
            firsts.append(firsts[-1] + (count or 0))
        pieces[:] = [
            replace(piece, first_line=first) for piece, first in zip(pieces, firsts, strict=True)
        ]
    return _group([piece for pieces in ranges for piece in pieces], part_bytes=part_bytes)


def _cut(path: Path, rel: str, *, size: int, part_bytes: int) -> list[Piece]:
    """Byte ranges of a jsonl file, each ending just after a newline (or at the end)."""
    bounds = [0]
    with path.open("rb") as handle:
        while bounds[-1] + part_bytes < size:
            handle.seek(bounds[-1] + part_bytes)
            cut = -1
            while cut < 0:
                block = handle.read(_SCAN)
                if not block:
                    break
                found = block.find(b"\n")
                if found >= 0:
                    cut = handle.tell() - len(block) + found + 1
            if cut < 0 or cut >= size:
                break
            bounds.append(cut)
    bounds.append(size)
    return [Piece(str(path), rel, start, end) for start, end in pairwise(bounds)]


def _group(pieces: list[Piece], *, part_bytes: int) -> list[Part]:
    """Consecutive small files share a part; a range of a large file is a part by itself."""
    parts: list[list[Piece]] = []
    filled = part_bytes
    for piece in pieces:
        size = _size(piece)
        # An empty file (or a FIFO: size 0) may come first: it still needs a part.
        if not parts or filled + size > part_bytes or piece.end is not None:
            parts.append([])
            filled = 0
        parts[-1].append(piece)
        filled = part_bytes if piece.end is not None else filled + size
    return [Part(index, tuple(group)) for index, group in enumerate(parts)]


def _size(piece: Piece) -> int:
    if piece.end is not None:
        return piece.end - piece.start
    try:
        return Path(piece.path).stat().st_size
    except OSError:
        return 0


def _range_bytes(piece: Piece) -> bytes:
    assert piece.end is not None
    with Path(piece.path).open("rb") as handle:
        handle.seek(piece.start)
        return handle.read(piece.end - piece.start)


def _range_text(piece: Piece) -> str | None:
    """The piece as text, or None when it is not plain UTF-8 (the whole file must be read)."""
    data = _range_bytes(piece)
    if piece.start == 0 and b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig" if piece.start == 0 else "utf-8")
    except UnicodeDecodeError:
        return None


def count_piece_lines(piece: Piece) -> int | None:
    """How many lines `read_paths` counts in a jsonl range (None: not plain UTF-8)."""
    text = _range_text(piece)
    return None if text is None else len(text.splitlines())


def read_piece(piece: Piece, *, fields: FieldNames, on_problem: OnProblem) -> Iterator[Article]:
    """The raw articles of one piece, as `read_paths` reads them (duplicate ids kept)."""
    path = Path(piece.path)
    try:
        if piece.end is None:
            yield from read_file(path, piece.rel, fields=fields, on_problem=on_problem)
            return
        text = _range_text(piece)
        if text is None:
            raise InputError(piece.path, "changed while being read", hint="run again")
        yield from jsonl_articles(
            text,
            rel=piece.rel,
            source=piece.path,
            fields=fields,
            on_problem=on_problem,
            first_line=piece.first_line,
        )
    except InputError as problem:
        on_problem(problem)
