"""`prod_check` lists each production requirement and fails when one is not met."""

from __future__ import annotations

import datetime as dt
import io
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.management import CommandError, call_command
from django.test import override_settings

from paspor.operations import prod_check

pytestmark = pytest.mark.django_db
STRONG_KEY = "k9$Qz!v7Lm2#pX4wR8tY6uI0oP3aS5dF1gH7jK9lZ2xC4vB6nM8qW0eR"
SMTP = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {}}}


def smtp(port: int) -> dict[str, dict[str, object]]:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port},
        }
    }


@pytest.fixture
def smtp_port() -> Iterator[int]:
    """A mail server on loopback that greets, answers EHLO and says goodbye."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as lines:
                conn.sendall(b"220 mail.imigrasi.go.id ESMTP\r\n")
                for line in lines:
                    if line.upper().startswith(b"QUIT"):
                        conn.sendall(b"221 bye\r\n")
                        break
                    conn.sendall(b"250 mail.imigrasi.go.id\r\n")

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()


def closed_port() -> int:
    """A loopback port where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run() -> tuple[str, bool]:
    out = io.StringIO()
    try:
        call_command("prod_check", stdout=out)
    except CommandError:
        return out.getvalue(), False
    return out.getvalue(), True


def test_a_development_environment_fails_with_a_list_in_indonesian_first() -> None:
    output, passed = run()
    assert not passed
    assert "[GAGAL] E-mail terkirim sungguhan / real e-mail backend" in output  # locmem
    assert "[GAGAL] Berkas statis sudah dikumpulkan" in output
    lines = [line for line in output.splitlines() if line.startswith("[")]
    assert len(lines) == len(prod_check.CHECKS)


@override_settings(SECRET_KEY="short-and-plain-but-32-characters!!")
def test_a_short_secret_key_fails() -> None:
    assert not prod_check.check_secret_key().ok


@override_settings(SECRET_KEY=STRONG_KEY)
def test_a_long_random_secret_key_passes() -> None:
    assert prod_check.check_secret_key().ok


@override_settings(DEBUG=True)
def test_debug_on_fails() -> None:
    assert not prod_check.check_debug().ok


@override_settings(ALLOWED_HOSTS=["*"])
def test_a_wildcard_host_fails() -> None:
    assert not prod_check.check_allowed_hosts().ok


@override_settings(ALLOWED_HOSTS=["paspor.imigrasi.go.id"])
def test_a_named_host_passes() -> None:
    assert prod_check.check_allowed_hosts().ok


def test_the_console_mailer_fails_and_smtp_passes() -> None:
    console = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    with override_settings(MAILERS=console):
        assert not prod_check.check_email().ok
    with override_settings(MAILERS=SMTP):
        assert prod_check.check_email().ok


def test_an_smtp_server_that_does_not_answer_fails_naming_host_and_port() -> None:
    port = closed_port()
    with override_settings(MAILERS=smtp(port)):
        result = prod_check.check_smtp()
    assert not result.ok
    assert f"127.0.0.1:{port}" in result.detail
    assert "ConnectionRefusedError" in result.detail


def test_an_smtp_server_that_greets_passes(smtp_port: int) -> None:
    with override_settings(MAILERS=smtp(smtp_port)):
        assert prod_check.check_smtp().ok


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, written into ``directory``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def smtps_port(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A mail server on loopback that speaks TLS from the first byte (port 465 style), with a
    certificate the client is made to trust."""
    cert_path, key_path = self_signed(tmp_path)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert_path, key_path)
    trusting = ssl.create_default_context(cafile=str(cert_path))
    monkeypatch.setattr(ssl, "create_default_context", lambda *args, **kwargs: trusting)
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                raw, _ = listener.accept()
            except OSError:
                return
            try:
                with server_context.wrap_socket(raw, server_side=True) as conn:
                    conn.sendall(b"220 mail.imigrasi.go.id ESMTP\r\n")
                    while data := conn.recv(1024):
                        conn.sendall(
                            b"221 bye\r\n" if data.upper().startswith(b"QUIT") else b"250 ok\r\n"
                        )
            except (OSError, ssl.SSLError):
                raw.close()

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()


def test_an_implicit_tls_server_passes_when_the_mailer_uses_ssl(smtps_port: int) -> None:
    """EMAIL_USE_SSL (port 465): the check speaks TLS first, as the mailer does."""
    mailers = smtp(smtps_port)
    mailers["default"]["OPTIONS"] = {"host": "127.0.0.1", "port": smtps_port, "use_ssl": True}
    with override_settings(MAILERS=mailers):
        result = prod_check.check_smtp()
    assert result.ok, result.detail


def test_a_plain_server_fails_when_the_mailer_expects_implicit_tls(smtp_port: int) -> None:
    mailers = smtp(smtp_port)
    mailers["default"]["OPTIONS"] = {"host": "127.0.0.1", "port": smtp_port, "use_ssl": True}
    with override_settings(MAILERS=mailers):
        result = prod_check.check_smtp()
    assert not result.ok
    assert f"127.0.0.1:{smtp_port}" in result.detail


def test_a_server_without_starttls_fails_when_the_mailer_asks_for_it(smtp_port: int) -> None:
    """EMAIL_USE_TLS: a server that does not offer STARTTLS is found now, not at the first
    message."""
    mailers = smtp(smtp_port)
    mailers["default"]["OPTIONS"] = {"host": "127.0.0.1", "port": smtp_port, "use_tls": True}
    with override_settings(MAILERS=mailers):
        result = prod_check.check_smtp()
    assert not result.ok
    assert "STARTTLS" in result.detail


def test_the_smtp_check_does_not_apply_to_other_backends() -> None:
    assert prod_check.check_smtp().ok  # locmem under tests: check_email is the one that fails


def test_an_empty_data_key_ring_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """`PASPOR_DATA_KEYS=` would have each machine generate its own key into var/."""
    monkeypatch.setenv("PASPOR_DATA_KEYS", "")
    assert not prod_check.check_data_keys().ok
    monkeypatch.delenv("PASPOR_DATA_KEYS")
    assert not prod_check.check_data_keys().ok
    monkeypatch.setenv("PASPOR_DATA_KEYS", "2027a:" + "A" * 43 + "=")
    assert prod_check.check_data_keys().ok


def test_the_bank_simulator_must_be_off() -> None:
    with override_settings(PAYMENT_SIMULATOR_ENABLED=True):
        assert not prod_check.check_payment_simulator().ok
    with override_settings(PAYMENT_SIMULATOR_ENABLED=False):
        assert prod_check.check_payment_simulator().ok


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://paspor.imigrasi.go.id", True),
        ("http://paspor.imigrasi.go.id", False),
        ("http://127.0.0.1:8000", False),
        ("https://localhost", False),
        ("paspor.imigrasi.go.id", False),
    ],
)
def test_links_in_messages_must_point_at_the_public_https_address(url: str, ok: bool) -> None:
    with override_settings(PASPOR_PUBLIC_URL=url):
        assert prod_check.check_public_url().ok is ok


@pytest.mark.parametrize("value", ["on", "true", "1", "yes"])
def test_trusting_x_forwarded_for_must_be_read_as_written(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each spelling the other on/off variables accept must turn the proxy's header on for the
    rate limits too; where it does not, the check names the value instead of passing."""
    from paspor.lib.ratelimit import trust_forwarded_for

    monkeypatch.setenv("BOOKING_TRUST_X_FORWARDED_FOR", value)
    with override_settings(BOOKING_TRUST_X_FORWARDED_FOR=False):
        result = prod_check.check_forwarded_for()
        assert result.ok is trust_forwarded_for()
    if not result.ok:
        assert f"BOOKING_TRUST_X_FORWARDED_FOR={value!r}" in result.detail


def test_not_trusting_x_forwarded_for_passes_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOOKING_TRUST_X_FORWARDED_FOR", raising=False)
    with override_settings(BOOKING_TRUST_X_FORWARDED_FOR=False):
        result = prod_check.check_forwarded_for()
    assert result.ok
    assert result.detail == "REMOTE_ADDR"


def test_a_malformed_x_forwarded_for_value_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOOKING_TRUST_X_FORWARDED_FOR", "kadang")
    with override_settings(BOOKING_TRUST_X_FORWARDED_FOR=False):
        result = prod_check.check_forwarded_for()
    assert not result.ok
    assert "BOOKING_TRUST_X_FORWARDED_FOR" in result.detail


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BOOKING_RATE_BOOK_IP", "60"),
        ("BOOKING_NO_SHOW_BLOCK_DAYS", "tiga puluh"),
        ("PASPOR_RETENTION_DAYS", "7"),
        ("ISSUANCE_EXPIRY_RULE", "kemarin"),
        ("PASPOR_PHOTO_BRIGHTNESS_MIN", "terang"),
    ],
)
def test_a_malformed_app_setting_fails_before_any_request_needs_it(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert prod_check.check_app_settings().ok
    monkeypatch.setenv(name, value)
    result = prod_check.check_app_settings()
    assert not result.ok
    assert name in result.detail


def test_migrations_applied_on_the_test_database() -> None:
    assert prod_check.check_database_ready().ok


def test_the_database_engine_must_be_postgresql(settings: object) -> None:
    from django.db import connection

    assert prod_check.check_database_engine().ok == (connection.vendor == "postgresql")


def test_redis_unreachable_fails_and_absent_is_fine() -> None:
    with override_settings(REDIS_URL=""):
        assert prod_check.check_redis().ok
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        result = prod_check.check_redis()
    assert not result.ok
    assert "Error" in result.detail


def test_static_files_pass_once_collected(tmp_path: Path) -> None:
    with override_settings(STATIC_ROOT=tmp_path):
        assert not prod_check.check_static().ok
        (tmp_path / "staticfiles.json").write_text("{}")
        assert prod_check.check_static().ok


def test_a_ready_environment_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp_port: int
) -> None:
    """Everything a production host provides, with the database checks taken as met (the
    PostgreSQL run checks them for real)."""
    (tmp_path / "staticfiles.json").write_text("{}")
    # Browser tests earlier in the run set it; `check --deploy` rightly refuses it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    monkeypatch.setenv("PASPOR_DATA_KEYS", "2027a:" + "A" * 43 + "=")
    monkeypatch.setenv("BOOKING_TRUST_X_FORWARDED_FOR", "true")
    postgres = prod_check.CheckResult("basis data / database", True)
    checks = [c for c in prod_check.CHECKS if c is not prod_check.check_database_engine]
    monkeypatch.setattr(prod_check, "CHECKS", (lambda: postgres, *checks))
    with override_settings(
        SECRET_KEY=STRONG_KEY,
        DEBUG=False,
        ALLOWED_HOSTS=["paspor.imigrasi.go.id"],
        MAILERS=smtp(smtp_port),
        PAYMENT_SIMULATOR_ENABLED=False,
        PASPOR_PUBLIC_URL="https://paspor.imigrasi.go.id",
        REDIS_URL="",
        STATIC_ROOT=tmp_path,
        SECURE_SSL_REDIRECT=True,
        SECURE_HSTS_SECONDS=31536000,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_HSTS_PRELOAD=True,
        SESSION_COOKIE_SECURE=True,
        CSRF_COOKIE_SECURE=True,
    ):
        output, passed = run()
    assert passed, output
    assert "Siap produksi" in output
