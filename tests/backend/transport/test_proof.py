"""Proof of delivery: the recipient's name and a signature or photo, stored with the deliver scans
and shown on the booking to both its sides."""

from __future__ import annotations

import asyncio
import io
from uuid import uuid4

import pytest
from PIL import Image, ImageDraw

from backend import clock
from backend.locations.tables import Location
from backend.transport.tables import DeliveryProof
from tests.backend.bookings.helpers import days, make_listing
from tests.backend.transport.test_service import signed_in
from tests.factories import make_code, make_user

pytestmark = pytest.mark.anyio


def signature_png() -> bytes:
    """A stroke on white, as the job card's signature pad sends it."""
    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).line([(20, 150), (120, 40), (220, 160), (380, 60), (560, 120)], fill="black", width=6)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def receipt(name: str = "Robin Lånar", kind: str = "signature", data: bytes | None = None):
    return {"data": {"recipient_name": name, "kind": kind},
            "files": {"file": ("signature.png", signature_png() if data is None else data, "image/png")}}


async def delivered_job(as_requester, as_owner, ystad, world, new_client, *, deliver: bool = True):
    """A booking delivered by its assigned driver's scans; returns the booking, the job and the driver."""
    listing, items = await make_listing(ystad, items=1)
    booking = (await as_requester.post("/api/bookings", json={
        "listing_id": str(listing), "quantity": 1, "start": days(2), "end": days(5),
        "delivery_address": "Skolgatan 3", "recipient_name": "Robin Lånar"})).json()
    await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
    coordinator = await signed_in(new_client, world.coordinator_email)
    job = next(j for j in (await coordinator.get("/api/transport-jobs")).json() if j["leg"] == "delivery")
    await coordinator.post(f"/api/transport-jobs/{job['id']}/assign",
                           json={"driver_id": str(world.driver), "day": days(2), "version": job["version"]})
    driver = await signed_in(new_client, world.driver_email)
    if deliver:
        van = uuid4()
        await Location.insert(Location(id=van, municipality=ystad.id, kind="vehicle", name="Transportbil 1",
                                       created_at=clock.now()))
        van_code, code = await make_code(ystad.id, location=van), await make_code(ystad.id, item=items[0])
        events = [{"id": str(uuid4()), "code": code, "action": action, "device_time": clock.now().isoformat(),
                   **extra} for action, extra in (("pickup", {"location_code": van_code}), ("deliver", {}))]
        result = await driver.post("/api/scans/batch", json={"events": events})
        assert [r["status"] for r in result.json()["results"]] == ["applied", "applied"]
    return booking, job, driver


class TestProofOfDelivery:
    async def test_the_recipient_signs_and_both_sides_of_the_booking_see_it(self, as_requester, as_owner, ystad,
                                                                            world, new_client):
        booking, job, driver = await delivered_job(as_requester, as_owner, ystad, world, new_client)
        signed = await driver.post(f"/api/transport-jobs/{job['id']}/proof", **receipt(name="  Robin   Lånar "))
        assert signed.status_code == 200, signed.text
        proof = signed.json()["proof"]
        assert (proof["recipient_name"], proof["kind"]) == ("Robin Lånar", "signature")
        image = await driver.get(proof["image_url"])
        assert image.status_code == 200 and image.headers["content-type"] == "image/webp"
        stored = await DeliveryProof.select().first()
        assert stored["scan_event"] is not None  # signed for the deliver scan it followed
        for side in (as_requester, as_owner):
            shown = (await side.get(f"/api/bookings/{booking['id']}")).json()["transport"]["proof"]
            assert shown["recipient_name"] == "Robin Lånar"
            picture = await side.get(shown["thumb_url"])
            assert picture.status_code == 200 and picture.content[:4] == b"RIFF"

    async def test_sent_again_it_changes_nothing_and_another_is_refused(self, as_requester, as_owner, ystad, world,
                                                                        new_client):
        _, job, driver = await delivered_job(as_requester, as_owner, ystad, world, new_client)
        first = await driver.post(f"/api/transport-jobs/{job['id']}/proof", **receipt())
        again = await driver.post(f"/api/transport-jobs/{job['id']}/proof", **receipt())
        other = await driver.post(f"/api/transport-jobs/{job['id']}/proof", **receipt(name="Någon Annan"))
        assert (first.status_code, again.status_code) == (200, 200)
        assert other.status_code == 409 and other.json()["error"] == "already_proved"
        assert await DeliveryProof.count() == 1

    async def test_two_receipts_at_once_keep_the_first_and_refuse_the_other(self, as_requester, as_owner, ystad,
                                                                            world, new_client):
        _, job, driver = await delivered_job(as_requester, as_owner, ystad, world, new_client)
        url = f"/api/transport-jobs/{job['id']}/proof"
        names = ("Robin Lånar", "Kim Annan")
        answers = await asyncio.gather(*(driver.post(url, **receipt(name=name)) for name in names))
        assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]
        kept = next(a for a in answers if a.status_code == 200).json()["proof"]["recipient_name"]
        assert [row["recipient_name"] for row in await DeliveryProof.select()] == [kept]

    async def test_it_waits_for_the_deliver_scans(self, as_requester, as_owner, ystad, world, new_client):
        _, job, driver = await delivered_job(as_requester, as_owner, ystad, world, new_client, deliver=False)
        refused = await driver.post(f"/api/transport-jobs/{job['id']}/proof", **receipt())
        assert refused.status_code == 409 and refused.json()["error"] == "not_delivered"
        assert "Scan the items" in refused.json()["detail"]

    @pytest.mark.parametrize(("form", "status"), [
        (receipt(name="   "), 400),
        (receipt(name="x" * 101), 400),
        (receipt(name="Rad ett\nrad två"), 400),
        (receipt(kind="stamp"), 400),
        (receipt(data=b"not an image at all"), 415),
    ])
    async def test_bad_receipts_get_a_reason_and_store_nothing(self, as_requester, as_owner, ystad, world,
                                                               new_client, form, status):
        _, job, driver = await delivered_job(as_requester, as_owner, ystad, world, new_client)
        refused = await driver.post(f"/api/transport-jobs/{job['id']}/proof", **form)
        assert refused.status_code == status, refused.text
        assert refused.json()["detail"]
        assert await DeliveryProof.count() == 0

    async def test_nobody_else_reads_or_signs_it(self, as_requester, as_owner, ystad, skurup, world, new_client):
        booking, job, driver = await delivered_job(as_requester, as_owner, ystad, world, new_client)
        await driver.post(f"/api/transport-jobs/{job['id']}/proof", **receipt())
        # The requesting municipality's coordinator sees the booking, so its receipt, but drives nothing.
        await make_user(skurup.id, skurup.ame_unit, "samordnare@skurup.test", "coordinator")
        coordinator = await signed_in(new_client, "samordnare@skurup.test")
        assert (await coordinator.post(f"/api/transport-jobs/{job['id']}/proof", **receipt())).status_code == 404
        assert (await coordinator.get(f"/api/transport-jobs/{job['id']}/proof/display")).status_code == 404
        assert (await coordinator.get(f"/api/bookings/{booking['id']}/delivery-proof/display")).status_code == 200
        # Another unit's employee there sees neither the booking nor its receipt.
        await make_user(skurup.id, skurup.admin_unit, "annan@skurup.test", "employee")
        stranger = await signed_in(new_client, "annan@skurup.test")
        assert (await stranger.get(f"/api/bookings/{booking['id']}/delivery-proof/display")).status_code == 404
        assert (await stranger.get(f"/api/transport-jobs/{job['id']}/proof/thumb")).status_code in (403, 404)
