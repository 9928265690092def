"""The README and docs/ pages read as the docs tests need them: fenced blocks, code, links."""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = "```"
# A code span may run over a line break, as Markdown allows.
CODE_SPAN = re.compile(r"`([^`]+)`")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FROM_REPORT = re.compile(r"^<!-- from (\S+) -->$")
# A console block not run by the tests, with the reason (a long benchmark, data not in the
# repository); and shell commands run, unseen, before a block's own (the files it needs).
ILLUSTRATIVE = re.compile(r"^<!-- illustrative: (\S.*) -->$")
SETUP = re.compile(r"^<!-- setup: (\S.*) -->$")
# A shown line standing for one or more lines left out: `…`, perhaps with a note in brackets.
GAP = re.compile(r"\s*…(\s+\([^)]*\))?\s*")


@dataclass(frozen=True)
class Fence:
    """A fenced block: its info word (`console`, `text`, …), its lines, the line above it."""

    info: str
    lines: tuple[str, ...]
    above: str


def fences(text: str) -> list[Fence]:
    """Every fenced block of a page, in order."""
    found: list[Fence] = []
    info: str | None = None
    body: list[str] = []
    above = ""
    previous = ""
    for line in text.splitlines():
        if info is None and line.lstrip().startswith(FENCE):
            info, body, above = line.lstrip()[len(FENCE) :].strip(), [], previous
        elif info is not None and line.lstrip().startswith(FENCE):
            found.append(Fence(info=info, lines=tuple(body), above=above))
            info = None
        elif info is not None:
            body.append(line)
        if line.strip():
            previous = line.strip()
    return found


def prose(text: str) -> str:
    """The page without its fenced blocks."""
    kept: list[str] = []
    inside = False
    for line in text.splitlines():
        if line.lstrip().startswith(FENCE):
            inside = not inside
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def code(text: str) -> list[str]:
    """The page's code: each line of a fenced block and each code span of the prose."""
    units = [line for fence in fences(text) for line in fence.lines]
    units.extend(span.replace("\n", " ") for span in CODE_SPAN.findall(prose(text)))
    return units


def link_targets(text: str) -> list[str]:
    """The targets of the page's links and images, outside code."""
    return LINK.findall(CODE_SPAN.sub("", prose(text)))


def report_name(fence: Fence) -> str | None:
    """The report a block says it is taken from (`<!-- from reports/X -->` above it), if any."""
    marked = FROM_REPORT.match(fence.above)
    return marked.group(1) if marked else None


def illustrative_reason(fence: Fence) -> str | None:
    """Why a block is not run (`<!-- illustrative: REASON -->` above it), if it is not."""
    marked = ILLUSTRATIVE.match(fence.above)
    return marked.group(1) if marked else None


def setup_command(fence: Fence) -> str | None:
    """The shell commands to run before a block (`<!-- setup: COMMANDS -->` above it), if any."""
    marked = SETUP.match(fence.above)
    return marked.group(1) if marked else None


def _runs(shown: list[str]) -> list[list[str]]:
    """The runs of shown lines between gap lines (a gap at either end gives an empty run)."""
    runs: list[list[str]] = [[]]
    for line in shown:
        if GAP.fullmatch(line):
            runs.append([])
        else:
            runs[-1].append(line.rstrip())
    return runs


def _find(run: list[str], lines: list[str], start: int) -> int | None:
    """Where `run` first occurs in `lines` at or after `start`."""
    return next(
        (i for i in range(start, len(lines) - len(run) + 1) if lines[i : i + len(run)] == run),
        None,
    )


def runs_in_order(shown: list[str], lines: list[str]) -> bool:
    """Whether the runs of `shown` between gap lines are runs of `lines`, in order."""
    position = 0
    for run in filter(None, _runs(shown)):
        start = _find(run, lines, position)
        if start is None:
            return False
        position = start + len(run)
    return True


def shows(shown: list[str], printed: list[str]) -> bool:
    """Whether `printed` is what a console example shows: the same lines, trailing spaces
    aside, where each gap line stands for at least one line left out."""
    lines = [line.rstrip() for line in printed]
    runs = _runs(shown)
    if len(runs) == 1:
        return runs[0] == lines
    first, *middle, last = runs
    if lines[: len(first)] != first:
        return False
    position = len(first)
    for run in filter(None, middle):
        start = _find(run, lines, position + 1)
        if start is None:
            return False
        position = start + len(run)
    tail = len(lines) - len(last)
    return tail > position and lines[tail:] == last
