"""Where representing a document goes, stage by stage, as a markdown table.

    python -m benchmarks.represent_stages /tmp/dedup-bench/docs-10000-v1-gva.jsonl

The stages of `dedup.represent.represent_many` on the first `--docs` cleaned documents, in
batches of 500; the spelling table is emptied and warmed on the next `--docs` before each
repeat, so spellings first seen in the timed documents are judged while timed. Best of
`--repeats` per stage, one core (pin it: `taskset -c 0`).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from itertools import islice, pairwise
from pathlib import Path

import numpy as np

from benchmarks.stages import print_table
from dedup import spellings
from dedup.article import Article
from dedup.clean import clean_article
from dedup.event_dates import date_starts, event_days
from dedup.full_names import full_names
from dedup.outlets import domain_words, outlet_of
from dedup.read import read_paths
from dedup.represent import BATCH, _with_title, _years
from dedup.scan import scan
from dedup.settings import MatchSettings
from dedup.shingles import shingle_hashes
from dedup.spellings import TERMS, token_values
from dedup.term_arrays import content_terms, name_tokens, outlet_tokens

MATCH = MatchSettings()
STAGES = (
    "`scan` (code points → tokens → spelling keys, words text)",
    "`token_values` (distinct spellings, table look-up, new ones hashed and judged)",
    "outlets (URL host, domain words, their tokens)",
    "full names (given name, surname: arrays, then one string a name)",
    "content terms (one sort on document and hash)",
    "shingles (5-gram multiply-accumulate, sort, distinct)",
    "years named (regular expression)",
    "content hash (lowercased words, SHA-1)",
    "event days (where dates start, then matched there; only with a publication date)",
)


def _batches(articles: list[Article]) -> list[list[Article]]:
    return [articles[start : start + BATCH] for start in range(0, len(articles), BATCH)]


def time_stages(timed: list[Article], warmup: list[Article], *, repeats: int) -> list[float]:
    """Best seconds per stage over `repeats`."""
    best = [float("inf")] * len(STAGES)
    terms = {"min_rarity": MATCH.min_rarity, "number_weight": MATCH.number_weight}
    for _ in range(repeats):
        spellings.clear()
        for batch in _batches(warmup):
            token_values(scan([_with_title(a) for a in batch]), **terms)
        spent = [0.0] * len(STAGES)
        for batch in _batches(timed):
            texts = [_with_title(article) for article in batch]
            marks = [time.perf_counter()]
            scanned = scan(texts)
            marks.append(time.perf_counter())
            values = token_values(scanned, **terms)
            marks.append(time.perf_counter())
            own = [domain_words(outlet_of(article)) for article in batch]
            dropped = outlet_tokens(scanned, values, own)
            marks.append(time.perf_counter())
            found = full_names(scanned, values.name_part)
            names = [[TERMS.number(name) for name in listed] for listed in found]
            marks.append(time.perf_counter())
            extra = name_tokens(names, weight=MATCH.full_name_weight)
            content_terms(
                scanned, values, name_boost=MATCH.name_boost, dropped=dropped, extra=extra
            )
            marks.append(time.perf_counter())
            for first, last in pairwise(scanned.docs.tolist()):
                shingle_hashes(values.word_hash[first:last], n=MATCH.shingle_size)
            marks.append(time.perf_counter())
            for article in batch:
                _years(article.text)
            marks.append(time.perf_counter())
            for words in scanned.words_texts():
                hashlib.sha1(words.lower().replace(",", "").encode("utf-8")).hexdigest()
            marks.append(time.perf_counter())
            published = np.array([bool(article.published) for article in batch], dtype=bool)
            starts = date_starts(scanned, values.date_back, wanted=published)
            for text, article, at in zip(texts, batch, starts, strict=True):
                event_days(text, published=article.published, named=MATCH.named_days, starts=at)
            marks.append(time.perf_counter())
            for stage, (begin, end) in enumerate(pairwise(marks)):
                spent[stage] += end - begin
        best = [min(b, s) for b, s in zip(best, spent, strict=True)]
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time each stage of representing documents.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    articles = [clean_article(a) for a in islice(read_paths([args.path]), 2 * args.docs)]
    articles = [a for a in articles if a.text.strip()]
    timed, warmup = articles[: args.docs], articles[args.docs :]
    seconds = time_stages(timed, warmup, repeats=args.repeats)
    print(f"{len(timed):,} documents, batches of {BATCH}\n")
    print_table(STAGES, seconds, documents=len(timed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
