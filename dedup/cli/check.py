"""`dedup check`: new documents against the index; exit 1 when one reaches --fail-on."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dedup.cli.documents import load
from dedup.cli.exits import choose, exit_codes, say
from dedup.cli.index import describe_added
from dedup.cli.options import (
    DateFieldOpt,
    IdFieldOpt,
    IndexOpt,
    PathsArg,
    TextFieldOpt,
    TitleFieldOpt,
    format_option,
)
from dedup.errors import ExitCode
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
        str,
        typer.Option(
            "--fail-on", help="Weakest relation that fails: duplicate, near-duplicate, same-event."
        ),
    ] = "near-duplicate",
    output_format: Annotated[CheckFormat, format_option(CheckFormat)] = CheckFormat.TERMINAL,
    add: Annotated[
        bool, typer.Option("--add", help="Add the new documents to the index if the check passes.")
    ] = False,
    id_field: IdFieldOpt = DEFAULT_FIELDS.id,
    text_field: TextFieldOpt = DEFAULT_FIELDS.text,
    title_field: TitleFieldOpt = DEFAULT_FIELDS.title,
    date_field: DateFieldOpt = DEFAULT_FIELDS.published,
) -> None:
    """Check new documents against the index and each other; exit 1 if one reaches --fail-on.

    Each new document is compared with the indexed documents that share LSH band keys with it
    and with the other new documents. A finding names the matched document(s), the relation,
    the score and the top discrepancies (new vs matched). Below --fail-on a match is a warning.
    A document whose id and content are already indexed is not compared (it passes); one whose
    id is indexed with other content is compared with everything but its old version. Every
    new file must be readable: an unreadable one is an error (exit 3), not a skip.
    """
    with exit_codes():
        from dedup.check import check_articles, with_indexed_ids
        from dedup.check_report import FAIL_ON_CHOICES
        from dedup.indexing import add_articles, open_index
        from dedup.settings import DEFAULT_SETTINGS

        choose(fail_on, FAIL_ON_CHOICES, "--fail-on")
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        with open_index(index_file, create=False, writable=add) as index:
            articles = with_indexed_ids(load(paths, strict=True, fields=fields), index)
            report = check_articles(articles, index, fail_on=fail_on)
            _render_check(report, output_format)
            if add and report.failed:
                say(f"dedup: nothing added to {index_file}: the check failed")
            elif add:
                result = add_articles(index, articles, settings=DEFAULT_SETTINGS.match)
                say(f"dedup: {index_file}: {describe_added(result)}")
        if report.failed:
            raise typer.Exit(int(ExitCode.FINDINGS))


def _render_check(report: CheckReport, output_format: CheckFormat) -> None:
    from dedup.render import check_formats

    if output_format is CheckFormat.TERMINAL:
        from rich.console import Console

        from dedup.render.terminal_check import print_check

        print_check(report, Console(highlight=False))
        return
    render = {
        CheckFormat.JSON: check_formats.render_json,
        CheckFormat.GITHUB: check_formats.render_github,
        CheckFormat.JUNIT: check_formats.render_junit,
        CheckFormat.MARKDOWN: check_formats.render_markdown,
    }[output_format]
    sys.stdout.write(render(report))
