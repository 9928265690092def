"""Cleaning and representing a stream of articles in batches, on several processes.

Reading, cleaning and representing cost about a millisecond a document in Python, most of the
clustering time of a large corpus; each document is independent of the others, so batches of
them go to a pool of worker processes. Results come back in input order and each document's
features depend on that document only, so the output is the same for any number of jobs. At
most a few batches are in flight: memory holds the features, never the corpus's text.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from dedup.article import Article
from dedup.clean import clean_article
from dedup.represent import Features, represent_many
from dedup.settings import MatchSettings
from dedup.tokens import rarity

BATCH = 500
# Batches queued per worker: enough to keep every worker busy while results are collected.
AHEAD = 2


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def features_of(
    articles: Iterable[Article],
    *,
    settings: MatchSettings,
    jobs: int = 1,
    clean: bool = True,
    on_empty: Callable[[Article], None] = lambda article: None,
    batch: int = BATCH,
) -> Iterator[Features]:
    """The features of each article (cleaned first with `clean`), in input order, without term
    strings (`Features.terms` is empty: clustering needs only their hashes). An article that
    cleaning leaves empty is passed to `on_empty` instead of being represented. `jobs` > 1
    uses worker processes once there is more than one batch."""
    batches = _batched(articles, batch)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    parts = _chain(first, second, batches)
    if jobs <= 1 or second is None:
        for part in parts:
            yield from _collect(part, _work(part, settings=settings, clean=clean), on_empty)
        return
    rarity("the")  # load the frequency table once, before the workers fork from this process
    with ProcessPoolExecutor(max_workers=jobs, mp_context=process_context()) as pool:
        pending: deque[tuple[list[Article], Future[list[Features | None]]]] = deque()
        for part in parts:
            pending.append((part, pool.submit(_work, part, settings=settings, clean=clean)))
            while len(pending) > AHEAD * jobs:
                done, future = pending.popleft()
                yield from _collect(done, future.result(), on_empty)
        while pending:
            done, future = pending.popleft()
            yield from _collect(done, future.result(), on_empty)


def _chain(
    first: list[Article], second: list[Article] | None, rest: Iterator[list[Article]]
) -> Iterator[list[Article]]:
    yield first
    if second is not None:
        yield second
        yield from rest


def process_context() -> multiprocessing.context.BaseContext:
    """Fork where there is fork (workers start at once with the tables already loaded)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _batched(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while part := list(islice(iterator, size)):
        yield part


def _work(
    articles: list[Article], *, settings: MatchSettings, clean: bool
) -> list[Features | None]:
    """One batch's features (None for an article that cleaning empties)."""
    if not clean:
        return list(represent_many(articles, settings=settings, terms=False))
    cleaned = [clean_article(article) for article in articles]
    kept = [article for article in cleaned if article.text.strip()]
    features = iter(represent_many(kept, settings=settings, terms=False))
    return [next(features) if article.text.strip() else None for article in cleaned]


def _collect(
    articles: list[Article],
    features: list[Features | None],
    on_empty: Callable[[Article], None],
) -> Iterator[Features]:
    for article, found in zip(articles, features, strict=True):
        if found is None:
            on_empty(article)
        else:
            yield found
