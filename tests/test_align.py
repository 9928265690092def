"""Sentence alignment: seed pairs, moved and merged sentences, the exactly-once property."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.align import OPS, align_sentences, alignment_coverage, word_diff
from dedup.align_score import score_matrix
from dedup.clean import clean_article
from dedup.read import read_paths
from dedup.segment import split_sentences
from tests.conftest import SEED_LEFT, SEED_RIGHT


def _sentences(path: object) -> list[str]:
    (article,) = [clean_article(a) for a in read_paths([path])]  # type: ignore[list-item]
    return [sentence.text for sentence in split_sentences(article.text)]


# Rewrites of one statement in the two seed articles: the five of the first tests, then the two
# that word overlap misses ("shelling" against "mortar fire", "cease fighting" against
# "cessation of hostilities").
REWRITES = [
    ("Azerbaijan's defence ministry", "Azerbaijan’s defense ministry"),
    ("This disputed area has been at the centre of two", "Their history has witnessed two wars"),
    ("It emphasized that the military was targeting", "Instead, the focus will be solely"),
    ("Notably, this escalation followed", "The entrance of aid"),
    ("Baku initiated its operation after alleging", "However, the loss of lives"),
    ("Social media footage captured loud", "Reports of air raid sirens"),
    ("Russia, which had previously brokered", "Russia’s foreign ministry expressed"),
]


def _index(sentences: list[str], start: str) -> int:
    return next(i for i, sentence in enumerate(sentences) if sentence.startswith(start))


def test_seed_pair_alignment() -> None:
    """Six of the seven seed rewrites share a row; each is aligned or each other's nearest."""
    left, right = _sentences(SEED_LEFT), _sentences(SEED_RIGHT)
    rows = align_sentences(left, right).rows
    row_of_left = {i: row for row in rows for i in row.left}
    row_of_right = {j: row for row in rows for j in row.right}
    aligned = 0
    for left_start, right_start in REWRITES:
        i, j = _index(left, left_start), _index(right, right_start)
        if j in row_of_left[i].right:
            aligned += 1
            continue
        assert row_of_left[i].nearest == j and row_of_right[j].nearest == i, left_start
    assert aligned >= 6


def test_one_sided_rows_name_their_nearest_partner() -> None:
    """Each one-sided seed row names the best-scoring sentence of the other side and its score."""
    left, right = _sentences(SEED_LEFT), _sentences(SEED_RIGHT)
    scores = score_matrix(left, right)
    one_sided = [row for row in align_sentences(left, right).rows if not (row.left and row.right)]
    assert one_sided
    for row in one_sided:
        candidates = scores[row.left[0]] if row.left else scores[:, row.right[0]]
        assert row.nearest == int(candidates.argmax())
        assert row.nearest_score == round(float(candidates.max()), 4)
        assert row.closest() == f"{'R' if row.left else 'L'}{row.nearest}, {row.nearest_score:.2f}"


def test_aligned_rows_have_no_nearest() -> None:
    """Rows with both sides carry no nearest partner: their partner is in the row."""
    rows = align_sentences(_sentences(SEED_LEFT), _sentences(SEED_RIGHT)).rows
    assert all(
        row.nearest is None and row.closest() == "" for row in rows if row.left and row.right
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


def test_word_diff_asked_again_keeps_its_sides() -> None:
    """A pair diffed again (remembered) gives the same edits, and the swapped pair its own."""
    first = word_diff("Two were hurt.", "Three were hurt.")
    assert word_diff("Two were hurt.", "Three were hurt.") == first
    (swapped, _) = word_diff("Three were hurt.", "Two were hurt.")
    assert (swapped.left, swapped.right) == ("Three", "Two")


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
