"""Sentence alignment of two reports, and word diffs of aligned sentences.

With the pair scores of dedup.align_score:

1. an order-preserving dynamic programme (Gale–Church moves 1:1, 2:1, 1:2, with a small
   penalty for distance from the diagonal) picks the in-order pairs at or above
   `match_threshold`;
2. leftover sentences that are each other's best leftover match at or above `move_threshold`
   pair up;
3. between consecutive pairs of the heaviest in-order chain, the programme of step 1 pairs
   what is left at the lower `gap_threshold`;
4. a leftover sentence right after (before) a strong in-order pair pairs with the leftover
   right after (before) its partner at `neighbour_threshold` (a sentence rewritten beyond word
   overlap still sits beside its twin's neighbours);
5. the heaviest in-order chain of all pairs stays in order; the other pairs are *moved*.

Every sentence of both sides lands in exactly one row. This module imports only numpy,
rapidfuzz and the segmenter, so the clusterer can use `alignment_coverage` as cheap evidence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from dedup.align_score import DEFAULT_ALIGN_SETTINGS, PairScores, score_pairs
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
    """One row of an alignment: sentence indices on each side (one-to-many when merged)."""

    op: str
    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float
    word_diff: tuple[WordEdit, ...] = ()
    # A one-sided row's most similar sentence on the other side and its score (None: none).
    nearest: int | None = None
    nearest_score: float = 0.0


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


Pair = tuple[tuple[int, ...], tuple[int, ...], float]


def _ordered_pairs(
    lefts: Sequence[int],
    rights: Sequence[int],
    scores: PairScores,
    *,
    threshold: float,
    margin: float,
    position_weight: float,
) -> list[Pair]:
    """The order-preserving pairs of maximal total (score - threshold) among the given indices."""
    n, m = len(lefts), len(rights)
    rows, columns = scores.one_one.shape
    # Rewrites keep roughly the same order: a pair far off the diagonal needs more evidence.
    offset = np.abs(
        np.arange(rows)[:, None] / max(rows, 1) - np.arange(columns)[None, :] / max(columns, 1)
    )
    penalty = (position_weight * offset).tolist()
    one = scores.one_one.tolist()
    two_one = scores.two_one.tolist()
    one_two = scores.one_two.tolist()
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    # 0 skip-left, 1 skip-right, 2 1:1, 3 2:1, 4 1:2; ties keep the earliest (skipping wins).
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        move[0][j] = 1
    for i in range(1, n + 1):
        a = lefts[i - 1]
        above, here = best[i - 1], best[i]
        one_a = one[a]
        merge_left = i > 1 and lefts[i - 2] == a - 1
        for j in range(1, m + 1):
            value, choice = above[j], 0
            if here[j - 1] > value:
                value, choice = here[j - 1], 1
            b = rights[j - 1]
            single = one_a[b]
            if single >= threshold:
                gain = above[j - 1] + single - threshold - penalty[a][b]
                if gain > value:
                    value, choice = gain, 2
            if merge_left:
                merged = two_one[a - 1][b]
                if merged >= threshold and merged >= max(single, one[a - 1][b]) + margin:
                    gain = best[i - 2][j - 1] + merged - threshold - penalty[a][b]
                    if gain > value:
                        value, choice = gain, 3
            if j > 1 and rights[j - 2] == b - 1:
                merged = one_two[a][b - 1]
                if merged >= threshold and merged >= max(single, one_a[b - 1]) + margin:
                    gain = above[j - 2] + merged - threshold - penalty[a][b]
                    if gain > value:
                        value, choice = gain, 4
            here[j] = value
            move[i][j] = choice
    pairs: list[Pair] = []
    i, j = n, m
    while i > 0 or j > 0:
        choice = move[i][j]
        if choice == 0:
            i -= 1
        elif choice == 1:
            j -= 1
        elif choice == 2:
            a, b = lefts[i - 1], rights[j - 1]
            pairs.append(((a,), (b,), float(one[a][b])))
            i, j = i - 1, j - 1
        elif choice == 3:
            a, b = lefts[i - 1], rights[j - 1]
            pairs.append(((a - 1, a), (b,), float(two_one[a - 1][b])))
            i, j = i - 2, j - 1
        else:
            a, b = lefts[i - 1], rights[j - 1]
            pairs.append(((a,), (b - 1, b), float(one_two[a][b - 1])))
            i, j = i - 1, j - 2
    return pairs[::-1]


def _moved_pairs(
    lefts: Sequence[int], rights: Sequence[int], scores: PairScores, *, threshold: float
) -> list[Pair]:
    """Leftover sentences that are each other's best leftover match, at or above threshold."""
    if not lefts or not rights:
        return []
    sub = scores.one_one[np.ix_(list(lefts), list(rights))]
    pairs: list[Pair] = []
    for row, a in enumerate(lefts):
        column = int(sub[row].argmax())
        if sub[row, column] >= threshold and int(sub[:, column].argmax()) == row:
            pairs.append(((a,), (rights[column],), float(sub[row, column])))
    return pairs


def _neighbour_pairs(
    anchors: list[Pair],
    pairs: list[Pair],
    n: int,
    m: int,
    scores: PairScores,
    *,
    threshold: float,
    strong: float,
) -> list[Pair]:
    """Pair a leftover sentence with a leftover sentence next to its neighbours' partners.

    A sentence rewritten beyond word overlap still sits beside the sentences around its twin.
    """
    taken_left = {i for pair in pairs for i in pair[0]}
    taken_right = {j for pair in pairs for j in pair[1]}
    right_pair = {j: pair for pair in anchors if pair[2] >= strong for j in pair[1]}
    found: list[Pair] = []
    progress = True
    while progress:
        progress = False
        for j in range(m):
            if j in taken_right:
                continue
            # Continue a run: after the partner of j - 1, or before the partner of j + 1.
            near = set()
            if j - 1 in right_pair:
                near.add(right_pair[j - 1][0][-1] + 1)
            if j + 1 in right_pair:
                near.add(right_pair[j + 1][0][0] - 1)
            free = [i for i in sorted(near) if 0 <= i < n and i not in taken_left]
            if not free:
                continue
            best = max(free, key=lambda i: scores.one_one[i, j])
            score = float(scores.one_one[best, j])
            if score >= threshold:
                pair: Pair = ((best,), (j,), score)
                found.append(pair)
                taken_left.add(best)
                taken_right.add(j)
                right_pair[j] = pair
                progress = True
    return found


def _chain(pairs: list[Pair]) -> tuple[list[Pair], list[Pair]]:
    """Split pairs into the heaviest in-order chain and the rest (the moved ones)."""
    ordered = sorted(pairs)
    if not ordered:
        return [], []
    weight = [pair[2] for pair in ordered]
    previous = [-1] * len(ordered)
    for k, (left, right, score) in enumerate(ordered):
        for q in range(k):
            before = ordered[q][0][-1] < left[0] and ordered[q][1][-1] < right[0]
            if before and weight[q] + score > weight[k]:
                weight[k] = weight[q] + score
                previous[k] = q
    k = max(range(len(ordered)), key=lambda index: weight[index])
    chain: list[Pair] = []
    while k >= 0:
        chain.append(ordered[k])
        k = previous[k]
    chain.reverse()
    kept = set(chain)
    return chain, [pair for pair in ordered if pair not in kept]


def _normalise(sentence: str) -> str:
    return " ".join(_WORD.findall(sentence.lower().replace("’", "'")))


def _tokens_key(token: str) -> str:
    return token.lower().strip(".,;:!?\"'“”‘’()").replace("’", "'")


def word_diff(left: str, right: str) -> tuple[WordEdit, ...]:
    """Word-level diff (rapidfuzz Indel opcodes), case and edge punctuation ignored."""
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


def _gaps(
    ordered: list[Pair], used_left: set[int], used_right: set[int], n: int, m: int
) -> Iterator[tuple[list[int], list[int]]]:
    """(left indices, right indices) still free between consecutive in-order pairs."""
    bounds = [((-1,), (-1,))] + [(left, right) for left, right, _ in ordered] + [((n,), (m,))]
    for before, after in itertools.pairwise(bounds):
        lefts = [i for i in range(before[0][-1] + 1, after[0][0]) if i not in used_left]
        rights = [j for j in range(before[1][-1] + 1, after[1][0]) if j not in used_right]
        if lefts and rights:
            yield lefts, rights


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
    scores = score_pairs(left, right, settings=settings)
    margin = settings.merge_margin
    ordered = _ordered_pairs(
        range(n),
        range(m),
        scores,
        threshold=settings.match_threshold,
        margin=margin,
        position_weight=settings.position_weight,
    )
    used_left = {i for pair in ordered for i in pair[0]}
    used_right = {j for pair in ordered for j in pair[1]}
    pairs = ordered + _moved_pairs(
        [i for i in range(n) if i not in used_left],
        [j for j in range(m) if j not in used_right],
        scores,
        threshold=settings.move_threshold,
    )
    ordered, moved = _chain(pairs)
    used_left = {i for pair in pairs for i in pair[0]}
    used_right = {j for pair in pairs for j in pair[1]}
    for lefts, rights in _gaps(ordered, used_left, used_right, n, m):
        pairs += _ordered_pairs(
            lefts,
            rights,
            scores,
            threshold=settings.gap_threshold,
            margin=margin,
            position_weight=settings.position_weight,
        )
    pairs += _neighbour_pairs(
        _chain(pairs)[0],
        pairs,
        n,
        m,
        scores,
        threshold=settings.neighbour_threshold,
        strong=settings.match_threshold,
    )
    ordered, moved = _chain(pairs)
    ordered.sort()
    rows = []
    for op, lefts_, rights_, score in _rows(ordered, moved, n, m):
        diff: tuple[WordEdit, ...] = ()
        if lefts_ and rights_:
            left_text = " ".join(left[i] for i in lefts_)
            right_text = " ".join(right[j] for j in rights_)
            if op == "changed" and _normalise(left_text) == _normalise(right_text):
                op, score = "same", 1.0
            if with_word_diff:
                diff = word_diff(left_text, right_text)
        nearest, nearest_score = _nearest(scores, lefts_, rights_)
        rows.append(Row(op, lefts_, rights_, round(score, 4), diff, nearest, nearest_score))
    return Alignment(tuple(rows), n, m)


def _nearest(
    scores: PairScores, lefts: tuple[int, ...], rights: tuple[int, ...]
) -> tuple[int | None, float]:
    """For a one-sided row, the other side's sentence that scores highest with it."""
    if lefts and rights:
        return None, 0.0
    line = scores.one_one[lefts[0], :] if lefts else scores.one_one[:, rights[0]]
    best = int(np.argmax(line))
    score = round(float(line[best]), 4)
    return (best, score) if score > 0 else (None, 0.0)


def alignment_coverage(
    left_text: str, right_text: str, *, settings: AlignSettings = DEFAULT_ALIGN_SETTINGS
) -> float:
    """Share of the sentences of two texts that align with a partner (no word diffs)."""
    left = [sentence.text for sentence in split_sentences(left_text)]
    right = [sentence.text for sentence in split_sentences(right_text)]
    return align_sentences(left, right, settings=settings, with_word_diff=False).coverage
