"""Reading the documents a command works on: cleaned, with bad items warned about or fatal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dedup.api import OnProblem, read
from dedup.article import Article
from dedup.cli.exits import warn_skipped
from dedup.errors import InputError
from dedup.read import DEFAULT_FIELDS, FieldNames, no_documents


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

    articles = list(stream(paths, strict=strict, fields=fields, on_problem=report))
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


def stream(
    paths: list[Path],
    *,
    strict: bool,
    fields: FieldNames,
    on_problem: OnProblem | None = None,
) -> Iterator[Article]:
    """Read and clean articles one at a time (`dedup.read`); a bad item is warned about and
    skipped (`on_problem`), or with `strict` raised."""

    def report(problem: InputError) -> None:
        if strict:
            raise problem
        warn_skipped(problem)

    yield from read(
        *paths,
        id_field=fields.id,
        text_field=fields.text,
        title_field=fields.title,
        date_field=fields.published,
        on_problem=on_problem or report,
    )
