"""Devices, preferences, the in-app list and the server key, through the API."""

from __future__ import annotations

import pytest

from backend.app import create_app
from backend.push.outbox import notify
from tests.clients import app_client
from tests.factories import login

pytestmark = pytest.mark.anyio

P256DH = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
AUTH = "tBHItJI5svbpez7KI4CCXg"


def device(endpoint: str = "https://push.example.net/send/abc", p256dh: str = P256DH, auth: str = AUTH) -> dict:
    return {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}, "expirationTime": None}


class TestServerKey:
    async def test_key_is_made_once_and_kept_across_restarts(self, app, client, settings, ystad):
        await login(client, ystad.employee_email)
        first = (await client.get("/api/push/key")).json()["public_key"]
        async with app_client(create_app(settings)) as again:
            await login(again, ystad.employee_email)
            assert (await again.get("/api/push/key")).json()["public_key"] == first
        assert len(first) == 87

    async def test_key_needs_a_session(self, client):
        assert (await client.get("/api/push/key")).status_code == 401


class TestSubscriptions:
    async def test_same_endpoint_twice_is_one_device(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.post("/api/push/subscriptions", json=device())).status_code == 201
        assert (await client.post("/api/push/subscriptions", json=device())).status_code == 200
        other = device("https://push.example.net/b")
        assert (await client.post("/api/push/subscriptions", json=other)).status_code == 201
        assert len((await client.get("/api/push/subscriptions")).json()) == 2

    @pytest.mark.parametrize("endpoint", ["http://push.example.net/x", "ftp://push.example.net/x",
                                          "https://user:pw@push.example.net/x", "https:///nohost",
                                          "https://[x", "https://[x]/send", "https://push.example.net:99999/x",
                                          "https://push.example.net:0/x", "https://push_example!net/x"])
    async def test_endpoint_must_be_https(self, client, ystad, endpoint):
        await login(client, ystad.employee_email)
        response = await client.post("/api/push/subscriptions", json=device(endpoint))
        assert response.status_code == 400 and response.json()["error"] in {"bad_endpoint", "invalid_request"}

    async def test_a_malformed_endpoint_is_refused_on_delete_too(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.request("DELETE", "/api/push/subscriptions", json={"endpoint": "https://[x"})
        assert response.status_code == 400 and "endpoint" in response.json()["detail"]

    async def test_an_ipv6_push_service_is_a_host_like_any(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.post("/api/push/subscriptions", json=device("https://[2001:db8::1]:8443/send/x"))
        assert response.status_code == 201

    async def test_plain_http_is_allowed_on_this_machine(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.post("/api/push/subscriptions", json=device("http://127.0.0.1:8090/notify/x"))
        assert response.status_code == 201

    @pytest.mark.parametrize("keys", [(P256DH[:-1], AUTH), (P256DH, AUTH + "A"), ("C" + P256DH[1:], AUTH),
                                      (P256DH, "tBHItJI5svbpez7KI4CC\x00g")])
    async def test_keys_must_be_base64url_of_the_right_length_and_a_real_point(self, client, ystad, keys):
        await login(client, ystad.employee_email)
        response = await client.post("/api/push/subscriptions", json=device(p256dh=keys[0], auth=keys[1]))
        assert response.status_code == 400

    async def test_changed_subscription_replaces_the_old_endpoint(self, client, ystad):
        await login(client, ystad.employee_email)
        await client.post("/api/push/subscriptions", json=device("https://push.example.net/old"))
        renewed = device("https://push.example.net/new") | {"old_endpoint": "https://push.example.net/old"}
        assert (await client.post("/api/push/subscriptions", json=renewed)).status_code == 201
        devices = (await client.get("/api/push/subscriptions")).json()
        assert [d["endpoint"] for d in devices] == ["https://push.example.net/new"]

    async def test_delete_by_endpoint_only_touches_own_devices(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        await client.post("/api/push/subscriptions", json=device())
        other = await new_client()
        await login(other, ystad.admin_email)
        gone = {"endpoint": device()["endpoint"]}
        assert (await other.request("DELETE", "/api/push/subscriptions", json=gone)).status_code == 404
        assert (await client.request("DELETE", "/api/push/subscriptions", json=gone)).status_code == 204
        assert (await client.get("/api/push/subscriptions")).json() == []


class TestPreferences:
    async def test_defaults_are_everything_on_and_no_quiet_hours(self, client, ystad):
        await login(client, ystad.employee_email)
        body = (await client.get("/api/push/preferences")).json()
        assert all(body["kinds"].values()) and len(body["kinds"]) == 11
        assert body["quiet_start"] is None and body["timezone"] == "Europe/Stockholm" and body["version"] == 1

    async def test_saved_choices_come_back_and_a_stale_version_is_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        kinds = (await client.get("/api/push/preferences")).json()["kinds"] | {"pickup_due": False}
        body = {"version": 1, "kinds": kinds, "quiet_start": "21:30", "quiet_end": "06:45"}
        saved = await client.put("/api/push/preferences", json=body)
        assert saved.status_code == 200 and saved.json()["kinds"]["pickup_due"] is False
        assert saved.json()["quiet_end"] == "06:45" and saved.json()["version"] == 2
        stale = await client.put("/api/push/preferences", json={"version": 1, "kinds": kinds})
        assert stale.status_code == 409 and stale.json()["error"] == "stale_version"

    @pytest.mark.parametrize("quiet", [{"quiet_start": "22:00"}, {"quiet_start": "24:00", "quiet_end": "07:00"},
                                       {"quiet_start": "7:00", "quiet_end": "08:00"}])
    async def test_quiet_hours_need_both_ends_as_hh_mm(self, client, ystad, quiet):
        await login(client, ystad.employee_email)
        kinds = (await client.get("/api/push/preferences")).json()["kinds"]
        response = await client.put("/api/push/preferences", json={"version": 1, "kinds": kinds, **quiet})
        assert response.status_code == 400


class TestNotificationList:
    async def test_newest_first_in_pages_with_an_unread_count(self, app, client, ystad):
        await login(client, ystad.employee_email)
        async with app.state.db.write():
            for number in range(5):
                await notify([ystad.employee], "want_matched", f"Träff {number}", "", "/")
        first = (await client.get("/api/notifications", params={"limit": 3})).json()
        assert [n["title"] for n in first["items"]] == ["Träff 4", "Träff 3", "Träff 2"] and first["unread"] == 5
        rest = (await client.get("/api/notifications", params={"limit": 3, "before": first["next_before"]})).json()
        assert [n["title"] for n in rest["items"]] == ["Träff 1", "Träff 0"] and rest["next_before"] is None

    async def test_marking_read_lowers_the_count_and_others_cannot(self, app, client, new_client, ystad):
        await login(client, ystad.employee_email)
        async with app.state.db.write():
            await notify([ystad.employee], "want_matched", "Stol hittad", "", "/")
        [item] = (await client.get("/api/notifications")).json()["items"]
        other = await new_client()
        await login(other, ystad.admin_email)
        assert (await other.post(f"/api/notifications/{item['id']}/read")).status_code == 404
        read = await client.post(f"/api/notifications/{item['id']}/read")
        assert read.status_code == 200 and read.json()["read_at"] is not None
        assert (await client.get("/api/notifications")).json()["unread"] == 0
