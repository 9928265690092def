"""The article: what every stage after reading works on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """One document as read and cleaned.

    `text` is the article text after cleaning; `removed` holds the page junk that cleaning took
    out, so reports can show it. `extra` keeps unknown input fields as metadata: it is never used
    for matching (the evaluation reads its gold label from there).
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    removed: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # Where it was read: a file path, with " line N" for a jsonl or csv record. Unlike `source`,
    # which a record may set to anything, this is a real place (GitHub annotations point at it).
    location: str | None = field(default=None, compare=False)

    def with_text(self, text: str, *, removed: tuple[str, ...]) -> Article:
        """A copy with new text and the junk removed from it."""
        return replace(self, text=text, removed=self.removed + removed)

    def metadata(self) -> dict[str, str | None]:
        """The metadata that reports show, in a fixed order."""
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "source": self.source,
        }
