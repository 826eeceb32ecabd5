from typing import Any

from django.core.management.base import BaseCommand

from paspor.accounts.security import TWO_FACTOR_ROLES
from paspor.portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, seed_demo


class Command(BaseCommand):
    help = "Creates or updates the demo office (Ketapang) with staff of every role. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = seed_demo()
        two_step = {demo.username for demo in DEMO_USERS if demo.role in TWO_FACTOR_ROLES}
        self.stdout.write("Kantor demo siap: Kantor Imigrasi Kelas III Non TPI Ketapang")
        self.stdout.write(f"Login demo (kata sandi semua akun: {DEMO_PASSWORD}):")
        for username, role in logins:
            mark = "  [+ kode dua langkah]" if username in two_step else ""
            self.stdout.write(f"  {username:<12} {role}{mark}")
        self.stdout.write(
            "Akun bertanda [+ kode dua langkah] juga meminta kode 6 angka setelah kata sandi.\n"
            f"  Kunci autentikator demo (TOTP, 30 detik): {DEMO_TOTP_SECRET}\n"
            "  Tambahkan kunci itu di aplikasi autentikator, atau lihat kode saat ini dengan:\n"
            "  .venv/bin/python manage.py demo_totp"
        )
