"""What clustering returns: clusters of members with their relations, and every verified pair.

`ClusterResult` holds the clusters (singletons included, largest first), the pair counts behind
them, and `PairVerdicts`, each verified pair's relation and score held as arrays.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dedup.cluster import cluster_id
from dedup.lsh import I64
from dedup.verify import RELATIONS, Verdict

F64 = npt.NDArray[np.float64]
Codes = npt.NDArray[np.int8]


@dataclass(frozen=True, slots=True)
class Member:
    """A document in a cluster and its relation to the cluster's representative."""

    id: str
    relation: str  # "representative", "duplicate", "near-duplicate" or "same-event"
    score: float


@dataclass(frozen=True, slots=True)
class Cluster:
    """Documents covering one event; `near_duplicates` are groups of copies among them."""

    id: str
    representative: str
    members: tuple[Member, ...]
    near_duplicates: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class ClusterResult:
    """All clusters (singletons included), largest first, and the pair counts behind them."""

    clusters: tuple[Cluster, ...]
    documents: int
    candidate_pairs: int
    relation_counts: dict[str, int]
    pair_relations: Mapping[tuple[str, str], Verdict]

    def to_dict(self) -> dict[str, object]:
        """The clustering as JSON-ready data: what `dedup cluster --format json` prints."""
        from dedup.render.clusters_json import clusters_as_dict

        return clusters_as_dict(self)


def singleton(doc_id: str) -> Cluster:
    """A cluster of one document."""
    return Cluster(cluster_id([doc_id]), doc_id, (Member(doc_id, "representative", 1.0),), ())


def relation_counts(codes: Codes) -> dict[str, int]:
    """How many pairs got each relation, in `RELATIONS` order."""
    tally = np.bincount(codes.astype(np.int64), minlength=len(RELATIONS))
    return {relation: int(tally[code]) for code, relation in enumerate(RELATIONS)}


class PairVerdicts(Mapping[tuple[str, str], Verdict]):
    """Every verified pair's relation and score, keyed by the two ids (sorted), held as arrays
    (a dict of `Verdict`s costs ~1 kB a pair). The evidence of one pair: `dedup.verify.evidence`.

    With `copy_of` (each row's first exact copy, see `dedup.copies`) a later copy also answers
    for the pairs of its first copy, which it would have got from verification: iteration
    lists the verified pairs and the copies' links, a look-up finds these too.
    """

    def __init__(
        self, ids: Sequence[str], pairs: I64, codes: Codes, scores: F64, copy_of: I64 | None = None
    ) -> None:
        self._ids = list(ids)
        self._rows = {doc_id: row for row, doc_id in enumerate(self._ids)}
        count = max(len(self._ids), 1)
        self._count = count
        encoded = pairs[:, 0] * count + pairs[:, 1]
        order = np.argsort(encoded, kind="stable")
        self._encoded, self._codes, self._scores = encoded[order], codes[order], scores[order]
        self._copy_of = copy_of

    def __getitem__(self, key: tuple[str, str]) -> Verdict:
        left, right = self._rows.get(key[0]), self._rows.get(key[1])
        if left is None or right is None or left >= right:
            raise KeyError(key)
        found = self._find(left, right)
        if found is None and self._copy_of is not None:
            first, second = sorted((int(self._copy_of[left]), int(self._copy_of[right])))
            if first == second:
                return Verdict("duplicate", 1.0, {})
            found = self._find(first, second)
        if found is None:
            raise KeyError(key)
        return found

    def _find(self, left: int, right: int) -> Verdict | None:
        wanted = left * self._count + right
        at = int(np.searchsorted(self._encoded, wanted))
        if at == self._encoded.size or self._encoded[at] != wanted:
            return None
        return Verdict(RELATIONS[self._codes[at]], float(self._scores[at]), {})

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for encoded in self._encoded.tolist():
            yield self._ids[encoded // self._count], self._ids[encoded % self._count]

    def __len__(self) -> int:
        return int(self._encoded.size)
