"""Names of the app-wide dependencies, declared explicitly for Litestar's injector."""

from __future__ import annotations

from litestar.di import NamedDependency

from backend.accounts.sessions import SessionService
from backend.db import Database
from backend.settings import Settings
from backend.tenancy import Actor
from backend.web.shell import Shell

DbDep = NamedDependency[Database]
ActorDep = NamedDependency[Actor]
SessionsDep = NamedDependency[SessionService]
ShellDep = NamedDependency[Shell]
SettingsDep = NamedDependency[Settings]
