"""One escaping function per output format: article text in, data out."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from dedup.render.escape import (
    github_data,
    github_property,
    json_text,
    markdown_code,
    markdown_text,
    one_line,
    visible,
    xml_text,
)

HOSTILE = "\x1b]0;title\x07 \x1b[2J \x9b31m \u202eevil\ttab\nline\r"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_visible_shows_controls_and_keeps_layout() -> None:
    """ESC, BEL, CSI, C1 and a direction override become visible; tab and newline stay."""
    assert visible(HOSTILE) == "␛]0;title␇ ␛[2J \\x9b31m \\u202eevil\ttab\nline␍"
    assert one_line(HOSTILE).endswith("evil␉tab␊line␍")


def test_markdown_text_escapes_every_inline_markup() -> None:
    """Links, images, raw HTML, emphasis, code, tables and entities are escaped; `_` inside a
    word is left alone."""
    text = "[a](http://x) ![i](y) <b>&amp; *e* _f_ `c` | ~s~ file_name\nnext"
    assert markdown_text(text) == (
        "\\[a\\](http://x) !\\[i\\](y) \\<b\\>\\&amp; \\*e\\* \\_f\\_ \\`c\\` \\| \\~s\\~ file_name next"
    )


def test_markdown_code_fence_outlasts_backticks() -> None:
    """A code span's fence is longer than any backtick run inside; pipes escaped in tables."""
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x") == "`` `x ``"
    assert markdown_code("a``b|c", in_table=True) == "```a``b\\|c```"
    assert markdown_code("a|b") == "`a|b`"


def test_github_values_are_escaped() -> None:
    """Workflow command data and properties carry no raw newline, control, `:` or `,`."""
    assert github_data("50% done\nnext\x1b[2J") == "50%25 done%0Anext␛[2J"
    assert github_property("a:b,c") == "a%3Ab%2Cc"


@given(st.text())
def test_xml_text_always_parses(text: str) -> None:
    """Any text, after xml_text, is an element and an attribute XML parses back."""
    element = ET.Element("case", {"name": xml_text(text)})
    element.text = xml_text(text)
    parsed = ET.fromstring(ET.tostring(element, "unicode"))
    assert parsed.get("name") == element.get("name")


@given(st.text())
def test_terminal_and_json_never_pass_a_control(text: str) -> None:
    """No control character survives one_line, nor json_text (for any value JSON wrote)."""
    import json

    assert not RAW_CONTROL.search(one_line(text))
    dumped = json_text(json.dumps({"v": text}, ensure_ascii=False))
    assert not RAW_CONTROL.search(dumped)
    assert json.loads(dumped) == {"v": text}


@given(st.text())
def test_markdown_text_leaves_no_markup(text: str) -> None:
    """Every markup character in escaped text is preceded by a backslash."""
    escaped = markdown_text(text)
    unescaped = re.sub(r"\\.", "", escaped)
    assert not re.search(r"[`*\[\]<>|~&\\]", unescaped)
