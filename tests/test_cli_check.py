"""`dedup check --summary FILE`: the markdown report appended for a CI job summary."""

from __future__ import annotations

from pathlib import Path

from .conftest import SEED_LEFT, SEED_RIGHT, CliRunner


def _index(run_cli: CliRunner, tmp_path: Path) -> Path:
    index = tmp_path / "seeds.dedup"
    assert run_cli("index", "add", SEED_LEFT, "--index", index).exit_code == 0
    return index


def test_summary_appends_the_markdown_report(run_cli: CliRunner, tmp_path: Path) -> None:
    """Each run appends its markdown report to FILE, after what FILE held."""
    index = _index(run_cli, tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("# Job\n", encoding="utf-8")
    args = ("check", SEED_RIGHT, "--index", index, "--summary", summary)
    first = run_cli(*args)
    assert first.exit_code == 0, first.stderr
    once = summary.read_text(encoding="utf-8")
    assert once.startswith("# Job\n") and len(once) > len("# Job\n")
    run_cli(*args)
    assert summary.read_text(encoding="utf-8") == once + once[len("# Job\n") :]


def test_summary_in_a_missing_folder_fails_before_the_work(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A --summary FILE that cannot be written is exit 3 before the index is opened."""
    missing_index = tmp_path / "none.dedup"
    summary = tmp_path / "nope" / "summary.md"
    result = run_cli("check", SEED_RIGHT, "--index", missing_index, "--summary", summary)
    assert result.exit_code == 3
    assert "summary.md: cannot write" in result.stderr and "none.dedup" not in result.stderr
    assert not missing_index.exists()


def test_one_document_is_counted_in_the_singular(run_cli: CliRunner, tmp_path: Path) -> None:
    """The terminal verdict of a check of one document says "1 document", not "1 documents"."""
    index = _index(run_cli, tmp_path)
    result = run_cli("check", SEED_RIGHT, "--index", index)
    assert result.exit_code == 0, result.stderr
    assert ": 1 document against " in result.stdout
