"""Small builders for catalogue tests, over HTTP like a client would."""

from __future__ import annotations

import io

from PIL import Image

from tests.factories import login, make_unit, make_user


def listing_body(title: str = "Kontorsstol med armstöd", **fields) -> dict:
    return {"kind": "furniture", "deal": "give", "title": title, **fields}


async def create(client, title: str = "Kontorsstol med armstöd", **fields) -> dict:
    response = await client.post("/api/listings", json=listing_body(title, **fields))
    assert response.status_code == 201, response.text
    return response.json()


async def publish(client, listing: dict) -> dict:
    response = await client.post(f"/api/listings/{listing['id']}/status",
                                 json={"status": "published", "version": listing["version"]})
    assert response.status_code == 200, response.text
    return response.json()


async def colleague(client, tenant, name: str, *roles: str, unit=None) -> str:
    """Sign the client in as a new user of the tenant (another unit unless told); returns the email."""
    unit = unit or await make_unit(tenant.id, f"Enhet {name}")
    email = f"{name}@{str(tenant.id)[:8]}.test"
    await make_user(tenant.id, unit, email, *(roles or ("employee",)))
    await login(client, email)
    return email


def jpeg(width: int = 800, height: int = 600, **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, "JPEG", **save)
    return out.getvalue()
