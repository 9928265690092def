"""Verification per part with extracted partner rows: the verdicts of one whole-corpus batch."""

from __future__ import annotations

from functools import cache

import numpy as np

from dedup.candidates import shingle_signatures
from dedup.clean import clean_article
from dedup.engines.numbering import number_documents
from dedup.engines.partitions import count_piece_lines, plan_parts
from dedup.engines.stages import (
    Prepared,
    listing,
    load_part,
    merge_counts,
    prepare,
    term_counts,
)
from dedup.engines.verify_stages import block_sizes, extract_rows, verify_block
from dedup.lsh import I64
from dedup.read import DEFAULT_FIELDS, read_paths
from dedup.represent import represent_many
from dedup.settings import DEFAULT_SETTINGS
from dedup.verify import weigh
from dedup.verify_batch import verify_rows
from dedup.verify_columns import Columns
from tests.conftest import CORPUS

MATCH = DEFAULT_SETTINGS.match


@cache
def _parts() -> tuple[list[Prepared], Columns, I64]:
    """ECB+ and the seeds in parts of ~200 kB, prepared; the whole corpus as one batch of
    columns; the part holding each row."""
    parts = plan_parts(
        [CORPUS / "ecbplus", CORPUS / "seeds"],
        part_bytes=200_000,
        count_lines=lambda pieces: [count_piece_lines(piece) for piece in pieces],
    )
    loaded = [load_part(p, fields=DEFAULT_FIELDS, strict=False, settings=MATCH) for p in parts]
    numbering = number_documents([listing(part) for part in loaded], strict=False)
    stats = merge_counts(
        *(term_counts(p, rows) for p, rows in zip(loaded, numbering.rows, strict=True))
    )
    prepared = [
        prepare(p, rows, stats=stats, settings=MATCH)
        for p, rows in zip(loaded, numbering.rows, strict=True)
    ]
    # The whole corpus as the local engine represents it.
    articles = [clean_article(a) for a in read_paths([CORPUS / "ecbplus", CORPUS / "seeds"])]
    kept = sorted((a for a in articles if a.text.strip()), key=lambda a: a.id)
    assert [a.id for a in kept] == numbering.ids
    features = represent_many(kept, settings=MATCH)
    vectors = [weigh(f, stats=stats, settings=MATCH) for f in features]
    near = shingle_signatures(features, settings=MATCH)
    whole = Columns.of(features, vectors, signatures=near, vocabulary=stats.hashes)
    return prepared, whole, numbering.home.astype(np.int64)


def _pairs(count: int) -> I64:
    """Pairs (i < j): random ones, and every row with its next ten (ECB+ is sorted by id, and
    its ids name their topic, so neighbours are often reports of one event)."""
    rng = np.random.default_rng(11)
    drawn = rng.integers(0, count, (4000, 2))
    near = np.array([(i, j) for i in range(count) for j in range(i + 1, min(i + 11, count))])
    pairs = np.concatenate([drawn, near])
    pairs = np.unique(np.sort(pairs, axis=1), axis=0)
    return pairs[pairs[:, 0] < pairs[:, 1]]


def test_parts_verify_their_pairs_as_one_batch() -> None:
    """Every block's verdicts, with the partners' rows extracted from the other parts, equal
    verifying the pairs against the whole corpus at once."""
    prepared, whole, home = _parts()
    width = len(prepared)
    assert width >= 4
    pairs = _pairs(whole.days.size)
    blocks = [
        [pairs[(home[pairs[:, 0]] == a) & (home[pairs[:, 1]] == b)] for b in range(width)]
        for a in range(width)
    ]
    extracts = {
        (a, b): extract_rows(prepared[b], blocks[a][b])
        for a in range(width)
        for b in range(width)
        if a != b
    }
    verified = [
        verify_block(prepared[a], blocks[a][b], extracts.get((a, b)), settings=MATCH)
        for a in range(width)
        for b in range(width)
        if block_sizes(blocks[a])[b]
    ]
    got = np.concatenate([v.pairs for v in verified])
    order = np.lexsort((got[:, 1], got[:, 0]))
    codes = np.concatenate([v.relations for v in verified])[order]
    scores = np.concatenate([v.scores for v in verified])[order]
    expected = verify_rows(whole, whole, (pairs[:, 0], pairs[:, 1]), settings=MATCH)
    assert got[order].tolist() == pairs.tolist()
    assert codes.tolist() == expected[0].tolist()
    assert scores.tolist() == expected[1].tolist()
    assert set(codes.tolist()) >= {1, 2, 3}  # near-duplicate, same event, unrelated


def test_a_part_sends_each_partner_row_once() -> None:
    """An extract holds the distinct second rows of its block, ascending, and no others."""
    prepared, _, home = _parts()
    pairs = _pairs(home.size)
    block = pairs[(home[pairs[:, 0]] == 0) & (home[pairs[:, 1]] == 1)]
    extract = extract_rows(prepared[1], block)
    assert block.size and extract.rows.tolist() == sorted(set(block[:, 1].tolist()))
    assert extract.columns.days.size == extract.rows.size < block.shape[0]
