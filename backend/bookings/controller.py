"""HTTP for bookings: request, read, the steps, availability, charges and calendar files."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from litestar import Controller, Response, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.bookings import schemas
from backend.bookings.availability import AvailabilityService
from backend.bookings.convert import availability_read, booking_read, charge_read
from backend.bookings.policies import PolicyService
from backend.bookings.service import BookingService
from backend.bookings.transitions import TransitionService
from backend.catalog.controller import PHOTO_CACHE, PhotoSize
from backend.catalog.storage import photo_store
from backend.deps import ActorDep, DbDep, SettingsDep
from backend.openapi import retried
from backend.params import OptionalDay
from backend.schemas import BulkDone, BulkIds

QUEUES = {"requested": ("requested",), "open": ("requested", "approved", "fulfilled", "returned")}


class BookingController(Controller):
    path = "/api/bookings"
    tags = ["bookings"]

    @post("/", responses=retried(schemas.BookingRead))
    async def create_booking(self, db: DbDep, actor: ActorDep,
                             data: JSONBody[schemas.BookingCreate]) -> Response[schemas.BookingRead]:
        row, created = await BookingService(db, actor).request(data)
        return Response(booking_read(row, actor), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/")
    async def list_bookings(self, db: DbDep, actor: ActorDep, view: FromQuery[Literal["mine", "queue"]] = "mine",
                            status: FromQuery[Literal["requested", "open"]] = "requested") -> list[schemas.BookingRead]:
        service = BookingService(db, actor)
        rows = await (service.list_mine() if view == "mine" else service.list_queue(QUEUES[status]))
        return [booking_read(r, actor) for r in rows]

    @get("/{booking_id:uuid}")
    async def get_booking(self, db: DbDep, actor: ActorDep, booking_id: FromPath[UUID]) -> schemas.BookingRead:
        return booking_read(await BookingService(db, actor).get(booking_id), actor)

    @get("/{booking_id:uuid}/delivery-proof/{size:str}", media_type="image/webp")
    async def get_delivery_proof(self, db: DbDep, actor: ActorDep, settings: SettingsDep, booking_id: FromPath[UUID],
                                 size: FromPath[PhotoSize]) -> Response[bytes]:
        """The delivery receipt's image (the recipient's signature or the driver's photo of the handover)."""
        data = await BookingService(db, actor).proof_image(booking_id, size, photo_store(settings))
        return Response(data, media_type="image/webp", headers={"Cache-Control": PHOTO_CACHE})

    @get("/{booking_id:uuid}/ics", media_type="text/calendar; charset=utf-8")
    async def booking_ics(self, db: DbDep, actor: ActorDep, booking_id: FromPath[UUID]) -> Response[str]:
        text = await BookingService(db, actor).calendar_text(booking_id)
        headers = {"Content-Disposition": f'attachment; filename="delbar-{booking_id}.ics"'}
        return Response(text, headers=headers)

    @get("/{booking_id:uuid}/charges")
    async def list_booking_charges(self, db: DbDep, actor: ActorDep,
                                   booking_id: FromPath[UUID]) -> list[schemas.ChargeRead]:
        return [charge_read(c) for c in await BookingService(db, actor).charges(booking_id)]

    async def _step(self, db, actor, booking_id: UUID, action: str, reason: str = "") -> schemas.BookingRead:
        return booking_read(await TransitionService(db, actor).step(booking_id, action, reason), actor)

    @post("/approve", status_code=200)
    async def approve_bookings(self, db: DbDep, actor: ActorDep, data: JSONBody[BulkIds]) -> BulkDone:
        """Approve several requests at once, all or none (the work queue's bulk action)."""
        ids = await TransitionService(db, actor).approve_many(data.ids)
        return BulkDone(done=len(ids), ids=ids)

    @post("/{booking_id:uuid}/approve", status_code=200)
    async def approve_booking(self, db: DbDep, actor: ActorDep, booking_id: FromPath[UUID],
                              data: JSONBody[schemas.Empty]) -> schemas.BookingRead:
        return await self._step(db, actor, booking_id, "approve")

    @post("/{booking_id:uuid}/decline", status_code=200)
    async def decline_booking(self, db: DbDep, actor: ActorDep, booking_id: FromPath[UUID],
                              data: JSONBody[schemas.ReasonBody]) -> schemas.BookingRead:
        return await self._step(db, actor, booking_id, "decline", data.reason)

    @post("/{booking_id:uuid}/cancel", status_code=200)
    async def cancel_booking(self, db: DbDep, actor: ActorDep, booking_id: FromPath[UUID],
                             data: JSONBody[schemas.ReasonBody]) -> schemas.BookingRead:
        return await self._step(db, actor, booking_id, "cancel", data.reason)

    @post("/{booking_id:uuid}/fulfil", status_code=200)
    async def fulfil_booking(self, db: DbDep, actor: ActorDep, booking_id: FromPath[UUID],
                             data: JSONBody[schemas.Empty]) -> schemas.BookingRead:
        return await self._step(db, actor, booking_id, "fulfil")

    @post("/{booking_id:uuid}/return", status_code=200)
    async def return_booking(self, db: DbDep, actor: ActorDep, booking_id: FromPath[UUID],
                             data: JSONBody[schemas.Empty]) -> schemas.BookingRead:
        return await self._step(db, actor, booking_id, "return")

    @post("/{booking_id:uuid}/complete", status_code=200)
    async def complete_booking(self, db: DbDep, actor: ActorDep, booking_id: FromPath[UUID],
                               data: JSONBody[schemas.Empty]) -> schemas.BookingRead:
        return await self._step(db, actor, booking_id, "complete")


class AvailabilityController(Controller):
    path = "/api/listings/{listing_id:uuid}/availability"
    tags = ["bookings"]

    @get("/")
    async def get_availability(self, db: DbDep, actor: ActorDep, listing_id: FromPath[UUID],
                               start: FromQuery[OptionalDay] = None,
                               end: FromQuery[OptionalDay] = None) -> schemas.AvailabilityRead:
        return availability_read(await AvailabilityService(db, actor).of_listing(listing_id, start, end))


def policy_read(row: dict) -> schemas.PolicyRead:
    return schemas.PolicyRead(unit_id=row["unit"], internal_deals=[d for d in row["internal_deals"].split(",") if d],
                              version=row["version"])


class PolicyController(Controller):
    path = "/api/booking-policies"
    tags = ["bookings"]

    @get("/{unit_id:uuid}")
    async def get_policy(self, db: DbDep, actor: ActorDep, unit_id: FromPath[UUID]) -> schemas.PolicyRead:
        return policy_read(await PolicyService(db, actor).get(unit_id))

    @put("/{unit_id:uuid}")
    async def save_policy(self, db: DbDep, actor: ActorDep, unit_id: FromPath[UUID],
                          data: JSONBody[schemas.PolicyUpdate]) -> schemas.PolicyRead:
        return policy_read(await PolicyService(db, actor).save(unit_id, list(data.internal_deals), data.version))
