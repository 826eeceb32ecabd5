"""What `manage.py prod_check` (and `make prod-check`) verifies before a production start.

Each check returns one line: Indonesian first, English after the slash, then the detail.
"""

from __future__ import annotations

import os
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks as django_checks
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from paspor.lib.env import ConfigError, env_bool

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


def check_smtp() -> CheckResult:
    """The SMTP server answers as the mailer will talk to it — implicit TLS on port 465, STARTTLS,
    the login — so a wrong host, port, TLS setting or password is found now, not by the outbox
    retrying every message (docs/notifications.md)."""
    label = "Server SMTP menjawab / SMTP server answers"
    mailer: dict[str, Any] = dict(settings.MAILERS["default"])
    if not str(mailer["BACKEND"]).endswith("smtp.EmailBackend"):
        return CheckResult(label, True, "tidak dipakai / not SMTP")
    options = {**mailer.get("OPTIONS", {}), "timeout": 5}
    backend = SmtpBackend(alias="default", **options)
    where = f"{backend.host}:{backend.port}"
    try:
        backend.open()
    except (OSError, smtplib.SMTPException) as exc:
        return CheckResult(label, False, f"{where} — {type(exc).__name__}: {exc}")
    finally:
        backend.close()
    return CheckResult(label, True, where)


def check_data_keys() -> CheckResult:
    """The key ring comes from the environment: an empty value makes each machine generate
    its own key into PASPOR_VAR_DIR, which no other machine and no backup has."""
    given = bool(os.environ.get("PASPOR_DATA_KEYS", "").strip())
    return CheckResult(
        "Kunci data dari lingkungan / PASPOR_DATA_KEYS set",
        given,
        "" if given else "isi dengan / fill with: manage.py data_keys_new ID",
    )


def check_payment_simulator() -> CheckResult:
    on = bool(settings.PAYMENT_SIMULATOR_ENABLED)
    return CheckResult(
        "Simulator bank mati / bank simulator off",
        not on,
        "PAYMENT_SIMULATOR_ENABLED=off" if on else "",
    )


def check_public_url() -> CheckResult:
    """Links in e-mails, QR codes and PDFs point at the public HTTPS address."""
    url = str(settings.PASPOR_PUBLIC_URL)
    parts = urlsplit(url)
    host = parts.hostname or ""
    ok = parts.scheme == "https" and host not in {"", "localhost", "127.0.0.1", "::1"}
    return CheckResult("PASPOR_PUBLIC_URL alamat HTTPS publik / public HTTPS address", ok, url)


def check_forwarded_for() -> CheckResult:
    """BOOKING_TRUST_X_FORWARDED_FOR is read by the rate limits as it is written.

    Behind nginx the limits and the sign-in lockout must count the applicant's address, not the
    proxy's; a value the rate limits read otherwise than the other on/off variables would make
    every applicant of the country share one address's limits.
    """
    from paspor.lib.ratelimit import trust_forwarded_for

    label = "Alamat klien di balik proxy / client address behind the proxy"
    raw = os.environ.get("BOOKING_TRUST_X_FORWARDED_FOR")
    try:
        meant = env_bool("BOOKING_TRUST_X_FORWARDED_FOR", False)
    except ConfigError as exc:
        return CheckResult(label, False, str(exc))
    read = trust_forwarded_for()
    if meant != read:
        said = "aktif / on" if read else "mati / off"
        return CheckResult(label, False, f"BOOKING_TRUST_X_FORWARDED_FOR={raw!r} dibaca {said}")
    return CheckResult(label, True, "X-Forwarded-For" if read else "REMOTE_ADDR")


def check_app_settings() -> CheckResult:
    """The apps read their settings when first used; a malformed one is found here instead of
    by the first request or job that needs it."""
    from paspor.booking import conf as booking_conf
    from paspor.cases import conf as cases_conf
    from paspor.issuance.conf import issuance_config

    label = "Pengaturan aplikasi terbaca / app settings readable"
    readers: list[Callable[[], object]] = [
        *(lambda name=name: booking_conf.setting(name) for name in booking_conf.INT_DEFAULTS),
        *(lambda scope=scope: booking_conf.rate(scope) for scope in booking_conf.RATE_DEFAULTS),
        cases_conf.defer_days,
        cases_conf.scan_max_bytes,
        cases_conf.travel_ban_threshold,
        cases_conf.fingerprint_max_nfiq,
        cases_conf.fingerprint_device,
        cases_conf.retention_days,
        cases_conf.photo_thresholds,
        cases_conf.negligence_suspension_months,
        issuance_config,
    ]
    problems = []
    for read in readers:
        try:
            read()
        except (ConfigError, ValueError, TypeError) as exc:
            problems.append(str(exc))
    return CheckResult(label, not problems, "; ".join(problems[:5]))


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
    check_smtp,
    check_data_keys,
    check_payment_simulator,
    check_public_url,
    check_forwarded_for,
    check_app_settings,
    check_static,
    check_deploy,
)


def prod_check_run() -> list[CheckResult]:
    return [check() for check in CHECKS]
