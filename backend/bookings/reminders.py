"""The day before: "pickup tomorrow" when a booking starts tomorrow, "return tomorrow" when it ends.

"Tomorrow" is the next day in Swedish local time. Each reminder has a key (kind:booking:day)
stored in the same transaction as its notification, so running the job again, or in two
processes at once, queues it once; a booking approved later in the day is reminded at the next
run. The reminder goes to the person who made the booking.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from backend import clock
from backend.bookings.repository import ReminderRepository, Row
from backend.db import Database
from backend.push.outbox import claim_keys, notify_message, queued_keys
from backend.vocabulary import local_day

# Bookings reminded per write transaction: keeps SQLite's write lock short on a busy day.
BATCH = 100

def tomorrow(now: datetime) -> date:
    return local_day(now) + timedelta(days=1)


def reminder_key(kind: str, booking_id: object, day: date) -> str:
    return f"{kind}:{booking_id}:{day.isoformat()}"


def message(kind: str, booking: Row, day: date) -> tuple[str, dict]:
    """The catalogue key and its parameters: what, which day, and where it is collected or brought back."""
    place = booking["owner_unit_name"]
    if booking["owner_municipality_id"] != booking["requester_municipality_id"]:
        place = f"{place}, {booking['owner_municipality_name']}"
    params = {"listing": booking["listing_title"], "day": {"day": day.isoformat(), "weekday": True}}
    if kind == "return_due":
        return "return_due", {**params, "place": place}
    if booking["delivery_address"]:
        return "delivery_due", {**params, "address": booking["delivery_address"]}
    return "pickup_due", {**params, "place": place}


async def _not_yet_reminded(repository: ReminderRepository, day: date) -> dict[str, tuple[str, Row]]:
    due = [("pickup_due", row) for row in await repository.pickups_on(day)]
    due += [("return_due", row) for row in await repository.returns_on(day)]
    keyed = {reminder_key(kind, row["id"], day): (kind, row) for kind, row in due}
    done = await queued_keys(list(keyed))
    return {key: value for key, value in keyed.items() if key not in done}


async def queue_due_reminders(db: Database, now: datetime | None = None) -> Counter:
    """Queue every reminder for tomorrow not queued yet; the counts per kind."""
    now = now or clock.now()
    day, repository, counts = tomorrow(now), ReminderRepository(), Counter()
    async with db.read():  # the usual answer is "nothing new": no write lock for that
        if not await _not_yet_reminded(repository, day):
            return counts
    while True:
        async with db.write():
            # Read again inside the write: a booking cancelled meanwhile is not reminded.
            batch = list((await _not_yet_reminded(repository, day)).items())[:BATCH]
            if not batch:
                return counts
            claimed = await claim_keys([key for key, _ in batch], now)
            for key, (kind, booking) in batch:
                if key in claimed:
                    key, params = message(kind, booking, day)
                    await notify_message([booking["requester_id"]], kind, key, params,
                                         f"/bokningar/{booking['id']}", tag=f"booking-{booking['id']}")
                    counts[kind] += 1
