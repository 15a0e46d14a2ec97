"""The SMTP sender against aiosmtpd over STARTTLS and implicit TLS, with a login: the certificate is
checked against the CA named in the settings, and the credentials reach the server."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from backend.mail.sender import SmtpConfig, SmtpSender
from tests.backend.mail.conftest import Inbox, free_port

USER, PASSWORD = "delbar", "smtp-secret"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1: (certificate file, key file)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    return str(folder / "cert.pem"), str(folder / "key.pem")


def check_login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok)


def server_context(certificate) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def starttls_server(certificate):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), tls_context=server_context(certificate),
                            require_starttls=True, authenticator=check_login, auth_required=True)
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def tls_server(certificate):
    inbox = Inbox()
    # aiosmtpd counts only STARTTLS as TLS for AUTH; this whole connection is TLS from the first byte.
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), ssl_context=server_context(certificate),
                            authenticator=check_login, auth_required=True, auth_require_tls=False)
    controller.start()
    yield controller
    controller.stop()


def letter() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "noreply@delbar.test", "anna@ystad.test", "Hej"
    message.set_content("Hej Anna")
    return message


class TestSecurity:
    def test_starttls_with_a_login_delivers(self, starttls_server, certificate):
        config = SmtpConfig("127.0.0.1", starttls_server.port, "starttls", USER, PASSWORD, 5, certificate[0])
        assert SmtpSender(config).send_batch([letter()])[0].result == "sent"
        assert len(starttls_server.handler.to("anna@ystad.test")) == 1

    @pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # see tls_server
    def test_implicit_tls_with_a_login_delivers(self, tls_server, certificate):
        config = SmtpConfig("127.0.0.1", tls_server.port, "tls", USER, PASSWORD, 5, certificate[0])
        [outcome] = SmtpSender(config).send_batch([letter()])
        assert outcome.result == "sent", outcome.error
        assert len(tls_server.handler.to("anna@ystad.test")) == 1

    def test_a_certificate_nobody_vouches_for_is_refused_and_kept_for_later(self, starttls_server):
        config = SmtpConfig("127.0.0.1", starttls_server.port, "starttls", USER, PASSWORD, 5)
        [outcome] = SmtpSender(config).send_batch([letter()])
        assert outcome.result == "retry" and "CERTIFICATE_VERIFY_FAILED" in outcome.error
        assert starttls_server.handler.received == []

    def test_a_wrong_password_sends_nothing_and_is_kept_for_later(self, starttls_server, certificate):
        config = SmtpConfig("127.0.0.1", starttls_server.port, "starttls", USER, "wrong", 2, certificate[0])
        [outcome] = SmtpSender(config).send_batch([letter()])
        assert outcome.result == "retry" and outcome.error.startswith("connect:")
        assert starttls_server.handler.received == []
