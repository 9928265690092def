"""The one place where expected failures become a one-line message and a documented exit code."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from dedup.errors import DedupError, ExitCode, InputError, UsageError
from dedup.render.escape import one_line

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 `check` found a document at or above --fail-on; 2 usage error; "
    "3 input error (path, file, line or row, or past a size limit; or an --out FILE that "
    "cannot be written); 4 index error (missing, "
    "damaged, read-only, locked, disk full, other parameters); 5 optional extra not installed; "
    "6 distributed engine failed or scheduler unreachable; 130 interrupted."
)


def say(message: str) -> None:
    """A diagnostic line on stderr (reports go to stdout); a control character or line break
    that a file name or an id carries is shown, never sent to the terminal."""
    print(one_line(message), file=sys.stderr, flush=True)


# Warnings printed per kind of problem; the rest are counted and summed up at the end.
SHOWN_PER_PROBLEM = 3


class _Skipped:
    """The skipped items of one command, counted by problem (the message without its place):
    a field name that matches nothing is three warnings and a count, not one per record."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def warn(self, problem: InputError) -> None:
        self.counts[problem.problem] += 1
        if self.counts[problem.problem] <= SHOWN_PER_PROBLEM:
            say(f"dedup: warning: {problem}; skipped")

    def summarise(self) -> None:
        for what, count in self.counts.items():
            if count > SHOWN_PER_PROBLEM:
                more = count - SHOWN_PER_PROBLEM
                say(f"dedup: warning: {more:,} more skipped, each with: {what}")
        self.counts.clear()


_SKIPPED = _Skipped()


def warn_skipped(problem: InputError) -> None:
    """Report a bad item of a batch that is skipped, not fatal."""
    _SKIPPED.warn(problem)


@contextmanager
def exit_codes() -> Iterator[None]:
    """Turn expected failures into a one-line message on stderr and a documented exit code;
    repeated warnings are summed up before it."""
    try:
        try:
            yield
        finally:
            _SKIPPED.summarise()
    except DedupError as error:
        say(f"dedup: error: {error}")
        raise typer.Exit(int(error.exit_code)) from None
    except KeyboardInterrupt:
        say("dedup: interrupted")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        raise typer.Exit(int(ExitCode.OK)) from None


def choose(value: str, choices: tuple[str, ...], option: str) -> str:
    """`value` if it is one of `choices`, else a UsageError naming them."""
    if value not in choices:
        raise UsageError(f"{option} {value!r}: use one of {', '.join(choices)}")
    return value
