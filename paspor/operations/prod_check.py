"""What `manage.py prod_check` (and `make prod-check`) verifies before a production start.

Each check returns one line: Indonesian first, English after the slash, then the detail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import checks as django_checks
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

WEAK_EMAIL_BACKENDS = ("console", "locmem", "dummy", "filebased")


@dataclass(frozen=True)
class CheckResult:
    label: str  # "Indonesian / English"
    ok: bool
    detail: str = ""


def check_secret_key() -> CheckResult:
    key = str(settings.SECRET_KEY)
    weak = len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure")
    detail = "" if not weak else "min. 50 karakter acak / at least 50 random characters"
    return CheckResult("SECRET_KEY diisi dan kuat / set and strong", not weak, detail)


def check_debug() -> CheckResult:
    return CheckResult("DEBUG mati / DEBUG off", not settings.DEBUG)


def check_allowed_hosts() -> CheckResult:
    hosts = list(settings.ALLOWED_HOSTS)
    ok = bool(hosts) and "*" not in hosts
    return CheckResult("ALLOWED_HOSTS diisi / set", ok, ", ".join(hosts) or "kosong / empty")


def check_database_engine() -> CheckResult:
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    return CheckResult(
        "Basis data PostgreSQL / database is PostgreSQL", vendor == "postgresql", vendor
    )


def check_database_ready() -> CheckResult:
    label = "Basis data terhubung, migrasi lengkap / database reachable, migrations applied"
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        return CheckResult(label, False, f"{type(exc).__name__}: {exc}")
    if plan:
        return CheckResult(label, False, f"{len(plan)} migrasi belum dijalankan / unapplied")
    return CheckResult(label, True)


def check_redis() -> CheckResult:
    label = "Redis terhubung / Redis reachable"
    url = str(getattr(settings, "REDIS_URL", ""))
    if not url:
        return CheckResult(label, True, "tidak dipakai / not configured")
    try:
        import redis

        redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping()
    except Exception as exc:
        return CheckResult(label, False, f"{type(exc).__name__}: {exc}")
    return CheckResult(label, True)


def check_email() -> CheckResult:
    backend = str(settings.MAILERS["default"]["BACKEND"])
    weak = any(f".{name}." in backend for name in WEAK_EMAIL_BACKENDS)
    return CheckResult("E-mail terkirim sungguhan / real e-mail backend", not weak, backend)


def check_static() -> CheckResult:
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    return CheckResult(
        "Berkas statis sudah dikumpulkan / static files collected",
        manifest.exists(),
        "" if manifest.exists() else "jalankan / run: manage.py collectstatic",
    )


def check_deploy() -> CheckResult:
    found = [
        message
        for message in django_checks.run_checks(include_deployment_checks=True)
        if message.level >= django_checks.WARNING and not message.is_silenced()
    ]
    detail = "; ".join(f"{m.id}: {m.msg}" for m in found[:5])
    return CheckResult("`check --deploy` bersih / clean", not found, detail)


CHECKS: tuple[Callable[[], CheckResult], ...] = (
    check_secret_key,
    check_debug,
    check_allowed_hosts,
    check_database_engine,
    check_database_ready,
    check_redis,
    check_email,
    check_static,
    check_deploy,
)


def prod_check_run() -> list[CheckResult]:
    return [check() for check in CHECKS]
