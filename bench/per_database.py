"""Run a bench once per database kind, each in a process of its own (the engine is process-wide
state), on a fresh database made and dropped as the tests make theirs."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path


def main_per_database(script: str, label: str, run: Callable[[str, str], Awaitable[None]]) -> None:
    """`script kind`: run(kind, url) on a fresh database of that kind. `script [kind ...]`: start the
    script once per kind named (default: SQLite, then PostgreSQL)."""
    if len(sys.argv) == 2:
        kind = sys.argv[1]
        os.environ["DELBAR_TEST_DATABASE"] = kind
        import tests.databases as databases

        databases.KIND = kind
        with tempfile.TemporaryDirectory() as tmp, databases.fresh_database(Path(tmp), label) as url:
            asyncio.run(run(kind, url))
        return
    for kind in sys.argv[1:] or ["sqlite", "postgres"]:
        subprocess.run([sys.executable, script, kind], check=False)
