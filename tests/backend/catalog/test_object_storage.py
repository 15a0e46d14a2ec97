"""Photos in an S3-compatible object store: a real S3 server (moto in server mode) on a free port, the real
app over HTTP; the store going down mid-life (503, nothing half-written); backup and restore through it."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import anyio
import boto3
import httpx
import pytest

from backend.app import create_app
from backend.catalog import categories
from backend.catalog.tables import Photo
from backend.piccolo_conf import use_engine
from backend.settings import Settings
from tests.backend.catalog.helpers import create, jpeg, publish
from tests.clients import app_client
from tests.databases import blank_database
from tests.factories import login

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[3]
BUCKET = "delbar-photos"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "delbar-test", "AWS_SECRET_ACCESS_KEY": "delbar-test-secret",
               "AWS_REGION": "eu-north-1"}


class S3Server:
    """`python -m moto.server` on a free port of this machine, with one bucket."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(600):  # up to a minute on a busy machine; each try waits on the connection, not a timer
            try:
                httpx.get(self.url + "/moto-api/", timeout=0.1)
                break
            except httpx.TransportError as error:
                if self.process.poll() is not None:
                    raise RuntimeError("moto.server did not start") from error
        else:
            raise RuntimeError("moto.server did not answer")
        self.client().create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})

    def client(self):
        return boto3.session.Session().client(
            "s3", endpoint_url=self.url, region_name=CREDENTIALS["AWS_REGION"],
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])

    def objects(self, prefix: str) -> dict[str, bytes]:
        client = self.client()
        listed = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix + "/").get("Contents", [])
        return {o["Key"].removeprefix(prefix + "/"): client.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read()
                for o in listed}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    server = S3Server()
    yield server
    server.stop()


def s3_settings(url: str, server: S3Server, prefix: str) -> Settings:
    return Settings(database_url=url, log_format="text", password_hashing="minimal",
                    photo_dir=Path("/nonexistent/photos are not kept here"),
                    storage_url=f"s3://{BUCKET}/{prefix}", s3_endpoint_url=server.url,
                    s3_region=CREDENTIALS["AWS_REGION"], s3_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                    s3_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])


@pytest.fixture
def prefix() -> str:
    return f"test-{secrets.token_hex(4)}"


@pytest.fixture
def settings(empty_database: str, s3: S3Server, prefix: str) -> Settings:
    return s3_settings(empty_database, s3, prefix)


@asynccontextmanager
async def client_on(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client on an app of its own (another store than the fixtures' app), on the same database."""
    app = create_app(settings)
    use_engine(app.state.db.engine)
    async with app_client(app) as client:
        await categories.seed()
        yield client


async def upload(client, listing_id: str, data: bytes) -> httpx.Response:
    return await client.post(f"/api/listings/{listing_id}/photos", files={"photos": ("p.jpg", data, "image/jpeg")})


async def test_photos_live_in_the_bucket_and_stay_in_their_municipality(client, new_client, ystad, skurup, s3, prefix):
    await login(client, ystad.employee_email)
    listing = await create(client)  # visible to its municipality only
    response = await upload(client, listing["id"], jpeg())
    assert response.status_code == 201, response.text
    photo = response.json()[0]
    stored = s3.objects(prefix)
    assert sorted(stored) == [f"{ystad.id}/{photo['id']}-display.webp", f"{ystad.id}/{photo['id']}-thumb.webp"]
    served = await client.get(photo["display_url"])
    assert served.status_code == 200 and served.content == stored[f"{ystad.id}/{photo['id']}-display.webp"]
    assert served.headers["cache-control"].startswith("private")
    # The object itself is private: the store answers an anonymous request with 403.
    async with httpx.AsyncClient() as anonymous:
        direct = await anonymous.get(f"{s3.url}/{BUCKET}/{prefix}/{ystad.id}/{photo['id']}-display.webp")
    assert direct.status_code == 403

    await publish(client, (await client.get(f"/api/listings/{listing['id']}")).json())
    other = await new_client()
    await login(other, skurup.employee_email)
    assert (await other.get(photo["display_url"])).status_code == 404
    assert (await other.get(photo["thumb_url"])).status_code == 404

    assert (await client.delete(f"/api/photos/{photo['id']}")).status_code == 204
    assert s3.objects(prefix) == {}
    assert (await client.get(photo["thumb_url"])).status_code == 404


async def test_a_store_that_is_down_refuses_uploads_and_reads_with_503(empty_database, ystad, prefix):
    down = S3Server()  # this test's own server, stopped halfway
    try:
        async with client_on(s3_settings(empty_database, down, prefix)) as client:
            await login(client, ystad.employee_email)
            listing = await create(client)
            first = (await upload(client, listing["id"], jpeg())).json()[0]
            down.stop()

            refused = await client.post(f"/api/listings/{listing['id']}/photos",
                                        files=[("photos", ("a.jpg", jpeg(), "image/jpeg")),
                                               ("photos", ("b.jpg", jpeg(640, 480), "image/jpeg"))])
            assert refused.status_code == 503, refused.text
            assert refused.json()["error"] == "storage_unavailable" and "photo store" in refused.json()["detail"]
            assert refused.headers["retry-after"] == "30"
            assert {str(r["id"]) for r in await Photo.select(Photo.id).run()} == {first["id"]}  # no half-written row
            now = (await client.get(f"/api/listings/{listing['id']}")).json()
            assert now["title"] == listing["title"] and [p["id"] for p in now["photos"]] == [first["id"]]

            read = await client.get(first["display_url"])
            assert read.status_code == 503 and read.json()["error"] == "storage_unavailable"
            # Deleting goes on without the store: the row goes (the photo is gone), the bytes wait unnamed.
            assert (await client.delete(f"/api/photos/{first['id']}")).status_code == 204
            assert (await client.get(f"/api/listings/{listing['id']}")).json()["photos"] == []
    finally:
        down.stop()


class ThumbCutter:
    """A TCP relay to the S3 server that cuts any connection carrying a thumbnail's PUT: the display is stored,
    its thumbnail never is, as when a store goes away in the middle of an upload."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port, self.cut = upstream_port, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, inspect: bool) -> None:
        try:
            while data := source.recv(65536):
                if inspect and data.startswith(b"PUT ") and b"-thumb.webp" in data.split(b"\r\n", 1)[0]:
                    self.cut += 1
                    break
                target.sendall(data)
        except OSError:
            pass
        for end in (source, target):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def close(self) -> None:
        self.listener.close()


async def test_a_store_failing_midway_leaves_no_photo_half_written(empty_database, ystad, s3, prefix):
    cutter = ThumbCutter(s3.port)
    try:
        settings = replace(s3_settings(empty_database, s3, prefix), s3_endpoint_url=cutter.url)
        async with client_on(settings) as client:
            await login(client, ystad.employee_email)
            listing = await create(client)
            refused = await upload(client, listing["id"], jpeg())
            assert refused.status_code == 503 and refused.json()["error"] == "storage_unavailable"
            assert cutter.cut >= 1  # the thumbnail's PUT really was cut off, after the display's went through
            assert s3.objects(prefix) == {}  # the display written before it was removed again
            assert await Photo.count() == 0
            assert (await client.get(f"/api/listings/{listing['id']}")).json()["photos"] == []
    finally:
        cutter.close()


async def delbar(command: list[str], url: str, server: S3Server, prefix: str) -> subprocess.CompletedProcess:
    """python -m backend …, as an operator runs it, with the object store configured."""
    env = {**os.environ, **CREDENTIALS, "DATABASE_URL": url, "DELBAR_STORAGE_URL": f"s3://{BUCKET}/{prefix}",
           "DELBAR_S3_ENDPOINT_URL": server.url}
    return await anyio.run_process([sys.executable, "-m", "backend", *command], cwd=ROOT, env=env, check=False)


async def test_backup_and_restore_go_through_the_object_store(client, ystad, s3, prefix, empty_database, tmp_path):
    await login(client, ystad.employee_email)
    listing = await create(client)
    for size in (jpeg(), jpeg(640, 480)):
        assert (await upload(client, listing["id"], size)).status_code == 201
    before = s3.objects(prefix)
    assert len(before) == 4

    done = await delbar(["backup", str(tmp_path / "backup")], empty_database, s3, prefix)
    assert done.returncode == 0, done.stderr.decode()
    kept = {p.relative_to(tmp_path / "backup" / "photos").as_posix(): p.read_bytes()
            for p in (tmp_path / "backup" / "photos").rglob("*") if p.is_file()}
    assert kept == before

    blank = blank_database(tmp_path, "restored")
    target = await anyio.to_thread.run_sync(blank.__enter__)  # it runs its own event loop
    try:
        restored = await delbar(["restore", str(tmp_path / "backup")], target, s3, prefix + "-restored")
        assert restored.returncode == 0, restored.stderr.decode()
        assert s3.objects(prefix + "-restored") == before
        again = await delbar(["restore", str(tmp_path / "backup")], target, s3, prefix + "-restored")
        assert again.returncode == 2 and "not empty" in again.stderr.decode()
    finally:
        await anyio.to_thread.run_sync(blank.__exit__, None, None, None)
