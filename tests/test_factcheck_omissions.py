"""Omissions: salient facts one report states and the other does not mention in any form."""

from __future__ import annotations

from dedup.article import Article
from dedup.diff import build_diff


def _one_sided(
    left: str, right: str, *, published: str | None = None
) -> list[tuple[str, str | None, str | None]]:
    a = Article(id="a", text=left, published=published)
    b = Article(id="b", text=right, published=published)
    report = build_diff(a, b)
    return [(d.kind, d.left, d.right) for d in report.discrepancies if d.category == "omission"]


def test_a_fact_stated_in_another_form_is_no_omission() -> None:
    """A surname for a full name, a weekday for its date, a count in words for one in digits."""
    left = "Dale Corbin was arrested on Jan. 29, 2016 in Fairview. Two people were killed."
    right = "Corbin was arrested Friday in Fairview. 2 people were killed."
    assert _one_sided(left, right, published="2016-01-30") == []


def test_the_toll_comes_first() -> None:
    """The main event's toll outranks the names and figures around it."""
    found = _one_sided(
        "Police Chief Ann Lee said the fire at 35 Golfview Drive killed three people.",
        "A fire broke out overnight, police said.",
    )
    assert found[0] == ("killed", "three", None)
    assert ("place", "35 Golfview Drive", None) in found


def test_an_unstated_figure_is_still_omitted_and_explained() -> None:
    """ "The loss of lives" mentions deaths without a figure: the figure is one-sided."""
    a = Article(id="a", text="Six of its citizens were killed by landmines.")
    b = Article(id="b", text="The loss of lives has reignited tensions.")
    (killed,) = [d for d in build_diff(a, b).discrepancies if d.kind == "killed"]
    assert (killed.left, killed.right) == ("Six", None)
    assert killed.right_text == "The loss of lives has reignited tensions."
    assert killed.note and "without a figure" in killed.note


def test_only_the_most_salient_are_listed_by_default() -> None:
    """A report of many names lists a few; `every_omission` lists them all."""
    names = ", ".join(f"{first} {last}" for first, last in zip(
        ["Alice", "Brian", "Carol", "David", "Emily", "Frank", "Grace", "Henry", "Irene", "James"],
        ["Adams", "Baker", "Clark", "Davis", "Evans", "Foster", "Green", "Hughes", "Irwin", "Jones"],
        strict=True,
    ))  # fmt: skip
    a = Article(id="a", text=f"The jury heard from {names} on Monday.")
    b = Article(id="b", text="The jury heard from witnesses on Monday.")
    shown = build_diff(a, b)
    every = build_diff(a, b, every_omission=True)
    assert len([d for d in shown.discrepancies if d.category == "omission"]) == 8
    assert shown.hidden_omissions == 2
    assert len([d for d in every.discrepancies if d.category == "omission"]) == 10
