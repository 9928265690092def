"""The command line: version, help, exit codes and one-line error messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dedup import __version__
from tests.conftest import SEEDS, CliRunner


def test_version(run_cli: CliRunner) -> None:
    """`dedup --version` prints the package version."""
    result = run_cli("--version")
    assert (result.exit_code, result.stdout.strip()) == (0, f"dedup {__version__}")


def test_help_lists_commands_and_exit_codes(run_cli: CliRunner) -> None:
    """`dedup --help` names the commands and documents the exit codes."""
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "read" in result.stdout
    assert "Exit codes:" in result.stdout


def test_python_dash_m_runs_the_cli() -> None:
    """`python -m dedup --version` works like the console script."""
    out = subprocess.run(
        [sys.executable, "-m", "dedup", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"dedup {__version__}"


def test_read_prints_clean_articles(run_cli: CliRunner) -> None:
    """`dedup read` prints one JSON line per document with its removed junk."""
    result = run_cli("read", SEEDS)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [
        "000_fcc5a75e636137bc.txt",
        "003_74b6125a896b40ce.txt",
    ]
    assert lines[1]["removed"] == ["FAQ"]
    assert lines[1]["published"] == "2023-11-13"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bin.txt",
            b"\x00\x01binary",
            "bin.txt: binary file, not text (give a text, HTML, JSONL or CSV file)",
        ),
        ("empty.txt", b"\n \n", "empty.txt: empty document (add the article text or remove it)"),
        (
            "x.pdf",
            b"%PDF",
            "x.pdf: unsupported file type '.pdf' (use .txt, .md, .html, .htm, .jsonl or .csv)",
        ),
        (
            "bad.jsonl",
            b'{"text": \n',
            "bad.jsonl line 1: not valid JSON (Expecting value at column 10) (fix the line)",
        ),
        (
            "row.csv",
            b"id,text\n1,a,b\n",
            "row.csv line 2: more fields than the header has (quote fields that contain commas)",
        ),
        (
            "junk.txt",
            b"Advertisement\n\nPinterest\n",
            "junk.txt: empty document after removing page junk",
        ),
    ],
)
def test_bad_single_input_exits_3_with_one_line(
    run_cli: CliRunner, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    """A bad input: one warning naming the file and line, then exit 3, no traceback."""
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli("read", path)
    assert result.exit_code == 3
    assert f"dedup: warning: {tmp_path}/{message}; skipped" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith(
        "no readable documents (1 skipped) (see the warnings above)"
    )


def test_missing_path_exits_3(run_cli: CliRunner, tmp_path: Path) -> None:
    """A path that does not exist: exit 3 and a message naming it."""
    result = run_cli("read", tmp_path / "missing")
    assert result.exit_code == 3
    assert (
        result.stderr
        == f"dedup: error: {tmp_path}/missing: no such file or directory (check the path)\n"
    )


def test_batch_skips_bad_file_and_strict_stops(run_cli: CliRunner, tmp_path: Path) -> None:
    """In a batch a bad file is skipped; with --strict the run stops at it."""
    (tmp_path / "a.txt").write_text("A good article about a flood.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x00")
    (tmp_path / "c.txt").write_text("Another good article about a fire.\n")
    result = run_cli("read", tmp_path)
    assert result.exit_code == 0
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["a.txt", "c.txt"]
    assert result.stderr.count("warning") == 1
    strict = run_cli("read", "--strict", tmp_path)
    assert strict.exit_code == 3
    assert (
        strict.stderr
        == f"dedup: error: {tmp_path}/b.txt: binary file, not text (give a text, HTML, JSONL or CSV file)\n"
    )


def test_usage_error_exits_2(run_cli: CliRunner) -> None:
    """An unknown option is a usage error, exit 2."""
    result = run_cli("read", "--no-such-option", ".")
    assert result.exit_code == 2


def test_a_field_name_that_matches_nothing_is_summed_up(run_cli: CliRunner, tmp_path: Path) -> None:
    """--text-field naming no record's field: three warnings listing the fields each record
    has, one line counting the rest, then the error; not one warning per record."""
    path = tmp_path / "a.jsonl"
    path.write_text(
        "".join(json.dumps({"id": str(n), "content": "Text."}) + "\n" for n in range(10))
    )
    result = run_cli("read", path, "--text-field", "body")
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f'dedup: warning: {path} line 1: no "body" field (it has content, id; name the text '
        "field with --text-field); skipped"
    )
    assert len(lines) == 5 and lines[2].startswith(f"dedup: warning: {path} line 3:")
    assert lines[3] == 'dedup: warning: 7 more skipped, each with: no "body" field'
    assert lines[4].startswith(f"dedup: error: {path}: no readable documents (10 skipped)")


def test_short_version_and_help(run_cli: CliRunner) -> None:
    """`-V` prints the version; `-h` is `--help` for the app and every command."""
    assert run_cli("-V").stdout == f"dedup {__version__}\n"
    for command in (("diff",), ("explain",), ("cluster",), ("index", "add"), ("check",)):
        result = run_cli(*command, "-h")
        assert result.exit_code == 0 and result.stdout.startswith("Usage: dedup"), command


def test_shell_completion_through_the_real_cli() -> None:
    """`--show-completion bash` prints the script; the completion protocol offers --format's
    choices and the commands, from the installed `dedup`."""
    dedup_bin = Path(sys.executable).parent / "dedup"
    script = subprocess.run(
        [dedup_bin, "--show-completion", "bash"], capture_output=True, text=True, check=True
    )
    assert "_DEDUP_COMPLETE=complete_bash" in script.stdout
    help_text = subprocess.run([dedup_bin, "--help"], capture_output=True, text=True).stdout
    assert "--install-completion" in help_text

    def complete(*words: str) -> list[str]:
        env = {
            "_DEDUP_COMPLETE": "complete_bash",
            "COMP_WORDS": " ".join(words),
            "COMP_CWORD": str(len(words) - 1),
        }
        done = subprocess.run([dedup_bin], env=env, capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert complete("dedup", "diff", "--format", "") == [
        "terminal",
        "json",
        "jsonl",
        "markdown",
        "html",
    ]
    assert complete("dedup", "ex") == ["explain"]


def test_cat_into_diff_dash(tmp_path: Path) -> None:
    """`cat a.txt | dedup diff - b.txt` reads the left report from standard input."""
    from tests.conftest import SEED_LEFT, SEED_RIGHT

    dedup_bin = Path(sys.executable).parent / "dedup"
    piped = subprocess.run(
        [dedup_bin, "diff", "-", SEED_RIGHT, "--format", "json"],
        input=SEED_LEFT.read_bytes(),
        capture_output=True,
        check=True,
    )
    named = subprocess.run(
        [dedup_bin, "diff", SEED_LEFT, SEED_RIGHT, "--format", "json"],
        capture_output=True,
        check=True,
    )
    left = json.loads(piped.stdout)["left"]
    assert (left["id"], left["source"]) == ("stdin", "<stdin>")
    unnamed = json.loads(named.stdout)
    assert json.loads(piped.stdout)["alignment"] == unnamed["alignment"]


@pytest.mark.parametrize(
    "args", [("read",), ("facts", "--format", "jsonl"), ("cluster", "--format", "jsonl")]
)
def test_dash_reads_jsonl_from_standard_input(
    run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """`-` with --input-format jsonl reads records from standard input, as a file would be."""
    import io

    from tests.conftest import CORPUS

    lines = (CORPUS / "ecbplus" / "documents.jsonl").read_bytes().splitlines(keepends=True)[:6]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"".join(lines))))
    piped = run_cli(args[0], "-", "--input-format", "jsonl", *args[1:])
    assert piped.exit_code == 0, piped.stderr
    ids = sorted(json.loads(line)["id"] for line in piped.stdout.splitlines())
    assert ids == sorted(json.loads(line)["id"] for line in lines)
