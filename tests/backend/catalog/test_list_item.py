"""Listing an item of the register in one step, from its page: the item as it is, its own photos with it."""

from __future__ import annotations

from uuid import uuid4

import pytest

from backend.catalog.tables import Item
from tests.backend.catalog.helpers import jpeg
from tests.factories import login, make_item, make_user

pytestmark = pytest.mark.anyio


async def warehouse(client, ystad) -> None:
    await make_user(ystad.id, ystad.ame_unit, "lager@ystad.test", "warehouse")
    await login(client, "lager@ystad.test")


async def test_an_unlisted_item_is_listed_with_its_title_and_photo(client, ystad):
    item = await make_item(ystad.id, ystad.ame_unit, "Bokhylla ek")
    await warehouse(client, ystad)
    photo = (await client.post(f"/api/items/{item}/photos",
                               files={"file": ("p.jpg", jpeg(400, 300), "image/jpeg")})).json()[0]
    body = {"id": str(uuid4()), "deal": "lend"}
    made = await client.post(f"/api/items/{item}/listing", json=body)
    assert made.status_code == 201, made.text
    listing = made.json()
    assert (listing["title"], listing["deal"], listing["status"], [p["id"] for p in listing["photos"]]) == (
        "Bokhylla ek", "lend", "published", [photo["id"]])
    assert str((await Item.select(Item.listing).where(Item.id == item).first())["listing"]) == listing["id"]
    again = await client.post(f"/api/items/{item}/listing", json=body)
    assert (again.status_code, again.json()["id"]) == (200, listing["id"])
    tracking = (await client.get(f"/api/items/{item}/tracking")).json()
    assert tracking["listing_id"] == listing["id"]


async def test_an_item_on_an_open_listing_is_a_conflict(client, ystad):
    item = await make_item(ystad.id, ystad.ame_unit, "Bokhylla ek")
    await warehouse(client, ystad)
    assert (await client.post(f"/api/items/{item}/listing", json={"id": str(uuid4())})).status_code == 201
    second = await client.post(f"/api/items/{item}/listing", json={"id": str(uuid4())})
    assert (second.status_code, second.json()["error"]) == (409, "item_listed")


async def test_another_municipality_s_item_is_not_found(client, ystad, skurup):
    item = await make_item(skurup.id, skurup.ame_unit, "Deras hylla")
    await warehouse(client, ystad)
    assert (await client.post(f"/api/items/{item}/listing", json={"id": str(uuid4())})).status_code == 404
