"""Reading articles from files and directories: txt/md, html, jsonl, csv.

This module (with `walk`, `records` and `decode`, which it reads through) and the index are
the only places that touch disk. Every function here yields raw `Article`s (text as found in
the file); cleaning is a separate, pure stage.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from dedup.article import Article
from dedup.decode import read_stdin, read_text
from dedup.errors import InputError
from dedup.limits import require_size, require_text
from dedup.records import (
    DEFAULT_FIELDS,
    FieldNames,
    OnProblem,
    csv_articles,
    jsonl_articles,
    jsonl_file_articles,
    normalise_date,
)
from dedup.settings import DEFAULT_SETTINGS, ReadSettings
from dedup.walk import (
    CSV_SUFFIXES,
    HTML_SUFFIXES,
    INPUT_FORMATS,
    JSONL_SUFFIXES,
    STDIN,
    STDIN_SOURCE,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    check_input_format,
    file_problem,
    input_files,
    shown,
)

# Read from here by the other modules and the tests: one door for reading.
__all__ = [
    "DEFAULT_FIELDS",
    "INPUT_FORMATS",
    "STDIN",
    "FieldNames",
    "OnProblem",
    "check_input_format",
    "duplicate_id",
    "estimate_documents",
    "input_files",
    "jsonl_articles",
    "no_documents",
    "normalise_date",
    "read_file",
    "read_paths",
]

# A leading dateline such as "date 2023-11-13" (seed 003): metadata, not article text.
_DATELINE = re.compile(
    r"\A\s*(?:date|dateline|published)\s*:?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE
)
# A first line with no sentence end, followed by a blank line, is the headline ("# " in markdown).
_HEADLINE = re.compile(r"\A\s*(?:#+\s*)?([^\n]*[^\s.!?:;,\n])[ \t]*\n[ \t]*\n")
_MAX_HEADLINE_WORDS = 25


def _raise(problem: InputError) -> None:
    raise problem


def read_paths(
    paths: Iterable[Path],
    *,
    fields: FieldNames = DEFAULT_FIELDS,
    on_problem: OnProblem = _raise,
    limits: ReadSettings = DEFAULT_SETTINGS.read,
    stdin_format: str = "txt",
) -> Iterator[Article]:
    """Yield the articles under each path, files and directories alike, in a stable order.

    A problem with one file, line or row is passed to `on_problem` and that item is skipped;
    the default raises, which stops at the first problem (`--strict`). A path that does not
    exist is always raised: it is a mistake in the command, not in the corpus. Anything past
    `limits` (a document's size, a line's length, JSON nesting) is such a problem. The path
    `-` is standard input, read as `stdin_format` (txt, md, html, jsonl or csv).
    """
    seen: dict[str, str] = {}
    for path, rel in input_files(paths):
        try:
            for article in read_file(
                path,
                rel,
                fields=fields,
                on_problem=on_problem,
                limits=limits,
                as_format=stdin_format,
            ):
                where = seen.get(article.id)
                if where is not None:
                    on_problem(duplicate_id(article.id, article.source or shown(path), first=where))
                    continue
                seen[article.id] = article.source or shown(path)
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
        if path != STDIN and (suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES):
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
        " ".join(shown(path) for path in paths),
        "no readable documents" + (f" ({skipped} skipped)" if skipped else ""),
        hint="see the warnings above",
    )


def read_file(
    path: Path,
    rel: str,
    *,
    fields: FieldNames = DEFAULT_FIELDS,
    on_problem: OnProblem = _raise,
    limits: ReadSettings = DEFAULT_SETTINGS.read,
    as_format: str = "txt",
) -> Iterator[Article]:
    """The articles of one file whose documents' ids start with `rel` (see `input_files`);
    the path `-` is standard input, read `as_format`."""
    stdin = path == STDIN
    source = STDIN_SOURCE if stdin else shown(path)
    problem = None if stdin else file_problem(path)
    if problem is not None:
        raise problem
    suffix = f".{as_format}" if stdin else path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            source,
            f"unsupported file type {shown(suffix) or '(none)'!r}",
            hint="use .txt, .md, .html, .htm, .jsonl or .csv",
        )
    if suffix in JSONL_SUFFIXES and not stdin:
        yield from jsonl_file_articles(
            path, rel=rel, fields=fields, on_problem=on_problem, limits=limits
        )
        return
    if stdin:
        text = read_stdin(settings=limits)
    else:
        if suffix not in CSV_SUFFIXES:
            require_size(path, limits=limits)
        text = read_text(path, settings=limits)
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_articles(
            text, rel=rel, source=source, fields=fields, on_problem=on_problem, limits=limits
        )
    elif suffix in TEXT_SUFFIXES:
        yield _text_article(text, doc_id=rel, source=source, limits=limits)
    elif suffix in HTML_SUFFIXES:
        yield _html_article(text, doc_id=rel, source=source, limits=limits)
    else:
        yield from csv_articles(
            text, rel=rel, source=source, fields=fields, on_problem=on_problem, limits=limits
        )


def _text_article(text: str, *, doc_id: str, source: str, limits: ReadSettings) -> Article:
    # Windows and old Mac line endings would hide the blank line after a headline.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    published = None
    match = _DATELINE.match(text)
    if match:
        published = match.group(1)
        text = text[match.end() :]
    require_text(text, source, limits=limits)
    title = None
    headline = _HEADLINE.match(text)
    if headline and len(headline.group(1).split()) <= _MAX_HEADLINE_WORDS:
        title = headline.group(1).strip()
        text = text[headline.end() :]
        require_text(text, source, limits=limits)
    return Article(
        id=doc_id, text=text, title=title, published=published, source=source, location=source
    )


def _html_article(html: str, *, doc_id: str, source: str, limits: ReadSettings) -> Article:
    import trafilatura  # heavy import, only needed for html

    extracted = trafilatura.extract(html, output_format="json", with_metadata=True)
    if not extracted:
        raise InputError(source, "no article text found in the HTML page")
    record = json.loads(extracted)
    text = record.get("text") or ""
    require_text(text, source, limits=limits)
    return Article(
        id=doc_id,
        text=text,
        title=record.get("title") or None,
        published=normalise_date(record.get("date")),
        url=record.get("source") or None,
        source=source,
        location=source,
    )
