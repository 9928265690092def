"""Settings without editing code: dedup.toml, [tool.dedup] in pyproject.toml, and options."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedup.config import find_config, load_config, with_thresholds
from dedup.errors import UsageError
from dedup.settings import DEFAULT_SETTINGS

from .conftest import SEED_LEFT, SEED_RIGHT, CliRunner


def test_dedup_toml_sets_thresholds_and_fail_on(tmp_path: Path) -> None:
    """The file's names are the options' names; unset ones keep their defaults."""
    (tmp_path / "dedup.toml").write_text(
        'same-event-threshold = 0.3\nfail-on = "same-event"\n', encoding="utf-8"
    )
    config = load_config(start=tmp_path)
    assert config.source == tmp_path / "dedup.toml"
    assert config.settings.match.same_event_score == 0.3
    assert (
        config.settings.match.near_duplicate_jaccard
        == DEFAULT_SETTINGS.match.near_duplicate_jaccard
    )
    assert config.fail_on == "same-event"


def test_pyproject_table_is_found_from_a_subfolder(tmp_path: Path) -> None:
    """A pyproject.toml with [tool.dedup] in a parent folder applies; one without is passed by."""
    (tmp_path / "pyproject.toml").write_text(
        "[tool.dedup]\nnear-duplicate-threshold = 0.7\n", encoding="utf-8"
    )
    inner = tmp_path / "articles" / "wire"
    inner.mkdir(parents=True)
    (tmp_path / "articles" / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    assert find_config(inner) == tmp_path / "pyproject.toml"
    assert load_config(start=inner).settings.match.near_duplicate_jaccard == 0.7


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    """Without a settings file anywhere up the tree, the settings are the defaults."""
    config = load_config(start=tmp_path)
    assert config.settings == DEFAULT_SETTINGS or config.source is not None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("same-event = 0.3\n", "unknown setting 'same-event'; use one of near-duplicate-threshold"),
        (
            "same-event-threshold = 3\n",
            "same-event-threshold = 3: use a number above 0 and at most 1",
        ),
        ('same-event-threshold = "high"\n', "same-event-threshold = 'high': use a number"),
        (
            'fail-on = "copy"\n',
            "fail-on = 'copy': use one of duplicate, near-duplicate, same-event",
        ),
        ("same-event-threshold = \n", "not valid TOML"),
    ],
)
def test_bad_settings_name_the_file_key_and_value(
    tmp_path: Path, content: str, message: str
) -> None:
    """A wrong name, value or syntax is a usage error naming the file and what to use."""
    path = tmp_path / "dedup.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}: ") and message in str(raised.value)


def test_options_override_the_file() -> None:
    """A threshold given as an option replaces the file's; None keeps it."""
    settings = with_thresholds(DEFAULT_SETTINGS, same_event_threshold=0.4, cluster_threshold=None)
    assert settings.match.same_event_score == 0.4
    assert settings.match.cluster_threshold == DEFAULT_SETTINGS.match.cluster_threshold


def test_diff_relation_follows_the_threshold(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seed rewrites (score 0.62) are same-event by default, unrelated at a threshold of
    0.7 from dedup.toml, and same-event again when an option sets it back."""
    monkeypatch.chdir(tmp_path)
    args = ("diff", SEED_LEFT, SEED_RIGHT, "--format", "json")
    assert '"relation": "same-event"' in run_cli(*args).stdout
    (tmp_path / "dedup.toml").write_text("same-event-threshold = 0.7\n", encoding="utf-8")
    assert '"relation": "unrelated"' in run_cli(*args).stdout
    assert '"relation": "same-event"' in run_cli(*args, "--same-event-threshold", "0.5").stdout


def test_index_refuses_other_thresholds_from_the_cli(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index built under dedup.toml's thresholds checks with them, refuses others (exit 4),
    and takes fail-on from the same file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dedup.toml").write_text(
        'same-event-threshold = 0.2\nfail-on = "same-event"\n', encoding="utf-8"
    )
    assert run_cli("index", "add", SEED_LEFT, "--index", "i.dedup").exit_code == 0
    checked = run_cli("check", SEED_RIGHT, "--index", "i.dedup", "--format", "github")
    assert checked.exit_code == 1 and "(fail on same-event)" in checked.stdout
    refused = run_cli("check", SEED_RIGHT, "--index", "i.dedup", "--same-event-threshold", "0.3")
    assert refused.exit_code == 4
    assert refused.stderr == (
        "dedup: error: i.dedup: index built with match.same_event_score=0.2, this run uses "
        "match.same_event_score=0.3; use the index's settings or rebuild it\n"
    )
