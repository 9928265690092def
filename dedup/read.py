"""Reading articles from files and directories: txt/md, html, jsonl, csv.

This module and the index are the only places that touch disk. Every function here yields raw
`Article`s (text as found in the file); cleaning is a separate, pure stage.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dedup.article import Article
from dedup.decode import decode_bytes
from dedup.errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
CSV_SUFFIXES = frozenset({".csv"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
# The path `-` reads standard input, in one of these formats (`--input-format`).
STDIN = Path("-")
STDIN_SOURCE = "<stdin>"
INPUT_FORMATS = ("txt", "md", "html", "jsonl", "csv")

# Files that sit beside articles in a corpus folder but are not articles. Only skipped while
# walking a directory; naming one explicitly reads it.
_NOT_ARTICLES = re.compile(
    r"^(?:readme|licen[cs]e|copying|notice|authors|changelog|contributing)", re.IGNORECASE
)

# A leading dateline such as "date 2023-11-13" (seed 003): metadata, not article text.
_DATELINE = re.compile(
    r"\A\s*(?:date|dateline|published)\s*:?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE
)
# A first line with no sentence end, followed by a blank line, is the headline ("# " in markdown).
_HEADLINE = re.compile(r"\A\s*(?:#+\s*)?([^\n]*[^\s.!?:;,\n])[ \t]*\n[ \t]*\n")
_MAX_HEADLINE_WORDS = 25
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


def _raise(problem: InputError) -> None:
    raise problem


def read_paths(
    paths: Iterable[Path],
    *,
    fields: FieldNames = DEFAULT_FIELDS,
    on_problem: OnProblem = _raise,
    stdin_format: str = "txt",
) -> Iterator[Article]:
    """Yield the articles under each path, files and directories alike, in a stable order.

    A problem with one file, line or row is passed to `on_problem` and that item is skipped;
    the default raises, which stops at the first problem (`--strict`). A path that does not
    exist is always raised: it is a mistake in the command, not in the corpus. The path `-`
    is standard input, read as `stdin_format` (txt, md, html, jsonl or csv).
    """
    seen: dict[str, str] = {}
    for path, rel in input_files(paths):
        try:
            read = read_file(
                path, rel, fields=fields, on_problem=on_problem, as_format=stdin_format
            )
            for article in read:
                where = seen.get(article.id)
                if where is not None:
                    on_problem(duplicate_id(article.id, article.source or str(path), first=where))
                    continue
                seen[article.id] = article.source or str(path)
                yield article
        except InputError as problem:
            on_problem(problem)


def duplicate_id(doc_id: str, source: str, *, first: str) -> InputError:
    """The problem of a document whose id an earlier one (read from `first`) already has."""
    return InputError(
        source,
        f"duplicate id {doc_id!r} (first read from {first})",
        hint="give each document a unique id; this one is skipped",
    )


def estimate_documents(paths: Iterable[Path]) -> int:
    """About how many documents `read_paths` yields, for a progress bar: one per txt, md or
    html file, one per line of a jsonl file and per line after a csv header (blank lines and
    multi-line rows make it an overestimate)."""
    total = 0
    for path, _ in input_files(paths):
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES:
            total += max(_count_lines(path) - (suffix in CSV_SUFFIXES), 0)
        else:
            total += 1
    return total


def _count_lines(path: Path) -> int:
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 0  # reading it reports the problem
    return lines + (last != b"\n")


def no_documents(paths: Iterable[Path], *, skipped: int) -> InputError:
    """The problem of paths that gave no readable document (`skipped` were warned about)."""
    return InputError(
        " ".join(str(path) for path in paths),
        "no readable documents" + (f" ({skipped} skipped)" if skipped else ""),
        hint="see the warnings above",
    )


def input_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Every file `read_paths` reads, in its order, with the id prefix of its documents.

    The prefix is the file's path relative to its argument (a file argument: its name). When
    two arguments give the same one (`dirA dirB`, each with `a.html`), each of those files is
    named by its argument as given instead (`dirA/a.html`, `dirB/a.html`), so files of
    different arguments never share an id.
    """
    listed: list[tuple[Path, Path, str]] = []
    for root in paths:
        if root == STDIN:
            listed.append((root, root, "stdin"))
            continue
        if not root.exists():
            raise InputError(str(root), "no such file or directory", hint="check the path")
        listed.extend((root, path, rel) for path, rel in _walk(root))
    roots: dict[str, set[Path]] = {}
    for root, _, rel in listed:
        roots.setdefault(rel, set()).add(root)
    for root, path, rel in listed:
        if len(roots[rel]) == 1:
            yield path, rel
        elif path == root:
            yield path, root.as_posix()
        else:
            yield path, f"{root.as_posix()}/{rel}"


def _walk(root: Path) -> Iterator[tuple[Path, str]]:
    """Files under `root` with their id prefix: the path relative to the argument."""
    if root.is_file():
        yield root, root.name
        return
    for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix()):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        if _NOT_ARTICLES.match(path.name):
            continue
        yield path, rel.as_posix()


def read_file(
    path: Path,
    rel: str,
    *,
    fields: FieldNames = DEFAULT_FIELDS,
    on_problem: OnProblem = _raise,
    as_format: str = "txt",
) -> Iterator[Article]:
    """The articles of one file whose documents' ids start with `rel` (see `input_files`);
    the path `-` is standard input, read `as_format`."""
    stdin = path == STDIN
    suffix = f".{as_format}" if stdin else path.suffix.lower()
    source = STDIN_SOURCE if stdin else str(path)
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            source,
            f"unsupported file type {suffix or '(none)'!r}",
            hint="use .txt, .md, .html, .htm, .jsonl or .csv",
        )
    if suffix in JSONL_SUFFIXES and not stdin:
        lines = _jsonl_lines(path)
        yield from _line_articles(
            lines, rel=rel, source=source, fields=fields, on_problem=on_problem
        )
        return
    data = sys.stdin.buffer.read() if stdin else _read_bytes(path)
    text = decode_bytes(data, where=source)
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_articles(
            text, rel=rel, source=source, fields=fields, on_problem=on_problem
        )
    elif suffix in TEXT_SUFFIXES:
        yield _text_article(text, doc_id=rel, source=source)
    elif suffix in HTML_SUFFIXES:
        yield _html_article(text, doc_id=rel, source=source)
    else:
        yield from _csv_articles(text, rel=rel, source=source, fields=fields, on_problem=on_problem)


def _require_text(text: str, where: str) -> None:
    if not text.strip():
        raise InputError(where, "empty document", hint="add the article text or remove it")


def _text_article(text: str, *, doc_id: str, source: str) -> Article:
    # Windows and old Mac line endings would hide the blank line after a headline.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    published = None
    match = _DATELINE.match(text)
    if match:
        published = match.group(1)
        text = text[match.end() :]
    _require_text(text, source)
    title = None
    headline = _HEADLINE.match(text)
    if headline and len(headline.group(1).split()) <= _MAX_HEADLINE_WORDS:
        title = headline.group(1).strip()
        text = text[headline.end() :]
        _require_text(text, source)
    return Article(id=doc_id, text=text, title=title, published=published, source=source)


def _html_article(html: str, *, doc_id: str, source: str) -> Article:
    import trafilatura  # heavy import, only needed for html

    extracted = trafilatura.extract(html, output_format="json", with_metadata=True)
    if not extracted:
        raise InputError(source, "no article text found in the HTML page")
    record = json.loads(extracted)
    text = record.get("text") or ""
    _require_text(text, source)
    return Article(
        id=doc_id,
        text=text,
        title=record.get("title") or None,
        published=normalise_date(record.get("date")),
        url=record.get("source") or None,
        source=source,
    )


def jsonl_articles(
    text: str,
    *,
    rel: str,
    source: str,
    fields: FieldNames,
    on_problem: OnProblem,
    first_line: int = 1,
) -> Iterator[Article]:
    """The articles of JSON Lines `text`; `first_line` numbers its first line (a file's part)."""
    lines = enumerate(text.splitlines(), start=first_line)
    yield from _line_articles(lines, rel=rel, source=source, fields=fields, on_problem=on_problem)


# Bytes looked at for NUL before a jsonl file is read line by line, as `decode_bytes` does.
_SNIFF = 8192


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from None


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str]]:
    """A jsonl file's numbered lines, read one at a time (a corpus file can be gigabytes).

    Lines are numbered as `str.splitlines` numbers them in the whole decoded file. A file that
    is not plain UTF-8 is decoded whole, as any other file is (`decode_bytes`), from the first
    line that is not.
    """
    number = 0
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
            if b"\x00" not in head:
                handle.seek(0)
                for raw in handle:
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
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from None
    text = decode_bytes(_read_bytes(path), where=str(path))
    yield from enumerate(text.splitlines()[number:], start=number + 1)


def _line_articles(
    lines: Iterable[tuple[int, str]],
    *,
    rel: str,
    source: str,
    fields: FieldNames,
    on_problem: OnProblem,
) -> Iterator[Article]:
    """The articles of numbered JSON lines."""
    for number, line in lines:
        if not line.strip():
            continue
        where = f"{source} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            on_problem(
                InputError(
                    where, f"not valid JSON ({exc.msg} at column {exc.colno})", hint="fix the line"
                )
            )
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
            yield _record_article(record, where=where, fallback_id=f"{rel}:{number}", fields=fields)
        except InputError as problem:
            on_problem(problem)


def _json_kind(value: object) -> str:
    kinds = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def _csv_articles(
    text: str, *, rel: str, source: str, fields: FieldNames, on_problem: OnProblem
) -> Iterator[Article]:
    # One stream, not `text.splitlines()`: a quoted field keeps its line breaks, and a row is
    # named by the line it starts on.
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
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
            on_problem(InputError(where, f"bad CSV: {exc}"))
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
            yield _record_article(record, where=where, fallback_id=f"{rel}:{line}", fields=fields)
        except InputError as problem:
            on_problem(problem)


# Field names listed when the text field is missing (the record may have hundreds).
_LISTED_FIELDS = 8


def _record_article(
    record: dict[str, Any], *, where: str, fallback_id: str, fields: FieldNames
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
    _require_text(text, where)
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
