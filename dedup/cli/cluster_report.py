"""`dedup cluster`'s views that read the members' text: the terminal summary and the HTML
report (an index page, and a folder of diff pages beside it with --out)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dedup.cli.output import console_on, write_report
from dedup.errors import InputError

if TYPE_CHECKING:
    from dedup.article import Article
    from dedup.overview import ClusterView
    from dedup.pipeline import ClusterResult
    from dedup.settings import Settings

# Clusters shown in detail unless --limit or --all says otherwise.
SHOWN_CLUSTERS = 10


class ClusterFormat(StrEnum):
    """The formats `dedup cluster` prints."""

    TERMINAL = "terminal"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    HTML = "html"


def wanted_ids(result: ClusterResult, *, detailed: int | None, listed: bool) -> set[str]:
    """The documents whose articles the view reads: every member of the clusters shown in
    detail, and with `listed` (html) every member of every cluster (names and dates)."""
    from dedup.overview import multi_clusters

    multi = multi_clusters(result)
    shown = multi if listed or detailed is None else multi[:detailed]
    return {m.id for c in shown for m in c.members}


def cluster_details(
    result: ClusterResult,
    articles: Sequence[Article],
    *,
    detailed: int | None,
    html: bool,
    jobs: int,
    settings: Settings,
) -> tuple[ClusterView, ...]:
    """The views a report shows: the terminal's `detailed` largest clusters (None: all), each
    with its fact table; html's every cluster, the `detailed` largest with tables and diffs."""
    from dedup.overview import cluster_views, multi_clusters

    multi = multi_clusters(result)
    by_id = {article.id: article for article in articles}
    if html:
        return cluster_views(multi, by_id, detailed=detailed, jobs=jobs, settings=settings)
    shown = multi if detailed is None else multi[:detailed]
    return cluster_views(shown, by_id, detailed=None, jobs=jobs, settings=settings)


def write_clusters(
    result: ClusterResult,
    views: Sequence[ClusterView],
    *,
    output_format: ClusterFormat,
    sink: TextIO,
    out: Path | None,
) -> None:
    """The report in `output_format` on `sink` (stdout or --out FILE's), the clusters shown in
    detail (terminal, html) drawn from `views`."""
    if output_format is ClusterFormat.TERMINAL:
        from dedup.render.terminal_clusters import print_clusters

        print_clusters(result, console_on(sink), views=tuple(views))
    elif output_format is ClusterFormat.HTML:
        write_html(result, views, sink=sink, out=out)
    elif output_format is ClusterFormat.JSON:
        from dedup.render.clusters_json import render_clusters_json

        sink.write(render_clusters_json(result))
    elif output_format is ClusterFormat.JSONL:
        from dedup.render.clusters_json import render_clusters_jsonl

        sink.write(render_clusters_jsonl(result))
    else:
        from dedup.render.clusters_csv import render_clusters_csv

        sink.write(render_clusters_csv(result))


def files_folder(out: Path) -> Path:
    """Where the diff pages of the report `out` go: OUT_files/ beside it, as a browser saves a
    page with its parts."""
    return out.with_name(f"{out.stem}_files")


def write_html(
    result: ClusterResult, views: Sequence[ClusterView], *, sink: TextIO, out: Path | None
) -> None:
    """The index page to `sink` and, with --out FILE, the diff pages beside FILE; earlier
    pages in that folder are removed first, so it holds this run's pages only."""
    from dedup.render.clusters_json import summary
    from dedup.render.html_clusters import render_clusters_html

    folder = files_folder(out) if out is not None else None
    pages = render_clusters_html(
        tuple(views),
        summary(result),
        files=folder.name if folder is not None else None,
        index_name=out.name if out is not None else "index.html",
    )
    sink.write(pages.pop(""))
    if out is None or folder is None:
        return
    try:
        folder.mkdir(exist_ok=True)
        for stale in folder.glob("*.html"):
            stale.unlink()
    except OSError as error:
        raise InputError(
            str(folder), f"cannot write: {error.strerror}", hint="check the path"
        ) from None
    for relative, text in sorted(pages.items()):
        write_report(text, out.parent / relative)
