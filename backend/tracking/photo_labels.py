"""An intake photo links its label: the one unlinked code of ours read in it goes on the item.

The link is an ordinary `link` scan made by the uploader, so the item's history shows it. Only a
fresh label is linked: a label in use elsewhere, another municipality's, several labels or an item
that has a label already are reported, never guessed at (relabelling stays a deliberate scan).
"""

from __future__ import annotations

from uuid import UUID, uuid4

import anyio

from backend import clock
from backend.catalog.imaging import PhotoRefused
from backend.codes.photos import codes_in_photo
from backend.codes.repository import CodeRepository
from backend.codes.service import CodeService
from backend.db import Database
from backend.errors import NotFound
from backend.tenancy import Actor
from backend.tracking import schemas
from backend.tracking.service import ScanService

LINKERS = ("warehouse", "coordinator", "admin")
NOTE = "Linked from an intake photo"
MESSAGES = {
    "linked": "The label {code} in the photo is now linked to this item.",
    "already_linked": "The label {code} in the photo is already this item's label.",
    "item_labelled": "The label {code} was not linked: this item has a label already. Relabel it by scanning.",
    "belongs_elsewhere": "The label {code} was not linked: it is in use on another item or place.",
    "unknown": "The label {code} was not linked: it is not a label of your municipality.",
    "several": "Several labels are in the photo, so none was linked. Photograph one label at a time.",
    "none": "No label could be read in the photo. Link the label by scanning it.",
}
REFUSALS = {"code_already_linked": "belongs_elsewhere", "item_already_labelled": "item_labelled",
            "code_unknown": "unknown"}


def answer(status: str, code: str | None = None, codes: list[str] | None = None) -> schemas.PhotoLabelRead:
    return schemas.PhotoLabelRead(status=status, code=code, codes=codes or ([code] if code else []),
                                  message=MESSAGES[status].format(code=code))


class PhotoLabelService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    def may_link(self) -> bool:
        """Labelling is the warehouse's and the coordinators' work; others' photos are only stored."""
        return self.actor.has_any(*LINKERS)

    async def link_from_photo(self, item_id: UUID, data: bytes, max_pixels: int) -> schemas.PhotoLabelRead:
        """Read our codes in the original upload (the label may be small) and link the one fresh label."""
        try:
            texts = await anyio.to_thread.run_sync(codes_in_photo, data, max_pixels)
        except PhotoRefused:
            texts = []  # the photo pipeline took it, pyzbar's reader did not: no label read
        if not texts:
            return answer("none")
        if len(texts) > 1:
            return answer("several", codes=texts)
        return await self._link(item_id, texts[0])

    async def _link(self, item_id: UUID, text: str) -> schemas.PhotoLabelRead:
        try:
            found, current = await CodeService(self.db, self.actor).lookup(text)
        except NotFound:
            return answer("unknown", text)  # another municipality's code looks like no code at all
        if current["item"] == item_id:
            return answer("already_linked", text)
        if found["status"] != "unlinked":
            return answer("belongs_elsewhere", text)
        async with self.db.read():
            if await CodeRepository(self.actor.municipality_id).linked_to_items([item_id]):
                return answer("item_labelled", text)
        event = schemas.ScanEventIn(id=uuid4(), code=text, action="link", device_time=clock.now(), item_id=item_id,
                                    note=NOTE)
        # relabel=False: a label linked meanwhile makes this a refusal in the history, never a relabel.
        (result,) = await ScanService(self.db, self.actor).record([event], relabel=False)
        if result.status == "rejected":
            return answer(REFUSALS.get(result.reason or "", "belongs_elsewhere"), text)
        return answer("linked", text)
