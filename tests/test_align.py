"""Sentence alignment: seed pairs, moved and merged sentences, the exactly-once property."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.align import OPS, align_sentences, alignment_coverage, word_diff
from dedup.clean import clean_article
from dedup.read import read_paths
from dedup.segment import split_sentences
from tests.conftest import SEED_LEFT, SEED_RIGHT


def _sentences(path: object) -> list[str]:
    (article,) = [clean_article(a) for a in read_paths([path])]  # type: ignore[list-item]
    return [sentence.text for sentence in split_sentences(article.text)]


def _partner(rows: object, left_start: str, right_start: str) -> bool:
    left, right = _sentences(SEED_LEFT), _sentences(SEED_RIGHT)
    for row in rows:  # type: ignore[attr-defined]
        texts_left = [left[i] for i in row.left]
        texts_right = [right[j] for j in row.right]
        if any(t.startswith(left_start) for t in texts_left):
            return any(t.startswith(right_start) for t in texts_right)
    return False


def test_seed_pair_alignment() -> None:
    """The defence-ministry, two-wars, weapons, aid and landmine sentences pair up."""
    rows = align_sentences(_sentences(SEED_LEFT), _sentences(SEED_RIGHT)).rows
    assert _partner(rows, "Azerbaijan's defence ministry", "Azerbaijan’s defense ministry")
    assert _partner(
        rows,
        "This disputed area has been at the centre of two",
        "Their history has witnessed two wars",
    )
    assert _partner(
        rows, "It emphasized that the military was targeting", "Instead, the focus will be solely"
    )
    assert _partner(rows, "Notably, this escalation followed", "The entrance of aid")
    assert _partner(
        rows, "Baku initiated its operation after alleging", "However, the loss of lives"
    )


def test_no_page_junk_in_alignment() -> None:
    """Cookie banners and the stray "FAQ" were cleaned away before alignment."""
    everything = " ".join(_sentences(SEED_LEFT) + _sentences(SEED_RIGHT))
    assert "cookies" not in everything and "FAQ" not in everything


def test_identical_texts_are_all_same() -> None:
    """A text aligned with itself gives one `same` row per sentence and full coverage."""
    sentences = _sentences(SEED_LEFT)
    alignment = align_sentences(sentences, sentences)
    assert [row.op for row in alignment.rows] == ["same"] * len(sentences)
    assert alignment.coverage == 1.0


def test_moved_sentence() -> None:
    """A sentence taken from the end to the start is marked moved, the rest stay in order."""
    left = [
        "The mayor opened the new bridge over the river on Saturday morning.",
        "Hundreds of residents walked across the bridge after the ribbon was cut.",
        "The bridge cost 40 million dollars and took three years to build.",
        "Engineers said the structure can carry heavy trucks and buses.",
        "A landslide had closed the old crossing in the spring flooding.",
    ]
    right = [left[4], *left[:4]]
    ops = {row.left: row.op for row in align_sentences(left, right).rows}
    assert ops[(4,)] == "moved"
    assert [ops[(i,)] for i in range(4)] == ["same"] * 4


def test_split_sentence_aligns_one_to_many() -> None:
    """A sentence split in two on the other side aligns with both halves in one row."""
    left = [
        "Police arrested the driver on Monday.",
        "The driver fled the scene of the crash and was found hiding in a barn near the farm.",
        "The victim's family thanked the volunteers.",
    ]
    right = [
        "Police arrested the driver on Monday.",
        "The driver fled the scene of the crash.",
        "He was found hiding in a barn near the farm.",
        "The victim's family thanked the volunteers.",
    ]
    rows = align_sentences(left, right).rows
    assert any(row.left == (1,) and row.right == (1, 2) for row in rows)


def test_empty_side() -> None:
    """With nothing on one side every sentence of the other is one-sided."""
    alignment = align_sentences(["One.", "Two."], [])
    assert [row.op for row in alignment.rows] == ["left-only", "left-only"]
    assert alignment.coverage == 0.0


def test_word_diff() -> None:
    """Word diffs ignore case and edge punctuation and pair deletions with insertions."""
    edits = word_diff("Six people were killed on Monday.", "six people were injured on Monday")
    assert [(e.op, e.left, e.right) for e in edits] == [
        ("equal", "Six people were", "six people were"),
        ("replace", "killed", "injured"),
        ("equal", "on Monday.", "on Monday"),
    ]


def test_alignment_coverage_of_texts() -> None:
    """The cheap coverage function agrees with the full alignment and is in [0, 1]."""
    left, right = " ".join(_sentences(SEED_LEFT)), " ".join(_sentences(SEED_RIGHT))
    coverage = alignment_coverage(left, right)
    assert 0.3 < coverage < 1.0


WORDS = [
    "police",
    "said",
    "two",
    "men",
    "killed",
    "fire",
    "city",
    "river",
    "bridge",
    "mayor",
    "vote",
    "court",
]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(lambda w: " ".join(w) + ".")


@settings(max_examples=150, deadline=None)
@given(st.lists(SENTENCE, max_size=12), st.lists(SENTENCE, max_size=12))
def test_every_sentence_exactly_once(left: list[str], right: list[str]) -> None:
    """Whatever the input, each sentence of each side sits in exactly one row."""
    alignment = align_sentences(left, right)
    left_seen = Counter(i for row in alignment.rows for i in row.left)
    right_seen = Counter(j for row in alignment.rows for j in row.right)
    assert left_seen == Counter(range(len(left)))
    assert right_seen == Counter(range(len(right)))
    for row in alignment.rows:
        assert row.op in OPS
        assert bool(row.left and row.right) == (row.op in ("same", "changed", "moved"))
