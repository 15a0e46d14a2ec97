"""Client secrets at rest: readable only with the key they were sealed with."""

from __future__ import annotations

import pytest

from backend.errors import Conflict
from backend.sso.sealing import Sealer

KEY = "a-secret-key-of-some-length"


class TestSealer:
    def test_a_sealed_secret_opens_with_its_key(self) -> None:
        sealed = Sealer(KEY).seal("client-secret")
        assert "client-secret" not in sealed
        assert Sealer(KEY).open(sealed) == "client-secret"

    def test_another_key_cannot_open_it(self) -> None:
        assert Sealer(KEY + "!").open(Sealer(KEY).seal("client-secret")) is None

    def test_without_a_key_nothing_is_sealed(self) -> None:
        with pytest.raises(Conflict):
            Sealer("").seal("client-secret")
        with pytest.raises(Conflict):
            Sealer("too-short").seal("client-secret")
