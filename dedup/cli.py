"""The command-line interface: options → settings → pipeline → renderer; errors → exit codes.

This is the only module that imports typer. Each command reads its inputs through `_load`, calls
library functions, and hands the result to a renderer. `_exit_codes` is the one place where
exceptions become exit codes and one-line messages.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dedup import __version__
from dedup.article import Article
from dedup.clean import clean_article
from dedup.errors import DedupError, ExitCode, InputError
from dedup.read import DEFAULT_FIELDS, FieldNames, read_paths

if TYPE_CHECKING:
    from rich.progress import TaskID

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 `check` found a document at or above --fail-on; 2 usage error; "
    "3 input error (path, file, line or row); 4 index error (missing, corrupt, other "
    "parameters); 5 optional extra not installed; 6 distributed engine failed; 130 interrupted."
)

app = typer.Typer(
    name="dedup",
    help="Find news coverage of the same event across sources and show where reports differ.\n\n"
    + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def _exit_codes() -> Iterator[None]:
    """Turn expected failures into a one-line message on stderr and a documented exit code."""
    try:
        yield
    except DedupError as error:
        _stderr(f"dedup: error: {error}")
        raise typer.Exit(int(error.exit_code)) from None
    except KeyboardInterrupt:
        _stderr("dedup: interrupted")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        raise typer.Exit(int(ExitCode.OK)) from None


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


PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Files or directories (walked recursively, sorted): .txt .md .html .htm .jsonl .csv",
        show_default=False,
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop at the first bad file, line or row.")
]
IdFieldOpt = Annotated[str, typer.Option(help="jsonl/csv field holding the document id.")]
TextFieldOpt = Annotated[str, typer.Option(help="jsonl/csv field holding the article text.")]
TitleFieldOpt = Annotated[str, typer.Option(help="jsonl/csv field holding the title.")]
DateFieldOpt = Annotated[str, typer.Option(help="jsonl/csv field holding the publication date.")]


def _load(
    paths: list[Path],
    *,
    strict: bool,
    fields: FieldNames = DEFAULT_FIELDS,
) -> list[Article]:
    """Read and clean articles; in a batch a bad item is reported on stderr and skipped."""
    skipped = 0

    def report(problem: InputError) -> None:
        nonlocal skipped
        if strict:
            raise problem
        skipped += 1
        _stderr(f"dedup: warning: {problem}; skipped")

    articles = [
        clean_article(article) for article in read_paths(paths, fields=fields, on_problem=report)
    ]
    empty = [article for article in articles if not article.text.strip()]
    for article in empty:
        report(InputError(article.source or article.id, "empty document after removing page junk"))
    articles = [article for article in articles if article.text.strip()]
    if not articles:
        raise InputError(
            " ".join(str(path) for path in paths),
            "no readable documents" + (f" ({skipped} skipped)" if skipped else ""),
            hint="see the warnings above",
        )
    return articles


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
    with _exit_codes():
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        for article in _load(paths, strict=strict, fields=fields):
            record = {**article.metadata(), "text": article.text, "removed": list(article.removed)}
            sys.stdout.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


DIFF_FORMATS = ("terminal", "json", "markdown")
FACTS_FORMATS = ("terminal", "json", "jsonl", "markdown")


def _choose(value: str, choices: tuple[str, ...], option: str) -> str:
    from dedup.errors import UsageError

    if value not in choices:
        raise UsageError(f"{option} {value!r}: use one of {', '.join(choices)}")
    return value


def _one_document(path: Path, *, strict: bool) -> Article:
    articles = _load([path], strict=strict)
    if len(articles) != 1:
        raise InputError(
            str(path),
            f"expected one document, found {len(articles)}",
            hint="pass a file that holds a single article",
        )
    return articles[0]


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
    with _exit_codes():
        from dedup.diff import build_diff

        fmt = _choose(output_format, DIFF_FORMATS, "--format")
        report = build_diff(_one_document(left, strict=strict), _one_document(right, strict=strict))
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
    with _exit_codes():
        from dedup.facts import extract_facts

        fmt = _choose(output_format, FACTS_FORMATS, "--format")
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        documents = [extract_facts(a) for a in _load(paths, strict=strict, fields=fields)]
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


@contextmanager
def _progress_bar(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A rich progress bar on stderr, or a silent callback when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield lambda stage, done, total: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        problem = f"cannot write: {error.strerror}"
        raise InputError(str(out), problem, hint="check the path") from None


@app.command("cluster")
def cluster_command(
    paths: PathsArg,
    output_format: Annotated[
        str, typer.Option("--format", help="terminal, json, jsonl or csv.")
    ] = "terminal",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the report to FILE instead of stdout.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    strict: StrictOpt = False,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    title_field: TitleFieldOpt = "title",
    date_field: DateFieldOpt = "published",
) -> None:
    """Group documents that cover the same event; mark copies and independent reports.

    MinHash/LSH proposes candidate pairs (word 5-gram shingles for copies, salient rare terms,
    names and figures for rewritten coverage); each pair is verified and labelled duplicate,
    near-duplicate, same-event or unrelated; average-link clustering groups them without
    chaining through one shared page. jsonl/csv: one row per document (singletons too) with
    {"id", "cluster", "relation", "representative", "score"}.
    """
    with _exit_codes():
        from dedup.pipeline import cluster_articles

        fmt = _choose(output_format, CLUSTER_FORMATS, "--format")
        fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)
        articles = _load(paths, strict=strict, fields=fields)
        with _progress_bar(quiet) as progress:
            result = cluster_articles(articles, progress=progress)
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

            _write(render_clusters_json(result), out)
        elif fmt == "jsonl":
            from dedup.render.clusters_json import render_clusters_jsonl

            _write(render_clusters_jsonl(result), out)
        else:
            from dedup.render.clusters_csv import render_clusters_csv

            _write(render_clusters_csv(result), out)


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
    with _exit_codes():
        from dedup.evaluate import evaluate_clustering
        from dedup.render.clusters_eval import render_eval_json, render_eval_text

        fmt = _choose(output_format, EVAL_FORMATS, "--format")
        articles = _load([path], strict=strict)
        with _progress_bar(quiet) as progress:
            result = evaluate_clustering(
                articles, label_field=label_field, exclude_field=exclude_field, progress=progress
            )
        render = render_eval_json if fmt == "json" else render_eval_text
        sys.stdout.write(render(result))


def main() -> None:
    """Entry point of the `dedup` console script and `python -m dedup`."""
    app(prog_name="dedup")
