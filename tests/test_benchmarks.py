"""Smoke test of the benchmark code on tiny sizes (no timing asserts: speed lives in benchmarks/)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from benchmarks import generate, peers, represent_stages, run, signatures
from benchmarks.process import measure


@pytest.fixture(scope="module")
def pool() -> generate.Pool:
    """The real-text pool the generator draws from."""
    return generate.load_pool()


def test_generator_is_deterministic_and_prefix_stable(pool: generate.Pool) -> None:
    """The same (seed, index) gives the same document; a longer run starts with a shorter one."""
    short = list(generate.generate(30, pool=pool))
    long = list(generate.generate(60, pool=pool))
    assert long[:30] == short
    assert [d["id"] for d in short] == [f"gen-{i:07d}" for i in range(30)]


def test_generated_text_is_made_of_real_sentences(pool: generate.Pool) -> None:
    """Every sentence of a generated document (figures aside) occurs in the real articles."""
    real = {
        re.sub(r"[\d,]*\d", "#", sentence)
        for article in pool.articles
        for p in article
        for sentence in p
    }
    docs = list(generate.generate(200, pool=pool))
    assert {str(d["edit"]) for d in docs} - {"story", "verbatim"}, "no edited copies made"
    for doc in docs:
        for paragraph in str(doc["text"]).split("\n\n"):
            for sentence in generate._split(paragraph)[0]:
                assert re.sub(r"[\d,]*\d", "#", sentence) in real, sentence


def test_copies_share_shingles_with_their_story(pool: generate.Pool) -> None:
    """An edited copy is a near-duplicate of its story: high, but not always total, overlap."""
    docs = list(generate.generate(400, pool=pool))
    by_id = {int(str(d["id"])[4:]): d for d in docs}
    copies = [d for d in docs if d["edit"] != "story" and int(d["story"]) in by_id]
    assert copies
    scores = [
        signatures.exact_jaccard(
            set(peers.shingles(str(d["text"]))),
            set(peers.shingles(str(by_id[int(d["story"])]["text"]))),
        )
        for d in copies
    ]
    assert sum(scores) / len(scores) > 0.5
    assert min(scores) < 1.0


def test_long_pair_is_two_long_reports(pool: generate.Pool) -> None:
    """The diff benchmark's two reports are long and differ."""
    left, right = generate.long_pair(pool, words=1500)
    assert 1000 < len(left.split()) <= 1500
    assert left != right


def test_signature_benchmark_measures_every_method(tmp_path: Path, pool: generate.Pool) -> None:
    """The signature benchmark reports throughput and a small error for each method."""
    docs = [str(d["text"]) for d in generate.generate(80, pool=pool)]
    stories = [int(d["story"]) for d in generate.generate(40, pool=pool)]
    result = signatures.measure(
        docs[:40], stories, warmup=docs[40:], slow_docs=10, accuracy_docs=40, repeats=1
    )
    assert set(result["methods"]) == set(signatures.METHODS)
    for values in result["methods"].values():
        assert values["docs_per_second"] > 0
        assert 0.0 <= values["mean_abs_error"] < 0.1
    assert result["methods"]["datasketch update() per shingle"]["docs"] == 10


def test_represent_stages_cover_every_stage(tmp_path: Path, pool: generate.Pool) -> None:
    """The representing benchmark times each stage on real documents, in a child process."""
    path = tmp_path / "docs.jsonl"
    generate.write_jsonl(path, 60, pool=pool)
    command = [sys.executable, "-m", "benchmarks.represent_stages", path, "--docs", "30"]
    done = measure([*command, "--repeats", "1"])
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == len(represent_stages.STAGES) + 1 and rows[-1].startswith("| total")


@pytest.mark.parametrize("peer", sorted(peers.PEERS))
def test_peer_scripts_find_the_copies(tmp_path: Path, pool: generate.Pool, peer: str) -> None:
    """Each peer script runs in a child process and groups some verbatim copies."""
    path = generate.write_jsonl(tmp_path / "docs.jsonl", 150, pool=pool)
    result = measure([sys.executable, "-m", "benchmarks.peers", peer, path], cwd=run.ROOT)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["docs"] == 150
    assert found["clusters"] > 0
    assert result.peak_rss > 10 * 2**20


def test_run_renders_a_results_table(tmp_path: Path) -> None:
    """A tiny full run writes the machine description, every section of the table, the speed
    ratios to the peers and the start-up and facts figures."""
    out = tmp_path / "results.md"
    code = run.main(
        [
            *("--sizes", "60", "--out", str(out), "--work", str(tmp_path)),
            *("--signature-docs", "20", "--repeats", "1"),
        ]
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    for needle in ("| CPU |", "| Python |", "rensa RMinHash", "datasketch script", "dedup diff"):
        assert needle in text
    assert re.search(r"\| 60 \| rensa script \| [\d.]+ \|", text)
    assert re.search(r"\| 60 \| dedup cluster \| [\d.]+ \| [\d,]+ \| [\d.]+× \| [\d.]+× \|", text)
    assert re.search(r"\| dedup --help \| [\d.]+ \|", text)
    assert re.search(
        r"`dedup facts --format jsonl` on 60 documents: first line after [\d.]+ s", text
    )
    assert "`dedup --help` in ≤ 0.2 s" in text


def test_bad_sizes_are_refused() -> None:
    """SIZES that are not counts stop the run with a message."""
    with pytest.raises(SystemExit, match="comma-separated"):
        run._sizes("10k")


def test_check_benchmark_keeps_its_build_record_and_one_section_per_size(tmp_path: Path) -> None:
    """bench_check records the build next to the index and writes one section per index size."""
    from benchmarks import bench_check

    out = tmp_path / "bench_check.md"
    common = ["--new", "3", "--repeats", "1", "--work", str(tmp_path), "--out", str(out)]
    assert bench_check.main(["--size", "40", *common]) == 0
    record = json.loads((tmp_path / "index-40.dedup.build.json").read_text(encoding="utf-8"))
    assert record["documents"] == 40 and record["seconds"] > 0
    first = out.read_text(encoding="utf-8")
    assert "target ≤ 1 s" in first and f"{record['seconds']:,.1f} s, peak RSS" in first
    assert bench_check.main(["--size", "40", "--build-only", *common]) == 0
    assert out.read_text(encoding="utf-8") == first
    bench_check._write_section(out, 1_000_000, "## 1,000,000-document index\n\nlater\n")
    bench_check._write_section(out, 30, "## 30-document index\n\nearlier\n")
    text = out.read_text(encoding="utf-8")
    assert text.count("## 40-document index") == 1
    assert text.index("## 30-") < text.index("## 40-") < text.index("## 1,000,000-")
    new, index = tmp_path / "check-new-40" / "new.jsonl", tmp_path / "index-40.dedup"
    stages = measure(
        [sys.executable, "-m", "benchmarks.check_stages", new, index, "--repeats", "1"]
    )
    assert stages.returncode == 0, stages.stderr
    assert re.search(r"\| SQLite: ranked_candidates \| [\d.]+ \|", stages.stdout)


def test_dask_graph_benchmark_times_each_width(capsys: pytest.CaptureFixture[str]) -> None:
    """The graph-building benchmark prints one row per part count."""
    pytest.importorskip("dask")
    from benchmarks import dask_graph

    assert dask_graph.main(["3", "5"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if re.match(r"\| \d+ \|", line)]
    assert [row.split("|")[1].strip() for row in rows] == ["3", "5"]


def test_long_diff_benchmark_reports_both_cases(tmp_path: Path) -> None:
    """bench_long_diff builds reports of the asked length, an edited copy, and one line a case."""
    from benchmarks import bench_long_diff

    left, right = bench_long_diff.digests(1500)
    assert len(left.split()) == len(right.split()) == 1500 and left != right
    edited = bench_long_diff.revision(left)
    assert 1000 < len(edited.split()) < 1500
    out = tmp_path / "long.md"
    assert bench_long_diff.main(["--words", "1500", "--repeats", "1", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "- digests: 1,500 and 1,500 words" in text and "- revision: 1,500 and" in text
