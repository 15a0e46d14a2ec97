"""The accounts context's app-wide dependency, named for Litestar's injector (see backend.deps)."""

from __future__ import annotations

from litestar.di import NamedDependency

from backend.accounts.sessions import SessionService

SessionsDep = NamedDependency[SessionService]
