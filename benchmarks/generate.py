"""Deterministic news-like documents for benchmarks, derived from real articles.

Every sentence comes from a real article (corpus/seeds, corpus/ecbplus, and the gva
development half in ../shared/data when present); nothing is random words. The generator
builds stories and copies of them:

- the first stories are the real articles themselves;
- later stories are composites of one event: a window of an article's paragraphs with a run
  of paragraphs from another report of the same event (same gold cluster) spliced in;
- about 40% of documents are copies of a recent story with the edits syndication makes:
  sentences dropped, paragraphs reordered, figures changed, a new lead sentence (taken from
  another report of the same event), or verbatim.

Document i depends only on (seed, i), so any prefix of a run is the same documents, and
`python -m benchmarks.generate 100000 out.jsonl` writes the same bytes on every machine.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
GENERATOR_VERSION = 1
COPY_SHARE = 0.4
# A copy is made of a story seen among the last RECENT documents, as syndication happens
# within days, not across the whole archive.
RECENT = 2000

# A sentence ends at . ! or ? (maybe followed by a closing quote) before a capital or a digit.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“A-Z0-9])")
_FIGURE = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b")

Paragraph = tuple[str, ...]
Article = tuple[Paragraph, ...]


@dataclass(frozen=True)
class Pool:
    """Real articles split into paragraphs of sentences, grouped by event."""

    articles: tuple[Article, ...]
    event_of: tuple[int, ...]  # article index -> event index
    members: tuple[tuple[int, ...], ...]  # event index -> article indexes
    origin: str  # what was read, for the results table


def _split(text: str) -> Article:
    paragraphs = []
    for block in text.split("\n\n"):
        sentences = tuple(s.strip() for s in _SENTENCE_END.split(block.strip()) if s.strip())
        if sentences:
            paragraphs.append(sentences)
    return tuple(paragraphs)


def _read_jsonl(path: Path, *, skip_junk: bool) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if skip_junk and record.get("likely_junk"):
                continue
            yield str(record.get("cluster", record["id"])), str(record["text"])


def load_pool(*, shared: Path = SHARED_DATA) -> Pool:
    """All real articles this machine has, in a fixed order, with their events."""
    sources: list[tuple[str, str]] = []
    origin = ["corpus/seeds", "corpus/ecbplus"]
    for path in sorted((ROOT / "corpus" / "seeds").glob("*.txt")):
        sources.append(("seeds", path.read_text(encoding="utf-8")))
    ecb = _read_jsonl(ROOT / "corpus" / "ecbplus" / "documents.jsonl", skip_junk=False)
    sources.extend((f"ecb:{event}", text) for event, text in ecb)
    gva = shared / "gva" / "documents.jsonl"
    if gva.exists():
        origin.append("../shared/data/gva")
        sources.extend((f"gva:{ev}", text) for ev, text in _read_jsonl(gva, skip_junk=True))
    articles: list[Article] = []
    events: dict[str, int] = {}
    event_of: list[int] = []
    for event, text in sources:
        article = _split(text)
        if sum(map(len, article)) < 3:
            continue
        articles.append(article)
        event_of.append(events.setdefault(event, len(events)))
    members: list[list[int]] = [[] for _ in events]
    for index, event_index in enumerate(event_of):
        members[event_index].append(index)
    return Pool(
        articles=tuple(articles),
        event_of=tuple(event_of),
        members=tuple(tuple(m) for m in members),
        origin=" + ".join(origin),
    )


def _story(pool: Pool, story: int, *, seed: int) -> Article:
    """Story `story`: a real article, or past the pool's end a composite of one event."""
    count = len(pool.articles)
    if story < count:
        return pool.articles[story]
    rng = random.Random(f"story:{seed}:{story}")
    main = rng.randrange(count)
    article = pool.articles[main]
    size = max(2, round(len(article) * rng.uniform(0.5, 0.9)))
    start = rng.randrange(max(1, len(article) - size + 1))
    body = list(article[start : start + size])
    others = [i for i in pool.members[pool.event_of[main]] if i != main]
    other = pool.articles[rng.choice(others) if others else rng.randrange(count)]
    run = rng.randint(1, 3)
    at = rng.randrange(max(1, len(other) - run + 1))
    body[rng.randint(0, len(body)) : 0] = other[at : at + run]
    return tuple(body)


def _change_figure(match: re.Match[str], rng: random.Random) -> str:
    text = match.group(0)
    if rng.random() < 0.5 or "." in text:
        return text
    value = int(text.replace(",", ""))
    if 1900 <= value <= 2099 and "," not in text:
        return text  # a year: copies keep their dates
    changed = max(0, value + rng.choice((-1, 1)) * rng.randint(1, max(1, value // 5)))
    return f"{changed:,}" if "," in text else str(changed)


def _edit(pool: Pool, article: Article, story: int, rng: random.Random) -> tuple[Article, str]:
    """A syndicated copy of `article` with one or more realistic edits."""
    paragraphs = [list(p) for p in article]
    edits = [name for name in ("drop", "reorder", "figures", "lead") if rng.random() < 0.45]
    if not edits:
        return article, "verbatim"
    if "drop" in edits:
        for _ in range(rng.randint(1, 3)):
            index = rng.randrange(len(paragraphs))
            if len(paragraphs[index]) > 0 and sum(map(len, paragraphs)) > 3:
                paragraphs[index].pop(rng.randrange(len(paragraphs[index])))
        paragraphs = [p for p in paragraphs if p]
    if "reorder" in edits and len(paragraphs) > 2:
        i, j = sorted(rng.sample(range(1, len(paragraphs)), 2))
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    if "figures" in edits:
        paragraphs = [
            [_FIGURE.sub(lambda m: _change_figure(m, rng), s) for s in p] for p in paragraphs
        ]
    if "lead" in edits:
        main = story if story < len(pool.articles) else rng.randrange(len(pool.articles))
        others = pool.members[pool.event_of[main]]
        sentences = [s for p in pool.articles[rng.choice(others)] for s in p]
        lead = next((s for s in sentences if len(s.split()) >= 6), sentences[0])
        paragraphs.insert(0, [lead])
    return tuple(tuple(p) for p in paragraphs), "+".join(edits)


def document(pool: Pool, index: int, *, seed: int = 0) -> dict[str, str | int]:
    """Document `index` of the stream: id, text, and how it was made (never used for matching)."""
    rng = random.Random(f"doc:{seed}:{index}")
    if index == 0 or rng.random() >= COPY_SHARE:
        story, article, edit = index, _story(pool, index, seed=seed), "story"
    else:
        story = _story_of(rng.randrange(max(0, index - RECENT), index), seed=seed)
        article, edit = _edit(pool, _story(pool, story, seed=seed), story, rng)
    text = "\n\n".join(" ".join(paragraph) for paragraph in article)
    return {"id": f"gen-{index:07d}", "text": text, "story": story, "edit": edit}


def long_pair(pool: Pool, *, words: int = 1500) -> tuple[str, str]:
    """Two reports of one event of about `words` words each: a long article and a copy of it.

    The long article joins the reports of the event with the most text, paragraph by paragraph;
    the copy drops sentences, moves paragraphs, changes figures and has a new lead.
    """

    def size(members: tuple[int, ...]) -> int:
        return sum(len(" ".join(" ".join(p) for p in pool.articles[i]).split()) for i in members)

    event = max(range(len(pool.members)), key=lambda e: (size(pool.members[e]) >= 2 * words, -e))
    paragraphs: list[Paragraph] = []
    count = 0
    for member in pool.members[event]:
        for paragraph in pool.articles[member]:
            length = len(" ".join(paragraph).split())
            if count + length <= words:
                paragraphs.append(paragraph)
                count += length
    article = tuple(paragraphs)
    rng = random.Random("long-pair")
    copy = article
    while copy == article:
        copy, _edits = _edit(pool, article, pool.members[event][0], rng)
    return (
        "\n\n".join(" ".join(p) for p in article),
        "\n\n".join(" ".join(p) for p in copy),
    )


def _story_of(index: int, *, seed: int) -> int:
    """The story document `index` tells (copies of copies lead back to one story)."""
    while index > 0:
        rng = random.Random(f"doc:{seed}:{index}")
        if rng.random() >= COPY_SHARE:
            return index
        index = rng.randrange(max(0, index - RECENT), index)
    return 0


def generate(
    count: int, *, seed: int = 0, pool: Pool | None = None
) -> Iterator[dict[str, str | int]]:
    """The first `count` documents of the stream for `seed`."""
    pool = pool or load_pool()
    for index in range(count):
        yield document(pool, index, seed=seed)


def write_jsonl(path: Path, count: int, *, seed: int = 0, pool: Pool | None = None) -> Path:
    """Write the first `count` documents to `path` (one JSON object per line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for record in generate(count, seed=seed, pool=pool):
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    partial.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_jsonl(args.out, args.count, seed=args.seed)
    print(f"wrote {args.count} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
