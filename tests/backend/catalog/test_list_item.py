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


async def test_an_item_is_rented_or_sold_at_its_price(client, ystad):
    chair = await make_item(ystad.id, ystad.ame_unit, "Kontorsstol")
    table = await make_item(ystad.id, ystad.ame_unit, "Konferensbord")
    await warehouse(client, ystad)
    rented = await client.post(f"/api/items/{chair}/listing",
                               json={"id": str(uuid4()), "deal": "rent", "price_ore": 5000, "rent_period": "week"})
    assert rented.status_code == 201, rented.text
    assert {k: rented.json()[k] for k in ("deal", "price_ore", "rent_period")} == {
        "deal": "rent", "price_ore": 5000, "rent_period": "week"}
    sold = await client.post(f"/api/items/{table}/listing", json={"id": str(uuid4()), "deal": "sell", "price_ore": 0})
    assert sold.status_code == 201, sold.text
    assert (sold.json()["deal"], sold.json()["price_ore"], sold.json()["rent_period"]) == ("sell", 0, "")


@pytest.mark.parametrize(("body", "error"), [
    ({"deal": "sell"}, "price_required"),
    ({"deal": "rent", "price_ore": 5000}, "rent_period_required"),
    ({"deal": "rent", "price_ore": 5000, "rent_period": "hour"}, "rent_period_not_for_kind"),
    ({"deal": "give", "price_ore": 5000}, "price_not_allowed"),
    ({"deal": "sell", "price_ore": 5000, "rent_period": "day"}, "rent_period_not_allowed"),
])
async def test_a_price_that_does_not_fit_the_deal_is_refused_and_nothing_is_listed(client, ystad, body, error):
    item = await make_item(ystad.id, ystad.ame_unit, "Kontorsstol")
    await warehouse(client, ystad)
    refused = await client.post(f"/api/items/{item}/listing", json={"id": str(uuid4()), **body})
    assert (refused.status_code, refused.json()["error"]) == (400, error), refused.text
    assert (await Item.select(Item.listing).where(Item.id == item).first())["listing"] is None
    assert (await client.post(f"/api/items/{item}/listing", json={"id": str(uuid4())})).status_code == 201


async def test_a_negative_or_huge_price_is_a_400_with_the_bound(client, ystad):
    item = await make_item(ystad.id, ystad.ame_unit, "Kontorsstol")
    await warehouse(client, ystad)
    for price in (-1, 1_000_000_001):
        refused = await client.post(f"/api/items/{item}/listing",
                                    json={"id": str(uuid4()), "deal": "sell", "price_ore": price})
        assert refused.status_code == 400, refused.text
        assert "price_ore" in refused.text
