"""Discrepancies between two reports."""

from __future__ import annotations

from dedup.align import align_sentences
from dedup.article import Article
from dedup.clean import clean_article
from dedup.facts import extract_facts
from dedup.facts.compare import Discrepancy, find_discrepancies
from dedup.read import read_paths
from tests.conftest import SEED_LEFT, SEED_RIGHT


def _discrepancies(left: Article, right: Article) -> tuple[Discrepancy, ...]:
    ours, theirs = extract_facts(left), extract_facts(right)
    alignment = align_sentences(
        [s.text for s in ours.sentences], [s.text for s in theirs.sentences]
    )
    return find_discrepancies(left, right, alignment=alignment, left_facts=ours, right_facts=theirs)


def _seed(path: object) -> Article:
    (article,) = [clean_article(a) for a in read_paths([path])]  # type: ignore[list-item]
    return article


def test_seed_discrepancies() -> None:
    """Landmine casualties, 120,000 and 3,000 (right only) and the dateline (right only)."""
    found = _discrepancies(_seed(SEED_LEFT), _seed(SEED_RIGHT))
    landmine = [
        d
        for d in found
        if d.left_text
        and "six of its citizens" in d.left_text
        and d.right_text
        and "Khojavand" in d.right_text
    ]
    assert {(d.kind, d.left, d.right) for d in landmine} >= {
        ("killed", "6", "?"),
        ("number", "2", None),
        ("place", None, "Khojavand"),
    }
    values = {(d.kind, d.left, d.right) for d in found}
    assert ("number", None, "120000") in values
    assert ("number", None, "3000") in values
    assert ("published", None, "2023-11-13") in values


def test_counts_that_differ_anywhere() -> None:
    """A role count both sides state but in unaligned sentences is still a discrepancy."""
    left = Article(id="a", text="Six people were killed in the attack. The mayor spoke on radio.")
    right = Article(id="b", text="Officials held a news conference. One person died in the attack.")
    found = _discrepancies(left, right)
    assert any((d.kind, d.left, d.right) == ("killed", "6", "1") for d in found)


def test_agreeing_reports_have_none() -> None:
    """Two reports with the same facts and metadata have no discrepancies."""
    text = "Two people were killed in Springfield on 2023-05-02. Police arrested three men."
    assert _discrepancies(Article(id="a", text=text), Article(id="b", text=text)) == ()


def test_as_dict_has_the_json_fields() -> None:
    """Each discrepancy serialises kind, both values and both sentence texts."""
    d = Discrepancy(kind="killed", left="6", right="1", left_text="x", right_text="y")
    assert {"kind", "left", "right", "left_text", "right_text"} <= set(d.as_dict())
