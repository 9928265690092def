"""Every threshold and parameter that changes results, in one frozen settings object.

Sections belong to the stages that read them. The index records `as_meta()` so that an index
built with other parameters is refused instead of silently mixed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class AlignSettings:
    """Sentence alignment and diff (read by dedup.align)."""


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Signatures, LSH candidates, verification and clustering (read by the clustering stages)."""

    num_perm: int = 128
    seed: int = 1


@dataclass(frozen=True, slots=True)
class Settings:
    """All settings; the defaults are the measured choices documented in the README."""

    align: AlignSettings = field(default_factory=AlignSettings)
    match: MatchSettings = field(default_factory=MatchSettings)

    def as_meta(self) -> dict[str, str]:
        """Flat `section.name -> value` pairs, sorted, for the index's meta table."""
        flat: dict[str, str] = {}
        for section, values in asdict(self).items():
            for name, value in values.items():
                flat[f"{section}.{name}"] = repr(value)
        return dict(sorted(flat.items()))


DEFAULT_SETTINGS = Settings()
