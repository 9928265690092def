"""The public API (`import dedup`): one door, typed, documented by examples that run."""

from __future__ import annotations

import doctest
import inspect
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import dedup
import dedup.api
import dedup.api_index
import dedup.config

from .conftest import CORPUS, ROOT, SEED_LEFT, SEED_RIGHT, SEEDS, CliRunner

ECB = CORPUS / "ecbplus" / "documents.jsonl"
FUNCTIONS = ("read", "diff", "facts", "cluster", "evaluate", "explain", "load_settings")


@pytest.mark.parametrize("module", [dedup, dedup.api, dedup.api_index, dedup.config])
def test_docstring_examples_run(module: types.ModuleType) -> None:
    """Every `>>>` example in the public modules' docstrings gives the output it shows."""
    failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failed == 0


def test_every_public_function_has_an_example() -> None:
    """Each public function and the Index class carry a docstring with an example."""
    for name in (*FUNCTIONS, "Index"):
        assert ">>> " in (getattr(dedup, name).__doc__ or ""), name


def test_options_are_keyword_only() -> None:
    """Beyond the articles (or paths) themselves, every option is keyword-only."""
    for name in FUNCTIONS:
        parameters = inspect.signature(getattr(dedup, name)).parameters.values()
        positional = [p.name for p in parameters if p.kind is not p.KEYWORD_ONLY]
        assert len(positional) <= 2, (name, positional)


def test_help_lists_the_api() -> None:
    """`python -c "import dedup; help(dedup)"` shows every name of `__all__`."""
    shown = subprocess.run(
        [sys.executable, "-c", "import dedup; help(dedup)"],
        capture_output=True,
        text=True,
        check=True,
        env={"PAGER": "cat", "TERM": "dumb"},
    ).stdout
    functions = shown[shown.index("\nFUNCTIONS\n") :]
    for name in FUNCTIONS:
        assert f"\n    {name}(" in functions, name
    for name in dedup.__all__:
        assert name in shown or name == "__version__", name
    assert f"\nVERSION\n    {dedup.__version__}\n" in shown


def test_import_is_cheap() -> None:
    """`import dedup` loads neither typer, rich nor numpy (results load them when used)."""
    code = "import sys, dedup; print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'numpy'}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_functions_survive_importing_their_namesake_modules() -> None:
    """`dedup.read` stays the function after `dedup/read.py` (and the other namesakes) load."""
    code = (
        "import dedup, dedup.read, dedup.diff, dedup.cluster, dedup.evaluate, dedup.factcheck.extract\n"
        "from dedup.read import read_paths\n"
        "print(all(callable(getattr(dedup, n)) and not hasattr(getattr(dedup, n), '__path__')"
        " and getattr(dedup, n).__module__ == 'dedup.api'"
        " for n in ('read', 'diff', 'cluster', 'evaluate', 'facts')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


SCRIPT = """\
from pathlib import Path

import dedup


def main(folder: Path, index_file: Path) -> float:
    articles = list(dedup.read(folder, text_field="body"))
    settings = dedup.load_settings()
    result: dedup.ClusterResult = dedup.cluster(articles, settings=settings)
    sizes = [len(group.members) for group in result.clusters]
    report: dedup.DiffReport = dedup.diff(articles[0], articles[1])
    found: dedup.ArticleFacts = dedup.facts(articles[0])
    why: dedup.Explanation = dedup.explain(articles[0], articles[1], corpus=articles)
    with dedup.Index(index_file, create=True, settings=settings) as index:
        added: dedup.AddResult = index.add(articles)
        checked: dedup.CheckReport = index.check(articles[:1], fail_on="same-event")
        stats: dedup.IndexStats = index.stats()
    scores: dedup.Evaluation = dedup.evaluate(articles, label_field="cluster")
    print(sizes, report.to_dict(), found.summary.killed, why.reasons, added.added)
    print(checked.failed, stats.documents)
    return scores.scores.f1
"""


def test_mypy_strict_passes_on_a_script_using_the_api(tmp_path: Path) -> None:
    """A script using every public name type-checks under `mypy --strict`; a misuse does not."""
    good, bad = tmp_path / "good.py", tmp_path / "bad.py"
    good.write_text(SCRIPT, encoding="utf-8")
    bad.write_text('import dedup\n\ncount: int = dedup.read("a")\n', encoding="utf-8")
    mypy = [sys.executable, "-m", "mypy", "--strict"]
    passed = subprocess.run([*mypy, good], cwd=ROOT, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stdout
    failed = subprocess.run([*mypy, bad], cwd=ROOT, capture_output=True, text=True)
    assert failed.returncode == 1 and 'has type "Iterator[Article]"' in failed.stdout


def _json(run: CliRunner, *args: str | Path) -> object:
    result = run(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def _same(data: object) -> object:
    """As JSON gives it back (tuples become lists)."""
    return json.loads(json.dumps(data))


def test_to_dict_is_what_format_json_prints(run_cli: CliRunner, tmp_path: Path) -> None:
    """diff, facts, cluster, eval, index stats and check: `to_dict()` equals the command's JSON."""
    left, right = (next(dedup.read(path)) for path in (SEED_LEFT, SEED_RIGHT))
    assert _same(dedup.diff(left, right).to_dict()) == _json(run_cli, "diff", SEED_LEFT, SEED_RIGHT)
    facts = _json(run_cli, "facts", SEED_LEFT)
    assert facts["documents"] == [_same(dedup.facts(left).to_dict())]  # type: ignore[index]
    seeds = list(dedup.read(SEEDS))
    assert _same(dedup.cluster(seeds).to_dict()) == _json(run_cli, "cluster", SEEDS)
    ecb = list(dedup.read(ECB))
    assert _same(dedup.evaluate(ecb).to_dict()) == _json(run_cli, "eval", ECB)
    index_file = tmp_path / "seed.dedup"
    with dedup.Index(index_file, create=True) as index:
        index.add([left])
    with dedup.Index(index_file) as index:
        stats = index.stats().to_dict()
        report = index.check([right], fail_on="same-event").to_dict()
    assert _same(stats) == _json(run_cli, "index", "stats", "--index", index_file)
    shown = _json(run_cli, "check", SEED_RIGHT, "--index", index_file, "--fail-on", "same-event")
    assert _same(report) == shown


def test_index_refuses_other_settings(tmp_path: Path) -> None:
    """An index built with one same-event threshold refuses to open with another."""
    path = tmp_path / "i.dedup"
    with dedup.Index(path, create=True) as index:
        index.add(dedup.read(SEED_LEFT))
    other = dedup.config.with_thresholds(dedup.Settings(), same_event_threshold=0.3)
    with pytest.raises(dedup.IndexFileError, match=r"match\.same_event_score=0\.15, this run uses"):
        dedup.Index(path, settings=other)


def test_read_raises_or_reports_a_bad_item(tmp_path: Path) -> None:
    """A bad line raises InputError by default, and is passed to `on_problem` when given."""
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Fine."}\n{oops\n', encoding="utf-8")
    with pytest.raises(dedup.InputError, match="line 2: not valid JSON"):
        list(dedup.read(path))
    problems: list[dedup.InputError] = []
    assert [a.text for a in dedup.read(path, on_problem=problems.append)] == ["Fine."]
    assert [p.where for p in problems] == [f"{path} line 2"]


def test_cluster_refuses_repeated_ids() -> None:
    """Two articles with one id are a UsageError, not a silent merge."""
    twice = [dedup.Article(id="a", text="One."), dedup.Article(id="a", text="Two.")]
    with pytest.raises(dedup.UsageError, match="two articles have the id 'a'"):
        dedup.cluster(twice)
