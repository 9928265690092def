"""`dedup facts`: the typed facts and event summary of each document."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

from dedup.cli.documents import load
from dedup.cli.exits import exit_codes
from dedup.cli.options import (
    DateFieldOpt,
    IdFieldOpt,
    PathsArg,
    StrictOpt,
    TextFieldOpt,
    TitleFieldOpt,
    format_option,
)
from dedup.read import DEFAULT_FIELDS, FieldNames


class FactsFormat(StrEnum):
    """The formats `dedup facts` prints."""

    TERMINAL = "terminal"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"


def facts_command(
    paths: PathsArg,
    output_format: Annotated[FactsFormat, format_option(FactsFormat)] = FactsFormat.TERMINAL,
    strict: StrictOpt = False,
    id_field: IdFieldOpt = DEFAULT_FIELDS.id,
    text_field: TextFieldOpt = DEFAULT_FIELDS.text,
    title_field: TitleFieldOpt = DEFAULT_FIELDS.title,
    date_field: DateFieldOpt = DEFAULT_FIELDS.published,
) -> None:
    """Extract facts per document: figures, casualty counts by role, dates, places, names.

    Each document gets its facts (typed values with their span and sentence) and a summary of
    its main event: killed, injured, event date (relative dates resolved against the published
    date) and places. jsonl prints one line per document: {"id", "facts", "summary"}.
    """
    with exit_codes():
        from dedup.factcheck import extract_facts

        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        documents = [extract_facts(a) for a in load(paths, strict=strict, fields=fields)]
        if output_format in (FactsFormat.JSON, FactsFormat.JSONL):
            from dedup.render.json import render_facts_json, render_facts_jsonl

            json = output_format is FactsFormat.JSON
            render = render_facts_json if json else render_facts_jsonl
            sys.stdout.write(render(documents))
        elif output_format is FactsFormat.MARKDOWN:
            from dedup.render.markdown import render_facts_markdown

            sys.stdout.write(render_facts_markdown(documents))
        else:
            from rich.console import Console

            from dedup.render.terminal import print_facts

            print_facts(documents, Console(highlight=False))
