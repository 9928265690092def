"""Sizes the Dask engine reports for its values: close to what they hold, so spilling works."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from dedup.engines.dask_index import part_entries
from dedup.engines.numbering import number_documents
from dedup.engines.partitions import plan_parts
from dedup.engines.stages import listing, load_part, prepare, term_counts
from dedup.engines.verify_stages import extract_rows
from dedup.index_plan import list_articles, load_articles
from dedup.indexing import Bands
from dedup.read import DEFAULT_FIELDS
from dedup.settings import DEFAULT_SETTINGS
from tests.conftest import CORPUS

sizeof = pytest.importorskip("dask.sizeof").sizeof
MATCH = DEFAULT_SETTINGS.match


def _part() -> object:
    """The first part of about 400 kB of ECB+."""
    paths: list[Path] = [CORPUS / "ecbplus"]
    return plan_parts(paths, part_bytes=400_000, count_lines=lambda pieces: [None] * len(pieces))[0]


def _close(value: object) -> None:
    """Dask's size of `value` is within a factor of two of its pickled bytes (and not tiny)."""
    pickled = len(pickle.dumps(value, protocol=5))
    assert pickled > 100_000
    assert pickled / 2 <= sizeof(value) <= pickled * 2, (sizeof(value), pickled)


def test_cluster_stage_values_report_their_size() -> None:
    """A loaded part, a prepared part and rows extracted from it weigh about what they pickle
    to."""
    part = _part()
    loaded = load_part(part, fields=DEFAULT_FIELDS, strict=False, settings=MATCH)
    _close(loaded)
    rows = number_documents([listing(loaded)], strict=False).rows[0]
    prepared = prepare(loaded, rows, stats=term_counts(loaded, rows), settings=MATCH)
    _close(prepared)
    _close(extract_rows(prepared, np.stack([prepared.rows, prepared.rows], axis=1)))


def test_index_stage_values_report_their_size() -> None:
    """Loaded articles and prepared index entries weigh about what they pickle to."""
    loaded = load_articles(_part(), fields=DEFAULT_FIELDS, strict=False)
    _close(loaded)
    listed = list_articles(loaded, _part())
    assert len(listed.ids) == len(loaded.articles)
    bands = Bands.for_settings(MATCH)
    ordinals = range(len(loaded.articles))
    _close(part_entries(loaded, ordinals, listed.hashes, settings=MATCH, bands=bands))
