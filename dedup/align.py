"""Sentence alignment of two reports, and word diffs of aligned sentences.

The pair scores of dedup.align_score go through the passes of dedup.align_passes: in-order
pairs (with 2:1 and 1:2 merges), moved pairs, pairs in the gaps and beside strong pairs, and
one-to-one pairs grown by a neighbour (one-to-many); dedup.align_blocks runs them over every
pair of two short reports, or block by block along anchors over two long ones. Every sentence
of both sides lands in exactly one row; a one-sided row names its nearest partner on the other
side, so a reader sees what the other report says instead ("closest: R5, 0.31").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from dedup.align_blocks import Nearest, aligned_pairs
from dedup.align_passes import Pair, chain
from dedup.align_score import DEFAULT_ALIGN_SETTINGS, features
from dedup.memory import Memory
from dedup.segment import split_sentences
from dedup.settings import AlignSettings

OPS = ("same", "changed", "moved", "left-only", "right-only")

_WORD = re.compile(r"\d[\d,.]*\d|\w+(?:['’]\w+)*")
_DIFF_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class WordEdit:
    """One step of a word diff: equal, delete, insert or replace, with both sides' words."""

    op: str
    left: str
    right: str


@dataclass(frozen=True, slots=True)
class Row:
    """One row of an alignment: sentence indices on each side (one-to-many when merged).

    A one-sided row carries its sentence's best-scoring sentence on the other side, aligned
    elsewhere or not, and that score (`nearest`, `nearest_score`; None when nothing scores).
    """

    op: str
    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float
    word_diff: tuple[WordEdit, ...] = ()
    nearest: int | None = None
    nearest_score: float | None = None

    def closest(self) -> str:
        """The nearest partner as renderers show it ("R5, 0.31"); empty for none."""
        if self.nearest is None or self.nearest_score is None:
            return ""
        side = "R" if self.left else "L"
        return f"{side}{self.nearest}, {self.nearest_score:.2f}"


@dataclass(frozen=True, slots=True)
class Alignment:
    """The rows, in reading order, covering every sentence of both sides exactly once."""

    rows: tuple[Row, ...]
    left_count: int
    right_count: int

    @property
    def coverage(self) -> float:
        """Share of all sentences (both sides) that sit in a row with a partner."""
        total = self.left_count + self.right_count
        if total == 0:
            return 0.0
        paired = sum(len(row.left) + len(row.right) for row in self.rows if row.left and row.right)
        return paired / total


def _normalise(sentence: str) -> str:
    return " ".join(_WORD.findall(sentence.lower().replace("’", "'")))


def _tokens_key(token: str) -> str:
    return token.lower().strip(".,;:!?\"'“”‘’()").replace("’", "'")


def word_diff(left: str, right: str) -> tuple[WordEdit, ...]:
    """Word-level diff (rapidfuzz Indel opcodes), case and edge punctuation ignored."""
    return _WORD_DIFFS.get((left, right), lambda: _word_diff(left, right))


# Word diffs of the sentence pairs seen lately in this process: a cluster's members share most
# sentences with their representative, so the same pairs are diffed member after member.
_WORD_DIFFS = Memory[tuple[str, str], tuple[WordEdit, ...]](20_000)


def _word_diff(left: str, right: str) -> tuple[WordEdit, ...]:
    left_words = _DIFF_TOKEN.findall(left)
    right_words = _DIFF_TOKEN.findall(right)
    keys_left = [_tokens_key(word) for word in left_words]
    keys_right = [_tokens_key(word) for word in right_words]
    edits: list[WordEdit] = []
    for opcode in Indel.opcodes(keys_left, keys_right):
        a = " ".join(left_words[opcode.src_start : opcode.src_end])
        b = " ".join(right_words[opcode.dest_start : opcode.dest_end])
        op = opcode.tag
        if edits and {edits[-1].op, op} == {"delete", "insert"}:
            previous = edits.pop()
            a, b = previous.left or a, previous.right or b
            op = "replace"
        edits.append(WordEdit(op, a, b))
    return tuple(edits)


def _rows(
    ordered: list[Pair], moved: list[Pair], n: int, m: int
) -> list[tuple[str, tuple[int, ...], tuple[int, ...], float]]:
    """Rows in reading order: in-order pairs as anchors, moved rows where their left sits."""
    moved_at = {left[0]: (left, right, score) for left, right, score in moved}
    moved_left = {index for left, _, _ in moved for index in left}
    moved_right = {index for _, right, _ in moved for index in right}
    rows: list[tuple[str, tuple[int, ...], tuple[int, ...], float]] = []
    i = j = 0
    for left, right, score in [*ordered, ((n,), (m,), 0.0)]:
        while i < left[0]:
            if i in moved_at:
                rows.append(("moved", *moved_at[i]))
            elif i not in moved_left:
                rows.append(("left-only", (i,), (), 0.0))
            i += 1
        while j < right[0]:
            if j not in moved_right:
                rows.append(("right-only", (), (j,), 0.0))
            j += 1
        if left[0] < n:
            rows.append(("changed", left, right, score))
            i, j = left[-1] + 1, right[-1] + 1
    return rows


def align_sentences(
    left: Sequence[str],
    right: Sequence[str],
    *,
    settings: AlignSettings = DEFAULT_ALIGN_SETTINGS,
    with_word_diff: bool = True,
) -> Alignment:
    """Align two lists of sentences; every sentence ends up in exactly one row."""
    n, m = len(left), len(right)
    if n == 0 or m == 0:
        only = [Row("left-only", (i,), (), 0.0) for i in range(n)]
        only += [Row("right-only", (), (j,), 0.0) for j in range(m)]
        return Alignment(tuple(only), n, m)
    pairs, nearest = aligned_pairs(features(left, right, settings=settings), settings=settings)
    ordered, moved = chain(pairs)
    rows = []
    for op, lefts_, rights_, score in _rows(ordered, moved, n, m):
        if not (lefts_ and rights_):
            rows.append(_one_sided(op, lefts_, rights_, nearest))
            continue
        diff: tuple[WordEdit, ...] = ()
        left_text = " ".join(left[i] for i in lefts_)
        right_text = " ".join(right[j] for j in rights_)
        if op == "changed" and _normalise(left_text) == _normalise(right_text):
            op, score = "same", 1.0
        if with_word_diff:
            diff = word_diff(left_text, right_text)
        rows.append(Row(op, lefts_, rights_, round(score, 4), diff))
    return Alignment(tuple(rows), n, m)


def _one_sided(op: str, lefts: tuple[int, ...], rights: tuple[int, ...], nearest: Nearest) -> Row:
    """A row with one sentence, and its best-scoring sentence on the other side."""
    if lefts:
        best, score = int(nearest.left_index[lefts[0]]), float(nearest.left_score[lefts[0]])
    else:
        best, score = int(nearest.right_index[rights[0]]), float(nearest.right_score[rights[0]])
    score = round(score, 4)
    if best < 0 or score <= 0:
        return Row(op, lefts, rights, 0.0)
    return Row(op, lefts, rights, 0.0, nearest=best, nearest_score=score)


def alignment_coverage(
    left_text: str, right_text: str, *, settings: AlignSettings = DEFAULT_ALIGN_SETTINGS
) -> float:
    """Share of the sentences of two texts that align with a partner (no word diffs)."""
    left = [sentence.text for sentence in split_sentences(left_text)]
    right = [sentence.text for sentence in split_sentences(right_text)]
    return align_sentences(left, right, settings=settings, with_word_diff=False).coverage
