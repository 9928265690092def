"""`dedup index add --engine dask`: the same index file and counts as the local `index add`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dedup.engines.dask_client import Runner
from dedup.engines.dask_index import run_index_add
from dedup.errors import InputError
from dedup.index import Index
from dedup.index_plan import OnBatch
from dedup.index_writes import AddResult
from dedup.indexing import add_articles, open_index
from dedup.settings import DEFAULT_SETTINGS
from tests.conftest import CORPUS, CliRunner
from tests.index_builds import add_both_ways, dump_tables, stream_articles, versions_corpus

distributed = pytest.importorskip("distributed")

MATCH = DEFAULT_SETTINGS.match


def _both(
    client: Any, paths: list[Path], tmp_path: Path, *, strict: bool = False, batch_size: int = 37
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Add `paths` to local.dedup locally and to dask.dedup on Dask (in parts of ~60 kB):
    per engine the result (or the error), the batches committed and the warnings."""

    def on_dask(index: Index, warn: Callable[[InputError], None], batch: OnBatch) -> AddResult:
        return run_index_add(
            Runner(client, 20.0),
            index,
            paths,
            settings=MATCH,
            part_bytes=60_000,
            batch_size=batch_size,
            strict=strict,
            on_warning=warn,
            on_batch=batch,
        )

    return add_both_ways(
        paths, tmp_path, on_dask, names=("local", "dask"), strict=strict, batch_size=batch_size
    )


def test_ecb_index_equals_the_local_index(client: Any, tmp_path: Path) -> None:
    """ECB+ and the seeds, indexed on Dask in many parts, give the local index row for row."""
    paths = [CORPUS / "ecbplus", CORPUS / "seeds"]
    local, dask = _both(client, paths, tmp_path)
    assert dask == local
    assert local["outcome"] == str(AddResult(added=498))
    tables = dump_tables(tmp_path / "dask.dedup")
    assert tables == dump_tables(tmp_path / "local.dedup")
    assert len(tables["bands"]) > 10_000 and len(tables["terms"]) > 5_000
    local_index = open_index(tmp_path / "local.dedup", create=False)
    dask_index = open_index(tmp_path / "dask.dedup", create=False)
    with local_index, dask_index:
        assert list(dask_index.documents()) == list(local_index.documents())
        ids = list(dask_index.content_hashes())
        assert dask_index.features(ids) == local_index.features(ids)


def test_adding_again_counts_unchanged_replaced_and_skips_like_local(
    client: Any, tmp_path: Path
) -> None:
    """A second add of a changed collection: same counts per batch, warnings, rows."""
    first = _both(client, [versions_corpus(tmp_path, changed=False)], tmp_path, batch_size=4)
    assert first[1] == first[0]
    local, dask = _both(client, [versions_corpus(tmp_path, changed=True)], tmp_path, batch_size=4)
    assert dask == local
    total = sum(local["batches"], AddResult())
    assert total.added > 0 and total.replaced > 0 and total.unchanged > 0
    assert any("duplicate id 'doc-0'" in w for w in local["warnings"])
    assert any("empty document" in w for w in local["warnings"])
    assert dump_tables(tmp_path / "dask.dedup") == dump_tables(tmp_path / "local.dedup")


def test_strict_stops_at_the_first_problem_keeping_earlier_batches(
    client: Any, tmp_path: Path
) -> None:
    """--strict: the same error, and the same batches committed before it, as local."""
    local, dask = _both(
        client, [versions_corpus(tmp_path, changed=False)], tmp_path, strict=True, batch_size=2
    )
    assert dask == local
    assert "line 6" in local["outcome"]
    assert local["batches"] == [AddResult(added=2), AddResult(added=2)]
    assert dump_tables(tmp_path / "dask.dedup") == dump_tables(tmp_path / "local.dedup")


def test_an_interrupt_keeps_every_committed_batch(client: Any, tmp_path: Path) -> None:
    """Ctrl-C after the third batch leaves exactly the three committed batches in the file."""
    paths = [CORPUS / "ecbplus"]
    for engine in ("local", "dask"):
        committed: list[AddResult] = []

        def stop(result: AddResult, committed: list[AddResult] = committed) -> None:
            committed.append(result)
            if len(committed) == 3:
                raise KeyboardInterrupt

        with (
            open_index(tmp_path / f"{engine}.dedup", create=True) as index,
            pytest.raises(KeyboardInterrupt),
        ):
            if engine == "local":
                add_articles(
                    index,
                    stream_articles(paths, [], strict=False),
                    settings=MATCH,
                    batch_size=50,
                    on_batch=stop,
                )
            else:
                run_index_add(
                    Runner(client, 20.0),
                    index,
                    paths,
                    settings=MATCH,
                    part_bytes=60_000,
                    batch_size=50,
                    on_batch=stop,
                )
        with open_index(tmp_path / f"{engine}.dedup", create=False) as index:
            assert index.count() == 150
    assert dump_tables(tmp_path / "dask.dedup") == dump_tables(tmp_path / "local.dedup")


def test_cli_index_add_engine_dask(run_cli: CliRunner, tmp_path: Path) -> None:
    """`dedup index add --engine dask --workers 2` prints the local counts and builds the same
    index; adding again finds everything unchanged."""
    paths = [str(CORPUS / "ecbplus"), str(CORPUS / "seeds")]
    local = run_cli("index", "add", *paths, "--index", str(tmp_path / "l.dedup"), "--quiet")
    dask = run_cli(
        "index",
        "add",
        *paths,
        "--index",
        str(tmp_path / "d.dedup"),
        "--quiet",
        "--engine",
        "dask",
        "--workers",
        "2",
        "--worker-memory",
        "1GiB",
    )
    assert dask.exit_code == local.exit_code == 0, dask.stderr
    assert dask.stdout.replace("d.dedup", "l.dedup") == local.stdout
    assert "498 added, 0 replaced, 0 unchanged" in local.stdout
    assert dump_tables(tmp_path / "d.dedup") == dump_tables(tmp_path / "l.dedup")
    again = run_cli(
        "index",
        "add",
        *paths,
        "--index",
        str(tmp_path / "d.dedup"),
        "--quiet",
        "--engine",
        "dask",
        "--workers",
        "1",
    )
    assert again.exit_code == 0, again.stderr
    assert "0 added, 0 replaced, 498 unchanged" in again.stdout


def test_dask_options_are_checked_before_the_index_is_created(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """--worker-memory or --workers without --engine dask, or a memory limit that is no size, is
    a usage error (exit 2) and no index file is created."""
    seeds = str(CORPUS / "seeds")
    for option in (["--worker-memory", "1GiB"], ["--workers", "2"]):
        result = run_cli("index", "add", seeds, "--index", str(tmp_path / "x.dedup"), *option)
        assert result.exit_code == 2
        assert "need --engine dask" in result.stderr
    result = run_cli(
        "index",
        "add",
        seeds,
        "--index",
        str(tmp_path / "x.dedup"),
        "--engine",
        "dask",
        "--worker-memory",
        "lots",
    )
    assert result.exit_code == 2
    assert "--worker-memory lots: give a size such as 2GiB" in result.stderr
    assert not (tmp_path / "x.dedup").exists()
