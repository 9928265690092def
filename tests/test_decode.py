"""Decoding: UTF-8 first with stray bad bytes replaced, detection only when UTF-8 clearly fails."""

from __future__ import annotations

import pytest

from dedup.decode import decode_bytes
from dedup.errors import InputError

FRENCH = (
    "Le président a déclaré à la presse que la crise était terminée. Les élèves sont rentrés"
    " à l'école après la grève. Où est la vérité ?"
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH, "latin-1"),
        (FRENCH, "cp1252"),
        ("He said \u201cwe will win\u201d \u2013 and the crowd cheered. It\u2019s over.", "cp1252"),
        ("Die Bürger der Stadt München haben über die Straße abgestimmt.", "latin-1"),
        (
            "Příliš žluťoučký kůň úpěl ďábelské ódy. Vláda České republiky schválila nový zákon.",
            "cp1250",
        ),
        ("Правительство России приняло новый закон о налогах и доходах населения.", "cp1251"),
    ],
    ids=["latin-1-french", "cp1252-french", "cp1252-quotes", "latin-1-german", "cp1250", "cp1251"],
)
def test_single_byte_encodings_are_detected(text: str, encoding: str) -> None:
    """Western text in latin-1 or cp1252 reads right (à stays à, not ŕ); others still detected."""
    assert decode_bytes(text.encode(encoding), where="x.txt") == text


def test_one_bad_byte_keeps_utf8() -> None:
    """A UTF-8 file with one damaged byte stays UTF-8: that byte is replaced, nothing else moves."""
    data = FRENCH.encode("utf-8")
    broken = data[:20] + b"\xff" + data[20:]
    expected = data[:20].decode() + "\ufffd" + data[20:].decode()
    assert decode_bytes(broken, where="x.txt") == expected


def test_replacement_characters_already_in_the_text_are_not_counted_as_bad() -> None:
    """U+FFFD written in the file is text, not a sign that UTF-8 failed."""
    text = "\ufffd" * 50 + " " + FRENCH
    data = text.encode("utf-8") + b"\xe9"
    assert decode_bytes(data, where="x.txt").startswith("\ufffd" * 50 + " Le président")


@pytest.mark.parametrize("data", [b"\x00\x01binary", b"text\x00more"])
def test_binary_is_refused(data: bytes) -> None:
    """A NUL byte (without a UTF-16 byte order mark) means binary: an InputError naming it."""
    with pytest.raises(InputError, match=r"^x.bin: binary file, not text"):
        decode_bytes(data, where="x.bin")
