"""The HTML cluster overview: golden structure, and links that land on pages it writes."""

from __future__ import annotations

import re
from contextlib import chdir

from dedup.clean import clean_article
from dedup.cluster_result import Cluster, ClusterResult, Member
from dedup.overview import ClusterView, cluster_view
from dedup.read import read_paths
from dedup.render.clusters_json import summary
from dedup.render.html_clusters import render_clusters_html
from tests.conftest import ROOT, SEED_LEFT, SEED_RIGHT
from tests.golden import check_golden


def _views() -> tuple[ClusterResult, list[ClusterView]]:
    with chdir(ROOT):
        left, right = (
            clean_article(a)
            for a in read_paths([p.relative_to(ROOT) for p in (SEED_LEFT, SEED_RIGHT)])
        )
    cluster = Cluster(
        id="cdd7d05cb6e93",
        representative=right.id,
        members=(Member(right.id, "representative", 1.0), Member(left.id, "same-event", 0.6181)),
        near_duplicates=(),
    )
    result = ClusterResult((cluster,), 2, 1, {"same-event": 1}, {})
    articles = {left.id: left, right.id: right}
    return result, [cluster_view(cluster, articles, detailed=True)]


def test_clusters_golden() -> None:
    """The seed cluster's overview matches its golden file (its diff page is the diff
    renderer's, golden-tested there)."""
    result, views = _views()
    pages = render_clusters_html(views, summary(result), files="index_files")
    assert sorted(pages) == ["", "index_files/cdd7d05cb6e93-1.html"]
    check_golden("seed_clusters.html", pages[""])


def test_every_link_lands_on_a_written_page_and_row() -> None:
    """The index links only to pages it wrote, at rows those pages have; each diff page links
    back to the cluster's section."""
    result, views = _views()
    pages = render_clusters_html(views, summary(result), files="index_files")
    for href in re.findall(r'href="([^"#]+)(?:#(row-\d+))?"', pages[""]):
        page, row = href
        assert page in pages, page
        assert not row or f'id="{row}"' in pages[page]
    assert 'href="../index.html#c-cdd7d05cb6e93"' in pages["index_files/cdd7d05cb6e93-1.html"]
    assert 'id="c-cdd7d05cb6e93"' in pages[""]


def test_without_a_folder_the_index_stands_alone() -> None:
    """Written to stdout (no folder for diff pages), the index links nowhere but still shows
    the table's sources, as numbers naming the members."""
    result, views = _views()
    pages = render_clusters_html(views, summary(result))
    assert list(pages) == [""]
    assert not re.search(r'href="(?!#)', pages[""])
    assert '<span title="000_fcc5a75e636137bc.txt, sentence 20: “six”">#1</span>' in pages[""]
