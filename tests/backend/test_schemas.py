"""Request bodies: every integer a client sends has bounds that fit its column (PostgreSQL's int32)."""

from __future__ import annotations

import msgspec
import pytest

from backend.tracking.device_clock import MAX_SKEW_MS

INT32_MAX = 2**31 - 1
# Read, never written to a column as sent: a subscription's expiry, and a phone's clock skew, which
# is stored in seconds (clamped to its bound, backend/tracking/device_clock.py).
NOT_STORED = {("SubscriptionCreate", "expirationTime"): 2**53 - 1, ("ScanEventIn", "clock_skew_ms"): MAX_SKEW_MS}


def _structs(info: msgspec.inspect.Type, seen: set) -> list[msgspec.inspect.StructType]:
    """Every Struct reachable from a body type (through lists, unions and nested Structs)."""
    if isinstance(info, msgspec.inspect.Metadata):
        return _structs(info.type, seen)
    if isinstance(info, msgspec.inspect.UnionType):
        return [s for member in info.types for s in _structs(member, seen)]
    if isinstance(info, msgspec.inspect.ListType | msgspec.inspect.SetType | msgspec.inspect.FrozenSetType):
        return _structs(info.item_type, seen)
    if isinstance(info, msgspec.inspect.StructType) and info.cls not in seen:
        seen.add(info.cls)
        return [info, *[s for field in info.fields for s in _structs(field.type, seen)]]
    return []


def _ints(info: msgspec.inspect.Type) -> list[msgspec.inspect.IntType]:
    if isinstance(info, msgspec.inspect.Metadata):
        return _ints(info.type)
    if isinstance(info, msgspec.inspect.UnionType):
        return [i for member in info.types for i in _ints(member)]
    if isinstance(info, msgspec.inspect.ListType):
        return _ints(info.item_type)
    return [info] if isinstance(info, msgspec.inspect.IntType) else []


def _body_fields(app):
    """(Struct name, field name, its int types) of every request body of every route."""
    seen: set = set()
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            data = handler.parsed_fn_signature.parameters.get("data")
            if data is None or not isinstance(data.annotation, type) or not issubclass(data.annotation, msgspec.Struct):
                continue
            for struct in _structs(msgspec.inspect.type_info(data.annotation), seen):
                for field in struct.fields:
                    yield struct.cls.__name__, field.name, _ints(field.type)


def _fits(info: msgspec.inspect.IntType, field: str, ceiling: int = INT32_MAX) -> bool:
    low = info.ge if info.ge is not None else (info.gt + 1 if info.gt is not None else None)
    high = info.le if info.le is not None else (info.lt - 1 if info.lt is not None else None)
    room = 1 if field == "version" else 0  # the update writes version + 1
    return low is not None and high is not None and -ceiling - 1 <= low and high + room <= ceiling


class TestBodyIntegers:
    def test_the_app_has_bodies_with_integers(self, app):
        assert any(ints for _, _, ints in _body_fields(app))

    def test_every_integer_in_a_body_fits_its_column(self, app):
        unbounded = [(struct, field) for struct, field, ints in _body_fields(app)
                     if any(not _fits(i, field, NOT_STORED.get((struct, field), INT32_MAX)) for i in ints)]
        assert unbounded == []


@pytest.mark.anyio
class TestVersionAtTheTop:
    async def test_the_largest_version_is_refused_before_it_can_overflow(self, client, ystad):
        from tests.factories import login

        await login(client, ystad.admin_email)
        response = await client.patch(f"/api/units/{ystad.admin_unit}", json={"name": "Ny", "version": INT32_MAX})
        assert response.status_code == 400 and "version" in response.json()["detail"]
