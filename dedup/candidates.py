"""The pipeline's stages up to candidate pairs: represent, sign, band keys, candidates.

Every stage works on one document or one batch at a time (features, signatures and band keys
per document), so an index can store the per-document parts and feed band keys from a database
instead of memory (`dedup.indexing` derives the same keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from dedup.article import Article
from dedup.lsh import I64, UNKNOWN, band_keys, band_params, candidate_pairs, value_keys
from dedup.minhash import signatures
from dedup.progress import Progress, no_progress
from dedup.represent import Features, represent_many
from dedup.settings import MatchSettings
from dedup.verify import Vector, salient

U32 = npt.NDArray[np.uint32]
Signatures = npt.NDArray[np.unsignedinteger[Any]]

NEAR_TAG = 1
EVENT_TAG = 2
NAME_TAG = 3
BATCH = 1000


def represent_all(
    articles: Sequence[Article], *, settings: MatchSettings, progress: Progress = no_progress
) -> list[Features]:
    """Features of every article, in order."""
    features: list[Features] = []
    for start in range(0, len(articles), BATCH):
        features.extend(represent_many(articles[start : start + BATCH], settings=settings))
        progress("represent", len(features), len(articles))
    return features


def shingle_signatures(features: Sequence[Features], *, settings: MatchSettings) -> Signatures:
    """The documents' MinHash signatures of their word n-gram shingles."""
    return signatures(
        [f.shingles for f in features], num_perm=settings.num_perm, seed=settings.seed
    )


def document_band_keys(
    features: Sequence[Features],
    vectors: Sequence[Vector],
    *,
    settings: MatchSettings,
    doc_rows: I64 | None = None,
    near: Signatures | None = None,
) -> I64:
    """Each document's LSH band keys: near-duplicate bands (shingles), then same-event bands
    (the document's most salient terms), then its first full names (`name_keys`).
    `doc_rows`: the documents' rows in the whole corpus when this batch is one part of it
    (see `dedup.lsh.band_keys`); `near`: the shingle signatures when already computed
    (`shingle_signatures`)."""
    if near is None:
        near = shingle_signatures(features, settings=settings)
    salient_sets = [salient(v, count=settings.event_terms) for v in vectors]
    event = signatures(salient_sets, num_perm=settings.num_perm, seed=settings.seed)
    parts: list[I64] = []
    for sigs, threshold, tag in (
        (near, settings.near_lsh_threshold, NEAR_TAG),
        (event, settings.event_lsh_threshold, EVENT_TAG),
    ):
        bands, rows = band_params(threshold=threshold, num_perm=settings.num_perm)
        parts.append(band_keys(sigs, bands=bands, rows=rows, tag=tag, doc_rows=doc_rows))
    parts.append(name_keys(features, settings=settings, doc_rows=doc_rows))
    return np.concatenate(parts, axis=1)


def name_keys(
    features: Sequence[Features], *, settings: MatchSettings, doc_rows: I64 | None = None
) -> I64:
    """Keys of each document's first `settings.name_keys` full names: documents that name one
    person become candidates (a bucket of more than `max_bucket`, a name in every story,
    proposes none)."""
    return value_keys(name_table(features, settings=settings), tag=NAME_TAG, doc_rows=doc_rows)


def name_table(features: Sequence[Features], *, settings: MatchSettings) -> I64:
    """Each document's first `settings.name_keys` full names (hashes), -1 where it has fewer."""
    width = settings.name_keys
    table = np.full((len(features), width), -1, dtype=np.int64)
    for row, f in enumerate(features):
        first = f.names[:width]
        table[row, : first.size] = first
    return table


def day_positions(features: Sequence[Features]) -> I64:
    """Each document's publication day (`dedup.lsh.UNKNOWN` when it has none): the tie-break
    between candidates that share as many band keys."""
    return np.fromiter(
        (UNKNOWN if f.day is None else f.day for f in features), np.int64, count=len(features)
    )


def select_candidates(keys: I64, days: I64, *, settings: MatchSettings) -> I64:
    """Candidate pairs of rows: each document's nearest by shared band keys and dates (`keys`
    as `document_band_keys` gives them: the near-duplicate bands first)."""
    return candidate_pairs(
        keys,
        max_bucket=settings.max_bucket,
        top=settings.candidates_per_document,
        positions=days,
        sampled_bands=near_bands(settings),
        sample=settings.bucket_sample,
    )


def near_bands(settings: MatchSettings) -> int:
    """How many of a document's band keys are near-duplicate (shingle) bands: the first ones."""
    return band_params(threshold=settings.near_lsh_threshold, num_perm=settings.num_perm)[0]


def vocabulary(vectors: Sequence[Vector]) -> U32:
    """Sorted distinct term hashes of the vectors."""
    hashes: U32 = np.unique(np.concatenate([v.hashes for v in vectors] or [np.empty(0, np.uint32)]))
    return hashes
