"""Reading the documents a command works on: cleaned, with bad items warned about or fatal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dedup.api import read
from dedup.article import Article
from dedup.cli.exits import warn_skipped
from dedup.errors import InputError
from dedup.read import DEFAULT_FIELDS, FieldNames, no_documents


def load(
    paths: list[Path],
    *,
    strict: bool,
    fields: FieldNames = DEFAULT_FIELDS,
    input_format: str = "txt",
) -> list[Article]:
    """Read and clean articles; in a batch a bad item is reported on stderr and skipped."""
    return list(stream(paths, strict=strict, fields=fields, input_format=input_format))


def one_document(path: Path, *, strict: bool, input_format: str = "txt") -> Article:
    """The single article in `path`, or an InputError saying how many there were."""
    articles = load([path], strict=strict, input_format=input_format)
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
    fields: FieldNames = DEFAULT_FIELDS,
    input_format: str = "txt",
) -> Iterator[Article]:
    """Read and clean articles one at a time (`dedup.read`), so that a command can hand each on
    as it comes; a bad item is warned about and skipped, or with `strict` raised. Reading no
    document at all is an InputError, raised when the input ends."""
    skipped = 0

    def report(problem: InputError) -> None:
        nonlocal skipped
        if strict:
            raise problem
        skipped += 1
        warn_skipped(problem)

    found = False
    for article in read(
        *paths,
        id_field=fields.id,
        text_field=fields.text,
        title_field=fields.title,
        date_field=fields.published,
        input_format=input_format,
        on_problem=report,
    ):
        found = True
        yield article
    if not found:
        raise no_documents(paths, skipped=skipped)


def by_reference(reference: str, *, strict: bool, input_format: str = "txt") -> Article:
    """The document a command-line reference names: `PATH` (a file of one document), `-`
    (standard input) or `PATH#ID` (the document with that id in a file or folder)."""
    path = Path(reference)
    if "#" not in reference or path.exists():
        return one_document(path, strict=strict, input_format=input_format)
    where, _, doc_id = reference.rpartition("#")
    return by_id(load([Path(where)], strict=strict), doc_id, where=where)


def by_id(articles: list[Article], doc_id: str, *, where: str) -> Article:
    """The article with `doc_id`, or an InputError naming where it was looked for."""
    for article in articles:
        if article.id == doc_id:
            return article
    raise InputError(where, f"no document with id {doc_id!r}", hint="see the ids with `dedup read`")


def read_pairs(path: Path) -> list[tuple[int, str, str]]:
    """The id pairs of a CSV file (a header, then the two ids in its first two columns), each
    with its line number."""
    import csv
    import io

    from dedup.decode import decode_bytes

    try:
        text = decode_bytes(path.read_bytes(), where=str(path))
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or len(header) < 2:
        raise InputError(str(path), "expected a header and two id columns, e.g. left,right")
    pairs: list[tuple[int, str, str]] = []
    while True:
        line = reader.line_num + 1
        row = next(reader, None)
        if row is None:
            return pairs
        if len(row) < 2 or not row[0] or not row[1]:
            if any(row):
                raise InputError(f"{path} line {line}", "expected two ids")
            continue
        pairs.append((line, row[0], row[1]))
