"""One JSON line parsed without recursion or integer-size blow-ups."""

from __future__ import annotations

import pytest

from dedup.jsonline import JsonLineError, parse_line


def test_nesting_up_to_the_limit_parses() -> None:
    """Nesting at the limit is fine; one level more is a bad line, not a RecursionError."""
    assert parse_line("[" * 5 + "]" * 5, max_depth=5) == [[[[[]]]]]
    with pytest.raises(JsonLineError, match=r"^JSON nested more than 5 levels deep$"):
        parse_line("[" * 6 + "]" * 6, max_depth=5)
    with pytest.raises(JsonLineError, match="nested more than 64"):
        parse_line('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", max_depth=64)


def test_brackets_inside_strings_do_not_nest() -> None:
    """A text full of brackets (and escaped quotes) is one level deep."""
    line = '{"text": "' + '[{\\"' * 200 + '"}'
    assert parse_line(line, max_depth=2) == {"text": '[{"' * 200}


def test_integer_past_the_digit_limit_is_a_bad_line() -> None:
    """An integer of 5,000 digits is reported, not a ValueError traceback."""
    with pytest.raises(JsonLineError, match=r"^a number with more than 4,300 digits$"):
        parse_line('{"n": ' + "9" * 5000 + "}", max_depth=64)


def test_invalid_json_names_the_column() -> None:
    """Malformed JSON says what and where, as before."""
    with pytest.raises(JsonLineError, match=r"^not valid JSON \(Expecting value at column 9\)$"):
        parse_line('{"text":', max_depth=64)
