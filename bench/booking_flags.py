"""The booking review's flags at national size: the periodic count, and what the pages pay.

Creates its own PostgreSQL database (`paspor_bench_flags`, on 127.0.0.1, dropped at the end),
migrates it, and fills it with SQL (`generate_series`) with `--offices` offices and `--bookings`
bookings over the last 60 days, half of them inside the review's 30-day window. Each booking has
its own NIK. Ordinary devices and IP addresses book for two NIKs, ordinary accounts for three;
every 500th booking comes from one of `--brokers` brokers (a phone, an address and an account
each), spread over all offices: those are the sources to flag.

It then times, median of `--repeat` runs:
- the periodic count (`booking_flags_refresh`): the first run, which creates the flags, and the
  runs after it, which find nothing changed;
- what the review page and the staff home's line read for one office (`office_flags`,
  `flags_waiting`);
- for comparison, the count the review page made for itself before the periodic job (the same
  two-level query per source kind, for one office).

    .venv/bin/python bench/booking_flags.py [--bookings 1000000] [--offices 125] [--brokers 40]
    .venv/bin/python bench/booking_flags.py --keep       # leave the database for EXPLAIN ANALYZE
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_db import admin_sql, environment

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = "paspor_bench_flags"
BROKER_EVERY = 500  # one booking in this many is a broker's


def median_ms(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def fill(offices: int, bookings: int, brokers: int) -> None:
    """Offices by the ORM; accounts, profiles and bookings by SQL from one template row each."""
    import datetime as dt

    from django.db import connection
    from django.utils import timezone

    from paspor.accounts.models import User
    from paspor.booking.models import ApplicantProfile, Booking
    from paspor.offices.models import Office

    Office.objects.bulk_create(
        Office(
            code=f"kantor{n:03d}",
            name=f"Kantor Imigrasi Uji {n:03d}",
            address="Jl. Uji No. 1",
            city=f"Kota Uji {n:03d}",
            province="Kalimantan Barat",
        )
        for n in range(offices)
    )
    first_office = Office.objects.order_by("pk").values_list("pk", flat=True).first()
    template_user = User.objects.create_user("templat", email="templat@example.com")
    template_profile = ApplicantProfile.objects.create(
        account=template_user,
        nik="6104011505900001",
        full_name="Templat",
        sex="M",
        birth_date=dt.date(1990, 5, 15),
        birth_place="Ketapang",
    )
    template = Booking.objects.create(
        code="TEMPLAT0001",
        office_id=first_office,
        profile=template_profile,
        nik="6104011505900001",
        date=timezone.localdate(),
        window_start=dt.time(8),
        window_end=dt.time(10),
        application_type="new_adult",
        status="cancelled",
    )
    accounts = bookings // 3 + brokers
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name,"
            " email, phone, is_staff, is_active, date_joined, email_verified,"
            " password_change_required, session_generation)"
            " SELECT password, false, 'akun' || g, '', '', 'akun' || g || '@example.com', '',"
            " false, true, date_joined, true, false, 0"
            " FROM accounts_user, generate_series(1, %s) g WHERE id = %s",
            [accounts, template_user.pk],
        )
        cursor.execute("SELECT min(id) FROM accounts_user WHERE username LIKE 'akun%%'")
        (first_account,) = cursor.fetchone()
        # One profile (and NIK) per booking: profile g belongs to account g / 3, a broker's to
        # one of the broker accounts at the end.
        cursor.execute(
            "INSERT INTO booking_applicantprofile (account_id, nik, full_name, sex, birth_date,"
            " birth_place, phone, created_at, public_id, nik_flags)"
            " SELECT %(first)s + CASE WHEN g %% %(every)s = 0"
            "   THEN %(plain)s + (g / %(every)s) %% %(brokers)s ELSE g / 3 END,"
            " 'nik-' || g, 'Pemohon ' || g, 'M', birth_date, birth_place, '', now(),"
            " gen_random_uuid(), '[]'::jsonb"
            " FROM booking_applicantprofile, generate_series(1, %(n)s) g WHERE id = %(tpl)s",
            {
                "first": first_account,
                "every": BROKER_EVERY,
                "plain": bookings // 3,
                "brokers": brokers,
                "n": bookings,
                "tpl": template_profile.pk,
            },
        )
        cursor.execute(
            "SELECT min(id) FROM booking_applicantprofile WHERE full_name LIKE 'Pemohon %%'"
        )
        (first_profile,) = cursor.fetchone()
        # Booking g: profile g, an office by g (a broker's move on from office to office),
        # made g * 60 days / n ago; from an ordinary
        # phone and address shared by two NIKs, or from a broker's.
        cursor.execute(
            "INSERT INTO booking_booking (code, office_id, profile_id, nik, date, window_start,"
            " window_end, pool, application_type, passport_kind, status, checked_in_at,"
            " created_at, session_id, account_id, via, answers, nik_flags, reschedule_count,"
            " cancelled_at, invalid_reason, client_ip, device)"
            " SELECT 'B' || lpad(g::text, 10, '0'), %(office)s + (g + g / %(every)s) %% %(offices)s,"
            " %(profile)s + g - 1, 'nik-' || g, date, window_start, window_end, pool,"
            " application_type, passport_kind, 'cancelled', NULL,"
            " now() - (g * interval '60 days') / %(n)s, NULL,"
            " %(first)s + CASE WHEN g %% %(every)s = 0"
            "   THEN %(plain)s + (g / %(every)s) %% %(brokers)s ELSE g / 3 END,"
            " via, '{}'::jsonb, '[]'::jsonb, 0, NULL, '',"
            " CASE WHEN g %% %(every)s = 0"
            "   THEN ('203.0.113.' || (g / %(every)s) %% %(brokers)s)::inet"
            "   ELSE ('10.0.0.0'::inet + g / 2) END,"
            " CASE WHEN g %% %(every)s = 0 THEN 'calo-' || (g / %(every)s) %% %(brokers)s"
            "   ELSE 'ponsel-' || g / 2 END"
            " FROM booking_booking, generate_series(1, %(n)s) g WHERE id = %(tpl)s",
            {
                "office": first_office,
                "offices": offices,
                "profile": first_profile,
                "n": bookings,
                "first": first_account,
                "every": BROKER_EVERY,
                "plain": bookings // 3,
                "brokers": brokers,
                "tpl": template.pk,
            },
        )
        cursor.execute("DELETE FROM booking_booking WHERE id = %s", [template.pk])
        cursor.execute("ANALYZE")


def former_page_count(office: Any) -> int:
    """The review page's own count before the periodic job: per kind, the sources that booked at
    this office in the window, counted over every office's bookings of the window."""
    from django.db.models import Count

    from paspor.booking.models import Booking
    from paspor.booking.selectors import FLAG_SOURCES, flag_window_start

    recent = Booking.objects.filter(created_at__gte=flag_window_start())
    here = recent.filter(office=office)
    found = 0
    for column in FLAG_SOURCES.values():
        idents = here.exclude(**{f"{column}__isnull": True})
        if column != "client_ip":
            idents = idents.exclude(**{column: ""})
        rows = (
            recent.filter(**{f"{column}__in": idents.values(column)})
            .values(column)
            .annotate(niks=Count("nik", distinct=True))
            .filter(niks__gte=6)
        )
        found += len(rows)
    return found


def measure(repeat: int) -> list[tuple[str, float, str]]:
    from paspor.booking.models import BookingFlag
    from paspor.booking.selectors import flags_waiting, office_flags
    from paspor.booking.services import booking_flags_refresh
    from paspor.offices.models import Office

    office = Office.objects.order_by("pk").first()
    assert office is not None
    rows = []
    first, flagged = median_ms(booking_flags_refresh, 1)
    rows.append(("periodic count, first run (creates the flags)", first, f"{flagged} flags"))
    again, flagged = median_ms(booking_flags_refresh, repeat)
    rows.append(("periodic count, nothing changed", again, f"{flagged} flags"))
    page, flags = median_ms(lambda: list(office_flags(office)), repeat)
    rows.append(("review page: the office's flags", page, f"{len(flags)} rows"))
    line, waiting = median_ms(lambda: flags_waiting(office), repeat)
    rows.append(("staff home: the line's count", line, f"{waiting} waiting"))
    former, found = median_ms(lambda: former_page_count(office), repeat)
    rows.append(("former: the review page counting for itself", former, f"{found} flags"))
    assert found == len(flags), (found, len(flags))
    assert BookingFlag.objects.filter(office=office).count() == len(flags)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--offices", type=int, default=125)
    parser.add_argument("--brokers", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
    )
    args = parser.parse_args()
    env = environment(args.postgres, DB_NAME)
    admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(args.postgres, f"CREATE DATABASE {DB_NAME}")
    try:
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
        )
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        started = time.perf_counter()
        fill(args.offices, args.bookings, args.brokers)
        print(
            f"{args.bookings:,} bookings at {args.offices} offices over 60 days, "
            f"{args.brokers} brokers; filled in {time.perf_counter() - started:.0f} s "
            f"(PostgreSQL, median of {args.repeat})"
        )
        for label, ms, what in measure(args.repeat):
            print(f"  {label:<48} {ms:>9.1f} ms   {what}")
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME}")


if __name__ == "__main__":
    main()
