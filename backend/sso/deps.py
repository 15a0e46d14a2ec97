"""The single sign-on context's app-wide dependency, named for Litestar's injector (see backend.deps)."""

from __future__ import annotations

from litestar.di import NamedDependency

from backend.sso.oidc import OidcClient

OidcDep = NamedDependency[OidcClient]
