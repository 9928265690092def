"""`dedup facts`: the typed facts and event summary of each document."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from dedup.cli.documents import load
from dedup.cli.exits import choose, exit_codes
from dedup.cli.options import (
    DateFieldOpt,
    IdFieldOpt,
    PathsArg,
    StrictOpt,
    TextFieldOpt,
    TitleFieldOpt,
)
from dedup.read import DEFAULT_FIELDS, FieldNames

FACTS_FORMATS = ("terminal", "json", "jsonl", "markdown")


def facts_command(
    paths: PathsArg,
    output_format: Annotated[
        str, typer.Option("--format", help="terminal, json, jsonl or markdown.")
    ] = "terminal",
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
        from dedup.facts import extract_facts

        fmt = choose(output_format, FACTS_FORMATS, "--format")
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        documents = [extract_facts(a) for a in load(paths, strict=strict, fields=fields)]
        if fmt in ("json", "jsonl"):
            from dedup.render.json import render_facts_json, render_facts_jsonl

            render = render_facts_json if fmt == "json" else render_facts_jsonl
            sys.stdout.write(render(documents))
        elif fmt == "markdown":
            from dedup.render.markdown import render_facts_markdown

            sys.stdout.write(render_facts_markdown(documents))
        else:
            from rich.console import Console

            from dedup.render.terminal import print_facts

            print_facts(documents, Console(highlight=False))
