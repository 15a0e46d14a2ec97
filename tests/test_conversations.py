"""Conversations over HTTP: a Skurup employee asks about a Ystad listing shared with the network, the
owner unit answers from its inbox; bookings and transport jobs have theirs; strangers get 404."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from PIL import Image

from backend.catalog.tables import Listing
from backend.push.tables import Notification, PushDelivery
from backend.vocabulary import STOCKHOLM
from tests.backend.bookings.conftest import as_owner, as_requester, world  # noqa: F401 - fixtures shared by name
from tests.backend.bookings.helpers import days, make_listing
from tests.factories import login, make_user
from tests.world import AUTH, P256DH, jpeg

pytestmark = pytest.mark.anyio


async def signed_in(new_client, email):
    http = await new_client()
    await login(http, email)
    return http


async def ask(client, listing, text="Passar skrivbordet en vägg på 160 cm?"):
    conversation = (await client.post("/api/conversations", json={"subject_kind": "listing",
                                                                  "subject_id": str(listing)})).json()
    await send(client, conversation["id"], text)
    return conversation


async def send(client, conversation_id, body, client_id=None):
    return await client.post(f"/api/conversations/{conversation_id}/messages",
                             json={"client_id": str(client_id or uuid4()), "body": body})


class TestAskingAboutAListing:
    async def test_a_skurup_employee_asks_and_the_ystad_owner_answers_from_the_inbox(self, as_requester, as_owner,
                                                                                       world):
        started = await as_requester.post("/api/conversations", json={"subject_kind": "listing",
                                                                      "subject_id": str(world.listing)})
        assert started.status_code == 201, started.text
        conversation = started.json()
        assert conversation["subject"]["title"] == "Kontorsstol"
        assert {p["role"] for p in conversation["participants"]} == {"asker", "owner"}
        assert (await send(as_requester, conversation["id"], "Passar den en vägg på 160 cm?")).status_code == 201

        inbox = (await as_owner.get("/api/conversations")).json()
        assert inbox["unread_total"] == 1
        assert [(i["id"], i["unread"], i["subject"]["kind"]) for i in inbox["items"]] == [
            (conversation["id"], 1, "listing")]
        page = (await as_owner.get(f"/api/conversations/{conversation['id']}")).json()
        assert [m["body"] for m in page["messages"]] == ["Passar den en vägg på 160 cm?"]
        assert (await as_owner.get("/api/conversations/unread")).json() == {"count": 0}

        assert (await send(as_owner, conversation["id"], "Ja, den är 140 cm bred.")).status_code == 201
        assert (await as_requester.get("/api/conversations/unread")).json() == {"count": 1}
        page = (await as_requester.get(f"/api/conversations/{conversation['id']}")).json()
        assert [(m["body"], m["mine"]) for m in page["messages"]] == [
            ("Ja, den är 140 cm bred.", False), ("Passar den en vägg på 160 cm?", True)]

    async def test_asking_again_finds_the_same_conversation(self, as_requester, world):
        first = await as_requester.post("/api/conversations", json={"subject_kind": "listing",
                                                                    "subject_id": str(world.listing)})
        again = await as_requester.post("/api/conversations", json={"subject_kind": "listing",
                                                                    "subject_id": str(world.listing)})
        assert (first.status_code, again.status_code) == (201, 200)
        assert first.json()["id"] == again.json()["id"]

    async def test_a_listing_outside_the_askers_tier_is_not_found(self, as_requester, ystad):
        private, _ = await make_listing(ystad, visibility="municipality")
        for subject in (private, uuid4()):
            answer = await as_requester.post("/api/conversations", json={"subject_kind": "listing",
                                                                         "subject_id": str(subject)})
            assert answer.status_code == 404

    async def test_the_owner_unit_cannot_ask_about_its_own_listing(self, as_owner, world):
        answer = await as_owner.post("/api/conversations", json={"subject_kind": "listing",
                                                                 "subject_id": str(world.listing)})
        assert (answer.status_code, answer.json()["error"]) == (409, "own_listing")

    async def test_a_closed_listing_keeps_its_conversations_and_takes_no_new_ones(self, as_requester, world,
                                                                                  new_client, skurup):
        conversation = await ask(as_requester, world.listing)
        await Listing.update({Listing.status: "closed"}).where(Listing.id == world.listing)
        assert (await send(as_requester, conversation["id"], "Finns den kvar?")).status_code == 201
        await make_user(skurup.id, skurup.admin_unit, "bo@skurup.test")
        other = await signed_in(new_client, "bo@skurup.test")
        answer = await other.post("/api/conversations", json={"subject_kind": "listing",
                                                               "subject_id": str(world.listing)})
        assert (answer.status_code, answer.json()["error"]) == (409, "listing_closed")


class TestWhoReads:
    async def test_only_participants_and_the_owning_side_read_a_conversation(self, as_requester, world, new_client,
                                                                           ystad, skurup):
        conversation = await ask(as_requester, world.listing)
        await make_user(skurup.id, skurup.ame_unit, "bo@skurup.test")
        await make_user(ystad.id, ystad.admin_unit, "eva@ystad.test")
        for email in ("bo@skurup.test", "eva@ystad.test", ystad.admin_email):
            stranger = await signed_in(new_client, email)
            assert (await stranger.get(f"/api/conversations/{conversation['id']}")).status_code == 404, email
            assert (await send(stranger, conversation["id"], "Hej")).status_code == 404, email
            assert (await stranger.get("/api/conversations")).json()["items"] == []
        coordinator = await signed_in(new_client, world.coordinator_email)
        assert (await coordinator.get(f"/api/conversations/{conversation['id']}")).status_code == 200

    async def test_a_coordinator_outside_the_owner_unit_joins_by_answering(self, as_requester, world, new_client,
                                                                           ystad):
        conversation = await ask(as_requester, world.listing)
        await make_user(ystad.id, ystad.admin_unit, "lead@ystad.test", "coordinator")
        coordinator = await signed_in(new_client, "lead@ystad.test")
        assert (await send(coordinator, conversation["id"], "AME kan köra den på torsdag.")).status_code == 201
        page = (await as_requester.get(f"/api/conversations/{conversation['id']}")).json()
        assert "coordinator" in {p["role"] for p in page["participants"]}
        assert (await coordinator.get("/api/conversations")).json()["items"][0]["id"] == conversation["id"]


class TestMessages:
    async def test_the_same_client_id_twice_makes_one_message(self, as_requester, world):
        conversation = await ask(as_requester, world.listing)
        client_id = uuid4()
        first = await send(as_requester, conversation["id"], "En gång", client_id)
        second = await send(as_requester, conversation["id"], "En gång", client_id)
        assert (first.status_code, second.status_code) == (201, 200)
        assert first.json()["id"] == second.json()["id"]
        page = (await as_requester.get(f"/api/conversations/{conversation['id']}")).json()
        assert len(page["messages"]) == 2  # the question ask() sent, and this one

    @pytest.mark.parametrize(("body", "error"), [("   ", "empty_message"), ("x" * 4001, "message_too_long"),
                                                 ("x" * 20_000, "message_too_long")])
    async def test_an_empty_or_too_long_message_is_refused_with_its_reason(self, as_requester, world, body, error):
        conversation = await ask(as_requester, world.listing)
        answer = await send(as_requester, conversation["id"], body)
        assert (answer.status_code, answer.json()["error"]) == (422, error)
        assert answer.json()["detail"]

    async def test_a_flood_from_one_account_is_rate_limited(self, as_requester, world):
        conversation = await ask(as_requester, world.listing)
        answers = [(await send(as_requester, conversation["id"], f"Meddelande {n}")).status_code for n in range(20)]
        assert answers == [201] * 19 + [429]
        refused = await send(as_requester, conversation["id"], "Ett till")
        assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
        assert "minute" in refused.json()["detail"]

    async def test_paging_goes_from_the_newest(self, as_requester, world):
        conversation = await ask(as_requester, world.listing, "1")
        for n in (2, 3):
            await send(as_requester, conversation["id"], str(n))
        first = (await as_requester.get(f"/api/conversations/{conversation['id']}", params={"limit": 2})).json()
        assert [m["body"] for m in first["messages"]] == ["3", "2"]
        older = (await as_requester.get(f"/api/conversations/{conversation['id']}",
                                        params={"limit": 2, "before": first["next_before"]})).json()
        assert [m["body"] for m in older["messages"]] == ["1"] and older["next_before"] is None

    async def test_a_quick_exchange_gives_one_alert_per_recipient(self, as_requester, world):
        conversation = await ask(as_requester, world.listing, "Hej")
        for text in ("Är den kvar?", "Och finns det fler?", "Tack!"):
            await send(as_requester, conversation["id"], text)
        alerts = await Notification.select(Notification.user, Notification.url).where(
            Notification.kind == "message_received")
        # The owner unit (its employee, coordinator and driver): one alert each, none for the asker.
        assert sorted(str(a["user"]) for a in alerts) == sorted(
            p["id"] for p in conversation["participants"] if p["role"] == "owner")
        assert world.approver.employee in {a["user"] for a in alerts}
        assert {a["url"] for a in alerts} == {f"/meddelanden/{conversation['id']}"}


class TestReportAndHide:
    async def test_a_reported_message_is_hidden_by_a_coordinator(self, as_requester, as_owner, world, new_client):
        conversation = await ask(as_requester, world.listing)
        rude = (await send(as_owner, conversation["id"], "Något otrevligt")).json()
        reported = await as_requester.post(f"/api/conversations/{conversation['id']}/messages/{rude['id']}/report")
        assert reported.status_code == 200
        told = await Notification.select(Notification.user.email.as_alias("email"), Notification.url).where(
            Notification.message == "message_reported")
        assert told == [{"email": world.coordinator_email, "url": "/anmalda-meddelanden"}]
        refused = await as_owner.post(f"/api/conversations/{conversation['id']}/messages/{rude['id']}/hide", json={})
        assert refused.status_code == 403
        coordinator = await signed_in(new_client, world.coordinator_email)
        hidden = await coordinator.post(f"/api/conversations/{conversation['id']}/messages/{rude['id']}/hide",
                                        json={})
        assert hidden.status_code == 200 and hidden.json()["reported"] and hidden.json()["body"] == "Något otrevligt"
        page = (await as_requester.get(f"/api/conversations/{conversation['id']}")).json()
        shown = next(m for m in page["messages"] if m["id"] == rude["id"])
        assert (shown["hidden"], shown["body"]) == (True, "")
        assert (await as_requester.get("/api/conversations")).json()["items"][0]["preview"] == ""


class TestFindingAConversation:
    async def test_the_asker_finds_their_conversation_about_a_listing_with_its_latest_messages(self, as_requester,
                                                                                                world):
        about = {"subject_kind": "listing", "subject_id": str(world.listing)}
        assert (await as_requester.get("/api/conversations/about", params=about)).status_code == 404
        assert (await as_requester.get("/api/conversations")).json()["items"] == []
        conversation = await ask(as_requester, world.listing, "Första")
        await send(as_requester, conversation["id"], "Andra")
        found = await as_requester.get("/api/conversations/about", params={**about, "limit": "1"})
        assert found.status_code == 200, found.text
        assert (found.json()["id"], [m["body"] for m in found.json()["messages"]]) == (conversation["id"], ["Andra"])

    async def test_someone_else_finds_nothing_and_odd_input_is_refused(self, as_requester, world, new_client,
                                                                       skurup):
        await ask(as_requester, world.listing)
        await make_user(skurup.id, skurup.ame_unit, "bo@skurup.test")
        other = await signed_in(new_client, "bo@skurup.test")
        about = {"subject_kind": "listing", "subject_id": str(world.listing)}
        assert (await other.get("/api/conversations/about", params=about)).status_code == 404
        for odd in ({**about, "subject_kind": "item"}, {**about, "subject_id": "x"}, {**about, "limit": "51"}):
            assert (await as_requester.get("/api/conversations/about", params=odd)).status_code == 400


class TestReportList:
    async def report(self, as_requester, as_owner, world, text="Något otrevligt"):
        conversation = await ask(as_requester, world.listing)
        rude = (await send(as_owner, conversation["id"], text)).json()
        answer = await as_requester.post(f"/api/conversations/{conversation['id']}/messages/{rude['id']}/report")
        assert answer.status_code == 200
        return conversation, rude

    async def test_the_coordinator_sees_the_message_who_reported_it_and_when(self, as_requester, as_owner, world,
                                                                               new_client):
        conversation, rude = await self.report(as_requester, as_owner, world)
        coordinator = await signed_in(new_client, world.coordinator_email)
        answer = await coordinator.get("/api/conversations/reports")
        assert answer.status_code == 200, answer.text
        [entry] = answer.json()["items"]
        assert (entry["conversation_id"], entry["message"]["id"], entry["message"]["body"]) == (
            conversation["id"], rude["id"], "Något otrevligt")
        requester = next(p for p in conversation["participants"] if p["role"] == "asker")
        assert (entry["reported_by"]["id"], entry["reported_by"]["name"]) == (requester["id"], requester["name"])
        assert entry["subject"]["title"] == "Kontorsstol" and entry["reported_at"]

    async def test_a_hidden_or_dismissed_report_leaves_the_list(self, as_requester, as_owner, world, new_client):
        conversation, rude = await self.report(as_requester, as_owner, world)
        other = (await send(as_owner, conversation["id"], "Också otrevligt")).json()
        await as_requester.post(f"/api/conversations/{conversation['id']}/messages/{other['id']}/report")
        coordinator = await signed_in(new_client, world.coordinator_email)
        listed = (await coordinator.get("/api/conversations/reports")).json()["items"]
        assert [e["message"]["id"] for e in listed] == [other["id"], rude["id"]]
        base = f"/api/conversations/{conversation['id']}/messages"
        assert (await coordinator.post(f"{base}/{rude['id']}/hide", json={})).status_code == 200
        dismissed = await coordinator.post(f"{base}/{other['id']}/dismiss")
        assert dismissed.status_code == 200 and not dismissed.json()["hidden"]
        assert (await coordinator.get("/api/conversations/reports")).json()["items"] == []
        page = (await as_requester.get(f"/api/conversations/{conversation['id']}")).json()
        assert next(m for m in page["messages"] if m["id"] == other["id"])["body"] == "Också otrevligt"

    async def test_only_the_owner_municipalitys_coordinators_see_or_dismiss_reports(self, as_requester, as_owner,
                                                                                     world, new_client, skurup):
        conversation, rude = await self.report(as_requester, as_owner, world)
        assert (await as_owner.get("/api/conversations/reports")).status_code == 403
        refused = await as_owner.post(f"/api/conversations/{conversation['id']}/messages/{rude['id']}/dismiss")
        assert refused.status_code == 403
        await make_user(skurup.id, skurup.ame_unit, "lead@skurup.test", "coordinator")
        theirs = await signed_in(new_client, "lead@skurup.test")
        assert (await theirs.get("/api/conversations/reports")).json()["items"] == []
        stranger = await theirs.post(f"/api/conversations/{conversation['id']}/messages/{rude['id']}/dismiss")
        assert stranger.status_code == 404

    @pytest.mark.parametrize("limit", ["0", "51", "x"])
    async def test_a_page_size_out_of_bounds_is_refused(self, world, new_client, limit):
        coordinator = await signed_in(new_client, world.coordinator_email)
        assert (await coordinator.get("/api/conversations/reports", params={"limit": limit})).status_code == 400


class TestBookingsAndJobs:
    async def test_a_booking_conversation_has_the_requester_the_owner_and_the_ame(self, as_requester, as_owner,
                                                                                  world, new_client, skurup, ystad):
        await make_user(ystad.id, ystad.admin_unit, "lead@ystad.test", "coordinator")
        booking = (await as_requester.post("/api/bookings", json={
            "listing_id": str(world.listing), "start": days(2), "end": days(4),
            "delivery_address": "Skolgatan 3, 274 30 Skurup"})).json()
        started = await as_owner.post("/api/conversations", json={"subject_kind": "booking",
                                                                   "subject_id": booking["id"]})
        assert started.status_code == 201, started.text
        assert {p["role"] for p in started.json()["participants"]} == {"requester", "owner", "coordinator"}
        await make_user(skurup.id, skurup.ame_unit, "bo@skurup.test")
        stranger = await signed_in(new_client, "bo@skurup.test")
        answer = await stranger.post("/api/conversations", json={"subject_kind": "booking",
                                                                 "subject_id": booking["id"]})
        assert answer.status_code == 404

    async def test_the_driver_reaches_the_recipient_about_a_transport_job(self, as_requester, as_owner, world,
                                                                          new_client):
        booking = (await as_requester.post("/api/bookings", json={
            "listing_id": str(world.listing), "start": days(2), "end": days(4),
            "delivery_address": "Skolgatan 3, 274 30 Skurup"})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        coordinator = await signed_in(new_client, world.coordinator_email)
        job = (await coordinator.get("/api/transport-jobs", params={"status": "unassigned"})).json()[0]
        driver = await signed_in(new_client, world.driver_email)
        before = await driver.post("/api/conversations", json={"subject_kind": "job", "subject_id": job["id"]})
        assert before.status_code == 404  # not their job yet
        await coordinator.post(f"/api/transport-jobs/{job['id']}/assign",
                               json={"driver_id": str(world.driver), "day": days(2), "version": job["version"]})
        started = await driver.post("/api/conversations", json={"subject_kind": "job", "subject_id": job["id"]})
        assert started.status_code == 201, started.text
        assert {p["role"] for p in started.json()["participants"]} == {"driver", "recipient", "coordinator"}
        await send(driver, started.json()["id"], "Jag är där om tio minuter.")
        assert (await as_requester.get("/api/conversations/unread")).json() == {"count": 1}
        assert (await as_owner.post("/api/conversations", json={"subject_kind": "job",
                                                                "subject_id": job["id"]})).status_code == 404


class TestPhotos:
    async def test_the_author_adds_a_photo_the_others_see_and_strangers_do_not(self, as_requester, as_owner, world,
                                                                                 new_client, skurup):
        conversation = await ask(as_requester, world.listing)
        sent = (await send(as_requester, conversation["id"], "Så här ser väggen ut.")).json()
        where = f"/api/conversations/{conversation['id']}/messages/{sent['id']}/photo"
        refused = await as_owner.post(where, files={"file": ("vagg.jpg", jpeg(), "image/jpeg")})
        assert refused.status_code == 403
        added = await as_requester.post(where, files={"file": ("vagg.jpg", jpeg(), "image/jpeg")})
        assert added.status_code == 200, added.text
        assert added.json()["thumb_url"] == f"{where}/thumb"
        photo = await as_owner.get(f"{where}/display")
        assert photo.status_code == 200 and photo.headers["content-type"] == "image/webp"
        assert Image.open(io.BytesIO(photo.content)).size == (64, 48)
        await make_user(skurup.id, skurup.ame_unit, "bo@skurup.test")
        stranger = await signed_in(new_client, "bo@skurup.test")
        assert (await stranger.get(f"{where}/thumb")).status_code == 404

    async def test_a_photo_bomb_is_refused(self, as_requester, world):
        conversation = await ask(as_requester, world.listing)
        sent = (await send(as_requester, conversation["id"], "Bild")).json()
        out = io.BytesIO()
        Image.new("1", (20_000, 20_000)).save(out, "PNG")  # 400 MP, a few kB on disk
        answer = await as_requester.post(f"/api/conversations/{conversation['id']}/messages/{sent['id']}/photo",
                                         files={"file": ("bomb.png", out.getvalue(), "image/png")})
        assert (answer.status_code, answer.json()["error"]) == (413, "photo_too_many_pixels")
        page = (await as_requester.get(f"/api/conversations/{conversation['id']}")).json()
        assert page["messages"][0]["photo_url"] is None


class TestRetries:
    async def test_the_same_send_at_once_twice_makes_one_message(self, as_requester, world):
        conversation = await ask(as_requester, world.listing)
        client_id = uuid4()
        answers = await asyncio.gather(*(send(as_requester, conversation["id"], "Samtidigt", client_id)
                                         for _ in range(4)))
        assert sorted(a.status_code for a in answers) == [200, 200, 200, 201]
        assert len({a.json()["id"] for a in answers}) == 1

    async def test_a_message_queued_on_a_shared_phone_by_someone_else_is_refused(self, as_requester, world):
        conversation = await ask(as_requester, world.listing)
        other = await as_requester.post(f"/api/conversations/{conversation['id']}/messages",
                                        json={"client_id": str(uuid4()), "body": "Från Annas kö"},
                                        headers={"X-Delbar-User": str(uuid4())})
        assert other.status_code == 409
        assert other.json()["error"] == "other_user"
        page = (await as_requester.get(f"/api/conversations/{conversation['id']}")).json()
        assert [m["body"] for m in page["messages"]] == ["Passar skrivbordet en vägg på 160 cm?"]


class TestQuietHours:
    async def test_an_alert_in_quiet_hours_waits_for_their_end(self, as_requester, as_owner, world):
        endpoint = f"https://push.example.test/{uuid4()}"
        subscribed = await as_owner.post("/api/push/subscriptions",
                                         json={"endpoint": endpoint, "keys": {"p256dh": P256DH, "auth": AUTH}})
        assert subscribed.status_code == 201, subscribed.text
        local = datetime.now(STOCKHOLM)
        quiet = {"quiet_start": f"{(local - timedelta(hours=1)).hour:02d}:00",
                 "quiet_end": f"{(local + timedelta(hours=2)).hour:02d}:00"}
        kinds = (await as_owner.get("/api/push/preferences")).json()["kinds"]
        saved = await as_owner.put("/api/push/preferences", json={"version": 1, "kinds": kinds, **quiet})
        assert saved.status_code == 200, saved.text
        await ask(as_requester, world.listing)
        deliveries = await PushDelivery.select(PushDelivery.next_attempt_at).where(
            PushDelivery.subscription.endpoint == endpoint)
        assert len(deliveries) == 1
        assert deliveries[0]["next_attempt_at"] > datetime.now(UTC) + timedelta(minutes=59)


class TestPagingInput:
    @pytest.mark.parametrize("before", ["0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00", "2026-12-07T10:00:00",
                                        "2026-12-07T10:00:00+01:00", "igår"])
    @pytest.mark.parametrize("limit", ["0", "51", "-1", "20", "x"])
    async def test_odd_cursors_and_page_sizes_are_answered_or_refused_never_a_server_error(self, as_requester,
                                                                                          world, before, limit):
        conversation = await ask(as_requester, world.listing)
        for path in ("/api/conversations", f"/api/conversations/{conversation['id']}"):
            answer = await as_requester.get(path, params={"before": before, "limit": limit})
            assert answer.status_code in (200, 400), (path, before, limit, answer.text)
            if limit in ("0", "51", "-1", "x"):
                assert answer.status_code == 400
