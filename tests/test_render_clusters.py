"""Renderers of `dedup cluster`: json, jsonl, csv and the terminal summary."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console

from dedup.cluster_result import Cluster, ClusterResult, Member
from dedup.factcheck.table import Cell, FactTable, Mention, Row
from dedup.overview import ClusterView, MemberView
from dedup.render.clusters_csv import render_clusters_csv
from dedup.render.clusters_json import render_clusters_json, render_clusters_jsonl
from dedup.render.terminal_clusters import print_clusters

RESULT = ClusterResult(
    clusters=(
        Cluster(
            id="c1",
            representative="a",
            members=(
                Member("a", "representative", 1.0),
                Member("b", "near-duplicate", 0.91),
                Member("c", "same-event", 0.33),
            ),
            near_duplicates=(("a", "b"),),
        ),
        Cluster(
            id="c2",
            representative="d",
            members=(Member("d", "representative", 1.0),),
            near_duplicates=(),
        ),
    ),
    documents=4,
    candidate_pairs=5,
    relation_counts={"duplicate": 0, "near-duplicate": 1, "same-event": 2, "unrelated": 2},
    pair_relations={},
)


def test_jsonl_has_one_sorted_line_per_document_with_singletons_unique() -> None:
    """Every document, sorted by id, with exactly the five documented fields."""
    rows = [json.loads(line) for line in render_clusters_jsonl(RESULT).splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"]
    assert all(set(r) == {"id", "cluster", "relation", "representative", "score"} for r in rows)
    assert rows[3] == {
        "id": "d",
        "cluster": "c2",
        "relation": "unique",
        "representative": "d",
        "score": 1.0,
    }


def test_json_carries_schema_version_summary_and_groups() -> None:
    """The json report has a schema version, summary counts and near-duplicate groups."""
    data = json.loads(render_clusters_json(RESULT))
    assert data["schema_version"] == 1
    assert data["summary"] == {
        "documents": 4,
        "clusters": 1,
        "singletons": 1,
        "copies": 1,
        "independent_reports": 1,
        "candidate_pairs": 5,
    }
    assert data["clusters"][0]["near_duplicate_groups"] == [["a", "b"]]


def test_csv_matches_jsonl() -> None:
    """The csv rows hold the same values as the jsonl lines."""
    rows = list(csv.DictReader(io.StringIO(render_clusters_csv(RESULT))))
    assert [r["relation"] for r in rows] == [
        "representative",
        "near-duplicate",
        "same-event",
        "unique",
    ]


def test_terminal_summary_and_members() -> None:
    """The terminal view counts copies and independent reports, names each cluster shown by
    its representative, lists its members and its facts, and counts the clusters not shown."""
    view = ClusterView(
        id="c1",
        name="Fire at the depot",
        representative=MemberView("a", "representative", 1.0, "Fire at the depot", "2024-01-02"),
        members=(
            MemberView("a", "representative", 1.0, "Fire at the depot", "2024-01-02"),
            MemberView("b", "near-duplicate", 0.91, "Fire at the depot", "2024-01-02"),
            MemberView("c", "same-event", 0.33, "Depot burns", "2024-01-03"),
        ),
        copies=(("a", "b"),),
        table=FactTable(
            rows=(
                Row("killed", "toll", (
                    Cell("3", (Mention("a", 0, "three"), Mention("b", 0, "three")), True),
                    Cell("4", (Mention("c", 1, "four"),), True, evolving=True),
                )),
            ),
            documents=3,
        ),
    )  # fmt: skip
    console = Console(file=io.StringIO(), width=100, color_system=None)
    print_clusters(RESULT, console, views=[view])
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "4 documents · 1 clusters of 2 or more · 1 alone · 1 copies" in text
    assert "Fire at the depot\n3 documents · 2024-01-02 → 2024-01-03 · 1 group of copies" in text
    assert "near-duplicate" in text and "… 1 more clusters" not in text
    assert "killed: ≠ 3 — 2 sources; ≠ 4 — 1 source (evolving?)" in " ".join(text.split())


def test_copies_among_members_count_as_copies() -> None:
    """Two members that copy each other (both same-event to the representative) make one copy,
    not zero: the summary agrees with the cluster's "1 group of copies"."""
    cluster = Cluster(
        id="c3",
        representative="e",
        members=(
            Member("e", "representative", 1.0),
            Member("f", "same-event", 0.4),
            Member("g", "same-event", 0.4),
            Member("h", "same-event", 0.3),
        ),
        near_duplicates=(("f", "g"),),
    )
    result = ClusterResult((cluster,), 4, 6, {}, {})
    counts = json.loads(render_clusters_json(result))["summary"]
    assert (counts["copies"], counts["independent_reports"]) == (1, 2)
    console = Console(width=120, record=True, color_system=None)
    print_clusters(result, console)
    text = console.export_text()
    assert "1 copies (duplicate or near-duplicate) · 2 independent reports" in text
