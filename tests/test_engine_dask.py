"""The Dask engine: the same bytes as the local engine, on real local and remote clusters."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dedup.clean import clean_article
from dedup.cluster_result import ClusterResult
from dedup.engines.dask_client import Runner
from dedup.engines.dask_engine import run_clustering
from dedup.errors import EngineError, InputError
from dedup.pipeline import cluster_articles
from dedup.read import read_paths
from dedup.render.clusters_json import render_clusters_json, render_clusters_jsonl
from tests.bursts import write_burst
from tests.conftest import CORPUS, ROOT, CliRunner, write_messy_corpus

distributed = pytest.importorskip("distributed")

ECB_AND_SEEDS = [CORPUS / "ecbplus", CORPUS / "seeds"]
DASK = str(Path(sys.executable).parent / "dask")


def _local(paths: list[Path]) -> tuple[str, list[str]]:
    """The local engine's jsonl and warnings, as `dedup cluster` reads the paths."""
    warnings: list[str] = []
    articles = [
        clean_article(a)
        for a in read_paths(paths, on_problem=lambda problem: warnings.append(str(problem)))
    ]
    for article in articles:
        if not article.text.strip():
            where = article.source or article.id
            warnings.append(str(InputError(where, "empty document after removing page junk")))
    kept = [article for article in articles if article.text.strip()]
    return render_clusters_jsonl(cluster_articles(kept)), warnings


@pytest.fixture(scope="module")
def local_result() -> ClusterResult:
    """The local engine's clustering of ECB+ and the seeds."""
    articles = [clean_article(a) for a in read_paths(ECB_AND_SEEDS)]
    return cluster_articles([a for a in articles if a.text.strip()])


@pytest.fixture(scope="module")
def local_ecb(local_result: ClusterResult) -> str:
    """The local engine's jsonl for ECB+ and the seeds."""
    return render_clusters_jsonl(local_result)


def test_jsonl_equals_local_engine_across_many_parts(
    client: Any, local_result: ClusterResult, local_ecb: str
) -> None:
    """ECB+ cut into byte ranges of ~200 kB clusters to the local engine's bytes, json too."""
    run = run_clustering(Runner(client, 20.0), ECB_AND_SEEDS, part_bytes=200_000)
    assert render_clusters_jsonl(run.result) == local_ecb
    assert render_clusters_json(run.result) == render_clusters_json(local_result)
    assert run.result.candidate_pairs == local_result.candidate_pairs > 1000


def test_line_ranges_duplicates_and_problems_match_local(client: Any, tmp_path: Path) -> None:
    """Ids from line numbers, skipped lines, duplicate ids and emptied documents, across parts."""
    write_messy_corpus(tmp_path)
    expected, expected_warnings = _local([tmp_path])
    warnings: list[str] = []
    run = run_clustering(
        Runner(client, 20.0),
        [tmp_path],
        part_bytes=30_000,
        on_warning=lambda problem: warnings.append(str(problem)),
    )
    assert render_clusters_jsonl(run.result) == expected
    assert warnings == expected_warnings
    assert any("duplicate id 'doc-0'" in w for w in warnings)


def test_wire_bursts_match_local(client: Any, tmp_path: Path) -> None:
    """Exact copies (collapsed), edited copies (oversized buckets, sampled) and other stories,
    across parts: the local engine's bytes, the copies in one cluster."""
    write_burst(tmp_path / "identical.jsonl", 40, changed=False)
    write_burst(tmp_path / "edited.jsonl", 120, changed=True, start=40)
    lines = (CORPUS / "ecbplus" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "other.jsonl").write_text("\n".join(lines[:80]) + "\n", encoding="utf-8")
    expected, _ = _local([tmp_path])
    run = run_clustering(Runner(client, 20.0), [tmp_path], part_bytes=100_000)
    assert render_clusters_jsonl(run.result) == expected
    rows = [json.loads(line) for line in expected.splitlines()]
    burst = {r["cluster"] for r in rows if r["id"].startswith("copy-")}
    assert len(burst) == 1


@pytest.mark.parametrize("texts", [1, 3])
def test_corpora_without_candidate_pairs_match_local(
    client: Any, tmp_path: Path, texts: int
) -> None:
    """One document, or a few with nothing in common, in parts of their own: singletons only,
    as the local engine gives them."""
    topics = ["Rain fell on the harbour town all week.", "The chess final went to a tiebreak."]
    topics.append("Bakers in the valley raised bread prices again.")
    for n, text in enumerate(topics[:texts]):
        (tmp_path / f"doc-{n}.txt").write_text(text, encoding="utf-8")
    expected, _ = _local([tmp_path])
    run = run_clustering(Runner(client, 20.0), [tmp_path], part_bytes=10)
    assert render_clusters_jsonl(run.result) == expected
    assert run.result.candidate_pairs == 0 and len(run.result.clusters) == texts


def test_cli_engine_dask_prints_the_local_bytes(run_cli: CliRunner, local_ecb: str) -> None:
    """`dedup cluster --engine dask --workers 2 --format jsonl` prints the local engine's jsonl."""
    paths = [str(p) for p in ECB_AND_SEEDS]
    result = run_cli("cluster", *paths, "--engine", "dask", "--workers", "2", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == local_ecb


def test_scheduler_without_engine_dask_is_a_usage_error(run_cli: CliRunner) -> None:
    """--scheduler or --workers with the local engine is refused (exit 2)."""
    result = run_cli("cluster", str(CORPUS / "seeds"), "--workers", "3")
    assert result.exit_code == 2
    assert "need --engine dask" in result.stderr


def test_missing_extra_says_how_to_install(tmp_path: Path) -> None:
    """Without distributed importable, --engine dask exits 5 naming `pip install 'dedup[dask]'`."""
    script = (
        "import sys; sys.modules['distributed'] = None\n"
        "from dedup.cli import main\n"
        f"sys.argv = ['dedup', 'cluster', {str(CORPUS / 'seeds')!r}, '--engine', 'dask']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 5
    assert "pip install 'dedup[dask]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_lost_worker_is_rescheduled_with_the_same_output(client: Any, local_ecb: str) -> None:
    """Killing one of two worker processes mid-run still gives the local engine's bytes."""
    pids: dict[str, int] = client.run(os.getpid)
    killed: list[int] = []

    def kill_one(stage: str, done: int, total: int) -> None:
        if stage == "sign" and not killed:
            killed.append(sorted(pids.values())[0])
            os.kill(killed[0], signal.SIGKILL)

    run = run_clustering(Runner(client, 20.0), ECB_AND_SEEDS, part_bytes=200_000, progress=kill_one)
    assert killed
    assert render_clusters_jsonl(run.result) == local_ecb
    client.wait_for_workers(2, timeout=30)


def _start(args: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        args,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        **kwargs,
    )


def _scheduler_address(info: Path, *, timeout: float) -> str:
    """The address `dask scheduler --scheduler-file` writes, once the file is complete."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return str(json.loads(info.read_text())["address"])
        except (OSError, ValueError, KeyError):
            time.sleep(0.1)
    raise TimeoutError(f"dask scheduler wrote no address to {info} in {timeout:g} s")


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """`dask scheduler` and one `dask worker --no-nanny` as separate processes on 127.0.0.1."""
    info = tmp_path / "scheduler.json"
    processes = [
        _start(
            [
                DASK,
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(info),
            ]
        )
    ]
    try:
        address = _scheduler_address(info, timeout=30)
        processes.append(
            _start(
                [
                    DASK,
                    "worker",
                    address,
                    "--no-nanny",
                    "--nthreads",
                    "1",
                    "--host",
                    "127.0.0.1",
                    "--no-dashboard",
                ],
                cwd=ROOT,
            )
        )
        with distributed.Client(address, set_as_default=False, timeout=30) as probe:
            probe.wait_for_workers(1, timeout=30)
        yield address, processes
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def test_remote_scheduler_recipe_gives_the_local_bytes(
    run_cli: CliRunner, remote: tuple[str, list[subprocess.Popen[bytes]]], local_ecb: str
) -> None:
    """The recipe in docs/scaling.md: `dask scheduler`, `dask worker ADDRESS`, `--scheduler ADDRESS`."""
    address, _ = remote
    paths = [str(p) for p in ECB_AND_SEEDS]
    result = run_cli(
        "cluster", *paths, "--engine", "dask", "--scheduler", address, "--format", "jsonl"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == local_ecb


def test_no_worker_left_fails_with_engine_error(
    run_cli: CliRunner, remote: tuple[str, list[subprocess.Popen[bytes]]]
) -> None:
    """When the last worker dies mid-run the job fails (EngineError, exit 6) instead of hanging."""
    address, processes = remote
    worker = processes[1]
    with distributed.Client(address, set_as_default=False, timeout=30) as connected:

        def kill_worker(stage: str, done: int, total: int) -> None:
            if stage == "read" and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=30)

        started = time.monotonic()
        with pytest.raises(EngineError, match="no Dask workers left"):
            run_clustering(
                Runner(connected, 2.0), ECB_AND_SEEDS, part_bytes=200_000, progress=kill_worker
            )
        assert time.monotonic() - started < 30
    result = run_cli(
        "cluster",
        str(CORPUS / "seeds"),
        "--engine",
        "dask",
        "--scheduler",
        address,
        "--worker-timeout",
        "1",
        "--format",
        "jsonl",
    )
    assert result.exit_code == 6
    assert "no Dask workers left" in result.stderr
    assert result.stdout == ""


def test_unreachable_scheduler_is_an_engine_error(run_cli: CliRunner) -> None:
    """A scheduler address nobody listens on fails with exit 6 after --worker-timeout."""
    result = run_cli(
        "cluster",
        str(CORPUS / "seeds"),
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
        "--worker-timeout",
        "1",
    )
    assert result.exit_code == 6
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
