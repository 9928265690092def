"""The command-line interface: options → settings → pipeline → renderer; errors → exit codes.

One module per command (`read`, `diff`, `facts`, `cluster`, `eval`, `index`, `check`), each
parsing its options, calling library functions and handing the result to a renderer. The
shared pieces are defined once: the app and its command table (`app`), the mapping of errors
to exit codes (`exits`), the option aliases (`options`), reading documents (`documents`), the
Dask engine options (`engine`) and output (`output`). This package is the only place that
imports typer.
"""

from __future__ import annotations


def main() -> None:
    """Entry point of the `dedup` console script and `python -m dedup`."""
    # Imported here, not above: importing `dedup.cli` (as walking the package does) loads
    # neither typer nor the commands.
    from dedup.cli.app import app

    app(prog_name="dedup")
