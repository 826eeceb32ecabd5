"""Printing throughput: booklet allocation under concurrent printers.

Usage:
    DATABASE_URL=sqlite:///var/bench-issuance.sqlite3 .venv/bin/python bench/issuance_print.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/p_issuance_bench .venv/bin/python bench/issuance_print.py

Builds a throwaway database (the one DATABASE_URL names is wiped and migrated), receives a
delivery of booklets, and lets 1 and then 4 printer threads start and confirm printing of paid
cases, bounded in count and time. Prints cases per second and checks no booklet went twice.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paspor.settings")
os.environ.setdefault("PASPOR_ENV", "test")

CASES_PER_RUN = 200
TIME_LIMIT_SECONDS = 60


def _prepare_database() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    elif url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        raise SystemExit("Set DATABASE_URL to a throwaway sqlite:/// or postgres:// database")


def main() -> None:
    _prepare_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    call_command("migrate", verbosity=0)
    from paspor.accounts.models import Role, User
    from paspor.accounts.services import staff_assign
    from paspor.cases.models import Case, CaseStatus
    from paspor.issuance.models import Booklet, BookletKind, Passport
    from paspor.issuance.services import booklet_delivery_receive, print_confirm, print_start
    from paspor.offices.models import Office

    office = Office.objects.create(
        code="bench", name="Kantor Bench", address="-", city="-", province="-"
    )
    printers = []
    for n in range(4):
        user = User.objects.create_user(username=f"cetak{n}", password="x-bench-only")
        staff_assign(user=user, office=office, role=Role.PRINT_QC, by=None)
        printers.append(user)
    booklet_delivery_receive(
        office=office,
        kind=BookletKind.ELECTRONIC,
        document_number="BENCH-1",
        received_on=dt.date(2026, 1, 2),
        first_number="C1000001",
        last_number=f"C{1000000 + 2 * CASES_PER_RUN + 10}",
        by=printers[0],
    )

    def make_cases(tag: str) -> list[Case]:
        return [
            Case.objects.create(
                office=office,
                opened_by=printers[0],
                nik=f"6104010101{n:06d}",
                full_name=f"Pemohon {tag} Nomor",
                sex="F",
                birth_date=dt.date(1990, 1, 1),
                birth_place="Ketapang",
                application_type="new_adult",
                status=CaseStatus.PAID,
                due_date=dt.date(2026, 1, 8),
            )
            for n in range(CASES_PER_RUN)
        ]

    def run(threads: int, cases: list[Case]) -> tuple[int, float]:
        queue = list(cases)
        lock = threading.Lock()
        done = [0]
        deadline = time.monotonic() + TIME_LIMIT_SECONDS

        def worker(printer: User) -> None:
            try:
                while time.monotonic() < deadline:
                    with lock:
                        if not queue:
                            return
                        case = queue.pop()
                    print_confirm(passport=print_start(case=case, by=printer), by=printer)
                    with lock:
                        done[0] += 1
            finally:
                connections.close_all()

        started = time.monotonic()
        pool = [threading.Thread(target=worker, args=(printers[i],)) for i in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        return done[0], time.monotonic() - started

    print(f"database: {connection.vendor}")
    for threads, tag in ((1, "A"), (4, "B")):
        count, seconds = run(threads, make_cases(tag))
        print(
            f"{threads} printer(s): {count} cases printed in {seconds:.2f} s = {count / seconds:.1f}/s"
        )
    used = Passport.objects.values_list("booklet_id", flat=True)
    assert len(list(used)) == len(set(used)), "a booklet was used twice"
    print(
        f"passports: {Passport.objects.count()}, distinct booklets: {len(set(used))}, "
        f"left in stock: {Booklet.objects.filter(status='in_stock').count()}"
    )


if __name__ == "__main__":
    main()
