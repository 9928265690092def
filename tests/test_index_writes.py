"""Index writes: idempotent adds, replacements, kept counts and frequencies, crash safety."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

from dedup.article import Article
from dedup.index import Index
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
