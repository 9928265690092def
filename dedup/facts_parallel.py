"""The facts of many documents on several processes, in input order, as they are done.

Extracting one article's facts takes milliseconds of regular expressions and sentence
splitting, all Python: worker processes take chunks of articles while this process reads the
next ones, and each result is handed on as soon as it and every earlier one are done, so the
first document's facts come out while the rest are still being read. The first chunks are one
article, then two, four… (up to `_LARGEST_CHUNK`): the first answer is not kept waiting behind
a large chunk, and later ones cost few round trips. At most two chunks per worker are in flight.

Workers are forked from this process after the extraction modules are loaded (their regular
expressions compiled, the count patterns too), so they start at once; they can also turn each
result into what the caller writes (`shape`, e.g. a JSON line), which then costs this process
nothing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import islice
from typing import TypeVar

from dedup.article import Article
from dedup.factcheck import ArticleFacts
from dedup.factcheck.count_patterns import compile_all
from dedup.workers import process_context, start_worker, stop_pool

_Out = TypeVar("_Out")
_LARGEST_CHUNK = 16
# Chunks in flight per worker: one being extracted, one waiting.
_AHEAD = 2


def article_facts(article: Article) -> ArticleFacts:
    """`dedup.facts(article)`: the facts and summary of one article, cleaned first."""
    from dedup.api import facts

    return facts(article)


def facts_in_order(
    articles: Iterable[Article],
    *,
    jobs: int,
    shape: Callable[[ArticleFacts], _Out],
) -> Iterator[_Out]:
    """`shape(article_facts(a))` for each article, in order, computed on `jobs` processes
    (one: in this process, one article at a time)."""
    if jobs <= 1:
        for article in articles:
            yield shape(article_facts(article))
        return
    compile_all()
    work = partial(_shaped_chunk, shape=shape)
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=process_context(), initializer=start_worker
    )
    pending: deque[Future[list[_Out]]] = deque()
    chunks = _chunks(iter(articles))
    finished = False
    try:
        for chunk in islice(chunks, _AHEAD * jobs):
            pending.append(pool.submit(work, chunk))
        while pending:
            # Handed on before more is read: the first answer waits for no further input.
            yield from pending.popleft().result()
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(work, chunk))
        finished = True
    finally:
        stop_pool(pool, finished=finished)


def _shaped_chunk(articles: list[Article], *, shape: Callable[[ArticleFacts], _Out]) -> list[_Out]:
    return [shape(article_facts(article)) for article in articles]


def _chunks(articles: Iterator[Article]) -> Iterator[list[Article]]:
    """Lists of 1, 2, 4… up to `_LARGEST_CHUNK` consecutive articles."""
    size = 1
    while chunk := list(islice(articles, size)):
        yield chunk
        size = min(2 * size, _LARGEST_CHUNK)
