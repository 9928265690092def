"""`dedup cluster`: group documents covering the same event, here or on Dask workers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dedup.article import Article
from dedup.cli.cluster_report import (
    SHOWN_CLUSTERS,
    ClusterFormat,
    cluster_details,
    wanted_ids,
    write_clusters,
)
from dedup.cli.documents import load
from dedup.cli.engine import DaskChoice, dask_options
from dedup.cli.exits import exit_codes, warn_skipped
from dedup.cli.options import (
    ClusterThresholdOpt,
    ConfigOpt,
    DateFieldOpt,
    EngineOpt,
    IdFieldOpt,
    InputFormatOpt,
    NearDuplicateOpt,
    OptionalPathsArg,
    OutOpt,
    QuietOpt,
    SameEventOpt,
    SchedulerOpt,
    StrictOpt,
    TextFieldOpt,
    TitleFieldOpt,
    WorkerMemoryOpt,
    WorkersOpt,
    WorkerTimeoutOpt,
    format_option,
)
from dedup.cli.output import Progress, progress_bar, report_file
from dedup.cli.tuning import tuned
from dedup.errors import UsageError
from dedup.read import DEFAULT_FIELDS, STDIN, FieldNames, no_documents, read_paths

if TYPE_CHECKING:
    from dedup.overview import ClusterView
    from dedup.pipeline import ClusterResult
    from dedup.represent import Features
    from dedup.settings import Settings


Wanted = Callable[["ClusterResult"], set[str]]


def _indexed(index_file: Path, *, settings: Settings) -> list[Article]:
    """Every article the index holds (it must have been built with these settings)."""
    from dedup.api_index import Index

    with Index(index_file, settings=settings, writable=False) as index:
        return list(index.articles())


def _load_features(
    paths: list[Path],
    *,
    strict: bool,
    fields: FieldNames,
    jobs: int,
    settings: Settings,
    progress: Progress,
) -> list[Features]:
    """`documents.load`, representing the articles as they are read (on `jobs` processes, each
    reading its own part of the input) instead of keeping their text."""
    from dedup.parallel_read import read_features

    read = read_features(
        paths,
        settings=settings.match,
        fields=fields,
        strict=strict,
        jobs=jobs,
        progress=lambda done, total: progress("read", done, total),
    )
    for problem in read.warnings:
        warn_skipped(problem)
    if not read.features:
        raise no_documents(paths, skipped=len(read.warnings))
    return read.features


def _cluster_local(
    paths: list[Path] | None,
    index_file: Path | None,
    *,
    strict: bool,
    fields: FieldNames,
    jobs: int,
    wanted: Wanted,
    settings: Settings,
    progress: Progress,
    input_format: str = "txt",
) -> tuple[ClusterResult, list[Article]]:
    """Cluster in this process (features on `jobs` processes), then read again the cleaned
    articles the report shows (`wanted` ids; the clustering keeps no text). `-` in `paths`
    (standard input) reads everything in this process."""
    from dedup.pipeline import cluster_features
    from dedup.represent import represent_stream

    if not paths and index_file is None:
        raise UsageError("give PATH... to cluster, or --index FILE, or both")
    paths = paths or []
    piped = STDIN in paths
    features: list[Features] = []
    # Standard input can be read only once: its articles are kept, as indexed ones are.
    stored = load(paths, strict=strict, fields=fields, input_format=input_format) if piped else []
    if paths and not piped:
        features = _load_features(
            paths, strict=strict, fields=fields, jobs=jobs, settings=settings, progress=progress
        )
    given = {f.id for f in features} | {a.id for a in stored}
    # Indexed documents are few enough to keep (and already clean); PATH ones replace them.
    if index_file is not None:
        stored += [a for a in _indexed(index_file, settings=settings) if a.id not in given]
    features.extend(represent_stream(stored, settings=settings.match, terms=False))
    features.sort(key=lambda f: f.id)
    result = cluster_features(features, settings=settings, jobs=jobs, progress=progress)
    ids = wanted(result)
    if not ids:
        return result, []
    progress("differences", 0, 1)  # reading the shown articles again takes a while
    articles = [a for a in stored if a.id in ids]
    if paths and not piped:
        from dedup.clean import clean_article

        for article in read_paths(paths, fields=fields, on_problem=lambda problem: None):
            if article.id in ids:
                articles.append(clean_article(article))
    return result, articles


def _cluster_on_dask(
    paths: list[Path] | None,
    choice: DaskChoice,
    *,
    strict: bool,
    fields: FieldNames,
    wanted: Wanted,
    settings: Settings,
    progress: Progress,
) -> tuple[ClusterResult, list[Article]]:
    """Cluster on Dask, then fetch the articles the report shows (`wanted` ids)."""
    from dedup.engines.dask_engine import cluster_paths_dask

    options = dask_options(choice)
    if choice.index_file is not None:
        raise UsageError("--index works with --engine local only (for now)")
    if not paths:
        raise UsageError("give PATH... to cluster")

    run = cluster_paths_dask(
        paths,
        options=options,
        settings=settings,
        fields=fields,
        strict=strict,
        on_warning=warn_skipped,
        progress=progress,
        articles_for=lambda result: sorted(wanted(result)),
    )
    return run.result, list(run.articles.values())


def cluster_command(
    paths: OptionalPathsArg = None,
    output_format: Annotated[
        ClusterFormat,
        format_option(
            ClusterFormat,
            note="Every format, jsonl too, is written when the clustering ends: a cluster is "
            "known only once every document is read.",
        ),
    ] = ClusterFormat.TERMINAL,
    index_file: Annotated[
        Path | None,
        typer.Option(
            "--index", help="Also cluster every document this index holds.", readable=False
        ),
    ] = None,
    out: OutOpt = None,
    quiet: QuietOpt = False,
    strict: StrictOpt = False,
    input_format: InputFormatOpt = "txt",
    id_field: IdFieldOpt = DEFAULT_FIELDS.id,
    text_field: TextFieldOpt = DEFAULT_FIELDS.text,
    title_field: TitleFieldOpt = DEFAULT_FIELDS.title,
    date_field: DateFieldOpt = DEFAULT_FIELDS.published,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    worker_timeout: WorkerTimeoutOpt = 30.0,
    worker_memory: WorkerMemoryOpt = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            help="Clusters shown in detail, largest first: the terminal shows them with a "
            "compact fact table; html adds their fact tables and member diffs.",
            min=0,
        ),
    ] = SHOWN_CLUSTERS,
    every: Annotated[bool, typer.Option("--all", help="Every cluster in detail.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", help="Processes reading and representing documents [all cores].", min=1
        ),
    ] = None,
    config: ConfigOpt = None,
    near_duplicate: NearDuplicateOpt = None,
    same_event: SameEventOpt = None,
    cluster_threshold: ClusterThresholdOpt = None,
) -> None:
    """Group documents that cover the same event; mark copies and independent reports.

    MinHash/LSH proposes candidate pairs (word 5-gram shingles for copies, salient rare terms,
    names and figures for rewritten coverage); each pair is verified and labelled duplicate,
    near-duplicate, same-event or unrelated; average-link clustering groups them without
    chaining through one shared page. jsonl/csv: one row per document (singletons too) with
    {"id", "cluster", "relation", "representative", "score"}. With --index, the index's
    documents are clustered together with PATHs (a PATH document replaces an indexed one with
    the same id); PATH may then be left out. --engine dask runs the same pipeline on Dask
    workers (a local cluster of --workers processes, or --scheduler ADDRESS) with the same output.
    html: every cluster named by its representative, with a cross-source fact table and a diff
    page per member for the --limit largest (--all: every one); with --out FILE the diff pages
    go to a folder beside it, FILE_files/.
    """
    with exit_codes(), report_file(out) as sink:
        from dedup.parallel_read import default_jobs

        terminal = output_format is ClusterFormat.TERMINAL
        html = output_format is ClusterFormat.HTML
        detailed = None if every else limit
        processes = jobs or default_jobs()

        def wanted(result: ClusterResult) -> set[str]:
            return wanted_ids(result, detailed=detailed, listed=html) if terminal or html else set()

        settings = tuned(
            config, near_duplicate=near_duplicate, same_event=same_event, cluster=cluster_threshold
        ).settings
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        choice = DaskChoice(engine, scheduler, workers, index_file, worker_timeout, worker_memory)
        with progress_bar(quiet) as progress:
            if choice.requested():
                result, articles = _cluster_on_dask(
                    paths,
                    choice,
                    strict=strict,
                    fields=fields,
                    wanted=wanted,
                    settings=settings,
                    progress=progress,
                )
            else:
                result, articles = _cluster_local(
                    paths,
                    index_file,
                    strict=strict,
                    fields=fields,
                    jobs=processes,
                    wanted=wanted,
                    settings=settings,
                    progress=progress,
                    input_format=input_format,
                )
            views: tuple[ClusterView, ...] = ()
            if terminal or html:
                views = cluster_details(
                    result, articles, detailed=detailed, html=html, jobs=processes,
                    settings=settings,
                )  # fmt: skip
                progress("differences", 1, 1)
        write_clusters(result, views, output_format=output_format, sink=sink, out=out)
