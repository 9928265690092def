"""`dedup eval`: cluster a labelled corpus with the labels hidden and score the result."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dedup.cli.documents import load
from dedup.cli.exits import exit_codes
from dedup.cli.options import (
    ClusterThresholdOpt,
    ConfigOpt,
    NearDuplicateOpt,
    OutOpt,
    QuietOpt,
    SameEventOpt,
    StrictOpt,
    format_option,
)
from dedup.cli.output import progress_bar, report_file
from dedup.cli.tuning import tuned


class EvalFormat(StrEnum):
    """The formats `dedup eval` prints."""

    TERMINAL = "terminal"
    JSON = "json"


def eval_command(
    path: Annotated[Path, typer.Argument(help="A labelled corpus (jsonl or csv).", readable=False)],
    label_field: Annotated[
        str, typer.Option(help="Field holding the gold cluster label (hidden from clustering).")
    ] = "cluster",
    exclude_field: Annotated[
        str | None,
        typer.Option(help="Leave documents whose FIELD is true out of the scores."),
    ] = None,
    output_format: Annotated[EvalFormat, format_option(EvalFormat)] = EvalFormat.TERMINAL,
    out: OutOpt = None,
    quiet: QuietOpt = False,
    strict: StrictOpt = False,
    config: ConfigOpt = None,
    near_duplicate: NearDuplicateOpt = None,
    same_event: SameEventOpt = None,
    cluster_threshold: ClusterThresholdOpt = None,
) -> None:
    """Cluster a labelled corpus with the labels hidden, and score the clusters against them.

    Prints pairwise precision, recall and F1 (document pairs sharing a predicted cluster vs
    pairs sharing a gold label), the adjusted Rand index, LSH candidate recall on the gold
    pairs, how gold pairs were labelled (copies vs rewrites), and counts per relation.
    """
    with exit_codes(), report_file(out) as sink:
        from dedup.api import evaluate
        from dedup.render.clusters_eval import render_eval_json, render_eval_text

        settings = tuned(
            config, near_duplicate=near_duplicate, same_event=same_event, cluster=cluster_threshold
        ).settings
        articles = load([path], strict=strict)
        with progress_bar(quiet) as progress:
            result = evaluate(
                articles,
                label_field=label_field,
                exclude_field=exclude_field,
                settings=settings,
                progress=progress,
            )
        render = render_eval_json if output_format is EvalFormat.JSON else render_eval_text
        sink.write(render(result))
