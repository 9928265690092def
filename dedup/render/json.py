"""JSON for `dedup diff` and `dedup facts` (`dedup.render.facts_json`): stable key order, a
`schema_version`, UTF-8 text."""

from __future__ import annotations

import json

from dedup.align import Row
from dedup.diff import SCHEMA_VERSION, DiffReport
from dedup.render.escape import json_text
from dedup.render.facts_json import FACTS_SCHEMA_VERSION as FACTS_SCHEMA_VERSION
from dedup.render.facts_json import facts_as_dict as facts_as_dict
from dedup.render.facts_json import render_facts_json as render_facts_json
from dedup.render.facts_json import render_facts_jsonl as render_facts_jsonl


def _row(report: DiffReport, row: Row) -> dict[str, object]:
    return {
        "op": row.op,
        "left_index": row.left[0] if row.left else None,
        "right_index": row.right[0] if row.right else None,
        "left_indices": list(row.left),
        "right_indices": list(row.right),
        "left_text": " ".join(report.left.sentences[i] for i in row.left) if row.left else None,
        "right_text": (
            " ".join(report.right.sentences[j] for j in row.right) if row.right else None
        ),
        "score": row.score,
        "nearest_index": row.nearest,
        "nearest_score": row.nearest_score,
        "word_diff": [
            {"op": edit.op, "left": edit.left, "right": edit.right} for edit in row.word_diff
        ],
    }


def diff_as_dict(report: DiffReport) -> dict[str, object]:
    """The diff report as JSON-ready data (the `--format json` document)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "left": report.left.as_dict(),
        "right": report.right.as_dict(),
        "relation": report.relation,
        "scores": dict(sorted(report.scores.items())),
        "alignment": [_row(report, row) for row in report.alignment.rows],
        "discrepancies": [d.as_dict() for d in report.discrepancies],
        "hidden_omissions": report.hidden_omissions,
    }


def render_diff_json(report: DiffReport) -> str:
    """The diff report as one indented JSON document, keys sorted."""
    dumped = json.dumps(diff_as_dict(report), ensure_ascii=False, sort_keys=True, indent=2)
    return json_text(dumped) + "\n"
