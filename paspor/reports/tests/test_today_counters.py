"""The today panel counts only the counters opened today: one an officer left open on an
earlier day (never closed) is not open now, whether or not the day-close job has run."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from conftest import make_user
from paspor.accounts.models import Role, User
from paspor.offices.models import Counter, Office, Station, StationType
from paspor.queueing.services import counter_open
from paspor.reports.selectors.today import today_summary

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
LAST_TUESDAY = dt.datetime(2026, 12, 1, 9, 0, tzinfo=WIB)
MONDAY = dt.datetime(2026, 12, 7, 9, 0, tzinfo=WIB)


def _open(office: Office, number: int, officer: User) -> None:
    intake = Station.objects.get(office=office, station_type=StationType.INTAKE)
    counter = Counter.objects.create(office=office, number=number, name=f"Loket {number}")
    counter.stations.set([intake])
    counter_open(office=office, counter=counter, station=intake, by=officer)


def test_a_counter_left_open_last_week_is_not_open_on_the_today_panel(
    client_for, office: Office, intake_officer: User, head_of_office: User
) -> None:
    colleague = make_user(
        "petugas_loket_dua", role=Role.INTAKE, office=office, stations=(StationType.INTAKE,)
    )
    with time_machine.travel(LAST_TUESDAY, tick=False):
        _open(office, 1, intake_officer)  # never closed
    with time_machine.travel(MONDAY, tick=False):
        summary = today_summary(office, now=MONDAY)
        row = next(s for s in summary.stations if s.station.station_type == StationType.INTAKE)
        assert row.counters == []
        panel = client_for(head_of_office).get(f"/laporan/kantor/{office.code}/hari-ini/panel/")
        assert "petugas_loket" not in panel.content.decode()
        _open(office, 2, colleague)  # today's counter is open
        summary = today_summary(office, now=MONDAY)
        row = next(s for s in summary.stations if s.station.station_type == StationType.INTAKE)
        assert [(c.number, c.officer) for c in row.counters] == [(2, "petugas_loket_dua")]
