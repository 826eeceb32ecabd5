"""Demo data for the case app: a few travel-ban entries to try the check with (idempotent)."""

from __future__ import annotations

import datetime as dt

from paspor.cases.models import TravelBanEntry

DEMO_TRAVEL_BANS = (
    (
        "Mochammad Rizky Pratama",
        "Muhammad Rizki",
        dt.date(1988, 4, 9),
        "Daftar pencarian orang (contoh)",
    ),
    ("Soekarno Hadi", "", dt.date(1975, 1, 20), "Cegah atas permintaan kejaksaan (contoh)"),
    ("Dewi", "Dewi Sartika Binti Usman", None, "Tangkal (contoh, tanpa tanggal lahir)"),
)


def seed_cases_demo() -> None:
    for name, aliases, birth_date, reason in DEMO_TRAVEL_BANS:
        TravelBanEntry.objects.update_or_create(
            full_name=name,
            nik="",
            defaults={
                "aliases": aliases,
                "birth_date": birth_date,
                "reason": reason,
                "valid_until": dt.date(2030, 12, 31),
                "is_active": True,
            },
        )
