"""Bytes to text: UTF-8 first (a stray bad byte replaced), detection only when UTF-8 clearly fails.

A UTF-8 file with one damaged byte stays UTF-8 with that byte replaced by U+FFFD; decoding it
whole as another encoding would turn every other accented letter into mojibake (é → ÃĐ). Only
when invalid sequences are a large share of its non-ASCII text (a latin-1 or cp1252 file,
where every accented letter is an invalid byte) is the encoding detected, by charset-normalizer,
with Western European (cp1252, a superset of latin-1's letters) preferred when it reads the
bytes as cleanly as the detector's own pick: on French text the detector ties the Latin code
pages and takes cp1250 (à → ŕ, è → č).
"""

from __future__ import annotations

from pathlib import Path

from dedup.errors import InputError
from dedup.settings import DEFAULT_SETTINGS, ReadSettings
from dedup.walk import shown

_SNIFF = 8192
_REPLACEMENT = "\ufffd"
_WESTERN = "cp1252"


def is_binary(head: bytes) -> bool:
    """Whether a file starting with `head` is binary (a NUL byte, unless UTF-16 says so)."""
    return b"\x00" in head[:_SNIFF] and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def read_text(path: Path, *, settings: ReadSettings = DEFAULT_SETTINGS.read) -> str:
    """A whole file's text (`decode_bytes`); a file that cannot be read is an InputError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(shown(path), f"cannot read file: {exc.strerror or exc}") from None
    return decode_bytes(data, where=shown(path), settings=settings)


def read_stdin(*, settings: ReadSettings = DEFAULT_SETTINGS.read) -> str:
    """Standard input's text (`decode_bytes`), refused past the document size limit."""
    import sys

    data = sys.stdin.buffer.read(settings.max_document_bytes + 1)
    if len(data) > settings.max_document_bytes:
        raise InputError(
            "<stdin>",
            f"larger than {settings.max_document_bytes:,} bytes",
            hint="split it into documents, or read it from a file",
        )
    return decode_bytes(data, where="<stdin>", settings=settings)


def decode_bytes(data: bytes, *, where: str, settings: ReadSettings = DEFAULT_SETTINGS.read) -> str:
    """Decode a file's bytes, refusing binary files with a message that names the file."""
    if is_binary(data):
        raise InputError(
            where, "binary file, not text", hint="give a text, HTML, JSONL or CSV file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    if _bad_share(text, data) <= settings.max_bad_utf8_share:
        return text
    return _detect(data, where=where)


def _bad_share(text: str, data: bytes) -> float:
    """Replaced bytes as a share of the non-ASCII characters decoded (good and replaced)."""
    replaced = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    non_ascii = sum(1 for char in text if ord(char) > 0x7F)
    return replaced / non_ascii if non_ascii else 0.0


def _detect(data: bytes, *, where: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            where, "cannot determine the text encoding", hint="re-save the file as UTF-8"
        )
    western = from_bytes(data, cp_isolation=[_WESTERN]).best()
    if western is not None and western.chaos <= best.chaos:
        return str(western)
    return str(best)
