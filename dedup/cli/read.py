"""`dedup read`: the documents as the other commands see them, one JSON line each."""

from __future__ import annotations

import json
import sys

from dedup.cli.documents import load
from dedup.cli.exits import exit_codes
from dedup.cli.options import (
    DateFieldOpt,
    IdFieldOpt,
    InputFormatOpt,
    PathsArg,
    StrictOpt,
    TextFieldOpt,
    TitleFieldOpt,
)
from dedup.read import DEFAULT_FIELDS, FieldNames
from dedup.render.escape import json_text


def read_command(
    paths: PathsArg,
    strict: StrictOpt = False,
    id_field: IdFieldOpt = DEFAULT_FIELDS.id,
    text_field: TextFieldOpt = DEFAULT_FIELDS.text,
    title_field: TitleFieldOpt = DEFAULT_FIELDS.title,
    date_field: DateFieldOpt = DEFAULT_FIELDS.published,
    input_format: InputFormatOpt = "txt",
) -> None:
    """Read and clean documents; print one JSON line each with the junk that was removed.

    Shows exactly what the other commands work on: the text after cleaning, the metadata
    found (title, published date, url), and the page junk taken out.
    """
    with exit_codes():
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        for article in load(paths, strict=strict, fields=fields, input_format=input_format):
            record = {**article.metadata(), "text": article.text, "removed": list(article.removed)}
            line = json.dumps(record, ensure_ascii=False, sort_keys=True)
            sys.stdout.write(json_text(line) + "\n")
