"""The PWA is served by the backend: files, the shell for app routes, the precache manifest."""

from __future__ import annotations

import re
import shutil

import pytest

from backend.web.shell import Shell

pytestmark = pytest.mark.anyio


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


class TestPrecacheManifest:
    async def test_lists_the_shell_and_its_files_under_a_version(self, client):
        text = (await client.get("/precache-manifest.js")).text
        version = re.search(r'VERSION = "([0-9a-f]{12})"', text)
        assert version
        assert '"/index.html"' in text and '"/js/main.js"' in text and '"/sw.js"' not in text

    def test_version_changes_when_any_file_changes(self, tmp_path):
        from backend.settings import PWA_DIR

        copy = tmp_path / "pwa"
        shutil.copytree(PWA_DIR, copy)
        before = Shell.scan(copy).version
        (copy / "css" / "base.css").write_text((copy / "css" / "base.css").read_text() + "\n/* changed */\n")
        assert Shell.scan(copy).version != before

    def test_shell_never_resolves_outside_its_root(self, tmp_path):
        (tmp_path / "pwa").mkdir()
        (tmp_path / "secret.txt").write_text("secret")
        shell = Shell.scan(tmp_path / "pwa")
        assert shell.resolve("../secret.txt") is None
