"""Articles from records: JSON Lines (one object a line) and CSV (one row each).

A jsonl file is read a line at a time, and a line longer than a document may be is skipped
without being held in memory; JSON is parsed with bounded nesting (`dedup.jsonline`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from dedup.article import Article
from dedup.decode import is_binary, read_text
from dedup.errors import InputError
from dedup.jsonline import JsonLineError, parse_line
from dedup.limits import require_text, too_large
from dedup.settings import DEFAULT_SETTINGS, ReadSettings
from dedup.walk import shown

_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")

OnProblem = Callable[[InputError], None]


@dataclass(frozen=True, slots=True)
class FieldNames:
    """Which record fields (jsonl keys, csv columns) hold the article's parts."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    published: str = "published"
    url: str = "url"
    source: str = "source"


DEFAULT_FIELDS = FieldNames()


def jsonl_articles(
    text: str,
    *,
    rel: str,
    source: str,
    fields: FieldNames,
    on_problem: OnProblem,
    first_line: int = 1,
    limits: ReadSettings = DEFAULT_SETTINGS.read,
) -> Iterator[Article]:
    """The articles of JSON Lines `text`; `first_line` numbers its first line (a file's part)."""
    lines = enumerate(text.splitlines(), start=first_line)
    yield from _line_articles(
        lines, rel=rel, source=source, fields=fields, on_problem=on_problem, limits=limits
    )


def jsonl_file_articles(
    path: Path,
    *,
    rel: str,
    fields: FieldNames,
    on_problem: OnProblem,
    limits: ReadSettings = DEFAULT_SETTINGS.read,
) -> Iterator[Article]:
    """The articles of a jsonl file, read a line at a time."""
    yield from _line_articles(
        _jsonl_lines(path, limits=limits),
        rel=rel,
        source=shown(path),
        fields=fields,
        on_problem=on_problem,
        limits=limits,
    )


@dataclass(frozen=True, slots=True)
class _Oversized:
    """A line too long to read into memory: only its size is known."""

    size: int


def _jsonl_lines(path: Path, *, limits: ReadSettings) -> Iterator[tuple[int, str | _Oversized]]:
    """A jsonl file's numbered lines, read one at a time (a corpus file can be gigabytes).

    Lines are numbered as `str.splitlines` numbers them in the whole decoded file. A line longer
    than a document may be is never held whole: it comes as its size. A file that is not plain
    UTF-8 is decoded whole, as any other file is (`decode_bytes`), from the first line that is
    not.
    """
    number = 0
    limit = limits.max_document_bytes
    try:
        with path.open("rb") as handle:
            if not is_binary(handle.read(8192)):
                handle.seek(0)
                while raw := handle.readline(limit + 1):
                    if len(raw) > limit and not raw.endswith(b"\n"):
                        number += 1
                        yield number, _Oversized(len(raw) + _skip_line(handle))
                        continue
                    try:
                        line = raw.decode("utf-8-sig" if number == 0 else "utf-8")
                    except UnicodeDecodeError:
                        break
                    for part in line.splitlines():
                        number += 1
                        yield number, part
                else:
                    return
    except OSError as exc:
        raise InputError(shown(path), f"cannot read file: {exc.strerror or exc}") from None
    text = read_text(path, settings=limits)
    yield from enumerate(text.splitlines()[number:], start=number + 1)


def _skip_line(handle: BinaryIO) -> int:
    """Read past the rest of the current line in blocks; how many bytes it had, its line end
    not counted (as the parts read in parallel count a line: `str.splitlines`)."""
    skipped = 0
    while block := handle.readline(1 << 20):
        skipped += len(block)
        if block.endswith(b"\n"):
            return skipped - (2 if block.endswith(b"\r\n") else 1)
    return skipped


def _line_articles(
    lines: Iterable[tuple[int, str | _Oversized]],
    *,
    rel: str,
    source: str,
    fields: FieldNames,
    on_problem: OnProblem,
    limits: ReadSettings,
) -> Iterator[Article]:
    """The articles of numbered JSON lines."""
    for number, line in lines:
        where = f"{source} line {number}"
        size = line.size if isinstance(line, _Oversized) else _utf8_size(line, limits)
        if size > limits.max_document_bytes:
            on_problem(too_large(where, size=size, limits=limits))
            continue
        assert isinstance(line, str)
        if not line.strip():
            continue
        try:
            record = parse_line(line, max_depth=limits.max_json_depth)
        except JsonLineError as problem:
            on_problem(InputError(where, str(problem), hint="fix the line"))
            continue
        if not isinstance(record, dict):
            on_problem(
                InputError(
                    where,
                    f'expected a JSON object with a "{fields.text}" field, '
                    f"got {_json_kind(record)}",
                )
            )
            continue
        try:
            yield _record_article(
                record, where=where, fallback_id=f"{rel}:{number}", fields=fields, limits=limits
            )
        except InputError as problem:
            on_problem(problem)


def _utf8_size(line: str, limits: ReadSettings) -> int:
    """The line's size in UTF-8 bytes, counted only when it could pass the limit."""
    # A character takes at most 4 bytes: shorter lines cannot pass the limit.
    return (
        len(line.encode("utf-8", "surrogatepass"))
        if 4 * len(line) > limits.max_document_bytes
        else len(line)
    )


def _json_kind(value: object) -> str:
    kinds = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def csv_articles(
    text: str,
    *,
    rel: str,
    source: str,
    fields: FieldNames,
    on_problem: OnProblem,
    limits: ReadSettings,
) -> Iterator[Article]:
    # A field may be as long as a document (the csv module's default stops at 128 KiB).
    csv.field_size_limit(max(limits.max_document_bytes, csv.field_size_limit()))
    # One stream, not `text.splitlines()`: a quoted field keeps its line breaks, and a row is
    # named by the line it starts on.
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"{source} line {reader.line_num}", f"bad CSV: {exc}") from None
    if header is None or fields.text not in header:
        raise InputError(
            source,
            f'no "{fields.text}" column in the header',
            hint="name the text column with --text-field",
        )
    while True:
        line = reader.line_num + 1
        where = f"{source} line {line}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The reader has counted the line it failed on.
            on_problem(InputError(f"{source} line {reader.line_num}", f"bad CSV: {exc}"))
            continue
        if not row:
            continue  # a blank line
        if len(row) > len(header):
            on_problem(
                InputError(
                    where,
                    "more fields than the header has",
                    hint="quote fields that contain commas",
                )
            )
            continue
        # A short row leaves its last columns empty (None), as csv.DictReader does.
        record = {name: row[at] if at < len(row) else None for at, name in enumerate(header)}
        try:
            yield _record_article(
                record, where=where, fallback_id=f"{rel}:{line}", fields=fields, limits=limits
            )
        except InputError as problem:
            on_problem(problem)


# Field names listed when the text field is missing (the record may have hundreds).
_LISTED_FIELDS = 8


def _record_article(
    record: dict[str, Any],
    *,
    where: str,
    fallback_id: str,
    fields: FieldNames,
    limits: ReadSettings,
) -> Article:
    text = record.get(fields.text)
    if text is None:
        has = ", ".join(sorted(map(str, record))[:_LISTED_FIELDS]) or "no fields"
        raise InputError(
            where,
            f'no "{fields.text}" field',
            hint=f"it has {has}; name the text field with --text-field",
        )
    if not isinstance(text, str):
        raise InputError(where, f'"{fields.text}" must be a string, got {type(text).__name__}')
    require_text(text, where, limits=limits)
    raw_id = record.get(fields.id)
    doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    known = {fields.id, fields.text, fields.title, fields.published, fields.url, fields.source}
    return Article(
        id=doc_id,
        text=text,
        title=_optional_str(record.get(fields.title)),
        published=normalise_date(_optional_str(record.get(fields.published))),
        url=_optional_str(record.get(fields.url)),
        source=_optional_str(record.get(fields.source)) or where,
        location=where,
        extra={key: value for key, value in record.items() if key not in known},
    )


def _optional_str(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def normalise_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date or timestamp string; other strings kept as given."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match:
        return match.group(1)
    from dateutil import parser

    try:
        parsed: str = parser.parse(value, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError):
        return value.strip()
    return parsed
