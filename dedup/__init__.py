"""dedup: find multi-source news coverage of the same event and show where the reports differ.

Everything the `dedup` command does is a call here, on the same objects:

    >>> import dedup
    >>> left = dedup.Article(id="a", text="Six people were killed in Paris on Monday.")
    >>> right = dedup.Article(id="b", text="Two people were killed in Paris on Monday.")
    >>> dedup.diff(left, right).relation
    'near-duplicate'

`read` yields articles from files; `diff`, `facts`, `cluster`, `evaluate` and `explain` take
articles; `Index` opens (or creates) an index file to `add` articles to and `check` new ones
against. Options are keyword-only; `settings=` takes a `Settings` (see `load_settings` for a
`dedup.toml` or a `[tool.dedup]` table). Each result's `to_dict()` is what the matching
command prints with `--format json`. Expected failures raise a `DedupError`.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from dedup.api import cluster, diff, evaluate, explain, facts, read
from dedup.api_index import Index
from dedup.article import Article
from dedup.config import load_settings
from dedup.errors import DedupError, IndexFileError, InputError, UsageError
from dedup.settings import AlignSettings, MatchSettings, Settings

if TYPE_CHECKING:
    from dedup.check_report import CheckReport
    from dedup.cluster_result import ClusterResult
    from dedup.diff import DiffReport
    from dedup.evaluate import Evaluation
    from dedup.explanation import Explanation
    from dedup.factcheck import ArticleFacts
    from dedup.index_reads import IndexStats
    from dedup.index_writes import AddResult

__version__ = "0.1.0"

__all__ = [
    "AddResult",
    "AlignSettings",
    "Article",
    "ArticleFacts",
    "CheckReport",
    "ClusterResult",
    "DedupError",
    "DiffReport",
    "Evaluation",
    "Explanation",
    "Index",
    "IndexFileError",
    "IndexStats",
    "InputError",
    "MatchSettings",
    "Settings",
    "UsageError",
    "__version__",
    "cluster",
    "diff",
    "evaluate",
    "explain",
    "facts",
    "load_settings",
    "read",
]

# Result types live beside numpy-heavy code: loaded on first use, so `import dedup` stays cheap.
_RESULT_TYPES = {
    "AddResult": "dedup.index_writes",
    "ArticleFacts": "dedup.factcheck",
    "CheckReport": "dedup.check_report",
    "ClusterResult": "dedup.cluster_result",
    "DiffReport": "dedup.diff",
    "Evaluation": "dedup.evaluate",
    "Explanation": "dedup.explanation",
    "IndexStats": "dedup.index_reads",
}


def __getattr__(name: str) -> Any:
    if name in _RESULT_TYPES:
        import importlib

        return getattr(importlib.import_module(_RESULT_TYPES[name]), name)
    raise AttributeError(f"module 'dedup' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_RESULT_TYPES})


# Four public functions share their names with modules (dedup/read.py, dedup/diff.py,
# dedup/cluster.py, dedup/evaluate.py). Importing such a module
# makes the import system set it as an attribute of this package, which would replace the
# function; this package's class keeps the function. The modules stay importable by their
# full names (`from dedup.read import read_paths`).
_FUNCTIONS = frozenset({"read", "diff", "cluster", "evaluate"})


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: object) -> None:
        if name in _FUNCTIONS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
