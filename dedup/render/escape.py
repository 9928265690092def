"""Article text is data: one escaping function per output format, applied where text enters.

Titles, ids, file names and sentences come from whoever wrote the input. Without escaping,
an ESC sequence in a title sets the terminal's window title or clears the screen, a backtick
in a file name ends a Markdown code span and a `[link](…)` in a title renders live, a `\\x0b`
makes JUnit XML that does not parse, and a record's `source` field could aim a GitHub
annotation at any file. Each renderer passes every such value through the function of its
format below, and nothing else reaches its output.

HTML (not written yet): escape with `html.escape(text, quote=True)` after `visible`, and
never put article text in an attribute that takes a URL.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and
# isolates that reorder what is shown ("Trojan Source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\t\n]")
# The ASCII punctuation that makes Markdown markup inline (GitHub's included): emphasis and
# strikethrough, code, links and images, raw HTML, entities, table cells. Parentheses, `#`
# and `!` mean nothing without these; `_` inside a word (file_name) is never emphasis.
_MARKDOWN = re.compile(r"([\\`*\[\]<>|~&]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
# XML 1.0 allows tab, newline, carriage return and U+0020 up, except surrogates and two
# non-characters; anything else makes the document unparseable.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _picture(match: re.Match[str]) -> str:
    """A control character as something a reader sees: ␛ for ESC, \\x9b for a C1 control."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Terminal text: control characters shown as visible symbols; tab and newline kept."""
    return _CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """`visible`, with tab and newline shown too: for ids, titles, paths and messages."""
    return _LINE_BREAKS.sub(_picture, visible(text))


def markdown_text(text: str) -> str:
    """Markdown inline text (a table cell, a list item): every markup character escaped,
    line breaks as spaces, control characters visible."""
    return _MARKDOWN.sub(r"\\\1", visible(text)).replace("\n", " ").replace("\t", " ")


def markdown_code(text: str, *, in_table: bool = False) -> str:
    """A Markdown code span holding `text` verbatim, in running text or (`in_table`) a cell.

    The fence is one backtick longer than the longest run inside, padded when the text starts
    or ends with one; in a table `|` is escaped, as GitHub splits cells on it even in code.
    """
    body = one_line(text)
    if in_table:
        body = body.replace("|", "\\|")
    runs = [len(run) for run in re.findall(r"`+", body)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or not body.strip() else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def xml_text(text: str) -> str:
    """Text for an XML element or attribute: characters XML 1.0 forbids shown visibly (the
    XML writer escapes `<`, `&` and quotes itself)."""
    return _NOT_XML.sub(_xml_picture, text)


def _xml_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else f"\\u{code:04x}"


def json_text(dumped: str) -> str:
    """JSON from `json.dumps(..., ensure_ascii=False)` with DEL, C1 controls and direction
    overrides written as `\\u` escapes too (JSON escapes only C0): still the same data, and
    safe to print on a terminal. Outside strings JSON has none of these characters."""
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def github_data(text: str) -> str:
    """The message of a GitHub workflow command: its own escapes, then no raw control."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return one_line(escaped)


def github_property(text: str) -> str:
    """A property value (file=, title=) of a GitHub workflow command."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
