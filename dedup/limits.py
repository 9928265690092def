"""The reading limits: what is too large or too long to be one article.

Past a limit a file, line or row is a problem of that item (a warning, and skipped; fatal under
--strict), found before the expensive stages see it: facts and diff take seconds a megabyte.
"""

from __future__ import annotations

from pathlib import Path

from dedup.errors import InputError
from dedup.settings import ReadSettings
from dedup.walk import shown


def require_size(path: Path, *, limits: ReadSettings) -> None:
    """A file that holds one document must be at most `limits.max_document_bytes` long."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(shown(path), f"cannot read file: {exc.strerror or exc}") from None
    if size > limits.max_document_bytes:
        raise too_large(shown(path), size=size, limits=limits)


def too_large(where: str, *, size: int, limits: ReadSettings) -> InputError:
    """The problem of a file or line of `size` bytes, past the limit for one document."""
    return InputError(
        where,
        f"too large for one document: {size:,} bytes (the limit is {limits.max_document_bytes:,})",
        hint="split it into articles",
    )


def require_text(text: str, where: str, *, limits: ReadSettings) -> None:
    if not text.strip():
        raise InputError(where, "empty document", hint="add the article text or remove it")
    if len(text) > limits.max_line_chars:
        longest = max(map(len, text.splitlines()), default=0)
        if longest > limits.max_line_chars:
            raise InputError(
                where,
                f"a line of {longest:,} characters (the limit is {limits.max_line_chars:,})",
                hint="is it an article? break its paragraphs into lines",
            )
