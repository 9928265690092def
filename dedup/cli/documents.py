"""Reading the documents a command works on: cleaned, with bad items warned about or fatal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dedup.article import Article
from dedup.clean import clean_article
from dedup.cli.exits import warn_skipped
from dedup.errors import InputError
from dedup.read import DEFAULT_FIELDS, FieldNames, no_documents, read_paths


def load(
    paths: list[Path],
    *,
    strict: bool,
    fields: FieldNames = DEFAULT_FIELDS,
) -> list[Article]:
    """Read and clean articles; in a batch a bad item is reported on stderr and skipped."""
    skipped = 0

    def report(problem: InputError) -> None:
        nonlocal skipped
        if strict:
            raise problem
        skipped += 1
        warn_skipped(problem)

    articles = [
        clean_article(article) for article in read_paths(paths, fields=fields, on_problem=report)
    ]
    empty = [article for article in articles if not article.text.strip()]
    for article in empty:
        report(InputError(article.source or article.id, "empty document after removing page junk"))
    articles = [article for article in articles if article.text.strip()]
    if not articles:
        raise no_documents(paths, skipped=skipped)
    return articles


def one_document(path: Path, *, strict: bool) -> Article:
    """The single article in `path`, or an InputError saying how many there were."""
    articles = load([path], strict=strict)
    if len(articles) != 1:
        raise InputError(
            str(path),
            f"expected one document, found {len(articles)}",
            hint="pass a file that holds a single article",
        )
    return articles[0]


def stream(paths: list[Path], *, strict: bool, fields: FieldNames) -> Iterator[Article]:
    """Read and clean articles one at a time; like `load`, bad items are warned about."""

    def report(problem: InputError) -> None:
        if strict:
            raise problem
        warn_skipped(problem)

    for article in read_paths(paths, fields=fields, on_problem=report):
        cleaned = clean_article(article)
        if not cleaned.text.strip():
            where = cleaned.source or cleaned.id
            report(InputError(where, "empty document after removing page junk"))
            continue
        yield cleaned
