"""/Q/<code> and /q/<code>: every case a phone camera can land on."""

from __future__ import annotations

import pytest

from labels import new_code
from tests.backend.codes.test_service import mistyped
from tests.factories import login, make_code, make_item, make_location

pytestmark = pytest.mark.anyio


class TestResolveLabel:
    async def test_linked_item_goes_to_the_item_page(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        code = await make_code(ystad.id, item=item)
        await login(client, ystad.employee_email)
        response = await client.get(f"/Q/{code}")
        assert response.status_code == 303 and response.headers["location"] == f"/sak/{item}"

    async def test_lower_case_path_and_code_work_too(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        code = await make_code(ystad.id, item=item)
        await login(client, ystad.employee_email)
        assert (await client.get(f"/q/{code.lower()}")).headers["location"] == f"/sak/{item}"

    async def test_linked_location_goes_to_the_location_page(self, client, ystad):
        site = await make_location(ystad.id, "Lagret", kind="site")
        code = await make_code(ystad.id, location=site)
        await login(client, ystad.employee_email)
        assert (await client.get(f"/Q/{code}")).headers["location"] == f"/plats/{site}"

    async def test_unlinked_code_goes_to_the_link_screen(self, client, ystad):
        code = await make_code(ystad.id)
        await login(client, ystad.employee_email)
        assert (await client.get(f"/Q/{code}")).headers["location"] == f"/koppla/{code}"

    async def test_unknown_code_gets_a_friendly_swedish_page(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.get(f"/Q/{new_code()}")
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
        assert "Vi hittar inte den här etiketten" in response.text

    async def test_mistyped_code_says_a_character_is_wrong(self, client, ystad):
        code = await make_code(ystad.id)
        await login(client, ystad.employee_email)
        response = await client.get(f"/Q/{mistyped(code)}")
        assert response.status_code == 404 and "Ett tecken verkar vara fel" in response.text

    async def test_another_municipalitys_code_is_not_found(self, client, ystad, skurup):
        code = await make_code(skurup.id, item=await make_item(skurup.id, skurup.ame_unit))
        await login(client, ystad.employee_email)
        assert (await client.get(f"/Q/{code}")).status_code == 404

    async def test_signed_out_phone_goes_to_login_and_back(self, client, ystad):
        code = await make_code(ystad.id)
        response = await client.get(f"/Q/{code}")
        assert response.status_code == 303 and response.headers["location"] == f"/login?next=/q/{code}"

    async def test_hostile_text_is_escaped(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.get("/Q/<script>")
        assert response.status_code == 404 and "<script>" not in response.text
