"""The HTML diff page: golden structure, links that land, hostile text rendered as text."""

from __future__ import annotations

import re
from contextlib import chdir
from pathlib import Path

import pytest

from dedup.align import Alignment, Row
from dedup.article import Article
from dedup.clean import clean_article
from dedup.diff import DiffReport, Side, build_diff
from dedup.factcheck.discrepancy import Discrepancy
from dedup.read import read_paths
from dedup.render.html_diff import render_diff_html
from tests.conftest import ROOT, SEED_LEFT, SEED_RIGHT, CliRunner
from tests.golden import check_golden

HOSTILE = '<script>alert("x")</script></td></tr><b>unclosed <img src=x onerror=alert(1)> & "q"'


def _seed_report() -> DiffReport:
    with chdir(ROOT):
        left, right = (
            clean_article(a)
            for a in read_paths([p.relative_to(ROOT) for p in (SEED_LEFT, SEED_RIGHT)])
        )
    return build_diff(left, right)


def test_diff_golden() -> None:
    """The seed diff page matches its golden file."""
    check_golden("seed_diff.html", render_diff_html(_seed_report()))


def test_every_finding_links_to_a_row_that_holds_its_sentence() -> None:
    """Each discrepancy's links target a row id present on the page, the row of its sentence."""
    report = _seed_report()
    page = render_diff_html(report)
    ids = set(re.findall(r'<tr id="(row-\d+)"', page))
    assert len(ids) == len(report.alignment.rows)
    targets = re.findall(r'<a href="#(row-\d+)">([LR])(\d+)</a>', page)
    assert targets and all(target in ids for target, _, _ in targets)
    for target, side, index in targets:
        row = report.alignment.rows[int(target.removeprefix("row-"))]
        assert int(index) in (row.left if side == "L" else row.right) or row.nearest == int(index)


def test_relation_in_plain_words_with_the_evidence_folded() -> None:
    """The relation is said in words; score names stay out of sight until asked for."""
    page = render_diff_html(_seed_report())
    assert "separately written reports of the same event" in page
    folded = page.split("<details><summary>Evidence</summary>", 1)[1].split("</details>", 1)[0]
    assert "Jaccard" in folded and "term_cosine" not in page


def _report(text: str) -> DiffReport:
    """A report whose left side is `text` as one sentence, a conflict quoting it."""
    conflict = Discrepancy(kind="killed", left="Three", right="2", left_text=text,
                           right_text="Two died.", left_sentence=0, right_sentence=0,
                           left_words=("Three",), right_words=("Two",))  # fmt: skip
    rows = (Row("changed", (0,), (0,), 0.5),)
    return DiffReport(
        left=Side(
            {"id": text[:30], "title": text[:80], "published": None, "url": None, "source": None},
            (text,),
        ),
        right=Side(
            {"id": "b", "title": None, "published": None, "url": None, "source": None},
            ("Two died.",),
        ),
        relation="same-event",
        scores={"score": 0.5},
        alignment=Alignment(rows, 1, 1),
        discrepancies=(conflict,),
    )


def test_hostile_text_is_escaped_everywhere() -> None:
    """Script tags, closing tags, attributes and quotes in an article render as text: the page
    holds exactly its own one script and no element the article wrote."""
    page = render_diff_html(_report(HOSTILE + " Three were killed."))
    assert page.count("<script>") == 1 and page.count("</script>") == 1
    assert "<img" not in page and "<b>" not in page and "</td></tr><b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;/td&gt;" in page


@pytest.mark.slow
def test_a_fifty_megabyte_line_renders_as_escaped_text() -> None:
    """A 50 MB single-line article renders whole and escaped, its conflict still marked."""
    line = (HOSTILE + " ") * (50_000_000 // (len(HOSTILE) + 1)) + "Three were killed."
    page = render_diff_html(_report(line))
    assert page.count("<script>") == 1 and "<img" not in page
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") >= line.count("<img")
    assert '<mark class="conflict" title="conflicting fact">≠ Three</mark>' in page


def test_cli_writes_a_page_for_a_hostile_file(run_cli: CliRunner, tmp_path: Path) -> None:
    """`dedup diff --format html --out` on a file full of markup writes a page that shows it."""
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(f"{HOSTILE} Three people were killed in Leeds.\n", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("Four people were killed in Leeds on Monday.\n", encoding="utf-8")
    out = tmp_path / "diff.html"
    result = run_cli("diff", hostile, plain, "--format", "html", "--out", out)
    assert result.exit_code == 0 and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.count("<script>") == 1 and "&lt;/td&gt;&lt;/tr&gt;&lt;b&gt;unclosed" in page


def test_every_article_is_a_page_of_its_own() -> None:
    """Pages carry no reference to anything outside themselves."""
    page = render_diff_html(build_diff(Article(id="a", text="One."), Article(id="b", text="Two.")))
    assert not re.search(r'(?:src|href)="(?!#)', page)
    assert "default-src &#x27;none&#x27;" in page
