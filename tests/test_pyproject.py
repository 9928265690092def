"""Packaging metadata in pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT


def test_licence_is_an_spdx_expression() -> None:
    """`project.license` is an SPDX string (PEP 639), not the deprecated table setuptools
    warns about on every install, and the build requires a setuptools that reads it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    (setuptools,) = [r for r in project["build-system"]["requires"] if r.startswith("setuptools")]
    minimum = re.fullmatch(r"setuptools>=(\d+)(?:\.\d+)*", setuptools)
    assert minimum is not None and int(minimum.group(1)) >= 77
