"""Reading, cleaning and representing on worker processes that read their own parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedup.clean import clean_article
from dedup.errors import InputError
from dedup.parallel_read import read_features
from dedup.read import DEFAULT_FIELDS, read_paths
from dedup.represent import Features, represent
from dedup.settings import DEFAULT_SETTINGS

from .conftest import write_messy_corpus

MATCH = DEFAULT_SETTINGS.match


def _one_process(root: Path) -> tuple[list[Features], list[str]]:
    """What reading in order gives: the first of each id, sorted by id, and the problems."""
    problems: list[str] = []
    seen: dict[str, Features] = {}
    emptied: list[str] = []
    for raw in read_paths([root], on_problem=lambda p: problems.append(str(p))):
        article = clean_article(raw)
        if not article.text.strip():
            emptied.append(
                str(
                    InputError(
                        article.source or article.id, "empty document after removing page junk"
                    )
                )
            )
            continue
        seen[article.id] = represent(article, settings=MATCH, terms=False)
    return [seen[key] for key in sorted(seen)], problems + emptied


@pytest.mark.parametrize("jobs", [1, 2])
def test_parts_give_the_features_and_warnings_of_reading_in_order(
    tmp_path: Path, jobs: int
) -> None:
    """Small parts cut the jsonl file into line ranges; the result is the same as one reader."""
    root = write_messy_corpus(tmp_path)
    expected, expected_warnings = _one_process(root)
    read = read_features(
        [root], settings=MATCH, fields=DEFAULT_FIELDS, strict=False, jobs=jobs, part_bytes=20_000
    )
    assert [f.id for f in read.features] == [f.id for f in expected]
    for got, want in zip(read.features, expected, strict=True):
        assert got.content_hash == want.content_hash and got.words == want.words
        assert got.shingles.tolist() == want.shingles.tolist()
        assert got.weights.tolist() == want.weights.tolist()
    assert [str(w) for w in read.warnings] == expected_warnings
    assert any("duplicate id 'doc-0'" in str(w) for w in read.warnings)


def test_strict_raises_the_first_problem(tmp_path: Path) -> None:
    """With strict, the first problem in reading order is raised."""
    root = write_messy_corpus(tmp_path)
    with pytest.raises(InputError, match="line 6"):
        read_features(
            [root], settings=MATCH, fields=DEFAULT_FIELDS, strict=True, jobs=2, part_bytes=20_000
        )
