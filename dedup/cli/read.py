"""`dedup read`: the documents as the other commands see them, one JSON line each."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from dedup.article import Article
from dedup.cli.documents import stream
from dedup.cli.exits import exit_codes
from dedup.cli.options import (
    DateFieldOpt,
    IdFieldOpt,
    InputFormatOpt,
    OutOpt,
    PathsArg,
    StrictOpt,
    TextFieldOpt,
    TitleFieldOpt,
)
from dedup.cli.output import report_file, write_lines
from dedup.read import DEFAULT_FIELDS, FieldNames
from dedup.render.escape import json_text


def read_command(
    paths: PathsArg,
    out: OutOpt = None,
    strict: StrictOpt = False,
    id_field: IdFieldOpt = DEFAULT_FIELDS.id,
    text_field: TextFieldOpt = DEFAULT_FIELDS.text,
    title_field: TitleFieldOpt = DEFAULT_FIELDS.title,
    date_field: DateFieldOpt = DEFAULT_FIELDS.published,
    input_format: InputFormatOpt = "txt",
) -> None:
    """Read and clean documents; print one JSON line each with the junk that was removed.

    Shows exactly what the other commands work on: the text after cleaning, the metadata
    found (title, published date, url), and the page junk taken out. Each line is written as
    soon as its document is read.
    """
    with exit_codes(), report_file(out) as sink:
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        articles = stream(paths, strict=strict, fields=fields, input_format=input_format)
        write_lines(_lines(articles), sink)


def _lines(articles: Iterable[Article]) -> Iterator[str]:
    """One JSON line per article, as each is read: what the other commands see, and the junk
    that cleaning removed."""
    for article in articles:
        record = {**article.metadata(), "text": article.text, "removed": list(article.removed)}
        yield json_text(json.dumps(record, ensure_ascii=False, sort_keys=True)) + "\n"
