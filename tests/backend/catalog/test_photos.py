"""Photos: orientation applied, metadata really gone, hostile files refused, never across tenants."""

from __future__ import annotations

import io
import random
import zipfile
from uuid import uuid4

import pytest
from PIL import Image

from backend.catalog.tables import Photo
from tests.backend.catalog.helpers import colleague, create, jpeg, publish
from tests.factories import login, make_item, make_user

pytestmark = pytest.mark.anyio


def phone_photo() -> bytes:
    """A portrait phone photo stored landscape with orientation 6, GPS and a camera maker."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    exif[0x010F] = "Phonemaker"
    exif[0x8825] = {1: "N", 2: (55.0, 25.0, 48.0), 3: "E", 4: (13.0, 49.0, 12.0)}  # GPS info
    return jpeg(1200, 900, exif=exif.tobytes())


async def upload(client, listing_id: str, data: bytes, name: str = "p.jpg", media: str = "image/jpeg"):
    return await client.post(f"/api/listings/{listing_id}/photos", files={"photos": (name, data, media)})


class TestUpload:
    async def test_orientation_is_applied_and_all_metadata_is_gone(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        response = await upload(client, listing["id"], phone_photo())
        assert response.status_code == 201, response.text
        photo = response.json()[0]
        assert (photo["width"], photo["height"]) == (900, 1200)
        for url in (photo["display_url"], photo["thumb_url"]):
            served = await client.get(url)
            assert served.headers["content-type"] == "image/webp"
            assert "max-age=31536000" in served.headers["cache-control"]
            image = Image.open(io.BytesIO(served.content))
            assert image.height > image.width
            assert dict(image.getexif()) == {} and "exif" not in image.info and "icc_profile" not in image.info
            assert b"Phonemaker" not in served.content and b"GPS" not in served.content

    async def test_thumbnail_is_bounded(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        photo = (await upload(client, listing["id"], jpeg(3000, 2000))).json()[0]
        assert (photo["width"], photo["height"]) == (1600, 1067)
        thumb = Image.open(io.BytesIO((await client.get(photo["thumb_url"])).content))
        assert max(thumb.size) == 400

    @pytest.mark.parametrize("data,status,error", [
        (b"just some text, not a photo", 415, "not_an_image"),
        (jpeg()[:2000], 400, "photo_damaged"),
    ])
    async def test_bad_files_are_refused(self, client, ystad, data, status, error):
        await login(client, ystad.employee_email)
        listing = await create(client)
        response = await upload(client, listing["id"], data)
        assert response.status_code == status and response.json()["error"] == error
        assert (await client.get(f"/api/listings/{listing['id']}")).json()["photos"] == []

    async def test_a_png_that_is_really_a_zip_is_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("payload.txt", "hello")
        response = await upload(client, listing["id"], out.getvalue(), "photo.png", "image/png")
        assert response.status_code == 415 and response.json()["error"] == "not_an_image"

    async def test_a_decompression_bomb_is_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        out = io.BytesIO()
        Image.new("1", (20_000, 20_000)).save(out, "PNG")  # 400 MP, a few kB on disk
        response = await upload(client, listing["id"], out.getvalue(), "bomb.png", "image/png")
        assert response.status_code == 413 and response.json()["error"] == "photo_too_many_pixels"

    async def test_a_50_mb_upload_is_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        response = await upload(client, listing["id"], b"\xff" * (50 * 1024 * 1024))
        assert response.status_code == 413

    async def test_another_unit_cannot_add_photos(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        listing = await publish(client, await create(client))
        other = await new_client()
        await colleague(other, ystad, "bertil")
        assert (await upload(other, listing["id"], jpeg())).status_code == 403


class TestServing:
    async def test_another_municipality_gets_404(self, client, new_client, ystad, skurup):
        await login(client, ystad.employee_email)
        listing = await create(client)
        photo = (await upload(client, listing["id"], jpeg())).json()[0]
        await publish(client, (await client.get(f"/api/listings/{listing['id']}")).json())
        other = await new_client()
        await login(other, skurup.employee_email)
        assert (await other.get(photo["display_url"])).status_code == 404

    async def test_deleted_photo_is_gone(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        photo = (await upload(client, listing["id"], jpeg())).json()[0]
        assert (await client.delete(f"/api/photos/{photo['id']}")).status_code == 204
        assert (await client.get(photo["thumb_url"])).status_code == 404


class TestDeleting:
    async def test_another_municipality_gets_404_and_the_photo_stays(self, client, new_client, ystad, skurup, network):
        await login(client, ystad.employee_email)
        listing = await create(client, visibility="network")
        photo = (await upload(client, listing["id"], jpeg())).json()[0]
        await publish(client, (await client.get(f"/api/listings/{listing['id']}")).json())
        other = await new_client()
        await login(other, skurup.admin_email)
        assert (await other.get(photo["thumb_url"])).status_code == 200  # seen through the network, yet not theirs
        assert (await other.delete(f"/api/photos/{photo['id']}")).status_code == 404
        assert (await client.get(photo["thumb_url"])).status_code == 200

    async def test_another_unit_cannot_delete_a_photo(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        photo = (await upload(client, listing["id"], jpeg())).json()[0]
        other = await new_client()
        await colleague(other, ystad, "bertil")
        assert (await other.delete(f"/api/photos/{photo['id']}")).status_code == 403
        assert await Photo.count().where(Photo.id == photo["id"]) == 1

    async def test_a_coordinator_deletes_a_photo_on_behalf_of_the_unit(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        photos = [(await upload(client, listing["id"], jpeg())).json()[0] for _ in range(2)]
        coordinator = await new_client()
        await colleague(coordinator, ystad, "samordnare", "coordinator")
        assert (await coordinator.delete(f"/api/photos/{photos[0]['id']}")).status_code == 204
        left = (await client.get(f"/api/listings/{listing['id']}")).json()["photos"]
        assert [p["id"] for p in left] == [photos[1]["id"]]


class TestItemPhotos:
    async def test_warehouse_intake_photo_lands_on_the_items_listing(self, client, new_client, ystad):
        from backend.catalog.tables import Item

        await login(client, ystad.employee_email)
        listing = await create(client)
        item = (await Item.select(Item.id).where(Item.listing == listing["id"]).first())["id"]
        warehouse = await new_client()
        await make_user(ystad.id, ystad.ame_unit, "lager@ystad.test", "warehouse")
        await login(warehouse, "lager@ystad.test")
        response = await warehouse.post(f"/api/items/{item}/photos",
                                        files={"file": ("p.jpg", phone_photo(), "image/jpeg")})
        assert response.status_code == 201, response.text
        assert await Photo.count().where(Photo.item == item, Photo.listing == listing["id"]) == 1

    async def test_a_label_photo_at_the_field_apps_bound_is_taken(self, client, new_client, ystad):
        """Photos of labels leave the phone at 2400 px (pwa/js/outbox/photos.js LABEL_SIDE), JPEG 0.8;
        pure noise is the largest such a file gets, and the default limits take it."""
        from backend.catalog.tables import Item

        await login(client, ystad.employee_email)
        listing = await create(client)
        item = (await Item.select(Item.id).where(Item.listing == listing["id"]).first())["id"]
        out = io.BytesIO()
        Image.frombytes("RGB", (2400, 1800), random.Random(7).randbytes(2400 * 1800 * 3)).save(out, "JPEG", quality=80)
        assert len(out.getvalue()) > 2_500_000
        warehouse = await new_client()
        await make_user(ystad.id, ystad.ame_unit, "lager@ystad.test", "warehouse")
        await login(warehouse, "lager@ystad.test")
        response = await warehouse.post(f"/api/items/{item}/photos",
                                        files={"file": ("p.jpg", out.getvalue(), "image/jpeg")})
        assert response.status_code == 201, response.text
        assert response.json()[0]["label"]["status"] == "none"

    async def test_an_item_on_no_listing_keeps_its_own_photo_for_its_municipality(self, client, ystad, skurup,
                                                                                  new_client):
        item = await make_item(ystad.id, ystad.ame_unit)
        await login(client, ystad.admin_email)
        response = await client.post(f"/api/items/{item}/photos",
                                     files={"file": ("p.jpg", jpeg(400, 300), "image/jpeg")})
        assert response.status_code == 201, response.text
        photo = response.json()[0]
        assert (await Photo.select(Photo.listing).where(Photo.id == photo["id"]).first())["listing"] is None
        assert [p["id"] for p in (await client.get(f"/api/items/{item}/photos")).json()] == [photo["id"]]
        assert (await client.get(photo["thumb_url"])).status_code == 200
        await login(client, ystad.employee_email)  # a colleague sees the register's photo too
        assert (await client.get(photo["thumb_url"])).status_code == 200
        other = await new_client()
        await login(other, skurup.admin_email)
        assert (await other.get(photo["thumb_url"])).status_code == 404
        assert (await other.get(f"/api/items/{item}/photos")).status_code == 404

    async def test_an_employee_may_not_photograph_an_item_on_no_listing(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        await login(client, ystad.employee_email)
        response = await client.post(f"/api/items/{item}/photos",
                                     files={"file": ("p.jpg", jpeg(400, 300), "image/jpeg")})
        assert response.status_code == 403

    async def test_listing_the_item_takes_its_photos_onto_the_listing(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit, "Fåtölj")
        await make_user(ystad.id, ystad.ame_unit, "lager@ystad.test", "warehouse")
        await login(client, "lager@ystad.test")
        photo = (await client.post(f"/api/items/{item}/photos",
                                   files={"file": ("p.jpg", jpeg(400, 300), "image/jpeg")})).json()[0]
        repair = {"id": str(uuid4()), "item_id": str(item), "needs": "Ny klädsel"}
        assert (await client.post("/api/repairs", json=repair)).status_code == 201
        assert (await client.post(f"/api/repairs/{repair['id']}/finish")).status_code == 200
        listed = await client.post(f"/api/repairs/{repair['id']}/listing", json={"deal": "give"})
        assert listed.status_code in (200, 201), listed.text
        listing = listed.json()["listing"]
        assert [p["id"] for p in listing["photos"]] == [photo["id"]]

    async def test_another_municipalitys_item_is_not_found(self, client, ystad, skurup):
        item = await make_item(ystad.id, ystad.ame_unit)
        await login(client, skurup.admin_email)
        response = await client.post(f"/api/items/{item}/photos",
                                     files={"file": ("p.jpg", jpeg(400, 300), "image/jpeg")})
        assert response.status_code == 404
