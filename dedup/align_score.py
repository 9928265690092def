"""Scores of sentence pairs of two reports, in [0, 1], for a block of sentences or listed pairs.

Four kinds of evidence, added up and capped at 1:

- words: a rarity-weighted overlap of word stems (the weight of a stem is its inverse frequency
  among the sentences of both reports, so the names every sentence repeats count little) blended
  with rapidfuzz's token-sort ratio;
- meaning: the cosine of static sentence vectors (dedup.embed), which gives "blaze" and "fire"
  part of the credit that word overlap denies them; cosines under `semantic_floor` count nothing;
- anchors: a bonus for rare words each report uses in exactly one sentence ("landmine"), like the
  unique lines of a patience diff;
- the lead: the first sentences of two reports of one event usually say what happened, so pairs
  near the top of both get a bonus that fades out over `lead_sentences`.

What a score reads from a sentence (stems, vector) is computed once per report pair
(`features`); `score_block` then scores every pair of two runs of sentences, with merged
neighbours (2:1 and 1:2) for split and merged sentences, and `score_listed` scores chosen pairs
only, which is how long reports are aligned without scoring every pair (dedup.align_blocks).
Shared stems are found by joining the two sides' stem lists, never through a sentence ×
vocabulary matrix, and summed in stem order, so every pair gets the same bytes wherever it is
scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from dedup.align_memo import sentence_sums
from dedup.embed import cosines, unit
from dedup.frequencies import zipf_frequency
from dedup.memory import Memory
from dedup.settings import AlignSettings

Matrix = NDArray[np.float64]
Ids = NDArray[np.int64]
_WORD = re.compile(r"\d[\d,.]*\d|\w+(?:['’]\w+)*")
_STOP_WORDS = (
    "a an the of to in and or for on at by with from as is are was were be been being has "
    "have had that this which it its their they them he she his her not but also about into "
    "over after while than then there these those who whom what when where amid such all any "
    "can could would will may might should do does did so if out up our we you i between "
    "among through via against because during before since until within without under "
    "across one more most other some very only just said says"
)
_STOP = frozenset(_STOP_WORDS.split())
DEFAULT_ALIGN_SETTINGS = AlignSettings()
_CHUNK_PAIRS = 2048


@dataclass(frozen=True, slots=True)
class _Read:
    """What the scores read from one sentence, whatever the other report: its stems in reading
    order, their sorted text (for the token-sort ratio), its distinct stems sorted (so their
    ids in a vocabulary of sorted stems ascend) and its (word, stem) pairs."""

    stems: tuple[str, ...]
    sorted_text: str
    distinct: tuple[str, ...]
    words: frozenset[tuple[str, str]]


def _read(sentence: str) -> _Read:
    return _READ.get(sentence, lambda: _read_anew(sentence))


def _read_anew(sentence: str) -> _Read:
    pairs = list(_words_and_stems(sentence))
    stems = tuple(stem for _, stem in pairs)
    return _Read(stems, " ".join(sorted(stems)), tuple(sorted(set(stems))), frozenset(pairs))


def _words_and_stems(sentence: str) -> Iterator[tuple[str, str]]:
    for token in _WORD.findall(sentence.lower().replace("’", "'")):
        found = _STEMS.get(token)
        if found is None:
            found = _stem(token)
            if len(_STEMS) >= _STEMS_KEPT:
                _STEMS.clear()
            _STEMS[token] = found
        if found:
            yield found


def _stem(token: str) -> tuple[str, str] | tuple[()]:
    """A token's (word, stem): the word without "'s" and commas, its stem the first five
    letters (a figure whole); empty for a stop word."""
    if token in _STOP:
        return ()
    word = token.removesuffix("'s").replace(",", "")
    return word, word if word[0].isdigit() else word[:5]


# Stems of the tokens seen, shared by every alignment in the process (news reuses its words),
# and what the sentences seen gave (a cluster's copies repeat their sentences).
_STEMS: dict[str, tuple[str, str] | tuple[()]] = {}
_STEMS_KEPT = 200_000
_READ = Memory[str, _Read](_STEMS_KEPT)


def _rare(words: set[str], *, below: float) -> bool:
    # wordfreq's Zipf values from the shipped table: wordfreq itself costs 0.1-0.2 s to import.
    return min(zipf_frequency(word) for word in words) < below


@dataclass(frozen=True, slots=True)
class SideFeatures:
    """One report's sentences as the scores read them."""

    # Per sentence: its stems in reading order, their sorted text (for the token-sort ratio)
    # and its distinct stems' vocabulary ids, ascending.
    stems: tuple[tuple[str, ...], ...]
    sorted_text: tuple[str, ...]
    ids: tuple[Ids, ...]
    # Per sentence: the sum of its tokens' vectors, and the total weight of its stems.
    sums: Matrix
    totals: Matrix

    @property
    def count(self) -> int:
        """Number of sentences."""
        return len(self.stems)


@dataclass(frozen=True, slots=True)
class Features:
    """Both reports' sentence features and the per-stem weights of this pair of reports."""

    left: SideFeatures
    right: SideFeatures
    # Per vocabulary stem: its rarity weight, and 1.0 when it is an anchor word (rare in
    # English, used by each report in exactly one sentence).
    weights: Matrix
    unique: Matrix


@dataclass(frozen=True, slots=True)
class PairScores:
    """Pair scores: single–single, left pair (i, i+1)–single, single–right pair (j, j+1).

    `left_at` and `right_at` are each sentence's relative position in its whole report (index /
    length), which the ordered pass reads to keep pairs near the diagonal.
    """

    one_one: Matrix
    two_one: Matrix
    one_two: Matrix
    left_at: Matrix
    right_at: Matrix


def _side(read: list[_Read], ids: tuple[Ids, ...], sums: Matrix, weights: Matrix) -> SideFeatures:
    return SideFeatures(
        stems=tuple(one.stems for one in read),
        sorted_text=tuple(one.sorted_text for one in read),
        ids=ids,
        sums=sums,
        totals=np.array([_total(unit, weights) for unit in ids]),
    )


def features(left: Sequence[str], right: Sequence[str], *, settings: AlignSettings) -> Features:
    """Stems, vectors and stem weights of two reports' sentences."""
    left_read, right_read = [_read(s) for s in left], [_read(s) for s in right]
    words_of: dict[str, set[str]] = {}
    for word, stem in frozenset[tuple[str, str]]().union(
        *(one.words for one in (*left_read, *right_read))
    ):
        words_of.setdefault(stem, set()).add(word)
    vocabulary = {stem: i for i, stem in enumerate(sorted(words_of))}
    left_ids, right_ids = (
        tuple(np.array([vocabulary[s] for s in one.distinct], dtype=np.int64) for one in side)
        for side in (left_read, right_read)
    )
    size = len(vocabulary)
    left_frequency = np.bincount(_concatenated(left_ids), minlength=size).astype(np.float64)
    right_frequency = np.bincount(_concatenated(right_ids), minlength=size).astype(np.float64)
    frequency = left_frequency + right_frequency
    count = len(left) + len(right)
    weights = np.log((count + 1) / (frequency + 0.5))
    once_each = (left_frequency == 1) & (right_frequency == 1)
    # Only words rare in English: a shared "landmine" ties two sentences, a shared "present"
    # does not.
    unique = np.array(
        [
            bool(once) and len(stem) >= 4 and _rare(words_of[stem], below=settings.rare_zipf)
            for once, stem in zip(once_each, vocabulary, strict=True)
        ],
        dtype=np.float64,
    )
    # One pass of the tokenizer over the sentences of both reports not read lately.
    sums = sentence_sums([*left, *right])
    return Features(
        _side(left_read, left_ids, sums[: len(left)], weights),
        _side(right_read, right_ids, sums[len(left) :], weights),
        weights,
        unique,
    )


def _concatenated(arrays: Sequence[Ids]) -> Ids:
    return np.concatenate([np.zeros(0, dtype=np.int64), *arrays])


def shared_stems(left: Sequence[Ids], right: Sequence[Ids]) -> tuple[Ids, Ids, Ids]:
    """(left unit, right unit, stem) for every stem two units share, in left unit, stem order.

    A join of the two sides' (unit, stem) lists on the stem: its size is the number of shared
    (unit, unit, stem) triples, whatever the vocabulary.
    """
    left_units = np.repeat(np.arange(len(left)), [len(ids) for ids in left])
    left_stems = _concatenated(left)
    right_units = np.repeat(np.arange(len(right)), [len(ids) for ids in right])
    right_stems = _concatenated(right)
    order = np.argsort(right_stems, kind="stable")
    right_units, right_stems = right_units[order], right_stems[order]
    low = np.searchsorted(right_stems, left_stems, side="left")
    high = np.searchsorted(right_stems, left_stems, side="right")
    counts = high - low
    before = np.cumsum(counts) - counts
    # Run e of the output reads right entries low[e] .. high[e] - 1.
    picks = np.repeat(low - before, counts) + np.arange(int(counts.sum()))
    return (
        np.repeat(left_units, counts).astype(np.int64),
        right_units[picks].astype(np.int64),
        np.repeat(left_stems, counts),
    )


def _sums(keys: Ids, values: Matrix, size: int) -> Matrix:
    """Per key in range(size), its values added up one at a time in the order given."""
    found: Matrix = np.bincount(keys, weights=values, minlength=size).astype(np.float64)
    return found


def _total(ids: Ids, weights: Matrix) -> float:
    total = 0.0
    for weight in weights[ids].tolist():
        total += weight
    return total


def _blend(
    *,
    shared: Matrix,
    totals: Matrix,
    anchors: Matrix,
    ratio: Matrix,
    meaning: Matrix,
    lead: Matrix,
    settings: AlignSettings,
) -> Matrix:
    """The score of each pair from its evidence (arrays of one shape, one entry a pair)."""
    overlap = np.divide(2 * shared, totals, out=np.zeros_like(shared), where=totals > 0)
    rescaled = np.clip(ratio / 100.0 - 0.5, 0.0, None) * 2.0
    words = (1 - settings.ratio_weight) * overlap + settings.ratio_weight * rescaled
    floor = settings.semantic_floor
    semantic = np.clip((meaning - floor) / (1 - floor), 0.0, None)
    # A word that each report uses in one sentence only ("landmine") ties those two sentences
    # together however long they are, like the unique lines of a patience diff.
    bonus = np.minimum(anchors, 2.0) * settings.unique_word_bonus
    weight = settings.semantic_weight
    blended: Matrix = (1 - weight) * words + weight * semantic + bonus + lead
    capped: Matrix = np.minimum(blended, 1.0)
    return capped


def _lead(left_starts: Ids, right_starts: Ids, settings: AlignSettings) -> Matrix:
    """The lead bonus of pairs of units starting at these sentence indices (broadcast)."""
    later = np.maximum(left_starts.astype(np.float64), right_starts.astype(np.float64))
    fade = np.clip(1.0 - later / settings.lead_sentences, 0.0, None)
    bonus: Matrix = settings.lead_bonus * fade
    return bonus


@dataclass(frozen=True, slots=True)
class _Units:
    """A run of single sentences or of merged neighbours, ready to score."""

    starts: Ids
    ids: list[Ids]
    texts: list[str]
    sums: Matrix
    totals: Matrix


def _singles(side: SideFeatures, run: range) -> _Units:
    return _Units(
        np.arange(run.start, run.stop, dtype=np.int64),
        [side.ids[i] for i in run],
        [side.sorted_text[i] for i in run],
        side.sums[run.start : run.stop],
        side.totals[run.start : run.stop],
    )


def _union(first: Ids, second: Ids) -> Ids:
    """The sorted distinct ids of both (numpy's union1d costs more on arrays this small)."""
    return np.array(sorted(set(first.tolist()) | set(second.tolist())), dtype=np.int64)


def _merged(side: SideFeatures, run: range, weights: Matrix) -> _Units:
    """Neighbours (i, i + 1) within the run, each read as one unit."""
    firsts = range(run.start, max(run.start, run.stop - 1))
    sums = side.sums[run.start : run.stop]
    ids = [_union(side.ids[i], side.ids[i + 1]) for i in firsts]
    return _Units(
        np.arange(firsts.start, firsts.stop, dtype=np.int64),
        ids,
        [" ".join(sorted(side.stems[i] + side.stems[i + 1])) for i in firsts],
        sums[:-1] + sums[1:],
        np.array([_total(unit, weights) for unit in ids]),
    )


def _score_units(
    ours: _Units, theirs: _Units, features: Features, settings: AlignSettings
) -> Matrix:
    rows, columns = len(ours.ids), len(theirs.ids)
    if not rows or not columns:
        return np.zeros((rows, columns))
    left_unit, right_unit, stem = shared_stems(ours.ids, theirs.ids)
    flat = left_unit * columns + right_unit
    shared = _sums(flat, features.weights[stem], rows * columns)
    anchors = _sums(flat, features.unique[stem], rows * columns)
    return _blend(
        shared=shared.reshape(rows, columns),
        totals=ours.totals[:, None] + theirs.totals[None, :],
        anchors=anchors.reshape(rows, columns),
        ratio=process.cdist(ours.texts, theirs.texts, scorer=fuzz.ratio, dtype=np.float64),
        meaning=cosines(ours.sums, theirs.sums),
        lead=_lead(ours.starts[:, None], theirs.starts[None, :], settings),
        settings=settings,
    )


def score_block(
    features: Features, lefts: range, rights: range, *, settings: AlignSettings
) -> PairScores:
    """Scores of every single and merged-neighbour pair of two runs of sentences.

    Row r of `one_one` is sentence `lefts[r]`; row r of `two_one` is the neighbours
    `lefts[r]`, `lefts[r] + 1`; likewise for the columns.
    """
    left, right = features.left, features.right
    singles_left, singles_right = _singles(left, lefts), _singles(right, rights)
    return PairScores(
        one_one=_score_units(singles_left, singles_right, features, settings),
        two_one=_score_units(
            _merged(left, lefts, features.weights), singles_right, features, settings
        ),
        one_two=_score_units(
            singles_left, _merged(right, rights, features.weights), features, settings
        ),
        left_at=np.arange(lefts.start, lefts.stop) / max(left.count, 1),
        right_at=np.arange(rights.start, rights.stop) / max(right.count, 1),
    )


def score_listed(features: Features, lefts: Ids, rights: Ids, *, settings: AlignSettings) -> Matrix:
    """Scores of the single pairs (lefts[k], rights[k]), the same as `score_block` gives them."""
    left, right = features.left, features.right
    shared, anchors = np.zeros(len(lefts)), np.zeros(len(lefts))
    sets = [set(ids.tolist()) for ids in right.ids]
    weights, unique = features.weights.tolist(), features.unique.tolist()
    for k, (i, j) in enumerate(zip(lefts.tolist(), rights.tolist(), strict=True)):
        total = count = 0.0
        # Ascending stems, one at a time: the order `score_block`'s bincount adds them in.
        for stem in (s for s in left.ids[i].tolist() if s in sets[j]):
            total += weights[stem]
            count += unique[stem]
        shared[k], anchors[k] = total, count
    texts = (left.sorted_text, right.sorted_text)
    ratio = process.cpdist(
        [texts[0][i] for i in lefts.tolist()],
        [texts[1][j] for j in rights.tolist()],
        scorer=fuzz.ratio,
        dtype=np.float64,
    )
    meaning = np.zeros(len(lefts))
    for first in range(0, len(lefts), _CHUNK_PAIRS):
        # A chunk of pairs at a time: the gathered rows of all pairs would take 4 KiB a pair.
        chunk = slice(first, first + _CHUNK_PAIRS)
        ours, theirs = unit(left.sums[lefts[chunk]]), unit(right.sums[rights[chunk]])
        meaning[chunk] = np.einsum("ik,ik->i", ours, theirs)
    return _blend(
        shared=shared,
        totals=left.totals[lefts] + right.totals[rights],
        anchors=anchors,
        ratio=np.asarray(ratio, dtype=np.float64).reshape(-1),
        meaning=meaning,
        lead=_lead(lefts, rights, settings),
        settings=settings,
    )


def score_pairs(
    left: Sequence[str], right: Sequence[str], *, settings: AlignSettings
) -> PairScores:
    """Scores of all single and merged-neighbour pairs of two reports' sentences."""
    found = features(left, right, settings=settings)
    return score_block(found, range(len(left)), range(len(right)), settings=settings)


def score_matrix(
    left: Sequence[str], right: Sequence[str], *, settings: AlignSettings = DEFAULT_ALIGN_SETTINGS
) -> Matrix:
    """Scores in [0, 1] for every (left sentence, right sentence) pair."""
    return score_pairs(left, right, settings=settings).one_one
