"""The settings a command runs with: its threshold options over a settings file over defaults."""

from __future__ import annotations

from pathlib import Path

from dedup.config import Config, load_config, with_thresholds


def tuned(
    config: Path | None,
    *,
    near_duplicate: float | None = None,
    same_event: float | None = None,
    cluster: float | None = None,
) -> Config:
    """The settings file's config (`--config`, else the nearest one) with the options' values."""
    found = load_config(config)
    settings = with_thresholds(
        found.settings,
        near_duplicate_threshold=near_duplicate,
        same_event_threshold=same_event,
        cluster_threshold=cluster,
    )
    return Config(settings, found.fail_on, found.source)
