"""Building clusters on partitions: each part builds some clusters from its members' rows.

The client groups the verified graph; every multi-document cluster is built on one part, which
receives its members' rows from the parts holding them as packed columns (`Columns.take`: a few
arrays, cheap to send and to spill) and builds it with the local engine's `build_clusters`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dedup.cluster_assembly import build_clusters as build_clusters_of
from dedup.cluster_result import Cluster
from dedup.engines.sizes import OBJECT_BYTES, array_bytes, strings_bytes
from dedup.engines.stages import Prepared
from dedup.lsh import I64
from dedup.settings import MatchSettings
from dedup.verify_columns import Columns

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class GroupJob:
    """Clusters to build on one part: each one's member rows (ascending), their strengths, and
    its copy pairs numbered by position among its members."""

    groups: list[list[int]]
    strengths: list[F64]
    copies: list[I64]

    def __sizeof__(self) -> int:
        rows = sum(len(group) for group in self.groups)
        return 32 * rows + array_bytes(*self.strengths, *self.copies)


@dataclass(frozen=True, slots=True, eq=False)
class Members:
    """Members of multi-document clusters (ascending rows, their ids and columns) on their way
    to the part building each cluster."""

    rows: I64
    ids: list[str]
    columns: Columns

    def __sizeof__(self) -> int:
        arrays = array_bytes(self.rows, *self.columns.arrays())
        return OBJECT_BYTES + arrays + strings_bytes(self.ids)


def members_out(
    prepared: Prepared, *, destination: npt.NDArray[np.int32], parts: int
) -> list[Members]:
    """The part's members of multi-document clusters, sent to the part building each cluster."""
    bound = destination[prepared.rows]
    out: list[Members] = []
    for part in range(parts):
        at = np.flatnonzero(bound == part)
        ids = [prepared.ids[n] for n in at.tolist()]
        out.append(Members(prepared.rows[at], ids, prepared.columns.take(at)))
    return out


def build_clusters(
    job: GroupJob, chunks: Sequence[Members], *, settings: MatchSettings
) -> list[Cluster]:
    """The clusters of `job` from their members' rows, renumbered in row order."""
    rows = np.concatenate([chunk.rows for chunk in chunks])
    order = np.argsort(rows, kind="stable")
    rows = rows[order]
    ids = [doc_id for chunk in chunks for doc_id in chunk.ids]
    columns = Columns.concat([chunk.columns for chunk in chunks]).take(order)
    strength = np.zeros(rows.size)
    groups = [np.searchsorted(rows, np.asarray(group, dtype=np.int64)) for group in job.groups]
    for local, strengths in zip(groups, job.strengths, strict=True):
        strength[local] = strengths
    copies = [local[pairs].reshape(-1, 2) for local, pairs in zip(groups, job.copies, strict=True)]
    return build_clusters_of(
        [local.tolist() for local in groups],
        np.concatenate(copies or [np.empty((0, 2), dtype=np.int64)]),
        [ids[n] for n in order.tolist()],
        columns,
        strength,
        settings=settings,
    )
