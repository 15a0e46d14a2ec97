"""Settings, read from the environment once at start-up (never at import time)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///var/delbar.sqlite"
PWA_DIR = Path(__file__).resolve().parent.parent / "pwa"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything that differs between a laptop, CI and production."""

    database_url: str = DEFAULT_DATABASE_URL
    pwa_dir: Path = PWA_DIR
    max_body_bytes: int = 1024 * 1024
    session_days: int = 30
    # Argon2 parameters for new password hashes (accounts.passwords.HASHERS). Test suites set
    # "minimal"; it is deliberately not read from the environment, so a deployment cannot.
    password_hashing: str = "standard"
    login_failures_per_account: int = 5
    login_failures_per_address: int = 30
    login_window_seconds: int = 60
    log_format: str = "json"
    log_level: str = "INFO"
    debug: bool = False
    push_contact: str = "mailto:push@delbar.invalid"
    push_worker: bool = True
    # Sent or given-up pushes and in-app notifications older than this are deleted (GDPR retention).
    push_retention_days: int = 90
    # Conversation messages (and their photos) older than this are deleted by the same daily clean-up.
    conversation_retention_days: int = 365
    # The host printed on labels (HTTPS://<host>/Q/<code>); empty: the Host header of the request.
    public_host: str = ""
    # Photos: where the local store keeps them, and what an upload may be at most.
    photo_dir: Path = Path("var/photos")
    # Photos in an S3-compatible object store instead: s3://bucket/prefix (empty: photo_dir). The
    # endpoint for a store other than AWS (MinIO, Ceph …); empty keys and region: boto3's own chain.
    storage_url: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = field(default="", repr=False)
    photo_max_bytes: int = 15 * 1024 * 1024
    photo_max_pixels: int = 50_000_000
    # E-mail (backend/mail): the SMTP server, how to reach it, and who the messages are from. No
    # host: messages wait in the outbox until one is set. Security: "starttls" (port 587),
    # "tls" (implicit TLS, port 465) or "none" (a relay on this machine or in the tests).
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_username: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_timeout_seconds: float = 30.0
    # A CA certificate file to trust for the SMTP server (a municipality's internal relay); empty:
    # the system's CAs.
    smtp_ca_file: str = ""
    mail_from: str = "Delbar <delbar@delbar.invalid>"
    mail_worker: bool = True
    # Where links in e-mails lead: the app's address as people reach it.
    app_url: str = "http://127.0.0.1:8000"
    # Encrypts what must be kept secret at rest (the identity providers' client secrets). Empty:
    # single sign-on cannot be set up. Changing it makes the stored client secrets unreadable.
    secret_key: str = field(default="", repr=False)
    # The bearer token /metrics asks for; empty: /metrics answers 404 (off).
    metrics_token: str = field(default="", repr=False)
    # prometheus_client's directory shared by the processes of one server (serve --workers N): their
    # counters are summed in every scrape. Empty: each process shows its own.
    metrics_multiprocess_dir: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Build settings from DATABASE_URL and DELBAR_* variables."""
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            pwa_dir=Path(env.get("DELBAR_PWA_DIR", str(PWA_DIR))),
            max_body_bytes=int(env.get("DELBAR_MAX_BODY_BYTES", 1024 * 1024)),
            session_days=int(env.get("DELBAR_SESSION_DAYS", 30)),
            log_format=env.get("DELBAR_LOG_FORMAT", "json"),
            log_level=env.get("DELBAR_LOG_LEVEL", "INFO"),
            debug=env.get("DELBAR_DEBUG", "") in {"1", "true", "yes"},
            public_host=env.get("DELBAR_PUBLIC_HOST", ""),
            photo_dir=Path(env.get("DELBAR_PHOTO_DIR", "var/photos")),
            storage_url=_storage_url(env.get("DELBAR_STORAGE_URL", "")),
            s3_endpoint_url=env.get("DELBAR_S3_ENDPOINT_URL", ""),
            s3_region=env.get("AWS_REGION", env.get("AWS_DEFAULT_REGION", "")),
            s3_access_key_id=env.get("AWS_ACCESS_KEY_ID", ""),
            s3_secret_access_key=env.get("AWS_SECRET_ACCESS_KEY", ""),
            photo_max_bytes=int(env.get("DELBAR_PHOTO_MAX_BYTES", 15 * 1024 * 1024)),
            photo_max_pixels=int(env.get("DELBAR_PHOTO_MAX_PIXELS", 50_000_000)),
            push_contact=env.get("DELBAR_PUSH_CONTACT", "mailto:push@delbar.invalid"),
            push_worker=env.get("DELBAR_PUSH_WORKER", "1") not in {"0", "false", "no"},
            push_retention_days=_days(env, "DELBAR_PUSH_RETENTION_DAYS", 90),
            conversation_retention_days=_days(env, "DELBAR_CONVERSATION_RETENTION_DAYS", 365),
            smtp_host=env.get("DELBAR_SMTP_HOST", ""),
            smtp_port=int(env.get("DELBAR_SMTP_PORT", 587)),
            smtp_security=_security(env.get("DELBAR_SMTP_SECURITY", "starttls")),
            smtp_username=env.get("DELBAR_SMTP_USERNAME", ""),
            smtp_password=env.get("DELBAR_SMTP_PASSWORD", ""),
            smtp_timeout_seconds=float(env.get("DELBAR_SMTP_TIMEOUT", 30)),
            smtp_ca_file=env.get("DELBAR_SMTP_CA_FILE", ""),
            mail_from=env.get("DELBAR_MAIL_FROM", "Delbar <delbar@delbar.invalid>"),
            mail_worker=env.get("DELBAR_MAIL_WORKER", "1") not in {"0", "false", "no"},
            app_url=env.get("DELBAR_APP_URL", "http://127.0.0.1:8000"),
            secret_key=env.get("DELBAR_SECRET_KEY", ""),
            metrics_token=env.get("DELBAR_METRICS_TOKEN", ""),
            metrics_multiprocess_dir=env.get("PROMETHEUS_MULTIPROC_DIR", ""),
        )

    @property
    def mail_enabled(self) -> bool:
        return bool(self.smtp_host)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:")


def _days(env, name: str, default: int) -> int:
    """A retention in days: a whole number, at least 1 (0 would delete everything at once)."""
    try:
        days = int(env.get(name, default))
    except ValueError:
        raise ValueError(f"{name} must be a whole number of days, not {env.get(name)!r}") from None
    if days < 1:
        raise ValueError(f"{name} must be at least 1, not {days}")
    return days


def _storage_url(value: str) -> str:
    if value and not (value.startswith("s3://") and len(value) > len("s3://") and value[5] != "/"):
        raise ValueError(f"DELBAR_STORAGE_URL must look like s3://bucket/prefix (or be empty), not {value!r}")
    return value


def _security(value: str) -> str:
    if value not in {"starttls", "tls", "none"}:
        raise ValueError(f"DELBAR_SMTP_SECURITY must be starttls, tls or none, not {value!r}")
    return value
