"""`dedup index stats` as plain text and as JSON."""

from __future__ import annotations

import json

from dedup.index_reads import IndexStats
from dedup.render.escape import json_text

STATS_SCHEMA_VERSION = 1


def render_stats_text(stats: IndexStats) -> str:
    """Counts, size and the parameters the index was built with, one per line."""
    lines = [
        f"index           {stats.path}",
        f"documents       {stats.documents:,}",
        f"band keys       {stats.band_keys:,}",
        f"distinct terms  {stats.terms:,}",
        f"file size       {stats.size_bytes / 2**20:,.1f} MiB",
        f"schema version  {stats.schema_version}",
        "parameters",
    ]
    width = max((len(key) for key in stats.meta), default=0)
    lines += [f"  {key:<{width}}  {value}" for key, value in sorted(stats.meta.items())]
    return "\n".join(lines) + "\n"


def render_stats_json(stats: IndexStats) -> str:
    """The same, as stable sorted JSON with a schema version."""
    document = stats_as_dict(stats)
    return json_text(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)) + "\n"


def stats_as_dict(stats: IndexStats) -> dict[str, object]:
    """The statistics as JSON-ready data (the `--format json` document)."""
    return {
        "schema_version": STATS_SCHEMA_VERSION,
        "path": stats.path,
        "documents": stats.documents,
        "band_keys": stats.band_keys,
        "terms": stats.terms,
        "size_bytes": stats.size_bytes,
        "index_schema_version": stats.schema_version,
        "meta": dict(sorted(stats.meta.items())),
    }
