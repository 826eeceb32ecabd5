"""Dashboard speed on a national data set: 125 offices, 3 million applications in a year.

Creates (drops first) its own PostgreSQL database, migrates it, fills it, then times every
period-dashboard selector for one office-month and for the national month and prints a table.
Targets (docs/performance.md): under 500 ms for an office-month, under 2 s for the national month.

    .venv/bin/python bench/reports.py --scale 0.1          # 300 000 applications
    .venv/bin/python bench/reports.py                      # the full 3 million
    .venv/bin/python bench/reports.py --reuse              # time again without regenerating

The generated year (2026, Monday to Friday, no holidays) — every application has:

* a queue ticket (office, day, sequential number, arrival 08.00–15.00 office time) and two
  station visits (intake, then biometrics; 4 % never answer the intake call and stop there);
* a case (type: 55 % new adult, 15 % child, 20 % replacement, 4 % damaged, 3 % lost, 3 % change
  of data), opened 20 minutes after arrival; 65 % came with a booking (checked in), and for every
  ten bookings one more was a no-show;
* an outcome event: 88 % handed over six days later, 8 % deferred, 4 % rejected (each with one
  of a few reasons); handed-over cases have a bill (passport fee, 10 % with the express fee, lost
  and damaged with their fine), a billing code and an applied payment an hour after opening, a
  due date, and 3 % of them a breach alert with a reason.

Offices are spread over WIB (80), WITA (30) and WIT (15). Rows are written with COPY.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
OFFICES = 125
APPLICATIONS = 3_000_000
YEAR = 2026
TYPES = [
    ("new_adult", 55),
    ("new_child", 15),
    ("replacement", 20),
    ("damaged", 4),
    ("lost", 3),
    ("change_of_data", 3),
]
DEFER_REASONS = ["Kartu keluarga belum dibawa", "Akta lahir tidak terbaca", "Surat nikah kurang"]
REJECT_REASONS = ["Data tidak sesuai", "Dokumen diduga palsu"]
BREACH_REASONS = ["Mesin cetak rusak", "Blanko habis", "Server SIMKIM terganggu", ""]
FEES = {
    "electronic_10": 650_000,
    "express": 1_000_000,
    "fine_lost": 1_000_000,
    "fine_damaged": 500_000,
}


def recreate_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def working_days() -> list[dt.date]:
    day, days = dt.date(YEAR, 1, 1), []
    while day.year == YEAR:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def zone_of(index: int) -> tuple[str, int]:
    if index < 80:
        return "Asia/Jakarta", 7
    if index < 110:
        return "Asia/Makassar", 8
    return "Asia/Jayapura", 9


def setup_reference() -> dict[str, Any]:
    """Offices, stations, services, one officer, fees, a channel — through the ORM."""
    from paspor.accounts.models import User
    from paspor.booking.models import ApplicantProfile
    from paspor.offices.models import Office, OfficeService, Station, StationType
    from paspor.payments.models import Fee, PaymentChannel

    officer = User.objects.create_user(username="bench_officer", password="x-bench-only")
    applicant = User.objects.create_user(username="bench_applicant", password="x-bench-only")
    profile = ApplicantProfile.objects.create(
        account=applicant,
        nik="6104015708900001",
        full_name="Pemohon Uji",
        sex="F",
        birth_date=dt.date(1990, 1, 1),
        birth_place="Ketapang",
    )
    offices = []
    for i in range(OFFICES):
        zone, offset = zone_of(i)
        office = Office.objects.create(
            code=f"kanim-{i:03d}",
            name=f"Kantor Imigrasi {i:03d}",
            address="Jl. Uji",
            city=f"Kota {i}",
            province="Uji",
            time_zone=zone,
        )
        stations = {
            kind: Station.objects.create(office=office, station_type=kind, name=str(kind.label)).pk
            for kind in (StationType.INTAKE, StationType.BIOMETRICS)
        }
        service = OfficeService.objects.create(
            office=office, kind="regular", ticket_prefix="A", route=["intake", "biometrics"]
        )
        offices.append((office.pk, offset, stations, service.pk))
    fees = {
        item: Fee.objects.create(
            item=item, amount=amount, effective_from=dt.date(2020, 1, 1), legal_basis="PP 28/2019"
        ).pk
        for item, amount in FEES.items()
    }
    channel = PaymentChannel.objects.create(code="bank-uji", name="Bank Uji", secret="bench")
    return {
        "officer": officer.pk,
        "profile": profile.pk,
        "offices": offices,
        "fees": fees,
        "channel": channel.pk,
    }


def generate(scale: float, ref: dict[str, Any], seed: int = 7) -> dict[str, int]:
    from django.db import connection

    rng = random.Random(seed)
    days = working_days()
    total = int(APPLICATIONS * scale)
    types = [t for t, weight in TYPES for _ in range(weight)]
    counts: dict[str, int] = {}
    tables: dict[str, tuple[str, list[tuple[Any, ...]]]] = {
        "booking_booking": (
            "id, code, nik, date, window_start, window_end, pool, application_type, "
            "passport_kind, status, checked_in_at, created_at, office_id, profile_id, answers, "
            "device, invalid_reason, nik_flags, reschedule_count, via",
            [],
        ),
        "queueing_ticket": (
            "id, day, prefix, number, holder_name, is_priority, status, arrived_at, booking_id, "
            "office_id, service_id, call_count, step, token",
            [],
        ),
        "queueing_stationvisit": (
            "id, queued_at, first_called_at, started_at, ended_at, outcome, station_id, ticket_id",
            [],
        ),
        "cases_case": (
            "id, code, nik, full_name, sex, birth_date, birth_place, phone, email, "
            "application_type, passport_kind, validity_years, express, status, status_before_hold, "
            "paid_at, due_date, created_at, updated_at, booking_id, office_id, opened_by_id, "
            "ticket_id, deferred_from, deferred_missing, fine_kind, fine_waived_reason, is_married, "
            "nik_warnings, previous_passport_number",
            [],
        ),
        "cases_caseevent": ("id, at, from_status, to_status, kind, reason, data, case_id", []),
        "payments_bill": ("id, uuid, total, fee_date, issued_at, case_id, office_id", []),
        "payments_billitem": (
            "id, position, item, description, amount, legal_basis, bill_id, fee_id",
            [],
        ),
        "payments_billingcode": (
            "id, code, amount, status, issued_at, expires_at, closed_at, bill_id",
            [],
        ),
        "payments_payment": (
            "id, uuid, reference, billing_code_text, amount, ntpn, ntb, method, paid_at, "
            "received_at, source, status, flag_reason, resolution_note, billing_code_id, "
            "office_id, channel_id",
            [],
        ),
        "payments_slaalert": (
            "id, kind, due_date, raised_at, status_at_alert, reason, case_id, office_id",
            [],
        ),
    }
    ids = dict.fromkeys(tables, 0)

    def next_id(table: str) -> int:
        ids[table] += 1
        return ids[table]

    def flush(force: bool = False) -> None:
        """All tables at once, in the order of their foreign keys."""
        with connection.cursor() as wrapper:
            raw = wrapper.cursor
            for table, (columns, rows) in tables.items():
                if rows and force:
                    with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                    counts[table] = counts.get(table, 0) + len(rows)
                    rows.clear()

    def add(table: str, row: tuple[Any, ...]) -> None:
        tables[table][1].append(row)

    offices = ref["offices"]
    for i in range(total):
        office_index = i % OFFICES
        day = days[(i // OFFICES) % len(days)]
        number = i // (OFFICES * len(days)) + 1
        office_id, offset, stations, service_id = offices[office_index]
        tz = dt.timezone(dt.timedelta(hours=offset))
        arrived = dt.datetime.combine(day, dt.time(8), tzinfo=tz) + dt.timedelta(
            minutes=rng.triangular(0, 420, 90)
        )
        booking_id = None
        if rng.random() < 0.65:
            booking_id = next_id("booking_booking")
            row_for_booking = (
                booking_id,
                f"B{booking_id:011d}",
                f"{booking_id:016d}",
                day,
                dt.time(8),
                dt.time(10),
                "regular",
                "new_adult",
                "electronic",
                "checked_in",
                arrived,
                arrived - dt.timedelta(days=7),
                office_id,
                ref["profile"],
                "{}",
                "",
                "",
                "[]",
                0,
                "web",
            )
            add("booking_booking", row_for_booking)
            if rng.random() < 0.1:
                extra = next_id("booking_booking")
                add(
                    "booking_booking",
                    (
                        extra,
                        f"B{extra:011d}",
                        f"{extra:016d}",
                        *row_for_booking[3:9],
                        "no_show",
                        None,
                        *row_for_booking[11:],
                    ),
                )
        ticket_id = next_id("queueing_ticket")
        add(
            "queueing_ticket",
            (
                ticket_id,
                day,
                "A",
                number,
                "",
                False,
                "done",
                arrived,
                booking_id,
                office_id,
                service_id,
                0,
                2,
                f"bench{ticket_id}",
            ),
        )
        called = arrived + dt.timedelta(minutes=rng.expovariate(1 / 12))
        no_show = rng.random() < 0.04
        ended = called + dt.timedelta(minutes=rng.uniform(4, 12))
        add(
            "queueing_stationvisit",
            (
                next_id("queueing_stationvisit"),
                arrived,
                called,
                None if no_show else called,
                called if no_show else ended,
                "no_show" if no_show else "done",
                stations["intake"],
                ticket_id,
            ),
        )
        if no_show:
            continue
        called2 = ended + dt.timedelta(minutes=rng.expovariate(1 / 8))
        ended2 = called2 + dt.timedelta(minutes=rng.uniform(3, 9))
        add(
            "queueing_stationvisit",
            (
                next_id("queueing_stationvisit"),
                ended,
                called2,
                called2,
                ended2,
                "done",
                stations["biometrics"],
                ticket_id,
            ),
        )
        case_id = next_id("cases_case")
        kind = rng.choice(types)
        opened = arrived + dt.timedelta(minutes=20)
        roll = rng.random()
        status = "handed_over" if roll < 0.88 else "deferred" if roll < 0.96 else "rejected"
        express = rng.random() < 0.1
        paid = opened + dt.timedelta(hours=1) if status == "handed_over" else None
        due = day + dt.timedelta(days=5) if paid else None
        add(
            "cases_case",
            (
                case_id,
                f"C{case_id:011d}",
                f"{case_id:016d}",
                "Pemohon Uji",
                "F",
                dt.date(1990, 1, 1),
                "Ketapang",
                "",
                "",
                kind,
                "electronic",
                10,
                express,
                status,
                "",
                paid,
                due,
                opened,
                opened,
                booking_id,
                office_id,
                ref["officer"],
                ticket_id,
                "",
                "",
                "",
                "",
                False,
                "[]",
                "",
            ),
        )
        if status == "handed_over":
            at, reason = opened + dt.timedelta(days=6), ""
        elif status == "deferred":
            at, reason = opened + dt.timedelta(hours=1), rng.choice(DEFER_REASONS)
        else:
            at, reason = opened + dt.timedelta(days=2), rng.choice(REJECT_REASONS)
        add(
            "cases_caseevent",
            (next_id("cases_caseevent"), at, "intake", status, "transition", reason, "{}", case_id),
        )
        if paid is None or due is None:
            continue
        items = [("electronic_10", FEES["electronic_10"])]
        if express:
            items.append(("express", FEES["express"]))
        if kind == "lost":
            items.append(("fine_lost", FEES["fine_lost"]))
        elif kind == "damaged":
            items.append(("fine_damaged", FEES["fine_damaged"]))
        bill_id = next_id("payments_bill")
        amount = sum(a for _item, a in items)
        add(
            "payments_bill",
            (bill_id, uuid.UUID(int=bill_id), amount, day, opened, case_id, office_id),
        )
        for position, (item, value) in enumerate(items, start=1):
            add(
                "payments_billitem",
                (
                    next_id("payments_billitem"),
                    position,
                    item,
                    item,
                    value,
                    "PP 28/2019",
                    bill_id,
                    ref["fees"][item],
                ),
            )
        code_id = next_id("payments_billingcode")
        add(
            "payments_billingcode",
            (
                code_id,
                f"8{code_id:014d}",
                amount,
                "paid",
                opened,
                opened + dt.timedelta(days=1),
                paid,
                bill_id,
            ),
        )
        payment_id = next_id("payments_payment")
        add(
            "payments_payment",
            (
                payment_id,
                uuid.UUID(int=payment_id),
                f"R{payment_id}",
                f"8{code_id:014d}",
                amount,
                f"{payment_id:016d}",
                "",
                "atm",
                paid,
                paid,
                "notification",
                "applied",
                "",
                "",
                code_id,
                office_id,
                ref["channel"],
            ),
        )
        if rng.random() < 0.03:
            add(
                "payments_slaalert",
                (
                    next_id("payments_slaalert"),
                    "breach",
                    due,
                    dt.datetime.combine(due + dt.timedelta(days=1), dt.time(7), tzinfo=tz),
                    "paid",
                    rng.choice(BREACH_REASONS),
                    case_id,
                    office_id,
                ),
            )
        if i % 20_000 == 19_999:
            flush(force=True)
            if i % 200_000 == 199_999:
                print(f"  {i:>9,} / {total:,}", file=sys.stderr, flush=True)
    flush(force=True)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - our names
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        cursor.execute("ANALYZE")
    return counts


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(first, median of the rest) in milliseconds: a cold-ish run, then warm runs."""
    times = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], statistics.median(times[1:])


def measure(repeat: int) -> Iterator[tuple[str, float, float, float, float]]:
    from paspor.offices.models import Office
    from paspor.reports.tables import TABLES

    office = Office.objects.get(code="kanim-000")
    start, end = dt.date(YEAR, 3, 1), dt.date(YEAR, 3, 31)
    for key, build in TABLES.items():
        office_first, office_warm = timed(partial(build, office, start, end), repeat)
        national_first, national_warm = timed(partial(build, None, start, end), repeat)
        yield key, office_first, office_warm, national_first, national_warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 3 million")
    parser.add_argument("--database", default="paspor_bench_reports")
    parser.add_argument("--reuse", action="store_true", help="time the existing data set")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"{PG}/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paspor.settings")
    sys.path.insert(0, str(ROOT))
    if not args.reuse:
        recreate_database(args.database)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True
        )
    import django

    django.setup()
    if not args.reuse:
        started = time.perf_counter()
        counts = generate(args.scale, setup_reference())
        print(f"Generated in {time.perf_counter() - started:.0f} s:")
        for table, n in counts.items():
            print(f"  {table:<24} {n:>11,}")
    print(
        f"\n{'table':<14} {'office 1st':>11} {'office':>9} {'national 1st':>13} {'national':>9}  (ms)"
    )
    for key, of, ow, nf, nw in measure(args.repeat):
        print(f"{key:<14} {of:>11.0f} {ow:>9.0f} {nf:>13.0f} {nw:>9.0f}")


if __name__ == "__main__":
    main()
