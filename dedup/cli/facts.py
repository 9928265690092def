"""`dedup facts`: the typed facts and event summary of each document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from dedup.cli.documents import stream
from dedup.cli.exits import exit_codes
from dedup.cli.options import (
    DateFieldOpt,
    IdFieldOpt,
    InputFormatOpt,
    OutOpt,
    PathsArg,
    QuietOpt,
    StrictOpt,
    TextFieldOpt,
    TitleFieldOpt,
    format_option,
)
from dedup.cli.output import console_on, draws_progress, progress_bar, report_file, write_lines
from dedup.read import DEFAULT_FIELDS, FieldNames, estimate_documents

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
    output_format: Annotated[
        FactsFormat,
        format_option(FactsFormat, note="jsonl: a line per document, written as each is done."),
    ] = FactsFormat.TERMINAL,
    out: OutOpt = None,
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
    with exit_codes(), report_file(out) as sink:
        from dedup.facts_parallel import facts_in_order
        from dedup.workers import default_jobs

        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        articles = stream(paths, strict=strict, fields=fields, input_format=input_format)
        workers = jobs or default_jobs()
        expected = estimate_documents(paths) if draws_progress(quiet) else 0
        documents: list[ArticleFacts] = []
        with progress_bar(quiet) as progress:

            def advance(done: int) -> None:
                progress("facts", done, max(done, expected))

            if output_format is FactsFormat.JSONL:
                _write_lines(articles, sink, jobs=workers, advance=advance)
                return
            for found in facts_in_order(articles, jobs=workers, shape=_same):
                documents.append(found)
                advance(len(documents))
        if output_format is FactsFormat.JSON:
            from dedup.render.facts_json import render_facts_json

            sink.write(render_facts_json(documents))
        elif output_format is FactsFormat.MARKDOWN:
            from dedup.render.markdown import render_facts_markdown

            sink.write(render_facts_markdown(documents))
        else:
            from dedup.render.terminal import print_facts

            print_facts(documents, console_on(sink))


def _same(found: ArticleFacts) -> ArticleFacts:
    return found


def _write_lines(
    articles: Iterable[Article], sink: TextIO, *, jobs: int, advance: Callable[[int], None]
) -> None:
    """Write each article's JSON line as soon as it and the ones before it are done."""
    from dedup.facts_parallel import facts_in_order
    from dedup.render.facts_json import facts_line

    def advanced(lines: Iterable[str]) -> Iterator[str]:
        for done, line in enumerate(lines, start=1):
            yield line
            advance(done)

    write_lines(advanced(facts_in_order(articles, jobs=jobs, shape=facts_line)), sink)
