"""Outbox and status-lookup throughput, in process, on the database of DATABASE_URL.

Usage: DATABASE_URL=sqlite:///var/bench-notify.sqlite3 .venv/bin/python bench/notify_outbox.py
Creates its own rows (migrating first), sends through the in-memory mailer, prints figures,
and stops by itself (bounded counts). Never points at a shared database: it deletes its rows.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paspor.settings")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

MESSAGES = 2000
LOOKUPS = 500


def main() -> None:
    call_command("migrate", verbosity=0)
    from django.core.cache import cache

    from paspor.notifications.models import Message
    from paspor.notifications.sending import outbox_flush
    from paspor.notifications.services import notify
    from paspor.notifications.status import PER_CODE, PER_IP, status_lookup

    Message.objects.filter(dedupe_key__startswith="bench:").delete()
    started = time.perf_counter()
    with transaction.atomic():
        for number in range(MESSAGES):
            notify(
                to_address=f"b{number}@example.com",
                template="payment_received",
                context={"case_code": "BENCH", "name": "B", "due_date": "2026-03-27"},
                dedupe_key=f"bench:{number}",
            )
    written = time.perf_counter() - started
    # The on-commit task already sent them in this process's immediate backend when configured
    # so; make them due again and measure the flush loop alone.
    Message.objects.filter(dedupe_key__startswith="bench:").update(status="pending", attempts=0)
    started = time.perf_counter()
    result = outbox_flush(limit=MESSAGES)
    flushed = time.perf_counter() - started
    cache.clear()
    started = time.perf_counter()
    for number in range(LOOKUPS):
        cache.clear()  # measure the lookup, not the limiter refusing
        status_lookup(code=f"NOPE{number}", birth_date=dt.date(1990, 1, 1), ip="127.0.0.1")
    looked = time.perf_counter() - started
    Message.objects.filter(dedupe_key__startswith="bench:").delete()
    print(f"database: {connection.vendor}")
    print(f"notify (write outbox rows): {MESSAGES / written:,.0f} messages/s")
    print(f"outbox_flush (claim + render + send): {result.sent / flushed:,.0f} messages/s")
    print(f"status_lookup (miss, limits checked): {LOOKUPS / looked:,.0f} lookups/s")
    print(
        f"limits: {PER_IP.limit}/{PER_IP.seconds}s per IP, {PER_CODE.limit}/{PER_CODE.seconds}s per code"
    )


if __name__ == "__main__":
    main()
