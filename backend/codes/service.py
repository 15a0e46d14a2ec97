"""Code use cases: read what a code points at, make print batches, label locations.

Code text is checked everywhere it arrives: a wrong check character is a mistype (400
`code_mistyped`), a well-formed code that is not this municipality's is unknown (404).
"""

from __future__ import annotations

from uuid import UUID, uuid4

from backend import clock
from backend.codes import schemas
from backend.codes.repository import CodeRepository, Row
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.tenancy import Actor
from backend.vocabulary import MAX_HOPS
from labels import CodeChecksumError, CodeFormatError, ForeignPayloadError, new_codes, parse_payload, validate_code

EDITORS = ("warehouse", "coordinator", "admin")


class CodeTextError(Invalid):
    """Code text that cannot be one of ours, with the machine reason the scan log stores."""


def code_from_text(text: str) -> str:
    """Return the canonical code in typed or scanned text, or raise with the reason it is not one."""
    try:
        # Typed text is a code or a mistake; only a URL can be someone else's QR code.
        return parse_payload(text) if "/" in text or ":" in text else validate_code(text)
    except CodeChecksumError as error:
        raise CodeTextError(f"{error}.", error="code_mistyped") from error
    except ForeignPayloadError as error:
        raise CodeTextError(f"{error}.", error="code_not_ours") from error
    except CodeFormatError as error:
        raise CodeTextError(f"{error}.", error="code_malformed") from error


def follow(code: Row, by_id: dict[UUID, Row]) -> Row:
    """Return the code a retired code was replaced by (transitively), or the code itself."""
    for _ in range(MAX_HOPS):
        if code["status"] != "retired" or code["replaced_by"] not in by_id:
            return code
        code = by_id[code["replaced_by"]]
    return code


class CodeService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.codes = CodeRepository(actor.municipality_id)

    async def lookup(self, text: str) -> tuple[Row, Row]:
        """Return (the code as scanned, the code it resolves to after relabels); 404 when unknown."""
        code_text = code_from_text(text)
        async with self.db.read():
            found = (await self.codes.by_texts([code_text])).get(code_text)
            if found is None:
                raise NotFound("No label with that code in your municipality.", error="code_unknown")
            chain = {found["id"]: found}
            current = found
            for _ in range(MAX_HOPS):
                if current["status"] != "retired" or not current["replaced_by"]:
                    break
                current = (await self.codes.by_ids([current["replaced_by"]]))[current["replaced_by"]]
                chain[current["id"]] = current
        return found, current

    async def create_batch(self, data: schemas.CodeBatchCreate) -> tuple[Row, bool]:
        """Draw `size` fresh codes for a pre-printed sheet or roll; a replayed id returns the batch."""
        self.actor.require(*EDITORS)
        batch_id = data.id or uuid4()
        async with self.db.write():
            existing = await self.codes.batch_any_tenant(batch_id)
            if existing:
                if existing["municipality"] != self.actor.municipality_id:
                    raise Conflict("That id is already in use.")
                return (await self.codes.batches(batch_id))[0], False
            now = clock.now()
            await self.codes.insert_batch(batch_id, data.name, data.size, self.actor.user_id, now)
            texts = await self._fresh_texts(data.size)
            await self.codes.insert_codes([{"id": uuid4(), "text": t, "batch": batch_id} for t in texts], now)
            return (await self.codes.batches(batch_id))[0], True

    async def link_fresh_code(self, item_id: UUID) -> str:
        """Link a fresh code to an item inside a write transaction the caller holds (its label printed now)."""
        self.actor.require(*EDITORS)
        now = clock.now()
        (text,) = await self._fresh_texts(1)
        await self.codes.insert_codes([{"id": uuid4(), "text": text, "status": "linked", "item": item_id,
                                        "linked_at": now}], now)
        return text

    async def _fresh_texts(self, size: int) -> list[str]:
        """Draw codes not used anywhere yet (35 bits: clashes are rare, but must not be fatal)."""
        texts: list[str] = []
        while len(texts) < size:
            drawn = [t for t in new_codes(size - len(texts)) if t not in texts]
            taken = await self.codes.existing_texts(drawn)
            texts.extend(t for t in drawn if t not in taken)
        return texts

    async def list_batches(self) -> list[Row]:
        async with self.db.read():
            return await self.codes.batches()

    async def batch_codes(self, batch_id: UUID) -> list[Row]:
        async with self.db.read():
            if not await self.codes.batches(batch_id):
                raise NotFound("No such print batch.")
            return await self.codes.batch_codes(batch_id)

    async def code_for_location(self, location_id: UUID) -> tuple[Row, bool]:
        """Return the location's linked code, creating one when it has none yet."""
        self.actor.require(*EDITORS)
        async with self.db.write():
            if not await self.codes.locations([location_id]):
                raise NotFound("No such location.")
            existing = (await self.codes.linked_to_locations([location_id])).get(location_id)
            if existing:
                return existing, False
            code_id, now = uuid4(), clock.now()
            (text,) = await self._fresh_texts(1)
            await self.codes.insert_codes([{"id": code_id, "text": text, "status": "linked", "location": location_id,
                                            "linked_at": now}], now)
            return (await self.codes.by_ids([code_id]))[code_id], True

    async def codes_for_items(self, item_ids: list[UUID]) -> int:
        """Give every chosen item without a label in use a fresh linked code; how many were given."""
        self.actor.require(*EDITORS)
        async with self.db.write():
            found = await self.codes.items(item_ids)
            missing = [i for i in item_ids if i not in found]
            if missing:
                raise NotFound(f"No such item: {missing[0]}.")
            linked = await self.codes.linked_to_items(item_ids)
            bare = [i for i in dict.fromkeys(item_ids) if i not in linked]
            if bare:
                now = clock.now()
                texts = await self._fresh_texts(len(bare))
                await self.codes.insert_codes([{"id": uuid4(), "text": text, "status": "linked", "item": item,
                                                "linked_at": now} for item, text in zip(bare, texts, strict=True)],
                                              now)
            return len(bare)

    async def read(self, text: str) -> schemas.CodeRead:
        """What a code points at: the item or location of the code it resolves to."""
        found, current = await self.lookup(text)
        return await self.describe(found, current)

    async def describe(self, found: Row, current: Row) -> schemas.CodeRead:
        target = None
        async with self.db.read():
            if current["item"]:
                item = (await self.codes.items([current["item"]])).get(current["item"])
                if item:
                    target = schemas.CodeTarget(type="item", id=item["id"], title=item["title"], state=item["state"])
            elif current["location"]:
                place = (await self.codes.locations([current["location"]])).get(current["location"])
                if place:
                    target = schemas.CodeTarget(type="location", id=place["id"], title=place["name"])
        replaced_by = current["text"] if current["id"] != found["id"] else None
        return schemas.CodeRead(code=found["text"], status=found["status"], target=target, replaced_by=replaced_by)

    async def known_codes(self, texts: list[str]) -> list[schemas.CodeRead]:
        """Describe the codes of this municipality among texts (from a photo); others are left out."""
        async with self.db.read():
            known = await self.codes.by_texts(texts)
        return [await self.read(text) for text in dict.fromkeys(texts) if text in known]
