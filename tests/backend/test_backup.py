"""python -m backend backup / restore, run as an operator would: a database with real rows and photos,
backed up while something writes, restored into a fresh database, compared table by table and byte by byte."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import asyncpg
import pytest

from tests.databases import KIND, blank_database, demo_database

ROOT = Path(__file__).resolve().parents[2]
PROBE = "backup_probe"  # a table the writer fills during the backup: its rows show the snapshot's moment


def delbar(command: list[str], url: str, photos: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "DELBAR_PHOTO_DIR": str(photos)}
    return subprocess.run([sys.executable, "-m", "backend", *command], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


async def _pg_tables(url: str) -> dict[str, list[str]]:
    connection = await asyncpg.connect(url)
    try:
        names = [r["table_name"] for r in await connection.fetch(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name")]
        return {n: sorted(repr(tuple(r.values())) for r in await connection.fetch(f'SELECT * FROM "{n}"'))
                for n in names}
    finally:
        await connection.close()


def every_table(url: str) -> dict[str, list[str]]:
    """Every table's rows, sorted, as text: two databases hold the same data when these are equal."""
    if KIND == "postgres":
        return asyncio.run(_pg_tables(url))
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{n}"')) for n in names}


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


class Writer:
    """Inserts numbered rows into the probe table, one transaction each, until stopped."""

    def __init__(self, url: str) -> None:
        self.url, self.written, self.stop = url, 0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Writer:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()

    def _run(self) -> None:
        if KIND == "postgres":
            asyncio.run(self._run_postgres())
            return
        with closing(sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=30, isolation_level=None)) as db:
            while not self.stop.is_set():
                db.execute(f"INSERT INTO {PROBE} (n, note) VALUES (?, 'skrivs under säkerhetskopian')",
                           (self.written + 1,))
                self.written += 1

    async def _run_postgres(self) -> None:
        connection = await asyncpg.connect(self.url)
        try:
            while not self.stop.is_set():
                await connection.execute(f"INSERT INTO {PROBE} (n, note) VALUES ($1, 'skrivs under säkerhetskopian')",
                                         self.written + 1)
                self.written += 1
        finally:
            await connection.close()


def make_probe(url: str) -> None:
    statement = f"CREATE TABLE {PROBE} (n INTEGER PRIMARY KEY, note TEXT NOT NULL)"
    if KIND == "postgres":
        async def create() -> None:
            connection = await asyncpg.connect(url)
            await connection.execute(statement)
            await connection.close()

        asyncio.run(create())
        return
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
        connection.execute(statement)
        connection.commit()


@pytest.fixture
def source(tmp_path: Path):
    """The demo municipalities (every kind of row) and their photos, in a database of their own."""
    with demo_database(tmp_path, "backup_source", "delbar-test") as url:
        photos = tmp_path / "source-photos"
        shutil.copytree(os.environ["DELBAR_PHOTO_DIR"], photos)
        make_probe(url)
        yield url, photos


@pytest.fixture
def backed_up(source, tmp_path: Path):
    """A backup of the source, taken while a writer keeps inserting rows."""
    url, photos = source
    with Writer(url) as writer:
        while writer.written < 20:  # the writer is going before the backup starts
            assert writer.thread.is_alive(), "the writer stopped"
            time.sleep(0.01)
        started = writer.written
        done = delbar(["backup", str(tmp_path / "backup")], url, photos)
        finished = writer.written
    assert done.returncode == 0, done.stderr
    assert finished > started  # the writes went on while the backup ran
    return tmp_path / "backup"


class TestBackupAndRestore:
    def test_a_restored_database_holds_every_row_and_photo_of_the_snapshot(self, source, backed_up, tmp_path):
        url, photos = source
        with blank_database(tmp_path, "restored") as target:
            restored_photos = tmp_path / "restored-photos"
            done = delbar(["restore", str(backed_up)], target, restored_photos)
            assert done.returncode == 0, done.stderr
            before, after = every_table(url), every_table(target)
        assert sorted(after) == sorted(before)
        for name in before:
            if name != PROBE:
                assert after[name] == before[name], name
        # The probe's rows are one unbroken run from 1: a consistent moment, no half of a later write.
        numbers = sorted(int(row.split(",")[0].strip("(")) for row in after[PROBE])
        assert numbers and numbers == list(range(1, len(numbers) + 1))
        assert len(numbers) < len(before[PROBE])
        assert len(before["listing"]) > 100 and len(before["app_user"]) > 5
        assert files(restored_photos) == files(photos) and len(files(photos)) > 50

    def test_the_manifest_says_what_when_and_which_schema(self, source, backed_up):
        manifest = json.loads((backed_up / "manifest.json").read_text())
        assert manifest["database"] == ("postgresql" if KIND == "postgres" else "sqlite")
        assert manifest["created_at"].startswith("20")
        assert len(manifest["migrations"]) > 20 and manifest["latest_migration"] == manifest["migrations"][-1]
        assert manifest["photos"] == len(files(source[1]))

    def test_a_database_with_data_is_replaced_only_when_forced(self, source, backed_up, tmp_path):
        url, _ = source
        refused = delbar(["restore", str(backed_up)], url, tmp_path / "other-photos")
        assert refused.returncode == 2 and "not empty" in refused.stderr and "--force" in refused.stderr
        assert (tmp_path / "other-photos").exists() is False
        forced = delbar(["restore", "--force", str(backed_up)], url, tmp_path / "other-photos")
        assert forced.returncode == 0, forced.stderr
        assert every_table(url)["listing"] and len(files(tmp_path / "other-photos")) > 50

    def test_a_backup_of_a_newer_schema_is_refused(self, backed_up, tmp_path):
        manifest_path = backed_up / "manifest.json"
        manifest = json.loads(manifest_path.read_text())
        manifest["migrations"].append("catalog:2099-01-01T00:00:00:000000")
        manifest_path.write_text(json.dumps(manifest))
        with blank_database(tmp_path, "restored") as target:
            refused = delbar(["restore", str(backed_up)], target, tmp_path / "photos")
        assert refused.returncode == 2 and "newer Delbar" in refused.stderr and "catalog:2099" in refused.stderr

    def test_a_backup_goes_only_into_a_new_directory(self, source, backed_up):
        again = delbar(["backup", str(backed_up)], *source)
        assert again.returncode == 2 and "not empty" in again.stderr

    def test_a_directory_without_a_manifest_is_not_restored(self, tmp_path):
        (tmp_path / "half").mkdir()
        with blank_database(tmp_path, "restored") as target:
            refused = delbar(["restore", str(tmp_path / "half")], target, tmp_path / "photos")
        assert refused.returncode == 2 and "manifest.json" in refused.stderr

    @pytest.mark.skipif(KIND != "sqlite", reason="a PostgreSQL URL without a database fails to connect")
    def test_a_missing_database_file_is_not_backed_up(self, tmp_path):
        refused = delbar(["backup", str(tmp_path / "backup")], f"sqlite:///{tmp_path / 'none.sqlite'}",
                         tmp_path / "photos")
        assert refused.returncode == 2 and "no database" in refused.stderr
        assert not (tmp_path / "none.sqlite").exists()
