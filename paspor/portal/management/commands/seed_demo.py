from typing import Any

from django.core.management.base import BaseCommand

from paspor.portal.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Creates or updates the demo office (Ketapang) with staff of every role. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = seed_demo()
        self.stdout.write("Kantor demo siap: Kantor Imigrasi Kelas III Non TPI Ketapang")
        self.stdout.write(f"Login demo (kata sandi semua akun: {DEMO_PASSWORD}):")
        for username, role in logins:
            self.stdout.write(f"  {username:<12} {role}")
