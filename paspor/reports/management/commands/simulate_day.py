"""Prints the counters to open per station and hour, and what a simulated day would look like."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from paspor.offices.models import Office
from paspor.reports.capacity import plan_capacity, simulate_plan
from paspor.reports.charts import grouped_bar_chart


class Command(BaseCommand):
    help = "Capacity plan (Erlang C) and a simulated office day (SimPy) for an office and date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("office", help="office code, e.g. ketapang")
        parser.add_argument("date", type=dt.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--target-wait", type=float, default=15.0, help="minutes")
        parser.add_argument("--target-share", type=float, default=0.8)
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--chart", type=Path, default=None, help="SVG file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(f"Kantor {options['office']!r} tidak ditemukan")
        plan = plan_capacity(
            office=office,
            day=options["date"],
            target_wait_minutes=options["target_wait"],
            target_fraction=options["target_share"],
        )
        if not plan.opening_hours:
            raise CommandError(f"{options['date']} bukan hari kerja di {office.name}")
        self.stdout.write(
            f"Rencana loket {office.name}, {plan.day:%d-%m-%Y} — target "
            f"{plan.target_fraction:.0%} dilayani dalam {plan.target_wait_minutes:g} menit"
        )
        for station in plan.stations:
            self.stdout.write(
                f"\n{station.label} (rata-rata layanan {station.mean_service_minutes:g} menit)"
            )
            self.stdout.write("  jam   datang  loket  tunggu(mnt)  antre  ≤target")
            for h in station.hours:
                counters = f"{h.counters}{'' if h.meets_target else '+'}"
                wait, queue = (
                    ("∞", "∞")
                    if h.overloaded
                    else (f"{h.expected_wait_minutes:.1f}", f"{h.expected_queue_length:.1f}")
                )
                self.stdout.write(
                    f"  {h.hour:02d}.00 {h.arrivals:7.1f} {counters:>6} {wait:>11} {queue:>6} "
                    f"{h.share_within_target:7.0%}"
                )
        if any(station.short_of_counters for station in plan.stations):
            self.stdout.write(
                f"\n+: {plan.max_counters} loket pun belum memenuhi target pada jam itu; "
                "∞: kedatangan melebihi kemampuan semua loket."
            )
        if not any(sum(by_hour.values()) for by_hour in plan.arrivals.values()):
            self.stdout.write(
                "\nTidak ada kedatangan yang diperkirakan (belum ada booking dan belum ada "
                "riwayat walk-in): tidak ada hari yang disimulasikan."
            )
            return
        simulated = simulate_plan(plan, runs=options["runs"])
        self.stdout.write(f"\nSimulasi ({options['runs']} hari, SimPy):")
        for s in simulated:
            self.stdout.write(
                f"  {s.station_type:<12} dilayani {s.served:6.1f}  rata-rata {s.mean:5.1f}  "
                f"median {s.median:5.1f}  p90 {s.p90:5.1f}  maks {s.max:5.1f}  "
                f"≤target {s.within_target:.0%}"
            )
        chart = (
            options["chart"] or Path(settings.VAR_DIR) / f"kapasitas-{office.code}-{plan.day}.svg"
        )
        chart.parent.mkdir(parents=True, exist_ok=True)
        chart.write_text(
            grouped_bar_chart(
                title=f"Loket per jam — {office.name} {plan.day:%d-%m-%Y}",
                categories=[f"{h:02d}" for h in plan.opening_hours],
                series=[(s.label, [h.counters for h in s.hours]) for s in plan.stations],
                y_label="loket",
            )
        )
        self.stdout.write(f"\nGrafik: {chart}")
