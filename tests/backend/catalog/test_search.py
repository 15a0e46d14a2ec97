"""Search in Swedish: stemming, stop words, facets, sorting and pages — the same on both databases."""

from __future__ import annotations

import pytest

from backend.catalog.categories import category_id
from tests.backend.catalog.helpers import colleague, create, publish
from tests.factories import login

pytestmark = pytest.mark.anyio


async def titles(client, **params) -> list[str]:
    response = await client.get("/api/listings", params=params)
    assert response.status_code == 200, response.text
    return [r["title"] for r in response.json()["results"]]


async def catalogue(client, ystad):
    await login(client, ystad.employee_email)
    for title, fields in [
        ("Stol i björk", {"category_id": str(category_id("stolar"))}),
        ("Fyra stolar till matsal", {"condition": "good"}),
        ("Höj- och sänkbart skrivbord", {"category_id": str(category_id("hoj-och-sankbara-skrivbord"))}),
        ("Borrmaskin", {"kind": "equipment", "deal": "rent", "price_ore": 5000, "rent_period": "day",
                        "description": "Slagborr med två batterier"}),
        ("Snickare en dag", {"kind": "service", "deal": "lend", "tags": "snickeri möbler"}),
    ]:
        await publish(client, await create(client, title, **fields))


class TestSwedishWords:
    @pytest.mark.parametrize("query,expected", [
        ("stolar", {"Stol i björk", "Fyra stolar till matsal"}),
        ("stol", {"Stol i björk", "Fyra stolar till matsal"}),
        ("skrivborden", {"Höj- och sänkbart skrivbord"}),
        ("batteri", {"Borrmaskin"}),
        ("och", set()),
        ("stolar matsal", {"Fyra stolar till matsal"}),
        ("STOLAR i Matsalen", {"Fyra stolar till matsal"}),
        ('"stol" OR borr*', set()),
        ("kontorsstolar", set()),
        # The head of a compound finds it: "bord" finds "skrivbord", "maskiner" finds "Borrmaskin".
        ("bord", {"Höj- och sänkbart skrivbord"}),
        ("maskiner", {"Borrmaskin"}),
    ])
    async def test_query_finds(self, client, ystad, query, expected):
        await catalogue(client, ystad)
        assert set(await titles(client, q=query)) == expected

    async def test_relevance_puts_the_title_match_first(self, client, ystad):
        await catalogue(client, ystad)
        await publish(client, await create(client, "Matsalsbord", description="Passar till stolar"))
        assert (await titles(client, q="stolar", sort="relevance"))[-1] == "Matsalsbord"


class TestFacets:
    async def test_kind_and_deal_filter_and_count(self, client, ystad):
        await catalogue(client, ystad)
        assert await titles(client, kind="equipment", deal="rent") == ["Borrmaskin"]
        facets = (await client.get("/api/listings")).json()["facets"]
        assert {f["value"]: f["count"] for f in facets["kind"]} == {"furniture": 3, "equipment": 1, "service": 1}

    async def test_parent_category_includes_its_children(self, client, ystad):
        await catalogue(client, ystad)
        assert set(await titles(client, category_id=str(category_id("mobler")))) == {
            "Stol i björk", "Höj- och sänkbart skrivbord"}

    async def test_condition_and_municipality(self, client, ystad):
        await catalogue(client, ystad)
        assert await titles(client, condition="good", municipality_id=str(ystad.id)) == ["Fyra stolar till matsal"]

    async def test_availability_now_leaves_out_later_listings(self, client, ystad):
        await login(client, ystad.employee_email)
        await publish(client, await create(client, "Tält", available_from="2099-06-01"))
        await publish(client, await create(client, "Partytält"))
        assert await titles(client, availability="now") == ["Partytält"]

    async def test_unknown_values_are_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        for params in ({"kind": "boat"}, {"page": 0}, {"per_page": 1000}, {"q": "a\x00"}):
            assert (await client.get("/api/listings", params=params)).status_code == 400, params


class TestPages:
    async def test_newest_first_in_pages(self, client, ystad):
        await login(client, ystad.employee_email)
        for n in range(5):
            await publish(client, await create(client, f"Hylla {n}"))
        first = (await client.get("/api/listings", params={"q": "hylla", "per_page": 2})).json()
        last = (await client.get("/api/listings", params={"q": "hylla", "per_page": 2, "page": 3})).json()
        assert first["total"] == 5 and [r["title"] for r in first["results"]] == ["Hylla 4", "Hylla 3"]
        assert [r["title"] for r in last["results"]] == ["Hylla 0"]

    async def test_another_units_draft_is_not_found(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        await create(client, "Hemlig soffa")
        other = await new_client()
        await colleague(other, ystad, "nyfiken")
        assert await titles(other, q="soffa") == [] and await titles(client, q="soffa") == ["Hemlig soffa"]
