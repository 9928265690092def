"""`dedup check`: compare new documents with an index and with each other.

Each new document's stable band keys (see `dedup.indexing`) look up candidates in the index;
every candidate, and every other new document that shares a band key, is verified with the
same evidence the clusterer uses, weighted by the index's document frequencies. The strongest
related documents become the finding's matches, each with its top discrepancies from the diff.

A document already in the index is never reported as a copy of itself: with the same id and
content it is "indexed" (not compared, passes), so a check over a whole folder only looks at
what is new; with the same id and other content it is "changed" and compared with everything
but its own old version, which `--add` will replace. "The same id" includes the same file: ids
depend on the argument a file was read under (`dedup index add corpus/` names a file
`wire/a.txt`, a pre-commit hook passing `corpus/wire/a.txt` names it `a.txt`), so a new
single-document file whose path (as given) is the source of an indexed document takes that
document's id first (`with_indexed_ids`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dedup.article import Article
from dedup.check_report import CheckReport, Finding, Match, relation_rank, status_for
from dedup.feature_bytes import features_from_bytes
from dedup.index import Index
from dedup.indexing import Bands, IndexTermStats, content_hash, prepare
from dedup.key_differences import clip
from dedup.lsh import candidate_pairs
from dedup.progress import Progress, no_progress
from dedup.settings import DEFAULT_SETTINGS, Settings
from dedup.verify import Verdict, evidence, weigh

# Candidates verified per new document, most shared band keys first.
MAX_CANDIDATES = 100
# Documents taken per band key (the first stored): a key held by thousands (a much-reprinted
# wire story, a term every story of its kind uses) stays a bounded look-up.
PER_KEY = 50
MAX_MATCHES = 5
# Matches per finding that get a diff (each costs an alignment, ~60 ms for long articles); the
# rest show scores only.
DIFFED_MATCHES = 1
SHOWN_DISCREPANCIES = 3
_RECORD = re.compile(r" line \d+$")


@dataclass(frozen=True, slots=True)
class _Related:
    other: str
    verdict: Verdict
    in_index: bool


def check_articles(
    articles: Sequence[Article],
    index: Index,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    fail_on: str = "near-duplicate",
    progress: Progress = no_progress,
) -> CheckReport:
    """Check cleaned new articles against `index` (opened with the same settings)."""
    relation_rank(fail_on)
    match = settings.match
    ordered = sorted(with_indexed_ids(articles, index), key=lambda article: article.id)
    stored = index.hashes(article.id for article in ordered)
    fresh = [a for a in ordered if stored.get(a.id) != content_hash(a)]
    bands = Bands.of_index(index)
    prepared = prepare(fresh, settings=match, bands=bands)
    progress("represent", len(fresh), len(fresh))
    found: list[list[tuple[str, int]]] = [
        index.ranked_candidates(
            prepared.stored_keys(row), per_key=PER_KEY, limit=MAX_CANDIDATES + 1
        )
        for row in range(len(fresh))
    ]
    wanted = {doc_id for cands in found for doc_id, _shared in cands}
    indexed = {
        doc_id: features_from_bytes(doc_id, data, terms)
        for doc_id, (data, terms) in index.features(wanted).items()
    }
    stats = IndexTermStats(index)
    stats.prefetch([*prepared.features, *indexed.values()])
    vectors = {f.id: weigh(f, stats=stats, settings=match) for f in indexed.values()}
    new_vectors = [weigh(f, stats=stats, settings=match) for f in prepared.features]
    related: list[list[_Related]] = [[] for _ in fresh]
    for row, features in enumerate(prepared.features):
        others = [doc_id for doc_id, _ in found[row] if doc_id != features.id][:MAX_CANDIDATES]
        for doc_id in others:
            pair = (new_vectors[row], vectors[doc_id])
            verdict = evidence(features, indexed[doc_id], vectors=pair, settings=match)
            related[row].append(_Related(doc_id, verdict, in_index=True))
        progress("verify", row + 1, len(fresh))
    pairs: list[list[int]] = []
    if len(fresh) > 1:
        pairs = candidate_pairs(
            prepared.keys,
            max_bucket=match.max_bucket,
            sampled_bands=bands.near[0],
            sample=match.bucket_sample,
        ).tolist()
    for i, j in pairs:
        left, right = prepared.features[i], prepared.features[j]
        verdict = evidence(left, right, vectors=(new_vectors[i], new_vectors[j]), settings=match)
        related[i].append(_Related(right.id, verdict, in_index=False))
        related[j].append(_Related(left.id, verdict, in_index=False))
    by_id = {article.id: article for article in fresh}
    findings = {
        article.id: _finding(article, related[row], index=index, new=by_id, settings=settings)
        for row, article in enumerate(fresh)
    }
    for article in ordered:
        if article.id not in findings:
            findings[article.id] = Finding(
                article.id, article.source, (), "pass", state="indexed", location=article.location
            )
    report = tuple(
        _with_status(findings[a.id], fail_on=fail_on, changed=a.id in stored) for a in ordered
    )
    return CheckReport(index=str(index.path), fail_on=fail_on, findings=report)


def with_indexed_ids(articles: Sequence[Article], index: Index) -> list[Article]:
    """The articles, each read from a file the index already holds renamed to its indexed id.

    Only whole files count (a jsonl or csv record's "line N" moves when lines are added; its
    `source` field is whatever the record says), and never onto an id another of these articles
    already uses.
    """
    files = [a.location for a in articles if a.location and not _RECORD.search(a.location)]
    known = index.ids_by_source(files)
    taken = {article.id for article in articles}
    renamed = []
    for article in articles:
        indexed = known.get(article.location or "")
        if indexed is not None and indexed != article.id and indexed not in taken:
            article = replace(article, id=indexed)
        renamed.append(article)
    return renamed


def _with_status(finding: Finding, *, fail_on: str, changed: bool) -> Finding:
    if finding.state == "indexed":
        return finding
    return Finding(
        id=finding.id,
        source=finding.source,
        matches=finding.matches,
        status=status_for(finding.matches, fail_on=fail_on),
        state="changed" if changed else "new",
        location=finding.location,
    )


def _finding(
    article: Article,
    related: list[_Related],
    *,
    index: Index,
    new: dict[str, Article],
    settings: Settings,
) -> Finding:
    """The strongest related documents of one new article, the first few with a diff."""
    kept = [r for r in related if r.verdict.relation != "unrelated"]
    kept.sort(key=lambda r: (-relation_rank(r.verdict.relation), -r.verdict.score, r.other))
    kept = kept[:MAX_MATCHES]
    diffed = kept[:DIFFED_MATCHES]
    stored = {
        doc.article.id: doc.article for doc in index.get(r.other for r in diffed if r.in_index)
    }
    matches = []
    for position, r in enumerate(kept):
        notes: tuple[str, ...] = ()
        if position < DIFFED_MATCHES:
            other = stored[r.other] if r.in_index else new[r.other]
            if r.verdict.relation == "duplicate":
                # Same words: only the metadata can differ, no alignment needed.
                notes = _metadata_differences(article, other)
            else:
                notes = top_discrepancies(article, other, settings=settings)
        matches.append(
            Match(
                id=r.other,
                relation=r.verdict.relation,
                score=r.verdict.score,
                discrepancies=notes,
                in_index=r.in_index,
            )
        )
    return Finding(article.id, article.source, tuple(matches), "pass", location=article.location)


def top_discrepancies(
    new: Article, other: Article, *, settings: Settings, count: int = SHOWN_DISCREPANCIES
) -> tuple[str, ...]:
    """The `count` most important discrepancies, new document first: "killed: 6 vs 1"."""
    # The aligner's imports are only paid for when a match needs a diff.
    from dedup.diff import build_diff
    from dedup.key_differences import key_differences

    return key_differences(build_diff(new, other, settings=settings).discrepancies, limit=count)


def _metadata_differences(new: Article, other: Article) -> tuple[str, ...]:
    found = []
    for name in ("published", "title"):
        left, right = getattr(new, name), getattr(other, name)
        if left != right:
            found.append(f"{name}: {clip(left)} vs {clip(right)}")
    return tuple(found)
