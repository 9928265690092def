"""The `dedup` app: its root options and every command, in the order `--help` lists them."""

from __future__ import annotations

from typing import Annotated

import typer

from dedup import __version__
from dedup.cli import check, cluster, diff, explain, facts, index, read
from dedup.cli import eval as evaluate
from dedup.cli.exits import EXIT_CODES_HELP

# `-h` beside `--help` on every command, as ripgrep, jq and git users expect.
HELP = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="dedup",
    help="Find news coverage of the same event across sources and show where reports differ.\n\n"
    + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=True,
    context_settings=HELP,
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
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Find news coverage of the same event across sources and show where reports differ."""


index_app = typer.Typer(
    name="index",
    help="Build and inspect the persistent index read by `dedup check` and `dedup cluster`.",
    no_args_is_help=True,
    context_settings=HELP,
    rich_markup_mode=None,
)
app.add_typer(index_app, name="index")

# One table of commands, registered in the order `dedup --help` lists them.
app.command("read")(read.read_command)
app.command("diff")(diff.diff_command)
app.command("explain")(explain.explain_command)
app.command("facts")(facts.facts_command)
app.command("cluster")(cluster.cluster_command)
app.command("eval")(evaluate.eval_command)
app.command("check")(check.check_command)
index_app.command("add")(index.index_add_command)
index_app.command("stats")(index.index_stats_command)
