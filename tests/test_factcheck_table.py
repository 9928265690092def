"""The cross-source fact table: slot × value → the documents that state it."""

from __future__ import annotations

from dedup.article import Article
from dedup.clean import clean_article
from dedup.diff import build_diff
from dedup.factcheck import extract_facts
from dedup.factcheck.table import FactTable, Row, diff_flags, fact_table
from dedup.read import read_paths
from tests.conftest import SEED_LEFT, SEED_RIGHT


def _table(*articles: Article) -> FactTable:
    """The table of `articles` with the flags of each one's diff against the first."""
    facts = [extract_facts(a) for a in articles]
    star = articles[0]
    found = {
        a.id: build_diff(star, a, left_facts=facts[0], right_facts=f).discrepancies
        for a, f in zip(articles[1:], facts[1:], strict=True)
    }
    published = {a.id: a.published for a in articles}
    flags = diff_flags(found, representative=star.id, published=published)
    return fact_table(facts, flags=flags)


def _row(table: FactTable, slot: str) -> Row:
    return next(row for row in table.rows if row.slot == slot)


def test_seed_pair_shows_the_landmine_toll_and_the_one_sided_figures() -> None:
    """Six killed on one side, "the loss of lives" without a figure on the other, the place of
    that toll (Khojavand), and the figures only one report gives (120,000; 3,000)."""
    left, right = (clean_article(a) for a in read_paths([SEED_LEFT, SEED_RIGHT]))
    table = _table(right, left)
    killed = _row(table, "killed")
    assert [(c.value, c.figure, c.documents) for c in killed.cells] == [
        ("6", True, (left.id,)),
        ("no figure", False, (right.id,)),
    ]
    assert killed.cells[1].mentions[0].stated == "loss of lives"
    assert not killed.conflict
    places = {c.value: c.documents for c in _row(table, "places").cells}
    assert places["Khojavand"] == (right.id,)
    values = {c.value for row in table.rows for c in row.cells}
    assert {"about 120,000", "3,000"} <= values
    assert _row(table, "peacekeepers").cells[0].mentions[0].sentence == 18


def _article(doc_id: str, text: str, published: str | None = None) -> Article:
    return Article(id=doc_id, text=text, published=published)


def test_incompatible_tolls_conflict_and_the_later_one_may_be_evolving() -> None:
    """Three killed against five: both values conflict; the value only later reports give is
    marked evolving?, the earlier one is not."""
    first = _article("a", "Three people were killed in a fire at a warehouse in Dayton on Monday.",
                     "2024-03-04")  # fmt: skip
    second = _article("b", "Three people were killed when fire swept a Dayton warehouse.",
                      "2024-03-04")  # fmt: skip
    later = _article("c", "Five people were killed in the Dayton warehouse fire, officials said.",
                     "2024-03-06")  # fmt: skip
    killed = _row(_table(first, second, later), "killed")
    cells = {c.value: c for c in killed.cells}
    assert killed.conflict and set(cells) == {"3", "5"}
    assert cells["3"].documents == ("a", "b") and not cells["3"].evolving
    assert cells["5"].conflict and cells["5"].evolving


def test_agreeing_figures_do_not_conflict_and_a_lone_figure_needs_a_diff_to_flag_it() -> None:
    """Two reports giving "at least 9" and 12 injured agree; a figure only one report states
    is a row when the diff lists it as a salient omission, and not without the diff."""
    one = _article("a", "At least nine people were injured in the blast in Leeds. "
                        "The building has 14 floors.")  # fmt: skip
    two = _article("b", "Twelve people were injured in the Leeds blast on Friday.")
    table = _table(one, two)
    injured = _row(table, "injured")
    assert not injured.conflict and len(injured.cells) == 2
    assert _row(table, "floors").cells[0].documents == ("a",)
    bare = fact_table([extract_facts(one), extract_facts(two)])
    assert all(row.slot != "floors" for row in bare.rows)


def test_conflicts_in_the_table_are_the_diffs_conflicts() -> None:
    """Every conflict the diff lists marks its values in the table, and nothing else in a
    figure row is marked."""
    one = _article("a", "The company paid $25,000 for the painting by Jan Smit in Utrecht.")
    two = _article("b", "The Utrecht buyer paid $40,000 for the painting by Jan Smit.")
    diff = build_diff(one, two)
    conflicts = [d for d in diff.discrepancies if d.category == "conflict"]
    table = _table(one, two)
    marked = [c for row in table.rows if row.kind == "money" for c in row.cells if c.conflict]
    assert len(conflicts) == 1
    assert {c.mentions[0].stated for c in marked} == {conflicts[0].left, conflicts[0].right}


def test_ages_of_one_named_person_are_one_row() -> None:
    """An age stated for the same person under two spellings of the name is one row, and
    incompatible ages conflict."""
    one = _article("a", "John Harker, 45, was arrested in Portland on Tuesday.")
    two = _article("b", "Police in Portland arrested Harker, 47, on Tuesday.")
    rows = [row for row in _table(one, two).rows if row.kind == "age"]
    assert len(rows) == 1 and rows[0].conflict
    assert sorted(c.value for c in rows[0].cells) == ["45", "47"]
