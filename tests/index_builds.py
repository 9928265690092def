"""Index builds the tests of the parallel `index add` paths compare: the one-process stream of
articles, every row of an index file, and a corpus in two versions."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from dedup.api import read
from dedup.article import Article
from dedup.errors import InputError
from dedup.index import Index
from dedup.index_writes import AddResult
from dedup.indexing import add_articles, open_index
from dedup.settings import DEFAULT_SETTINGS
from tests.conftest import CORPUS

# A parallel way of adding: (index, on_warning, on_batch) -> the counts.
AddWay = Callable[[Index, Callable[[InputError], None], Callable[[AddResult], None]], AddResult]

TABLES = ("meta", "documents", "signatures", "bands", "staged_bands", "terms", "counts")


def stream_articles(paths: list[Path], warnings: list[str], *, strict: bool) -> Iterator[Article]:
    """The articles the local `dedup index add` adds: read, cleaned, emptied ones warned about."""

    def report(problem: InputError) -> None:
        if strict:
            raise problem
        warnings.append(str(problem))

    yield from read(*paths, on_problem=report)


def dump_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of an index file, in primary-key order."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in TABLES
        }


def versions_corpus(tmp_path: Path, *, changed: bool) -> Path:
    """A jsonl corpus with a bad line, repeated ids and an emptied document; `changed` edits
    some texts and adds documents, as a later version of the same collection would."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "seeds").glob("*.txt"))]
    lines = []
    for n in range(30 if changed else 24):
        edit = f" Edited {n}." if changed and n % 4 == 0 else ""
        record = {"id": f"doc-{n % 20}", "text": texts[n % 2] + f"\n\nUpdate {n}.{edit}"}
        lines.append(json.dumps(record))
    lines[5] = "{not json"
    lines[9] = json.dumps({"id": "blank", "text": "Accept cookies"})
    folder = tmp_path / ("v2" if changed else "v1")
    folder.mkdir()
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(texts[0], encoding="utf-8")
    return folder


def add_both_ways(
    paths: list[Path],
    tmp_path: Path,
    parallel: AddWay,
    *,
    names: tuple[str, str],
    strict: bool = False,
    batch_size: int = 37,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Add `paths` to NAME.dedup in one process from a stream of articles (the first name) and
    with `parallel` (the second): per way the result (or the error), the batches committed and
    the warnings."""
    runs: list[dict[str, Any]] = []
    for name in names:
        batches: list[AddResult] = []
        warnings: list[str] = []
        outcome: AddResult | InputError
        with open_index(tmp_path / f"{name}.dedup", create=True) as index:
            try:
                if name == names[0]:
                    outcome = add_articles(
                        index,
                        stream_articles(paths, warnings, strict=strict),
                        settings=DEFAULT_SETTINGS.match,
                        batch_size=batch_size,
                        on_batch=batches.append,
                    )
                else:
                    outcome = parallel(index, partial(_note, warnings), batches.append)
            except InputError as error:
                outcome = error
        runs.append({"outcome": str(outcome), "batches": batches, "warnings": warnings})
    return runs[0], runs[1]


def _note(warnings: list[str], problem: InputError) -> None:
    warnings.append(str(problem))
