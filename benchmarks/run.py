"""`make bench`: every benchmark on the same generated documents, written to results.md.

    python -m benchmarks.run                         # 20k and 100k documents
    SIZES=20000,100000,1000000 make bench            # add 1M (long: the peers take ~20 min)
    python -m benchmarks.run --sizes 2000 --out /tmp/results.md

Generated documents are cached in --work (default: $TMPDIR/dedup-bench), keyed by size and
generator version, so a second run only measures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import commands, generate, machine
from benchmarks.process import measure
from benchmarks.report import CHECK_NEW_DOCS, render

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"
DEFAULT_SIZES = (20_000, 100_000)
FACTS_DOCS = 3_000
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
    help: commands.Outcome | None = None
    facts: commands.Outcome | commands.Streamed | None = None
    facts_docs: int = 0


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


def compile_bytecode() -> None:
    """Write dedup's .pyc files, as `pip install` does for an installed package: an editable
    install run with PYTHONDONTWRITEBYTECODE set would otherwise compile every module from
    source in every timed process (0.05-0.1 s of `dedup diff`)."""
    command = [sys.executable, "-m", "compileall", "-q", str(ROOT / "dedup")]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def execute(sizes: tuple[int, ...], *, work: Path, signature_docs: int, repeats: int = 3) -> Run:
    """Run every benchmark; nothing is written but the generated documents in `work` (and
    dedup's bytecode, `compile_bytecode`)."""
    work.mkdir(parents=True, exist_ok=True)
    compile_bytecode()
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
    _say("dedup --help")
    run.help = commands.start_up("--help")
    facts = commands.first_lines(paths[min(sizes)], work / "facts.jsonl", count=FACTS_DOCS)
    run.facts_docs = min(FACTS_DOCS, min(sizes))
    _say(f"dedup facts on {run.facts_docs:,} documents")
    run.facts = commands.facts(facts)
    run.machine.append(("load average at the end (1, 5, 15 min)", machine.load_average()))
    return run


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
