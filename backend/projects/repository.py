"""Every move project query, scoped to the municipality that owns the project."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from backend.accounts.tables import User
from backend.bookings.tables import Booking
from backend.catalog.tables import Photo
from backend.projects.tables import Project, ProjectItem, ProjectMember

Row = dict[str, Any]
# A booking in one of these states means someone took the item: it counts as reused.
TAKEN = ("approved", "fulfilled", "returned", "completed")

_COLUMNS = (
    *Project.all_columns(exclude=["municipality", "location", "created_by"]),
    Project.location.id.as_alias("location_id"),
    Project.location.name.as_alias("location_name"),
)
_ITEM_COLUMNS = (
    ProjectItem.id, ProjectItem.outcome, ProjectItem.created_at,
    ProjectItem.listing.id.as_alias("listing_id"),
    ProjectItem.listing.title.as_alias("title"),
    ProjectItem.listing.status.as_alias("listing_status"),
    ProjectItem.listing.kind.as_alias("kind"),
    ProjectItem.listing.deal.as_alias("deal"),
    ProjectItem.listing.quantity.as_alias("quantity"),
    ProjectItem.listing.weight_g.as_alias("weight_g"),
    ProjectItem.listing.version.as_alias("listing_version"),
    ProjectItem.listing.category.id.as_alias("category_id"),
    ProjectItem.listing.category.name_sv.as_alias("category_sv"),
    ProjectItem.listing.category.name_en.as_alias("category_en"),
)


class ProjectRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def list(self, member: UUID | None = None) -> list[Row]:
        """The municipality's projects, or only those `member` collaborates on."""
        query = Project.select(*_COLUMNS).where(Project.municipality == self.municipality_id)
        if member is not None:
            query = query.where(Project.id.is_in(
                ProjectMember.select(ProjectMember.project).where(ProjectMember.user == member)))
        rows = await query.order_by(
            Project.day, ascending=False).order_by(Project.created_at, ascending=False).limit(200)
        counts = await self._item_counts([r["id"] for r in rows])
        for row in rows:
            row["item_count"] = counts.get(row["id"], 0)
        return rows

    async def _item_counts(self, ids: list[UUID]) -> dict[UUID, int]:
        if not ids:
            return {}
        rows = await ProjectItem.select(ProjectItem.project).where(ProjectItem.project.is_in(ids))
        counts: dict[UUID, int] = {}
        for row in rows:
            counts[row["project"]] = counts.get(row["project"], 0) + 1
        return counts

    async def get(self, project_id: UUID) -> Row | None:
        return await Project.select(*_COLUMNS).where(
            Project.id == project_id, Project.municipality == self.municipality_id).first()

    async def exists_anywhere(self, project_id: UUID) -> Row | None:
        """Only to tell a replayed create from an id taken in another municipality."""
        return await Project.select(Project.id, Project.municipality).where(Project.id == project_id).first()

    async def insert(self, values: Row) -> None:
        await Project.insert(Project(**values, municipality=self.municipality_id))

    async def update(self, project_id: UUID, version: int, values: Row) -> bool:
        """Apply values if the project is still at `version`; False when it moved on."""
        rows = await Project.update({**values, Project.version: version + 1}).where(
            Project.id == project_id, Project.municipality == self.municipality_id, Project.version == version
        ).returning(Project.id)
        return bool(rows)

    async def is_member(self, project_id: UUID, user_id: UUID) -> bool:
        return await ProjectMember.exists().where(ProjectMember.project == project_id, ProjectMember.user == user_id)

    async def members(self, project_id: UUID) -> list[Row]:
        return await ProjectMember.select(
            ProjectMember.user.id.as_alias("id"), ProjectMember.user.name.as_alias("name"),
            ProjectMember.user.email.as_alias("email"),
        ).where(ProjectMember.project == project_id).order_by(ProjectMember.user.name)

    async def replace_members(self, project_id: UUID, user_ids: list[UUID]) -> None:
        await ProjectMember.delete().where(ProjectMember.project == project_id)
        if user_ids:
            await ProjectMember.insert(*[ProjectMember(id=uuid4(), project=project_id, user=u) for u in user_ids])

    async def people(self, user_ids: list[UUID]) -> set[UUID]:
        """Which of these users are active people of the municipality."""
        if not user_ids:
            return set()
        rows = await User.select(User.id).where(
            User.id.is_in(user_ids), User.municipality == self.municipality_id, User.active.eq(True))
        return {r["id"] for r in rows}

    async def items(self, project_id: UUID) -> list[Row]:
        rows = await ProjectItem.select(*_ITEM_COLUMNS).where(ProjectItem.project == project_id).order_by(
            ProjectItem.created_at)
        taken = await self._taken([r["listing_id"] for r in rows])
        photos = await self._first_photos([r["listing_id"] for r in rows])
        for row in rows:
            row["taken"] = row["listing_id"] in taken
            row["photo_id"] = photos.get(row["listing_id"])
        return rows

    async def _taken(self, listing_ids: list[UUID]) -> set[UUID]:
        if not listing_ids:
            return set()
        rows = await Booking.select(Booking.listing).where(
            Booking.listing.is_in(listing_ids), Booking.status.is_in(list(TAKEN)))
        return {r["listing"] for r in rows}

    async def _first_photos(self, listing_ids: list[UUID]) -> dict[UUID, UUID]:
        if not listing_ids:
            return {}
        rows = await Photo.select(Photo.id, Photo.listing).where(Photo.listing.is_in(listing_ids)).order_by(
            Photo.position)
        first: dict[UUID, UUID] = {}
        for row in rows:
            first.setdefault(row["listing"], row["id"])
        return first

    async def item_count(self, project_id: UUID) -> int:
        return await ProjectItem.count().where(ProjectItem.project == project_id)

    async def has_listing(self, listing_id: UUID) -> bool:
        return await ProjectItem.exists().where(ProjectItem.listing == listing_id)

    async def add_item(self, project_id: UUID, listing_id: UUID, now: datetime) -> None:
        await ProjectItem.insert(ProjectItem(id=uuid4(), project=project_id, listing=listing_id, created_at=now))

    async def set_outcomes(self, project_id: UUID, outcomes: dict[UUID, str]) -> None:
        for item_id, outcome in outcomes.items():
            await ProjectItem.update({ProjectItem.outcome: outcome}).where(
                ProjectItem.id == item_id, ProjectItem.project == project_id)
