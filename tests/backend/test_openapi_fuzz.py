"""Schema-driven fuzzing: schemathesis generates requests from /schema/openapi.json for every operation.

Signed in as a user holding every role, over a municipality with objects of every kind (path
parameters are drawn from their ids as well as at random), each answer must be no server error
and must match the document: its status, its media type and its body. Bounded for CI (a fixed
derandomised seed, DELBAR_FUZZ_EXAMPLES examples per operation); `make fuzz` runs a longer one.
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import anyio.from_thread
import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from backend.app import create_app
from backend.db import Database
from backend.settings import Settings
from tests.databases import empty_all_tables
from tests.factories import login
from tests.schema_cases import BASE_URL, load_schema, openapi_document, operations, send
from tests.world import World, build_world

EXAMPLES = int(os.environ.get("DELBAR_FUZZ_EXAMPLES", "5"))
LONG_RUN = "DELBAR_FUZZ_EXAMPLES" in os.environ
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# The fuzzing client comes from its own address: its random failed sign-ins must not rate-limit ours.
FUZZ_ADDRESS = ("198.51.100.7", 40000)


@dataclass
class Fuzzer:
    """The app on an event loop of its own thread (the database pool lives there), and who calls it."""

    portal: anyio.from_thread.BlockingPortal
    database: Database
    client: httpx.AsyncClient
    signer: httpx.AsyncClient
    world: World
    document: dict
    requests: Counter = field(default_factory=Counter)

    def call(self, case) -> httpx.Response:
        response = self.portal.call(self._call, case)
        self.requests[f"{case.method.upper()} {case.path}"] += 1
        return response

    async def _call(self, case) -> httpx.Response:
        response = await send(self.client, case)
        if response.status_code == 401 and case.path != "/api/session":
            await self.sign_in()  # a fuzzed sign-out or revoked session: the next case signs in again
        return response

    async def sign_in(self) -> None:
        token = await login(self.signer, self.world.email)
        self.client.cookies = self.signer.cookies
        self.client.headers["X-CSRF-Token"] = token


async def _start(portal: anyio.from_thread.BlockingPortal, database_url: str) -> Fuzzer:
    await empty_all_tables(database_url)
    photos = Path(os.environ["DELBAR_PHOTO_DIR"])
    app = create_app(Settings(database_url=database_url, log_format="text", photo_dir=photos))
    await app.state.db.start()
    world = await build_world(app, "Ystad")
    fuzz_transport = httpx.ASGITransport(app=app, client=FUZZ_ADDRESS)
    client = httpx.AsyncClient(transport=fuzz_transport, base_url=BASE_URL)
    signer = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL)
    fuzzer = Fuzzer(portal, app.state.db, client, signer, world, await openapi_document(signer))
    await fuzzer.sign_in()
    return fuzzer


async def _stop(fuzzer: Fuzzer) -> None:
    await fuzzer.client.aclose()
    await fuzzer.signer.aclose()
    await fuzzer.database.stop()


@pytest.fixture(scope="module")
def fuzzer(database_url: str) -> Iterator[Fuzzer]:
    with anyio.from_thread.start_blocking_portal() as portal:
        fuzzer = portal.call(_start, portal, database_url)
        try:
            yield fuzzer
        finally:
            portal.call(_stop, fuzzer)
            total = sum(fuzzer.requests.values())
            print(f"\nschema fuzzing: {len(fuzzer.requests)} operations, {total} requests")
    asyncio.run(empty_all_tables(database_url))


def strategy(operation, known: dict[str, list[str]]):
    """Valid and invalid requests; for operations on an object, half of them name a real one."""
    cases = st.one_of(operation.as_strategy(), operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    names = [p.name for p in operation.path_parameters]
    if names and all(n in known for n in names):
        real = st.fixed_dictionaries({n: st.sampled_from(known[n]) for n in names})
        return st.one_of(cases, st.tuples(operation.as_strategy(), real).map(_with_path))
    return cases


def _with_path(pair):
    case, params = pair
    case.path_parameters = {**case.path_parameters, **params}
    return case


def fuzz_operation(fuzzer: Fuzzer, operation, known: dict[str, list[str]]) -> None:
    @given(case=strategy(operation, known))
    @settings(max_examples=EXAMPLES, derandomize=not LONG_RUN, deadline=None, database=None,
              suppress_health_check=list(HealthCheck),
              phases=[Phase.explicit, Phase.generate, Phase.shrink] if LONG_RUN else [Phase.explicit, Phase.generate])
    def run(case) -> None:
        case.validate_response(fuzzer.call(case), checks=CHECKS)

    run()


class TestSchemaFuzzing:
    def test_every_answer_is_documented_and_no_server_error(self, fuzzer):
        known = {name: sorted(values) for name, values in fuzzer.world.ids.items()}
        failures = []
        all_operations = operations(load_schema(fuzzer.document))
        for operation in all_operations:
            try:
                fuzz_operation(fuzzer, operation, known)
            except (Exception, BaseExceptionGroup) as failure:  # report every operation's failure
                failures.append(f"{operation.method.upper()} {operation.path}: {failure}")
        assert len(fuzzer.requests) == len(all_operations)
        assert not failures, f"{len(failures)} of {len(all_operations)} operations failed:\n" + "\n\n".join(failures)
