"""The README and docs/ pages read as the docs tests need them: fenced blocks, code, links."""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = "```"
# A code span may run over a line break, as Markdown allows.
CODE_SPAN = re.compile(r"`([^`]+)`")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FROM_REPORT = re.compile(r"^<!-- from (\S+) -->$")


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
