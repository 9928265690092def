"""The `dedup` app: its root options and every command, in the order `--help` lists them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dedup import __version__
from dedup.article import Article
from dedup.clean import clean_article
from dedup.cli.documents import load, one_document, stream
from dedup.cli.engine import DaskChoice, dask_options
from dedup.cli.exits import EXIT_CODES_HELP, choose, exit_codes, say, warn_skipped
from dedup.cli.options import (
    DateFieldOpt,
    EngineOpt,
    IdFieldOpt,
    IndexOpt,
    OptionalPathsArg,
    PathsArg,
    SchedulerOpt,
    StrictOpt,
    TextFieldOpt,
    TitleFieldOpt,
    WorkerMemoryOpt,
    WorkersOpt,
    WorkerTimeoutOpt,
)
from dedup.cli.output import Progress, progress_bar, write_report
from dedup.errors import ExitCode, InputError
from dedup.read import FieldNames, no_documents, read_paths

if TYPE_CHECKING:
    from dedup.check_report import CheckReport
    from dedup.index import AddResult
    from dedup.pipeline import ClusterResult
    from dedup.represent import Features

app = typer.Typer(
    name="dedup",
    help="Find news coverage of the same event across sources and show where reports differ.\n\n"
    + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"dedup {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Find news coverage of the same event across sources and show where reports differ."""


@app.command("read")
def read_command(
    paths: PathsArg,
    strict: StrictOpt = False,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    title_field: TitleFieldOpt = "title",
    date_field: DateFieldOpt = "published",
) -> None:
    """Read and clean documents; print one JSON line each with the junk that was removed.

    Shows exactly what the other commands work on: the text after cleaning, the metadata
    found (title, published date, url), and the page junk taken out.
    """
    with exit_codes():
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        for article in load(paths, strict=strict, fields=fields):
            record = {**article.metadata(), "text": article.text, "removed": list(article.removed)}
            sys.stdout.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


DIFF_FORMATS = ("terminal", "json", "markdown")
FACTS_FORMATS = ("terminal", "json", "jsonl", "markdown")


@app.command("diff")
def diff_command(
    left: Annotated[Path, typer.Argument(help="The first article (any readable format).")],
    right: Annotated[Path, typer.Argument(help="The second article.")],
    output_format: Annotated[
        str, typer.Option("--format", help="terminal, json or markdown.")
    ] = "terminal",
    strict: StrictOpt = False,
) -> None:
    """Show two reports side by side, sentence against sentence, and where they disagree.

    A header with both documents' metadata and their relation (duplicate, near-duplicate,
    same-event, unrelated) with its scores; aligned sentences (= same, ~ changed, ↕ moved,
    < left only, > right only) with changed words and conflicting facts highlighted; then the
    list of discrepancies: casualty counts, figures, dates, names, places, metadata.
    """
    with exit_codes():
        from dedup.diff import build_diff

        fmt = choose(output_format, DIFF_FORMATS, "--format")
        report = build_diff(one_document(left, strict=strict), one_document(right, strict=strict))
        if fmt == "json":
            from dedup.render.json import render_diff_json

            sys.stdout.write(render_diff_json(report))
        elif fmt == "markdown":
            from dedup.render.markdown import render_diff_markdown

            sys.stdout.write(render_diff_markdown(report))
        else:
            from rich.console import Console

            from dedup.render.terminal import print_diff

            print_diff(report, Console(highlight=False))


@app.command("facts")
def facts_command(
    paths: PathsArg,
    output_format: Annotated[
        str, typer.Option("--format", help="terminal, json, jsonl or markdown.")
    ] = "terminal",
    strict: StrictOpt = False,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    title_field: TitleFieldOpt = "title",
    date_field: DateFieldOpt = "published",
) -> None:
    """Extract facts per document: figures, casualty counts by role, dates, places, names.

    Each document gets its facts (typed values with their span and sentence) and a summary of
    its main event: killed, injured, event date (relative dates resolved against the published
    date) and places. jsonl prints one line per document: {"id", "facts", "summary"}.
    """
    with exit_codes():
        from dedup.facts import extract_facts

        fmt = choose(output_format, FACTS_FORMATS, "--format")
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        documents = [extract_facts(a) for a in load(paths, strict=strict, fields=fields)]
        if fmt in ("json", "jsonl"):
            from dedup.render.json import render_facts_json, render_facts_jsonl

            render = render_facts_json if fmt == "json" else render_facts_jsonl
            sys.stdout.write(render(documents))
        elif fmt == "markdown":
            from dedup.render.markdown import render_facts_markdown

            sys.stdout.write(render_facts_markdown(documents))
        else:
            from rich.console import Console

            from dedup.render.terminal import print_facts

            print_facts(documents, Console(highlight=False))


CLUSTER_FORMATS = ("terminal", "json", "jsonl", "csv")
EVAL_FORMATS = ("terminal", "json")


def _with_indexed(articles: list[Article], index_file: Path | None) -> list[Article]:
    """The given articles plus every indexed one whose id they do not already use."""
    if index_file is None:
        if not articles:
            from dedup.errors import UsageError

            raise UsageError("give PATH... to cluster, or --index FILE, or both")
        return articles
    from dedup.indexing import open_index

    given = {article.id for article in articles}
    with open_index(index_file, create=False) as index:
        stored = [doc.article for doc in index.documents() if doc.article.id not in given]
    return [*articles, *stored]


def _load_features(
    paths: list[Path],
    *,
    strict: bool,
    fields: FieldNames,
    jobs: int,
    progress: Progress,
) -> list[Features]:
    """`_load`, representing the articles as they are read (on `jobs` processes, each reading
    its own part of the input) instead of keeping their text."""
    from dedup.parallel_read import read_features
    from dedup.settings import DEFAULT_SETTINGS

    read = read_features(
        paths,
        settings=DEFAULT_SETTINGS.match,
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
    shown: bool,
    progress: Progress,
) -> tuple[ClusterResult, list[Article]]:
    """Cluster in this process (features on `jobs` processes); with `shown`, also the cleaned
    articles the terminal summary shows, read again (the clustering keeps no text)."""
    from dedup.pipeline import cluster_features
    from dedup.render.terminal_clusters import SHOWN_CLUSTERS, SHOWN_MEMBERS
    from dedup.represent import represent_stream
    from dedup.settings import DEFAULT_SETTINGS

    features: list[Features] = []
    if paths:
        features = _load_features(paths, strict=strict, fields=fields, jobs=jobs, progress=progress)
    given = {f.id for f in features}
    # Indexed documents are few enough to keep (and already clean); PATH ones replace them.
    stored = [a for a in _with_indexed([], index_file) if a.id not in given] if index_file else []
    if not paths and index_file is None:
        _with_indexed([], None)  # raises the usage error
    features.extend(represent_stream(stored, settings=DEFAULT_SETTINGS.match, terms=False))
    features.sort(key=lambda f: f.id)
    result = cluster_features(features, jobs=jobs, progress=progress)
    if not shown:
        return result, []
    multi = [c for c in result.clusters if len(c.members) > 1][:SHOWN_CLUSTERS]
    wanted = {m.id for c in multi for m in c.members[:SHOWN_MEMBERS]}
    wanted.update(c.representative for c in multi)
    articles = [a for a in stored if a.id in wanted]
    if paths:
        for article in read_paths(paths, fields=fields, on_problem=lambda problem: None):
            if article.id in wanted:
                articles.append(clean_article(article))
    return result, articles


def _cluster_on_dask(
    paths: list[Path] | None,
    choice: DaskChoice,
    *,
    strict: bool,
    fields: FieldNames,
    quiet: bool,
    shown: bool,
) -> tuple[ClusterResult, list[Article]]:
    """Cluster on Dask; with `shown`, also fetch the articles the terminal summary shows."""
    from dedup.engines.dask_engine import cluster_paths_dask
    from dedup.errors import UsageError
    from dedup.render.terminal_clusters import SHOWN_CLUSTERS, SHOWN_MEMBERS

    options = dask_options(choice)
    if choice.index_file is not None:
        raise UsageError("--index works with --engine local only (for now)")
    if not paths:
        raise UsageError("give PATH... to cluster")

    def shown_ids(result: ClusterResult) -> list[str]:
        multi = [c for c in result.clusters if len(c.members) > 1][:SHOWN_CLUSTERS]
        ids = [m.id for c in multi for m in c.members[:SHOWN_MEMBERS]]
        return ids + [c.representative for c in multi] if shown else []

    with progress_bar(quiet) as progress:
        run = cluster_paths_dask(
            paths,
            options=options,
            fields=fields,
            strict=strict,
            on_warning=warn_skipped,
            progress=progress,
            articles_for=shown_ids,
        )
    return run.result, list(run.articles.values())


@app.command("cluster")
def cluster_command(
    paths: OptionalPathsArg = None,
    output_format: Annotated[
        str, typer.Option("--format", help="terminal, json, jsonl or csv.")
    ] = "terminal",
    index_file: Annotated[
        Path | None,
        typer.Option("--index", help="Also cluster every document this index holds."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the report to FILE instead of stdout.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    strict: StrictOpt = False,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    title_field: TitleFieldOpt = "title",
    date_field: DateFieldOpt = "published",
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    worker_timeout: WorkerTimeoutOpt = 30.0,
    worker_memory: WorkerMemoryOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", help="Processes reading and representing documents [all cores].", min=1
        ),
    ] = None,
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
    """
    with exit_codes():
        fmt = choose(output_format, CLUSTER_FORMATS, "--format")
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        choice = DaskChoice(engine, scheduler, workers, index_file, worker_timeout, worker_memory)
        if choice.requested():
            result, articles = _cluster_on_dask(
                paths,
                choice,
                strict=strict,
                fields=fields,
                quiet=quiet,
                shown=fmt == "terminal" and out is None,
            )
        else:
            from dedup.parallel_read import default_jobs

            with progress_bar(quiet) as progress:
                result, articles = _cluster_local(
                    paths,
                    index_file,
                    strict=strict,
                    fields=fields,
                    jobs=jobs or default_jobs(),
                    shown=fmt == "terminal" and out is None,
                    progress=progress,
                )
        if fmt == "terminal" and out is None:
            from rich.console import Console

            from dedup.key_differences import cluster_differences
            from dedup.render.terminal_clusters import SHOWN_CLUSTERS, SHOWN_MEMBERS, print_clusters

            differences = cluster_differences(
                result.clusters,
                {article.id: article for article in articles},
                clusters_shown=SHOWN_CLUSTERS,
                members_shown=SHOWN_MEMBERS,
            )
            print_clusters(result, Console(highlight=False), differences=differences)
            return
        if fmt in ("json", "terminal"):
            from dedup.render.clusters_json import render_clusters_json

            write_report(render_clusters_json(result), out)
        elif fmt == "jsonl":
            from dedup.render.clusters_json import render_clusters_jsonl

            write_report(render_clusters_jsonl(result), out)
        else:
            from dedup.render.clusters_csv import render_clusters_csv

            write_report(render_clusters_csv(result), out)


@app.command("eval")
def eval_command(
    path: Annotated[Path, typer.Argument(help="A labelled corpus (jsonl or csv).")],
    label_field: Annotated[
        str, typer.Option(help="Field holding the gold cluster label (hidden from clustering).")
    ] = "cluster",
    exclude_field: Annotated[
        str | None,
        typer.Option(help="Leave documents whose FIELD is true out of the scores."),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="terminal or json.")] = "terminal",
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    strict: StrictOpt = False,
) -> None:
    """Cluster a labelled corpus with the labels hidden, and score the clusters against them.

    Prints pairwise precision, recall and F1 (document pairs sharing a predicted cluster vs
    pairs sharing a gold label), the adjusted Rand index, LSH candidate recall on the gold
    pairs, how gold pairs were labelled (copies vs rewrites), and counts per relation.
    """
    with exit_codes():
        from dedup.evaluate import evaluate_clustering
        from dedup.render.clusters_eval import render_eval_json, render_eval_text

        fmt = choose(output_format, EVAL_FORMATS, "--format")
        articles = load([path], strict=strict)
        with progress_bar(quiet) as progress:
            result = evaluate_clustering(
                articles, label_field=label_field, exclude_field=exclude_field, progress=progress
            )
        render = render_eval_json if fmt == "json" else render_eval_text
        sys.stdout.write(render(result))


index_app = typer.Typer(
    name="index",
    help="Build and inspect the persistent index read by `dedup check` and `dedup cluster`.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(index_app, name="index")


@index_app.command("add")
def index_add_command(
    paths: PathsArg,
    index_file: IndexOpt,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Documents per transaction (committed batch).")
    ] = 1000,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    strict: StrictOpt = False,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    title_field: TitleFieldOpt = "title",
    date_field: DateFieldOpt = "published",
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    worker_timeout: WorkerTimeoutOpt = 30.0,
    worker_memory: WorkerMemoryOpt = None,
) -> None:
    """Create the index FILE or add documents to it, one transaction per batch.

    A document already indexed with the same id and content is skipped; one with the same id
    and other content replaces its entry. An interrupted run (Ctrl-C, crash, kill) keeps every
    batch committed before it. Prints how many documents were added, replaced and unchanged.
    --engine dask reads and prepares the documents on Dask workers and gives the same index.
    """
    with exit_codes():
        from dedup.errors import UsageError
        from dedup.index import AddResult
        from dedup.indexing import add_articles, open_index
        from dedup.settings import DEFAULT_SETTINGS

        if batch_size < 1:
            raise UsageError(f"--batch-size {batch_size}: use a positive number of documents")
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        choice = DaskChoice(engine, scheduler, workers, None, worker_timeout, worker_memory)
        options = dask_options(choice) if choice.requested() else None
        done = [AddResult()]
        with open_index(index_file, create=True) as index, progress_bar(quiet) as progress:

            def committed(result: AddResult) -> None:
                done[0] = done[0] + result
                seen = done[0].added + done[0].replaced + done[0].unchanged
                progress("index", seen, seen)

            try:
                if options is not None:
                    from dedup.engines.dask_index import add_paths_dask

                    add_paths_dask(
                        index,
                        paths,
                        settings=DEFAULT_SETTINGS.match,
                        options=options,
                        batch_size=batch_size,
                        fields=fields,
                        strict=strict,
                        on_warning=warn_skipped,
                        on_batch=committed,
                    )
                else:
                    add_articles(
                        index,
                        stream(paths, strict=strict, fields=fields),
                        settings=DEFAULT_SETTINGS.match,
                        batch_size=batch_size,
                        on_batch=committed,
                    )
            except KeyboardInterrupt:
                say(f"dedup: {_added(done[0])} before the interrupt are kept in {index_file}")
                raise
            total = index.count()
        if done[0] == AddResult():
            raise InputError(" ".join(map(str, paths)), "no readable documents")
        print(f"{index_file}: {_added(done[0])}; {total:,} documents in the index")


def _added(result: AddResult) -> str:
    return f"{result.added:,} added, {result.replaced:,} replaced, {result.unchanged:,} unchanged"


@index_app.command("stats")
def index_stats_command(
    index_file: IndexOpt,
    output_format: Annotated[str, typer.Option("--format", help="terminal or json.")] = "terminal",
) -> None:
    """Show how many documents, band keys and terms the index holds, its size and parameters."""
    with exit_codes():
        from dedup.indexing import open_index
        from dedup.render.index_stats import render_stats_json, render_stats_text

        fmt = choose(output_format, ("terminal", "json"), "--format")
        with open_index(index_file, create=False) as index:
            stats = index.stats()
        sys.stdout.write((render_stats_json if fmt == "json" else render_stats_text)(stats))


CHECK_FORMATS = ("terminal", "json", "github", "junit", "markdown")


@app.command("check")
def check_command(
    paths: PathsArg,
    index_file: IndexOpt,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", help="Weakest relation that fails: duplicate, near-duplicate, same-event."
        ),
    ] = "near-duplicate",
    output_format: Annotated[
        str, typer.Option("--format", help="terminal, json, github, junit or markdown.")
    ] = "terminal",
    add: Annotated[
        bool, typer.Option("--add", help="Add the new documents to the index if the check passes.")
    ] = False,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    title_field: TitleFieldOpt = "title",
    date_field: DateFieldOpt = "published",
) -> None:
    """Check new documents against the index and each other; exit 1 if one reaches --fail-on.

    Each new document is compared with the indexed documents that share LSH band keys with it
    and with the other new documents. A finding names the matched document(s), the relation,
    the score and the top discrepancies (new vs matched). Below --fail-on a match is a warning.
    A document whose id and content are already indexed is not compared (it passes); one whose
    id is indexed with other content is compared with everything but its old version. Every
    new file must be readable: an unreadable one is an error (exit 3), not a skip.
    """
    with exit_codes():
        from dedup.check import check_articles, with_indexed_ids
        from dedup.check_report import FAIL_ON_CHOICES
        from dedup.indexing import add_articles, open_index
        from dedup.settings import DEFAULT_SETTINGS

        fmt = choose(output_format, CHECK_FORMATS, "--format")
        choose(fail_on, FAIL_ON_CHOICES, "--fail-on")
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        with open_index(index_file, create=False) as index:
            articles = with_indexed_ids(load(paths, strict=True, fields=fields), index)
            report = check_articles(articles, index, fail_on=fail_on)
            _render_check(report, fmt)
            if add and report.failed:
                say(f"dedup: nothing added to {index_file}: the check failed")
            elif add:
                result = add_articles(index, articles, settings=DEFAULT_SETTINGS.match)
                say(f"dedup: {index_file}: {_added(result)}")
        if report.failed:
            raise typer.Exit(int(ExitCode.FINDINGS))


def _render_check(report: CheckReport, fmt: str) -> None:
    from dedup.render import check_formats

    if fmt == "terminal":
        from rich.console import Console

        from dedup.render.terminal_check import print_check

        print_check(report, Console(highlight=False))
        return
    render = {
        "json": check_formats.render_json,
        "github": check_formats.render_github,
        "junit": check_formats.render_junit,
        "markdown": check_formats.render_markdown,
    }[fmt]
    sys.stdout.write(render(report))
