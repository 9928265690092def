"""Bytes to text: UTF-8 first, then charset-normalizer for unknown encodings."""

from __future__ import annotations

from dedup.errors import InputError

_SNIFF = 8192


def decode_bytes(data: bytes, *, where: str) -> str:
    """Decode a file's bytes, refusing binary files with a message that names the file."""
    if b"\x00" in data[:_SNIFF] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            where, "binary file, not text", hint="give a text, HTML, JSONL or CSV file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            where, "cannot determine the text encoding", hint="re-save the file as UTF-8"
        )
    return str(best)
