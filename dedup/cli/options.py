"""Options shared by several commands, defined once: reading, engine and output.

Typer has no option groups: each is an `Annotated` alias that a command lists in its
signature, with its default taken from the library (e.g. `DEFAULT_FIELDS`) so it too is
stated once.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from dedup.cli.exits import choose, exit_codes
from dedup.settings import DEFAULT_SETTINGS

Format = TypeVar("Format", bound=StrEnum)

PATHS_HELP = (
    "Files or directories (walked recursively, sorted): .txt .md .html .htm .jsonl .csv; a "
    "file is named by its path relative to its argument (by the argument too when two share one)"
)

# Reading: which files, which jsonl/csv fields, and whether a bad item stops the run.
# readable=False: click would refuse an unreadable path as a 4-line usage error (exit 2);
# the reader reports it as the input error it is (exit 3), in the order it meets it.
PathsArg = Annotated[
    list[Path], typer.Argument(help=PATHS_HELP, show_default=False, readable=False)
]
OptionalPathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help=PATHS_HELP + "; optional with --index", show_default=False, readable=False),
]
InputFormatOpt = Annotated[
    str,
    typer.Option(
        "--input-format", help="Format of standard input (PATH -): txt, md, html, jsonl, csv."
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop at the first bad file, line or row.")
]
IdFieldOpt = Annotated[str, typer.Option(help="jsonl/csv field holding the document id.")]
TextFieldOpt = Annotated[str, typer.Option(help="jsonl/csv field holding the article text.")]
TitleFieldOpt = Annotated[str, typer.Option(help="jsonl/csv field holding the title.")]
DateFieldOpt = Annotated[str, typer.Option(help="jsonl/csv field holding the publication date.")]

# Engine: where `cluster` and `index add` run (checked by `dedup.cli.engine`).
EngineOpt = Annotated[
    str, typer.Option("--engine", help="local (this process) or dask (pip install 'dedup[dask]').")
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="With --engine dask: address of a running Dask scheduler (tcp://HOST:8786); every "
        "worker must see PATHs. Default: a local cluster.",
    ),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers", help="With --engine dask and no --scheduler: local worker processes [2]."
    ),
]
WorkerTimeoutOpt = Annotated[
    float,
    typer.Option(
        "--worker-timeout",
        help="With --engine dask: seconds without any worker before failing (exit 6).",
    ),
]
WorkerMemoryOpt = Annotated[
    str | None,
    typer.Option(
        "--worker-memory",
        help="With --engine dask and no --scheduler: memory limit per local worker (e.g. 2GiB); "
        "Dask spills kept data to disk past 60% of it. Default: RAM / workers.",
    ),
]

# Thresholds: options override a settings file (`dedup.config`), which overrides the defaults.
_MATCH = DEFAULT_SETTINGS.match
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Settings file: a dedup.toml, or a pyproject.toml with [tool.dedup] "
        "[default: the nearest one from the current directory up].",
        show_default=False,
    ),
]
NearDuplicateOpt = Annotated[
    float | None,
    typer.Option(
        "--near-duplicate-threshold",
        help=f"Word 5-gram Jaccard at which a pair is a copy [{_MATCH.near_duplicate_jaccard}].",
        show_default=False,
    ),
]
SameEventOpt = Annotated[
    float | None,
    typer.Option(
        "--same-event-threshold",
        help=f"Verification score at which a pair is the same event [{_MATCH.same_event_score}].",
        show_default=False,
    ),
]
ClusterThresholdOpt = Annotated[
    float | None,
    typer.Option(
        "--cluster-threshold",
        help=f"Average-link score at which clusters merge [{_MATCH.cluster_threshold}].",
        show_default=False,
    ),
]

# Output: in which format, where the report goes, and whether a progress bar is drawn.


def format_option(formats: type[Format], *, note: str = "") -> Any:
    """`--format` taking one of `formats` (each command has its own StrEnum): `--help` lists
    them (with `note`), completion offers them, and another value is the usual one-line usage
    error."""

    def parse(value: str) -> Format:
        # Checked here rather than by typer, whose message for a bad choice spans four lines.
        with exit_codes():
            return formats(choose(str(value), tuple(formats), "--format"))

    return typer.Option("--format", help=" ".join(("Output format.", note)).strip(), parser=parse)


OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        help="Write the report to FILE instead of stdout. FILE is checked before the work "
        "starts (exit 3 if it cannot be written) and replaced only when the command succeeds.",
        readable=False,
        metavar="FILE",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", help="No progress bar.")]

# The persistent index of `index add`, `index stats` and `check`.
IndexOpt = Annotated[
    Path,
    typer.Option("--index", help="The index file (SQLite).", show_default=False, readable=False),
]
