"""What `dedup index add` does with each document of a part, decided in reading order.

Both ways of adding files in parallel (worker processes of this machine, `dedup.index_add`, and
Dask workers, `dedup.engines.dask_index`) read and clean parts elsewhere and decide here, in the
process that writes the index, what the one-process `index add` would do: warn about a problem
(or stop at it with `strict`), skip a repeated id or an emptied document, count an unchanged
document, store a new or changed one; and they commit the same batches of `batch_size`
documents (`Batches`), so the index file is the same whichever way it was built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dedup.article import Article
from dedup.clean import clean_article
from dedup.engines.partitions import Part, read_piece
from dedup.engines.sizes import articles_bytes
from dedup.engines.stages import Problem
from dedup.errors import InputError
from dedup.index import Index
from dedup.index_rows import PackedEntry
from dedup.index_writes import AddResult
from dedup.indexing import content_hash
from dedup.read import FieldNames, duplicate_id

OnBatch = Callable[[AddResult], None]


@dataclass(frozen=True, slots=True, eq=False)
class LoadedArticles:
    """A part read and cleaned: its articles in reading order and the problems."""

    articles: list[Article]
    problems: list[Problem]

    def __sizeof__(self) -> int:
        return articles_bytes(self.articles)


@dataclass(frozen=True, slots=True)
class ArticleListing:
    """What the writing process needs to decide about a part: ids, sources, content hashes (""
    for an emptied document), no text."""

    ids: list[str]
    sources: list[str]
    hashes: list[str]
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class Doc:
    """A document of the stream `index add` batches: its ordinal in its part, and whether it
    needs an entry (new or changed)."""

    ordinal: int
    changed: bool


@dataclass(frozen=True, slots=True)
class Plan:
    """A part's stream in reading order: documents and warnings."""

    events: list[Doc | InputError]

    def changed(self) -> list[int]:
        """Ordinals of the documents that need an entry."""
        return [e.ordinal for e in self.events if isinstance(e, Doc) and e.changed]


class _StopReadingError(Exception):
    """Strict reading met its first problem: stop reading this part."""


def load_articles(part: Part, *, fields: FieldNames, strict: bool) -> LoadedArticles:
    """Read and clean one part (problems are recorded, never raised)."""
    loaded = LoadedArticles([], [])

    def report(problem: InputError) -> None:
        loaded.problems.append(
            Problem(len(loaded.articles), problem.where, problem.problem, problem.hint)
        )
        if strict:
            raise _StopReadingError

    try:
        for piece in part.pieces:
            for raw in read_piece(piece, fields=fields, on_problem=report):
                loaded.articles.append(clean_article(raw))
    except _StopReadingError:
        pass
    return loaded


def list_articles(loaded: LoadedArticles, part: Part) -> ArticleListing:
    """Ids, sources and content hashes of a loaded part."""
    fallback = part.pieces[0].path if part.pieces else ""
    return ArticleListing(
        ids=[a.id for a in loaded.articles],
        sources=[a.source or fallback for a in loaded.articles],
        hashes=[content_hash(a) if a.text.strip() else "" for a in loaded.articles],
        problems=loaded.problems,
    )


def plan_part(index: Index, listing: ArticleListing, *, seen: dict[str, str], strict: bool) -> Plan:
    """What the local `index add` does with each document of a part, in reading order: warn
    about (or, strict, stop at) a problem, skip a repeated id (`seen`, updated) or an emptied
    document, count an unchanged one, store a new or changed one."""
    events: list[Doc | InputError] = []
    problems = sorted(listing.problems, key=lambda problem: problem.ordinal)
    at = 0
    for ordinal, (doc_id, source, digest) in enumerate(
        zip(listing.ids, listing.sources, listing.hashes, strict=True)
    ):
        while at < len(problems) and problems[at].ordinal <= ordinal:
            events.append(problems[at].error())
            at += 1
        where = seen.get(doc_id)
        if where is not None:
            events.append(duplicate_id(doc_id, source, first=where))
            continue
        seen[doc_id] = source
        if digest:
            events.append(Doc(ordinal, changed=True))
        else:
            events.append(InputError(source, "empty document after removing page junk"))
    events.extend(problem.error() for problem in problems[at:])
    if strict:
        first = next((n for n, e in enumerate(events) if isinstance(e, InputError)), None)
        events = events if first is None else events[: first + 1]
    # `read_paths` skips repeated ids, so no earlier batch of this run stores one of these ids:
    # looking their hashes up now gives what `add_articles` looks up at commit time.
    docs = [e.ordinal for e in events if isinstance(e, Doc)]
    known = index.hashes(listing.ids[n] for n in docs)
    return Plan(
        [
            Doc(e.ordinal, changed=known.get(listing.ids[e.ordinal]) != listing.hashes[e.ordinal])
            if isinstance(e, Doc)
            else e
            for e in events
        ]
    )


class Batches:
    """The batches `add_articles` commits: `batch_size` documents each (unchanged ones count),
    the new and changed ones stored with `Index.add_packed`."""

    def __init__(self, index: Index, *, batch_size: int, on_batch: OnBatch | None) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be positive, got {batch_size}")
        self._index = index
        self._size = batch_size
        self._on_batch = on_batch
        self._entries: list[PackedEntry] = []
        self._documents = 0
        self.total = AddResult()

    def add(self, entry: PackedEntry | None) -> None:
        """One more document: its entry, or None when it is unchanged."""
        self._documents += 1
        if entry is not None:
            self._entries.append(entry)
        if self._documents == self._size:
            self.flush()

    def flush(self) -> None:
        """Commit the documents added since the last commit, if any."""
        if not self._documents:
            return
        result = AddResult(unchanged=self._documents - len(self._entries))
        if self._entries:
            result = result + self._index.add_packed(self._entries)
        self._entries, self._documents = [], 0
        self.total = self.total + result
        if self._on_batch is not None:
            self._on_batch(result)


def replay(
    plan: Plan,
    made: dict[int, PackedEntry],
    batches: Batches,
    *,
    strict: bool,
    on_warning: Callable[[InputError], None],
) -> None:
    """Feed a planned part to `batches` in reading order: each document with its entry (`made`,
    by ordinal; None when unchanged), each warning to `on_warning` (or, `strict`, raised)."""
    for event in plan.events:
        if isinstance(event, Doc):
            batches.add(made[event.ordinal] if event.changed else None)
        elif strict:
            raise event
        else:
            on_warning(event)
