"""The functions behind `import dedup`: what the commands do, callable from Python.

Each takes cleaned or raw articles (cleaning an already clean article changes nothing) and
returns the same result object the command renders; `to_dict()` of a result is what the
command's `--format json` prints. Heavy modules are imported inside the functions, so that
`import dedup` stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from dedup.article import Article
from dedup.errors import InputError, UsageError
from dedup.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from dedup.diff import DiffReport
    from dedup.evaluate import Evaluation
    from dedup.explanation import Explanation
    from dedup.factcheck import ArticleFacts
    from dedup.pipeline import ClusterResult

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while a long stage runs."""

OnProblem = Callable[[InputError], None]
"""Called with each bad file, line or row, which is then skipped."""


def read(
    *paths: str | Path,
    id_field: str = "id",
    text_field: str = "text",
    title_field: str = "title",
    date_field: str = "published",
    input_format: str = "txt",
    on_problem: OnProblem | None = None,
) -> Iterator[Article]:
    """The cleaned articles in files and directories, as every command reads them.

    Directories are walked recursively in sorted order; `.txt .md .html .htm .jsonl .csv`
    are read, and the `*_field` names say which jsonl keys or csv columns hold the parts.
    The path `-` is standard input, read as `input_format` (txt, md, html, jsonl or csv).
    A bad file, line or row (or a document that cleaning empties) raises `InputError`, or
    with `on_problem` is passed to it and skipped.

    >>> import dedup, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Floods in Valencia\\n\\nRain fell all night.\\n")
    >>> [(article.id, article.title, article.text) for article in dedup.read(folder)]
    [('a.txt', 'Floods in Valencia', 'Rain fell all night.')]
    """
    from dedup.clean import clean_article
    from dedup.read import FieldNames, check_input_format, read_paths

    check_input_format(input_format)
    fields = FieldNames(id=id_field, text=text_field, title=title_field, published=date_field)

    def report(problem: InputError) -> None:
        if on_problem is None:
            raise problem
        on_problem(problem)

    files = [Path(path) for path in paths]
    for article in read_paths(files, fields=fields, on_problem=report, stdin_format=input_format):
        cleaned = clean_article(article)
        if cleaned.text.strip():
            yield cleaned
        else:
            report(
                InputError(cleaned.source or cleaned.id, "empty document after removing page junk")
            )


def diff(
    left: Article,
    right: Article,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    every_omission: bool = False,
) -> DiffReport:
    """Two reports side by side: their relation and its evidence, the sentence alignment,
    and the discrepancies (conflicts, then the most salient one-sided facts, or every one with
    `every_omission`), as `dedup diff` shows them.

    >>> import dedup
    >>> left = dedup.Article(id="a", text="Six people were killed in Paris on Monday.")
    >>> right = dedup.Article(id="b", text="Two people were killed in Paris on Monday.")
    >>> report = dedup.diff(left, right)
    >>> report.relation, [row.op for row in report.alignment.rows]
    ('near-duplicate', ['changed'])
    >>> report.to_dict()["schema_version"]
    2
    >>> [(d.kind, d.left, d.right) for d in report.discrepancies]
    [('killed', 'Six', 'Two')]
    """
    from dedup.embed import preload

    # The aligner's vectors load beside the imports below (0.2-0.3 s of them).
    preload()
    from dedup.clean import clean_article
    from dedup.diff import build_diff

    return build_diff(
        clean_article(left), clean_article(right), settings=settings, every_omission=every_omission
    )


def facts(article: Article) -> ArticleFacts:
    """The typed facts of one article (figures, counts of people by role, dates, places,
    names, each with its span and sentence) and a summary of its main event.

    >>> import dedup
    >>> found = dedup.facts(dedup.Article(id="a", text="Six people were killed on Monday."))
    >>> found.summary.killed
    6
    """
    from dedup.clean import clean_article
    from dedup.factcheck import extract_facts

    return extract_facts(clean_article(article))


def cluster(
    articles: Iterable[Article],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    progress: Progress | None = None,
) -> ClusterResult:
    """Group articles that cover the same event and mark the copies among them.

    Every article lands in exactly one cluster (singletons too), largest first; the result
    does not depend on the order of `articles`. Ids must be distinct.

    >>> import dedup
    >>> story = "Six people were killed when a landmine exploded near Khojavand on Tuesday."
    >>> result = dedup.cluster([
    ...     dedup.Article(id="a", text=story),
    ...     dedup.Article(id="b", text=story + " Officials said."),
    ...     dedup.Article(id="c", text="The central bank raised its interest rate to 4.5%."),
    ... ])
    >>> [[member.id for member in group.members] for group in result.clusters]
    [['a', 'b'], ['c']]
    >>> result.to_dict()["summary"]["copies"]
    1
    """
    from dedup.clean import clean_article
    from dedup.pipeline import cluster_articles, no_progress

    cleaned = [clean_article(article) for article in articles]
    _require_distinct_ids(cleaned)
    return cluster_articles(cleaned, settings=settings, progress=progress or no_progress)


def evaluate(
    articles: Iterable[Article],
    *,
    label_field: str = "cluster",
    exclude_field: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    progress: Progress | None = None,
) -> Evaluation:
    """Cluster labelled articles with the labels hidden and score the clusters against them.

    Each article's gold label is `article.extra[label_field]`; with `exclude_field`, articles
    whose field is true are clustered but left out of the scores.

    >>> import dedup
    >>> story = "Six people were killed when a landmine exploded near Khojavand on Tuesday."
    >>> rates = "The bank raised rates to 4.5%."
    >>> labelled = [
    ...     dedup.Article(id="a", text=story, extra={"cluster": "mine"}),
    ...     dedup.Article(id="b", text=story + " Officials said.", extra={"cluster": "mine"}),
    ...     dedup.Article(id="c", text=rates, extra={"cluster": "rates"}),
    ... ]
    >>> dedup.evaluate(labelled).scores.f1
    1.0
    """
    from dedup.clean import clean_article
    from dedup.evaluate import evaluate_clustering
    from dedup.pipeline import no_progress

    cleaned = [clean_article(article) for article in articles]
    _require_distinct_ids(cleaned)
    return evaluate_clustering(
        cleaned,
        label_field=label_field,
        exclude_field=exclude_field,
        settings=settings,
        progress=progress or no_progress,
    )


def explain(
    left: Article,
    right: Article,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    corpus: Iterable[Article] | None = None,
) -> Explanation:
    """Why two articles are (or are not) put together: their relation, the evidence and the
    thresholds it was measured against, whether LSH proposes the pair, and, given the
    `corpus` they belong to, where the clustering of that corpus put them.

    >>> import dedup
    >>> left = dedup.Article(id="a", text="Six people were killed in Paris on Monday.")
    >>> right = dedup.Article(id="b", text="The central bank raised its rate to 4.5%.")
    >>> why = dedup.explain(left, right)
    >>> why.relation, why.reasons[0]
    ('unrelated', 'unrelated: score 0 < same-event threshold 0.15')
    """
    from dedup.clean import clean_article
    from dedup.explanation import explain_pair

    cleaned = None
    if corpus is not None:
        cleaned = [clean_article(article) for article in corpus]
        _require_distinct_ids(cleaned)
    return explain_pair(
        clean_article(left), clean_article(right), settings=settings, corpus=cleaned
    )


def _require_distinct_ids(articles: list[Article]) -> None:
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise UsageError(f"two articles have the id {article.id!r}; give each a unique id")
        seen.add(article.id)
