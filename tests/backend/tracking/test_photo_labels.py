"""Intake photos link their label: real rendered labels in a phone photo, every outcome, never across tenants."""

from __future__ import annotations

import io
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from PIL import Image, ImageDraw

from backend import clock
from backend.catalog.tables import Item, Photo
from backend.codes.tables import Code
from backend.settings import Settings
from backend.tenancy import Actor
from backend.tracking.schemas import ScanEventIn
from backend.tracking.service import ScanService
from labels import ROLLS, LabelContent, render_label_png
from tests.backend.codes.test_service import warehouse
from tests.factories import login, make_code, make_item, make_location, make_user

pytestmark = pytest.mark.anyio

WOOD = (150, 110, 70)


@pytest.fixture
def settings(empty_database: str, empty_photo_dir: Path) -> Settings:
    return Settings(database_url=empty_database, log_format="text", photo_dir=empty_photo_dir,
                    password_hashing="minimal")


def intake_photo(*codes: str, scale: float = 0.45, angle: float = 8.0) -> bytes:
    """A 2400 × 1800 JPEG of a cabinet with each label stuck on it, small and a little turned."""
    photo = Image.new("RGB", (2400, 1800), WOOD)
    draw = ImageDraw.Draw(photo)
    for x in range(0, 2400, 160):  # planks: some structure around the label, as in a real photo
        draw.line([(x, 0), (x + 90, 1800)], fill=(120, 85, 50), width=14)
    for i, code in enumerate(codes):
        png = render_label_png(LabelContent(code, "Skåp", "Ystad", "delbar.se"), ROLLS["DK-11209"])
        label = Image.open(io.BytesIO(png)).convert("RGB")
        label = label.resize((round(label.width * scale), round(label.height * scale)), Image.Resampling.LANCZOS)
        label = label.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=WOOD)
        photo.paste(label, (250 + i * 1050, 700 + i * 120))
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=85)
    return out.getvalue()


def plain_photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), WOOD).save(out, "JPEG")
    return out.getvalue()


async def listed_item(client, tenant) -> UUID:
    """An item on a listing of the tenant (photos are kept with listings), made by its employee."""
    await login(client, tenant.employee_email)
    response = await client.post("/api/listings", json={"kind": "furniture", "deal": "give", "title": "Skåp"})
    assert response.status_code == 201, response.text
    return (await Item.select(Item.id).where(Item.listing == response.json()["id"]).first())["id"]


async def upload(client, item_id: UUID, data: bytes):
    return await client.post(f"/api/items/{item_id}/photos", files={"file": ("p.jpg", data, "image/jpeg")})


async def label_of(client, item_id: UUID, data: bytes) -> dict:
    response = await upload(client, item_id, data)
    assert response.status_code == 201, response.text
    (photo,) = response.json()
    return photo["label"]


async def code_row(text: str) -> dict:
    return await Code.select(Code.status, Code.item, Code.location).where(Code.text == text).first()


async def photos_of(item_id: UUID) -> int:
    return await Photo.count().where(Photo.item == item_id)


@pytest.fixture
async def item(client, ystad) -> UUID:
    item_id = await listed_item(client, ystad)
    await warehouse(client, ystad)
    return item_id


class TestLinked:
    async def test_a_fresh_label_in_the_photo_is_linked_by_the_uploader(self, client, ystad, item):
        code = await make_code(ystad.id)
        label = await label_of(client, item, intake_photo(code))
        assert label["status"] == "linked" and label["code"] == code and code in label["message"]
        assert await code_row(code) == {"status": "linked", "item": item, "location": None}
        history = (await client.get(f"/api/items/{item}/history")).json()
        assert [(h["action"], h["outcome"], h["code"], h["actor_name"]) for h in history] == [
            ("link", "applied", code, "Lager")]
        assert history[0]["note"] == "Linked from an intake photo"
        assert (await client.get(f"/api/items/{item}/tracking")).json()["code"] == code
        assert await photos_of(item) == 1

    async def test_the_same_photo_again_has_nothing_left_to_do(self, client, ystad, item):
        code = await make_code(ystad.id)
        photo = intake_photo(code)
        await label_of(client, item, photo)
        label = await label_of(client, item, photo)
        assert (label["status"], label["code"]) == ("already_linked", code)
        assert len((await client.get(f"/api/items/{item}/history")).json()) == 1, "no second link event"
        assert await photos_of(item) == 2

    async def test_a_coordinator_links_too(self, client, ystad):
        item = await listed_item(client, ystad)
        await make_user(ystad.id, ystad.ame_unit, "samordnare@ystad.test", "coordinator")
        await login(client, "samordnare@ystad.test")
        code = await make_code(ystad.id)
        assert (await label_of(client, item, intake_photo(code, angle=-12)))["status"] == "linked"


class TestNotLinked:
    async def test_the_items_own_label_is_already_linked(self, client, ystad, item):
        code = await make_code(ystad.id, item=item)
        label = await label_of(client, item, intake_photo(code))
        assert (label["status"], label["code"]) == ("already_linked", code)
        assert (await client.get(f"/api/items/{item}/history")).json() == []

    async def test_another_items_label_belongs_elsewhere(self, client, ystad, item):
        other = await make_item(ystad.id, ystad.ame_unit, "Bord")
        code = await make_code(ystad.id, item=other)
        label = await label_of(client, item, intake_photo(code))
        assert (label["status"], label["code"]) == ("belongs_elsewhere", code)
        assert await code_row(code) == {"status": "linked", "item": other, "location": None}
        assert await photos_of(item) == 1, "the photo is kept all the same"

    async def test_a_shelf_label_belongs_elsewhere(self, client, ystad, item):
        shelf = await make_location(ystad.id, "Hylla A1")
        code = await make_code(ystad.id, location=shelf)
        assert (await label_of(client, item, intake_photo(code)))["status"] == "belongs_elsewhere"
        assert (await code_row(code))["location"] == shelf

    async def test_an_item_with_a_label_is_not_relabelled(self, client, ystad, item):
        current = await make_code(ystad.id, item=item)
        fresh = await make_code(ystad.id)
        label = await label_of(client, item, intake_photo(fresh))
        assert (label["status"], label["code"]) == ("item_labelled", fresh)
        assert (await code_row(current))["status"] == "linked"
        assert (await code_row(fresh))["status"] == "unlinked"
        assert (await client.get(f"/api/items/{item}/history")).json() == []

    async def test_several_labels_link_none(self, client, ystad, item):
        first, second = await make_code(ystad.id), await make_code(ystad.id)
        label = await label_of(client, item, intake_photo(first, second))
        assert label["status"] == "several" and label["code"] is None
        assert sorted(label["codes"]) == sorted([first, second])
        assert [(await code_row(c))["status"] for c in (first, second)] == ["unlinked", "unlinked"]

    async def test_a_photo_without_a_readable_label_says_so(self, client, item):
        label = await label_of(client, item, plain_photo())
        assert label == {"status": "none", "code": None, "codes": [],
                         "message": "No label could be read in the photo. Link the label by scanning it."}
        assert await photos_of(item) == 1

    async def test_a_label_too_small_to_read_is_none_not_a_guess(self, client, ystad, item):
        code = await make_code(ystad.id)
        assert (await label_of(client, item, intake_photo(code, scale=0.05)))["status"] == "none"
        assert (await code_row(code))["status"] == "unlinked"

    async def test_the_owning_units_employee_only_stores_the_photo(self, client, ystad):
        item = await listed_item(client, ystad)
        code = await make_code(ystad.id)
        assert await label_of(client, item, intake_photo(code)) is None
        assert (await code_row(code))["status"] == "unlinked"
        assert await photos_of(item) == 1


class TestTenants:
    async def test_another_municipalitys_fresh_label_is_unknown_and_stays_theirs(self, client, ystad, skurup, item):
        theirs = await make_code(skurup.id)
        label = await label_of(client, item, intake_photo(theirs))
        assert (label["status"], label["code"]) == ("unknown", theirs)
        assert await code_row(theirs) == {"status": "unlinked", "item": None, "location": None}

    async def test_another_municipalitys_warehouse_cannot_link_to_our_item(self, client, new_client, ystad, skurup,
                                                                           item):
        ours = await make_code(ystad.id)
        other = await new_client()
        await warehouse(other, skurup)
        response = await upload(other, item, intake_photo(ours))
        assert response.status_code == 404
        assert (await code_row(ours))["status"] == "unlinked" and await photos_of(item) == 0


class TestQueuedBy:
    async def test_a_photo_queued_by_someone_else_on_the_phone_is_refused_and_not_stored(self, client, ystad, item):
        code = await make_code(ystad.id)
        files = {"file": ("p.jpg", intake_photo(code), "image/jpeg")}
        response = await client.post(f"/api/items/{item}/photos", files=files,
                                     headers={"X-Delbar-User": str(ystad.employee)})
        assert response.status_code == 409 and response.json()["error"] == "other_user"
        assert await photos_of(item) == 0 and (await code_row(code))["status"] == "unlinked"

    async def test_a_photo_queued_by_the_uploader_goes_through(self, client, ystad, item):
        me = (await client.get("/api/session")).json()["user"]["id"]
        files = {"file": ("p.jpg", plain_photo(), "image/jpeg")}
        response = await client.post(f"/api/items/{item}/photos", files=files,
                                     headers={"X-Delbar-User": me})
        assert response.status_code == 201 and await photos_of(item) == 1


class TestRelabelGuard:
    async def test_a_link_the_server_makes_never_retires_a_label_in_use(self, app, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        current, fresh = await make_code(ystad.id, item=item), await make_code(ystad.id)
        user = await make_user(ystad.id, ystad.ame_unit, "lager2@ystad.test", "warehouse")
        actor = Actor(user_id=user, municipality_id=ystad.id, unit_id=ystad.ame_unit, roles=frozenset({"warehouse"}),
                      session_id=uuid4())
        event = ScanEventIn(id=uuid4(), code=fresh, action="link", device_time=clock.now(), item_id=item)
        (result,) = await ScanService(app.state.db, actor).record([event], relabel=False)
        assert (result.status, result.reason) == ("rejected", "item_already_labelled")
        assert [(await code_row(c))["status"] for c in (current, fresh)] == ["linked", "unlinked"]
