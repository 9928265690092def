"""Which outlet published an article, and the outlet's own words in it.

Reports of different incidents in one city are often from one outlet, and what such a pair
shares most is the outlet's: its site name in the title ("… - KSLA News 12 Shreveport"), its
call letters or domain words in the text ("WTVM", "dnainfo"). These are no evidence that two
reports tell one event. Two rules need nothing but the document: the site segments of a title
are left out of the headline, and the words of the outlet's domain name are left out of the
content terms. (What else an outlet repeats in its pages, learned across a corpus, is not
used: these two rules gave the measured gain, docs/clustering.md.)

The outlet is the host of the article's URL (an archived copy's original URL: web.archive.org
wraps the crawled page's), else its `source` field when the record gave one, else the site
segment of its title; "" when none is known.
"""

from __future__ import annotations

import re

from dedup.article import Article
from dedup.tokens import WORD

# " - ", " | ", " – ", " — " or " :: " between a headline and the site's name.
_TITLE_SEPARATOR = re.compile(r"\s+(?:[-|–—]|::)\s+|\s+\|(?=\S)")
# A headline keeps at least this many words before a separator counts as one (so that a
# short "Update - …" or a hyphenated name is never taken for a site suffix).
_HEADLINE_WORDS = 4
# Host labels that name no outlet ("www", country and generic second levels).
_GENERIC_LABELS_LIST = (
    "www m mobile amp edition news com net org co gov edu ac info biz tv us uk ca au"
)
_GENERIC_LABELS = frozenset(_GENERIC_LABELS_LIST.split())
# Domain words shorter than this stay in the terms ("ap", "tv").
_MIN_DOMAIN_WORD = 3


def outlet_of(article: Article) -> str:
    """The outlet key of `article` (lowercase), or "" when none is known."""
    host = host_of(article.url)
    if host:
        return host
    if article.source and article.source != article.location:
        return article.source.strip().lower()
    site = title_site(article.title)
    return site.lower() if site else ""


def host_of(url: str | None) -> str:
    """The host of `url` without "www." and port ("" when it has none); an archived page's
    original host."""
    if not url:
        return ""
    target = _without_scheme(url.strip())
    if target[:20].lower() == "web.archive.org/web/":
        # The capture's timestamp, then the original URL.
        target = _without_scheme(target[20:].partition("/")[2])
    host = _HOST_END.split(target, maxsplit=1)[0].rpartition("@")[2].partition(":")[0]
    return host.lower().removeprefix("www.")


def _without_scheme(url: str) -> str:
    scheme, separator, rest = url.partition("://")
    return rest if separator and scheme.isalpha() else url


# Where a URL's host ends (the port is cut off after).
_HOST_END = re.compile(r"[/?#\\]")


def title_parts(title: str | None) -> tuple[str, str]:
    """(headline, site segments) of a title: the site's name after the headline is split off
    when the headline before it has at least `_HEADLINE_WORDS` words."""
    if not title:
        return "", ""
    text = title.strip()
    for separator in _TITLE_SEPARATOR.finditer(text):
        head = text[: separator.start()]
        if len(WORD.findall(head)) >= _HEADLINE_WORDS:
            return head, text[separator.end() :].strip(" |-–—:")
    return text, ""


def title_site(title: str | None) -> str:
    """The site segments of a title ("" when it has none)."""
    return title_parts(title)[1]


def headline(title: str | None) -> str:
    """The title without its site segments."""
    return title_parts(title)[0]


def domain_words(outlet: str) -> frozenset[str]:
    """The lowercase words of an outlet host's name ("wtvm.com" → {"wtvm"},
    "chicago.suntimes.com" → {"suntimes"}: a subdomain is often the place it covers, which
    is evidence); none for an outlet that is no host."""
    if "." not in outlet or " " in outlet:
        return frozenset()
    labels = [label for label in outlet.split(".")[:-1] if label not in _GENERIC_LABELS][-1:]
    return frozenset(
        word
        for label in labels
        for word in WORD.findall(label)
        if len(word) >= _MIN_DOMAIN_WORD and not word[0].isdigit()
    )
