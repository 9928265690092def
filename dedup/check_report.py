"""What `dedup check` found: per new document, its matches in the index and whether it fails."""

from __future__ import annotations

from dataclasses import dataclass

from dedup.errors import UsageError

# Weakest to strongest; `--fail-on R` fails on R and anything stronger.
RELATION_ORDER: tuple[str, ...] = ("unrelated", "same-event", "near-duplicate", "duplicate")
FAIL_ON_CHOICES: tuple[str, ...] = ("duplicate", "near-duplicate", "same-event")
CHECK_SCHEMA_VERSION = 1


def relation_rank(relation: str) -> int:
    """Position of a relation from weakest (0) to strongest."""
    try:
        return RELATION_ORDER.index(relation)
    except ValueError:
        raise UsageError(
            f"unknown relation {relation!r}; use one of {', '.join(FAIL_ON_CHOICES)}"
        ) from None


@dataclass(frozen=True, slots=True)
class Match:
    """One indexed (or other new) document that a new document matches."""

    id: str
    relation: str
    score: float
    discrepancies: tuple[str, ...] = ()
    in_index: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    """One new document and its matches, strongest first.

    `state`: "new" (id not in the index), "changed" (the index holds another version of this id,
    which it is not compared with), or "indexed" (same id and content already in the index: not
    compared, passes).
    """

    id: str
    source: str | None
    matches: tuple[Match, ...]
    status: str  # "fail", "warn" or "pass"
    state: str = "new"
    # Where the document was read (a file, with " line N" for a record): never its `source`
    # field, which a record sets freely.
    location: str | None = None

    @property
    def best(self) -> Match | None:
        """The strongest match, if any."""
        return self.matches[0] if self.matches else None


@dataclass(frozen=True, slots=True)
class CheckReport:
    """All new documents checked against an index."""

    index: str
    fail_on: str
    findings: tuple[Finding, ...]

    @property
    def failed(self) -> bool:
        """Whether any new document reached the --fail-on relation."""
        return any(finding.status == "fail" for finding in self.findings)

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-ready data: what `dedup check --format json` prints."""
        from dedup.render.check_formats import check_as_dict

        return check_as_dict(self)

    def counts(self) -> dict[str, int]:
        """How many new documents failed, warned and passed."""
        counts = {"fail": 0, "warn": 0, "pass": 0}
        for finding in self.findings:
            counts[finding.status] += 1
        return counts


def status_for(matches: tuple[Match, ...], *, fail_on: str) -> str:
    """fail at or above `fail_on`, warn for a weaker relation, pass when nothing is related."""
    if not matches or matches[0].relation == "unrelated":
        return "pass"
    return "fail" if relation_rank(matches[0].relation) >= relation_rank(fail_on) else "warn"
