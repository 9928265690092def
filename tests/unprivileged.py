"""Running the CLI as a user that file permissions apply to.

Root reads every file whatever its mode, and CI runs as root: a permission test there runs the
command as `nobody` (setpriv), in a folder that user can reach. Where that cannot be done (no
setpriv, or the interpreter is not readable by `nobody`) the test is skipped, never faked.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

_NOBODY = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")


@functools.cache
def _prefix() -> tuple[str, ...] | None:
    """What to put before a command to drop root, () when not root, None when impossible."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        return None
    probe = subprocess.run(
        [*_NOBODY, sys.executable, "-c", "import dedup"], cwd=ROOT, capture_output=True
    )
    return _NOBODY if probe.returncode == 0 else None


def run_unprivileged(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`dedup ARGS...` in a child process without root's right to read everything."""
    prefix = _prefix()
    if prefix is None:
        pytest.skip("cannot run a command as an unprivileged user here")
    return subprocess.run(
        [*prefix, sys.executable, "-m", "dedup", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
