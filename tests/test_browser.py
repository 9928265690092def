"""The HTML reports in a real browser: headless Chromium over the DevTools pipe
(scripts/browser.py). Skipped, with the reason, only where no Chromium is installed (.ci/run
installs Debian's package). Screenshots are kept as artefacts under $DEDUP_ARTEFACTS, else
under pytest's temporary directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dedup.clean import clean_article
from dedup.diff import build_diff
from dedup.read import read_paths
from scripts.browser import Browser, Visit, find_chromium
from tests.conftest import SEED_LEFT, SEED_RIGHT, SEEDS, CliRunner

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="no Chromium on PATH: apt-get install chromium (.ci/run installs it as root)",
)
PHONE = 390


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    with Browser() as opened:
        yield opened


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go."""
    folder = Path(os.environ.get("DEDUP_ARTEFACTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def pages(run_cli: CliRunner, tmp_path: Path) -> dict[str, Path]:
    """The seed diff page, the seed cluster overview with its diff pages, and a diff page of
    a hostile article, written by the CLI."""
    diff, index, hostile = tmp_path / "seed-diff.html", tmp_path / "index.html", tmp_path / "h.html"
    assert run_cli("diff", SEED_LEFT, SEED_RIGHT, "--format", "html", "--out", diff).exit_code == 0
    assert run_cli("cluster", SEEDS, "--format", "html", "--out", index).exit_code == 0
    bad = tmp_path / "bad.txt"
    bad.write_text('<script>console.error("ran")</script></td><img src=x onerror=alert(1)> '
                   "Three people were killed in Leeds.\n", encoding="utf-8")  # fmt: skip
    assert run_cli("diff", bad, SEED_RIGHT, "--format", "html", "--out", hostile).exit_code == 0
    return {"diff": diff, "index": index, "hostile": hostile}


def _clean(visit: Visit) -> None:
    assert visit.errors == []
    assert visit.requests and all(url.startswith("file://") for url in visit.requests)


def test_diff_page_renders_its_rows_and_findings(
    browser: Browser, pages: dict[str, Path], artefacts: Path
) -> None:
    """The seed diff shows both sides' rows and its findings, with no error and no request
    leaving file://; findings link to rows that exist."""
    visit = browser.open(pages["diff"].as_uri())
    _clean(visit)
    left, right = (clean_article(a) for a in read_paths([SEED_LEFT, SEED_RIGHT]))
    rows = len(build_diff(left, right).alignment.rows)
    assert browser.evaluate("document.querySelectorAll('table.rows tbody tr').length") == rows
    assert browser.evaluate("document.querySelector('h1').textContent").endswith(
        "003_74b6125a896b40ce.txt"
    )
    missing = browser.evaluate(
        "[...document.querySelectorAll('a[href^=\"#row-\"]')]"
        ".filter(a => !document.getElementById(a.hash.slice(1))).length"
    )
    assert missing == 0
    assert "loss of lives" in browser.evaluate("document.body.innerText")
    browser.screenshot(artefacts / "seed-diff.png")


def test_cluster_overview_links_its_diffs_and_searches(
    browser: Browser, pages: dict[str, Path], artefacts: Path
) -> None:
    """The overview names the cluster, tabulates the landmine toll, filters by search, and its
    member link opens a diff page that loads cleanly."""
    _clean(browser.open(pages["index"].as_uri()))
    text = browser.evaluate("document.body.innerText")
    assert "In a recent move to address security concerns" in text
    assert "no figure" in text and "Khojavand" in text and "3,000" in text
    assert browser.evaluate("document.getElementById('search').hidden") is False
    browser.screenshot(artefacts / "index.png")
    shown = browser.evaluate(
        "(() => { const box = document.getElementById('search'); box.value = 'no such words';"
        " box.dispatchEvent(new Event('input'));"
        " return [...document.querySelectorAll('[data-search]')].filter(s => !s.hidden).length"
        " })()"
    )
    assert shown == 0
    link = browser.evaluate("document.querySelector('a[href$=\".html\"]').href")
    _clean(browser.open(link))
    assert browser.evaluate("document.querySelectorAll('table.rows tbody tr').length") > 10


def test_content_is_all_there_without_javascript(browser: Browser, pages: dict[str, Path]) -> None:
    """With scripts off the clusters and their tables are all present; only the search box,
    a convenience, stays hidden."""
    _clean(browser.open(pages["index"].as_uri(), javascript=False))
    assert browser.evaluate("document.getElementById('search').hidden") is True
    assert browser.evaluate("document.querySelectorAll('table.facts tr').length") >= 5


def test_pages_fit_a_phone(browser: Browser, pages: dict[str, Path], artefacts: Path) -> None:
    """At phone width neither page scrolls sideways."""
    for name in ("diff", "index"):
        _clean(browser.open(pages[name].as_uri(), width=PHONE, height=800))
        assert browser.evaluate("document.documentElement.scrollWidth") <= PHONE
        browser.screenshot(artefacts / f"{name}-phone.png", full_page=False)


def test_hostile_article_renders_as_text(browser: Browser, pages: dict[str, Path]) -> None:
    """An article's script and image tags are shown as text: nothing of it runs or loads."""
    _clean(browser.open(pages["hostile"].as_uri()))
    assert browser.evaluate("document.images.length") == 0
    assert browser.evaluate("document.scripts.length") == 1
    assert '<script>console.error("ran")</script>' in browser.evaluate("document.body.innerText")
