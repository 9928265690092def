"""Clusters as a reader sees them: a name, a date span, outlets, copies apart from independent
reports and, for the clusters shown in detail, the cross-source fact table and each member's
diff against the representative.

The clustering keeps no text, so the caller passes the members' articles (read again). The
detailed views run `extract_facts` on every member and `build_diff` of each member against the
representative (the same facts and comparison as `dedup facts` and `dedup diff`), on `jobs`
processes, one cluster per task.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from dedup.article import Article
from dedup.diff import DiffReport, build_diff
from dedup.factcheck import extract_facts
from dedup.factcheck.table import FactTable, diff_flags, fact_table
from dedup.parallel_read import process_context
from dedup.pipeline import Cluster, ClusterResult, Member
from dedup.settings import DEFAULT_SETTINGS, Settings

# A cluster's name is its representative's title or leading sentence, cut to this many
# characters; the sentence is looked for in the text's first characters only.
NAME_CHARACTERS = 120
_LEAD_CHARACTERS = 400
_MIN_LEAD = 20
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9])")
_URL = re.compile(r"https?://([^/\s]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MemberView:
    """A member as listed: its relation to the representative, name, date and outlet."""

    id: str
    relation: str
    score: float
    name: str
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class ClusterView:
    """One cluster, named and grouped; `table` and `diffs` (member id → its diff against the
    representative) only for a cluster shown in detail."""

    id: str
    name: str
    representative: MemberView
    members: tuple[MemberView, ...]
    copies: tuple[tuple[str, ...], ...]
    table: FactTable | None = None
    diffs: Mapping[str, DiffReport] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """How many documents the cluster holds."""
        return len(self.members)

    @property
    def span(self) -> tuple[str | None, str | None]:
        """The first and last publication dates of its members (None when none is dated)."""
        dates = sorted(m.published for m in self.members if m.published)
        return (dates[0], dates[-1]) if dates else (None, None)

    @property
    def outlets(self) -> tuple[str, ...]:
        """The distinct outlets its members come from, sorted."""
        return tuple(sorted({m.outlet for m in self.members if m.outlet}))

    @property
    def independent(self) -> tuple[MemberView, ...]:
        """The members that are no copy of another member (the representative first)."""
        copied = {doc for group in self.copies for doc in group}
        return tuple(m for m in self.members if m.id not in copied)


def outlet(article: Article) -> str | None:
    """The site an article comes from: the host of the last address in its url (an archive's
    copy names the original after its own), without "www."."""
    hosts = _URL.findall(article.url or "")
    return hosts[-1].lower().removeprefix("www.") if hosts else None


def name_of(article: Article) -> str:
    """The title, else the leading sentence, cut to `NAME_CHARACTERS`."""
    name = " ".join((article.title or "").split())
    if not name:
        # The first line's first sentence, ended by punctuation alone rather than found by the
        # segmenter: every member of every cluster is named, and only the start shows.
        lines = (line for line in article.text[:_LEAD_CHARACTERS].splitlines() if line.strip())
        lead = " ".join(next(lines, "").split())
        end = _SENTENCE_END.search(lead, _MIN_LEAD)
        name = lead[: end.end()] if end else lead
    name = name or article.id
    return name if len(name) <= NAME_CHARACTERS else name[: NAME_CHARACTERS - 1] + "…"


def _member(member: Member, article: Article | None) -> MemberView:
    if article is None:
        return MemberView(member.id, member.relation, member.score, member.id)
    return MemberView(
        member.id, member.relation, member.score, name_of(article), article.published,
        outlet(article),
    )  # fmt: skip


def _details(
    cluster: Cluster, articles: Mapping[str, Article], settings: Settings
) -> tuple[FactTable, dict[str, DiffReport]]:
    """The fact table and each member's diff against the representative."""
    ordered = [articles[m.id] for m in cluster.members]
    facts = {article.id: extract_facts(article) for article in ordered}
    star = articles[cluster.representative]
    diffs = {
        article.id: build_diff(
            star,
            article,
            settings=settings,
            left_facts=facts[star.id],
            right_facts=facts[article.id],
        )
        for article in ordered
        if article.id != star.id
    }
    flags = diff_flags(
        {doc: diff.discrepancies for doc, diff in diffs.items()},
        representative=star.id,
        published={article.id: article.published for article in ordered},
    )
    table = fact_table(list(facts.values()), flags=flags, settings=settings.facts)
    return table, diffs


def cluster_view(
    cluster: Cluster,
    articles: Mapping[str, Article],
    *,
    detailed: bool,
    settings: Settings = DEFAULT_SETTINGS,
) -> ClusterView:
    """One cluster named and grouped; with `detailed`, its fact table and diffs too (every
    member's article must then be in `articles`)."""
    members = tuple(_member(m, articles.get(m.id)) for m in cluster.members)
    star = next(m for m in members if m.id == cluster.representative)
    table, diffs = _details(cluster, articles, settings) if detailed else (None, {})
    return ClusterView(
        id=cluster.id,
        name=star.name,
        representative=star,
        members=members,
        copies=cluster.near_duplicates,
        table=table,
        diffs=diffs,
    )


def _view_task(
    job: tuple[Cluster, dict[str, Article], bool, Settings],
) -> ClusterView:
    cluster, articles, detailed, settings = job
    return cluster_view(cluster, articles, detailed=detailed, settings=settings)


def multi_clusters(result: ClusterResult) -> list[Cluster]:
    """The clusters of two documents or more, largest first (as the result orders them)."""
    return [c for c in result.clusters if len(c.members) > 1]


def cluster_views(
    clusters: Sequence[Cluster],
    articles: Mapping[str, Article],
    *,
    detailed: int | None,
    jobs: int = 1,
    settings: Settings = DEFAULT_SETTINGS,
) -> tuple[ClusterView, ...]:
    """Views of `clusters`, in order; the first `detailed` (None: all) with fact tables and
    diffs, computed on `jobs` processes."""
    limit = len(clusters) if detailed is None else detailed
    tasks = [
        (c, {m.id: articles[m.id] for m in c.members if m.id in articles}, i < limit, settings)
        for i, c in enumerate(clusters)
    ]
    busy = sum(1 for task in tasks if task[2])
    if jobs <= 1 or busy <= 1:
        return tuple(_view_task(task) for task in tasks)
    context = process_context()
    with ProcessPoolExecutor(max_workers=min(jobs, busy), mp_context=context) as pool:
        return tuple(pool.map(_view_task, tasks, chunksize=1))
