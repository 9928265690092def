"""`dedup index add --engine dask`: workers read, clean and prepare entries; the client commits.

Per part, a worker reads and cleans the articles (kept on the worker) and sends the client their
ids and content hashes only. The client decides, in reading order, what the local `index add`
would do with each document: skip a duplicate id or an emptied document with a warning, count an
unchanged one, prepare a changed or new one. The worker then prepares the entries of those with
`dedup.indexing.prepare` and `entries`, the local functions, and the client stores them with
`Index.add_batch` in the same batches of `batch_size` documents as the local command, so the
index file is the same: documents, row numbers, keys, features, frequencies and counts.

At most `window` parts are in flight at once, and the client holds one part's entries and the
unfinished batch: memory is bounded by the part size on both sides. Every batch is committed as
soon as its part arrives, so an interrupted run keeps them all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dedup.article import Article
from dedup.clean import clean_article
from dedup.engines.dask_client import Runner, dask_module
from dedup.engines.dask_engine import DaskOptions, running
from dedup.engines.partitions import Part, Piece, count_piece_lines, plan_parts, read_piece
from dedup.engines.sizes import articles_bytes, strings_bytes
from dedup.engines.stages import Problem
from dedup.errors import InputError
from dedup.index import AddResult, Index, IndexEntry
from dedup.indexing import Bands, content_hash, entries, prepare
from dedup.read import DEFAULT_FIELDS, FieldNames, duplicate_id
from dedup.settings import MatchSettings

OnBatch = Callable[[AddResult], None]
DEFAULT_OPTIONS = DaskOptions()


@dataclass(frozen=True, slots=True, eq=False)
class LoadedArticles:
    """A part read and cleaned, on a worker: its articles in reading order and the problems."""

    articles: list[Article]
    problems: list[Problem]

    def __sizeof__(self) -> int:
        return articles_bytes(self.articles)


@dataclass(frozen=True, slots=True, eq=False)
class PartEntries:
    """Index entries of one part's new and changed documents, in reading order."""

    entries: list[IndexEntry]

    def __sizeof__(self) -> int:
        return sum(
            articles_bytes([e.article])
            + len(e.features)
            + 8 * len(e.band_keys)
            + strings_bytes(e.terms)
            + sum(len(value) for value in e.signatures.values())
            for e in self.entries
        )


@dataclass(frozen=True, slots=True)
class ArticleListing:
    """What the client needs to decide about a part: ids, sources, content hashes ("" for an
    emptied document), no text."""

    ids: list[str]
    sources: list[str]
    hashes: list[str]
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class _Doc:
    """A document of the stream `index add` batches: its ordinal in its part, and whether it
    needs an entry (new or changed)."""

    ordinal: int
    changed: bool


@dataclass(frozen=True, slots=True)
class _Plan:
    """A part's stream in reading order (documents and warnings), and the future of the
    entries of its new and changed documents (none when there are none)."""

    events: list[_Doc | InputError]
    entries: list[Any]

    def changed(self) -> list[int]:
        """Ordinals of the documents that need an entry."""
        return [e.ordinal for e in self.events if isinstance(e, _Doc) and e.changed]


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


def part_entries(
    loaded: LoadedArticles, ordinals: Sequence[int], *, settings: MatchSettings, bands: Bands
) -> PartEntries:
    """The index entries of the articles at `ordinals`, as the local `index add` makes them."""
    articles = [loaded.articles[o] for o in ordinals]
    return PartEntries(entries(prepare(articles, settings=settings, bands=bands)))


def add_paths_dask(
    index: Index,
    paths: Sequence[Path],
    *,
    settings: MatchSettings,
    options: DaskOptions = DEFAULT_OPTIONS,
    batch_size: int = 1000,
    fields: FieldNames = DEFAULT_FIELDS,
    strict: bool = False,
    on_warning: Callable[[InputError], None] = lambda problem: None,
    on_batch: OnBatch | None = None,
) -> AddResult:
    """`add_articles(index, <the cleaned, non-empty articles under paths>, ...)` on Dask: the
    same index and the same counts, with the text read and prepared on the workers."""
    with running(options) as runner:
        return run_index_add(
            runner,
            index,
            paths,
            settings=settings,
            part_bytes=options.part_bytes,
            batch_size=batch_size,
            fields=fields,
            strict=strict,
            on_warning=on_warning,
            on_batch=on_batch,
        )


def run_index_add(
    runner: Runner,
    index: Index,
    paths: Sequence[Path],
    *,
    settings: MatchSettings,
    part_bytes: int,
    batch_size: int = 1000,
    fields: FieldNames = DEFAULT_FIELDS,
    strict: bool = False,
    on_warning: Callable[[InputError], None] = lambda problem: None,
    on_batch: OnBatch | None = None,
    window: int | None = None,
) -> AddResult:
    """`add_paths_dask` on the client of `runner`; at most `window` parts in flight (default:
    two per worker)."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    client = runner.client
    delayed = dask_module("dask").delayed

    def count_lines(pieces: Sequence[Piece]) -> list[int | None]:
        tasks = [delayed(count_piece_lines)(piece) for piece in pieces]
        return runner.compute(tasks, stage="counting jsonl lines") if tasks else []

    def prepare_later(load: Any, ordinals: list[int]) -> Any:
        return client.submit(part_entries, load, ordinals, settings=settings, bands=bands)

    parts = plan_parts(list(paths), part_bytes=part_bytes, count_lines=count_lines)
    ahead = window or max(2, 2 * len(client.scheduler_info()["workers"]))
    bands = Bands.of_index(index)
    batches = _Batches(index, batch_size=batch_size, on_batch=on_batch)
    loads: dict[int, tuple[Any, Any]] = {}
    plans: dict[int, _Plan] = {}
    seen: dict[str, str] = {}
    submitted = decided = 0
    for at in range(len(parts)):
        while submitted < min(len(parts), at + ahead):
            load = client.submit(load_articles, parts[submitted], fields=fields, strict=strict)
            loads[submitted] = (load, client.submit(list_articles, load, parts[submitted]))
            submitted += 1
        # Decide about the parts whose listing is in, in order; wait for this one only.
        while decided < submitted and (decided == at or loads[decided][1].done()):
            load, listed = loads.pop(decided)
            listing = runner.result(listed, stage="reading")
            plans[decided] = _plan(index, listing, seen=seen, strict=strict)
            changed = plans[decided].changed()
            plans[decided].entries.extend([prepare_later(load, changed)] if changed else [])
            decided += 1
        plan = plans.pop(at)
        made: list[IndexEntry] = []
        for future in plan.entries:
            made = runner.result(future, stage="preparing index entries").entries
        stream = iter(made)
        for event in plan.events:
            if isinstance(event, _Doc):
                batches.add(next(stream) if event.changed else None)
            elif strict:
                raise event
            else:
                on_warning(event)
    batches.flush()
    return batches.total


def _plan(index: Index, listing: ArticleListing, *, seen: dict[str, str], strict: bool) -> _Plan:
    """What the local `index add` does with each document of a part, in reading order: warn
    about (or, strict, stop at) a problem, skip a repeated id (`seen`, updated) or an emptied
    document, count an unchanged one, store a new or changed one."""
    events: list[_Doc | InputError] = []
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
            events.append(_Doc(ordinal, changed=True))
        else:
            events.append(InputError(source, "empty document after removing page junk"))
    events.extend(problem.error() for problem in problems[at:])
    if strict:
        first = next((n for n, e in enumerate(events) if isinstance(e, InputError)), None)
        events = events if first is None else events[: first + 1]
    # `read_paths` skips repeated ids, so no earlier batch of this run stores one of these ids:
    # looking their hashes up now gives what `add_articles` looks up at commit time.
    docs = [e.ordinal for e in events if isinstance(e, _Doc)]
    known = index.hashes(listing.ids[n] for n in docs)
    return _Plan(
        [
            _Doc(e.ordinal, changed=known.get(listing.ids[e.ordinal]) != listing.hashes[e.ordinal])
            if isinstance(e, _Doc)
            else e
            for e in events
        ],
        [],
    )


class _Batches:
    """The batches `add_articles` commits: `batch_size` documents each (unchanged ones count),
    the new and changed ones stored with `Index.add_batch`."""

    def __init__(self, index: Index, *, batch_size: int, on_batch: OnBatch | None) -> None:
        self._index = index
        self._size = batch_size
        self._on_batch = on_batch
        self._entries: list[IndexEntry] = []
        self._documents = 0
        self.total = AddResult()

    def add(self, entry: IndexEntry | None) -> None:
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
            result = result + self._index.add_batch(self._entries)
        self._entries, self._documents = [], 0
        self.total = self.total + result
        if self._on_batch is not None:
            self._on_batch(result)
