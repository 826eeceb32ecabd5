"""Staff pages at a busy office's scale: statements and milliseconds per page, per role.

Creates its own PostgreSQL database (`paspor_bench_staff`, on 127.0.0.1, dropped at the end),
migrates it and runs `seed_demo` (the Ketapang office, its staff and a history of its last
working days, made by the services). Then, in one process, it asks every staff page and staff
API read once to warm up and three more times, signed in as the role that uses it, and prints
the statements (`CaptureQueriesContext`) and the median milliseconds of each.

It does that twice: on the demo history as it is, then after multiplying the office's cases
(`--copies`, default 60: each case of the history copied that many times, in its own status,
with its passports and booklets, bill, billing codes and payments, SLA alerts, events and the
log of access to personal data). A page whose statements grow between the two runs reads its
rows one at a time; a page whose time grows with the copies lists more than a person reads.

    .venv/bin/python bench/staff_pages.py [--copies 60] [--repeat 3]
    .venv/bin/python bench/staff_pages.py --keep       # leave the database for EXPLAIN ANALYZE
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from bench_db import admin_sql, environment

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = "paspor_bench_staff"
OFFICE = "ketapang"


# --- Pages ---------------------------------------------------------------------------------

# (label, user, path); `{o}` is the office code, `{case}` a case waiting for the supervisor,
# `{month}` this month (YYYY-MM).
PAGES: tuple[tuple[str, str, str], ...] = (
    ("staff home (head)", "kakanim", "/petugas/"),
    ("staff home (HQ)", "pusat", "/petugas/"),
    ("case work queue (intake)", "loket", "/permohonan/{o}/"),
    ("case work queue (biometrics)", "biometrik", "/permohonan/{o}/"),
    ("case work queue (supervisor)", "supervisor", "/permohonan/{o}/"),
    ("case page (supervisor)", "supervisor", "/permohonan/{o}/{case}/"),
    ("case history (supervisor)", "supervisor", "/permohonan/{o}/{case}/riwayat/"),
    ("travel-ban list (HQ)", "pusat", "/permohonan/cegah-tangkal/"),
    ("counter console (intake)", "loket", "/antrian/{o}/loket/"),
    ("queue overview (head)", "kakanim", "/antrian/{o}/ringkasan/"),
    ("issuance home (print/QC)", "cetak", "/penerbitan/{o}/"),
    ("print queue (print/QC)", "cetak", "/penerbitan/{o}/cetak/"),
    ("QC queue (print/QC)", "cetak2", "/penerbitan/{o}/kendali-mutu/"),
    ("pickup queue (handover)", "serah", "/penerbitan/{o}/penyerahan/"),
    ("booklet stock (print/QC)", "cetak", "/penerbitan/{o}/stok/"),
    ("stock report (head)", "kakanim", "/penerbitan/{o}/stok/laporan/?bulan={month}"),
    (
        "stock report: booklets used (head)",
        "kakanim",
        "/penerbitan/{o}/stok/laporan/buku/?bulan={month}&kolom=used&jenis=electronic",
    ),
    ("payments (supervisor)", "supervisor", "/pembayaran/{o}/"),
    ("payments (HQ)", "pusat", "/pembayaran/{o}/"),
    ("reconciliation (supervisor)", "supervisor", "/pembayaran/{o}/rekonsiliasi/"),
    ("SLA board (head)", "kakanim", "/pembayaran/{o}/sla/"),
    ("today (head)", "kakanim", "/laporan/kantor/{o}/hari-ini/"),
    ("period dashboard (head)", "kakanim", "/laporan/dasbor/"),
    ("period dashboard (HQ)", "pusat", "/laporan/dasbor/"),
    ("capacity (head)", "kakanim", "/laporan/kantor/{o}/kapasitas/"),
    ("personal-data log (head)", "kakanim", "/audit/{o}/akses-data-pribadi/"),
    ("API work queue (supervisor)", "supervisor", "/api/cases/{o}/queue"),
    ("API print queue (print/QC)", "cetak", "/api/issuance/{o}/print-queue"),
    ("API stock (print/QC)", "cetak", "/api/issuance/{o}/stock"),
    ("admin: cases", "admin", "/admin/cases/case/"),
    ("admin: passports", "admin", "/admin/issuance/passport/"),
    ("admin: booklets", "admin", "/admin/issuance/booklet/"),
    ("admin: bills", "admin", "/admin/payments/bill/"),
    ("admin: payments", "admin", "/admin/payments/payment/"),
    ("admin: quality checks", "admin", "/admin/issuance/qualitycheck/"),
    ("admin: handovers", "admin", "/admin/issuance/handover/"),
    ("admin: travel-ban checks", "admin", "/admin/cases/travelbancheck/"),
    ("admin: audit log", "admin", "/admin/audit/auditentry/"),
    ("admin: messages", "admin", "/admin/notifications/message/"),
    ("admin: bookings", "admin", "/admin/booking/booking/"),
)


def measure_pages(repeat: int) -> dict[str, tuple[int, float, int]]:
    """Per page: statements, median milliseconds, status."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from paspor.accounts.models import User
    from paspor.accounts.security import active_roles, two_factor_applies
    from paspor.cases.models import Case, CaseStatus
    from paspor.offices.calendar import office_today
    from paspor.offices.models import Office

    office = Office.objects.get(code=OFFICE)
    case = (
        Case.objects.filter(office=office, status=CaseStatus.AWAITING_SUPERVISOR)
        .order_by("created_at")
        .first()
        or Case.objects.filter(office=office).order_by("created_at").first()
    )
    assert case is not None
    values = {"o": OFFICE, "case": case.code, "month": office_today(office).strftime("%Y-%m")}
    clients: dict[str, Client] = {}

    def client_for(username: str) -> Client:
        if username not in clients:
            user = User.objects.get(username=username)
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            if two_factor_applies(user, active_roles(user)):
                device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
                if device is None:
                    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
            clients[username] = client
        return clients[username]

    figures: dict[str, tuple[int, float, int]] = {}
    for label, username, path in PAGES:
        client = client_for(username)
        url = path.format(**values)
        client.get(url)  # warm: caches, templates, the session
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
        figures[label] = (
            len(captured.captured_queries),
            statistics.median(times),
            response.status_code,
        )
    return figures


# --- Multiplying the history -----------------------------------------------------------------


def multiply(copies: int) -> dict[str, int]:
    """Copies every case of the office `copies` times, with what the staff pages read of it."""
    from django.db import transaction

    from paspor.audit.models import PiiAccess
    from paspor.cases.models import Case, CaseEvent
    from paspor.issuance.models import Passport
    from paspor.offices.models import Office
    from paspor.payments.models import Bill, BillingCode, BillItem, Payment, SlaAlert

    office = Office.objects.get(code=OFFICE)
    cases = list(Case.objects.filter(office=office).order_by("pk"))
    events = _by_case(CaseEvent.objects.filter(case__office=office))
    passports = _by_case(Passport.objects.filter(case__office=office).select_related("booklet"))
    bills = {bill.case_id: bill for bill in Bill.objects.filter(case__office=office)}
    items = _by(BillItem.objects.filter(bill__in=bills.values()), "bill_id")
    codes = _by(BillingCode.objects.filter(bill__in=bills.values()), "bill_id")
    payments = _by(Payment.objects.filter(billing_code__bill__in=bills.values()), "billing_code_id")
    alerts = _by_case(SlaAlert.objects.filter(office=office))
    accesses = _by_case(PiiAccess.objects.filter(office=office))
    made = {"cases": 0, "passports": 0, "bills": 0, "payments": 0, "events": 0, "pii": 0}
    serial = 0
    for copy in range(copies):
        with transaction.atomic():
            for case in cases:
                serial += 1
                old = case.pk
                clone = _clone(case, code=f"ZB{serial:08d}", ticket=None, booking=None)
                made["cases"] += 1
                CaseEvent.objects.bulk_create(
                    _clone(e, case=clone, commit=False) for e in events.get(old, [])
                )
                made["events"] += len(events.get(old, []))
                for passport in passports.get(old, []):
                    number = f"Z{serial:07d}{passport.pk % 10}"
                    booklet = _clone(passport.booklet, number=number)
                    _clone(passport, case=clone, booklet=booklet, passport_number=number)
                    made["passports"] += 1
                bill = bills.get(old)
                if bill is not None:
                    new_bill = _clone(bill, case=clone, uuid=uuid.uuid4())
                    made["bills"] += 1
                    BillItem.objects.bulk_create(
                        _clone(i, bill=new_bill, commit=False) for i in items.get(bill.pk, [])
                    )
                    for n, code in enumerate(codes.get(bill.pk, [])):
                        new_code = _clone(code, bill=new_bill, code=f"9{serial:012d}{n:02d}")
                        for m, pay in enumerate(payments.get(code.pk, [])):
                            _clone(
                                pay,
                                billing_code=new_code,
                                uuid=uuid.uuid4(),
                                ntpn=f"ZB{serial:012d}{m:02d}",
                                reference=f"zb-{serial}-{n}-{m}",
                            )
                            made["payments"] += 1
                SlaAlert.objects.bulk_create(
                    _clone(a, case=clone, commit=False) for a in alerts.get(old, [])
                )
                PiiAccess.objects.bulk_create(
                    _clone(a, case=clone, commit=False) for a in accesses.get(old, [])
                )
                made["pii"] += len(accesses.get(old, []))
        print(f"  copy {copy + 1}/{copies}", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return made


def _by(queryset: Any, attribute: str) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in queryset:
        grouped.setdefault(getattr(row, attribute), []).append(row)
    return grouped


def _by_case(queryset: Any) -> dict[int, list[Any]]:
    return _by(queryset, "case_id")


def _clone(row: Any, *, commit: bool = True, **changes: Any) -> Any:
    """A copy of `row` with `changes`, written at once unless `commit` is False (bulk)."""
    copy = type(row)()
    for field in row._meta.concrete_fields:
        if not field.primary_key:
            setattr(copy, field.attname, getattr(row, field.attname))
    for name, value in changes.items():
        setattr(copy, name, value)
    if commit:
        copy.save(force_insert=True)
    return copy


# --- Running ------------------------------------------------------------------------------------


def run(copies: int, repeat: int) -> None:
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    small = measure_pages(repeat)
    started = time.monotonic()
    made = multiply(copies)
    print(
        f"multiplied in {time.monotonic() - started:.0f} s: "
        + ", ".join(f"{n:,} {what}" for what, n in made.items()),
        file=sys.stderr,
    )
    big = measure_pages(repeat)
    from paspor.cases.models import Case

    print(
        f"PostgreSQL, one process, warm, median of {repeat}; office {OFFICE}: "
        f"{Case.objects.count():,} cases; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'page':<40} {'history':>16} {'x' + str(copies + 1):>18}")
    print(f"{'':<40} {'statements  ms':>16} {'statements  ms':>18}")
    for label, _user, _path in PAGES:
        q1, ms1, s1 = small[label]
        q2, ms2, s2 = big[label]
        grew = "  <- grows" if q2 > q1 else ""
        status = "" if s1 == s2 == 200 else f"  (status {s1}/{s2})"
        print(f"{label:<40} {q1:>10} {ms1:>5.0f} {q2:>12} {ms2:>5.0f}{grew}{status}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        run(args.copies, args.repeat)
        return
    if "127.0.0.1" not in args.postgres and "localhost" not in args.postgres:
        raise SystemExit("the benchmark builds its database on this machine only (127.0.0.1)")
    env = environment(args.postgres, DB_NAME)
    admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin_sql(args.postgres, f"CREATE DATABASE {DB_NAME}")
    try:
        for command in (["migrate", "-v0", "--no-input"], ["seed_demo"]):
            subprocess.run(
                [PYTHON, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                timeout=1800,
            )
        subprocess.run(
            [
                PYTHON,
                __file__,
                "--measure",
                "--copies",
                str(args.copies),
                "--repeat",
                str(args.repeat),
            ],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=3600,
        )
    finally:
        if not args.keep:
            admin_sql(args.postgres, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    main()
