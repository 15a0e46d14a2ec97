"""The shape of STYLE.md, checked so it does not drift.

The contexts and their order are written once, here and in pyproject.toml's [tool.importlinter]
(`make lint-imports` checks every import against it); this file checks that the two agree, that
every context has the same small set of files, and the rules an import graph cannot see: queries
only in repositories, no database dialect outside repositories and db.py, no imports hidden in
functions, no settings read at import time.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BACKEND = ROOT / "backend"

# Lowest first: a context may use the ones before it, never those after (import-linter checks it).
CONTEXTS = ("jobs", "audit", "accounts", "sso", "locations", "mail", "people", "push", "catalog", "impact", "codes",
            "tracking", "register", "transport", "bookings", "conversations", "billing", "projects", "workqueue")
# The app's edge: they serve the contexts (demo data, the PWA's files, health) and nothing uses them.
EDGE = ("demo", "web", "ops")
# Contexts without storage of their own: the work queue only reads the others, the people import
# writes accounts' people and units.
WITHOUT_TABLES = ("workqueue", "people")
# Contexts with no API of their own: the job claims only serve the other contexts' timers.
WITHOUT_API = ("jobs",)
# Contexts that query nothing of their own: the people import goes through accounts' repositories.
WITHOUT_REPOSITORY = ("people",)
# The catalogue's use cases are split by case instead of one service.py (STYLE.md: split before it grows).
USE_CASES = {"catalog": ("listings.py", "search.py", "photos.py", "wants.py")}
# Where the database dialect may be named: the repositories, and the database plumbing itself.
DIALECT_HOMES = ("db.py", "sqlite_pool.py", "settings.py", "piccolo_conf.py", "migrations.py", "__main__.py",
                 "backup.py", "copy_database.py")
DIALECT_NAMES = {"is_sqlite", "engine_type", "SQLiteEngine", "PostgresEngine", "engine_is_sqlite"}
QUERY_METHODS = {"select", "insert", "update", "delete", "exists", "count", "objects", "raw", "alter",
                 "create_table"}


def label(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def modules(root: Path = BACKEND) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "piccolo_migrations" not in p.parts)


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def is_repository(path: Path) -> bool:
    return path.name == "repository.py" or path.name.endswith("_repository.py")


def context_of(path: Path) -> str | None:
    parts = path.relative_to(BACKEND).parts
    return parts[0] if len(parts) > 1 else None


def table_names(module: ast.Module) -> set[str]:
    """Names bound by imports from a tables module or from Piccolo (a Table class is one of them)."""
    names: set[str] = set()
    for node in ast.walk(module):
        if isinstance(node, ast.ImportFrom) and node.module and (
                node.module.endswith(".tables") or node.module.startswith("piccolo")):
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def queries(path: Path) -> list[str]:
    """`Table.select(…)` and the like: a query written against a table class."""
    module = tree(path)
    tables = table_names(module)
    found = []
    for node in ast.walk(module):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in QUERY_METHODS:
            base = node.func.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in tables:
                found.append(f"{label(path)}:{node.lineno} {base.id}.{node.func.attr}")
    return found


def dialect_mentions(path: Path) -> list[str]:
    found = []
    for node in ast.walk(tree(path)):
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
        if name in DIALECT_NAMES:
            found.append(f"{label(path)}:{node.lineno} {name}")
    return found


def local_backend_imports(path: Path) -> list[str]:
    """Imports of backend modules inside functions: each one hides a dependency from the checker."""
    found = []
    for function in ast.walk(tree(path)):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.extend(f"{label(path)}:{node.lineno} {node.module}" for node in ast.walk(function)
                         if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("backend"))
    return found


class TestContexts:
    def test_every_package_in_backend_is_a_named_context_or_part_of_the_edge(self):
        packages = {p.parent.name for p in BACKEND.glob("*/__init__.py")}
        assert packages == set(CONTEXTS) | set(EDGE)

    def test_the_import_contract_lists_the_contexts_in_this_order(self):
        config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
        layers = next(c["layers"] for c in config["contracts"] if c["type"] == "layers" and "containers" not in c)
        named = [name.strip().removeprefix("backend.") for layer in reversed(layers) for name in layer.split("|")]
        assert [n for n in named if n in CONTEXTS] == list(CONTEXTS)
        assert set(EDGE) <= set(named)

    def test_the_layers_inside_contexts_are_checked_in_every_context(self):
        config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
        inner = next(c for c in config["contracts"] if "containers" in c)
        assert sorted(inner["containers"]) == sorted(f"backend.{c}" for c in CONTEXTS)

    @pytest.mark.parametrize("context", CONTEXTS)
    def test_every_context_has_the_same_small_set_of_files(self, context):
        present = {p.name for p in (BACKEND / context).iterdir()}
        expected = {"__init__.py"} if context in WITHOUT_API else {"__init__.py", "schemas.py", "controller.py"}
        if context not in WITHOUT_REPOSITORY:
            expected.add("repository.py")
        if context not in WITHOUT_TABLES:
            expected |= {"tables.py", "piccolo_app.py", "piccolo_migrations"}
        expected |= set(USE_CASES.get(context, ("service.py",)))
        assert expected <= present

    @pytest.mark.parametrize("context", CONTEXTS)
    def test_no_file_prefix_stands_in_for_a_package(self, context):
        stems = [p.stem for p in (BACKEND / context).glob("*.py")]
        prefixes = [s.split("_")[0] for s in stems if "_" in s and not s.endswith(("_controller", "_repository"))]
        assert sorted(p for p in set(prefixes) if prefixes.count(p) > 1) == []


class TestLayers:
    def test_controllers_do_not_touch_piccolo_or_tables(self):
        controllers = [p for p in modules() if p.name.endswith("controller.py")]
        assert controllers
        assert [f"{p.relative_to(ROOT)} imports {m}" for p in controllers for m in sorted(imported_modules(p))
                if m.split(".")[0] == "piccolo" or m.endswith(".tables")] == []

    def test_only_controllers_and_the_app_edge_import_litestar(self):
        allowed = {"app.py", "deps.py", "errors.py", "logs.py", "security.py", "media.py", "openapi.py", "params.py"}
        offenders = [f"{p.relative_to(ROOT)} imports {m}" for p in modules()
                     if not p.name.endswith("controller.py") and p.name not in allowed and context_of(p) not in EDGE
                     for m in sorted(imported_modules(p)) if m.split(".")[0] == "litestar"]
        assert offenders == []

    def test_queries_are_only_in_repositories(self):
        # demo/ loads fixture rows into the tables directly, as a migration's seed does; the
        # migrations module reads and renames rows of Piccolo's own migration log.
        exempt = {"migrations.py"}
        candidates = [p for p in modules() if not is_repository(p) and p.name not in exempt
                      and context_of(p) != "demo"]
        assert [q for p in candidates for q in queries(p)] == []

    def test_the_checks_see_a_query_and_a_dialect_branch_written_in_a_service(self, tmp_path):
        sample = tmp_path / "service.py"
        sample.write_text("from backend.catalog.tables import Listing\n\n\nasync def f(db):\n"
                          "    if db.is_sqlite:\n        return await Listing.select()\n")
        assert [q.split()[-1] for q in queries(sample)] == ["Listing.select"]
        assert [d.split()[-1] for d in dialect_mentions(sample)] == ["is_sqlite"]

    def test_no_database_dialect_is_named_outside_repositories_and_db(self):
        candidates = [p for p in modules() if not is_repository(p)
                      and not (context_of(p) is None and p.name in DIALECT_HOMES)]
        assert [m for p in candidates for m in dialect_mentions(p)] == []

    def test_no_backend_import_hides_in_a_function(self):
        # __main__ loads each command's modules only when that command runs (start-up time);
        # piccolo_conf falls back to the settings only when the piccolo CLI has no app.
        candidates = [p for p in modules() if p.name not in {"__main__.py", "piccolo_conf.py"}
                      or context_of(p) is not None]
        assert [i for p in candidates for i in local_backend_imports(p)] == []

    def test_labels_is_pure(self):
        offenders = [f"{p.relative_to(ROOT)} imports {m}" for p in modules(ROOT / "labels")
                     for m in sorted(imported_modules(p))
                     if m.split(".")[0] in {"litestar", "piccolo", "backend", "httpx", "asyncpg", "aiosqlite"}]
        assert offenders == []

    def test_settings_are_not_read_at_import_time(self):
        for path in modules():
            # backup.py hands the environment on to pg_dump and pg_restore, with the password added.
            if path.name in {"settings.py", "__main__.py", "migrations.py", "backup.py"}:
                continue
            assert "os.environ" not in path.read_text(), path
