"""Rows for tests, written straight to the tables (fast), and sign-in helpers over HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid4

import httpx

from backend import clock
from backend.accounts.passwords import hash_password
from backend.accounts.tables import (
    Municipality,
    Network,
    NetworkMembership,
    Unit,
    User,
    UserRole,
)

PASSWORD = "correct horse battery"
# Cheap parameters: verifying reads them from the hash, so every test sign-in is cheap too.
_PASSWORD_HASH = hash_password(PASSWORD, "minimal")


async def make_municipality(name: str) -> UUID:
    row_id = uuid4()
    await Municipality.insert(Municipality(id=row_id, name=name, created_at=clock.now()))
    return row_id


async def make_unit(municipality_id: UUID, name: str, cost_centre: str = "1000") -> UUID:
    row_id = uuid4()
    await Unit.insert(Unit(id=row_id, municipality=municipality_id, name=name, cost_centre=cost_centre,
                           created_at=clock.now()))
    return row_id


async def make_user(municipality_id: UUID, unit_id: UUID, email: str, *roles: str, active: bool = True) -> UUID:
    row_id = uuid4()
    await User.insert(User(id=row_id, municipality=municipality_id, unit=unit_id, email=email,
                           name=email.split("@")[0].title(), password_hash=_PASSWORD_HASH, active=active,
                           created_at=clock.now()))
    await UserRole.insert(*[UserRole(user=row_id, role=role) for role in roles or ("employee",)])
    return row_id


async def make_network(name: str, *members: UUID, status: str = "active") -> UUID:
    row_id = uuid4()
    await Network.insert(Network(id=row_id, name=name, created_at=clock.now()))
    for member in members:
        await NetworkMembership.insert(NetworkMembership(network=row_id, municipality=member, status=status,
                                                         created_at=clock.now()))
    return row_id


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> str:
    """Sign the client in; returns the CSRF token and sets it as the client's default header."""
    response = await client.post("/api/session", json={"email": email, "password": password})
    assert response.status_code == 201, response.text
    token = response.json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    return token


@dataclass
class Tenant:
    """One municipality with an admin unit, an AME unit, and an admin and an employee."""

    id: UUID
    admin_unit: UUID
    ame_unit: UUID
    admin: UUID
    employee: UUID
    admin_email: str
    employee_email: str


async def make_tenant(name: str) -> Tenant:
    slug = name.lower()
    municipality = await make_municipality(name)
    admin_unit = await make_unit(municipality, "Kommunledningsförvaltningen", "1000")
    ame_unit = await make_unit(municipality, "Arbetsmarknadsenheten", "7100")
    admin_email, employee_email = f"admin@{slug}.test", f"anna@{slug}.test"
    admin = await make_user(municipality, admin_unit, admin_email, "admin")
    employee = await make_user(municipality, ame_unit, employee_email, "employee")
    return Tenant(municipality, admin_unit, ame_unit, admin, employee, admin_email, employee_email)


async def make_location(municipality_id: UUID, name: str, kind: str = "shelf", parent: UUID | None = None) -> UUID:
    from backend.locations.tables import Location

    row_id = uuid4()
    await Location.insert(Location(id=row_id, municipality=municipality_id, parent=parent, kind=kind, name=name,
                                   created_at=clock.now()))
    return row_id


async def make_item(municipality_id: UUID, owner_unit: UUID, title: str = "Kontorsstol", state: str = "registered",
                    location: UUID | None = None) -> UUID:
    from backend.catalog.tables import Item

    row_id = uuid4()
    await Item.insert(Item(id=row_id, municipality=municipality_id, owner_unit=owner_unit, title=title, state=state,
                           location=location, created_at=clock.now()))
    return row_id


async def make_code(municipality_id: UUID, *, item: UUID | None = None, location: UUID | None = None,
                    status: str | None = None) -> str:
    """A code row: linked when given an item or a location, unlinked (pre-printed) otherwise."""
    from backend.codes.tables import Code
    from labels import new_code

    text = new_code()
    linked = item is not None or location is not None
    await Code.insert(Code(id=uuid4(), text=text, municipality=municipality_id, item=item, location=location,
                           status=status or ("linked" if linked else "unlinked"), created_at=clock.now()))
    return text
