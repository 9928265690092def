"""JSON and JSON Lines for `dedup cluster`: stable key order and a `schema_version`."""

from __future__ import annotations

import json

from dedup.cluster_result import Cluster, ClusterResult
from dedup.render.escape import json_text

CLUSTERS_SCHEMA_VERSION = 1


def member_rows(result: ClusterResult) -> list[dict[str, object]]:
    """One row per document, sorted by id: its cluster, relation, representative and score.

    A document alone in its cluster has the relation "unique".
    """
    rows: list[dict[str, object]] = []
    for cluster in result.clusters:
        single = len(cluster.members) == 1
        for member in cluster.members:
            rows.append(
                {
                    "id": member.id,
                    "cluster": cluster.id,
                    "relation": "unique" if single else member.relation,
                    "representative": cluster.representative,
                    "score": member.score,
                }
            )
    rows.sort(key=lambda row: str(row["id"]))
    return rows


def _copies(cluster: Cluster) -> int:
    """Members that copy another member: all but one of each group of copies, and a copy of
    the representative outside any group. Two members can copy each other while both are
    only same-event to the representative."""
    grouped = {doc for group in cluster.near_duplicates for doc in group}
    loose = sum(
        1
        for m in cluster.members
        if m.relation in ("duplicate", "near-duplicate") and m.id not in grouped
    )
    return loose + sum(len(group) - 1 for group in cluster.near_duplicates)


def summary(result: ClusterResult) -> dict[str, int]:
    """Counts for the report header: documents, clusters, copies and independent reports
    (members of a cluster that are neither its representative nor a copy)."""
    multi = [c for c in result.clusters if len(c.members) > 1]
    copies = sum(_copies(c) for c in multi)
    return {
        "documents": result.documents,
        "clusters": len(multi),
        "singletons": len(result.clusters) - len(multi),
        "copies": copies,
        "independent_reports": sum(len(c.members) - 1 for c in multi) - copies,
        "candidate_pairs": result.candidate_pairs,
    }


def _cluster(cluster: Cluster) -> dict[str, object]:
    return {
        "id": cluster.id,
        "size": len(cluster.members),
        "representative": cluster.representative,
        "members": [
            {"id": m.id, "relation": m.relation, "score": m.score} for m in cluster.members
        ],
        "near_duplicate_groups": [list(group) for group in cluster.near_duplicates],
    }


def clusters_as_dict(result: ClusterResult) -> dict[str, object]:
    """The whole clustering as JSON-ready data (the `--format json` document)."""
    return {
        "schema_version": CLUSTERS_SCHEMA_VERSION,
        "summary": summary(result),
        "pair_relations": dict(sorted(result.relation_counts.items())),
        "clusters": [_cluster(cluster) for cluster in result.clusters],
    }


def render_clusters_json(result: ClusterResult) -> str:
    """The clustering as one indented JSON document, keys sorted."""
    data = clusters_as_dict(result)
    return json_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)) + "\n"


def render_clusters_jsonl(result: ClusterResult) -> str:
    """One JSON object per document (singletons too), sorted by id."""
    return "".join(
        json_text(json.dumps(row, ensure_ascii=False, sort_keys=True)) + "\n"
        for row in member_rows(result)
    )
