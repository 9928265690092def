"""`make bench`: every benchmark on the same generated documents, written to results.md.

    python -m benchmarks.run                         # 10k and 100k documents
    SIZES=10000,100000,1000000 make bench            # add 1M (long: the peers take ~20 min)
    python -m benchmarks.run --sizes 2000 --out /tmp/results.md

Generated documents are cached in --work (default: $TMPDIR/dedup-bench), keyed by size and
generator version, so a second run only measures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import commands, generate, machine
from benchmarks.process import Measured, measure

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"
DEFAULT_SIZES = (10_000, 100_000)
CHECK_NEW_DOCS = 10
PEERS = ("datasketch", "rensa")


@dataclass
class Run:
    """Everything one benchmark run measured, in the order it is reported."""

    sizes: tuple[int, ...]
    origin: str
    machine: list[tuple[str, str]]
    signatures: dict[str, Any] = field(default_factory=dict)
    clustering: list[tuple[int, str, commands.Outcome, str]] = field(default_factory=list)
    indexing: list[tuple[int, commands.Outcome]] = field(default_factory=list)
    checks: list[tuple[int, commands.Outcome]] = field(default_factory=list)
    diff: commands.Outcome | None = None
    diff_words: tuple[int, int] = (0, 0)


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def documents(size: int, *, work: Path, pool: generate.Pool) -> Path:
    """The generated jsonl of `size` documents, written once per generator version and pool."""
    tag = "gva" if "gva" in pool.origin else "corpus"
    path = work / f"docs-{size}-v{generate.GENERATOR_VERSION}-{tag}.jsonl"
    if not path.exists():
        _say(f"generating {size:,} documents -> {path}")
        generate.write_jsonl(path, size, pool=pool)
    return path


def _clusters_in_jsonl(path: Path) -> str:
    """Clusters of two or more documents in `dedup cluster` jsonl output, if it has them."""
    if not path.exists():
        return "—"
    sizes: Counter[str] = Counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                sizes[str(json.loads(line)["cluster"])] += 1
            except (ValueError, KeyError, TypeError):
                return "—"
    return f"{sum(1 for n in sizes.values() if n > 1):,}"


def measure_signatures(path: Path, *, docs: int, repeats: int) -> dict[str, Any]:
    """The one-core signature benchmark, in its own process."""
    command: list[str | Path] = [sys.executable, "-m", "benchmarks.signatures", path]
    command += ["--docs", str(docs)]
    result = measure([*command, "--repeats", str(repeats)], cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"benchmarks.signatures failed:\n{result.stderr}")
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def measure_peer(peer: str, path: Path) -> tuple[commands.Outcome, str]:
    """One peer script on `path`: its cost and the clusters it found."""
    result = measure([sys.executable, "-m", "benchmarks.peers", peer, path], cwd=ROOT)
    if result.stopped:
        return commands.Outcome(None, result.stopped), "—"
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["?"])[-1]
        return commands.Outcome(None, f"failed: {last[:120]}"), "—"
    return commands.Outcome(result), f"{json.loads(result.stdout)['clusters']:,}"


def execute(sizes: tuple[int, ...], *, work: Path, signature_docs: int, repeats: int = 3) -> Run:
    """Run every benchmark; nothing is written but the generated documents in `work`."""
    work.mkdir(parents=True, exist_ok=True)
    pool = generate.load_pool()
    run = Run(sizes=sizes, origin=pool.origin, machine=machine.describe(ROOT))
    paths = {size: documents(size, work=work, pool=pool) for size in sizes}
    _say("signatures per second (one core)")
    run.signatures = measure_signatures(
        paths[min(sizes)], docs=min(signature_docs, min(sizes)), repeats=repeats
    )
    for size in sizes:
        for peer in PEERS:
            _say(f"{peer} script on {size:,} documents")
            outcome, clusters = measure_peer(peer, paths[size])
            run.clustering.append((size, f"{peer} script", outcome, clusters))
        _say(f"dedup cluster on {size:,} documents")
        out = work / f"cluster-{size}.jsonl"
        out.unlink(missing_ok=True)
        outcome = commands.cluster(paths[size], out)
        clusters = _clusters_in_jsonl(out) if outcome.measured else "—"
        run.clustering.append((size, "dedup cluster", outcome, clusters))
    new = commands.write_new_documents(
        work / "check-new" / "new.jsonl", after=max(sizes), count=CHECK_NEW_DOCS, pool=pool
    )
    for size in [s for s in sizes if s >= 100_000] or [max(sizes)]:
        index = work / f"index-{size}.dedup"
        _say(f"dedup index add ({size:,} documents)")
        run.indexing.append((size, commands.build_index(paths[size], index)))
        _say(f"dedup check: {CHECK_NEW_DOCS} documents against {size:,}")
        run.checks.append((size, commands.check(new, index)))
    left, right = commands.write_diff_pair(work / "diff", pool=pool)
    run.diff_words = (len(left.read_text().split()), len(right.read_text().split()))
    _say("dedup diff")
    run.diff = commands.diff(left, right)
    return run


def _mib(measured: Measured) -> str:
    return f"{measured.peak_rss / 2**20:,.0f} MiB"


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×" if base else "—"


def render(run: Run) -> str:
    """The results as markdown."""
    lines = ["# Benchmark results", "", "Written by `make bench` (`python -m benchmarks.run`).", ""]
    lines += ["| machine | |", "|---|---|"]
    lines += [f"| {label} | {value} |" for label, value in run.machine]
    lines += [
        "",
        f"Documents: `benchmarks/generate.py` (v{generate.GENERATOR_VERSION}) from {run.origin}.",
        "Every method: word 5-gram shingles, 128 permutations; the peers split lower-cased text",
        "on whitespace, dedup is timed with its own tokenizer (the pipeline's) and with theirs.",
        "",
    ]
    lines += _signature_table(run.signatures)
    lines += _clustering_table(run)
    lines += _latency_table(run)
    return "\n".join(lines) + "\n"


def _signature_table(sig: dict[str, Any]) -> list[str]:
    methods = sig["methods"]
    update = methods["datasketch update() per shingle"]["docs_per_second"]
    rensa = methods["rensa RMinHash"]["docs_per_second"]
    lines = [
        "## Signatures per second, one core (text → signature)",
        "",
        f"Best of the repeats on the first {sig['docs']:,} documents (update(): the first "
        f"{sig['slow_docs']:,}). Error: mean |estimate − exact Jaccard| over {sig['pairs']} pairs "
        f"(same-story pairs plus random ones; mean exact Jaccard {sig['mean_exact']:.3f} of "
        f"whitespace shingles, {sig.get('mean_exact_dedup', 0.0):.3f} of dedup's), each method "
        "against the shingles it hashes.",
        "",
        "| method | docs | docs/s | × datasketch update() | × rensa | mean abs error |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, values in methods.items():
        rate = values["docs_per_second"]
        lines.append(
            f"| {name} | {values['docs']:,} | {rate:,.0f} | {_ratio(rate, update)} "
            f"| {_ratio(rate, rensa)} | {values['mean_abs_error']:.4f} |"
        )
    lines.append("")
    for name in ("dedup (numpy, batch)", "dedup.minhash on whitespace tokens"):
        ours = methods[name]["docs_per_second"]
        lines.append(
            f"Targets, {name}: ≥ 1.0× rensa — measured {_ratio(ours, rensa)} "
            f"({'met' if ours >= rensa else 'not met'}); ≥ 30× datasketch update() — measured "
            f"{_ratio(ours, update)} ({'met' if ours >= 30 * update else 'not met'})."
        )
    lines.append("")
    return lines


def _clustering_table(run: Run) -> list[str]:
    lines = [
        "## Clustering end to end (child process: wall time, peak RSS)",
        "",
        "| docs | method | seconds | docs/s | peak RSS | clusters (≥ 2 docs) | note |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for size, name, outcome, clusters in run.clustering:
        measured = outcome.measured
        if measured is None:
            lines.append(f"| {size:,} | {name} | — | — | — | — | {outcome.note} |")
            continue
        rate = size / measured.seconds
        lines.append(
            f"| {size:,} | {name} | {measured.seconds:,.1f} | {rate:,.0f} | {_mib(measured)} "
            f"| {clusters} | {outcome.note} |"
        )
    return [*lines, "", *_clustering_targets(run), ""]


def _clustering_targets(run: Run) -> list[str]:
    """Issue 6's end-to-end targets, each with what this run measured."""
    seconds = {
        (size, name): outcome.measured
        for size, name, outcome, _ in run.clustering
        if outcome.measured is not None
    }
    lines = []
    for size in run.sizes:
        ours, peer = seconds.get((size, "dedup cluster")), seconds.get((size, "datasketch script"))
        if ours is not None and peer is not None:
            speedup = peer.seconds / ours.seconds
            verdict = "met" if speedup >= 2 else "not met"
            lines.append(
                f"- {size:,} documents: ≥ 2× faster than the datasketch script — measured "
                f"{speedup:.2f}× ({verdict})."
            )
    hundred = seconds.get((100_000, "dedup cluster"))
    if hundred is not None:
        fast = hundred.seconds <= 60 and hundred.peak_rss <= 2 << 30
        lines.append(
            f"- 100,000 documents in ≤ 60 s with peak RSS ≤ 2 GiB — measured "
            f"{hundred.seconds:.1f} s, {_mib(hundred)} ({'met' if fast else 'not met'})."
        )
    return ["Targets:", "", *lines] if lines else []


def _latency_table(run: Run) -> list[str]:
    lines = ["## dedup check and dedup diff", "", "| what | seconds | peak RSS | note |"]
    lines.append("|---|---:|---:|---|")
    rows: list[tuple[str, commands.Outcome | None]] = []
    rows += [(f"dedup index add, {size:,} documents", o) for size, o in run.indexing]
    rows += [
        (f"dedup check, {CHECK_NEW_DOCS} new documents vs {size:,}-document index", o)
        for size, o in run.checks
    ]
    left, right = run.diff_words
    rows.append((f"dedup diff, two reports of {left:,} and {right:,} words", run.diff))
    for label, outcome in rows:
        if outcome is None or outcome.measured is None:
            note = outcome.note if outcome else "not run"
            lines.append(f"| {label} | — | — | {note} |")
        else:
            measured = outcome.measured
            lines.append(
                f"| {label} | {measured.seconds:.2f} | {_mib(measured)} | {outcome.note} |"
            )
    million = [o for size, o in run.checks if size >= 1_000_000 and o.measured is not None]
    target = "Target: `dedup check` of 10 documents against a 1M-document index in ≤ 1 s — "
    if million and million[0].measured is not None:
        took = million[0].measured.seconds
        target += f"measured {took:.2f} s ({'met' if took <= 1 else 'not met'})."
    else:
        target += "not measured in this run (`SIZES=10000,100000,1000000 make bench`)."
    return [*lines, "", target, ""]


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(sorted({int(part.replace("_", "")) for part in text.split(",") if part}))
    except ValueError as error:
        raise SystemExit(f"SIZES must be comma-separated document counts, got {text!r}") from error
    if not sizes or min(sizes) < 2:
        raise SystemExit(f"SIZES must be counts of at least 2 documents, got {text!r}")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the dedup benchmarks.")
    default_sizes = os.environ.get("SIZES") or ",".join(map(str, DEFAULT_SIZES))
    parser.add_argument("--sizes", default=default_sizes, help="comma-separated document counts")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dedup-bench")
    parser.add_argument("--signature-docs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    run = execute(
        _sizes(args.sizes), work=args.work, signature_docs=args.signature_docs, repeats=args.repeats
    )
    args.out.write_text(render(run), encoding="utf-8")
    _say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
