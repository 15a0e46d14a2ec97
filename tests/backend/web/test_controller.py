"""The PWA is served by the backend: files, the shell for app routes, the precache manifest."""

from __future__ import annotations

import gzip
import json
import re
import shutil

import pytest

from backend.settings import PWA_DIR
from backend.web.assets import Assets
from tests.backend.catalog.helpers import create
from tests.factories import login

pytestmark = pytest.mark.anyio
PLAIN = {"Accept-Encoding": "identity"}


class TestPwaFiles:
    async def test_root_serves_the_swedish_shell(self, client):
        response = await client.get("/")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert '<html lang="sv"' in response.text

    async def test_deep_link_gets_the_shell(self, client):
        response = await client.get("/tillganglighet")
        assert response.status_code == 200 and '<html lang="sv"' in response.text

    async def test_manifest_is_served_as_a_web_app_manifest(self, client):
        response = await client.get("/manifest.webmanifest")
        assert response.headers["content-type"].startswith("application/manifest+json")
        manifest = response.json()
        assert manifest["display"] == "standalone" and manifest["lang"] == "sv"
        assert any("maskable" in icon.get("purpose", "") for icon in manifest["icons"])

    async def test_service_worker_may_control_the_whole_origin(self, client):
        response = await client.get("/sw.js")
        assert response.status_code == 200
        assert response.headers["service-worker-allowed"] == "/"
        assert "javascript" in response.headers["content-type"]

    async def test_missing_file_is_a_404(self, client):
        assert (await client.get("/js/nothing-here.js")).status_code == 404

    async def test_path_traversal_is_refused(self, client):
        for path in ["/../pyproject.toml", "/%2e%2e/pyproject.toml", "/js/..%2f..%2fpyproject.toml"]:
            response = await client.get(path)
            assert "[project]" not in response.text, path


class TestCompressionAndValidators:
    async def test_text_files_are_sent_gzip_compressed_when_the_browser_takes_it(self, client):
        response = await client.get("/js/main.js", headers={"Accept-Encoding": "gzip, deflate, br"})
        raw = (PWA_DIR / "js" / "main.js").read_bytes()
        assert response.headers["content-encoding"] == "gzip"
        assert int(response.headers["content-length"]) < len(raw) / 2
        assert response.content == raw  # httpx undid the gzip: the same bytes as the file
        assert "accept-encoding" in response.headers["vary"].lower()

    async def test_a_browser_without_gzip_gets_the_file_as_it_is(self, client):
        response = await client.get("/js/main.js", headers=PLAIN)
        assert "content-encoding" not in response.headers
        assert response.content == (PWA_DIR / "js" / "main.js").read_bytes()

    async def test_images_are_not_compressed_again(self, client):
        response = await client.get("/icons/icon-192.png", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200 and "content-encoding" not in response.headers

    async def test_a_current_copy_is_answered_304_without_a_body(self, client):
        first = await client.get("/js/router.js")
        assert first.headers["cache-control"] == "no-cache" and first.headers["etag"]
        again = await client.get("/js/router.js", headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == first.headers["etag"]

    async def test_a_validator_of_the_other_encoding_or_another_file_is_judged_by_content(self, client):
        plain = await client.get("/js/router.js", headers=PLAIN)
        packed = await client.get("/js/router.js", headers={"If-None-Match": plain.headers["etag"]})
        assert packed.status_code == 304
        other = await client.get("/js/api.js", headers={"If-None-Match": plain.headers["etag"]})
        assert other.status_code == 200 and other.content

    async def test_the_shell_revalidates_too(self, client):
        first = await client.get("/annonser")
        again = await client.get("/annonser", headers={"If-None-Match": f'W/{first.headers["etag"]}, "x"'})
        assert again.status_code == 304


class TestStylesheet:
    async def test_the_shell_links_one_hashed_stylesheet_cached_for_good(self, client):
        shell = (await client.get("/")).text
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', shell)
        assert len(links) == 1 and re.fullmatch(r"/css/app\.[0-9a-f]{12}\.css", links[0])
        response = await client.get(links[0])
        assert response.headers["content-type"].startswith("text/css")
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.headers["content-encoding"] == "gzip"

    async def test_it_holds_every_stylesheet_index_html_links_in_their_order(self, client):
        shell = (await client.get("/")).text
        bundle = (await client.get(re.search(r'href="(/css/app\.[^"]+)"', shell).group(1))).text
        linked = re.findall(r'href="/css/([^"]+)"', (PWA_DIR / "index.html").read_text())
        assert len(linked) == len(list((PWA_DIR / "css").glob("*.css")))
        positions = [bundle.index((PWA_DIR / "css" / name).read_text().strip()) for name in linked]
        assert positions == sorted(positions)

    def test_its_name_changes_with_its_content(self, tmp_path):
        copy = tmp_path / "pwa"
        shutil.copytree(PWA_DIR, copy)
        before = Assets.scan(copy).stylesheet
        (copy / "css" / "base.css").write_text((copy / "css" / "base.css").read_text() + "\n/* changed */\n")
        assert Assets.scan(copy).stylesheet != before


class TestApiCompression:
    async def test_a_json_answer_of_a_kilobyte_or_more_is_gzip_compressed(self, client, ystad):
        await login(client, ystad.employee_email)
        for n in range(6):
            await create(client, f"Kontorsstol nummer {n} med armstöd", description="Svart tyg, " * 20)
        response = await client.get("/api/listings/mine", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200 and len(response.content) >= 1024
        assert response.headers["content-encoding"] == "gzip"
        assert int(response.headers["content-length"]) < len(response.content)

    async def test_a_small_answer_is_sent_as_it_is(self, client):
        response = await client.get("/api/version", headers={"Accept-Encoding": "gzip"})
        assert len(response.content) < 1024 and "content-encoding" not in response.headers

    async def test_the_compressed_bytes_are_plain_gzip(self, client, ystad):
        await login(client, ystad.employee_email)
        await create(client, "Skrivbord", description="Höj- och sänkbart, " * 80)
        async with client.stream("GET", "/api/listings/mine", headers={"Accept-Encoding": "gzip"}) as response:
            body = b"".join([chunk async for chunk in response.aiter_raw()])
        assert gzip.decompress(body).startswith((b"{", b"["))


class TestPrecacheManifest:
    async def test_lists_the_shell_and_its_files_under_a_version(self, client):
        text = (await client.get("/precache-manifest.js")).text
        version = re.search(r'VERSION = "([0-9a-f]{12})"', text)
        assert version
        assert '"/index.html"' in text and '"/js/main.js"' in text and '"/sw.js"' not in text

    async def test_lists_the_hashed_stylesheet_instead_of_the_files_it_holds(self, client):
        text = (await client.get("/precache-manifest.js")).text
        stylesheet = re.search(r'href="(/css/app\.[^"]+)"', (await client.get("/")).text).group(1)
        assert f'"{stylesheet}"' in text and '"/css/base.css"' not in text

    async def test_every_file_it_lists_is_served(self, client):
        text = (await client.get("/precache-manifest.js")).text
        files = json.loads(text.split("FILES = ", 1)[1].rstrip(";\n"))
        assert "/index.html" in files and len(files) > 100
        for url in files:
            assert (await client.get(url)).status_code == 200, url

    def test_version_changes_when_any_file_changes(self, tmp_path):
        copy = tmp_path / "pwa"
        shutil.copytree(PWA_DIR, copy)
        before = Assets.scan(copy).version
        (copy / "js" / "dom.js").write_text((copy / "js" / "dom.js").read_text() + "\n// changed\n")
        assert Assets.scan(copy).version != before

    def test_nothing_outside_the_root_is_served(self, tmp_path):
        (tmp_path / "pwa").mkdir()
        (tmp_path / "pwa" / "index.html").write_text("<html><head></head></html>")
        (tmp_path / "secret.txt").write_text("secret")
        assets = Assets.scan(tmp_path / "pwa")
        assert assets.file("/../secret.txt") is None and assets.file("/secret.txt") is None
