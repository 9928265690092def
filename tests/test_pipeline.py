"""The clustering pipeline end to end on the ECB+ sample corpus."""

from __future__ import annotations

import dataclasses
import os
import random
import subprocess
import sys

from dedup.article import Article
from dedup.clean import clean_article
from dedup.pipeline import cluster_articles
from dedup.read import read_paths
from dedup.render.clusters_json import render_clusters_jsonl
from dedup.settings import Settings

from .bursts import burst_articles, copy_id
from .conftest import ROOT, SEED_RIGHT
from .ecb_clusters import ECB, ecb_articles, ecb_result


def test_every_document_lands_in_exactly_one_cluster() -> None:
    """Singletons included, each id appears once, with one representative per cluster."""
    result = ecb_result()
    ids = [m.id for c in result.clusters for m in c.members]
    assert sorted(ids) == sorted(a.id for a in ecb_articles())
    for cluster in result.clusters:
        heads = [m for m in cluster.members if m.relation == "representative"]
        assert [m.id for m in heads] == [cluster.representative]


def test_shuffled_input_gives_identical_jsonl() -> None:
    """Any input order gives byte-identical jsonl: same clusters, ids and relations."""
    shuffled = list(ecb_articles())
    random.Random(7).shuffle(shuffled)
    assert render_clusters_jsonl(cluster_articles(shuffled)) == render_clusters_jsonl(ecb_result())


def test_output_does_not_depend_on_python_hash_seed() -> None:
    """Two interpreters with different PYTHONHASHSEED print the same jsonl."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from dedup.read import read_paths\n"
        "from dedup.clean import clean_article\n"
        "from dedup.pipeline import cluster_articles\n"
        "from dedup.render.clusters_json import render_clusters_jsonl\n"
        f"docs = [clean_article(a) for a in read_paths([Path({str(ECB)!r})])][:150]\n"
        "sys.stdout.write(render_clusters_jsonl(cluster_articles(docs)))\n"
    )
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT
        )
        assert run.returncode == 0, run.stderr
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == 150


def test_progress_reports_each_stage() -> None:
    """The progress callback hears every stage, ending at its total."""
    seen: dict[str, tuple[int, int]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        seen[stage] = (done, total)

    cluster_articles(ecb_articles()[:40], progress=progress)
    assert set(seen) == {"represent", "candidates", "verify", "cluster"}
    assert all(done == total for done, total in seen.values())


def test_two_stories_of_one_kind_are_kept_apart() -> None:
    """ECB+ topic 1 (two different celebrities entering rehab) gives two separate clusters."""
    gold = {a.id: a.extra["cluster"] for a in ecb_articles()}
    labels_by_cluster = [
        {gold[m.id] for m in c.members} for c in ecb_result().clusters if len(c.members) > 3
    ]
    assert {"1_ecb"} in labels_by_cluster and {"1_ecbplus"} in labels_by_cluster


def test_a_burst_clusters_the_same_in_any_input_order() -> None:
    """Identical and edited copies of one article among other stories: the same bytes for any
    input order, the copies in one cluster."""
    articles = [
        *burst_articles(40, changed=False),
        *burst_articles(60, changed=True, start=40),
        *ecb_articles()[:60],
    ]
    result = cluster_articles(articles)
    shuffled = list(articles)
    random.Random(3).shuffle(shuffled)
    assert render_clusters_jsonl(cluster_articles(shuffled)) == render_clusters_jsonl(result)
    burst_cluster = next(c for c in result.clusters if c.representative.startswith("copy-"))
    assert {m.id for m in burst_cluster.members} == {copy_id(n) for n in range(100)}


def test_another_report_joins_a_burst_of_identical_copies() -> None:
    """A separately written report of the event joins 40 identical copies as it joins one: the
    first copy's score stands for every copy's."""
    other = clean_article(next(iter(read_paths([SEED_RIGHT]))))
    for count in (1, 40):
        result = cluster_articles([*burst_articles(count, changed=False), other])
        (cluster,) = result.clusters
        assert len(cluster.members) == count + 1


def _roundup_topic() -> tuple[list[Article], set[str], set[str]]:
    """Five reports of each of ECB+ topic 21's two events, and a roundup made of the first
    half of one report of each."""
    articles = {a.id: dataclasses.replace(a, extra={}) for a in ecb_articles()}
    first = [f"21_{n}ecb.xml" for n in (10, 11, 12, 1, 2)]
    second = [f"21_{n}ecbplus.xml" for n in (10, 11, 12, 13, 14)]

    def half(doc_id: str) -> str:
        lines = articles[doc_id].text.split("\n")
        return "\n".join(lines[: max(1, len(lines) // 2)])

    roundup = Article(id="roundup", text=half(first[0]) + "\n" + half(second[0]))
    return [*(articles[i] for i in first + second), roundup], set(first), set(second)


def test_a_roundup_of_two_events_does_not_glue_them() -> None:
    """The roundup joins at most one of the two events' clusters; without the bridge rule
    (`bridge_factor` 0) it glues them into one."""
    documents, first, second = _roundup_topic()

    def glued(settings: Settings) -> bool:
        clusters = cluster_articles(documents, settings=settings).clusters
        return any(
            {m.id for m in c.members} & first and {m.id for m in c.members} & second
            for c in clusters
        )

    assert not glued(Settings())
    unbridged = dataclasses.replace(Settings().match, bridge_factor=0.0)
    assert glued(dataclasses.replace(Settings(), match=unbridged))
