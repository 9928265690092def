"""`dedup cluster --format html` speed: the report of 10,000 generated documents' clusters.

    .venv/bin/python -m benchmarks.bench_html [--size 10000] [--limit 10] [--jobs 1]
        [--out benchmarks/bench_html.md]

The documents are the benchmark generator's (real sentences, copies with syndication edits;
benchmarks/generate.py). They are clustered first (not part of the figure: that is `dedup
cluster`'s own benchmark). Then, timed separately:

- views: every cluster named, dated and grouped; the `--limit` largest with their fact table,
  which means `extract_facts` on each member and `build_diff` of each member against the
  representative (the figure that grows with --all); its CPU time too, since on a shared machine
  the wall clock also counts other people's work;
- render: the index page and every diff page as HTML text (`render_clusters_html`);
- write: the pages on disk, in a temporary folder.

Target: views + render + write under 10 s for 10,000 documents at the default --limit.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from benchmarks import generate, machine
from dedup.article import Article
from dedup.overview import cluster_views, multi_clusters
from dedup.pipeline import cluster_articles
from dedup.render.clusters_json import summary
from dedup.render.html_clusters import render_clusters_html

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "bench_html.md"


def _articles(size: int) -> list[Article]:
    pool = generate.load_pool()
    documents = (generate.document(pool, i) for i in range(size))
    return [Article(id=str(d["id"]), text=str(d["text"])) for d in documents]


def _clock(start: float) -> float:
    return round(time.perf_counter() - start, 2)


def _cpu() -> float:
    """CPU seconds of this process and of its finished workers: on a shared machine the wall
    clock also counts other people's work."""
    own, workers = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def run(size: int, *, limit: int | None, jobs: int) -> list[tuple[str, str]]:
    """The measured rows: (what, figure)."""
    articles = _articles(size)
    start = time.perf_counter()
    result = cluster_articles(articles)
    clustered = _clock(start)
    multi = multi_clusters(result)
    detailed = multi if limit is None else multi[:limit]
    members = sum(len(c.members) for c in detailed)
    by_id = {a.id: a for a in articles}
    start, cpu = time.perf_counter(), _cpu()
    views = cluster_views(multi, by_id, detailed=limit, jobs=jobs)
    viewed = _clock(start)
    viewed_cpu = round(_cpu() - cpu, 2)
    start = time.perf_counter()
    pages = render_clusters_html(views, summary(result), files="index_files")
    rendered = _clock(start)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        (Path(folder) / "index_files").mkdir()
        for relative, text in pages.items():
            (Path(folder) / (relative or "index.html")).write_text(text, encoding="utf-8")
        written = _clock(start)
    total = round(viewed + rendered + written, 2)
    megabytes = sum(len(text.encode("utf-8")) for text in pages.values()) / 2**20
    return [
        ("documents", f"{size:,}"),
        ("clusters of 2 or more", f"{len(multi):,}"),
        ("detailed clusters (--limit)", f"{len(detailed):,} ({members:,} members)"),
        ("jobs", str(jobs)),
        ("clustering (not part of the figure)", f"{clustered} s"),
        ("views (names, groups; facts and diffs of the detailed)", f"{viewed} s"),
        ("views, CPU time of all its processes", f"{viewed_cpu} s"),
        ("render (index and diff pages)", f"{rendered} s"),
        ("write", f"{written} s"),
        ("**views + render + write**", f"**{total} s**"),
        (
            "per detailed member (facts + diff)",
            f"{1000 * viewed / members:.0f} ms" if members else "—",
        ),
        ("pages", f"{len(pages):,} ({megabytes:.1f} MiB)"),
        ("load average at the end", f"{os.getloadavg()[0]:.2f}"),
    ]


def main() -> None:
    """Measure and write the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--limit", type=int, default=10, help="-1: every cluster (--all)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--out", type=Path, default=OUT)
    options = parser.parse_args()
    limit = None if options.limit < 0 else options.limit
    rows = run(options.size, limit=limit, jobs=options.jobs)
    lines = [
        "# HTML report speed (`python -m benchmarks.bench_html`)",
        "",
        "| | |",
        "|---|---|",
        *(f"| {what} | {figure} |" for what, figure in rows),
        "",
        "Machine:",
        "",
        *(f"- {name}: {value}" for name, value in machine.describe(ROOT)),
        "",
    ]
    options.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
