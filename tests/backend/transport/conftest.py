"""Transport jobs come from bookings: the booking tests' two municipalities and people."""

from tests.backend.bookings.conftest import as_owner, as_requester, world  # noqa: F401 - fixtures shared by name
