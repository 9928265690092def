"""Whether the other report states a fact in any form, read from its index."""

from __future__ import annotations

import json
import random

from dedup.article import Article
from dedup.factcheck import extract_facts
from dedup.factcheck.extract import ArticleFacts, Fact
from dedup.factcheck.stated import OtherReport, stated_by
from dedup.settings import FactsSettings
from tests.conftest import CORPUS

SETTINGS = FactsSettings()


def _facts(text: str, published: str | None = None) -> ArticleFacts:
    return extract_facts(Article(id="x", text=text, published=published))


def _stated(fact_text: str, mine: str, other: str, published: str | None = None) -> bool:
    (fact,) = [f for f in _facts(mine, published).facts if f.text == fact_text]
    return stated_by(fact, OtherReport.of(_facts(other, published)), settings=SETTINGS)


def test_forms_of_one_statement() -> None:
    """A figure in digits or words, a weekday for a date, a surname for a full name."""
    assert _stated(
        "Two people were killed", "Two people were killed.", "2 died; 2 people were killed."
    )
    assert _stated("Dale Corbin", "Dale Corbin was arrested.", "Corbin was arrested.")
    assert _stated(
        "Jan. 29, 2016",
        "He was arrested on Jan. 29, 2016.",
        "He was arrested Friday.",
        published="2016-01-30",
    )
    assert not _stated("$5 million", "The bridge cost $5 million.", "The bridge cost $9 million.")
    assert _stated("$5 million", "The bridge cost $5 million.", "It cost 5 million dollars.")


def _scanned(fact: Fact, other: ArticleFacts) -> bool:
    """The same question answered by reading every fact of the other report."""
    mine = fact.interval
    for theirs in other.facts:
        if theirs.kind == "number" and fact.kind not in ("date", "time"):
            try:
                if mine is not None and mine.low <= float(theirs.value) < mine.high:
                    return True
            except ValueError:
                continue
        if theirs.kind != fact.kind or (
            fact.kind not in ("date", "count") and theirs.unit != fact.unit
        ):
            continue
        if fact.kind == "date":
            shorter, longer = sorted((fact.value, theirs.value), key=len)
            if longer.startswith(shorter) or fact.text.split()[-1] == theirs.text.split()[-1]:
                return True
        elif fact.kind == "count":
            if theirs.role == fact.role and theirs.interval is not None:
                return True
        elif (
            mine is not None and theirs.interval is not None and mine.overlaps(theirs.interval)
        ) or (fact.kind in ("record", "condition") and fact.value == theirs.value):
            return True
    return False


def test_figures_as_a_scan_of_every_fact() -> None:
    """On ECB+ report pairs, the index answers for every figure what a full scan answers."""
    with (CORPUS / "ecbplus" / "documents.jsonl").open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    pick = random.Random(7)
    checked = 0
    for _ in range(40):
        mine, other = (_facts(pick.choice(texts)) for _ in range(2))
        indexed = OtherReport.of(other)
        for fact in mine.facts:
            if fact.kind in ("person", "place", "org", "name", "charge", "number"):
                continue
            assert stated_by(fact, indexed, settings=SETTINGS) == _scanned(fact, other)
            checked += 1
    assert checked > 200


def test_a_report_is_indexed_once_and_only_as_itself() -> None:
    """The same facts asked again get the index made first; equal facts of another read get
    an index of their own."""
    article = Article(id="a", text="Three people were killed in Paris on Monday.")
    facts, again = extract_facts(article), extract_facts(article)
    index = OtherReport.of(facts)
    assert OtherReport.of(facts) is index
    assert OtherReport.of(again).facts is again and OtherReport.of(again) == index
