"""MinHash signatures of shingle hashes, vectorised with numpy and identical to datasketch's.

Permutations are drawn exactly as `datasketch.MinHash` (2.x) draws them from
`np.random.RandomState(seed)`, so `datasketch.MinHash(num_perm, seed, hashfunc=shingle_hash)`
updated with the same shingles has the same hash values, and `datasketch.LeanMinHash(seed=seed,
hashvalues=sig, scheme=scheme)` gives the same Jaccard estimates. Two schemes:

- "affine32" (datasketch's default since 2.0): the 32-bit input is pre-mixed with the
  MurmurHash3 finalizer, then `a * h + b mod 2^32` with odd `a`; values are uint32.
- "legacy" (datasketch before 2.0): `(a * h + b) mod (2^61 - 1)`, computed in wrapping uint64
  arithmetic as datasketch does, keeping the low 32 bits; values are uint64.

The batch form works on all shingles of many documents at once: one (shingles × num_perm)
product per chunk and a segmented minimum (`np.minimum.reduceat`) per document.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from dedup.errors import IndexFileError
from dedup.shingles import (
    combine_hash,
    finalise,
    shingle_hash,
    shingle_hashes,
    token_hash,
    token_hashes,
)

__all__ = [
    "DEFAULT_SCHEME",
    "Scheme",
    "combine_hash",
    "from_bytes",
    "jaccard",
    "shingle_hash",
    "shingle_hashes",
    "signature",
    "signatures",
    "to_bytes",
    "token_hash",
    "token_hashes",
]

Scheme = Literal["affine32", "legacy"]
DEFAULT_SCHEME: Scheme = "affine32"
# uint32 for affine32, uint64 for legacy, as datasketch stores them.
Array = npt.NDArray[np.unsignedinteger[Any]]

_MERSENNE = (1 << 61) - 1
_MAX32 = (1 << 32) - 1
# Shingles per chunk of the batch product: 16384 × 128 perms × 4 bytes = 8 MiB keeps memory
# flat; on the benchmark documents 4096 to 32768 were within noise, 131072 was 8× slower.
CHUNK_ROWS = 1 << 14
_BYTES_MAGIC = b"MH\x01"
_SCHEME_CODES: dict[Scheme, int] = {"legacy": 0, "affine32": 1}


@functools.lru_cache(maxsize=16)
def permutations(*, num_perm: int, seed: int, scheme: Scheme = DEFAULT_SCHEME) -> Array:
    """The (2, num_perm) array of permutation parameters `a`, `b`, as datasketch draws them."""
    if num_perm < 1:
        raise ValueError(f"num_perm must be positive, got {num_perm}")
    gen = np.random.RandomState(seed)
    params: Array
    if scheme == "legacy":
        pairs = [
            (
                gen.randint(1, _MERSENNE, dtype=np.uint64),
                gen.randint(0, _MERSENNE, dtype=np.uint64),
            )
            for _ in range(num_perm)
        ]
        params = np.array(pairs, dtype=np.uint64).T.copy()
    elif scheme == "affine32":
        a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
        params = np.array([a, b], dtype=np.uint32)
    else:
        raise ValueError(f"scheme must be 'affine32' or 'legacy', got {scheme!r}")
    params.setflags(write=False)
    return params


def _dtype(scheme: Scheme) -> type[np.uint32] | type[np.uint64]:
    return np.uint32 if scheme == "affine32" else np.uint64


def _permute_into(rows: Array, params: Array, scheme: Scheme, out: Array) -> Array:
    """Fill `out` (num_perm × len(rows)) with the permuted values of pre-mixed `rows`.

    Permutations run along the first axis so that each document's minimum is a reduction over
    contiguous memory; `out` is reused across chunks (a fresh array per chunk costs more in page
    faults than the arithmetic).
    """
    np.multiply(params[0][:, None], rows[None, :], out=out)
    out += params[1][:, None]
    if scheme == "legacy":
        # x mod (2^61 - 1) without a division: 2^61 ≡ 1, so fold the top bits onto the bottom.
        prime = np.uint64(_MERSENNE)
        high = out >> np.uint64(61)
        out &= prime
        out += high
        np.subtract(out, prime, out=out, where=out >= prime)
        out &= np.uint64(_MAX32)
    return out


def signatures(
    batch: Sequence[npt.ArrayLike],
    *,
    num_perm: int,
    seed: int,
    scheme: Scheme = DEFAULT_SCHEME,
) -> Array:
    """One MinHash signature per document of shingle hashes: a (len(batch), num_perm) array.

    A document without shingles gets datasketch's empty signature (every value at its maximum).
    """
    params = permutations(num_perm=num_perm, seed=seed, scheme=scheme)
    dtype = _dtype(scheme)
    out: Array = np.full((len(batch), num_perm), _MAX32, dtype=dtype)
    if not batch:
        return out
    parts = [np.asarray(doc, dtype=np.uint32).reshape(-1) for doc in batch]
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    flat = np.concatenate(parts)
    starts = np.cumsum(lengths) - lengths
    # Documents with shingles, by the position of their first shingle in `flat`.
    present = np.flatnonzero(lengths)
    present_starts = starts[present]
    rows = finalise(flat) if scheme == "affine32" else flat.astype(np.uint64)
    buffer: Array = np.empty((num_perm, min(CHUNK_ROWS, flat.size)), dtype=dtype)
    for begin in range(0, flat.size, CHUNK_ROWS):
        end = min(begin + CHUNK_ROWS, flat.size)
        first = int(np.searchsorted(present_starts, begin, side="right")) - 1
        last = int(np.searchsorted(present_starts, end, side="left"))
        docs = present[first:last]
        # Each piece of the chunk belongs to one document; a document cut by a chunk boundary
        # gets two partial minima, merged by the np.minimum below.
        offsets = np.maximum(present_starts[first:last] - begin, 0)
        permuted = _permute_into(rows[begin:end], params, scheme, buffer[:, : end - begin])
        partial = np.minimum.reduceat(permuted, offsets, axis=1)
        out[docs] = np.minimum(out[docs], partial.T)
    return out


def signature(
    shingles: npt.ArrayLike,
    *,
    num_perm: int,
    seed: int,
    scheme: Scheme = DEFAULT_SCHEME,
) -> Array:
    """The MinHash signature (datasketch's `hashvalues`) of one set of shingle hashes."""
    row: Array = signatures([shingles], num_perm=num_perm, seed=seed, scheme=scheme)[0]
    return row


def jaccard(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Estimated Jaccard similarity: the share of positions where two signatures agree."""
    left, right = np.asarray(a), np.asarray(b)
    if left.shape != right.shape or left.ndim != 1:
        raise ValueError(
            f"cannot compare signatures of shapes {left.shape} and {right.shape}: "
            "build both with the same num_perm"
        )
    if left.dtype != right.dtype:
        raise ValueError(
            f"cannot compare signatures of dtypes {left.dtype} and {right.dtype}: "
            "build both with the same scheme"
        )
    if left.size == 0:
        raise ValueError("cannot compare empty signatures")
    return float(np.count_nonzero(left == right)) / float(left.size)


def to_bytes(sig: npt.ArrayLike) -> bytes:
    """Compact bytes for a signature: b"MH", format 1, scheme code, then little-endian uint32s."""
    values = np.asarray(sig)
    if values.ndim != 1 or values.dtype not in (np.uint32, np.uint64):
        raise ValueError(f"a signature is a 1-D uint32/uint64 array, got {values.dtype}")
    scheme: Scheme = "affine32" if values.dtype == np.uint32 else "legacy"
    if scheme == "legacy" and values.size and int(values.max()) > _MAX32:
        raise ValueError("legacy signature values must fit in 32 bits")
    header = _BYTES_MAGIC + bytes([_SCHEME_CODES[scheme]])
    return header + values.astype("<u4").tobytes()


def from_bytes(data: bytes) -> Array:
    """The signature `to_bytes` wrote; anything else is an IndexFileError."""
    head, body = data[:4], data[4:]
    codes = {code: scheme for scheme, code in _SCHEME_CODES.items()}
    if len(head) < 4 or head[:3] != _BYTES_MAGIC or head[3] not in codes:
        raise IndexFileError(f"not a dedup signature (starts with {bytes(head)!r})")
    if not body or len(body) % 4:
        raise IndexFileError(f"truncated dedup signature ({len(data)} bytes)")
    values: Array = np.frombuffer(body, dtype="<u4").astype(_dtype(codes[head[3]]))
    return values
