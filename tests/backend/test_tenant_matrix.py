"""Every operation with a path parameter, given another municipality's ids, answers 403 or 404 to every role.

The operations are read from the app's own OpenAPI document, so a new endpoint is in the matrix the
day it is added; one whose path names an id tests/world.py does not make fails here instead of
being skipped.
"""

from __future__ import annotations

from uuid import uuid4

import httpx
import pytest
from hypothesis import HealthCheck, Phase, find, settings

from backend.accounts.tables import ROLES
from labels import new_code
from tests.factories import login, make_user
from tests.schema_cases import load_schema, openapi_document, operations, send
from tests.world import World, build_world, open_client

pytestmark = pytest.mark.anyio

# Path parameters that name no object of a municipality (a month, a size, a chart) take the other
# municipality's value too; there the answer may be 2xx but must show none of its private text.
SHARED = {"month", "size", "name"}
SHARED_DEFAULTS = {"size": "thumb", "name": "trend"}
# The calendar feed's secret URL, and an e-mailed password or invitation link, are their own key,
# whoever fetches them (signed in or not, any municipality); tests/backend/mail/test_links.py checks
# that a guessed or used link is refused.
BEARER_SECRETS = {("GET", "/ical/{token}"), ("GET", "/api/password-links/{token}")}
REFUSALS = {403, 404}


def path_operations(document: dict) -> list:
    return [op for op in operations(load_schema(document)) if op.path_parameters]


def example_case(operation):
    """The first valid request hypothesis makes for the operation (no shrinking: the ids are replaced)."""
    return find(operation.as_strategy(), lambda _: True,
                settings=settings(database=None, phases=[Phase.generate], derandomize=True,
                                  suppress_health_check=list(HealthCheck)))


async def signed_in_roles(app, world: World) -> dict[str, httpx.AsyncClient]:
    """One client per role of the municipality, and one for the user holding all of them."""
    clients = {}
    for role in ROLES:
        email = f"{role}@{world.tenant.id}.test"
        await make_user(world.tenant.id, world.tenant.admin_unit, email, role)
        clients[role] = open_client(app)
        await login(clients[role], email)
    clients["all"] = open_client(app)
    await login(clients["all"], world.email)
    return clients


def substitutions(operation, theirs: World) -> list[dict[str, str]]:
    """Path parameters with each of the other municipality's values in turn; [] when one is unknown."""
    names = [p.name for p in operation.path_parameters]
    if any(n not in theirs.ids and n not in SHARED_DEFAULTS for n in names):
        return []
    base = {n: SHARED_DEFAULTS.get(n) or sorted(theirs.ids[n])[0] for n in names}
    return [{**base, n: value} for n in names for value in sorted(theirs.ids.get(n, ())) or [base[n]]]


def absent(operation, params: dict[str, str]) -> dict[str, str]:
    """The same parameters with ids that name nothing at all."""
    return {n: (new_code() if n == "code" else str(uuid4())) if n not in SHARED else v for n, v in params.items()}


def outcome(response: httpx.Response) -> tuple[int, str]:
    body = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
    return response.status_code, body.get("error", "") if isinstance(body, dict) else ""


async def refused(http, case, operation, response: httpx.Response, theirs: World) -> bool:
    """403/404, or the very answer an id that names nothing gets (a rule checked before the lookup)."""
    if all(p.name in SHARED for p in operation.path_parameters):
        return response.status_code < 500 and not any(secret in response.text for secret in theirs.secrets)
    if response.status_code in REFUSALS:
        return True
    params = case.path_parameters
    case.path_parameters = absent(operation, params)
    nothing = await send(http, case)
    case.path_parameters = params
    return 400 <= response.status_code < 500 and outcome(nothing) == outcome(response)


class TestTenantMatrix:
    async def test_other_municipalitys_objects_are_refused_to_every_role(self, client, app):
        ours, theirs = await build_world(app, "Ystad"), await build_world(app, "Skurup")
        document = await openapi_document(client)
        clients = await signed_in_roles(app, ours)
        answered, unknown, leaks = set(), [], []
        try:
            for operation in path_operations(document):
                key = (operation.method.upper(), operation.path)
                if key in BEARER_SECRETS:
                    answered.add(key)
                    continue
                params_list = substitutions(operation, theirs)
                if not params_list:
                    unknown.append(key)
                    continue
                case = example_case(operation)
                for role, http in clients.items():
                    for params in params_list:
                        case.path_parameters = params
                        response = await send(http, case)
                        if not await refused(http, case, operation, response, theirs):
                            leaks.append((role, *key, params, response.status_code, response.text[:200]))
                answered.add(key)
        finally:
            for http in clients.values():
                await http.aclose()
        assert answered, "the OpenAPI document lists no operation with a path parameter"
        assert not unknown, f"no id of the other municipality for (add one to tests/world.py): {unknown}"
        assert not leaks, "\n".join(map(str, leaks))

    async def test_a_guessed_calendar_feed_token_is_not_found(self, client):
        response = await client.get("/ical/" + "A" * 43 + ".ics")
        assert response.status_code == 404
