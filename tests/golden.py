"""Golden files: compare rendered output with tests/golden/, or rewrite them on request.

Set DEDUP_UPDATE_GOLDEN=1 to regenerate the files after an intended change, then review the
diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(name: str, actual: str) -> None:
    """Assert `actual` equals tests/golden/NAME (or write it when DEDUP_UPDATE_GOLDEN=1)."""
    path = GOLDEN / name
    if os.environ.get("DEDUP_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path} differs; DEDUP_UPDATE_GOLDEN=1 regenerates it"
