"""Names of the app-wide dependencies, declared explicitly for Litestar's injector."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar.di import NamedDependency
from litestar.params import HeaderParameter

from backend.db import Database
from backend.settings import Settings
from backend.tenancy import Actor

DbDep = NamedDependency[Database]
ActorDep = NamedDependency[Actor]
SettingsDep = NamedDependency[Settings]
# Who queued the writes a phone's outbox sends (X-Delbar-User); see Actor.require_maker.
MadeByHeader = Annotated[UUID | None, HeaderParameter(name="X-Delbar-User", required=False)]
