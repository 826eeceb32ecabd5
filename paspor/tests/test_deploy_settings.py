"""Production settings: `manage.py check --deploy` is clean, and a missing secret stops the start.

Each check runs `manage.py` in a child process because settings are read once per process.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from paspor.lib.sealing import new_key_text

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # A clean environment: only what a production host would set (no test-run variables).
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    base |= {
        "PASPOR_ENV": "production",
        "PASPOR_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "paspor.imigrasi.go.id",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.imigrasi.go.id",
        "PASPOR_DATA_KEYS": new_key_text("prod1"),
    }
    base |= env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={k: v for k, v in base.items() if v != ""},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = _manage("check", "--deploy", tmp_path=tmp_path, SECRET_KEY=secrets.token_urlsafe(50))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output
    assert "System check identified no issues" in output


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _manage("check", tmp_path=tmp_path, SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_turn_on_https_protections(tmp_path: Path) -> None:
    script = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.DEBUG)"
    )
    result = _manage("shell", "-c", script, tmp_path=tmp_path, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == (
        "True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https') False"
    )


def test_log_level_quiets_djangos_own_warnings_too(tmp_path: Path) -> None:
    script = (
        "import logging;"
        "logging.getLogger('django.request').warning('Conflict: /api/booking/bookings');"
        "logging.getLogger('paspor').error('kept')"
    )
    key = secrets.token_urlsafe(50)
    quiet = _manage("shell", "-c", script, tmp_path=tmp_path, SECRET_KEY=key, LOG_LEVEL="ERROR")
    assert quiet.returncode == 0, quiet.stderr
    assert "Conflict" not in quiet.stderr and "kept" in quiet.stderr
    loud = _manage("shell", "-c", script, tmp_path=tmp_path, SECRET_KEY=key, LOG_LEVEL="INFO")
    assert "Conflict" in loud.stderr


def test_an_unknown_log_level_is_refused_by_name(tmp_path: Path) -> None:
    result = _manage(
        "check", tmp_path=tmp_path, SECRET_KEY=secrets.token_urlsafe(50), LOG_LEVEL="x"
    )
    assert result.returncode != 0
    assert "LOG_LEVEL" in result.stderr
