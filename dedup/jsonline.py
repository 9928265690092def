"""One line of JSON Lines parsed without recursion or integer-size blow-ups.

The standard parser recurses once per nesting level (100,000 `[` end in a RecursionError) and
refuses integers of more than 4,300 digits with a ValueError; either would escape as a
traceback. Here nesting past a limit and over-long integers are problems of the line, reported
like any malformed line, before the parser is asked.
"""

from __future__ import annotations

import json
import re
import sys

# A JSON string (escapes included) or one bracket: brackets inside strings do not nest.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


class JsonLineError(ValueError):
    """A line that is not a JSON value this reader accepts; the message says why."""


def parse_line(line: str, *, max_depth: int) -> object:
    """The JSON value of `line`, or `JsonLineError` saying what is wrong with it."""
    if line.count("[") + line.count("{") > max_depth and _depth(line) > max_depth:
        raise JsonLineError(f"JSON nested more than {max_depth} levels deep")
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise JsonLineError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except ValueError:
        # int() refuses a literal of more than sys.get_int_max_str_digits() digits.
        digits = sys.get_int_max_str_digits()
        raise JsonLineError(f"a number with more than {digits:,} digits") from None
    except RecursionError:
        # Only reachable when the recursion limit is below `max_depth`.
        raise JsonLineError(f"JSON nested more than {max_depth} levels deep") from None


def _depth(line: str) -> int:
    """The deepest nesting of arrays and objects in `line` (brackets in strings not counted)."""
    depth = deepest = 0
    for match in _TOKENS.finditer(line):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest
