"""`prod_check` lists each production requirement and fails when one is not met."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from paspor.operations import prod_check

pytestmark = pytest.mark.django_db
STRONG_KEY = "k9$Qz!v7Lm2#pX4wR8tY6uI0oP3aS5dF1gH7jK9lZ2xC4vB6nM8qW0eR"
SMTP = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {}}}


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


def test_a_ready_environment_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Everything a production host provides, with the database checks taken as met (the
    PostgreSQL run checks them for real)."""
    (tmp_path / "staticfiles.json").write_text("{}")
    # Browser tests earlier in the run set it; `check --deploy` rightly refuses it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    postgres = prod_check.CheckResult("basis data / database", True)
    checks = [c for c in prod_check.CHECKS if c is not prod_check.check_database_engine]
    monkeypatch.setattr(prod_check, "CHECKS", (lambda: postgres, *checks))
    with override_settings(
        SECRET_KEY=STRONG_KEY,
        DEBUG=False,
        ALLOWED_HOSTS=["paspor.imigrasi.go.id"],
        MAILERS=SMTP,
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
