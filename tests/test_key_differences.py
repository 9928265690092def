"""Choosing the few discrepancies worth a line in a summary."""

from __future__ import annotations

from dedup.article import Article
from dedup.clean import clean_article
from dedup.facts.compare import Discrepancy
from dedup.key_differences import cluster_differences, format_discrepancy, key_differences
from dedup.pipeline import Cluster, Member
from dedup.read import read_paths
from tests.conftest import SEEDS


def _d(kind: str, left: str | None, right: str | None) -> Discrepancy:
    return Discrepancy(kind=kind, left=left, right=right, left_text=None, right_text=None)


def test_conflicts_come_before_one_sided_facts_and_counts_first() -> None:
    """Two-sided conflicts lead, counts of people before dates before other figures."""
    found = [
        _d("number", None, "3000"),
        _d("date", "2023-11-12", "2023-11-13"),
        _d("killed", "6", "1"),
        _d("published", None, "2023-11-13"),
        _d("number", "2", "3"),
    ]
    assert key_differences(found, limit=4) == (
        "killed: 6 vs 1",
        "date: 2023-11-12 vs 2023-11-13",
        "number: 2 vs 3",
        "published: — vs 2023-11-13",
    )


def test_format_marks_the_silent_side() -> None:
    """A side that does not state the value shows a dash."""
    assert format_discrepancy(_d("place", "Khojavand", None)) == "place: Khojavand vs —"


def test_cluster_differences_on_the_seed_pair() -> None:
    """The seed pair's landmine casualties are the key difference from the representative."""
    left, right = (clean_article(a) for a in read_paths([SEEDS]))
    cluster = Cluster(
        id="c",
        representative=left.id,
        members=(Member(left.id, "representative", 1.0), Member(right.id, "same-event", 0.5)),
        near_duplicates=(),
    )
    lonely = Article(id="z", text="Alone.")
    found = cluster_differences(
        [
            cluster,
            Cluster(
                id="s",
                representative="z",
                members=(Member("z", "representative", 1.0),),
                near_duplicates=(),
            ),
        ],
        {left.id: left, right.id: right, lonely.id: lonely},
        clusters_shown=5,
        members_shown=5,
    )
    assert list(found) == [right.id]
    assert found[right.id][0].startswith("killed: 6 vs")
