"""Scores for every pair of sentences of two reports, in [0, 1], computed all at once.

Four kinds of evidence, added up and capped at 1:

- words: a rarity-weighted overlap of word stems (the weight of a stem is its inverse frequency
  among the sentences of both reports, so the names every sentence repeats count little) blended
  with rapidfuzz's `token_sort_ratio` from `process.cdist`;
- meaning: the cosine of static sentence vectors (dedup.embed), which gives "blaze" and "fire"
  part of the credit that word overlap denies them; cosines under `semantic_floor` count nothing;
- anchors: a bonus for rare words each report uses in exactly one sentence ("landmine"), like the
  unique lines of a patience diff;
- the lead: the first sentences of two reports of one event usually say what happened, so pairs
  near the top of both get a bonus that fades out over `lead_sentences`.

Merged neighbours (2:1 and 1:2) are scored too, for split and merged sentences.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from dedup.embed import cosines, token_sums
from dedup.settings import AlignSettings

Matrix = NDArray[np.float64]
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


def _stems(sentence: str, words_of: dict[str, set[str]] | None = None) -> list[str]:
    words = (word.lower().replace("’", "'") for word in _WORD.findall(sentence))
    stems = []
    for word in words:
        if word in _STOP:
            continue
        word = word.removesuffix("'s").replace(",", "")
        stem = word if word[0].isdigit() else word[:5]
        stems.append(stem)
        if words_of is not None:
            words_of.setdefault(stem, set()).add(word)
    return stems


@cache
def _zipf() -> Callable[[str, str], float]:
    """wordfreq's English frequencies, loaded on first use (0.2 s) and only then."""
    from wordfreq import zipf_frequency

    return zipf_frequency  # type: ignore[no-any-return, unused-ignore]


def _rare(words: set[str], *, below: float) -> bool:
    zipf = _zipf()
    return min(zipf(word, "en") for word in words) < below


def _presence(units: Sequence[set[str]], vocabulary: dict[str, int]) -> Matrix:
    matrix = np.zeros((len(units), len(vocabulary)), dtype=np.float64)
    for row, unit in enumerate(units):
        for stem in unit:
            matrix[row, vocabulary[stem]] = 1.0
    return matrix


@dataclass(frozen=True, slots=True)
class PairScores:
    """Pair scores: single–single, left pair (i, i+1)–single, single–right pair (j, j+1)."""

    one_one: Matrix
    two_one: Matrix
    one_two: Matrix


def _blend(
    left: Matrix,
    right: Matrix,
    *,
    weights: Matrix,
    unique: Matrix,
    ratio: Matrix,
    meaning: Matrix,
    lead: Matrix,
    settings: AlignSettings,
) -> Matrix:
    # Only stems on both sides can be shared; einsum's own loops instead of BLAS, whose thread
    # start-up costs more than these small products on a busy machine.
    both = left.any(axis=0) & right.any(axis=0)
    ours, theirs = left[:, both], right[:, both]
    shared: Matrix = np.einsum("ik,k,jk->ij", ours, weights[both], theirs)
    totals = (left * weights).sum(axis=1)[:, None] + (right * weights).sum(axis=1)[None, :]
    overlap = np.divide(2 * shared, totals, out=np.zeros_like(shared), where=totals > 0)
    rescaled = np.clip(ratio / 100.0 - 0.5, 0.0, None) * 2.0
    words = (1 - settings.ratio_weight) * overlap + settings.ratio_weight * rescaled
    floor = settings.semantic_floor
    semantic = np.clip((meaning - floor) / (1 - floor), 0.0, None)
    # A word that each report uses in one sentence only ("landmine") ties those two sentences
    # together however long they are, like the unique lines of a patience diff.
    anchors: Matrix = np.minimum(np.einsum("ik,k,jk->ij", ours, unique[both], theirs), 2.0)
    anchors *= settings.unique_word_bonus
    weight = settings.semantic_weight
    blended: Matrix = (1 - weight) * words + weight * semantic + anchors + lead
    capped: Matrix = np.minimum(blended, 1.0)
    return capped


def _lead(
    left_starts: Sequence[int], right_starts: Sequence[int], settings: AlignSettings
) -> Matrix:
    """The lead bonus of units starting at these sentence indices: full at the top, fading out."""
    later = np.maximum(
        np.asarray(left_starts, dtype=np.float64)[:, None],
        np.asarray(right_starts, dtype=np.float64)[None, :],
    )
    fade = np.clip(1.0 - later / settings.lead_sentences, 0.0, None)
    bonus: Matrix = settings.lead_bonus * fade
    return bonus


def score_pairs(
    left: Sequence[str], right: Sequence[str], *, settings: AlignSettings
) -> PairScores:
    """Scores of all single and merged-neighbour pairs of two reports' sentences."""
    words_of: dict[str, set[str]] = {}
    left_stems = [_stems(sentence, words_of) for sentence in left]
    right_stems = [_stems(sentence, words_of) for sentence in right]
    left_sets = [set(stems) for stems in left_stems]
    right_sets = [set(stems) for stems in right_stems]
    left_pairs = [a | b for a, b in itertools.pairwise(left_sets)]
    right_pairs = [a | b for a, b in itertools.pairwise(right_sets)]
    vocabulary = {stem: i for i, stem in enumerate(sorted(set().union(*left_sets, *right_sets)))}
    frequency = np.zeros(len(vocabulary))
    for unit in (*left_sets, *right_sets):
        for stem in unit:
            frequency[vocabulary[stem]] += 1
    count = len(left_sets) + len(right_sets)
    weights = np.log((count + 1) / (frequency + 0.5))
    left_frequency = np.zeros(len(vocabulary))
    for unit in left_sets:
        for stem in unit:
            left_frequency[vocabulary[stem]] += 1
    right_frequency = frequency - left_frequency
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

    def strings(stems: Sequence[list[str]]) -> list[str]:
        return [" ".join(unit) for unit in stems]

    left_text = strings(left_stems)
    right_text = strings(right_stems)
    left_pair_text = [f"{a} {b}" for a, b in itertools.pairwise(left_text)]
    right_pair_text = [f"{a} {b}" for a, b in itertools.pairwise(right_text)]

    def ratio(a: list[str], b: list[str]) -> Matrix:
        if not a or not b:
            return np.zeros((len(a), len(b)))
        return process.cdist(a, b, scorer=fuzz.token_sort_ratio, dtype=np.float64)

    # Token sums add up, so two neighbouring sentences need no second pass of the tokenizer.
    sums = token_sums([*left, *right])
    left_sums, right_sums = sums[: len(left)], sums[len(left) :]
    left_pair_sums = left_sums[:-1] + left_sums[1:]
    right_pair_sums = right_sums[:-1] + right_sums[1:]
    n, m = len(left), len(right)

    def blend(
        a_sets: Sequence[set[str]],
        b_sets: Sequence[set[str]],
        r: Matrix,
        meaning: Matrix,
        starts: tuple[range, range],
    ) -> Matrix:
        if not a_sets or not b_sets:
            return np.zeros((len(a_sets), len(b_sets)))
        return _blend(
            _presence(a_sets, vocabulary),
            _presence(b_sets, vocabulary),
            weights=weights,
            unique=unique,
            ratio=r,
            meaning=meaning,
            lead=_lead(*starts, settings),
            settings=settings,
        )

    return PairScores(
        one_one=blend(
            left_sets,
            right_sets,
            ratio(left_text, right_text),
            cosines(left_sums, right_sums),
            (range(n), range(m)),
        ),
        two_one=blend(
            left_pairs,
            right_sets,
            ratio(left_pair_text, right_text),
            cosines(left_pair_sums, right_sums),
            (range(n - 1), range(m)),
        ),
        one_two=blend(
            left_sets,
            right_pairs,
            ratio(left_text, right_pair_text),
            cosines(left_sums, right_pair_sums),
            (range(n), range(m - 1)),
        ),
    )


def score_matrix(
    left: Sequence[str], right: Sequence[str], *, settings: AlignSettings = DEFAULT_ALIGN_SETTINGS
) -> Matrix:
    """Scores in [0, 1] for every (left sentence, right sentence) pair."""
    return score_pairs(left, right, settings=settings).one_one
