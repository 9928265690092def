"""Vectorised MinHash: hashes, shingles, signatures, datasketch compatibility, bytes."""

from __future__ import annotations

import subprocess
import sys

import datasketch
import numpy as np
import pytest
from datasketch.hashfunc import sha1_hash32
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup import minhash, shingles
from dedup.errors import IndexFileError
from dedup.minhash import (
    Scheme,
    from_bytes,
    jaccard,
    shingle_hash,
    shingle_hashes,
    signature,
    signatures,
    to_bytes,
    token_hashes,
)
from tests.conftest import SEED_LEFT, SEED_RIGHT

SENTENCE = "Azerbaijan said on Tuesday that six citizens were killed by landmines near Khojavand"
WORDS = SENTENCE.split(" ")
SCHEMES: list[Scheme] = ["affine32", "legacy"]


def _words(path: object) -> list[str]:
    from pathlib import Path

    return Path(str(path)).read_text(encoding="utf-8").lower().split()


def _datasketch(tokens: list[str], *, n: int, num_perm: int, seed: int, scheme: Scheme) -> object:
    """A datasketch MinHash updated one shingle at a time with dedup's shingle hash."""
    sketch = datasketch.MinHash(num_perm=num_perm, seed=seed, hashfunc=shingle_hash, scheme=scheme)
    size = min(n, len(tokens))
    for start in range(len(tokens) - size + 1):
        sketch.update(tuple(tokens[start : start + size]))
    return sketch


def test_token_hash_is_datasketch_sha1_hash32() -> None:
    """Each token hashes to datasketch's sha1_hash32 of its UTF-8 bytes, Unicode included."""
    tokens = [*WORDS, "Ağdam", "—", "120,000", "été"]
    expected = [sha1_hash32(token.encode("utf-8")) for token in tokens]
    assert token_hashes(tokens).tolist() == expected
    assert token_hashes(tokens).dtype == np.uint32


def test_token_hashes_do_not_depend_on_the_process() -> None:
    """Hashes are the same under another PYTHONHASHSEED (no Python hash())."""
    code = "from dedup.minhash import token_hashes; print(token_hashes(['six', 'killed']).tolist())"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {f"{token_hashes(['six', 'killed']).tolist()}\n"}


def test_token_cache_overflow_keeps_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the token cache fills up it is cleared, and hashes stay the same."""
    fresh = [f"{word}-cache-test" for word in WORDS]
    expected = [sha1_hash32(token.encode("utf-8")) for token in fresh]
    monkeypatch.setattr(shingles, "CACHE_LIMIT", 20)
    assert token_hashes(fresh).tolist() == expected
    assert token_hashes(WORDS[:9]).tolist() == [sha1_hash32(w.encode()) for w in WORDS[:9]]
    assert len(shingles._cache) <= 20 + len(WORDS)


def test_unigram_shingles_are_the_distinct_token_hashes() -> None:
    """n=1 gives the sorted distinct token hashes."""
    hashes = token_hashes(["a", "b", "a", "c"])
    assert shingle_hashes(hashes, n=1).tolist() == sorted(set(hashes.tolist()))


@pytest.mark.parametrize("n", [2, 3, 5])
def test_ngram_shingles_match_the_python_reference(n: int) -> None:
    """Each n-gram hash equals shingle_hash of its words; duplicates are removed."""
    tokens = [*WORDS, *WORDS[:6]]
    expected = {shingle_hash(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}
    result = shingle_hashes(token_hashes(tokens), n=n)
    assert result.tolist() == sorted(expected)
    assert len(result) == len(expected) < len(tokens) - n + 1


def test_shingles_depend_on_word_order() -> None:
    """Reversing a bigram gives another shingle."""
    assert shingle_hash(["six", "killed"]) != shingle_hash(["killed", "six"])


@pytest.mark.parametrize("length", [1, 2, 4])
def test_short_document_gives_one_shingle_of_all_tokens(length: int) -> None:
    """A document shorter than n gives exactly one shingle made of all its tokens."""
    tokens = WORDS[:length]
    assert shingle_hashes(token_hashes(tokens), n=5).tolist() == [shingle_hash(tokens)]


def test_empty_document_gives_no_shingles_and_the_empty_signature() -> None:
    """No tokens: no shingles, and datasketch's empty signature (all values at maximum)."""
    empty = shingle_hashes(token_hashes([]), n=5)
    assert empty.size == 0
    sig = signature(empty, num_perm=8, seed=1)
    assert datasketch.LeanMinHash(seed=1, hashvalues=sig, scheme="affine32").is_empty()


def test_bad_shingle_size_is_refused() -> None:
    """n below 1 is an error naming the value."""
    with pytest.raises(ValueError, match="got 0"):
        shingle_hashes(token_hashes(WORDS), n=0)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("n", "num_perm", "seed"), [(1, 128, 1), (3, 64, 42), (5, 256, 7)])
def test_signature_equals_datasketch_minhash(
    scheme: Scheme, n: int, num_perm: int, seed: int
) -> None:
    """datasketch.MinHash fed the same shingles has identical hash values and dtype."""
    tokens = _words(SEED_LEFT)[:300]
    sig = signature(
        shingle_hashes(token_hashes(tokens), n=n), num_perm=num_perm, seed=seed, scheme=scheme
    )
    reference = _datasketch(tokens, n=n, num_perm=num_perm, seed=seed, scheme=scheme)
    assert sig.dtype == reference.hashvalues.dtype  # type: ignore[attr-defined]
    assert sig.tolist() == reference.hashvalues.tolist()  # type: ignore[attr-defined]


def test_unigram_signature_equals_default_datasketch_minhash() -> None:
    """With n=1 a default datasketch.MinHash fed UTF-8 tokens gives the same signature."""
    tokens = _words(SEED_RIGHT)
    reference = datasketch.MinHash(num_perm=128, seed=1)
    reference.update_batch([token.encode("utf-8") for token in tokens])
    sig = signature(shingle_hashes(token_hashes(tokens), n=1), num_perm=128, seed=1)
    assert sig.tolist() == reference.hashvalues.tolist()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_lean_minhash_gives_the_same_jaccard(scheme: Scheme) -> None:
    """LeanMinHash built from dedup signatures estimates the same Jaccard as dedup."""
    docs = [_words(SEED_LEFT), _words(SEED_RIGHT), _words(SEED_LEFT)[40:]]
    sigs = signatures(
        [shingle_hashes(token_hashes(doc), n=2) for doc in docs],
        num_perm=128,
        seed=3,
        scheme=scheme,
    )
    lean = [datasketch.LeanMinHash(seed=3, hashvalues=row, scheme=scheme) for row in sigs]
    for i in range(3):
        for j in range(3):
            assert lean[i].jaccard(lean[j]) == jaccard(sigs[i], sigs[j])
    assert 0.0 < jaccard(sigs[0], sigs[2]) < 1.0


def test_estimate_is_close_to_exact_jaccard() -> None:
    """On real text with 256 permutations the estimate is within 0.1 of the exact Jaccard."""
    full = _words(SEED_LEFT)
    cut = full[: len(full) * 2 // 3]
    left = shingle_hashes(token_hashes(full), n=3)
    right = shingle_hashes(token_hashes(cut), n=3)
    exact = len(np.intersect1d(left, right)) / len(np.union1d(left, right))
    estimate = jaccard(
        signature(left, num_perm=256, seed=1), signature(right, num_perm=256, seed=1)
    )
    assert 0.5 < exact < 0.8
    assert abs(estimate - exact) < 0.1


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("chunk_rows", [1, 7, 1 << 14])
def test_batch_equals_one_at_a_time(
    monkeypatch: pytest.MonkeyPatch, scheme: Scheme, chunk_rows: int
) -> None:
    """signatures() gives each row signature() gives, whatever the chunk size; empties too."""
    batch = [shingle_hashes(token_hashes(WORDS[i:]), n=3) for i in range(len(WORDS) + 1)]
    batch.insert(0, shingle_hashes(token_hashes([]), n=3))
    monkeypatch.setattr(minhash, "CHUNK_ROWS", chunk_rows)
    rows = signatures(batch, num_perm=32, seed=5, scheme=scheme)
    monkeypatch.setattr(minhash, "CHUNK_ROWS", 1 << 14)
    assert rows.shape == (len(batch), 32)
    for row, doc in zip(rows, batch, strict=True):
        assert row.tolist() == signature(doc, num_perm=32, seed=5, scheme=scheme).tolist()


def test_empty_batch_gives_no_rows() -> None:
    """No documents: a (0, num_perm) array."""
    assert signatures([], num_perm=16, seed=1).shape == (0, 16)


def test_jaccard_refuses_signatures_of_different_parameters() -> None:
    """Signatures of different num_perm or scheme cannot be compared."""
    shingled = shingle_hashes(token_hashes(WORDS), n=2)
    small = signature(shingled, num_perm=16, seed=1)
    with pytest.raises(ValueError, match="same num_perm"):
        jaccard(small, signature(shingled, num_perm=32, seed=1))
    with pytest.raises(ValueError, match="same scheme"):
        jaccard(small, signature(shingled, num_perm=16, seed=1, scheme="legacy"))


def test_from_bytes_refuses_other_data() -> None:
    """Bytes that are not a signature give an IndexFileError, not garbage."""
    with pytest.raises(IndexFileError, match="not a dedup signature"):
        from_bytes(b"\x80\x04pickle")
    with pytest.raises(IndexFileError, match="truncated"):
        from_bytes(b"MH\x01\x01abc")


token_lists = st.lists(st.sampled_from(WORDS), max_size=30)


@settings(max_examples=60, deadline=None)
@given(left=token_lists, right=token_lists, n=st.integers(1, 4), seed=st.integers(0, 2**31))
def test_jaccard_is_symmetric_bounded_and_one_on_itself(
    left: list[str], right: list[str], n: int, seed: int
) -> None:
    """jaccard(a, b) == jaccard(b, a), lies in [0, 1], and jaccard(a, a) == 1."""
    a, b = signatures(
        [shingle_hashes(token_hashes(left), n=n), shingle_hashes(token_hashes(right), n=n)],
        num_perm=32,
        seed=seed,
    )
    assert jaccard(a, b) == jaccard(b, a)
    assert 0.0 <= jaccard(a, b) <= 1.0
    assert jaccard(a, a) == 1.0


@settings(max_examples=60, deadline=None)
@given(
    tokens=token_lists,
    num_perm=st.integers(1, 64),
    seed=st.integers(0, 2**31),
    scheme=st.sampled_from(SCHEMES),
)
def test_bytes_round_trip_is_lossless(
    tokens: list[str], num_perm: int, seed: int, scheme: Scheme
) -> None:
    """from_bytes(to_bytes(sig)) gives the same values and dtype."""
    sig = signature(
        shingle_hashes(token_hashes(tokens), n=2), num_perm=num_perm, seed=seed, scheme=scheme
    )
    back = from_bytes(to_bytes(sig))
    assert back.dtype == sig.dtype
    assert back.tolist() == sig.tolist()
    assert len(to_bytes(sig)) == 4 + 4 * num_perm
