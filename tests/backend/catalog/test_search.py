"""Search in Swedish: stemming, stop words, facets, sorting and pages, many hits, edits — the same on both databases."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from backend import clock
from backend.catalog.categories import category_id
from backend.catalog.search_repository import COUNT_CAP, RELEVANCE_POOL, search_text
from backend.catalog.tables import Listing
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

    @pytest.mark.parametrize("query", ["projektor", "projektorer", "projektorn", "Projektorerna"])
    async def test_every_form_of_a_noun_in_or_finds_the_others(self, client, ystad, query):
        await login(client, ystad.employee_email)
        for title in ("Projektor till konferensrum", "Två projektorer", "Projektorn i aulan"):
            await publish(client, await create(client, title, kind="equipment"))
        assert set(await titles(client, q=query)) == {
            "Projektor till konferensrum", "Två projektorer", "Projektorn i aulan"}

    @pytest.mark.parametrize("query", ["datorer", "dator", "datorn"])
    async def test_a_computer_is_found_by_any_form(self, client, ystad, query):
        await login(client, ystad.employee_email)
        await publish(client, await create(client, "Bärbar dator", kind="equipment"))
        await publish(client, await create(client, "Stationära datorer", kind="equipment"))
        assert set(await titles(client, q=query)) == {"Bärbar dator", "Stationära datorer"}

    async def test_a_word_that_only_looks_definite_is_left_alone(self, client, ystad):
        await login(client, ystad.employee_email)
        await publish(client, await create(client, "Torn av lego"))
        assert await titles(client, q="torn") == ["Torn av lego"]
        assert await titles(client, q="tor") == []

    async def test_relevance_puts_the_title_match_first(self, client, ystad):
        await catalogue(client, ystad)
        await publish(client, await create(client, "Matsalsbord", description="Passar till stolar"))
        assert (await titles(client, q="stolar", sort="relevance"))[-1] == "Matsalsbord"


class TestCards:
    async def test_a_card_says_who_offers_it_and_when_it_is_free(self, client, ystad):
        await login(client, ystad.employee_email)
        await publish(client, await create(client, "Partytält", available_from="2099-06-01",
                                           available_until="2099-08-31"))
        card = (await search(client, q="partytält"))["results"][0]
        assert (card["owner_unit_name"], card["municipality_name"]) == ("Arbetsmarknadsenheten", "Ystad")
        assert (card["available_from"], card["available_until"]) == ("2099-06-01", "2099-08-31")


class TestFacets:
    async def test_kind_and_deal_filter_and_count(self, client, ystad):
        await catalogue(client, ystad)
        assert await titles(client, kind="equipment", deal="rent") == ["Borrmaskin"]
        facets = (await client.get("/api/listings", params={"facets": "true"})).json()["facets"]
        assert {f["value"]: f["count"] for f in facets["kind"]} == {"furniture": 3, "equipment": 1, "service": 1}

    async def test_a_page_of_results_is_counted_without_its_facets_unless_asked(self, client, ystad):
        await catalogue(client, ystad)
        plain = (await client.get("/api/listings", params={"q": "stol"})).json()
        asked = (await client.get("/api/listings", params={"q": "stol", "facets": "true"})).json()
        assert plain["total"] == asked["total"] == 2
        assert all(values == [] for values in plain["facets"].values())
        assert sum(f["count"] for f in asked["facets"]["kind"]) == 2
        assert plain["results"] == asked["results"]

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


async def many_shelves(app, tenant, count: int) -> None:
    """`count` published shelves of the tenant's AME unit, one minute apart, written straight to the table."""
    now = clock.now().replace(microsecond=0)
    rows = []
    for n in range(count):
        values = {"title": f"Hylla {n}", "description": "", "tags": ""}
        published = now - timedelta(minutes=count - n)
        rows.append(Listing(id=uuid4(), municipality=tenant.id, owner_unit=tenant.ame_unit, kind="furniture",
                            deal="give", title=values["title"], status="published", visibility="municipality",
                            search_text=search_text(values, None), published_at=published, created_at=published,
                            updated_at=published))
    async with app.state.db.write():
        for start in range(0, count, 500):  # PostgreSQL takes at most 32,767 arguments a statement
            await Listing.insert(*rows[start:start + 500])


async def search(client, **params) -> dict:
    response = await client.get("/api/listings", params=params)
    assert response.status_code == 200, response.text
    return response.json()


class TestManyHits:
    async def test_the_count_stops_at_1000_and_says_so(self, app, client, ystad):
        await login(client, ystad.employee_email)
        await many_shelves(app, ystad, COUNT_CAP + 5)
        found = await search(client, q="hyllor", facets="true")
        assert (found["total"], found["total_exact"]) == (1000, False)
        assert [r["title"] for r in found["results"][:2]] == ["Hylla 1004", "Hylla 1003"]
        assert sum(f["count"] for f in found["facets"]["kind"]) == COUNT_CAP + 1

    async def test_pages_past_the_count_still_answer(self, app, client, ystad):
        await login(client, ystad.employee_email)
        await many_shelves(app, ystad, COUNT_CAP + 5)
        last = await search(client, q="hylla", page=11, per_page=100)
        assert [r["title"] for r in last["results"]] == ["Hylla 4", "Hylla 3", "Hylla 2", "Hylla 1", "Hylla 0"]

    async def test_a_count_below_the_cap_is_exact(self, client, ystad):
        await catalogue(client, ystad)
        found = await search(client, q="stolar")
        assert (found["total"], found["total_exact"]) == (2, True)

    async def test_best_match_shows_every_hit_once(self, app, client, ystad):
        await login(client, ystad.employee_email)
        await many_shelves(app, ystad, RELEVANCE_POOL + 30)
        seen = []
        for page in range(1, 7):
            seen += [r["title"] for r in (await search(client, q="hylla", sort="relevance", page=page,
                                                       per_page=100))["results"]]
        assert sorted(seen) == sorted(f"Hylla {n}" for n in range(RELEVANCE_POOL + 30))

    async def test_best_match_ranks_the_newest_hits_first_by_match(self, app, client, ystad):
        await login(client, ystad.employee_email)
        await many_shelves(app, ystad, RELEVANCE_POOL + 30)
        await publish(client, await create(client, "Bokhylla", description="En hylla för pärmar"))
        found = await search(client, q="hylla", sort="relevance")
        assert found["results"][0]["title"] == "Bokhylla"  # newest, and "hylla" three times
        assert found["results"][1]["title"] == f"Hylla {RELEVANCE_POOL + 29}"


class TestSearchFollowsEdits:
    async def test_a_new_listing_is_found_at_once(self, client, ystad):
        await login(client, ystad.employee_email)
        await publish(client, await create(client, "Skåp i ek"))
        assert await titles(client, q="skåpen") == ["Skåp i ek"]

    async def test_a_new_title_is_found_and_the_old_one_is_not(self, client, ystad):
        await login(client, ystad.employee_email)
        sofa = await publish(client, await create(client, "Gammal soffa"))
        response = await client.patch(f"/api/listings/{sofa['id']}",
                                      json={"version": sofa["version"], "title": "Fåtölj i läder"})
        assert response.status_code == 200, response.text
        assert await titles(client, q="soffa") == []
        assert await titles(client, q="fåtöljer") == ["Fåtölj i läder"]

    async def test_a_new_description_is_found(self, client, ystad):
        await login(client, ystad.employee_email)
        table = await publish(client, await create(client, "Bord"))
        response = await client.patch(f"/api/listings/{table['id']}",
                                      json={"version": table["version"], "description": "Passar i matsalen"})
        assert response.status_code == 200, response.text
        assert await titles(client, q="matsal") == ["Bord"]

    async def test_a_withdrawn_listing_is_no_longer_found(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        lamp = await publish(client, await create(client, "Golvlampa"))
        other = await new_client()
        await colleague(other, ystad, "granne")
        assert await titles(other, q="lampor") == ["Golvlampa"]
        closed = await client.post(f"/api/listings/{lamp['id']}/status",
                                   json={"status": "closed", "version": lamp["version"]})
        assert closed.status_code == 200, closed.text
        assert await titles(other, q="lampor") == []
