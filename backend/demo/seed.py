"""Load the demo data. Ids are derived from names (uuid5), so a second run changes nothing."""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

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
from backend.catalog.storage import photo_store
from backend.db import Database
from backend.demo import data
from backend.demo.catalog import seed_catalog, seed_windows
from backend.demo.history import seed_history
from backend.locations.tables import Location
from backend.settings import Settings
from backend.transport.tables import TransportTariff


def demo_id(*parts: str) -> UUID:
    return uuid5(NAMESPACE_URL, "https://delbar.demo/" + "/".join(parts))


async def _ensure(table: type, row_id: UUID, **values: object) -> bool:
    """Insert the row unless it exists; True when it was created."""
    if await table.exists().where(table.id == row_id):
        return False
    await table.insert(table(id=row_id, **values))
    return True


async def _seed_municipality(name: str, info: dict[str, str], password_hash: str, now) -> list[tuple[str, str, str]]:
    mid = demo_id(name)
    await _ensure(Municipality, mid, name=name, created_at=now)
    for unit, cost_centre in data.UNITS:
        await _ensure(Unit, demo_id(name, unit), municipality=mid, name=unit,
                      cost_centre=info["prefix"] + cost_centre, created_at=now)
    await _seed_locations(name, mid, info, now)
    await _ensure(TransportTariff, demo_id(name, "transport-tariff"), municipality=mid,
                  fee_ore=data.TRANSPORT_FEE_ORE, payee_unit=demo_id(name, data.AME_UNIT), updated_at=now)
    logins = []
    for role, local, unit, names in data.PEOPLE:
        person = names[list(data.MUNICIPALITIES).index(name)]
        email = f"{local}@{info['slug']}.{data.DOMAIN}"
        uid = demo_id(name, "user", email)
        if await _ensure(User, uid, municipality=mid, unit=demo_id(name, unit), email=email, name=person,
                         password_hash=password_hash, created_at=now):
            await UserRole.insert(UserRole(id=demo_id(name, "role", email, role), user=uid, role=role))
        logins.append((name, role, email))
    return logins


async def _seed_locations(name: str, mid: UUID, info: dict[str, str], now) -> None:
    site = demo_id(name, "site", "AME-lagret")
    await _ensure(Location, site, municipality=mid, kind="site", name="AME-lagret",
                  address=info["warehouse"], created_at=now)
    for hall, shelves in data.WAREHOUSE_HALLS.items():
        room = demo_id(name, "room", hall)
        await _ensure(Location, room, municipality=mid, parent=site, kind="room", name=hall, created_at=now)
        for shelf in shelves:
            await _ensure(Location, demo_id(name, "shelf", shelf), municipality=mid, parent=room,
                          kind="shelf", name=f"Hylla {shelf}", created_at=now)
    for other, street in data.OTHER_SITES.items():
        await _ensure(Location, demo_id(name, "site", other), municipality=mid, kind="site", name=other,
                      address=f"{street}, {name}", created_at=now)
    for vehicle in data.VEHICLES:
        await _ensure(Location, demo_id(name, "vehicle", vehicle), municipality=mid, kind="vehicle",
                      name=vehicle, created_at=now)


async def _seed_network(now) -> None:
    network = demo_id("network", data.NETWORK)
    await _ensure(Network, network, name=data.NETWORK, created_at=now)
    for name in data.MUNICIPALITIES:
        await _ensure(NetworkMembership, demo_id("network", data.NETWORK, name), network=network,
                      municipality=demo_id(name), status="active", created_at=now)


async def seed(db: Database, settings: Settings | None = None) -> list[tuple[str, str, str]]:
    """Create the reference network; returns (municipality, role, e-mail) for every demo login."""
    settings = settings or Settings.from_env()
    now, password_hash = clock.now(), hash_password(data.DEMO_PASSWORD, settings.password_hashing)
    store = photo_store(settings)
    logins: list[tuple[str, str, str]] = []
    async with db.write():
        for name, info in data.MUNICIPALITIES.items():
            logins += await _seed_municipality(name, info, password_hash, now)
        await _seed_network(now)
        await seed_history(demo_id)
        await seed_catalog(demo_id, store)
        await seed_windows(demo_id)
    return logins
