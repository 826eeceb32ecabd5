"""What the benchmarks that make their own PostgreSQL database share: the server's admin
connection, and the application's environment on that database (production-like, quiet)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def admin_sql(postgres: str, sql: str) -> None:
    """One statement on the server's `postgres` database (CREATE/DROP DATABASE)."""
    import psycopg

    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def environment(postgres: str, db_name: str) -> dict[str, str]:
    """The application's settings for a run on `db_name`: no debug, no e-mail, no Redis."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "paspor.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"{postgres}/{db_name}",
        "DEBUG": "0",
        "PASPOR_ENV": "development",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "LOG_LEVEL": "ERROR",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    env.pop("PYTEST_VERSION", None)
    env.pop("REDIS_URL", None)
    return env
