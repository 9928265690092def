"""The command-line interface: options → settings → pipeline → renderer; errors → exit codes.

This is the only module that imports typer. Each command reads its inputs through `_load`, calls
library functions, and hands the result to a renderer. `_exit_codes` is the one place where
exceptions become exit codes and one-line messages.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from dedup import __version__
from dedup.article import Article
from dedup.clean import clean_article
from dedup.errors import DedupError, ExitCode, InputError
from dedup.read import DEFAULT_FIELDS, FieldNames, read_paths

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


def main() -> None:
    """Entry point of the `dedup` console script and `python -m dedup`."""
    app(prog_name="dedup")
