"""`make bench`'s table: the figures of one run (`benchmarks.run`) as markdown, each speed also as
a ratio to the peers measured in the same run, and each target with what the run measured."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchmarks import commands, generate
from benchmarks.process import Measured

if TYPE_CHECKING:
    from benchmarks.run import Run

CHECK_NEW_DOCS = 10
# Issue 18's targets on this 2-core machine.
CLUSTER_VS_RENSA = 0.5
CLUSTER_VS_DATASKETCH = 3.0
INDEX_ADD_SECONDS = 40.0
DIFF_SECONDS = 0.35
HELP_SECONDS = 0.2
FACTS_PER_SECOND = 500.0
FACTS_FIRST_LINE = 1.0


def _verdict(met: bool) -> str:
    return "met" if met else "not met"


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
            f"({_verdict(ours >= rensa)}); ≥ 30× datasketch update() — measured "
            f"{_ratio(ours, update)} ({_verdict(ours >= 30 * update)})."
        )
    lines.append("")
    return lines


def _clustering_table(run: Run) -> list[str]:
    lines = [
        "## Clustering end to end (child process: wall time, peak RSS)",
        "",
        "Speed ratios are against the peer scripts on the same documents in this run (above 1:",
        "faster than the peer).",
        "",
        "| docs | method | seconds | docs/s | × datasketch script | × rensa script | peak RSS "
        "| clusters (≥ 2 docs) | note |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    seconds = _cluster_seconds(run)
    for size, name, outcome, clusters in run.clustering:
        measured = outcome.measured
        if measured is None:
            lines.append(f"| {size:,} | {name} | — | — | — | — | — | — | {outcome.note} |")
            continue
        rate = size / measured.seconds
        against = [
            _ratio(peer, measured.seconds) if (peer := seconds.get((size, f"{p} script"))) else "—"
            for p in ("datasketch", "rensa")
        ]
        lines.append(
            f"| {size:,} | {name} | {measured.seconds:,.1f} | {rate:,.0f} | {against[0]} "
            f"| {against[1]} | {_mib(measured)} | {clusters} | {outcome.note} |"
        )
    return [*lines, "", *_clustering_targets(run), ""]


def _cluster_seconds(run: Run) -> dict[tuple[int, str], float]:
    return {
        (size, name): outcome.measured.seconds
        for size, name, outcome, _ in run.clustering
        if outcome.measured is not None
    }


def _clustering_targets(run: Run) -> list[str]:
    """Issue 18's end-to-end targets (and issue 6's 100k budget), each with what was measured."""
    seconds = _cluster_seconds(run)
    measured = {
        (size, name): outcome.measured
        for size, name, outcome, _ in run.clustering
        if outcome.measured is not None
    }
    lines = []
    for size in run.sizes:
        ours = seconds.get((size, "dedup cluster"))
        rensa = seconds.get((size, "rensa script"))
        datasketch = seconds.get((size, "datasketch script"))
        if ours and rensa and datasketch:
            vs_rensa, vs_datasketch = rensa / ours, datasketch / ours
            met = vs_rensa >= CLUSTER_VS_RENSA and vs_datasketch >= CLUSTER_VS_DATASKETCH
            lines.append(
                f"- {size:,} documents: ≥ {CLUSTER_VS_RENSA}× the rensa script's speed and "
                f"≥ {CLUSTER_VS_DATASKETCH:.0f}× the datasketch script's — measured "
                f"{vs_rensa:.2f}× and {vs_datasketch:.2f}× ({_verdict(met)})."
            )
    hundred = measured.get((100_000, "dedup cluster"))
    if hundred is not None:
        fast = hundred.seconds <= 60 and hundred.peak_rss <= 2 << 30
        lines.append(
            f"- 100,000 documents in ≤ 60 s with peak RSS ≤ 2 GiB — measured "
            f"{hundred.seconds:.1f} s, {_mib(hundred)} ({_verdict(fast)})."
        )
    return ["Targets:", "", *lines] if lines else []


def _latency_table(run: Run) -> list[str]:
    lines = ["## Commands users wait for", "", "| what | seconds | peak RSS | note |"]
    lines.append("|---|---:|---:|---|")
    rows: list[tuple[str, commands.Outcome | None]] = []
    rows += [(f"dedup index add, {size:,} documents", o) for size, o in run.indexing]
    rows += [
        (f"dedup check, {CHECK_NEW_DOCS} new documents vs {size:,}-document index", o)
        for size, o in run.checks
    ]
    left, right = run.diff_words
    rows.append((f"dedup diff, two reports of {left:,} and {right:,} words", run.diff))
    rows.append(("dedup --help", run.help))
    for label, outcome in rows:
        if outcome is None or outcome.measured is None:
            note = outcome.note if outcome else "not run"
            lines.append(f"| {label} | — | — | {note} |")
        else:
            measured = outcome.measured
            lines.append(
                f"| {label} | {measured.seconds:.2f} | {_mib(measured)} | {outcome.note} |"
            )
    lines += ["", *_facts_lines(run), "", "Targets:", "", *_latency_targets(run), ""]
    return lines


def _facts_lines(run: Run) -> list[str]:
    facts = run.facts
    if not isinstance(facts, commands.Streamed):
        note = facts.note if facts is not None else "not run"
        return [f"`dedup facts --format jsonl` on {run.facts_docs:,} documents: {note}."]
    return [
        f"`dedup facts --format jsonl` on {run.facts_docs:,} documents: first line after "
        f"{facts.first_line:.2f} s, all {facts.lines:,} lines after {facts.seconds:.1f} s "
        f"({facts.lines / facts.seconds:,.0f} documents/s)."
    ]


def _latency_targets(run: Run) -> list[str]:
    """Issue 18's targets for the commands users wait for, and issue 6's for `dedup check`."""
    lines = []
    for size, outcome in run.indexing:
        if size == 100_000 and outcome.measured is not None:
            took = outcome.measured.seconds
            lines.append(
                f"- `dedup index add` of 100,000 documents in ≤ {INDEX_ADD_SECONDS:.0f} s — "
                f"measured {took:.1f} s ({_verdict(took <= INDEX_ADD_SECONDS)})."
            )
    for label, timed, limit in (
        ("`dedup diff` of two 1,500-word articles", run.diff, DIFF_SECONDS),
        ("`dedup --help`", run.help, HELP_SECONDS),
    ):
        if timed is not None and timed.measured is not None:
            took = timed.measured.seconds
            lines.append(
                f"- {label} in ≤ {limit} s as a whole process — measured {took:.2f} s "
                f"({_verdict(took <= limit)})."
            )
    if isinstance(run.facts, commands.Streamed):
        rate = run.facts.lines / run.facts.seconds
        fast = rate >= FACTS_PER_SECOND and run.facts.first_line <= FACTS_FIRST_LINE
        lines.append(
            f"- `dedup facts` ≥ {FACTS_PER_SECOND:.0f} documents/s, first line within "
            f"{FACTS_FIRST_LINE:.0f} s — measured {rate:,.0f}/s, {run.facts.first_line:.2f} s "
            f"({_verdict(fast)})."
        )
    million = [o for size, o in run.checks if size >= 1_000_000 and o.measured is not None]
    target = "- `dedup check` of 10 documents against a 1M-document index in ≤ 1 s — "
    if million and million[0].measured is not None:
        took = million[0].measured.seconds
        target += f"measured {took:.2f} s ({_verdict(took <= 1)})."
    else:
        target += "not measured in this run (`SIZES=20000,100000,1000000 make bench`)."
    return [*lines, target]
