"""`dedup explain`: why two documents are (not) put together."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from dedup.cli.diff import DocumentsArg, IdsOpt, pairs_of
from dedup.cli.exits import exit_codes
from dedup.cli.options import (
    ClusterThresholdOpt,
    ConfigOpt,
    NearDuplicateOpt,
    OutOpt,
    SameEventOpt,
    StrictOpt,
    format_option,
)
from dedup.cli.output import report_file
from dedup.cli.tuning import tuned

if TYPE_CHECKING:
    from dedup.explanation import Explanation


class ExplainFormat(StrEnum):
    """The formats `dedup explain` prints."""

    TERMINAL = "terminal"
    JSON = "json"


def explain_command(
    documents: DocumentsArg,
    ids: IdsOpt = None,
    output_format: Annotated[ExplainFormat, format_option(ExplainFormat)] = ExplainFormat.TERMINAL,
    out: OutOpt = None,
    strict: StrictOpt = False,
    config: ConfigOpt = None,
    near_duplicate: NearDuplicateOpt = None,
    same_event: SameEventOpt = None,
    cluster_threshold: ClusterThresholdOpt = None,
) -> None:
    """Say why two documents are (not) put together: relation, evidence, thresholds.

    The relation and its evidence (word n-gram Jaccard, term cosine, date and year factors)
    with the thresholds that decided it, whether LSH proposes the pair (shared band keys),
    and with --ids, where the clustering of CORPUS puts the two.
    """
    with exit_codes(), report_file(out) as sink:
        from dedup.api import explain
        from dedup.cli.documents import load

        settings = tuned(
            config, near_duplicate=near_duplicate, same_event=same_event, cluster=cluster_threshold
        ).settings
        (left, right), _ = pairs_of(documents, ids, strict=strict, input_format="txt")
        corpus = load([Path(d) for d in documents], strict=strict) if ids is not None else None
        why = explain(left, right, settings=settings, corpus=corpus)
        if output_format is ExplainFormat.JSON:
            data = why.to_dict()
            sink.write(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
        else:
            sink.write(_text(why))


def _text(why: Explanation) -> str:
    """The verdict, its reasons, then the evidence and thresholds, one plain line each."""
    lines = [f"{why.left['id']} vs {why.right['id']}: {why.relation} (score {why.score:g})", ""]
    lines += [f"- {reason}" for reason in why.reasons]
    lines += ["", "evidence    " + "  ".join(f"{k} {v:g}" for k, v in why.evidence.items())]
    lines += ["thresholds  " + "  ".join(f"{k} {v:g}" for k, v in why.thresholds.items())]
    return "\n".join(lines) + "\n"
