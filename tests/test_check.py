"""`dedup check`: findings against an ECB+ index, exit codes, formats and errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from dedup.article import Article
from dedup.check import check_articles, top_discrepancies
from dedup.clean import clean_article
from dedup.indexing import add_articles, index_meta, open_index
from dedup.read import read_paths
from dedup.settings import DEFAULT_SETTINGS, MatchSettings, Settings

from .bursts import copy_id, write_burst
from .conftest import CORPUS, SEED_LEFT, SEED_RIGHT, CliResult, CliRunner

ECB = CORPUS / "ecbplus" / "documents.jsonl"
INDEXED_TOPICS = (1, 3, 5, 7)
ORIGINAL = "1_12ecb.xml"  # indexed; its syndicated copy must fail and name it
EVENT = "1_10ecb.xml"  # held out: another report of an indexed event (same gold cluster)
UNRELATED = "45_10ecbplus.xml"  # a topic the index does not hold
NEW_LEAD = "Actress Tara Reid has gone back to rehab, her representative confirmed on Tuesday."


@dataclass(frozen=True)
class Scenario:
    """An ECB+ index and new files to check against it."""

    index: Path
    folder: Path
    articles: dict[str, Article]
    raw: dict[str, dict[str, object]]

    def new(self, name: str, text: str) -> Path:
        """Write a new text file and return its path."""
        path = self.folder / name
        path.write_text(text + "\n", encoding="utf-8")
        return path


def _syndicated(article: Article) -> str:
    """A wire copy: another first sentence, last paragraph dropped."""
    paragraphs = article.text.split("\n\n")
    return "\n\n".join([NEW_LEAD, *paragraphs[1:-1]])


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """Index ECB+ topics 1, 3, 5 and 7 except the held-out report; nothing else."""
    root = tmp_path_factory.mktemp("check")
    articles = {a.id: clean_article(a) for a in read_paths([ECB])}
    raw = {str(r["id"]): r for r in map(json.loads, ECB.read_text(encoding="utf-8").splitlines())}
    indexed = [a for a in articles.values() if a.extra["topic"] in INDEXED_TOPICS and a.id != EVENT]
    with open_index(root / "ecb.dedup", create=True) as index:
        add_articles(index, indexed, settings=DEFAULT_SETTINGS.match, batch_size=100)
    return Scenario(root / "ecb.dedup", root, articles, raw)


@pytest.fixture
def new_dir(scenario: Scenario, tmp_path: Path) -> Scenario:
    """The scenario with a fresh folder for new documents."""
    return replace(scenario, folder=tmp_path)


def test_syndicated_copy_fails_and_names_the_original(
    run_cli: CliRunner, new_dir: Scenario
) -> None:
    """A copy with a new lead and its last paragraph dropped is a near-duplicate: exit 1."""
    path = new_dir.new("copy.txt", _syndicated(new_dir.articles[ORIGINAL]))
    result = run_cli("check", path, "--index", new_dir.index, "--format", "json")
    assert result.exit_code == 1, result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["status"] == "fail" and finding["state"] == "new"
    best = finding["matches"][0]
    assert (best["id"], best["relation"], best["in_index"]) == (ORIGINAL, "near-duplicate", True)
    assert best["score"] >= DEFAULT_SETTINGS.match.near_duplicate_jaccard


def test_separate_report_passes_by_default_and_fails_on_same_event(
    run_cli: CliRunner, new_dir: Scenario
) -> None:
    """Another outlet's report of an indexed event warns by default, fails with same-event."""
    path = new_dir.new("event.txt", str(new_dir.raw[EVENT]["text"]))
    default = run_cli("check", path, "--index", new_dir.index, "--format", "json")
    assert default.exit_code == 0, default.stderr
    (finding,) = json.loads(default.stdout)["findings"]
    assert finding["status"] == "warn"
    relations = {m["relation"] for m in finding["matches"]}
    assert relations == {"same-event"}
    gold = new_dir.articles[EVENT].extra["cluster"]
    best = new_dir.articles[finding["matches"][0]["id"]]
    assert best.extra["cluster"] == gold
    strict = run_cli("check", path, "--index", new_dir.index, "--fail-on", "same-event")
    assert strict.exit_code == 1


def test_unrelated_article_passes_even_on_same_event(run_cli: CliRunner, new_dir: Scenario) -> None:
    """An article about an event the index does not hold has no match at all."""
    path = new_dir.new("other.txt", str(new_dir.raw[UNRELATED]["text"]))
    result = run_cli(
        "check", path, "--index", new_dir.index, "--fail-on", "same-event", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["status"], finding["matches"]) == ("pass", [])


def test_duplicate_fail_on_lets_a_near_duplicate_warn(
    run_cli: CliRunner, new_dir: Scenario
) -> None:
    """With --fail-on duplicate, an edited copy only warns (exit 0)."""
    path = new_dir.new("copy.txt", _syndicated(new_dir.articles[ORIGINAL]))
    result = run_cli("check", path, "--index", new_dir.index, "--fail-on", "duplicate")
    assert result.exit_code == 0, result.stderr
    assert "warn" in result.stdout


def test_an_indexed_document_is_not_its_own_duplicate(scenario: Scenario) -> None:
    """Same id and content: "indexed", passes; same id, other content: "changed", no self-match."""
    original = scenario.articles[ORIGINAL]
    edited = replace(original, text=original.text + "\n\nA paragraph added later.")
    with open_index(scenario.index, create=False) as index:
        same = check_articles([original], index)
        changed = check_articles([edited], index)
    (finding,) = same.findings
    assert (finding.state, finding.status, finding.matches) == ("indexed", "pass", ())
    (finding,) = changed.findings
    assert finding.state == "changed"
    assert ORIGINAL not in {match.id for match in finding.matches}


def test_new_documents_are_compared_with_each_other(scenario: Scenario) -> None:
    """Two new copies of an article the index lacks fail against each other."""
    story = scenario.articles[UNRELATED]
    copy = replace(story, id="copy-of-45", text=_syndicated(story))
    with open_index(scenario.index, create=False) as index:
        report = check_articles([story, copy], index)
    assert [f.status for f in report.findings] == ["fail", "fail"]
    for finding, other in zip(report.findings, (UNRELATED, "copy-of-45")[::-1], strict=True):
        assert finding.best is not None
        assert (finding.best.id, finding.best.in_index) == (other, False)
        assert finding.best.relation == "near-duplicate"


def test_top_discrepancies_put_conflicts_first() -> None:
    """The seed rewrites' top discrepancies are short "kind: new vs indexed" lines."""
    left, right = (clean_article(a) for a in read_paths([SEED_LEFT, SEED_RIGHT]))
    notes = top_discrepancies(left, right, settings=DEFAULT_SETTINGS)
    assert 1 <= len(notes) <= 3
    assert all(" vs " in note and ": " in note for note in notes)
    assert not notes[0].split(": ", 1)[1].startswith("—")


def test_formats(run_cli: CliRunner, new_dir: Scenario) -> None:
    """github, junit, markdown and terminal each report the failing copy and the passing one."""
    copy = new_dir.new("copy.txt", _syndicated(new_dir.articles[ORIGINAL]))
    other = new_dir.new("other.txt", str(new_dir.raw[UNRELATED]["text"]))
    args = ("check", copy, other, "--index", new_dir.index, "--format")
    github = run_cli(*args, "github")
    assert github.exit_code == 1
    lines = github.stdout.splitlines()
    assert lines[0].startswith(f"::error file={copy},title=dedup%3A near-duplicate::copy.txt is")
    assert f"indexed document {ORIGINAL}" in lines[0]
    assert lines[-1] == "dedup check: 1 failed, 0 warned, 1 passed (fail on near-duplicate)"
    junit = ET.fromstring(run_cli(*args, "junit").stdout)
    cases = {case.get("name"): case for case in junit.iter("testcase")}
    assert set(cases) == {"copy.txt", "other.txt"}
    failure = cases["copy.txt"].find("failure")
    assert failure is not None and ORIGINAL in (failure.get("message") or "")
    assert cases["other.txt"].find("failure") is None
    markdown = run_cli(*args, "markdown").stdout
    assert markdown.startswith("### dedup check ❌ failed")
    assert f"`{ORIGINAL}`" in markdown
    terminal = run_cli(*args, "terminal")
    assert terminal.exit_code == 1
    assert "FAILED" in terminal.stdout and ORIGINAL in terminal.stdout


def test_add_after_a_passing_check_only(run_cli: CliRunner, new_dir: Scenario) -> None:
    """--add adds the new documents when the check passes and nothing when it fails."""
    index = new_dir.folder / "copy-of-index.dedup"
    with closing(sqlite3.connect(new_dir.index)) as source, closing(sqlite3.connect(index)) as to:
        source.backup(to)
    other = new_dir.new("other.txt", str(new_dir.raw[UNRELATED]["text"]))
    copy = new_dir.new("copy.txt", _syndicated(new_dir.articles[ORIGINAL]))
    with open_index(index, create=False) as opened:
        before = opened.count()
    failed = run_cli("check", copy, other, "--index", index, "--add")
    assert failed.exit_code == 1 and "nothing added" in failed.stderr
    passed = run_cli("check", other, "--index", index, "--add")
    assert passed.exit_code == 0 and "1 added" in passed.stderr
    again = run_cli("check", other, "--index", index, "--format", "json")
    assert json.loads(again.stdout)["findings"][0]["state"] == "indexed"
    with open_index(index, create=False) as opened:
        assert opened.count() == before + 1


def _one_line_error(result: CliResult, code: int) -> None:
    assert result.exit_code == code
    assert result.stderr.startswith("dedup: error: "), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_errors_are_one_line_with_documented_codes(
    run_cli: CliRunner, new_dir: Scenario, tmp_path: Path
) -> None:
    """Missing, corrupt and mismatched indexes exit 4; unreadable new files 3; bad options 2."""
    good = new_dir.new("other.txt", str(new_dir.raw[UNRELATED]["text"]))
    _one_line_error(run_cli("check", good, "--index", tmp_path / "none.dedup"), 4)
    corrupt = tmp_path / "corrupt.dedup"
    corrupt.write_bytes(b"not an index " * 500)
    _one_line_error(run_cli("check", good, "--index", corrupt), 4)
    other = Settings(match=MatchSettings(num_perm=64))
    mismatched = tmp_path / "other.dedup"
    open_index(mismatched, settings=other, create=True).close()
    result = run_cli("check", good, "--index", mismatched)
    _one_line_error(result, 4)
    assert "match.num_perm=64" in result.stderr
    older = tmp_path / "v2.dedup"
    open_index(older, create=True).close()
    with closing(sqlite3.connect(older)) as db:
        # What schema 2 lacked: the kept document count and the (doc, id) index.
        db.execute("DROP TABLE counts")
        db.execute("DROP INDEX documents_doc_id")
        db.execute("PRAGMA user_version = 2")
    result = run_cli("check", good, "--index", older)
    _one_line_error(result, 4)
    assert "schema version 2" in result.stderr and "rebuild" in result.stderr
    empty = new_dir.new("empty.txt", "")
    _one_line_error(run_cli("check", good, empty, "--index", new_dir.index), 3)
    bad_line = new_dir.folder / "bad.jsonl"
    bad_line.write_text('{"id": "x", "text": "fine"}\n[1, 2]\n', encoding="utf-8")
    _one_line_error(run_cli("check", bad_line, "--index", new_dir.index), 3)
    _one_line_error(run_cli("check", tmp_path / "missing.txt", "--index", new_dir.index), 3)
    _one_line_error(run_cli("check", good, "--index", new_dir.index, "--fail-on", "x"), 2)
    _one_line_error(run_cli("check", good, "--index", new_dir.index, "--format", "x"), 2)
    assert index_meta(other) != index_meta(DEFAULT_SETTINGS)


def test_a_file_checked_by_path_is_its_indexed_self(
    run_cli: CliRunner, new_dir: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hook passing corpus/wire/a.txt finds the document indexed from corpus/ as wire/a.txt."""
    monkeypatch.chdir(new_dir.folder)
    wire = Path("corpus") / "wire"
    wire.mkdir(parents=True)
    story = wire / "a.txt"
    story.write_text(str(new_dir.raw[UNRELATED]["text"]) + "\n", encoding="utf-8")
    index = Path("corpus.dedup")
    assert run_cli("index", "add", "corpus", "--index", index).exit_code == 0
    same = run_cli("check", story, "--index", index, "--format", "json")
    (finding,) = json.loads(same.stdout)["findings"]
    assert (same.exit_code, finding["id"], finding["state"]) == (0, "wire/a.txt", "indexed")
    story.write_text(_syndicated(new_dir.articles[UNRELATED]) + "\n", encoding="utf-8")
    edited = run_cli("check", story, "--index", index, "--format", "json", "--add")
    (finding,) = json.loads(edited.stdout)["findings"]
    assert (edited.exit_code, finding["state"], finding["matches"]) == (0, "changed", [])
    assert "0 added, 1 replaced" in edited.stderr


def test_an_exact_copy_under_another_name_is_a_duplicate(scenario: Scenario) -> None:
    """The same words under another id fail as a duplicate; only metadata differences show."""
    original = scenario.articles[ORIGINAL]
    copy = replace(original, id="reprint", published="2009-01-09")
    with open_index(scenario.index, create=False) as index:
        (finding,) = check_articles([copy], index).findings
    assert finding.best is not None
    assert (finding.best.id, finding.best.relation, finding.status) == (
        ORIGINAL,
        "duplicate",
        "fail",
    )
    assert finding.best.discrepancies == ("published: 2009-01-09 vs —",)


def test_github_annotation_points_at_the_jsonl_line(run_cli: CliRunner, new_dir: Scenario) -> None:
    """A finding for a jsonl record is annotated on that file and line."""
    copy = {"id": "wire-copy", "text": _syndicated(new_dir.articles[ORIGINAL])}
    other = {"id": "other", "text": new_dir.raw[UNRELATED]["text"]}
    path = new_dir.folder / "new.jsonl"
    path.write_text(json.dumps(other) + "\n" + json.dumps(copy) + "\n", encoding="utf-8")
    result = run_cli("check", path, "--index", new_dir.index, "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={path},line=2,title=dedup%3A near-duplicate::")


def test_check_path_leaves_heavy_modules_unloaded() -> None:
    """Importing the check and its report formats loads neither scipy, dask nor trafilatura."""
    heavy = ("scipy", "dask", "distributed", "datasketch", "trafilatura", "dateparser", "xml")
    code = (
        "import sys, dedup.check, dedup.render.check_formats\n"
        f"print(' '.join(sorted(m for m in {heavy!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("changed", [False, True], ids=["identical", "changed-lead"])
@pytest.mark.parametrize("count", [40, 500])
def test_another_copy_fails_against_an_indexed_burst(
    run_cli: CliRunner, tmp_path: Path, count: int, changed: bool
) -> None:
    """With 40 or 500 copies of one article indexed, one more copy fails and names one."""
    index = tmp_path / "burst.dedup"
    copies = write_burst(tmp_path / "burst.jsonl", count, changed=changed)
    assert run_cli("index", "add", copies, "--index", index).exit_code == 0
    new = write_burst(tmp_path / "new.jsonl", 1, changed=changed, start=count)
    result = run_cli("check", new, "--index", index, "--format", "json")
    assert result.exit_code == 1, result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    best = finding["matches"][0]
    assert best["id"] in {copy_id(n) for n in range(count)} and best["in_index"]
    assert best["relation"] == ("near-duplicate" if changed else "duplicate")


@pytest.mark.parametrize(
    ("count", "changed"), [(40, False), (40, True), (500, False)], ids=["40", "40-changed", "500"]
)
def test_a_burst_of_new_copies_fails_against_itself(
    run_cli: CliRunner, new_dir: Scenario, count: int, changed: bool
) -> None:
    """Copies of an article the index lacks, checked together, each fail naming another copy
    (a burst over `max_bucket` used to pass whole)."""
    copies = write_burst(new_dir.folder / "burst.jsonl", count, changed=changed)
    result = run_cli("check", copies, "--index", new_dir.index, "--format", "json")
    assert result.exit_code == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) == count and {f["status"] for f in findings} == {"fail"}
    for finding in findings:
        best = finding["matches"][0]
        assert best["id"].startswith("copy-") and best["id"] != finding["id"]
        assert not best["in_index"]
