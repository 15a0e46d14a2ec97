"""Transport job storage: pickup → optional storage → delivery, with the items that travel.

`booking_id` and `item` are plain UUIDs, not foreign keys: bookings and items live in contexts
whose migrations depend on this one, so a foreign key would make the dependency circular.
The jobs service checks them when it writes.
"""

from __future__ import annotations

from piccolo.columns import UUID, Date, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import Municipality, Unit, User
from backend.locations.tables import Location

JOB_STATUSES = ("planned", "assigned", "in_transit", "done", "cancelled")


class TransportJob(Table):
    """A transportuppdrag, owned by the municipality whose AME drives it."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    booking_id = UUID(null=True, default=None, index=True)
    # The booking's requesting municipality: a job between municipalities is seen on both boards.
    requester_municipality = UUID(null=True, default=None, index=True)
    status = Varchar(length=12, default="planned", index=True)
    pickup_location = ForeignKey(references=Location, null=True, default=None, on_delete=OnDelete.restrict)
    pickup_address = Varchar(length=300, default="")
    storage_location = ForeignKey(references=Location, null=True, default=None, on_delete=OnDelete.restrict)
    delivery_address = Varchar(length=300, default="")
    wanted_date = Date(null=True, default=None)
    # "delivery" takes the items to the borrower; "return" brings a loan back on its return day.
    leg = Varchar(length=10, default="delivery")
    time_window = Varchar(length=5, default="")
    recipient_name = Varchar(length=100, default="")
    recipient_phone = Varchar(length=30, default="")
    room = Varchar(length=100, default="")
    driver = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.restrict, index=True)
    day = Date(null=True, default=None, index=True)
    note = Varchar(length=500, default="")
    version = Integer(default=1)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class TransportJobItem(Table):
    """One item on a job, with when its pickup and delivery scans arrived."""

    id = UUID(primary_key=True)
    job = ForeignKey(references=TransportJob, null=False, on_delete=OnDelete.cascade, index=True)
    item = UUID(index=True)
    picked_up_at = Timestamptz(null=True, default=None)
    delivered_at = Timestamptz(null=True, default=None)


class TransportTariff(Table):
    """What a municipality's AME charges for one delivered transport job, and which unit is paid.

    Without a row, or at 0 öre, transport is free; the fee is charged to the booking's requesting
    unit when the job is done, like rent and sales (an immutable charge between cost centres).
    """

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, unique=True)
    fee_ore = Integer(default=0)
    payee_unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict)
    version = Integer(default=1)
    updated_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    updated_at = Timestamptz()


class DeliveryProof(Table):
    """The recipient's receipt of a delivery: their typed name, and a signature drawn on the driver's
    phone or a photo the driver took. One per job; the image lives in the photo store (key_of below)."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    job = ForeignKey(references=TransportJob, null=False, on_delete=OnDelete.cascade, unique=True)
    recipient_name = Varchar(length=100)
    kind = Varchar(length=10)  # "signature" or "photo"
    # The newest applied deliver scan of the job's items when the receipt came: what it was signed for.
    scan_event = UUID(null=True, default=None)
    created_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz()
