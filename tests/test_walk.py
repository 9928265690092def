"""Which files a command reads: sorted, every entry that cannot be read listed for a warning."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from dedup.errors import InputError
from dedup.walk import file_problem, input_files, shown


def _listed(*paths: Path) -> list[str]:
    return [rel for _path, rel in input_files(paths)]


def test_folder_order_and_what_is_left_out(tmp_path: Path) -> None:
    """Sorted relative paths; hidden entries, other suffixes and README-like files left out."""
    for name in ("b.txt", "a/z.md", "a/y.jsonl", ".git/x.txt", "notes.pdf", "README.md", "c.csv"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    assert _listed(tmp_path) == ["a/y.jsonl", "a/z.md", "b.txt", "c.csv"]


def test_special_entries_are_listed_for_their_warning(tmp_path: Path) -> None:
    """A FIFO, a link loop and a broken link with an article suffix are listed, in order; a link
    to a folder is not followed (a loop of folders cannot hang the walk)."""
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").symlink_to("c.txt")
    (tmp_path / "d.txt").symlink_to("missing.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path)
    (tmp_path / "sub" / "e.txt").write_text("x")
    assert _listed(tmp_path) == ["b.txt", "c.txt", "d.txt", "sub/e.txt"]
    problems = {rel: file_problem(path) for path, rel in input_files([tmp_path])}
    assert [str(problem) if problem else None for problem in problems.values()] == [
        f"{tmp_path}/b.txt: not a regular file (a FIFO) (give a text, HTML, JSONL or CSV file)",
        f"{tmp_path}/c.txt: symbolic link loop (fix or remove the link)",
        f"{tmp_path}/d.txt: broken symbolic link (its target does not exist) (fix the link)",
        None,
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such file or directory (check the path)"),
        (lambda p: p.symlink_to(p), "symbolic link loop (fix or remove the link)"),
    ],
    ids=["missing", "loop"],
)
def test_a_path_given_that_cannot_be_found_is_raised(
    tmp_path: Path, make: Callable[[Path], object], message: str
) -> None:
    """A missing path or a link loop given on the command line stops the run, naming it."""
    path = tmp_path / "x.txt"
    make(path)
    with pytest.raises(InputError) as raised:
        _listed(path)
    assert str(raised.value) == f"{path}: {message}"


def test_names_that_are_not_utf8_are_shown_escaped(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 in a name become `\\xe9`, printable and stable."""
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text("x")
    assert _listed(tmp_path) == ["caf\\xe9.txt"]
    assert shown(Path(os.fsdecode(b"/a/\xff.txt"))) == "/a/\\xff.txt"
    assert shown("plain/é.txt") == "plain/é.txt"
