"""The outlet of an article, its headline without the site's name, and its domain words."""

from __future__ import annotations

import pytest

from dedup.article import Article
from dedup.outlets import domain_words, headline, host_of, outlet_of, title_site
from dedup.represent import represent
from dedup.settings import MatchSettings

SETTINGS = MatchSettings()
TEXT = "Deputies say a two-year-old boy was hurt on Maple Ridge Drive. WDMO has learned more."


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://www.wdmo.com/story/1234567/x", "wdmo.com"),
        ("https://WWW.Example.com:8080/a?b#c", "example.com"),
        ("http://web.archive.org/web/20150101000000/http://www.wdmo.com/story/1", "wdmo.com"),
        ("web.archive.org/web/2014/www.ktst.com:80/news", "ktst.com"),
        ("city.dailynews.com/crime/story", "city.dailynews.com"),
        ("", ""),
        (None, ""),
    ],
)
def test_host_of_reads_the_original_host(url: str | None, host: str) -> None:
    """The host without "www." and port, an archived page's own host, "" without a URL."""
    assert host_of(url) == host


def test_outlet_is_the_host_then_the_source_then_the_title_site() -> None:
    """The URL's host comes first, then a `source` the record gave, then the title's site."""
    titled = "Two men charged after a toddler was hurt by a gun - WDMO"
    assert outlet_of(Article(id="a", text=TEXT, url="http://www.wdmo.com/x", source="S")) == (
        "wdmo.com"
    )
    assert outlet_of(Article(id="a", text=TEXT, source="KSLA News 12")) == "ksla news 12"
    where = "docs.jsonl line 3"
    assert outlet_of(Article(id="a", text=TEXT, title=titled, source=where, location=where)) == (
        "wdmo"
    )
    assert outlet_of(Article(id="a", text=TEXT, source=where, location=where)) == ""


@pytest.mark.parametrize(
    ("title", "head", "site"),
    [
        (
            "Two men charged after a toddler was hurt - WDMO",
            "Two men charged after a toddler was hurt",
            "WDMO",
        ),
        (
            "Girl, 9, hurt by a pellet gun at a park - KTST Action News 4 - Springfield, Ohio",
            "Girl, 9, hurt by a pellet gun at a park",
            "KTST Action News 4 - Springfield, Ohio",
        ),
        (
            "Driver hurt in crash on the east side - KDMO | KDMO.com",
            "Driver hurt in crash on the east side",
            "KDMO | KDMO.com",
        ),
        ("Update - police name the victim", "Update - police name the victim", ""),
        ("Floods in Valencia", "Floods in Valencia", ""),
        (None, "", ""),
    ],
)
def test_title_site_is_split_off_after_a_headline(title: str | None, head: str, site: str) -> None:
    """The segments after a separator are the site's once the headline has four words."""
    assert (headline(title), title_site(title)) == (head, site)


@pytest.mark.parametrize(
    ("outlet", "words"),
    [
        ("wtvm.com", {"wtvm"}),
        ("city.dailynews.com", {"dailynews"}),
        ("news.bbc.co.uk", {"bbc"}),
        ("ktstactionnews4.com", {"ktstactionnews"}),
        ("ksla news 12", set()),
        ("", set()),
    ],
)
def test_domain_words_are_the_hosts_own_name(outlet: str, words: set[str]) -> None:
    """The registrable name's words (not a subdomain's place, not the suffix)."""
    assert domain_words(outlet) == words


def test_an_outlets_own_words_are_not_its_terms() -> None:
    """ "WDMO" in a wdmo.com page is the outlet's, not the event's: no term; elsewhere it is."""
    own = represent(Article(id="a", text=TEXT, url="http://wdmo.com/1"), settings=SETTINGS)
    other = represent(Article(id="b", text=TEXT, url="http://ktst.com/1"), settings=SETTINGS)
    assert "wdmo" not in own.terms and "wdmo" in other.terms
    assert own.outlet == "wdmo.com" and other.outlet == "ktst.com"


def test_the_site_name_of_a_title_is_not_represented() -> None:
    """Two titles that differ only in the site's name give the same words and terms."""
    left = Article(id="a", text=TEXT, title="Boy, 2, hurt on Maple Ridge Drive - WDMO 9 News")
    right = Article(id="b", text=TEXT, title="Boy, 2, hurt on Maple Ridge Drive | StormTracker")
    one, two = represent(left, settings=SETTINGS), represent(right, settings=SETTINGS)
    assert one.content_hash == two.content_hash and one.terms == two.terms
    assert "stormtracker" not in two.terms
