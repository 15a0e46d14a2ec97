"""The layering rules of STYLE.md, checked so they do not drift.

controller → service → repository → tables: controllers never touch Piccolo, services never
import Litestar, and labels/ is pure (no database, no web framework, no backend).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BACKEND = ROOT / "backend"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def files(pattern: str, root: Path = BACKEND) -> list[Path]:
    return sorted(p for p in root.rglob(pattern) if "piccolo_migrations" not in p.parts)


def offenders(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{p.relative_to(ROOT)} imports {m}"
        for p in paths
        for m in sorted(imported_modules(p))
        if m.split(".")[0] in forbidden or any(m.startswith(f) for f in forbidden if "." in f)
    ]


class TestLayers:
    def test_controllers_do_not_touch_piccolo_or_tables(self):
        controllers = files("*controller.py")
        assert controllers
        assert offenders(controllers, ("piccolo",)) == []
        assert [str(p) for p in controllers if any(m.endswith(".tables") for m in imported_modules(p))] == []

    @pytest.mark.parametrize("pattern", ["service.py", "repository.py", "sessions.py", "networks.py", "tables.py"])
    def test_services_and_repositories_do_not_import_litestar(self, pattern):
        assert offenders(files(pattern), ("litestar",)) == []

    def test_labels_is_pure(self):
        assert offenders(files("*.py", ROOT / "labels"), ("litestar", "piccolo", "backend", "httpx", "asyncpg", "aiosqlite")) == []

    def test_every_context_has_the_same_small_set_of_files(self):
        for context in ("accounts", "logistics", "bookings"):
            present = {p.name for p in (BACKEND / context).iterdir()}
            assert {"tables.py", "schemas.py", "repository.py", "service.py", "controller.py", "piccolo_app.py"} <= present, context

    def test_settings_are_not_read_at_import_time(self):
        for path in files("*.py"):
            if path.name in {"settings.py", "__main__.py"}:
                continue
            source = path.read_text()
            assert "os.environ" not in source or path.name in {"migrations.py"}, path
