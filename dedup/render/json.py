"""JSON for `dedup diff` and `dedup facts`: stable key order, a `schema_version`, UTF-8 text."""

from __future__ import annotations

import json
from collections.abc import Sequence

from dedup.align import Row
from dedup.diff import SCHEMA_VERSION, DiffReport
from dedup.factcheck import ArticleFacts
from dedup.render.escape import json_text

# 2: facts carry their slot, unit, qualifier, interval, anchor and how the article states them.
FACTS_SCHEMA_VERSION = 2


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


def facts_as_dict(facts: ArticleFacts) -> dict[str, object]:
    """One document's facts and summary, JSON-ready."""
    return {
        "id": facts.id,
        "facts": [fact.as_dict() for fact in facts.facts],
        "summary": facts.summary.as_dict(),
    }


def render_facts_json(documents: Sequence[ArticleFacts]) -> str:
    """All documents' facts as one JSON document."""
    payload = {
        "schema_version": FACTS_SCHEMA_VERSION,
        "documents": [facts_as_dict(facts) for facts in documents],
    }
    return json_text(json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2)) + "\n"


def render_facts_jsonl(documents: Sequence[ArticleFacts]) -> str:
    """One JSON line per document: {"id", "facts", "summary"}."""
    return "".join(
        json_text(json.dumps(facts_as_dict(facts), ensure_ascii=False, sort_keys=True)) + "\n"
        for facts in documents
    )
