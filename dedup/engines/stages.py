"""The pipeline's stages on partitions: what one worker does with the data of one part.

Pure functions from partition values to partition values, free of any engine, so that they can
be tested alone and mapped by any scheduler. Each wraps the local pipeline's own functions
(`represent`, `weigh`, `document_band_keys`, `bucket_pairs`, `nearest`); verification and
building are in `verify_stages` and `build_stages`. Rows are the documents' positions in the
whole corpus sorted by id, as in the local engine, so every tie is broken the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dedup.article import Article
from dedup.candidates import (
    day_positions,
    document_band_keys,
    near_bands,
    shingle_signatures,
)
from dedup.clean import clean_article
from dedup.copies import copy_key
from dedup.engines.partitions import Part, read_piece
from dedup.engines.sizes import (
    array_bytes,
    features_bytes,
    strings_bytes,
)
from dedup.errors import InputError
from dedup.lsh import I64, bucket_pairs, merge_counted, nearest
from dedup.read import FieldNames
from dedup.represent import Features, represent_stream
from dedup.settings import MatchSettings
from dedup.verify import BatchStats, weigh
from dedup.verify_columns import Columns

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Problem:
    """An input problem met while reading a part, after `ordinal` of its articles."""

    ordinal: int
    where: str
    problem: str
    hint: str

    def error(self) -> InputError:
        """The problem as the error the local reader raises."""
        return InputError(self.where, self.problem, hint=self.hint)


@dataclass(frozen=True, slots=True, eq=False)
class Loaded:
    """A part read, cleaned and represented: per article its id, source and features (None
    when cleaning left no text), plus the problems met. Features carry no term strings."""

    ids: list[str]
    sources: list[str]
    features: list[Features | None]
    problems: list[Problem]

    def __sizeof__(self) -> int:
        return strings_bytes(self.ids) + strings_bytes(self.sources) + features_bytes(self.features)


@dataclass(frozen=True, slots=True)
class Listing:
    """What the client needs from a loaded part to number the documents: ids, no text, and
    what exact copies share (`dedup.copies.copy_key`; empty for an emptied document)."""

    ids: list[str]
    sources: list[str]
    empty: list[bool]
    problems: list[Problem]
    copy_keys: list[bytes]


@dataclass(frozen=True, slots=True, eq=False)
class Prepared:
    """A part's kept documents by ascending row: ids, band keys, publication days (`dedup.lsh`
    positions) and verification columns, packed (`Columns.take`), all arrays but the ids."""

    rows: I64
    ids: list[str]
    keys: I64
    days: I64
    columns: Columns

    def __sizeof__(self) -> int:
        arrays = array_bytes(self.rows, self.keys, self.days, *self.columns.arrays())
        return arrays + strings_bytes(self.ids)


class _StopReadingError(Exception):
    """Strict reading met its first problem: stop reading this part."""


def load_part(part: Part, *, fields: FieldNames, strict: bool, settings: MatchSettings) -> Loaded:
    """Read, clean and represent one part (problems are recorded, never raised)."""
    loaded = Loaded([], [], [], [])

    def report(problem: InputError) -> None:
        loaded.problems.append(
            Problem(len(loaded.ids), problem.where, problem.problem, problem.hint)
        )
        if strict:
            raise _StopReadingError

    kept: list[Article] = []
    empties: list[bool] = []
    try:
        for piece in part.pieces:
            for raw in read_piece(piece, fields=fields, on_problem=report):
                article = clean_article(raw)
                loaded.ids.append(article.id)
                loaded.sources.append(article.source or piece.path)
                empties.append(not article.text.strip())
                if not empties[-1]:
                    kept.append(article)
    except _StopReadingError:
        pass
    represented = represent_stream(kept, settings=settings, terms=False)
    loaded.features.extend(None if empty else next(represented) for empty in empties)
    return loaded


def pick_articles(part: Part, ordinals: Sequence[int], *, fields: FieldNames) -> list[Article]:
    """The cleaned articles at `ordinals` (reading order) of a part, read again."""
    wanted = set(ordinals)
    picked: list[Article] = []
    if not wanted:
        return picked
    ordinal = 0
    for piece in part.pieces:
        for raw in read_piece(piece, fields=fields, on_problem=lambda problem: None):
            if ordinal in wanted:
                picked.append(clean_article(raw))
            ordinal += 1
    return picked


def listing(loaded: Loaded) -> Listing:
    """The part's ids and problems, for the client."""
    empty = [features is None for features in loaded.features]
    keys = [b"" if features is None else copy_key(features) for features in loaded.features]
    return Listing(loaded.ids, loaded.sources, empty, loaded.problems, keys)


def term_counts(loaded: Loaded, rows: I64) -> BatchStats:
    """Document frequencies over the part's kept documents."""
    kept = [f for f, row in zip(loaded.features, rows.tolist(), strict=True) if row >= 0]
    return BatchStats.count([f for f in kept if f is not None])


def merge_counts(*parts: BatchStats) -> BatchStats:
    """The sum of document-frequency counts: equal to counting all documents at once."""
    hashes = np.concatenate([p.hashes for p in parts])
    counts = np.concatenate([p.counts for p in parts])
    unique, inverse = np.unique(hashes, return_inverse=True)
    summed = np.bincount(inverse, weights=counts, minlength=unique.size).astype(np.int64)
    return BatchStats(unique.astype(np.uint32), summed, sum(p.total for p in parts))


def prepare(loaded: Loaded, rows: I64, *, stats: BatchStats, settings: MatchSettings) -> Prepared:
    """Term vectors and band keys of the part's kept documents, ordered by row."""
    kept = sorted(
        (row, f)
        for row, f in zip(rows.tolist(), loaded.features, strict=True)
        if row >= 0 and f is not None
    )
    order = np.array([row for row, _ in kept], dtype=np.int64)
    features = [f for _, f in kept]
    vectors = [weigh(f, stats=stats, settings=settings) for f in features]
    near = shingle_signatures(features, settings=settings)
    keys = document_band_keys(features, vectors, settings=settings, doc_rows=order, near=near)
    columns = Columns.of(features, vectors, signatures=near, vocabulary=stats.hashes)
    packed = columns.take(np.arange(len(features)))
    return Prepared(order, [f.id for f in features], keys, day_positions(features), packed)


def split_by(values: npt.NDArray[np.int64], *, parts: int) -> list[I64]:
    """Positions of `values` grouped by destination (value mod `parts`)."""
    destination = np.mod(values, parts)
    order = np.argsort(destination, kind="stable")
    bounds = np.searchsorted(destination[order], np.arange(parts + 1))
    return [order[bounds[d] : bounds[d + 1]] for d in range(parts)]


KeyRows = tuple[I64, I64, npt.NDArray[np.bool_]]
"""(band key, row, near-duplicate band?) rows."""


def key_rows(
    prepared: Prepared, *, parts: int, copy_of: I64, settings: MatchSettings
) -> list[KeyRows]:
    """The part's (band key, row, near band?) rows of first copies (`copy_of`, see
    `dedup.copies`), sent to the part that owns each key."""
    first = copy_of[prepared.rows] == prepared.rows
    keys = prepared.keys[first]
    bands = keys.shape[1] if keys.ndim == 2 else 0
    flat = keys.reshape(-1)
    rows = np.repeat(prepared.rows[first], bands)
    near = np.tile(np.arange(bands) < near_bands(settings), first.sum())
    return [(flat[at], rows[at], near[at]) for at in split_by(flat, parts=parts)]


def bucket_candidates(chunks: Sequence[KeyRows], *, count: int, settings: MatchSettings) -> I64:
    """Counted candidate pairs (i, j, shared keys) from every row of the keys this part owns."""
    keys, rows, near = (np.concatenate([chunk[n] for chunk in chunks]) for n in range(3))
    return bucket_pairs(
        keys,
        rows,
        count=count,
        max_bucket=settings.max_bucket,
        sample=settings.bucket_sample,
        sampled=near,
    )


def route_pairs(pairs: I64, *, home: npt.NDArray[np.int32], column: int, parts: int) -> list[I64]:
    """Pairs grouped by the part holding the row in `column`."""
    return [pairs[at] for at in split_by(home[pairs[:, column]].astype(np.int64), parts=parts)]


def count_pairs(
    chunks: Sequence[I64], *, home: npt.NDArray[np.int32], count: int, parts: int
) -> list[I64]:
    """At the part holding the first rows: each pair's keys counted over all key partitions,
    grouped by the second row's part."""
    return route_pairs(merge_counted(chunks, count=count), home=home, column=1, parts=parts)


def part_days(prepared: Prepared) -> tuple[I64, I64]:
    """The part's rows and their publication days."""
    return prepared.rows, prepared.days


def days_of(chunks: Sequence[tuple[I64, I64]], *, count: int) -> I64:
    """Every row's publication day (the candidates' tie-break), from every part's days (not
    from the parts themselves, which would all meet on one worker)."""
    days = np.zeros(count, dtype=np.int64)
    for rows, positions in chunks:
        days[rows] = positions
    return days


def rank_pairs(
    first: Sequence[I64],
    second: Sequence[I64],
    *,
    part: int,
    home: npt.NDArray[np.int32],
    days: I64,
    top: int,
) -> I64:
    """At one part: the counted pairs of its rows (`first`: those whose first row it holds,
    `second`: those whose second row it holds, from every part), ranked by its rows; the pairs
    one of them keeps (`dedup.lsh.nearest`)."""
    mine = [np.reshape(c, (-1, 3)) for c in first]
    mine += [c[home[c[:, 0]] != part] for c in (np.reshape(c, (-1, 3)) for c in second)]
    counted = np.concatenate(mine) if mine else np.empty((0, 3), dtype=np.int64)
    keep = nearest(counted, top=top, positions=days, owned=home == part)
    kept: I64 = counted[keep, :2]
    return kept


def block_pairs(
    chunks: Sequence[I64], *, home: npt.NDArray[np.int32], count: int, parts: int
) -> list[I64]:
    """At the part holding the first rows: distinct pairs, grouped by the second row's part."""
    encoded = np.unique(np.concatenate([c[:, 0] * count + c[:, 1] for c in chunks]))
    pairs = np.stack([encoded // count, encoded % count], axis=1)
    return route_pairs(pairs, home=home, column=1, parts=parts)
