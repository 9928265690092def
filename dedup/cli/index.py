"""`dedup index add` and `dedup index stats`: build and inspect the persistent index."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dedup.cli.documents import stream
from dedup.cli.engine import DaskChoice, dask_options
from dedup.cli.exits import exit_codes, say, warn_skipped
from dedup.cli.options import (
    ClusterThresholdOpt,
    ConfigOpt,
    DateFieldOpt,
    EngineOpt,
    IdFieldOpt,
    IndexOpt,
    InputFormatOpt,
    NearDuplicateOpt,
    OutOpt,
    PathsArg,
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
from dedup.cli.output import draws_progress, progress_bar, report_file
from dedup.cli.tuning import tuned
from dedup.errors import InputError
from dedup.read import DEFAULT_FIELDS, STDIN, FieldNames, estimate_documents

if TYPE_CHECKING:
    from dedup.index import AddResult


def index_add_command(
    paths: PathsArg,
    index_file: IndexOpt,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Documents per transaction (committed batch).")
    ] = 1000,
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
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", help="Processes reading and preparing documents [all cores].", min=1
        ),
    ] = None,
    config: ConfigOpt = None,
    near_duplicate: NearDuplicateOpt = None,
    same_event: SameEventOpt = None,
    cluster_threshold: ClusterThresholdOpt = None,
) -> None:
    """Create the index FILE or add documents to it, one transaction per batch.

    A document already indexed with the same id and content is skipped; one with the same id
    and other content replaces its entry. An interrupted run (Ctrl-C, crash, kill) keeps every
    batch committed before it. Prints how many documents were added, replaced and unchanged.
    Documents are read and prepared on --jobs processes while this one writes the index;
    --engine dask reads and prepares them on Dask workers. Either way the index is the same.
    The index records the thresholds it is built with; adding with others is refused (exit 4).
    """
    with exit_codes(), report_file(out) as sink:
        from dedup.api_index import Index
        from dedup.errors import UsageError
        from dedup.index import AddResult
        from dedup.read import check_input_format

        settings = tuned(
            config, near_duplicate=near_duplicate, same_event=same_event, cluster=cluster_threshold
        ).settings
        if batch_size < 1:
            raise UsageError(f"--batch-size {batch_size}: use a positive number of documents")
        # Before the index is created: a bad format leaves no empty index behind.
        check_input_format(input_format)
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        choice = DaskChoice(engine, scheduler, workers, None, worker_timeout, worker_memory)
        options = dask_options(choice) if choice.requested() else None
        done = [AddResult()]
        # Counted up front (a pass over the bytes) so that the bar moves toward a real end.
        expected = estimate_documents(paths) if draws_progress(quiet) else 0
        with (
            Index(index_file, create=True, settings=settings) as index,
            progress_bar(quiet) as progress,
        ):

            def committed(result: AddResult) -> None:
                done[0] = done[0] + result
                seen = seen_by(done[0])
                progress("index", seen, max(seen, expected))

            try:
                if options is not None:
                    from dedup.engines.dask_index import add_paths_dask

                    add_paths_dask(
                        index.store,
                        paths,
                        settings=settings.match,
                        options=options,
                        batch_size=batch_size,
                        fields=fields,
                        strict=strict,
                        on_warning=warn_skipped,
                        on_batch=committed,
                    )
                elif STDIN in paths:
                    index.add(
                        stream(paths, strict=strict, fields=fields, input_format=input_format),
                        batch_size=batch_size,
                        on_batch=committed,
                    )
                else:
                    from dedup.index_add import add_paths
                    from dedup.workers import default_jobs

                    add_paths(
                        index.store,
                        paths,
                        settings=settings.match,
                        jobs=jobs or default_jobs(),
                        batch_size=batch_size,
                        fields=fields,
                        strict=strict,
                        on_warning=warn_skipped,
                        on_batch=committed,
                    )
            except KeyboardInterrupt:
                kept = describe_added(done[0])
                say(f"dedup: {kept} before the interrupt are kept in {index_file}")
                raise
            total = len(index)
        if done[0] == AddResult():
            raise InputError(" ".join(map(str, paths)), "no readable documents")
        held = f"{total:,} document{'' if total == 1 else 's'}"
        sink.write(f"{index_file}: {describe_added(done[0])}; {held} in the index\n")


def seen_by(result: AddResult) -> int:
    """How many documents an addition looked at."""
    return result.added + result.replaced + result.unchanged


def describe_added(result: AddResult) -> str:
    """How many documents an addition added, replaced and left unchanged."""
    return f"{result.added:,} added, {result.replaced:,} replaced, {result.unchanged:,} unchanged"


class StatsFormat(StrEnum):
    """The formats `dedup index stats` prints."""

    TERMINAL = "terminal"
    JSON = "json"


def index_stats_command(
    index_file: IndexOpt,
    output_format: Annotated[StatsFormat, format_option(StatsFormat)] = StatsFormat.TERMINAL,
    out: OutOpt = None,
) -> None:
    """Show how many documents, band keys and terms the index holds, its size and parameters."""
    with exit_codes(), report_file(out) as sink:
        from dedup.api_index import Index
        from dedup.render.index_stats import render_stats_json, render_stats_text

        with Index(index_file, writable=False) as index:
            stats = index.stats()
        json = output_format is StatsFormat.JSON
        sink.write((render_stats_json if json else render_stats_text)(stats))
