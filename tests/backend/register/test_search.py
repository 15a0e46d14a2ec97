"""The register's lists find an item by its inventory number as well as by its title or place."""

from __future__ import annotations

import pytest

from tests.backend.codes.test_service import warehouse
from tests.factories import make_item

pytestmark = pytest.mark.anyio


async def numbered(client, ystad, title: str, number: str) -> str:
    item = await make_item(ystad.id, ystad.ame_unit, title)
    saved = await client.put(f"/api/items/{item}/register", json={"version": 0, "inventory_number": number})
    assert saved.status_code == 200, saved.text
    return str(item)


@pytest.mark.parametrize("path", ["/api/items", "/api/items/unlabelled"])
async def test_identical_chairs_are_told_apart_by_inventory_number(client, ystad, path):
    await warehouse(client, ystad)
    first = await numbered(client, ystad, "Stapelstol", "YST-2041")
    await numbered(client, ystad, "Stapelstol", "YST-2042")
    found = (await client.get(path, params={"q": "stapelstol yst-2041"})).json()
    assert [(f["id"], f["inventory_number"]) for f in found] == [(first, "YST-2041")]


async def test_an_item_without_a_card_is_listed_with_no_number(client, ystad):
    await warehouse(client, ystad)
    item = await make_item(ystad.id, ystad.ame_unit, "Soffbord")
    found = (await client.get("/api/items", params={"q": "soffbord"})).json()
    assert [(f["id"], f["inventory_number"]) for f in found] == [(str(item), None)]


async def test_a_wildcard_in_the_words_is_matched_as_itself(client, ystad):
    await warehouse(client, ystad)
    await numbered(client, ystad, "Hylla", "A_1")
    await numbered(client, ystad, "Hylla", "AB1")
    found = (await client.get("/api/items", params={"q": "a_1"})).json()
    assert [f["inventory_number"] for f in found] == ["A_1"]
