"""/metrics: closed without its token, and what it counts; /health/live and /health/ready."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from uuid import uuid4

import httpx
import pytest

from backend import clock
from backend.app import create_app
from backend.mail.tables import MailMessage
from backend.piccolo_conf import use_engine
from backend.settings import Settings
from tests.backend.codes.test_service import warehouse
from tests.backend.tracking.test_service import event, make_yard
from tests.clients import app_client
from tests.factories import make_tenant

pytestmark = pytest.mark.anyio

TOKEN = "operator-secret-7f3a"


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text format, 0 when it is absent."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        match = re.fullmatch(r"([a-z_]+)(?:\{(.*)\})? (\S+)", line)
        if match and match[1] == name and ",".join(sorted((match[2] or "").split(","))) == wanted:
            return float(match[3])
    return 0.0


@pytest.fixture
async def metered(settings, built_apps):
    key = f"{settings!r} with a metrics token"  # the token is left out of the settings' repr
    if key not in built_apps:
        built_apps[key] = create_app(dataclasses.replace(settings, metrics_token=TOKEN))
    use_engine(built_apps[key].state.db.engine)
    async with app_client(built_apps[key]) as client:
        yield client


class TestMetricsAccess:
    async def test_off_by_default(self, client):
        response = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 404

    async def test_refused_without_a_token(self, metered):
        response = await metered.get("/metrics")
        assert response.status_code == 401
        assert response.json()["error"] == "not_authenticated"

    async def test_refused_with_a_wrong_token(self, metered):
        for header in (f"Bearer {TOKEN}x", f"Basic {TOKEN}", TOKEN, "Bearer "):
            assert (await metered.get("/metrics", headers={"Authorization": header})).status_code == 401

    async def test_served_with_the_token(self, metered):
        response = await metered.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain")
        assert "delbar_outbox_depth" in response.text


class TestMetricsContract:
    async def test_the_openapi_document_says_what_metrics_and_health_answer(self, client):
        paths = (await client.get("/schema/openapi.json")).json()["paths"]
        metrics = paths["/metrics"]["get"]["responses"]
        assert {"200", "401", "404"} <= set(metrics) and "403" not in metrics
        assert next(iter(metrics["200"]["content"])).startswith("text/plain")
        assert set(paths["/health/ready"]["get"]["responses"]) == {"200", "503"}
        assert set(paths["/health/live"]["get"]["responses"]) == {"200"}


class TestMetricsContent:
    async def scrape(self, client) -> str:
        return (await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})).text

    async def test_requests_are_counted_by_route_template(self, metered):
        labels = {"route": "/api/listings/{listing_id}", "method": "GET", "status": "401"}
        before = sample(await self.scrape(metered), "delbar_http_requests_total", **labels)
        for _ in range(3):
            await metered.get("/api/listings/8f1c2d36-0f4b-4bd7-9d55-6f1d2a0c9e11")
        text = await self.scrape(metered)
        assert sample(text, "delbar_http_requests_total", **labels) == before + 3
        assert "8f1c2d36" not in text
        assert sample(text, "delbar_http_request_duration_seconds_count",
                      route="/api/listings/{listing_id}", method="GET") >= 3

    async def test_pool_use_is_shown(self, metered):
        assert sample(await self.scrape(metered), "delbar_db_pool_connections", state="max") > 0

    async def test_an_empty_outbox_has_depth_zero(self, metered):
        text = await self.scrape(metered)
        for channel in ("push", "email"):
            assert f'delbar_outbox_depth{{channel="{channel}"}} 0.0' in text
            assert f'delbar_outbox_oldest_age_seconds{{channel="{channel}"}} 0.0' in text


class TestMetricsFromTheDatabase:
    async def scrape(self, client) -> str:
        return (await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})).text

    async def test_waiting_e_mail_shows_as_depth_and_age(self, metered):
        ystad = await make_tenant("Ystad")
        queued = clock.now() - timedelta(hours=1)
        rows = [MailMessage(id=uuid4(), user=ystad.employee, kind="booking", message="m", status=status, attempts=tries,
                            next_attempt_at=queued, created_at=queued)
                for status, tries in (("pending", 0), ("pending", 2), ("bounced", 1), ("sent", 1))]
        await MailMessage.insert(*rows)
        text = await self.scrape(metered)
        assert sample(text, "delbar_outbox_depth", channel="email") == 2
        assert sample(text, "delbar_outbox_retrying", channel="email") == 1
        assert sample(text, "delbar_outbox_messages", channel="email", status="bounced") == 1
        assert 3600 <= sample(text, "delbar_outbox_oldest_age_seconds", channel="email") < 3700
        assert sample(text, "delbar_outbox_depth", channel="push") == 0

    async def test_scan_verdicts_are_counted(self, metered):
        ystad = await make_tenant("Ystad")  # made on the metered app's database: one app, one SQLite writer
        yard = await make_yard(ystad)
        await warehouse(metered, ystad)
        text = await self.scrape(metered)
        before = {key: sample(text, "delbar_scan_verdicts_total", verdict=key[0], reason=key[1])
                  for key in (("applied", ""), ("rejected", "code_malformed"))}
        response = await metered.post("/api/scans/batch", json={"events": [
            event(yard.code, "intake"), event("NOPE", "store"), event("NOPE", "audit")]})
        assert response.status_code == 200, response.text
        text = await self.scrape(metered)
        assert sample(text, "delbar_scan_verdicts_total", verdict="applied", reason="") == before["applied", ""] + 1
        assert sample(text, "delbar_scan_verdicts_total", verdict="rejected",
                      reason="code_malformed") == before["rejected", "code_malformed"] + 2


class TestHealth:
    async def test_live_and_ready_answer_when_the_database_does(self, client):
        assert (await client.get("/health/live")).json() == {"status": "ok"}
        assert (await client.get("/health/ready")).json() == {"status": "ok", "database": "ok"}

    async def test_live_but_not_ready_without_the_database(self):
        app = create_app(Settings(database_url="postgresql://nobody@127.0.0.1:1/none"))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
            assert (await http.get("/health/live")).status_code == 200
            response = await http.get("/health/ready")
        assert response.status_code == 503 and response.json()["database"] == "unreachable"
