"""A municipality with a user holding every role and one object of every kind, made over the API.

The schema fuzzing and the tenant matrix both need objects the operations can really reach:
`ids` maps each path-parameter name of the API to the ids of this municipality's objects.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID, uuid4

import httpx
from litestar import Litestar
from PIL import Image

from backend import clock
from backend.accounts.tables import ROLES
from backend.billing.tables import InvoiceLine
from tests.backend.bookings.helpers import days, make_listing
from tests.factories import Tenant, login, make_code, make_item, make_location, make_network, make_tenant, make_user

P256DH = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
AUTH = "tBHItJI5svbpez7KI4CCXg"


@dataclass
class World:
    tenant: Tenant
    email: str  # holds every role
    user_id: UUID
    ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    secrets: set[str] = field(default_factory=set)  # text only this municipality may ever see

    def add(self, name: str, *values: object) -> None:
        self.ids[name].update(str(v) for v in values)


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


async def _ok(response: httpx.Response) -> dict:
    assert response.status_code < 300, f"{response.request.method} {response.request.url}: {response.text}"
    return response.json() if response.content else {}


def open_client(app: Litestar) -> httpx.AsyncClient:
    """Another browser on an app whose database is already started."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver.local")


async def build_world(app: Litestar, name: str) -> World:
    """The municipality `name` with private objects of every kind the API names by id."""
    tenant = await make_tenant(name)
    slug = name.lower()
    email = f"alla@{slug}.test"
    world = World(tenant, email, await make_user(tenant.id, tenant.ame_unit, email, *ROLES))
    world.add("unit_id", tenant.admin_unit, tenant.ame_unit)
    world.add("user_id", tenant.admin, tenant.employee)
    world.add("counterpart", tenant.id)
    world.add("network_id", await make_network(f"Samverkan {name}", tenant.id))
    async with open_client(app) as boss, open_client(app) as employee:
        await login(boss, email)
        await login(employee, tenant.employee_email)
        await _catalog(world, boss, employee)
        await _bookings(world, boss, employee)
        await _places_and_codes(world, boss)
        await _held_pickup(world, boss)
        await _personal(world, boss, employee)
    await _invoice_line(world)
    return world


async def _catalog(world: World, boss: httpx.AsyncClient, employee: httpx.AsyncClient) -> None:
    for visibility in ("unit", "municipality", "network"):
        title = f"Stol {visibility} {world.tenant.id}"
        world.secrets.add(title)
        body = {"kind": "furniture", "deal": "give", "title": title, "visibility": visibility, "publish": True}
        world.add("listing_id", (await _ok(await boss.post("/api/listings", json=body)))["id"])
    draft = await _ok(await boss.post("/api/listings", json={"kind": "equipment", "deal": "lend", "title": "Utkast"}))
    world.add("listing_id", draft["id"])
    photos = await _ok(await boss.post(f"/api/listings/{draft['id']}/photos",
                                       files=[("photos", ("a.jpg", jpeg(), "image/jpeg"))]))
    world.add("photo_id", *(p["id"] for p in photos))
    want = await _ok(await employee.post("/api/wants", json={"text": "Whiteboard"}))
    world.add("want_id", want["id"])
    check = await _ok(await boss.post("/api/purchase-checks", json={"need": "Skrivbord"}))
    world.add("check_id", check["id"])
    name = f"Flytt {world.tenant.id}"
    world.secrets.add(name)
    project = await _ok(await boss.post("/api/projects", json={"name": name, "day": days(10)}))
    project = await _ok(await boss.post(f"/api/projects/{project['id']}/items", json={"title": "Projektstol"}))
    world.add("project_id", project["id"])


async def _bookings(world: World, boss: httpx.AsyncClient, employee: httpx.AsyncClient) -> None:
    listing, items = await make_listing(world.tenant, deal="lend", items=2, visibility="unit")
    world.add("listing_id", listing)
    world.add("item_id", *items)
    for code_item in items:
        world.add("code", await make_code(world.tenant.id, item=code_item))
    first = {"listing_id": str(listing), "start": days(3), "end": days(5), "delivery_address": "Storgatan 1"}
    booking = await _ok(await employee.post("/api/bookings", json=first))
    world.add("booking_id", booking["id"])
    await _ok(await boss.post(f"/api/bookings/{booking['id']}/approve", json={}))
    second = await _ok(await employee.post("/api/bookings", json={**first, "start": days(8), "end": days(9)}))
    world.add("booking_id", second["id"])
    talk = await _ok(await employee.post("/api/conversations", json={"subject_kind": "booking",
                                                                    "subject_id": booking["id"]}))
    world.add("conversation_id", talk["id"])
    body = f"Meddelande {world.tenant.id}"
    world.secrets.add(body)
    message = await _ok(await employee.post(f"/api/conversations/{talk['id']}/messages",
                                            json={"client_id": str(uuid4()), "body": body}))
    world.add("message_id", message["id"])
    jobs = await _ok(await boss.get("/api/transport-jobs"))
    world.add("job_id", *(job["id"] for job in jobs))
    notes = await _ok(await boss.get("/api/notifications"))
    world.add("notification_id", *(n["id"] for n in notes["items"]))


async def _places_and_codes(world: World, boss: httpx.AsyncClient) -> None:
    location = await make_location(world.tenant.id, "Hylla A1")
    world.add("location_id", location)
    code = await _ok(await boss.post(f"/api/locations/{location}/code"))
    world.add("code", code["code"])
    batch = await _ok(await boss.post("/api/code-batches", json={"name": "Rulle 1", "size": 3}))
    world.add("batch_id", batch["id"])
    stocktake = await _ok(await boss.post("/api/stocktakes", json={"id": str(uuid4()), "location_id": str(location)}))
    world.add("stocktake_id", stocktake["id"])
    broken = await make_item(world.tenant.id, world.tenant.ame_unit, "Stol att klä om", "in_storage", location)
    repair = await _ok(await boss.post("/api/repairs", json={"id": str(uuid4()), "item_id": str(broken),
                                                             "needs": "Ny klädsel"}))
    world.add("repair_id", repair["id"])
    field = await _ok(await boss.post("/api/register-fields", json={"name": "Färg", "kind": "list",
                                                                    "options": ["Röd"]}))
    world.add("field_id", field["id"])
    codes = await _ok(await boss.get(f"/api/code-batches/{batch['id']}/codes"))
    world.add("code", *(c["code"] for c in codes))


async def _held_pickup(world: World, boss: httpx.AsyncClient) -> None:
    """A driver's pickup outside their jobs, waiting for a coordinator (the boss drives too)."""
    item = await make_item(world.tenant.id, world.tenant.ame_unit, "Hämtad stol")
    van = await make_location(world.tenant.id, "Bil 1", kind="vehicle")
    scan = {"id": str(uuid4()), "code": await make_code(world.tenant.id, item=item), "action": "pickup",
            "device_time": clock.now().isoformat(), "location_code": await make_code(world.tenant.id, location=van),
            "outside_jobs": True}
    assert (await _ok(await boss.post("/api/scans", json=scan)))["status"] == "held"
    world.add("event_id", scan["id"])


async def _personal(world: World, boss: httpx.AsyncClient, employee: httpx.AsyncClient) -> None:
    sessions = await _ok(await employee.get("/api/sessions"))
    world.add("session_id", *(s["id"] for s in sessions))
    feed = await _ok(await employee.post("/api/calendar-feed"))
    world.add("token", feed["url"].rsplit("/", 1)[-1])
    endpoint = f"https://push.example.test/{uuid4()}"
    await _ok(await employee.post("/api/push/subscriptions", json={"endpoint": endpoint,
                                                                   "keys": {"p256dh": P256DH, "auth": AUTH}}))
    world.add("endpoint", endpoint)


async def _invoice_line(world: World) -> None:
    """A line of last month's invoice basis (a month that has ended can be exported)."""
    now = clock.now()
    month = (now.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    description = f"Hyra {world.tenant.id}"
    await InvoiceLine.insert(InvoiceLine(
        id=uuid4(), municipality=world.tenant.id, month=month, kind="rent", payer_municipality=world.tenant.id,
        payer_unit=world.tenant.admin_unit, payee_unit=world.tenant.ame_unit, amount_ore=12_500,
        description=description, charged_at=now, created_at=now))
    world.add("month", month)
    world.secrets.add(description)
