"""The OpenID Connect relying party: discovery, the authorization URL, the code exchange, the ID token.

PKCE and the authorization request come from Authlib; the ID token's signature and claims are
checked by joserfc against the keys the provider's discovery document points to.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import errors as jose_errors
from joserfc import jwt
from joserfc.jwk import KeySet

from backend import clock

# Signature algorithms accepted for ID tokens (never "none", never a symmetric one keyed by the secret).
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
# Seconds of clock difference tolerated between Delbar and the provider.
LEEWAY = 60
# How long a discovery document and its keys are reused before they are asked for again.
CACHE_SECONDS = 300
TIMEOUT = httpx.Timeout(10.0)


class SignInRefused(Exception):
    """A sign-in cannot go on; `reason` is a stable code, shown to the person and kept in the audit trail."""

    def __init__(self, reason: str, detail: str = "", *, user: Any = None) -> None:
        super().__init__(detail or reason)
        self.reason, self.user = reason, user


@dataclass(frozen=True)
class Metadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks: dict[str, Any]
    end_session_endpoint: str | None


def _same_issuer(a: str, b: str) -> bool:
    return a.rstrip("/") == b.rstrip("/")


class OidcClient:
    """Talks to providers over HTTP; keeps each provider's discovery document and keys a few minutes."""

    def __init__(self, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._transport = transport
        self._cache: dict[str, tuple[float, Metadata]] = {}

    def _http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=TIMEOUT, transport=self._transport, follow_redirects=False)

    async def metadata(self, issuer: str, *, fresh: bool = False) -> Metadata:
        cached = self._cache.get(issuer)
        if cached and not fresh and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
        try:
            async with self._http() as http:
                doc = await self._json(http, issuer.rstrip("/") + "/.well-known/openid-configuration")
                if not _same_issuer(str(doc.get("issuer", "")), issuer):
                    raise SignInRefused("wrong_issuer", "The discovery document names another issuer.")
                jwks = await self._json(http, str(doc["jwks_uri"]))
            found = Metadata(issuer=str(doc["issuer"]), authorization_endpoint=str(doc["authorization_endpoint"]),
                             token_endpoint=str(doc["token_endpoint"]), jwks=jwks,
                             end_session_endpoint=doc.get("end_session_endpoint") or None)
        except (httpx.HTTPError, KeyError, TypeError) as error:
            raise SignInRefused("provider_unreachable", f"The identity provider did not answer: {error}") from error
        self._cache[issuer] = (time.monotonic(), found)
        return found

    @staticmethod
    async def _json(http: httpx.AsyncClient, url: str) -> dict[str, Any]:
        response = await http.get(url, headers={"Accept": "application/json"})
        response.raise_for_status()
        body = response.json()
        if not isinstance(body, dict):
            raise TypeError("not a JSON object")
        return body

    @staticmethod
    def authorization_url(meta: Metadata, *, client_id: str, redirect_uri: str, state: str, nonce: str,
                          code_verifier: str, login_hint: str) -> str:
        return prepare_grant_uri(
            meta.authorization_endpoint, client_id, "code", redirect_uri=redirect_uri,
            scope="openid email profile", state=state, nonce=nonce, login_hint=login_hint,
            code_challenge=create_s256_code_challenge(code_verifier), code_challenge_method="S256",
        )

    async def exchange(self, meta: Metadata, *, client_id: str, client_secret: str, code: str, redirect_uri: str,
                       code_verifier: str) -> str:
        """Trade the code for tokens (client_secret_basic); the ID token."""
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                "code_verifier": code_verifier}
        try:
            async with self._http() as http:
                response = await http.post(meta.token_endpoint, data=form, auth=(client_id, client_secret),
                                           headers={"Accept": "application/json"})
        except httpx.HTTPError as error:
            raise SignInRefused("provider_unreachable", f"The token endpoint did not answer: {error}") from error
        try:
            body = response.json()
        except ValueError:
            body = {}
        if response.status_code != 200 or not isinstance(body, dict) or not body.get("id_token"):
            error = body.get("error", "") if isinstance(body, dict) else ""
            raise SignInRefused("code_refused", f"The provider refused the code ({response.status_code} {error}).")
        return str(body["id_token"])

    async def verify(self, meta: Metadata, id_token: str, *, client_id: str, nonce: str) -> dict[str, Any]:
        """The ID token's claims once its signature, issuer, audience, times and nonce check out."""
        try:
            token = await self._decode(meta, id_token)
        except jose_errors.BadSignatureError as error:
            raise SignInRefused("bad_signature", "The ID token's signature does not match the provider's keys.") \
                from error
        except jose_errors.JoseError as error:
            raise SignInRefused("bad_token", f"The ID token cannot be read: {error}") from error
        claims = token.claims
        registry = jwt.JWTClaimsRegistry(
            now=int(clock.now().timestamp()), leeway=LEEWAY,
            iss={"essential": True, "value": meta.issuer}, aud={"essential": True, "value": client_id},
            exp={"essential": True}, iat={"essential": True}, sub={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        try:
            registry.validate(claims)
        except jose_errors.ExpiredTokenError as error:
            raise SignInRefused("token_expired", "The ID token has expired.") from error
        except jose_errors.JoseError as error:
            claim = getattr(error, "claim", "")
            reason = {"iss": "wrong_issuer", "aud": "wrong_audience", "nonce": "bad_nonce"}.get(claim, "bad_token")
            raise SignInRefused(reason, f"The ID token's claims are not valid: {error}") from error
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != client_id:
            raise SignInRefused("wrong_audience", "The ID token was issued to another party.")
        if claims["iat"] > int(clock.now().timestamp()) + LEEWAY:
            raise SignInRefused("bad_token", "The ID token was issued in the future.")
        return claims

    async def _decode(self, meta: Metadata, id_token: str) -> jwt.Token:
        try:
            return jwt.decode(id_token, KeySet.import_key_set(meta.jwks), algorithms=list(ALGORITHMS))
        except (jose_errors.MissingKeyError, ValueError):
            # A key the cached set lacks: the provider may have rotated its keys since.
            fresh = await self.metadata(meta.issuer, fresh=True)
            return jwt.decode(id_token, KeySet.import_key_set(fresh.jwks), algorithms=list(ALGORITHMS))
