"""The ECB+ sample corpus, cleaned and clustered once for the tests that read its clusters."""

from __future__ import annotations

from functools import cache

from dedup.article import Article
from dedup.clean import clean_article
from dedup.cluster_result import ClusterResult
from dedup.pipeline import cluster_articles
from dedup.read import read_paths

from .conftest import CORPUS

ECB = CORPUS / "ecbplus" / "documents.jsonl"


@cache
def ecb_articles() -> tuple[Article, ...]:
    """Every ECB+ sample document, cleaned."""
    return tuple(clean_article(a) for a in read_paths([ECB]))


@cache
def ecb_result() -> ClusterResult:
    """The clustering of `ecb_articles` with the default settings."""
    return cluster_articles(ecb_articles())
