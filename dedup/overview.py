"""Clusters as a reader sees them: a name, a date span, outlets, copies apart from independent
reports and, for the clusters shown in detail, the cross-source fact table and each member's
diff against the representative.

The clustering keeps no text, so the caller passes the members' articles (read again). The
detailed views run `extract_facts` on every member and `build_diff` of each member against the
representative (the same facts and comparison as `dedup facts` and `dedup diff`), on `jobs`
processes, a cluster a task (or pieces of one when the clusters are too few for the processes);
what depends on the representative alone is done once (`build_diffs`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace

from dedup.article import Article
from dedup.diff import DiffReport, build_diffs
from dedup.factcheck import ArticleFacts, extract_facts
from dedup.factcheck.table import FactTable, diff_flags, fact_table
from dedup.memory import Memory
from dedup.pipeline import Cluster, ClusterResult, Member
from dedup.settings import DEFAULT_SETTINGS, Settings
from dedup.workers import process_context

# A cluster's name is its representative's title or leading sentence, cut to this many
# characters; the sentence is looked for in the text's first characters only.
NAME_CHARACTERS = 120
_LEAD_CHARACTERS = 400
_MIN_LEAD = 20
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9])")
# A cluster's members are compared with their representative in one task, or in pieces when the
# detailed clusters are too few to keep every process busy: about this many tasks a process, and
# no piece under MEMBERS_PER_TASK members. Each process reads a representative once however many
# of its pieces it gets, but the sentences copies share are remembered per process, so a
# cluster is split no more than the balance needs.
TASKS_PER_JOB = 4
MEMBERS_PER_TASK = 16
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


Compared = tuple[ArticleFacts, tuple[tuple[ArticleFacts, DiffReport], ...]]

# The facts of the texts read lately in this process, by (text, published date), the only
# things they depend on: a representative is read once for all its tasks, not once a task, and
# a member copied verbatim once for all its copies.
_FACTS = Memory[tuple[str, str | None], ArticleFacts](256)


def _facts(article: Article) -> ArticleFacts:
    found = _FACTS.get((article.text, article.published), lambda: extract_facts(article))
    return found if found.id == article.id else replace(found, id=article.id)


def _compare(star: Article, members: Sequence[Article], settings: Settings) -> Compared:
    """The representative's facts, and each member's facts and diff against it."""
    ours = _facts(star)
    found = []
    for article in members:
        theirs = _facts(article)
        if theirs.facts is ours.facts:
            # A copy of the representative's text gets facts of its own: the comparison keys
            # facts by identity, and never expects one fact on both sides.
            theirs = replace(theirs, facts=tuple(replace(fact) for fact in theirs.facts))
        found.append(theirs)
    diffs = build_diffs(star, members, settings=settings, left_facts=ours, right_facts=found)
    return ours, tuple(zip(found, diffs, strict=True))


def _compare_task(job: tuple[Article, tuple[Article, ...], Settings]) -> Compared:
    return _compare(*job)


def _view(
    cluster: Cluster,
    articles: Mapping[str, Article],
    parts: Sequence[Compared] = (),
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> ClusterView:
    """The view; with `parts` (the comparisons of its members, in member order) its fact
    table and diffs too."""
    members = tuple(_member(m, articles.get(m.id)) for m in cluster.members)
    star = next(m for m in members if m.id == cluster.representative)
    table: FactTable | None = None
    diffs: dict[str, DiffReport] = {}
    if parts:
        facts = {parts[0][0].id: parts[0][0]}
        for _, compared in parts:
            facts.update((theirs.id, theirs) for theirs, _ in compared)
            diffs.update((theirs.id, diff) for theirs, diff in compared)
        flags = diff_flags(
            {doc: diff.discrepancies for doc, diff in diffs.items()},
            representative=cluster.representative,
            published={doc: articles[doc].published for doc in facts},
        )
        ordered = [facts[m.id] for m in cluster.members]
        table = fact_table(ordered, flags=flags, settings=settings.facts)
    return ClusterView(
        id=cluster.id,
        name=star.name,
        representative=star,
        members=members,
        copies=cluster.near_duplicates,
        table=table,
        diffs=diffs,
    )


def _others(cluster: Cluster, articles: Mapping[str, Article]) -> list[Article]:
    return [articles[m.id] for m in cluster.members if m.id != cluster.representative]


def cluster_view(
    cluster: Cluster,
    articles: Mapping[str, Article],
    *,
    detailed: bool,
    settings: Settings = DEFAULT_SETTINGS,
) -> ClusterView:
    """One cluster named and grouped; with `detailed`, its fact table and diffs too (every
    member's article must then be in `articles`)."""
    if not detailed:
        return _view(cluster, articles, settings=settings)
    star = articles[cluster.representative]
    parts = [_compare(star, _others(cluster, articles), settings)]
    return _view(cluster, articles, parts, settings=settings)


def multi_clusters(result: ClusterResult) -> list[Cluster]:
    """The clusters of two documents or more, largest first (as the result orders them)."""
    return [c for c in result.clusters if len(c.members) > 1]


def _piece(members: int, *, jobs: int) -> int:
    """How many members of one cluster a task compares, for `members` in all on `jobs`."""
    if jobs <= 1:
        return max(members, 1)
    return max(MEMBERS_PER_TASK, -(-members // (jobs * TASKS_PER_JOB)))


def cluster_views(
    clusters: Sequence[Cluster],
    articles: Mapping[str, Article],
    *,
    detailed: int | None,
    jobs: int = 1,
    settings: Settings = DEFAULT_SETTINGS,
) -> tuple[ClusterView, ...]:
    """Views of `clusters`, in order; the first `detailed` (None: all) with fact tables and
    diffs, computed on `jobs` processes a cluster a task, split when the clusters are too few
    to keep every process busy."""
    limit = len(clusters) if detailed is None else detailed
    others = [_others(cluster, articles) for cluster in clusters[:limit]]
    piece = _piece(sum(map(len, others)), jobs=jobs)
    tasks: list[tuple[Article, tuple[Article, ...], Settings]] = []
    owners: list[int] = []
    for number, cluster in enumerate(clusters[:limit]):
        star = articles[cluster.representative]
        for start in range(0, len(others[number]), piece):
            tasks.append((star, tuple(others[number][start : start + piece]), settings))
            owners.append(number)
    if jobs <= 1 or len(tasks) <= 1:
        results = [_compare_task(task) for task in tasks]
    else:
        context = process_context()
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
            results = list(pool.map(_compare_task, tasks, chunksize=1))
    parts: dict[int, list[Compared]] = {}
    for owner, result in zip(owners, results, strict=True):
        parts.setdefault(owner, []).append(result)
    return tuple(
        _view(cluster, articles, parts.get(number, ()), settings=settings)
        for number, cluster in enumerate(clusters)
    )
