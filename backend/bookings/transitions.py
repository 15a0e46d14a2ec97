"""The steps after a request: approve, decline, fulfil, return, complete, cancel.

Each step checks the status inside the write transaction and moves it with a conditional
UPDATE, so two people pressing at once cannot both win. Approving an already approved booking
answers with the booking as it is (a double click is harmless); any other step from the wrong
status is a 409 that says what the booking is now.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from backend import clock
from backend.bookings import charges, notifications
from backend.bookings.repository import BookingRepository, ChargeRepository, PolicyRepository, Row, listing_by_id
from backend.bookings.rules import OWNER_HELPERS, TRANSITIONS, allowed_from, is_owner_side, may_cancel, may_see
from backend.db import Database
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.impact.ledger import book_reuse
from backend.tenancy import Actor
from backend.transport import service as jobs
from backend.transport.repository import transport_of_booking
from backend.vocabulary import PHYSICAL_KINDS

# After the step, who hears about it: the requester or the owner side.
NOTIFY = {"approve": "booking_approved", "decline": "booking_declined", "cancel": "booking_cancelled",
          "fulfil": "booking_changed", "return": "booking_changed", "complete": "booking_changed"}


async def auto_approves(booking: Row) -> bool:
    """The owning unit approves internal requests of these deals automatically."""
    if booking["requester_municipality_id"] != booking["owner_municipality_id"]:
        return False
    policy = await PolicyRepository().of_unit(booking["owner_unit_id"])
    return bool(policy) and booking["deal"] in policy["internal_deals"].split(",")


async def book_impact(booking: Row, listing: Row, now: datetime) -> None:
    """Book the avoided purchase when a reuse the requester said displaced one completes."""
    if not booking["displaces_purchase"]:
        return
    paid = sum(c["amount_ore"] for c in await ChargeRepository().of_booking(booking["id"]))
    await book_reuse(municipality_id=booking["requester_municipality_id"], unit_id=booking["requester_unit_id"],
                     booking_id=booking["id"], listing_id=listing["id"], category_id=listing["category"],
                     deal=booking["deal"], quantity=booking["quantity"], paid_ore=max(paid, 0),
                     weight_g=listing["weight_g"], completed_at=now)


class TransitionService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.bookings = BookingRepository(actor.municipality_id)

    async def _load(self, booking_id: UUID) -> Row:
        row = await self.bookings.get(booking_id)
        if row is None or not may_see(self.actor, row):
            raise NotFound("No such booking.")
        return row

    def _check_allowed(self, action: str, row: Row) -> None:
        if action == "cancel":
            ok = may_cancel(self.actor, row)
        elif action in ("approve", "decline"):
            ok = is_owner_side(self.actor, row)
        else:
            ok = is_owner_side(self.actor, row, *OWNER_HELPERS)
        if not ok:
            raise Forbidden("Only the owning unit or a coordinator can do that with this booking.")

    async def step(self, booking_id: UUID, action: str, reason: str = "") -> Row:
        """Run one transition for the acting user, all or nothing."""
        now = clock.now()
        if action in ("decline", "cancel") and not reason.strip():
            raise Invalid("Say why: the requester reads the reason with the answer.", error="reason_missing")
        async with self.db.write():
            row = await self._load(booking_id)
            self._check_allowed(action, row)
            if action == "approve" and row["status"] == "approved":
                return row
            if row["status"] not in allowed_from(action, row):
                raise Conflict(f"The booking is {row['status']}; it cannot be {action}d now.", error="wrong_status")
            if action == "approve":
                await self.approve_in_transaction(row, await listing_by_id(row["listing_id"]), now)
            else:
                await self._move(row, action, now, reason)
                await self._side_effects(row, action, now)
        return await self._reload(booking_id)

    async def approve_many(self, ids: list[UUID]) -> list[UUID]:
        """Approve every request or none: the first that cannot be approved stops them all and is named."""
        now = clock.now()
        async with self.db.write():
            for booking_id in ids:
                row = await self.bookings.get(booking_id)
                if row is None or not may_see(self.actor, row):
                    raise NotFound(f"No such booking: {booking_id}. Nothing was approved.")
                try:
                    self._check_allowed("approve", row)
                except Forbidden as error:
                    raise Forbidden(f"Booking {booking_id}: {error.detail} Nothing was approved.") from error
                if row["status"] != "requested":
                    raise Conflict(f"Booking {booking_id} is {row['status']}, not waiting for approval. "
                                   "Nothing was approved.", error="wrong_status")
                await self.approve_in_transaction(row, await listing_by_id(row["listing_id"]), now)
        return ids

    async def _reload(self, booking_id: UUID) -> Row:
        async with self.db.read():
            row = await self.bookings.get(booking_id)
            row["events"] = await self.bookings.events(booking_id)
            row["transport"] = await transport_of_booking(booking_id)
            return row

    async def _move(self, row: Row, action: str, now: datetime, reason: str = "", automatic: bool = False) -> None:
        to_status = TRANSITIONS[action][1]
        if not await self.bookings.move(row["id"], row["status"], to_status, now):
            raise Conflict("Someone else changed the booking at the same moment; reload it.", error="stale_version")
        await self.bookings.add_event({"id": uuid4(), "booking": row["id"], "actor": None if automatic else
                                       self.actor.user_id, "action": "auto_approve" if automatic else action,
                                       "from_status": row["status"], "to_status": to_status, "reason": reason,
                                       "at": now})
        row["status"] = to_status

    async def approve_in_transaction(self, row: Row, listing: Row, now: datetime, automatic: bool = False) -> None:
        """Approve inside the caller's write: charge, transport job, tell the requester."""
        await self._move(row, "approve", now, automatic=automatic)
        await charges.on_approved(row, listing, now)
        if row["delivery_address"] and listing["kind"] in PHYSICAL_KINDS:
            await jobs.create_for_booking(row, listing, now)
        await notifications.emit("booking_approved", [row["requester_id"]], row, skip=self.actor.user_id)

    async def _side_effects(self, row: Row, action: str, now: datetime) -> None:
        if action in ("decline", "cancel", "return"):
            await self.bookings.release(row["id"])
        if action == "cancel":
            await charges.on_cancelled(row, now)
            await jobs.cancel_for_booking(row["id"], now)
        if action == "complete":
            await book_impact(row, await listing_by_id(row["listing_id"]), now)
        others = [row["requester_id"]] + await notifications.owner_side(row)
        await notifications.emit(NOTIFY[action], others, row, skip=self.actor.user_id)
