"""Layering: the core never loads the CLI or terminal libraries."""

from __future__ import annotations

import subprocess
import sys


def test_core_imports_neither_typer_nor_rich() -> None:
    """Importing every core module in a fresh interpreter loads neither typer nor rich."""
    code = (
        "import importlib, pkgutil, sys, dedup\n"
        "skip = {'dedup.cli', 'dedup.__main__', 'dedup.demo'}\n"
        "front = ('dedup.cli.', 'dedup.render.terminal')\n"
        "for m in pkgutil.walk_packages(dedup.__path__, 'dedup.'):\n"
        "    if m.name not in skip and not m.name.startswith(front):\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in ('typer', 'rich')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
