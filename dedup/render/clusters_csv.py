"""CSV for `dedup cluster`: one row per document, the same fields as the JSON Lines output."""

from __future__ import annotations

import csv
import io

from dedup.cluster_result import ClusterResult
from dedup.render.clusters_json import member_rows

COLUMNS = ("id", "cluster", "relation", "representative", "score")


def render_clusters_csv(result: ClusterResult) -> str:
    """A header and one row per document, sorted by id."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in member_rows(result):
        writer.writerow(row)
    return buffer.getvalue()
