"""`dedup diff`: two reports side by side and where they disagree."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dedup.cli.documents import one_document
from dedup.cli.exits import exit_codes
from dedup.cli.options import OutOpt, StrictOpt, format_option
from dedup.cli.output import write_report


class DiffFormat(StrEnum):
    """The formats `dedup diff` prints."""

    TERMINAL = "terminal"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


def diff_command(
    left: Annotated[Path, typer.Argument(help="The first article (any readable format).")],
    right: Annotated[Path, typer.Argument(help="The second article.")],
    output_format: Annotated[DiffFormat, format_option(DiffFormat)] = DiffFormat.TERMINAL,
    out: OutOpt = None,
    strict: StrictOpt = False,
    every_omission: Annotated[
        bool,
        typer.Option(
            "--all", help="List every one-sided fact, not only the most salient (8 by default)."
        ),
    ] = False,
) -> None:
    """Show two reports side by side, sentence against sentence, and where they disagree.

    A header with both documents' metadata and their relation (duplicate, near-duplicate,
    same-event, unrelated) with its scores; aligned sentences (= same, ~ changed, ↕ moved,
    < left only, > right only) with changed words and conflicting facts highlighted; then the
    discrepancies: conflicts (the same slot, such as a casualty count, a person's age or an
    amount, stated with incompatible values; "evolving" when the reports are of different
    days), then the salient facts only one report states (casualties, when and where, who,
    key figures), most salient first, then differing metadata. html: one self-contained page
    (findings linked to their rows, both reports side by side), to open or share.
    """
    with exit_codes():
        from dedup.diff import build_diff

        report = build_diff(
            one_document(left, strict=strict),
            one_document(right, strict=strict),
            every_omission=every_omission,
        )
        if output_format is DiffFormat.JSON:
            from dedup.render.json import render_diff_json

            write_report(render_diff_json(report), out)
        elif output_format is DiffFormat.MARKDOWN:
            from dedup.render.markdown import render_diff_markdown

            write_report(render_diff_markdown(report), out)
        elif output_format is DiffFormat.HTML:
            from dedup.render.html_diff import render_diff_html

            write_report(render_diff_html(report), out)
        elif out is not None:
            from dedup.render.terminal import render_diff_text

            write_report(render_diff_text(report, width=100), out)
        else:
            from rich.console import Console

            from dedup.render.terminal import print_diff

            print_diff(report, Console(highlight=False))
