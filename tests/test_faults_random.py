"""Fault matrix, random input: whatever bytes a file holds and whatever JSON a line holds, a
command ends with a documented exit code and a one-line message, never a traceback (bounded
hypothesis runs, derandomized by the test profile)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CliRunner

# Each example runs a command in this process: a few dozen keep the module to seconds.
BOUNDED = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".csv"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
RECORDS = st.fixed_dictionaries(
    {"text": st.one_of(st.text(max_size=300), JSON_VALUES)},
    optional={
        "id": JSON_VALUES,
        "title": JSON_VALUES,
        "published": JSON_VALUES,
        "source": JSON_VALUES,
    },
)


def _assert_clean_end(code: int, stderr: str, allowed: tuple[int, ...] = (0, 3)) -> None:
    assert code in allowed, stderr
    assert "Traceback" not in stderr
    assert all(line.startswith("dedup: ") for line in stderr.splitlines()), stderr


@BOUNDED
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_in_any_format(run_cli: CliRunner, data: bytes, suffix: str) -> None:
    """Random bytes as a txt, md, html, jsonl or csv file: read ends with 0 or 3, one line each."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        result = run_cli("read", path)
    _assert_clean_end(result.exit_code, result.stderr)


@BOUNDED
@given(lines=st.lists(st.one_of(RECORDS, JSON_VALUES), min_size=1, max_size=4))
def test_random_json_records(run_cli: CliRunner, lines: list[object]) -> None:
    """Random JSON values and records as jsonl lines: facts ends with 0 or 3, no traceback."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.jsonl"
        path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
        result = run_cli("facts", path, "--format", "json")
    _assert_clean_end(result.exit_code, result.stderr)
    if result.exit_code == 0:
        json.loads(result.stdout)


@BOUNDED
@given(
    left=st.text(min_size=1, max_size=400),
    right=st.text(min_size=1, max_size=400),
    output=st.sampled_from(["terminal", "markdown", "json"]),
)
def test_random_text_diffs(run_cli: CliRunner, left: str, right: str, output: str) -> None:
    """Two random texts diff (or are refused as empty) in every format, never a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "left.txt", Path(folder) / "right.txt"]
        for path, text in zip(paths, (left, right), strict=True):
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = run_cli("diff", *paths, "--format", output)
    _assert_clean_end(result.exit_code, result.stderr)
