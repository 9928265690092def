"""Choosing the few discrepancies worth a line in a summary."""

from __future__ import annotations

from dedup.article import Article
from dedup.clean import clean_article
from dedup.factcheck.discrepancy import Discrepancy
from dedup.key_differences import cluster_differences, format_discrepancy, key_differences
from dedup.pipeline import Cluster, Member
from dedup.read import read_paths
from tests.conftest import SEEDS


def _d(kind: str, left: str | None, right: str | None, **detail: object) -> Discrepancy:
    category = "metadata" if kind in ("published", "title") else "conflict"
    if left is None or right is None:
        category = detail.pop("category", "omission") if category != "metadata" else category
    return Discrepancy(
        kind=kind, left=left, right=right, left_text=None, right_text=None,
        category=str(category), **detail,  # type: ignore[arg-type]
    )  # fmt: skip


def test_conflicts_come_first_then_the_most_salient_omissions() -> None:
    """Conflicts lead (counts of people before dates before other figures), then one-sided
    facts by salience, then metadata."""
    found = [
        _d("quantity", None, "3,000 peacekeepers", salience=3.0),
        _d("date", "2023-11-12", "2023-11-13"),
        _d("killed", "six", "1"),
        _d("published", None, "2023-11-13"),
        _d("money", "$2", "$3"),
        _d("killed", "six", None, salience=10.0),
    ]
    assert key_differences(found, limit=6) == (
        "killed: six vs 1",
        "date: 2023-11-12 vs 2023-11-13",
        "money: $2 vs $3",
        "killed: six vs —",
        "quantity: — vs 3,000 peacekeepers",
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
    assert found[right.id][0] == "killed: six vs —"
