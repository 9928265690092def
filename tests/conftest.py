"""Shared fixtures: the sample corpus, the shared data, an in-process CLI runner and a local
Dask cluster."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run: a CI result does not depend on luck.
settings.register_profile("deterministic", derandomize=True)
settings.load_profile("deterministic")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = CORPUS / "seeds"
SEED_LEFT = SEEDS / "000_fcc5a75e636137bc.txt"
SEED_RIGHT = SEEDS / "003_74b6125a896b40ce.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"
TEST_DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class CliResult:
    """What one CLI invocation produced."""

    exit_code: int
    stdout: str
    stderr: str


CliRunner = Callable[..., CliResult]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A real LocalCluster, one per test module: two single-threaded worker processes on
    127.0.0.1 (a module may kill one of them)."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",  # None still binds :8787 for its HTTP routes
        silence_logs=50,
    )
    with cluster, distributed.Client(cluster, set_as_default=False) as connected:
        yield connected


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run `dedup ARGS...` in this process through the real entry point."""
    from dedup.cli import main

    def run(*args: str | Path) -> CliResult:
        import sys

        argv = sys.argv
        sys.argv = ["dedup", *map(str, args)]
        code = 0
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        finally:
            sys.argv = argv
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


def loaded_after(code: str, *roots: str) -> list[str]:
    """Which of the top-level packages `roots` are loaded after running `code` in a fresh
    interpreter (sorted)."""
    script = (
        f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return sorted(set(out.stdout.split()) & set(roots))


def shared(*parts: str) -> Path:
    """A path in ../shared/data, skipping the test when that data is not present."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def write_messy_corpus(root: Path) -> Path:
    """A jsonl file with ids from line numbers, a bad line, repeated ids and a page of junk,
    beside a text file and a second jsonl file repeating an id; returns `root`."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    lines = []
    for n in range(40):
        record: dict[str, str] = {"text": texts[n % 2] + f"\n\nUpdate number {n}."}
        if n % 3 == 0:
            record["id"] = f"doc-{n % 7}"  # repeats: later ones are duplicates
        lines.append(json.dumps(record))
    lines[5] = "{not json"
    lines[9] = json.dumps({"id": "blank", "text": "Accept cookies"})
    (root / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "b.txt").write_text(texts[0], encoding="utf-8")
    (root / "c.jsonl").write_text(json.dumps({"id": "doc-0", "text": texts[1]}) + "\n")
    return root


def write_bad_at_end(path: Path, *, documents: int) -> list[str]:
    """The first `documents` ECB+ records, then a line that is not JSON (line documents + 1):
    under --strict a run stops there, after it has begun its work; returns their ids."""
    head = (CORPUS / "ecbplus" / "documents.jsonl").read_text(encoding="utf-8").splitlines(True)
    path.write_text("".join(head[:documents]) + "not json\n", encoding="utf-8")
    return [json.loads(line)["id"] for line in head[:documents]]


ProgressCalls = list[tuple[str, int, int]]


def record_progress(monkeypatch: pytest.MonkeyPatch, module: str) -> ProgressCalls:
    """The `(stage, done, total)` calls a CLI module makes to its progress bar, recorded as if
    stderr were a terminal (the bar itself is rich's; what it is told is ours)."""
    from contextlib import contextmanager

    calls: ProgressCalls = []

    @contextmanager
    def recorder(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
        yield lambda stage, done, total: calls.append((stage, done, total))

    monkeypatch.setattr(f"{module}.progress_bar", recorder)
    monkeypatch.setattr(f"{module}.draws_progress", lambda quiet: True, raising=False)
    return calls


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A fresh folder an unprivileged user can reach (`tests.unprivileged`), removed afterwards
    with every mode restored."""
    folder = Path(tempfile.mkdtemp(prefix="dedup-perm-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)
