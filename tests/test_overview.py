"""Clusters as a reader sees them: names, outlets, copies apart, details on demand."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dedup.article import Article
from dedup.clean import clean_article
from dedup.cluster_result import Cluster, Member
from dedup.diff import build_diff
from dedup.overview import (
    MEMBERS_PER_TASK,
    NAME_CHARACTERS,
    _piece,
    cluster_view,
    cluster_views,
    name_of,
    outlet,
)
from dedup.read import read_paths
from tests.conftest import SEED_LEFT, SEED_RIGHT


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.wdmo.com/story/1", "wdmo.com"),
        ("http://web.archive.org/web/2014/http://www.WDMO.com/story/2", "wdmo.com"),
        (None, None),
        ("not a url", None),
    ],
)
def test_outlet_is_the_host_of_the_last_address(url: str | None, expected: str | None) -> None:
    """An archive's copy is credited to the original site; no url, no outlet."""
    assert outlet(Article(id="x", text="t", url=url)) == expected


def test_name_is_the_title_else_the_leading_sentence_cut_short() -> None:
    """A cluster is named by its title, else its first sentence, never beyond the limit."""
    assert name_of(Article(id="x", text="Body.", title="  A   title ")) == "A title"
    lead = "Fire crews reached the depot at 9 p.m. on Monday. Nobody was hurt."
    assert (
        name_of(Article(id="x", text=lead)) == "Fire crews reached the depot at 9 p.m. on Monday."
    )
    long = name_of(Article(id="x", text="word " * 100 + "."))
    assert len(long) == NAME_CHARACTERS and long.endswith("…")


def _cluster() -> tuple[Cluster, dict[str, Article]]:
    left, right = (clean_article(a) for a in read_paths([SEED_LEFT, SEED_RIGHT]))
    copy = Article(id="copy", text=right.text, published="2023-11-14", url="https://b.example/x")
    articles = {a.id: a for a in (left, right, copy)}
    cluster = Cluster(
        id="c1",
        representative=right.id,
        members=(
            Member(right.id, "representative", 1.0),
            Member("copy", "duplicate", 1.0),
            Member(left.id, "same-event", 0.6),
        ),
        near_duplicates=((right.id, "copy"),),
    )
    return cluster, articles


def test_view_groups_copies_apart_and_spans_the_dates() -> None:
    """Copies are grouped apart from independent reports; the span covers the dated members."""
    cluster, articles = _cluster()
    view = cluster_view(cluster, articles, detailed=False)
    assert view.name.startswith("In a recent move to address security concerns")
    assert [m.id for m in view.independent] == ["000_fcc5a75e636137bc.txt"]
    assert view.span == ("2023-11-13", "2023-11-14")
    assert view.outlets == ("b.example",)
    assert view.table is None and not view.diffs


def test_detailed_view_has_a_table_and_a_diff_per_member() -> None:
    """A detailed view diffs every member against the representative and tabulates facts."""
    cluster, articles = _cluster()
    view = cluster_view(cluster, articles, detailed=True)
    assert set(view.diffs) == {"copy", "000_fcc5a75e636137bc.txt"}
    assert view.diffs["copy"].relation == "duplicate"
    assert view.table is not None and view.table.documents == 3


def test_views_are_the_same_on_several_processes() -> None:
    """Only the first `detailed` clusters get details; comparisons spread over two processes
    give the same views as one."""
    cluster, articles = _cluster()
    left = "000_fcc5a75e636137bc.txt"
    members = (Member("copy", "representative", 1.0), Member(left, "same-event", 0.6))
    other = Cluster("c2", "copy", members, ())
    one = cluster_views([cluster, other], articles, detailed=1, jobs=1)
    two = cluster_views([cluster, other], articles, detailed=None, jobs=2)
    assert one[0] == two[0]
    assert one[1].table is None and two[1].table is not None


def test_a_verbatim_copy_of_the_representative_is_compared_like_any_member() -> None:
    """A member with the representative's text and date gets the diff a fresh comparison
    gives, and facts of its own (the comparison never sees one fact on both sides)."""
    cluster, articles = _cluster()
    star = articles[cluster.representative]
    twin = Article(id="twin", text=star.text, published=star.published)
    articles["twin"] = twin
    members = (*cluster.members, Member("twin", "duplicate", 1.0))
    view = cluster_view(replace(cluster, members=members), articles, detailed=True)
    assert view.diffs["twin"] == build_diff(star, twin)
    assert view.table is not None and view.table.documents == 4


@pytest.mark.parametrize(
    ("members", "jobs", "piece"),
    [(468, 1, 468), (0, 1, 1), (468, 2, 59), (20, 2, MEMBERS_PER_TASK), (411, 4, 26)],
)
def test_a_cluster_is_split_only_to_keep_the_processes_busy(
    members: int, jobs: int, piece: int
) -> None:
    """One process takes clusters whole; several get about four tasks each, none tiny."""
    assert _piece(members, jobs=jobs) == piece
