"""How push service answers are read: Retry-After in both forms, and what each status means."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from backend.push.sender import classify, retry_after

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class TestClassify:
    @pytest.mark.parametrize(("status", "result"), [(201, "sent"), (404, "gone"), (410, "gone"), (429, "retry"),
                                                    (503, "retry"), (413, "refused"), (403, "refused")])
    def test_status_to_outcome(self, status, result):
        assert classify(httpx.Response(status), NOW).result == result

    def test_retry_after_seconds_is_kept(self):
        assert classify(httpx.Response(429, headers={"Retry-After": "120"}), NOW).retry_after == 120


class TestRetryAfter:
    def test_http_date(self):
        assert retry_after("Wed, 25 Nov 2026 12:05:00 GMT", NOW) == 300

    def test_garbage_is_ignored(self):
        assert retry_after("soon", NOW) is None and retry_after(None, NOW) is None
