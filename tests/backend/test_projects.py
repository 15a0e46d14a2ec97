"""Move projects: a coordinator plans one, registers items as draft listings, lists them in one go
with a share day, plans where the rest goes, and reads the report; nobody else's project is reachable."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from backend.catalog import categories
from backend.catalog.tables import Category, Listing
from backend.impact import factors
from tests.factories import login, make_tenant, make_user

pytestmark = pytest.mark.anyio


def days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


@pytest.fixture
async def coordinator(new_client, ystad):
    """A coordinator of Ystad, with the categories and national factors that emptying the tables removed."""
    await categories.seed()
    await factors.seed()
    await make_user(ystad.id, ystad.ame_unit, "samordnare@ystad.test", "coordinator")
    http = await new_client()
    await login(http, "samordnare@ystad.test")
    return http


async def make_project(http, **fields):
    body = {"name": "Flytt av Stadshuset", "address": "Stortorget 3, Ystad", "day": days(20)} | fields
    response = await http.post("/api/projects", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def add_item(http, project, title="Kontorsstol", **fields):
    response = await http.post(f"/api/projects/{project['id']}/items", json={"title": title} | fields)
    assert response.status_code in (200, 201), response.text
    return response.json()


async def chair_category():
    return str((await Category.select(Category.id).where(Category.slug == "kontorsstolar").first())["id"])


class TestCreating:
    async def test_coordinator_creates_a_project_with_collaborators(self, coordinator, ystad):
        project = await make_project(coordinator, member_ids=[str(ystad.employee)])
        assert (project["status"], project["version"], project["items"]) == ("planning", 1, [])
        assert [m["id"] for m in project["members"]] == [str(ystad.employee)]
        listed = (await coordinator.get("/api/projects")).json()
        assert [(p["name"], p["item_count"]) for p in listed] == [("Flytt av Stadshuset", 0)]

    async def test_the_same_id_twice_makes_one_project(self, coordinator):
        same = str(uuid4())
        await make_project(coordinator, id=same)
        again = await coordinator.post("/api/projects", json={"id": same, "name": "X", "day": days(5)})
        assert (again.status_code, again.json()["name"]) == (200, "Flytt av Stadshuset")
        assert len((await coordinator.get("/api/projects")).json()) == 1

    async def test_an_employee_may_not_create_projects_nor_open_one_they_are_not_in(self, coordinator, client,
                                                                                     ystad):
        project = await make_project(coordinator)
        await login(client, ystad.employee_email)
        made = await client.post("/api/projects", json={"name": "Flytt", "day": days(5)})
        assert (made.status_code, made.json()["error"]) == (403, "forbidden")
        assert (await client.get("/api/projects")).json() == []
        assert (await client.get(f"/api/projects/{project['id']}")).status_code == 404
        assert (await client.get(f"/api/projects/{project['id']}/report")).status_code == 404
        assert (await client.post(f"/api/projects/{project['id']}/items", json={"title": "Stol"})).status_code == 404
        assert (await client.get("/api/projects/people")).status_code == 403


class TestCollaborators:
    async def test_a_collaborator_opens_the_project_registers_things_and_reads_the_report(self, coordinator,
                                                                                        client, ystad):
        project = await make_project(coordinator, member_ids=[str(ystad.employee)])
        await make_project(coordinator, name="Någon annans flytt")
        await login(client, ystad.employee_email)
        assert [p["name"] for p in (await client.get("/api/projects")).json()] == ["Flytt av Stadshuset"]
        base = f"/api/projects/{project['id']}"
        assert (await client.get(base)).json()["name"] == "Flytt av Stadshuset"
        added = await client.post(f"{base}/items", json={"title": "Skrivbord"})
        assert added.status_code == 201, added.text
        assert [i["title"] for i in added.json()["items"]] == ["Skrivbord"]
        assert (await client.get(f"{base}/report")).json()["items"] == 1

    async def test_a_collaborator_does_not_run_the_project(self, coordinator, client, ystad):
        project = await make_project(coordinator, member_ids=[str(ystad.employee)])
        await login(client, ystad.employee_email)
        base = f"/api/projects/{project['id']}"
        answers = [
            await client.put(base, json={"name": "Min flytt", "day": days(20), "version": project["version"]}),
            await client.post(f"{base}/list-all", json={"share_day": days(3), "version": project["version"]}),
            await client.put(f"{base}/outcomes", json={"items": [{"id": str(uuid4()), "outcome": "storage"}]}),
            await client.post(f"{base}/rest", json={"outcome": "storage"}),
            await client.post(f"{base}/close", json={"version": project["version"]}),
        ]
        assert [a.status_code for a in answers] == [403] * 5

    @pytest.mark.parametrize("body,error", [
        ({"name": "", "day": days(5)}, "invalid_request"),
        ({"name": "   ", "day": days(5)}, "invalid_request"),
        ({"name": "x" * 121, "day": days(5)}, "invalid_request"),
        ({"name": "Flytt", "day": "not a day"}, "invalid_request"),
        ({"name": "Flytt", "day": days(800)}, "day_out_of_range"),
        ({"name": "Flytt", "day": days(5), "member_ids": [str(uuid4())]}, "unknown_person"),
        ({"name": "Flytt", "day": days(5), "location_id": str(uuid4())}, "unknown_location"),
    ])
    async def test_bad_input_is_refused_with_its_reason(self, coordinator, body, error):
        response = await coordinator.post("/api/projects", json=body)
        assert (response.status_code, response.json()["error"]) == (400, error), response.text
        assert response.json()["detail"]

    async def test_a_person_of_another_municipality_cannot_collaborate(self, coordinator, skurup):
        response = await coordinator.post("/api/projects", json={"name": "Flytt", "day": days(5),
                                                                  "member_ids": [str(skurup.employee)]})
        assert (response.status_code, response.json()["error"]) == (400, "unknown_person")

    async def test_a_stale_version_is_a_conflict(self, coordinator, ystad):
        project = await make_project(coordinator)
        body = {"name": "Ny", "day": days(9), "member_ids": [str(ystad.employee)], "version": 1}
        changed = await coordinator.put(f"/api/projects/{project['id']}", json=body)
        assert (changed.json()["name"], changed.json()["version"], len(changed.json()["members"])) == ("Ny", 2, 1)
        stale = await coordinator.put(f"/api/projects/{project['id']}", json=body)
        assert (stale.status_code, stale.json()["error"]) == (409, "stale_version")


class TestItems:
    async def test_an_item_is_a_draft_listing_to_give_away(self, coordinator):
        project = await make_project(coordinator)
        item = (await add_item(coordinator, project, category_id=await chair_category(), quantity=4))["items"][0]
        assert (item["title"], item["listing_status"], item["quantity"], item["category_sv"], item["outcome"]) == (
            "Kontorsstol", "draft", 4, "Kontorsstolar", None)
        listing = await Listing.select(Listing.deal, Listing.status).where(Listing.id == item["listing_id"]).first()
        assert listing == {"deal": "give", "status": "draft"}
        shown = (await coordinator.get(f"/api/listings/{item['listing_id']}")).json()
        assert len(shown["items"]) == 4

    async def test_a_retried_item_is_registered_once(self, coordinator):
        project = await make_project(coordinator)
        same = str(uuid4())
        await add_item(coordinator, project, id=same)
        again = await coordinator.post(f"/api/projects/{project['id']}/items",
                                       json={"title": "Kontorsstol", "id": same})
        assert (again.status_code, len(again.json()["items"])) == (200, 1)

    async def test_the_id_of_a_listing_outside_the_project_is_refused(self, coordinator):
        project = await make_project(coordinator)
        listing = await coordinator.post("/api/listings", json={"kind": "furniture", "deal": "give", "title": "Egen"})
        response = await coordinator.post(f"/api/projects/{project['id']}/items",
                                          json={"title": "Stol", "id": listing.json()["id"]})
        assert (response.status_code, response.json()["error"]) == (409, "conflict")
        assert (await coordinator.get(f"/api/projects/{project['id']}")).json()["items"] == []

    @pytest.mark.parametrize("body", [
        {"title": ""}, {"title": "Stol", "quantity": 0}, {"title": "Stol", "kind": "service"}])
    async def test_bad_items_are_refused(self, coordinator, body):
        project = await make_project(coordinator)
        response = await coordinator.post(f"/api/projects/{project['id']}/items", json=body)
        assert (response.status_code, response.json()["error"]) == (400, "invalid_request")


class TestListingAll:
    async def test_all_drafts_are_published_with_the_share_day(self, coordinator):
        project = await make_project(coordinator)
        await add_item(coordinator, project, "Skrivbord")
        project = await add_item(coordinator, project, "Soffa")
        listed = await coordinator.post(f"/api/projects/{project['id']}/list-all",
                                        json={"share_day": days(7), "version": project["version"]})
        assert listed.status_code == 200, listed.text
        body = listed.json()
        assert (body["status"], body["share_day"]) == ("listed", days(7))
        assert {i["listing_status"] for i in body["items"]} == {"published"}
        rows = await Listing.select(Listing.widen_to, Listing.share_days, Listing.visibility).where(
            Listing.id.is_in([i["listing_id"] for i in body["items"]]))
        assert rows == [{"widen_to": "network", "share_days": 7, "visibility": "municipality"}] * 2

    @pytest.mark.parametrize("share_day,error", [(0, "share_day_out_of_range"), (366, "share_day_out_of_range")])
    async def test_a_share_day_out_of_range_is_refused(self, coordinator, share_day, error):
        project = await add_item(coordinator, await make_project(coordinator))
        response = await coordinator.post(f"/api/projects/{project['id']}/list-all",
                                          json={"share_day": days(share_day), "version": project["version"]})
        assert (response.status_code, response.json()["error"]) == (400, error)

    async def test_nothing_to_list_is_a_conflict(self, coordinator):
        project = await make_project(coordinator)
        response = await coordinator.post(f"/api/projects/{project['id']}/list-all",
                                          json={"share_day": days(3), "version": 1})
        assert (response.status_code, response.json()["error"]) == (409, "nothing_to_list")


async def listed_project(coordinator, titles=("Skrivbord", "Soffa", "Kontorsstol")):
    project = await make_project(coordinator)
    for title in titles:
        project = await add_item(coordinator, project, title, category_id=await chair_category())
    response = await coordinator.post(f"/api/projects/{project['id']}/list-all",
                                      json={"share_day": days(3), "version": project["version"]})
    return response.json()


class TestOutcomesAndReport:
    async def test_the_rest_goes_to_one_place_and_the_report_counts_it(self, coordinator, client, ystad):
        project = await listed_project(coordinator)
        first, second, third = project["items"]
        await login(client, ystad.employee_email)
        booking = (await client.post("/api/bookings", json={"listing_id": first["listing_id"],
                                                             "start": days(4)})).json()
        approved = await coordinator.post(f"/api/bookings/{booking['id']}/approve", json={})
        assert approved.status_code == 200, approved.text
        set_one = await coordinator.put(f"/api/projects/{project['id']}/outcomes",
                                        json={"items": [{"id": second["id"], "outcome": "storage"}]})
        assert set_one.status_code == 200, set_one.text
        rest = await coordinator.post(f"/api/projects/{project['id']}/rest", json={"outcome": "recycling"})
        outcomes = [i["outcome"] for i in rest.json()["items"]]
        assert outcomes == ["reused", "storage", "recycling"]
        closed = await Listing.select(Listing.status).where(Listing.id == third["listing_id"]).first()
        assert closed["status"] == "closed"
        report = (await coordinator.get(f"/api/projects/{project['id']}/report")).json()
        assert report["outcomes"] == {"reused": 1, "storage": 1, "recycling": 1, "disposal": 0, "open": 0}
        # One office chair reused: FIRA's 72 kg CO2e and a new chair's price, the impact factors' figures.
        assert (report["items"], report["pieces_reused"], report["co2e_kg"], report["saved_ore"]) == (
            3, 1, 72.0, 450_000)
        assert [f["category_slug"] for f in report["factors"]] == ["kontorsstolar"]

    async def test_a_booked_item_cannot_be_sent_to_disposal(self, coordinator, client, ystad):
        project = await listed_project(coordinator, ("Kontorsstol",))
        item = project["items"][0]
        await login(client, ystad.employee_email)
        booking = (await client.post("/api/bookings", json={"listing_id": item["listing_id"], "start": days(4)})).json()
        await coordinator.post(f"/api/bookings/{booking['id']}/approve", json={})
        response = await coordinator.put(f"/api/projects/{project['id']}/outcomes",
                                         json={"items": [{"id": item["id"], "outcome": "disposal"}]})
        assert (response.status_code, response.json()["error"]) == (409, "item_taken")

    async def test_the_rest_before_listing_is_a_conflict(self, coordinator):
        project = await add_item(coordinator, await make_project(coordinator))
        response = await coordinator.post(f"/api/projects/{project['id']}/rest", json={"outcome": "storage"})
        assert (response.status_code, response.json()["error"]) == (409, "not_listed")

    async def test_more_than_a_bulk_of_outcomes_is_refused(self, coordinator):
        project = await make_project(coordinator)
        entries = [{"id": str(uuid4()), "outcome": "storage"} for _ in range(101)]
        response = await coordinator.put(f"/api/projects/{project['id']}/outcomes", json={"items": entries})
        assert (response.status_code, response.json()["error"]) == (400, "invalid_request")

    async def test_an_unknown_item_changes_nothing(self, coordinator):
        project = await listed_project(coordinator, ("Kontorsstol",))
        response = await coordinator.put(f"/api/projects/{project['id']}/outcomes", json={"items": [
            {"id": project["items"][0]["id"], "outcome": "storage"}, {"id": str(uuid4()), "outcome": "storage"}]})
        assert response.status_code == 404
        assert (await coordinator.get(f"/api/projects/{project['id']}")).json()["items"][0]["outcome"] is None


class TestClosing:
    async def test_a_project_closes_once_every_item_has_its_end_and_is_then_read_only(self, coordinator):
        project = await listed_project(coordinator, ("Skrivbord", "Soffa"))
        base = f"/api/projects/{project['id']}"
        early = await coordinator.post(f"{base}/close", json={"version": project["version"]})
        assert (early.status_code, early.json()["error"]) == (409, "items_undecided")
        project = (await coordinator.post(f"{base}/rest", json={"outcome": "storage"})).json()
        closed = await coordinator.post(f"{base}/close", json={"version": project["version"]})
        assert (closed.status_code, closed.json()["status"]) == (200, "closed"), closed.text
        changes = [
            await coordinator.put(f"{base}/outcomes", json={"items": [{"id": project["items"][0]["id"],
                                                                       "outcome": "disposal"}]}),
            await coordinator.post(f"{base}/rest", json={"outcome": "disposal"}),
            await coordinator.post(f"{base}/items", json={"title": "Stol"}),
            await coordinator.post(f"{base}/close", json={"version": closed.json()["version"]}),
        ]
        assert [(a.status_code, a.json().get("error")) for a in changes] == [(409, "project_closed")] * 4
        assert (await coordinator.get(f"{base}/report")).json()["outcomes"]["storage"] == 2

    async def test_a_planning_project_or_a_stale_version_cannot_close(self, coordinator):
        project = await make_project(coordinator)
        base = f"/api/projects/{project['id']}"
        planning = await coordinator.post(f"{base}/close", json={"version": project["version"]})
        assert (planning.status_code, planning.json()["error"]) == (409, "not_listed")
        stale = await coordinator.post(f"{base}/close", json={"version": project["version"] + 5})
        assert (stale.status_code, stale.json()["error"]) == (409, "stale_version")


class TestOtherMunicipalities:
    async def test_another_municipality_s_project_is_not_found(self, coordinator, new_client):
        project = await listed_project(coordinator, ("Kontorsstol",))
        trelleborg = await make_tenant("Trelleborg")
        await make_user(trelleborg.id, trelleborg.ame_unit, "samordnare@trelleborg.test", "coordinator")
        other = await new_client()
        await login(other, "samordnare@trelleborg.test")
        base = f"/api/projects/{project['id']}"
        answers = [
            await other.get(base), await other.get(f"{base}/report"),
            await other.put(base, json={"name": "X", "day": days(3), "version": 2}),
            await other.post(f"{base}/items", json={"title": "Stol"}),
            await other.post(f"{base}/list-all", json={"share_day": days(3), "version": 2}),
            await other.put(f"{base}/outcomes",
                            json={"items": [{"id": project["items"][0]["id"], "outcome": "storage"}]}),
            await other.post(f"{base}/rest", json={"outcome": "disposal"}),
        ]
        assert [a.status_code for a in answers] == [404] * 7
        assert (await other.get("/api/projects")).json() == []
