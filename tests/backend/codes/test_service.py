"""Codes: text checked everywhere, what a code points at, print batches, location labels."""

from __future__ import annotations

import pytest

from backend.codes.service import CodeTextError, code_from_text
from labels import new_code
from tests.factories import login, make_code, make_item, make_location, make_user

pytestmark = pytest.mark.anyio


def mistyped(code: str) -> str:
    """The code with its first character changed: a typo the check character must catch."""
    return ("1" if code[0] != "1" else "2") + code[1:]


async def warehouse(client, tenant) -> None:
    email = f"lager@{tenant.id}.test"
    await make_user(tenant.id, tenant.ame_unit, email, "warehouse")
    await login(client, email)


class TestCodeFromText:
    def test_bare_code_and_payload_give_the_same_code(self):
        code = new_code()
        assert code_from_text(code.lower()) == code
        assert code_from_text(f"HTTPS://DELBAR.SE/Q/{code}") == code

    def test_wrong_check_character_is_a_mistype(self):
        with pytest.raises(CodeTextError) as caught:
            code_from_text(mistyped(new_code()))
        assert caught.value.error == "code_mistyped"

    def test_someone_elses_qr_is_not_ours(self):
        with pytest.raises(CodeTextError) as caught:
            code_from_text("https://example.com/product/123")
        assert caught.value.error == "code_not_ours"

    def test_wrong_length_is_malformed(self):
        with pytest.raises(CodeTextError) as caught:
            code_from_text("ABC")
        assert caught.value.error == "code_malformed"


class TestGetCode:
    async def test_linked_item_code_names_the_item_and_its_state(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit, "Skrivbord", state="in_storage")
        code = await make_code(ystad.id, item=item)
        await login(client, ystad.employee_email)
        body = (await client.get(f"/api/codes/{code}")).json()
        assert body == {"code": code, "status": "linked", "replaced_by": None,
                        "target": {"type": "item", "id": str(item), "title": "Skrivbord", "state": "in_storage"}}

    async def test_location_code_names_the_location(self, client, ystad):
        shelf = await make_location(ystad.id, "Hylla A1", kind="site")
        code = await make_code(ystad.id, location=shelf)
        await login(client, ystad.employee_email)
        target = (await client.get(f"/api/codes/{code.lower()}")).json()["target"]
        assert target["type"] == "location" and target["title"] == "Hylla A1"

    async def test_unlinked_code_has_no_target(self, client, ystad):
        code = await make_code(ystad.id)
        await login(client, ystad.employee_email)
        assert (await client.get(f"/api/codes/{code}")).json()["target"] is None

    async def test_mistyped_code_is_a_400(self, client, ystad):
        code = await make_code(ystad.id)
        await login(client, ystad.employee_email)
        response = await client.get(f"/api/codes/{mistyped(code)}")
        assert response.status_code == 400 and response.json()["error"] == "code_mistyped"

    async def test_unknown_code_is_a_404(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.get(f"/api/codes/{new_code()}")
        assert response.status_code == 404 and response.json()["error"] == "code_unknown"

    async def test_another_municipalitys_code_is_a_404(self, client, ystad, skurup):
        code = await make_code(skurup.id, item=await make_item(skurup.id, skurup.ame_unit))
        await login(client, ystad.employee_email)
        assert (await client.get(f"/api/codes/{code}")).status_code == 404

    async def test_retired_code_resolves_to_the_items_new_code(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        new = await make_code(ystad.id, item=item)
        from backend.codes.tables import Code

        old = await make_code(ystad.id, status="retired")
        new_id = (await Code.select(Code.id).where(Code.text == new).first())["id"]
        await Code.update({Code.replaced_by: new_id}).where(Code.text == old)
        await login(client, ystad.employee_email)
        body = (await client.get(f"/api/codes/{old}")).json()
        assert body["status"] == "retired" and body["replaced_by"] == new and body["target"]["id"] == str(item)


class TestBatches:
    async def test_warehouse_makes_a_batch_of_fresh_unlinked_codes(self, client, ystad):
        await warehouse(client, ystad)
        response = await client.post("/api/code-batches", json={"name": "Rulle 1", "size": 30})
        assert response.status_code == 201 and response.json()["unlinked"] == 30
        codes = (await client.get(f"/api/code-batches/{response.json()['id']}/codes")).json()
        assert len({c["code"] for c in codes}) == 30 and {c["status"] for c in codes} == {"unlinked"}
        assert all(code_from_text(c["code"]) == c["code"] for c in codes)

    async def test_replayed_batch_id_returns_the_same_batch(self, client, ystad):
        await warehouse(client, ystad)
        body = {"name": "Ark", "size": 21, "id": "0b0c6f4e-7a51-4b7a-9a3e-3f1c2d4e5f60"}
        assert (await client.post("/api/code-batches", json=body)).status_code == 201
        again = await client.post("/api/code-batches", json=body)
        assert again.status_code == 200 and len((await client.get("/api/code-batches")).json()) == 1

    async def test_employee_cannot_make_a_batch(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.post("/api/code-batches", json={"name": "A", "size": 1})).status_code == 403

    async def test_batch_size_is_bounded(self, client, ystad):
        await warehouse(client, ystad)
        assert (await client.post("/api/code-batches", json={"name": "A", "size": 1001})).status_code == 400

    async def test_another_municipalitys_batch_is_not_found(self, client, new_client, ystad, skurup):
        other = await new_client()
        await warehouse(other, skurup)
        batch = (await other.post("/api/code-batches", json={"name": "A", "size": 2})).json()
        await warehouse(client, ystad)
        assert (await client.get(f"/api/code-batches/{batch['id']}/codes")).status_code == 404


class TestLocationCode:
    async def test_a_location_gets_one_code(self, client, ystad):
        shelf = await make_location(ystad.id, "Hylla B2", kind="site")
        await warehouse(client, ystad)
        first = await client.post(f"/api/locations/{shelf}/code")
        again = await client.post(f"/api/locations/{shelf}/code")
        assert first.status_code == 201 and again.status_code == 200
        assert first.json()["code"] == again.json()["code"] and first.json()["target"]["id"] == str(shelf)
