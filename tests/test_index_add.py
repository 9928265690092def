"""`dedup index add` on worker processes: the same index file, counts and warnings as one process."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from dedup.engines.partitions import plan_parts
from dedup.errors import InputError
from dedup.index import Index
from dedup.index_add import add_paths, prepare_part
from dedup.index_plan import OnBatch
from dedup.index_writes import AddResult
from dedup.indexing import Bands, open_index
from dedup.read import DEFAULT_FIELDS
from dedup.settings import DEFAULT_SETTINGS
from tests.conftest import CORPUS
from tests.index_builds import add_both_ways, dump_tables, versions_corpus

MATCH = DEFAULT_SETTINGS.match


def _both(
    paths: list[Path], tmp_path: Path, *, jobs: int, strict: bool = False, batch_size: int = 37
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One process adding a stream of articles (one.dedup), and `add_paths` in parts of ~60 kB
    on `jobs` processes (parts.dedup)."""

    def parallel(index: Index, warn: Callable[[InputError], None], batch: OnBatch) -> AddResult:
        return add_paths(
            index,
            paths,
            settings=MATCH,
            jobs=jobs,
            part_bytes=60_000,
            batch_size=batch_size,
            strict=strict,
            on_warning=warn,
            on_batch=batch,
        )

    return add_both_ways(
        paths, tmp_path, parallel, names=("one", "parts"), strict=strict, batch_size=batch_size
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_ecb_index_equals_the_one_process_index(tmp_path: Path, jobs: int) -> None:
    """ECB+ and the seeds, in many parts on `jobs` processes, give the same rows, batches and
    counts as adding the stream of articles in one process."""
    one, parts = _both([CORPUS / "ecbplus", CORPUS / "seeds"], tmp_path, jobs=jobs)
    assert parts == one
    assert one["outcome"] == str(AddResult(added=498))
    tables = dump_tables(tmp_path / "parts.dedup")
    assert tables == dump_tables(tmp_path / "one.dedup")
    assert len(tables["bands"]) > 10_000 and len(tables["terms"]) > 5_000


def test_adding_a_changed_collection_again_counts_like_one_process(tmp_path: Path) -> None:
    """A second add of a changed collection (repeated ids, an emptied document, a bad line):
    the same counts per batch, warnings and rows."""
    first = _both([versions_corpus(tmp_path, changed=False)], tmp_path, jobs=2, batch_size=4)
    assert first[1] == first[0]
    one, parts = _both([versions_corpus(tmp_path, changed=True)], tmp_path, jobs=2, batch_size=4)
    assert parts == one
    total = sum(one["batches"], AddResult())
    assert total.added > 0 and total.replaced > 0 and total.unchanged > 0
    assert any("duplicate id 'doc-0'" in w for w in one["warnings"])
    assert dump_tables(tmp_path / "parts.dedup") == dump_tables(tmp_path / "one.dedup")


def test_strict_stops_at_the_first_problem_keeping_earlier_batches(tmp_path: Path) -> None:
    """--strict: the same error, and the same batches committed before it."""
    corpus = versions_corpus(tmp_path, changed=False)
    one, parts = _both([corpus], tmp_path, jobs=2, strict=True, batch_size=2)
    assert parts == one
    assert "line 6" in one["outcome"]
    assert one["batches"] == [AddResult(added=2), AddResult(added=2)]
    assert dump_tables(tmp_path / "parts.dedup") == dump_tables(tmp_path / "one.dedup")


def test_workers_prepare_only_what_the_index_lacks(tmp_path: Path) -> None:
    """A worker packs no entry for a document the index holds unchanged, and packs the ones it
    is told to whatever the index holds."""
    path = tmp_path / "x.dedup"
    seeds = [CORPUS / "seeds"]
    with open_index(path, create=True) as index:
        add_paths(index, seeds, settings=MATCH, jobs=1)
        bands = Bands.of_index(index)
    (part,) = plan_parts(seeds, part_bytes=1 << 20, count_lines=lambda pieces: [])
    prepare = partial(prepare_part, fields=DEFAULT_FIELDS, strict=False)
    done = prepare(part, settings=MATCH, bands=bands, lookup=path)
    assert len(done.listing.ids) == 2 and done.entries == {}
    fresh = prepare(part, settings=MATCH, bands=bands, lookup=None)
    assert sorted(fresh.entries) == [0, 1]
    forced = prepare(part, settings=MATCH, bands=bands, lookup=path, only=[1])
    assert list(forced.entries) == [1]
    assert forced.entries[1].columns == fresh.entries[1].columns
