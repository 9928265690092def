"""Long reports aligned in blocks: every sentence once, moves across blocks, bounded candidates."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections import Counter
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.align import Alignment, align_sentences
from dedup.align_blocks import blocks, candidates
from dedup.align_passes import Pair
from dedup.align_score import features
from dedup.segment import split_sentences
from dedup.settings import AlignSettings
from tests.conftest import CORPUS, ROOT

DEFAULTS = AlignSettings()


@cache
def _reports() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Two long reports (300+ sentences each): the ECB+ sample's reports of each event,
    alternately on the left and the right, events in the same order on both sides."""
    by_event: dict[str, list[str]] = {}
    with (CORPUS / "ecbplus" / "documents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            by_event.setdefault(str(record["cluster"]), []).append(record["text"])
    sides: tuple[list[str], list[str]] = ([], [])
    for event in sorted(by_event)[:12]:
        for k, text in enumerate(by_event[event]):
            sides[k % 2].extend(sentence.text for sentence in split_sentences(text))
    return tuple(sides[0]), tuple(sides[1])


def _assert_each_once(alignment: Alignment, n: int, m: int) -> None:
    assert Counter(i for row in alignment.rows for i in row.left) == Counter(range(n))
    assert Counter(j for row in alignment.rows for j in row.right) == Counter(range(m))


def test_long_reports_use_blocks_and_keep_every_sentence_once() -> None:
    """Reports of more than `exact_pairs` pairs are aligned in blocks; each sentence in one row."""
    left, right = _reports()
    assert len(left) * len(right) > DEFAULTS.exact_pairs
    alignment = align_sentences(left, right, with_word_diff=False)
    _assert_each_once(alignment, len(left), len(right))
    assert 0.3 < alignment.coverage < 1.0
    for row in alignment.rows:
        if not (row.left and row.right) and row.nearest is not None:
            assert row.nearest_score is not None and row.nearest_score > 0


def test_long_report_against_itself_is_all_same() -> None:
    """A long report aligned with itself gives one `same` row per sentence."""
    left, _ = _reports()
    rows = align_sentences(left, left, with_word_diff=False).rows
    assert [row.op for row in rows] == ["same"] * len(left)


def test_paragraph_moved_across_blocks() -> None:
    """Sentences moved from the top to the end of a long report are found as moved rows."""
    left, _ = _reports()
    moved = list(range(5, 11))
    right = [s for i, s in enumerate(left) if i not in moved] + [left[i] for i in moved]
    rows = align_sentences(left, right, with_word_diff=False).rows
    row_of = {i: row for row in rows for i in row.left}
    assert all(row_of[i].op == "moved" for i in moved)
    assert sum(row.op == "same" for row in rows) >= len(left) - len(moved)


def test_short_report_found_anywhere_in_a_long_one() -> None:
    """A long report against a short one scores every pair: each short sentence finds its twin."""
    left, _ = _reports()
    picked = list(range(3, len(left), len(left) // 12))
    right = [left[i] for i in picked]
    assert len(left) > 2 * DEFAULTS.block_sentences
    rows = align_sentences(left, right, with_word_diff=False).rows
    row_of = {j: row for row in rows for j in row.right}
    assert all(i in row_of[k].left for k, i in enumerate(picked))
    assert sum(row_of[k].op == "same" for k in range(len(picked))) >= len(picked) - 1


def test_blocks_cover_both_reports_in_order() -> None:
    """Blocks follow each other on both sides, end after anchors, and respect the size."""
    anchored: list[Pair] = [((3,), (2,), 0.9), ((40,), (10,), 0.5), ((41,), (90,), 0.4)]
    found = blocks(anchored, 120, 100, size=30)
    assert found[0][0].start == 0 and found[0][1].start == 0
    for (left, right), (next_left, next_right) in itertools.pairwise(found):
        assert (left.stop, right.stop) == (next_left.start, next_right.start)
    assert (found[-1][0].stop, found[-1][1].stop) == (120, 100)
    assert all(len(left) <= 30 and len(right) <= 30 for left, right in found)
    assert (range(0, 4), range(0, 3)) in found


def test_candidates_are_bounded_per_sentence() -> None:
    """At most `candidates_per_sentence` a sentence on each side, so at most k (n + m) pairs."""
    left, right = _reports()
    found = features(left, right, settings=DEFAULTS)
    lefts, rights = candidates(found, settings=DEFAULTS)
    k = DEFAULTS.candidates_per_sentence
    assert 0 < len(lefts) <= k * (len(left) + len(right))
    assert len(set(zip(lefts.tolist(), rights.tolist(), strict=True))) == len(lefts)


def test_same_bytes_in_another_process() -> None:
    """A long alignment is the same in a process with another hash seed."""
    script = (
        "import json; from tests.test_align_blocks import _reports; "
        "from dedup.align import align_sentences; left, right = _reports(); "
        "rows = align_sentences(left, right, with_word_diff=False).rows; "
        "print(json.dumps([[r.op, r.left, r.right, r.score, r.nearest] for r in rows]))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


WORDS = ["police", "said", "two", "men", "killed", "fire", "river", "bridge", "mayor", "court"]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(lambda w: " ".join(w))
TINY_BLOCKS = AlignSettings(exact_pairs=9, block_sentences=4, candidates_per_sentence=2)


@settings(max_examples=100, deadline=None)
@given(st.lists(SENTENCE, max_size=25), st.lists(SENTENCE, max_size=25))
def test_every_sentence_once_in_blocks(left: list[str], right: list[str]) -> None:
    """With tiny blocks, any input still puts each sentence in exactly one row, in order."""
    alignment = align_sentences(left, right, settings=TINY_BLOCKS, with_word_diff=False)
    _assert_each_once(alignment, len(left), len(right))
    in_order = [row for row in alignment.rows if row.op in ("same", "changed")]
    assert [row.left for row in in_order] == sorted(row.left for row in in_order)
    assert [row.right for row in in_order] == sorted(row.right for row in in_order)
