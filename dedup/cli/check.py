"""`dedup check`: new documents against the index; exit 1 when one reaches --fail-on."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from dedup.cli.documents import load
from dedup.cli.exits import choose, exit_codes, say
from dedup.cli.index import describe_added
from dedup.cli.options import (
    ClusterThresholdOpt,
    ConfigOpt,
    DateFieldOpt,
    IdFieldOpt,
    IndexOpt,
    InputFormatOpt,
    NearDuplicateOpt,
    OutOpt,
    PathsArg,
    SameEventOpt,
    TextFieldOpt,
    TitleFieldOpt,
    format_option,
)
from dedup.cli.output import console_on, report_file, writable_target
from dedup.cli.tuning import tuned
from dedup.errors import ExitCode, InputError
from dedup.read import DEFAULT_FIELDS, FieldNames

if TYPE_CHECKING:
    from dedup.check_report import CheckReport


class CheckFormat(StrEnum):
    """The formats `dedup check` prints."""

    TERMINAL = "terminal"
    JSON = "json"
    GITHUB = "github"
    JUNIT = "junit"
    MARKDOWN = "markdown"


def check_command(
    paths: PathsArg,
    index_file: IndexOpt,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Weakest relation that fails: duplicate, near-duplicate, same-event "
            "[default: the settings file's fail-on, else near-duplicate].",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[CheckFormat, format_option(CheckFormat)] = CheckFormat.TERMINAL,
    out: OutOpt = None,
    add: Annotated[
        bool, typer.Option("--add", help="Add the new documents to the index if the check passes.")
    ] = False,
    summary: Annotated[
        Path | None,
        typer.Option(
            "--summary",
            help="Also append the report as markdown to FILE (in CI: $GITHUB_STEP_SUMMARY).",
        ),
    ] = None,
    id_field: IdFieldOpt = DEFAULT_FIELDS.id,
    text_field: TextFieldOpt = DEFAULT_FIELDS.text,
    title_field: TitleFieldOpt = DEFAULT_FIELDS.title,
    date_field: DateFieldOpt = DEFAULT_FIELDS.published,
    input_format: InputFormatOpt = "txt",
    config: ConfigOpt = None,
    near_duplicate: NearDuplicateOpt = None,
    same_event: SameEventOpt = None,
    cluster_threshold: ClusterThresholdOpt = None,
) -> None:
    """Check new documents against the index and each other; exit 1 if one reaches --fail-on.

    Each new document is compared with the indexed documents that share LSH band keys with it
    and with the other new documents. A finding names the matched document(s), the relation,
    the score and the top discrepancies (new vs matched). Below --fail-on a match is a warning.
    A document whose id and content are already indexed is not compared (it passes); one whose
    id is indexed with other content is compared with everything but its old version. Every
    new file must be readable: an unreadable one is an error (exit 3), not a skip. The
    thresholds must be those the index was built with (exit 4 otherwise).
    """
    with exit_codes(), report_file(out) as sink:
        from dedup.api_index import Index
        from dedup.check import with_indexed_ids
        from dedup.check_report import FAIL_ON_CHOICES

        if summary is not None:
            # Checked before the work, as --out is: a CI job learns of a bad path at once.
            writable_target(summary)

        tuning = tuned(
            config, near_duplicate=near_duplicate, same_event=same_event, cluster=cluster_threshold
        )
        weakest = fail_on or tuning.fail_on or "near-duplicate"
        choose(weakest, FAIL_ON_CHOICES, "--fail-on")
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        with Index(index_file, settings=tuning.settings, writable=add) as index:
            # Renamed here too, so that --add stores a known file under its indexed id.
            read = load(paths, strict=True, fields=fields, input_format=input_format)
            articles = with_indexed_ids(read, index.store)
            report = index.check(articles, fail_on=weakest)
            _render_check(report, output_format, sink)
            if summary is not None:
                _append_summary(report, summary)
            if add and report.failed:
                say(f"dedup: nothing added to {index_file}: the check failed")
            elif add:
                say(f"dedup: {index_file}: {describe_added(index.add(articles))}")
    # Outside the block: a failed check is a report written in full, then exit 1.
    if report.failed:
        raise typer.Exit(int(ExitCode.FINDINGS))


def _append_summary(report: CheckReport, summary: Path) -> None:
    """Append the markdown report to `summary`: one run gives annotations and a job summary."""
    from dedup.render.check_formats import render_markdown

    try:
        with summary.open("a", encoding="utf-8") as handle:
            handle.write(render_markdown(report))
    except OSError as error:
        raise InputError(str(summary), f"cannot write: {error.strerror}") from None


def _render_check(report: CheckReport, output_format: CheckFormat, sink: TextIO) -> None:
    from dedup.render import check_formats

    if output_format is CheckFormat.TERMINAL:
        from dedup.render.terminal_check import print_check

        print_check(report, console_on(sink))
        return
    render = {
        CheckFormat.JSON: check_formats.render_json,
        CheckFormat.GITHUB: check_formats.render_github,
        CheckFormat.JUNIT: check_formats.render_junit,
        CheckFormat.MARKDOWN: check_formats.render_markdown,
    }[output_format]
    sink.write(render(report))
