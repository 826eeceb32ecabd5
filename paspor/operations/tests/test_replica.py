"""Report reads go to the read replica when one is configured; writes never do."""

from __future__ import annotations

import pytest
from django.db import transaction

from paspor.booking.models import Booking
from paspor.operations.models import ScheduledJob
from paspor.routers import ReplicaRouter, replica_reads

router = ReplicaRouter()


@pytest.fixture
def with_replica(settings: pytest.FixtureRequest) -> None:
    databases = dict(settings.DATABASES)  # type: ignore[attr-defined]
    databases["replica"] = {**databases["default"], "TEST": {"MIRROR": "default"}}
    settings.DATABASES = databases  # type: ignore[attr-defined]


def test_without_a_replica_everything_reads_from_the_default_database() -> None:
    with replica_reads():
        assert router.db_for_read(Booking) is None


@pytest.mark.usefixtures("with_replica")
def test_report_reads_go_to_the_replica() -> None:
    assert router.db_for_read(Booking) is None  # an ordinary read
    with replica_reads():
        assert router.db_for_read(Booking) == "replica"
    assert router.db_for_read(Booking) is None


@pytest.mark.usefixtures("with_replica")
def test_writes_always_go_to_the_default_database() -> None:
    with replica_reads():
        assert router.db_for_write(Booking) == "default"
        assert router.db_for_write(ScheduledJob) == "default"


@pytest.mark.django_db
@pytest.mark.usefixtures("with_replica")
def test_reads_inside_a_transaction_stay_on_the_default_database() -> None:
    with replica_reads(), transaction.atomic():
        assert router.db_for_read(Booking) is None


@pytest.mark.usefixtures("with_replica")
def test_the_replica_is_never_migrated() -> None:
    assert router.allow_migrate("replica", "booking") is False
    assert router.allow_migrate("default", "booking") is True


def test_the_replica_url_adds_a_mirrored_database(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import paspor.settings

    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://reader@replica.internal:5432/paspor")
    try:
        fresh = importlib.reload(paspor.settings)
        replica = fresh.DATABASES["replica"]
        assert replica["HOST"] == "replica.internal"
        assert replica["TEST"] == {"MIRROR": "default"}
    finally:
        monkeypatch.delenv("DATABASE_REPLICA_URL")
        importlib.reload(paspor.settings)


@pytest.mark.django_db
def test_the_capacity_history_reads_run_through_the_replica(
    with_replica: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from conftest import make_office
    from paspor.reports import selectors

    seen: list[str | None] = []
    original = ReplicaRouter.db_for_read

    def spy(self: ReplicaRouter, model: type, **hints: object) -> str | None:
        chosen = original(self, model, **hints)
        seen.append(chosen)
        return None  # the mirror is the test database itself; keep the connection simple

    monkeypatch.setattr(ReplicaRouter, "db_for_read", spy)
    monkeypatch.setattr("paspor.routers._in_transaction", lambda: False)  # the test's own
    selectors.walk_in_arrivals(make_office("sambas"), dt.date(2026, 3, 2))
    assert "replica" in seen


@pytest.mark.usefixtures("with_replica")
def test_the_reports_summaries_are_read_from_the_replica_and_written_to_the_primary() -> None:
    from paspor.reports.models import StationDay, SummaryMark

    assert router.db_for_read(StationDay) == "replica"  # the dashboards' reads
    assert router.db_for_write(SummaryMark) == "default"  # the nightly refresh
