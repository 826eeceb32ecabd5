from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import formats

from paspor.accounts.security import TWO_FACTOR_ROLES
from paspor.booking.demo import DEMO_APPLICANT_EMAIL
from paspor.booking.models import Booking
from paspor.portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, seed_demo
from paspor.portal.demo_history import HistoryMade


class Command(BaseCommand):
    help = (
        "Creates or updates the demo office (Ketapang) with staff of every role, and gives a new "
        "office a history of its last working days. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="no history of past working days (the office starts empty)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seeded = seed_demo(history=not options["no_history"])
        logins = seeded.logins
        two_step = {demo.username for demo in DEMO_USERS if demo.role in TWO_FACTOR_ROLES}
        self.stdout.write("Kantor demo siap: Kantor Imigrasi Kelas III Non TPI Ketapang")
        self.stdout.write(f"Login demo (kata sandi semua akun: {DEMO_PASSWORD}):")
        for username, role in logins:
            mark = "  [+ kode dua langkah]" if username in two_step else ""
            self.stdout.write(f"  {username:<12} {role}{mark}")
        self.stdout.write(
            f"  {DEMO_APPLICANT_EMAIL}  Pemohon (masuk dengan e-mail di /akun/masuk/; "
            "profil Budi Santoso dan Siti Aisyah)"
        )
        if seeded.applicant_booking is not None:
            self.stdout.write(_booking_line(seeded.applicant_booking))
        self.stdout.write(
            "Akun bertanda [+ kode dua langkah] juga meminta kode 6 angka setelah kata sandi.\n"
            f"  Kunci autentikator demo (TOTP, 30 detik): {DEMO_TOTP_SECRET}\n"
            "  Tambahkan kunci itu di aplikasi autentikator, atau lihat kode saat ini dengan:\n"
            "  .venv/bin/python manage.py demo_totp"
        )
        if seeded.history is not None:
            self.stdout.write(_history_line(seeded.history))


def _booking_line(booking: Booking) -> str:
    day = formats.date_format(booking.date, "l, j F Y")
    arrival = f", kedatangan mulai {booking.session.start:%H.%M}" if booking.session else ""
    return (
        f"  Booking demo Budi Santoso: {booking.code}, {day}{arrival} "
        f"(check-in di kios pada hari itu dengan NIK KTP {booking.nik})."
    )


def _history_line(made: HistoryMade) -> str:
    first = formats.date_format(made.first_day, "j M")
    last = formats.date_format(made.last_day, "j M Y")
    return (
        f"Riwayat demo: {made.applications} permohonan dari {made.days} hari kerja "
        f"({first}–{last}), dibuat dalam {made.seconds:.0f} detik."
    )
