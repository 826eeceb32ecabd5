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


def test_a_line_of_djangos_loggers_is_printed_once_in_development(tmp_path: Path) -> None:
    script = "import logging; logging.getLogger('django.tasks').info('Task id=t1 state=RUNNING')"
    result = _manage(
        "shell",
        "-c",
        script,
        tmp_path=tmp_path,
        PASPOR_ENV="development",
        DEBUG="1",
        EMAIL_BACKEND="",
        PASPOR_DATA_KEYS="",
    )
    assert result.returncode == 0, result.stderr
    printed = (result.stdout + result.stderr).splitlines()
    assert [line for line in printed if "t1" in line] == [
        "INFO django.tasks: Task id=t1 state=RUNNING"
    ]


def test_an_unknown_log_level_is_refused_by_name(tmp_path: Path) -> None:
    result = _manage(
        "check", tmp_path=tmp_path, SECRET_KEY=secrets.token_urlsafe(50), LOG_LEVEL="x"
    )
    assert result.returncode != 0
    assert "LOG_LEVEL" in result.stderr


def _printed(script: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return _manage(
        "shell", "-c", script, tmp_path=tmp_path, SECRET_KEY=secrets.token_urlsafe(50), **env
    )


def test_the_smtp_connection_has_a_timeout_and_implicit_tls_a_variable(tmp_path: Path) -> None:
    script = "from django.conf import settings as s; o = s.MAILERS['default']['OPTIONS'];"
    script += "print(o['timeout'], o['use_ssl'], o['use_tls'])"
    default = _printed(script, tmp_path)
    assert default.stdout.splitlines()[-1].split() == ["10", "False", "False"], default.stderr
    chosen = _printed(script, tmp_path, EMAIL_TIMEOUT="4", EMAIL_USE_SSL="on", EMAIL_PORT="465")
    assert chosen.stdout.splitlines()[-1].split() == ["4", "True", "False"], chosen.stderr


def test_starttls_and_implicit_tls_together_stop_the_start(tmp_path: Path) -> None:
    result = _manage("check", tmp_path=tmp_path, SECRET_KEY=secrets.token_urlsafe(50),
                     EMAIL_USE_TLS="on", EMAIL_USE_SSL="on")  # fmt: skip
    assert result.returncode != 0
    assert "EMAIL_USE_TLS, EMAIL_USE_SSL" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_time_zone_stops_the_start_with_one_line(tmp_path: Path) -> None:
    result = _manage("check", tmp_path=tmp_path, SECRET_KEY=secrets.token_urlsafe(50),
                     TIME_ZONE="Asia/Jakrta")  # fmt: skip
    assert result.returncode != 0
    assert "TIME_ZONE: unknown time zone 'Asia/Jakrta'" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_an_empty_data_key_ring_instead_of_making_one(tmp_path: Path) -> None:
    # `_manage` leaves out variables set to "": the ring is given, but as an empty value.
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            **{k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ},
            "PASPOR_ENV": "production",
            "PASPOR_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "ALLOWED_HOSTS": "paspor.imigrasi.go.id",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "PASPOR_DATA_KEYS": "",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "PASPOR_DATA_KEYS" in result.stderr
    assert not (tmp_path / "data_keys").exists()


def test_a_malformed_forwarded_for_switch_stops_the_start(tmp_path: Path) -> None:
    result = _manage("check", tmp_path=tmp_path, SECRET_KEY=secrets.token_urlsafe(50),
                     BOOKING_TRUST_X_FORWARDED_FOR="kadang")  # fmt: skip
    assert result.returncode != 0
    assert "BOOKING_TRUST_X_FORWARDED_FOR" in result.stderr
