"""Dashboard speed on a national data set: 125 offices, 3 million applications in a year.

Creates (drops first) its own PostgreSQL database, migrates it, fills it, then times every
period-dashboard selector for one office-month and for the national month and prints a table.
Targets (docs/performance.md): under 500 ms for an office-month, under 2 s for the national month.

    .venv/bin/python bench/reports.py --scale 0.1          # 300 000 applications
    .venv/bin/python bench/reports.py                      # the full 3 million
    .venv/bin/python bench/reports.py --reuse              # time again without regenerating

Each table is timed reading every day live, then (after a first refresh, itself timed, and a
timed nightly refresh) with the daily summaries of paspor.reports.models.

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

Offices are spread over WIB (80), WITA (30) and WIT (15). The rows are made inside PostgreSQL
(`generate_series` and `random()` with a fixed seed, then one INSERT … SELECT per table). Identity
numbers are written as plain digits: no dashboard reads them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
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


STAGING_SQL = """
CREATE UNLOGGED TABLE bench_app AS
WITH base AS (
    SELECT i,
           i %% {offices} AS office_index,
           (i / {offices}) %% {days} AS day_index,
           i / ({offices} * {days}) + 1 AS number,
           random() AS u_arrive, random() AS u_booked, random() AS u_extra,
           random() AS u_call, random() AS u_noshow, random() AS u_serve,
           random() AS u_call2, random() AS u_serve2, random() AS u_type,
           random() AS u_outcome, random() AS u_express, random() AS u_reason,
           random() AS u_breach
    FROM generate_series(0, %(total)s - 1) AS i
), timed AS (
    SELECT b.*, o.id AS office_id, o.utc_offset, o.intake_id, o.biometrics_id, o.service_id,
           d.day,
           (d.day + time '08:00' - make_interval(hours => o.utc_offset)) AT TIME ZONE 'UTC'
             + make_interval(secs => 60 * CASE
                 WHEN b.u_arrive < 90.0 / 420
                 THEN sqrt(b.u_arrive * 420 * 90)
                 ELSE 420 - sqrt((1 - b.u_arrive) * 420 * 330) END) AS arrived
    FROM base b
    JOIN bench_office o ON o.idx = b.office_index
    JOIN bench_day d ON d.idx = b.day_index
)
SELECT t.*,
       t.u_booked < 0.65 AS booked,
       t.u_booked < 0.65 AND t.u_extra < 0.1 AS extra_no_show,
       t.u_noshow < 0.04 AS visit_no_show,
       t.arrived + make_interval(secs => -720 * ln(1 - t.u_call)) AS called,
       CASE WHEN t.u_type < 0.55 THEN 'new_adult' WHEN t.u_type < 0.70 THEN 'new_child'
            WHEN t.u_type < 0.90 THEN 'replacement' WHEN t.u_type < 0.94 THEN 'damaged'
            WHEN t.u_type < 0.97 THEN 'lost' ELSE 'change_of_data' END AS kind,
       CASE WHEN t.u_outcome < 0.88 THEN 'handed_over' WHEN t.u_outcome < 0.96 THEN 'deferred'
            ELSE 'rejected' END AS status,
       t.u_express < 0.1 AS express,
       t.arrived + interval '20 minutes' AS opened
FROM timed t
"""

# Every table is filled from the staging rows; ids are derived from the row number i so the
# foreign keys line up without look-ups (gaps are fine).
FILL_SQL = [
    """
    INSERT INTO booking_booking (id, code, nik, date, window_start, window_end, pool,
        application_type, passport_kind, status, checked_in_at, created_at, office_id,
        profile_id, answers, device, invalid_reason, nik_flags, reschedule_count, via)
    SELECT i + 1, 'B' || lpad((i + 1)::text, 11, '0'), lpad((i + 1)::text, 16, '0'), day,
           time '08:00', time '10:00', 'regular', 'new_adult', 'electronic', 'checked_in',
           arrived, arrived - interval '7 days', office_id, %(profile)s, '{}'::jsonb, '', '',
           '[]'::jsonb, 0, 'web'
    FROM bench_app WHERE booked
    UNION ALL
    SELECT %(total)s + i + 1, 'N' || lpad((i + 1)::text, 11, '0'),
           lpad((%(total)s + i + 1)::text, 16, '0'), day, time '08:00', time '10:00', 'regular',
           'new_adult', 'electronic', 'no_show', NULL, arrived - interval '7 days', office_id,
           %(profile)s, '{}', '', '', '[]', 0, 'web'
    FROM bench_app WHERE extra_no_show
    """,
    """
    INSERT INTO queueing_ticket (id, day, prefix, number, holder_name, is_priority, status,
        arrived_at, booking_id, office_id, service_id, call_count, step, token)
    SELECT i + 1, day, 'A', number, '', false, 'done', arrived,
           CASE WHEN booked THEN i + 1 END, office_id, service_id, 0, 2, 'bench' || (i + 1)
    FROM bench_app
    """,
    """
    INSERT INTO queueing_stationvisit (id, queued_at, first_called_at, started_at, ended_at,
        outcome, station_id, ticket_id)
    SELECT 2 * i + 1, arrived, called, CASE WHEN NOT visit_no_show THEN called END,
           CASE WHEN visit_no_show THEN called
                ELSE called + make_interval(secs => 60 * (4 + 8 * u_serve)) END,
           CASE WHEN visit_no_show THEN 'no_show' ELSE 'done' END, intake_id, i + 1
    FROM bench_app
    """,
    """
    INSERT INTO queueing_stationvisit (id, queued_at, first_called_at, started_at, ended_at,
        outcome, station_id, ticket_id)
    SELECT 2 * i + 2, e.ended, e.called2, e.called2,
           e.called2 + make_interval(secs => 60 * (3 + 6 * u_serve2)), 'done', biometrics_id,
           i + 1
    FROM (
        SELECT a.*, a.called + make_interval(secs => 60 * (4 + 8 * a.u_serve)) AS ended,
               a.called + make_interval(secs => 60 * (4 + 8 * a.u_serve))
                 + make_interval(secs => -480 * ln(1 - a.u_call2)) AS called2
        FROM bench_app a WHERE NOT a.visit_no_show
    ) e
    """,
    """
    INSERT INTO cases_case (id, code, nik, full_name, sex, birth_date, birth_place, phone, email,
        application_type, passport_kind, validity_years, express, status, status_before_hold,
        paid_at, due_date, created_at, updated_at, booking_id, office_id, opened_by_id,
        ticket_id, deferred_from, deferred_missing, fine_kind, fine_waived_reason, is_married,
        nik_warnings, previous_passport_number)
    SELECT i + 1, 'C' || lpad((i + 1)::text, 11, '0'), lpad((i + 1)::text, 16, '0'),
           'Pemohon Uji', 'F', '1990-01-01', 'Ketapang', '', '', kind, 'electronic', 10,
           express, status, '',
           CASE WHEN status = 'handed_over' THEN opened + interval '1 hour' END,
           CASE WHEN status = 'handed_over' THEN day + 5 END,
           opened, opened, CASE WHEN booked THEN i + 1 END, office_id, %(officer)s, i + 1,
           '', '', '', '', false, '[]', ''
    FROM bench_app WHERE NOT visit_no_show
    """,
    """
    INSERT INTO cases_caseevent (id, at, from_status, to_status, kind, reason, data, case_id)
    SELECT i + 1,
           CASE status WHEN 'handed_over' THEN opened + interval '6 days'
                       WHEN 'deferred' THEN opened + interval '1 hour'
                       ELSE opened + interval '2 days' END,
           'intake', status, 'transition',
           CASE status WHEN 'handed_over' THEN ''
                       WHEN 'deferred' THEN (%(defer)s::text[])[1 + floor(u_reason * 3)::int]
                       ELSE (%(reject)s::text[])[1 + floor(u_reason * 2)::int] END,
           '{}', i + 1
    FROM bench_app WHERE NOT visit_no_show
    """,
    """
    CREATE UNLOGGED TABLE bench_paid AS
    SELECT a.i, a.day, a.office_id, a.opened, a.opened + interval '1 hour' AS paid,
           a.day + 5 AS due, a.u_breach, a.u_reason, a.utc_offset,
           ARRAY['electronic_10']
             || CASE WHEN a.express THEN ARRAY['express'] ELSE ARRAY[]::text[] END
             || CASE a.kind WHEN 'lost' THEN ARRAY['fine_lost']
                            WHEN 'damaged' THEN ARRAY['fine_damaged']
                            ELSE ARRAY[]::text[] END AS items
    FROM bench_app a WHERE NOT a.visit_no_show AND a.status = 'handed_over'
    """,
    """
    INSERT INTO payments_bill (id, uuid, total, fee_date, issued_at, case_id, office_id)
    SELECT p.i + 1, ('00000000-0000-0000-0000-' || lpad(to_hex(p.i + 1), 12, '0'))::uuid,
           (SELECT sum(f.amount) FROM unnest(p.items) AS it JOIN bench_fee f ON f.item = it),
           p.day, p.opened, p.i + 1, p.office_id
    FROM bench_paid p
    """,
    """
    INSERT INTO payments_billitem (id, position, item, description, amount, legal_basis,
        bill_id, fee_id)
    SELECT 4 * p.i + it.position, it.position, it.item, it.item, f.amount, 'PP 28/2019',
           p.i + 1, f.id
    FROM bench_paid p
    CROSS JOIN LATERAL unnest(p.items) WITH ORDINALITY AS it(item, position)
    JOIN bench_fee f ON f.item = it.item
    """,
    """
    INSERT INTO payments_billingcode (id, code, amount, status, issued_at, expires_at,
        closed_at, bill_id)
    SELECT b.id, '8' || lpad(b.id::text, 14, '0'), b.total, 'paid', b.issued_at,
           b.issued_at + interval '1 day', b.issued_at + interval '1 hour', b.id
    FROM payments_bill b
    """,
    """
    INSERT INTO payments_payment (id, uuid, reference, billing_code_text, amount, ntpn, ntb,
        method, paid_at, received_at, source, status, flag_reason, resolution_note,
        billing_code_id, office_id, channel_id)
    SELECT b.id, b.uuid, 'R' || b.id, '8' || lpad(b.id::text, 14, '0'), b.total,
           lpad(b.id::text, 16, '0'), '', 'atm', b.issued_at + interval '1 hour',
           b.issued_at + interval '1 hour', 'notification', 'applied', '', '', b.id,
           b.office_id, %(channel)s
    FROM payments_bill b
    """,
    """
    INSERT INTO payments_slaalert (id, kind, due_date, raised_at, status_at_alert, reason,
        case_id, office_id)
    SELECT p.i + 1, 'breach', p.due,
           (p.due + 1 + time '07:00' - make_interval(hours => p.utc_offset)) AT TIME ZONE 'UTC',
           'paid', (%(breach)s::text[])[1 + floor(p.u_reason * 4)::int], p.i + 1, p.office_id
    FROM bench_paid p WHERE p.u_breach < 0.03
    """,
]


def generate(scale: float, ref: dict[str, Any], seed: float = 0.7) -> dict[str, int]:
    """Fill the tables inside PostgreSQL: one staging row per application (its random draws),
    then one INSERT … SELECT per table. About ten times faster than streaming rows from Python."""
    from django.db import connection

    total = int(APPLICATIONS * scale)
    days = working_days()
    tables = [
        "booking_booking",
        "queueing_ticket",
        "queueing_stationvisit",
        "cases_case",
        "cases_caseevent",
        "payments_bill",
        "payments_billitem",
        "payments_billingcode",
        "payments_payment",
        "payments_slaalert",
    ]
    params = {
        "total": total,
        "profile": ref["profile"],
        "officer": ref["officer"],
        "channel": ref["channel"],
        "defer": DEFER_REASONS,
        "reject": REJECT_REASONS,
        "breach": BREACH_REASONS,
    }
    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 0")  # one stream: setseed holds
        cursor.execute("SELECT setseed(%s)", [seed])
        for name in ("bench_app", "bench_paid", "bench_office", "bench_day", "bench_fee"):
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute(
            "CREATE UNLOGGED TABLE bench_office (idx int, id bigint, utc_offset int, "
            "intake_id bigint, biometrics_id bigint, service_id bigint)"
        )
        for index, (office_id, offset, stations, service_id) in enumerate(ref["offices"]):
            cursor.execute(
                "INSERT INTO bench_office VALUES (%s, %s, %s, %s, %s, %s)",
                [index, office_id, offset, stations["intake"], stations["biometrics"], service_id],
            )
        cursor.execute("CREATE UNLOGGED TABLE bench_day (idx int, day date)")
        cursor.executemany("INSERT INTO bench_day VALUES (%s, %s)", list(enumerate(days)))
        cursor.execute("CREATE UNLOGGED TABLE bench_fee (item text, id bigint, amount bigint)")
        cursor.executemany(
            "INSERT INTO bench_fee VALUES (%s, %s, %s)",
            [(item, fee_id, FEES[item]) for item, fee_id in ref["fees"].items()],
        )
        started = time.perf_counter()
        cursor.execute(STAGING_SQL.format(offices=OFFICES, days=len(days)), params)
        print(f"  staging rows: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        for statement in FILL_SQL:
            started = time.perf_counter()
            cursor.execute(statement, params)
            words = statement.split()
            table = words[words.index("INTO" if "INTO" in words else "TABLE") + 1]
            print(f"  {table}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        for name in ("bench_app", "bench_paid", "bench_office", "bench_day", "bench_fee"):
            cursor.execute(f"DROP TABLE {name}")
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - our names
            counts[table] = cursor.fetchone()[0]
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


def print_timings(title: str, repeat: int) -> None:
    print(f"\n{title}")
    print(
        f"{'table':<14} {'office 1st':>11} {'office':>9} {'national 1st':>13} {'national':>9}  (ms)"
    )
    for key, of, ow, nf, nw in measure(repeat):
        print(f"{key:<14} {of:>11.0f} {ow:>9.0f} {nf:>13.0f} {nw:>9.0f}")


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
    subprocess.run(  # a reused data set gets the migrations added since it was made
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True
    )
    import django

    django.setup()
    from paspor.reports.models import SummaryMark
    from paspor.reports.services import daily_summaries_refresh

    if not args.reuse:
        started = time.perf_counter()
        counts = generate(args.scale, setup_reference())
        print(f"Generated in {time.perf_counter() - started:.0f} s:")
        for table, n in counts.items():
            print(f"  {table:<24} {n:>11,}")
    SummaryMark.objects.all().delete()  # every day read live
    print_timings("Without the daily summaries", args.repeat)
    started = time.perf_counter()
    first = daily_summaries_refresh()
    print(
        f"\nFirst refresh of the daily summaries ({first.start} to {first.through}): "
        f"{time.perf_counter() - started:.1f} s, {first.station_days:,} station days, "
        f"{first.outcome_days:,} outcome days"
    )
    started = time.perf_counter()
    nightly = daily_summaries_refresh()
    print(
        f"A nightly refresh ({nightly.start} to {nightly.through}): "
        f"{time.perf_counter() - started:.1f} s"
    )
    print_timings("With the daily summaries", args.repeat)


if __name__ == "__main__":
    main()
