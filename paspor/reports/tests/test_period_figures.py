"""Each figure of the period dashboard on the hand-built week (tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from conftest import make_office
from paspor.cases.models import Case
from paspor.issuance.selectors import Month, stock_report
from paspor.offices.models import Office
from paspor.payments.models import FeeItem, PaymentStatus
from paspor.reports.selectors import period
from paspor.reports.tables import all_tables, table_csv
from paspor.reports.tests.conftest import END, START, Week, _case, _pay, at

pytestmark = pytest.mark.django_db


def test_applications_by_type_and_channel(week: Week) -> None:
    rows = {
        str(r.application_type): r for r in period.applications_by_type(week.office, START, END)
    }
    assert (rows["new_adult"].booked, rows["new_adult"].walk_in) == (1, 1)
    assert (rows["lost"].booked, rows["lost"].walk_in) == (0, 1)
    assert rows["replacement"].total == 0  # opened after the period
    national = {str(r.application_type): r for r in period.applications_by_type(None, START, END)}
    assert national["new_adult"].total == 3


def test_a_case_and_a_payment_count_on_their_offices_day_for_the_office_and_nationally(
    office, intake_officer, django_assert_max_num_queries
) -> None:
    """00:30 WIT on 1 December is still 30 November in Jakarta: Jayapura's case and payment
    are December's, for Jayapura and in the national roll-up, which adds up its offices."""
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    papua_moment = dt.datetime(2026, 12, 1, 0, 30, tzinfo=ZoneInfo("Asia/Jayapura"))
    jakarta_moment = dt.datetime(2026, 11, 30, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    for where, n, moment in ((jayapura, 1, papua_moment), (office, 2, jakarta_moment)):
        case = _case(where, intake_officer, n, "new_adult")
        Case.objects.filter(pk=case.pk).update(created_at=moment)
        _pay(case, [("electronic_5", 350_000)], moment, f"{n:016d}", PaymentStatus.APPLIED)
    november = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    december = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))

    def opened(where: Office | None, days: tuple[dt.date, dt.date]) -> int:
        return sum(row.total for row in period.applications_by_type(where, *days))

    def paid(where: Office | None, days: tuple[dt.date, dt.date]) -> int:
        return period.revenue(where, *days).total

    for where in (jayapura, None):
        assert (opened(where, december), paid(where, december)) == (1, 350_000)
    assert (opened(jayapura, november), paid(jayapura, november)) == (0, 0)
    assert (opened(office, november), paid(office, november)) == (1, 350_000)
    assert (opened(None, november), paid(None, november)) == (1, 350_000)
    with django_assert_max_num_queries(2):  # the zones, then one query for all of them
        period.applications_by_type(None, *december)


def test_issued_deferred_rejected_with_reasons(week: Week) -> None:
    result = period.outcomes(week.office, START, END)
    assert (result.issued, result.deferred, result.rejected) == (1, 1, 1)
    assert result.deferred_reasons == [("Kartu keluarga belum dibawa", 1)]
    assert result.rejected_reasons == [("Data tidak sesuai", 1)]
    assert period.outcomes(None, START, END).rejected_reasons == [("Data tidak sesuai", 2)]


def test_sla_kept_share_and_breach_reasons(week: Week) -> None:
    result = period.sla_summary(week.office, START, END, now=at(9, 8))
    assert (result.due, result.kept, result.late, result.pending) == (3, 2, 1, 0)
    assert result.kept_pct == pytest.approx(200 / 3)
    assert result.breach_reasons == [("Mesin cetak rusak", 1)]
    national = period.sla_summary(None, START, END, now=at(9, 8))
    assert (national.due, national.kept, national.late) == (4, 2, 2)
    assert national.breach_reasons == [("", 1), ("Mesin cetak rusak", 1)]  # "" : no alert yet


def test_wait_and_service_minutes_per_station(week: Week) -> None:
    (intake,) = period.station_times(week.office, START, END)
    assert intake.station_type == "intake"
    # Waits 10, 20, 30 minutes; served 10 and 20 minutes (the third never came).
    assert (intake.wait.count, intake.wait.mean, intake.wait.median) == (3, 20, 20)
    assert intake.wait.p90 == pytest.approx(28)
    assert (intake.service.count, intake.service.mean, intake.service.median) == (2, 15, 15)
    assert intake.service.p90 == pytest.approx(19)


def test_arrivals_per_hour_on_the_office_clock(week: Week) -> None:
    assert period.arrivals_by_hour(week.office, START, END) == {8: 2, 9: 1}
    assert period.arrivals_by_hour(None, START, END) == {8: 2, 9: 1, 13: 1}


def test_no_show_rate(week: Week) -> None:
    result = period.no_shows(week.office, START, END)
    assert (result.booked, result.no_show, result.rate_pct) == (4, 2, 50)
    assert period.no_shows(None, START, END).rate_pct == 60


def test_revenue_by_fee_item_counts_only_applied_payments(week: Week) -> None:
    result = period.revenue(week.office, START, END)
    assert result.by_item == {
        FeeItem.ELECTRONIC_5: (1, 350_000),
        FeeItem.ELECTRONIC_10: (1, 650_000),
        FeeItem.EXPRESS: (1, 1_000_000),
    }
    assert (result.payments, result.total) == (2, 2_000_000)
    assert sum(rupiah for _n, rupiah in result.by_item.values()) == result.total
    assert period.revenue(None, START, END).total == 2_350_000


def test_revenue_matches_the_reconciliation_of_the_same_days(week: Week) -> None:
    """A statement listing exactly the applied payments reconciles without a finding."""
    from paspor.payments.models import ReconciliationKind
    from paspor.payments.reconciliation import statement_import

    lines = ["billing_code,amount,ntpn,paid_at,channel"]
    for p in period.payments_applied(week.office, START, END).select_related("channel"):
        lines.append(
            f"{p.billing_code_text},{p.amount},{p.ntpn},{p.paid_at.isoformat()},{p.channel.code}"
        )
    statement = statement_import(
        office=week.office,
        content="\n".join(lines),
        period_start=START,
        period_end=END,
        by=week.officer,
    )
    assert statement.summary[ReconciliationKind.NOT_ON_STATEMENT] == 0
    statement_total = sum(int(line.split(",")[1]) for line in lines[1:])
    assert statement_total == period.revenue(week.office, START, END).total


def test_booklet_use_and_spoilage_match_the_stock_report(week: Week) -> None:
    (_ordinary, electronic) = period.booklet_use(week.office, START, END)
    assert (electronic.used, electronic.spoiled) == (2, 1)
    assert electronic.spoilage_pct == pytest.approx(100 / 3)
    month = {row.kind: row for row in stock_report(week.office, Month(2026, 11))}
    whole_month = period.booklet_use(week.office, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [(r.used, r.spoiled) for r in whole_month] == [
        (month[r.kind].used, month[r.kind].spoiled) for r in whole_month
    ]


def test_ikm_index(week: Week) -> None:
    result = period.ikm(week.office, START, END)
    assert result.respondents == 2
    assert result.index == Decimal("87.50")
    assert period.ikm(week.other, START, END).respondents == 0


def test_the_ikm_table_names_the_elements_in_the_readers_language(week: Week) -> None:
    from django.utils import translation

    from paspor.reports.tables import ikm_table

    with translation.override("id"):
        indonesian = [row[0] for row in ikm_table(week.office, START, END).rows]
    with translation.override("en"):
        english = [row[0] for row in ikm_table(week.office, START, END).rows]

    assert indonesian[:2] == ["U1 Persyaratan", "U2 Sistem, mekanisme, dan prosedur"]
    assert english[:2] == ["U1 Requirements", "U2 Systems, mechanisms and procedures"]


def test_staff_with_expiring_certifications(week: Week) -> None:
    rows = period.expiring_certifications(week.office, START, END)
    assert [(r.username, r.expires_on) for r in rows] == [
        ("petugas_biometrik_2", dt.date(2026, 12, 15))
    ]
    national = period.expiring_certifications(None, START, END)
    assert [r.username for r in national] == ["petugas_lain", "petugas_biometrik_2"]


def test_every_table_renders_and_exports(week: Week) -> None:
    tables = all_tables(week.office, START, END)
    assert len({t.key for t in tables}) == 10
    for table in tables:
        assert table_csv(table).splitlines()[0].count(",") == len(table.headers) - 1
    charts = [t for t in tables if t.chart]
    assert all(t.chart.startswith("<svg") for t in charts) and len(charts) >= 7
