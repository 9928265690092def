"""Cleaning page junk out of article text, with real snippets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dedup.clean import classify_line, clean_article, clean_text, normalise_text
from dedup.read import read_paths
from tests.conftest import SEED_LEFT, SEED_RIGHT


def test_seed_cookie_banner_is_removed_and_kept() -> None:
    """Seed 000's cookie banner leaves the text and is kept in `removed`."""
    (article,) = read_paths([SEED_LEFT])
    cleaned = clean_article(article)
    assert "cookies" not in cleaned.text
    assert "buttons=(Accept !)" not in cleaned.text
    assert cleaned.removed == (
        "buttons=(Accept !) days=(20)",
        "Our website uses cookies to enhance your experience. Learn More",
        "Accept !",
    )
    assert cleaned.text.endswith("preparations for military action.")


def test_seed_trailing_faq_is_removed() -> None:
    """Seed 003's stray trailing "FAQ" heading is junk; its last sentence stays."""
    (article,) = read_paths([SEED_RIGHT])
    cleaned = clean_article(article)
    assert cleaned.removed == ("FAQ",)
    assert cleaned.text.endswith("regional stability and peace.")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (
            "You must enter the characters with black color that stand out from the other characters",
            "captcha",
        ),
        (
            "Message: * A friend wanted you to see this item from KTST.com: http://ktst.com/1234567",
            "share widget",
        ),
        ("Read or Share this story: http://on.dailynews.com/1AbCdEf", "share widget"),
        ("Like this: Like Loading...", "share widget"),
        ("Share this: Facebook", "share widget"),
        ("Pinterest", "share widget"),
        ("Please enable Javascript to watch this video", "video or ad"),
        (
            "Copyright 2019 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
            "copyright",
        ),
        ("(© 2019 KTST)", "copyright"),
        ("Sign up for one of our email newsletters.", "paywall"),
        ("Download the KDMO News app: iPhone | Android", "app promotion"),
        ("Follow WDMO:", "share widget"),
    ],
)
def test_real_junk_lines_are_classified(line: str, kind: str) -> None:
    """Junk lines of the kinds crawled news pages carry are recognised."""
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        '"The team had more than its share of bad luck that year," the coach said.',
        "Investigators think the shooting was gang-related.",
        "A clerk at the bakery declined to comment.",
        "The hotel declined to comment on the fire. It remains open today.",
        "Follow the money: that is what investigators did.",
        "Neighbors said that the tenant shared the flat with her sister.",
    ],
)
def test_article_sentences_are_never_junk(line: str) -> None:
    """Article sentences that mention sharing, comments or following stay."""
    assert classify_line(line) is None


def test_stray_heading_only_at_the_end() -> None:
    """A short heading in the middle is kept; trailing ones are removed."""
    text, removed = clean_text(
        "Update\n\nTwo men were arrested on Friday.\n\nPhotos\n\nMore Stories"
    )
    assert text == "Update\n\nTwo men were arrested on Friday."
    assert removed == ("Photos", "More Stories")


def test_normalise_text_unifies_space_and_paragraphs() -> None:
    """Line ends, non-breaking spaces and blank-line runs are unified."""
    assert normalise_text("A\u00a0b  c\r\n\r\n\r\n  D\n") == "A b c\n\nD"


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "Cc")), max_size=300
    )
)
def test_cleaning_is_idempotent(text: str) -> None:
    """Cleaning cleaned text changes nothing."""
    once, _ = clean_text(text)
    twice, removed = clean_text(once)
    assert twice == once
    assert removed == ()


def test_lines_without_scan_words_skip_only_rules_that_need_them() -> None:
    """Each junk alternative that scans the whole line needs a scan word; non-ASCII lines get all."""
    from dedup.clean import _ALTERNATIVES, SCAN_WORDS

    scanning = [alt for _, alts in _ALTERNATIVES for alt in alts if alt.startswith(".*")]
    assert scanning and all(any(word in alt for word in SCAN_WORDS) for alt in scanning)
    # re's IGNORECASE matches the long s "ſ" to "s"; lower() would miss the scan word.
    assert classify_line("Subſcribe now to continue reading our stories") == "paywall"
    assert classify_line("This website uses cookies.") == "cookie banner"


@pytest.mark.parametrize("word", ["subscribe", "ſubſcribe", "SUBSCRİBE", "subscrıbe"])
def test_non_ascii_lines_are_searched_with_case_equivalents(word: str) -> None:
    """A line with curly quotes and letters IGNORECASE equates with ASCII ones is still junk."""
    assert classify_line(f"“Great” {word} now to continue reading today") == "paywall"
