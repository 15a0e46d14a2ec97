"""Rows to API structs for the accounts context."""

from __future__ import annotations

from backend.accounts import schemas
from backend.accounts.repository import Row


def unit_read(row: Row) -> schemas.UnitRead:
    return schemas.UnitRead(id=row["id"], name=row["name"], cost_centre=row["cost_centre"], version=row["version"])


def user_read(row: Row) -> schemas.UserRead:
    return schemas.UserRead(
        id=row["id"],
        email=row["email"],
        name=row["name"],
        municipality=schemas.MunicipalityRef(id=row["municipality_id"], name=row["municipality_name"]),
        unit=schemas.UnitRef(id=row["unit_id"], name=row["unit_name"], cost_centre=row["unit_cost_centre"]),
        roles=row["roles"],
        active=row["active"],
        language=row["language"],
        version=row["version"],
    )


def network_read(row: Row) -> schemas.NetworkRead:
    return schemas.NetworkRead(
        id=row["id"],
        name=row["name"],
        members=[
            schemas.NetworkMemberRead(
                municipality=schemas.MunicipalityRef(id=m["municipality_id"], name=m["municipality_name"]),
                status=m["status"],
            )
            for m in row["members"]
        ],
    )
