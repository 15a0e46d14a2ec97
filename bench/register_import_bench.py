"""The item register's import on a real server: 10,000 rows of an Excel workbook, as the import screen sends them.

Run: .venv/bin/python bench/register_import_bench.py [sqlite|postgres ...]   (default: both when PostgreSQL answers)
Starts `python -m backend serve` on demo data and signs in as the AME's warehouse worker, then, as the
screen does:
  - choosing the file: POST /api/register/import/preview with the file alone (the headers suggest the mapping)
  - "Importera": POST /api/register/import with the file and that mapping; 10,000 new items with their cards
    and a custom field. Target: the preview and the import together <= 30 s. The server's memory: its
    resident size before, and its peak (VmHWM) after.
  - the same file again (every row unchanged, nothing written), and the file with 1,000 rows edited.
"""

from __future__ import annotations

import io
import json
import random
import sys
import time
from pathlib import Path

import httpx
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scans_bench import login, main_per_kind, start_server

from backend.demo import data

ROWS = 10_000
EDITED = 1_000
TARGET_S = 30.0
HEADER = ["Inventarienummer", "Benämning", "Innehavande enhet", "Bredd (cm)", "Djup (cm)", "Höjd (cm)", "Vikt (kg)",
          "Material", "Märke", "Modell", "Serienummer", "Inköpsår", "Inköpspris (kr)", "Skick", "Färg"]
THINGS = [("Skrivbord", "Kinnarps", "Oberon", "Björk"), ("Kontorsstol", "Kinnarps", "Capella", "Textil"),
          ("Bokhylla", "IKEA", "Billy", "Spånskiva"), ("Konferensbord", "Lammhults", "Spira", "Ek"),
          ("Whiteboard", "Lintex", "Mood", "Glas"), ("Soffa", "Offecct", "Phoenix", "Ull"),
          ("Arkivskåp", "EFG", "Classic", "Stål"), ("Elevbänk", "Skolmöbler", "Flex", "Bok")]
CONDITIONS = ["Nytt", "Gott skick", "Använt", "Slitet", "Trasigt"]
COLOURS = ["Röd", "Blå", "Grå", "Svart", "Vit"]


def memory_mb(pid: int, field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of a process, in MB (Linux /proc)."""
    line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith(field + ":"))
    return int(line.split()[1]) / 1024


def workbook(rows: list[list]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Inventarier")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def register_rows(units: list[str]) -> list[list]:
    pick = random.Random(7)
    rows = []
    for i in range(ROWS):
        title, brand, model, material = pick.choice(THINGS)
        rows.append([f"YST-{100000 + i}", f"{title} {i % 40 + 1}", pick.choice(units), pick.randint(40, 240),
                     pick.randint(40, 120), pick.randint(40, 200), round(pick.uniform(2, 80), 1), material, brand,
                     model, f"SN{pick.randint(10**7, 10**8)}", pick.randint(1995, 2026),
                     round(pick.uniform(200, 25_000), 2), pick.choice(CONDITIONS), pick.choice(COLOURS)])
    return rows


async def send(client: httpx.AsyncClient, path: str, body: bytes, mapping: list[str] | None) -> tuple[dict, float]:
    form = {"mapping": json.dumps(mapping)} if mapping is not None else {}
    start = time.perf_counter()
    answer = await client.post(path, files={"file": ("inventarier.xlsx", body)}, data=form)
    seconds = time.perf_counter() - start
    assert answer.status_code == 200, answer.text[:500]
    return answer.json(), seconds


async def run(kind: str, url: str, workdir: Path) -> None:
    server, base = start_server(url, workdir / f"{kind}-server.log")
    try:
        async with httpx.AsyncClient(base_url=base, timeout=300) as client:
            await login(client)
            await admin_defines_colour(base)
            units = [u["name"] for u in (await client.get("/api/items/register-choices")).json()["units"]]
            rows = register_rows(units)
            body = workbook(rows)
            before_mb = memory_mb(server.pid, "VmRSS")
            report, preview_s = await send(client, "/api/register/import/preview", body, None)
            mapping = [c["key"] for c in report["columns"]]
            assert "" not in mapping, report["columns"]
            report, import_s = await send(client, "/api/register/import", body, mapping)
            assert (report["created"], report["applied"]) == (ROWS, True), report
            total = preview_s + import_s
            print(f"[{kind}] {ROWS:,} rows ({len(body) / 1e6:.1f} MB .xlsx, {len(HEADER)} columns): preview "
                  f"{preview_s:.1f} s, import {import_s:.1f} s, together {total:.1f} s "
                  f"(target <= {TARGET_S:.0f} s: {'met' if total <= TARGET_S else 'MISSED'}); server memory "
                  f"{before_mb:.0f} MB before, peak {memory_mb(server.pid, 'VmHWM'):.0f} MB")
            report, again_s = await send(client, "/api/register/import", body, mapping)
            assert report["unchanged"] == ROWS, report
            print(f"[{kind}] the same file again: {again_s:.1f} s, {report['unchanged']:,} unchanged, nothing written")
            for row in rows[:EDITED]:
                row[5] += 1
            report, edited_s = await send(client, "/api/register/import", workbook(rows), mapping)
            assert (report["updated"], report["created"]) == (EDITED, 0), report
            print(f"[{kind}] with {EDITED:,} rows edited: {edited_s:.1f} s, {report['updated']:,} updated, "
                  f"{report['unchanged']:,} unchanged")
    finally:
        server.terminate()
        server.wait(timeout=20)


async def admin_defines_colour(base: str) -> None:
    async with httpx.AsyncClient(base_url=base) as admin:
        answer = await admin.post("/api/session", json={"email": f"admin@ystad.{data.DOMAIN}",
                                                        "password": data.DEMO_PASSWORD})
        answer.raise_for_status()
        admin.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
        made = await admin.post("/api/register-fields", json={"name": "Färg", "kind": "list", "options": COLOURS})
        assert made.status_code == 201, made.text


if __name__ == "__main__":
    main_per_kind(run)
