"""The photo stores' own rules: keys made of ids only, unfinished files never listed, the store URL checked at start."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.settings import Settings
from backend.storage import LocalPhotoStore, parse_storage_url

KEY = "0b6f3c1e-5d0a-4a43-9a55-3f0a3d2c1b00/7d0f2c1e-5d0a-4a43-9a55-3f0a3d2c1b01-thumb.webp"


class TestLocalPhotoStore:
    def test_a_file_still_being_written_is_not_listed(self, tmp_path: Path):
        store = LocalPhotoStore(tmp_path)
        store.put(KEY, b"webp")
        (tmp_path / KEY).with_suffix(".part").write_bytes(b"half")
        assert list(store.list_keys()) == [KEY] and store.get(KEY) == b"webp"

    @pytest.mark.parametrize("key", ["../etc/passwd", "a/b-thumb.webp", KEY.replace("thumb", "full")])
    def test_a_key_that_is_not_made_of_ids_is_refused(self, tmp_path: Path, key: str):
        with pytest.raises(ValueError, match="not a photo key"):
            LocalPhotoStore(tmp_path).put(key, b"x")


class TestStorageUrl:
    def test_bucket_and_prefix_are_read(self):
        assert parse_storage_url("s3://delbar-photos/ystad/photos/") == ("delbar-photos", "ystad/photos")
        assert Settings.from_env({"DELBAR_STORAGE_URL": "s3://delbar"}).storage_url == "s3://delbar"

    @pytest.mark.parametrize("url", ["http://minio:9000/delbar", "s3://", "s3:///prefix", "/var/photos"])
    def test_anything_but_an_s3_url_stops_the_start(self, url: str):
        with pytest.raises(ValueError, match="DELBAR_STORAGE_URL"):
            Settings.from_env({"DELBAR_STORAGE_URL": url})
