"""`dedup.Index`: the persistent index as the public API shows it (open, add, check, stats).

A thin handle over `dedup.index.Index` (the SQLite file) and `dedup.indexing` (entries), bound
to the settings the index was built with: opening it with other match settings is refused
(`IndexFileError`), never silently mixed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from dedup.article import Article
from dedup.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from dedup import index as store
    from dedup.check_report import CheckReport
    from dedup.index import AddResult, IndexStats

Progress = Callable[[str, int, int], None]


class Index:
    """An index file: `add` articles to it, `check` new articles against it.

    With `create`, a missing file is created; otherwise a missing or foreign file, or one
    built with other match settings, raises `IndexFileError`; `writable=False` opens it
    read-only. Close it, or use it in a `with` block.

    >>> import dedup, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "news.dedup"
    >>> story = "Six people were killed when a landmine exploded near Khojavand on Tuesday."
    >>> with dedup.Index(path, create=True) as index:
    ...     index.add([dedup.Article(id="a", text=story)]).added
    1
    >>> with dedup.Index(path) as index:
    ...     report = index.check([dedup.Article(id="b", text=story + " Officials said.")])
    >>> report.failed, report.findings[0].best.relation, report.findings[0].best.id
    (True, 'near-duplicate', 'a')
    >>> report.to_dict()["findings"][0]["status"]
    'fail'
    """

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = False,
        writable: bool = True,
        settings: Settings = DEFAULT_SETTINGS,
    ) -> None:
        from dedup.indexing import open_index

        self.path = Path(path)
        self.settings = settings
        # A handle that only queries (`writable=False`) opens the file read-only: it never
        # writes, and an index on a read-only mount can still be read.
        self._store: store.Index = open_index(
            self.path, settings=settings, create=create, writable=writable
        )

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; every committed batch is already on disk."""
        self._store.close()

    @property
    def store(self) -> store.Index:
        """The SQLite index underneath, for the engines that write to it directly."""
        return self._store

    def __len__(self) -> int:
        return self._store.count()

    def add(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int = 1000,
        on_batch: Callable[[AddResult], None] | None = None,
    ) -> AddResult:
        """Add articles (cleaned first), one transaction per `batch_size`: a new id is added,
        a known id with other content replaced, one with the same content left unchanged.
        `on_batch` is called with each committed batch's counts."""
        from dedup.clean import clean_article
        from dedup.indexing import add_articles

        return add_articles(
            self._store,
            (clean_article(article) for article in articles),
            settings=self.settings.match,
            batch_size=batch_size,
            on_batch=on_batch,
        )

    def check(
        self,
        articles: Iterable[Article],
        *,
        fail_on: str = "near-duplicate",
        progress: Progress | None = None,
    ) -> CheckReport:
        """Compare new articles with the index and with each other; the report fails when one
        matches at or above `fail_on` (duplicate, near-duplicate or same-event)."""
        from dedup.check import check_articles, with_indexed_ids
        from dedup.clean import clean_article
        from dedup.pipeline import no_progress

        cleaned = with_indexed_ids([clean_article(article) for article in articles], self._store)
        return check_articles(
            cleaned,
            self._store,
            settings=self.settings,
            fail_on=fail_on,
            progress=progress or no_progress,
        )

    def stats(self) -> IndexStats:
        """How many documents, band keys and terms the index holds, its size and parameters."""
        return self._store.stats()

    def articles(self) -> Iterator[Article]:
        """Every indexed article (cleaned, as added), in id order."""
        for document in self._store.documents():
            yield document.article
