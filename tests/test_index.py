"""The SQLite index: round trips, idempotent adds, statistics, parameter checks, crash safety."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedup.article import Article
from dedup.errors import IndexFileError
from dedup.index import SCHEMA_VERSION, Index
from dedup.index_rows import IndexEntry

META = {"match.num_perm": "128", "match.seed": "1"}


def _entry(
    doc_id: str, text: str, *, keys: tuple[int, ...] = (), terms: tuple[str, ...] = ()
) -> IndexEntry:
    article = Article(id=doc_id, text=text, title=f"T {doc_id}", published="2023-11-13")
    return IndexEntry(
        article=article,
        content_hash=f"h:{text}",
        signatures={"words": text.encode()[:8], "shingles": b"\x01\x02"},
        band_keys=keys,
        terms=terms,
    )


def test_add_is_idempotent_and_replaces_changed(tmp_path: Path) -> None:
    """Unchanged documents are skipped; a changed one replaces its entry."""
    path = tmp_path / "x.dedup"
    with Index.open(path, meta=META, create=True) as index:
        first = index.add_batch([_entry("a", "one", keys=(1, 2)), _entry("b", "two", keys=(2, 3))])
        again = index.add_batch([_entry("a", "one", keys=(1, 2))])
        changed = index.add_batch([_entry("a", "uno", keys=(9,))])
        assert (first.added, again.unchanged, changed.replaced) == (2, 1, 1)
        assert index.count() == 2
        assert index.candidates([1]) == []
        assert index.candidates([2, 9]) == ["a", "b"]
        (stored,) = index.get(["a"])
        assert stored.article.text == "uno"


def test_kept_count_equals_counted_rows(tmp_path: Path) -> None:
    """The stored document count follows adds, repeats within a batch and replacements."""
    path = tmp_path / "x.dedup"
    with Index.open(path, meta=META, create=True) as index:
        index.add_batch([_entry("a", "1"), _entry("b", "2"), _entry("a", "1 again")])
        index.add_batch([_entry("b", "two"), _entry("c", "3"), _entry("a", "1 again")])
        assert index.count() == 3
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_document_frequencies_follow_adds_and_replacements(tmp_path: Path) -> None:
    """Term document frequencies are kept up to date incrementally."""
    with Index.open(tmp_path / "x.dedup", meta=META, create=True) as index:
        index.add_batch(
            [_entry("a", "1", terms=("karabakh", "baku")), _entry("b", "2", terms=("baku",))]
        )
        assert index.document_frequencies(["baku", "karabakh", "x"]) == {
            "baku": 2,
            "karabakh": 1,
            "x": 0,
        }
        index.add_batch([_entry("a", "changed", terms=("yerevan",))])
        assert index.document_frequencies(["baku", "karabakh", "yerevan"]) == {
            "baku": 1,
            "karabakh": 0,
            "yerevan": 1,
        }


article_text = st.text(min_size=1, max_size=200)


# Each example creates an SQLite file: disk I/O on a busy machine, so no per-example deadline.
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=article_text,
    title=st.none() | st.text(max_size=40),
    removed=st.lists(st.text(max_size=20), max_size=3),
    extra=st.dictionaries(st.text(max_size=8), st.integers() | st.text(max_size=8), max_size=3),
)
def test_round_trip_is_lossless(
    tmp_path: Path, text: str, title: str | None, removed: list[str], extra: dict[str, object]
) -> None:
    """What goes into the index comes back out unchanged."""
    path = tmp_path / "rt.dedup"
    path.unlink(missing_ok=True)
    article = Article(id="d", text=text, title=title, removed=tuple(removed), extra=extra)
    entry = IndexEntry(
        article=article,
        content_hash="h",
        signatures={"s": b"\x00\xff" * 4},
        band_keys=(-(2**63), 2**63 - 1),
    )
    with Index.open(path, meta=META, create=True) as index:
        index.add_batch([entry])
    with Index.open(path, meta=META) as index:
        (stored,) = list(index.documents())
        assert stored.article == article
        assert stored.article.extra == extra
        assert stored.signatures == {"s": b"\x00\xff" * 4}
        assert index.candidates([2**63 - 1]) == ["d"]


def test_missing_index_is_an_error(tmp_path: Path) -> None:
    """Opening an index that does not exist without create says how to make one."""
    with pytest.raises(IndexFileError, match="no such index"):
        Index.open(tmp_path / "none.dedup", meta=META)


def test_other_parameters_are_refused(tmp_path: Path) -> None:
    """An index built with other parameters is a clear error naming the parameter."""
    path = tmp_path / "x.dedup"
    Index.open(path, meta=META, create=True).close()
    with pytest.raises(
        IndexFileError, match=r"built with match.num_perm=128, this run uses match.num_perm=256"
    ):
        Index.open(path, meta={**META, "match.num_perm": "256"})


def test_corrupt_file_is_refused(tmp_path: Path) -> None:
    """A file that is not SQLite is refused with a message, not a traceback."""
    path = tmp_path / "junk.dedup"
    path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(IndexFileError, match="not a dedup index or corrupt"):
        Index.open(path, meta=META)


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    """An SQLite file of some other program is not taken for an index."""
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(IndexFileError, match="an SQLite file, but not a dedup index"):
        Index.open(path, meta=META)


def test_other_schema_version_is_refused(tmp_path: Path) -> None:
    """An index of another schema version asks to be rebuilt."""
    path = tmp_path / "x.dedup"
    Index.open(path, meta=META, create=True).close()
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(IndexFileError, match="rebuild"):
        Index.open(path, meta=META)


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dedup.article import Article
    from dedup.index import Index
    from dedup.index_rows import IndexEntry
    index = Index.open(Path(sys.argv[1]), meta={"match.num_perm": "128"}, create=True)
    batch = 0
    while True:
        entries = [
            IndexEntry(
                article=Article(id=f"{batch}-{i}", text="x" * 2000),
                content_hash=f"{batch}-{i}",
                signatures={"s": bytes(1024)},
                band_keys=tuple(range(batch * 1000 + i * 10, batch * 1000 + i * 10 + 10)),
                terms=(f"t{i}",),
            )
            for i in range(50)
        ]
        index.add_batch(entries)
        print(batch, flush=True)
        batch += 1
    """
)


def test_kill_9_mid_add_keeps_committed_batches(tmp_path: Path) -> None:
    """SIGKILL while batches are being written leaves an index that opens with every commit."""
    path = tmp_path / "k.dedup"
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    committed = -1
    for line in proc.stdout:
        committed = int(line)
        if committed >= 5:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    with Index.open(path, meta={"match.num_perm": "128"}) as index:
        assert index.count() >= (committed + 1) * 50
        assert index.count() % 50 == 0
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
