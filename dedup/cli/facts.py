"""`dedup facts`: the typed facts and event summary of each document."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dedup.cli.documents import stream
from dedup.cli.exits import exit_codes, warn_skipped
from dedup.cli.options import (
    DateFieldOpt,
    IdFieldOpt,
    InputFormatOpt,
    PathsArg,
    QuietOpt,
    StrictOpt,
    TextFieldOpt,
    TitleFieldOpt,
    format_option,
)
from dedup.cli.output import draws_progress, progress_bar
from dedup.errors import InputError
from dedup.read import DEFAULT_FIELDS, FieldNames, estimate_documents, no_documents

if TYPE_CHECKING:
    from dedup.article import Article
    from dedup.factcheck import ArticleFacts


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
    input_format: InputFormatOpt = "txt",
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", help="Processes extracting facts [all cores].", min=1),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Extract facts per document: figures, casualty counts by role, dates, places, names.

    Each document gets its facts (typed values with their span and sentence) and a summary of
    its main event: killed, injured, event date (relative dates resolved against the published
    date) and places. jsonl prints one line per document: {"id", "facts", "summary"}, in input
    order as soon as each is done. Documents are read here and their facts extracted on --jobs
    processes; a progress bar on stderr when it is a terminal (not with --quiet).
    """
    with exit_codes():
        from dedup.facts_parallel import facts_in_order
        from dedup.workers import default_jobs

        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        skipped = [0]

        def report(problem: InputError) -> None:
            if strict:
                raise problem
            skipped[0] += 1
            warn_skipped(problem)

        articles = stream(
            paths, strict=strict, fields=fields, input_format=input_format, on_problem=report
        )
        workers = jobs or default_jobs()
        expected = estimate_documents(paths) if draws_progress(quiet) else 0
        documents: list[ArticleFacts] = []
        with progress_bar(quiet) as progress:

            def advance(done: int) -> None:
                progress("facts", done, max(done, expected))

            if output_format is FactsFormat.JSONL:
                written = _write_lines(articles, jobs=workers, advance=advance)
            else:
                for found in facts_in_order(articles, jobs=workers, shape=_same):
                    documents.append(found)
                    advance(len(documents))
                written = len(documents)
        if not written:
            raise no_documents(paths, skipped=skipped[0])
        if output_format is FactsFormat.JSON:
            from dedup.render.facts_json import render_facts_json

            sys.stdout.write(render_facts_json(documents))
        elif output_format is FactsFormat.MARKDOWN:
            from dedup.render.markdown import render_facts_markdown

            sys.stdout.write(render_facts_markdown(documents))
        elif output_format is FactsFormat.TERMINAL:
            from rich.console import Console

            from dedup.render.terminal import print_facts

            print_facts(documents, Console(highlight=False))


def _same(found: ArticleFacts) -> ArticleFacts:
    return found


def _write_lines(articles: Iterable[Article], *, jobs: int, advance: Callable[[int], None]) -> int:
    """Write each article's JSON line as soon as it and the ones before it are done; how many."""
    from dedup.facts_parallel import facts_in_order
    from dedup.render.facts_json import facts_line

    written = 0
    for line in facts_in_order(articles, jobs=jobs, shape=facts_line):
        sys.stdout.write(line)
        sys.stdout.flush()  # a reader downstream (`| head -1`) has it at once
        written += 1
        advance(written)
    return written
