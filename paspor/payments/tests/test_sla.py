"""The three-working-day promise on the office's clock, and the live SLA alerts."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from conftest import make_office
from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseEvent, CaseStatus
from paspor.lib.errors import Conflict, DomainError
from paspor.notifications.models import Message
from paspor.offices.models import CalendarDay, CalendarDayKind
from paspor.payments.models import SlaAlert
from paspor.payments.selectors import payment_status_for_case, sla_board
from paspor.payments.sla import due_date_for_payment, working_days_left
from paspor.payments.sla_alerts import sla_breach_explain, sla_check
from paspor.payments.tests.factories import make_case

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"


def at(text, zone=WIB):
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


D = dt.date.fromisoformat

# (office zone, paid at [office-independent instant], express, due date)
TABLE = [
    # STANDARDS.md §3 examples
    (WIB, at("2026-03-17 10:00"), False, D("2026-03-27")),  # cuti bersama + Nyepi + Idul Fitri
    (WIB, at("2025-12-24 09:00"), False, D("2025-12-31")),  # Christmas + cuti bersama 26 Dec
    # plain weeks and weekends
    (WIB, at("2026-03-02 08:00"), False, D("2026-03-05")),  # Mon → Thu
    (WIB, at("2026-03-06 15:00"), False, D("2026-03-11")),  # Fri → Wed
    (WIB, at("2026-03-07 10:00"), False, D("2026-03-11")),  # Sat: Mon is day one
    (WIB, at("2026-03-08 23:59"), False, D("2026-03-11")),  # Sun
    (WIB, at("2026-03-09 00:00"), False, D("2026-03-12")),  # Mon just after midnight
    # national holiday and cuti bersama
    (WIB, at("2026-03-16 10:00"), False, D("2026-03-26")),
    (WIB, at("2026-02-13 10:00"), False, D("2026-02-20")),  # 16 Feb cuti, 17 Feb Imlek
    (WIB, at("2026-05-13 10:00"), False, D("2026-05-20")),  # Ascension 14, cuti 15 May
    # year ends
    (WIB, at("2025-12-30 10:00"), False, D("2026-01-05")),  # 1 Jan holiday
    (WIB, at("2026-12-23 10:00"), False, D("2026-12-30")),  # 24 cuti, 25 Christmas
    (WIB, at("2025-12-31 23:00"), False, D("2026-01-06")),
    # time zones: the same instant is another date further east
    (WIB, at("2026-03-02 23:30"), False, D("2026-03-05")),
    (WITA, at("2026-03-02 23:30"), False, D("2026-03-06")),  # 00:30 WITA on Tuesday
    (WIT, at("2026-03-02 23:30"), False, D("2026-03-06")),  # 01:30 WIT on Tuesday
    (WIT, at("2026-03-06 22:30"), False, D("2026-03-11")),  # Sat 00:30 WIT
    (WIB, at("2026-03-06 22:30"), False, D("2026-03-11")),  # Fri evening WIB
    (WITA, at("2026-03-06 16:30", WIT), False, D("2026-03-11")),  # 15:30 WITA, Friday
    # express: same day before 12:00 office time on a working day, else next working day
    (WIB, at("2026-03-02 11:59"), True, D("2026-03-02")),
    (WIB, at("2026-03-02 12:00"), True, D("2026-03-03")),
    (WIB, at("2026-03-06 13:00"), True, D("2026-03-09")),  # Fri afternoon → Mon
    (WIB, at("2026-03-07 09:00"), True, D("2026-03-09")),  # Sat morning → Mon
    (WIB, at("2026-03-17 11:00"), True, D("2026-03-17")),
    (WIB, at("2026-03-18 09:00"), True, D("2026-03-25")),  # cuti bersama → next working day
    (WIT, at("2026-03-02 10:30"), True, D("2026-03-03")),  # 12:30 WIT: too late there
    (WITA, at("2026-03-02 10:59"), True, D("2026-03-02")),  # 11:59 WITA
    (WITA, at("2026-03-02 11:00"), True, D("2026-03-03")),  # 12:00 WITA
    (WIB, at("2025-12-31 11:00"), True, D("2025-12-31")),
    (WIB, at("2025-12-31 12:30"), True, D("2026-01-02")),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("zone", "paid_at", "express", "due"), TABLE)
def test_due_date_for_payment(zone, paid_at, express, due):
    office = make_office("uji", tz=zone)
    assert due_date_for_payment(office=office, paid_at=paid_at, express=express) == due


# SLA_COUNT_PAYMENT_DAY on: a payment on a working day makes that day day one; a payment on a
# closed day counts as before. (office zone, paid at, express, due date)
TABLE_COUNTING_THE_PAYMENT_DAY = [
    (WIB, at("2026-03-17 10:00"), False, D("2026-03-26")),  # Tue day one, then 25 and 26 March
    (WIB, at("2025-12-24 09:00"), False, D("2025-12-30")),  # Wed day one, then 29 and 30 Dec
    (WIB, at("2026-03-02 08:00"), False, D("2026-03-04")),  # Mon → Wed
    (WIB, at("2026-03-06 15:00"), False, D("2026-03-10")),  # Fri → Tue
    (WIB, at("2026-03-07 10:00"), False, D("2026-03-11")),  # Sat does not count: Mon is day one
    (WIB, at("2026-03-08 23:59"), False, D("2026-03-11")),  # Sun
    (WIB, at("2026-03-18 10:00"), False, D("2026-03-27")),  # cuti bersama does not count
    (WIB, at("2026-03-19 10:00"), False, D("2026-03-27")),  # Nyepi does not count
    (WIB, at("2026-03-06 22:30"), False, D("2026-03-10")),  # Fri evening WIB
    (WIT, at("2026-03-06 22:30"), False, D("2026-03-11")),  # already Sat 00:30 WIT
    (WIB, at("2026-03-02 12:00"), True, D("2026-03-03")),  # express as before
    (WIB, at("2026-03-02 11:59"), True, D("2026-03-02")),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("zone", "paid_at", "express", "due"), TABLE_COUNTING_THE_PAYMENT_DAY)
def test_due_date_when_the_office_counts_the_payment_day(settings, zone, paid_at, express, due):
    settings.SLA_COUNT_PAYMENT_DAY = True
    office = make_office("uji", tz=zone)
    assert due_date_for_payment(office=office, paid_at=paid_at, express=express) == due


@pytest.mark.django_db
def test_counting_the_payment_day_on_cuti_bersama_follows_the_office(settings, office):
    settings.SLA_COUNT_PAYMENT_DAY = True
    paid = at("2026-03-18 10:00")  # cuti bersama; 19 Nyepi, 20 cuti, 23 cuti
    assert due_date_for_payment(office=office, paid_at=paid, express=False) == D("2026-03-27")
    office.serves_on_cuti_bersama = True
    office.save(update_fields=["serves_on_cuti_bersama"])
    assert due_date_for_payment(office=office, paid_at=paid, express=False) == D("2026-03-23")


@pytest.mark.django_db
def test_an_office_serving_on_cuti_bersama_counts_those_days(office):
    office.serves_on_cuti_bersama = True
    office.save(update_fields=["serves_on_cuti_bersama"])
    assert due_date_for_payment(office=office, paid_at=at("2026-03-16 10:00"), express=False) == D(
        "2026-03-20"
    )


@pytest.mark.django_db
def test_a_closure_declared_by_headquarters_moves_the_due_date(office):
    CalendarDay.objects.create(date=D("2026-03-04"), kind=CalendarDayKind.NATIONAL_HOLIDAY)
    assert due_date_for_payment(office=office, paid_at=at("2026-03-02 08:00"), express=False) == D(
        "2026-03-06"
    )


@pytest.mark.django_db
def test_naive_payment_time_is_refused(office):
    with pytest.raises(ValueError):
        due_date_for_payment(office=office, paid_at=dt.datetime(2026, 3, 2, 10), express=False)


@pytest.mark.django_db
def test_countdown_in_working_days(office):
    assert working_days_left(office=office, today=D("2026-03-06"), due=D("2026-03-11")) == 3
    assert working_days_left(office=office, today=D("2026-03-11"), due=D("2026-03-11")) == 0
    assert working_days_left(office=office, today=D("2026-03-12"), due=D("2026-03-11")) == -1


def paid_case(office, opened_by, due, status=CaseStatus.PAID, **extra):
    return make_case(
        office, opened_by, status=status, due_date=due, paid_at=at("2026-03-02 09:00"), **extra
    )


@pytest.mark.django_db
def test_a_weekend_after_the_due_date_is_overdue_not_today(office):
    """Due Friday 10 April 2026: the Saturday after is overdue, though no working day has
    passed since."""
    friday = D("2026-04-10")
    for today, left in (("2026-04-11", -1), ("2026-04-12", -1), ("2026-04-13", -1)):
        assert working_days_left(office=office, today=D(today), due=friday) == left
    assert working_days_left(office=office, today=D("2026-04-14"), due=friday) == -2


@pytest.mark.django_db
def test_the_countdown_says_overdue_on_the_saturday_the_board_lists_it_overdue(
    office, intake_officer
):
    case = paid_case(office, intake_officer, D("2026-04-10"))
    with time_machine.travel(at("2026-04-11 10:00"), tick=False):
        view = payment_status_for_case(case)
        (row,) = sla_board(office).overdue
    assert view.days_left == row.days_left == -1


@pytest.mark.django_db
def test_sla_check_raises_at_risk_and_breach_alerts_once_each(office, intake_officer, supervisor):
    supervisor.email = "kasubsi@example.com"
    supervisor.save(update_fields=["email"])
    today = paid_case(office, intake_officer, D("2026-03-05"))
    tomorrow = paid_case(office, intake_officer, D("2026-03-06"))
    printed_today = paid_case(office, intake_officer, D("2026-03-05"), status=CaseStatus.PRINTED)
    late = paid_case(office, intake_officer, D("2026-03-04"), status=CaseStatus.QC_PASSED)
    ready_late = paid_case(
        office, intake_officer, D("2026-03-03"), status=CaseStatus.READY_FOR_PICKUP
    )
    later = paid_case(office, intake_officer, D("2026-03-10"))
    now = at("2026-03-05 07:00")
    first = sla_check(now=now)
    assert (first.at_risk, first.breaches) == (2, 1)
    again = sla_check(now=now + dt.timedelta(hours=1))
    assert (again.at_risk, again.breaches) == (0, 0)
    alerts = {(a.case_id, a.kind) for a in SlaAlert.objects.all()}
    assert alerts == {(today.pk, "at_risk"), (tomorrow.pk, "at_risk"), (late.pk, "breach")}
    for case in (printed_today, ready_late, later):
        assert not SlaAlert.objects.filter(case=case).exists()
    assert CaseEvent.objects.filter(case=today, kind="sla_at_risk").count() == 1
    assert CaseEvent.objects.filter(case=late, kind="sla_breach").count() == 1
    messages = Message.objects.filter(
        template="payments_sla_alert", to_address="kasubsi@example.com"
    )
    assert messages.count() == 3
    assert AuditEntry.objects.filter(event="payments.sla_breach").count() == 1


@pytest.mark.django_db
def test_at_risk_on_friday_looks_at_monday(office, intake_officer):
    monday = paid_case(office, intake_officer, D("2026-03-09"))
    assert sla_check(now=at("2026-03-06 08:00")).at_risk == 1
    assert SlaAlert.objects.get().case == monday


@pytest.mark.django_db
def test_each_office_is_checked_on_its_own_clock(intake_officer):
    papua = make_office("jayapura", tz=WIT)
    case = paid_case(papua, intake_officer, D("2026-03-05"), status=CaseStatus.PRINTED)
    # 23:30 WIB on 5 March is already 6 March in Jayapura: the case is late there.
    assert sla_check(now=at("2026-03-05 23:30")).breaches == 1
    assert SlaAlert.objects.get(case=case).kind == "breach"


@pytest.mark.django_db
def test_supervisor_records_the_reason_for_a_breach(office, intake_officer, supervisor):
    late = paid_case(office, intake_officer, D("2026-03-04"))
    with pytest.raises(DomainError):
        sla_breach_explain(case=late, reason=" ", by=supervisor, now=at("2026-03-05 10:00"))
    # Five characters, of which four are zero-width: one letter shows, not five.
    with pytest.raises(DomainError):
        sla_breach_explain(
            case=late, reason="a\u200b\u200b\u200b\u200b", by=supervisor, now=at("2026-03-05 10:00")
        )
    alert = sla_breach_explain(
        case=late, reason="Blangko paspor habis", by=supervisor, now=at("2026-03-05 10:00")
    )
    assert (alert.kind, alert.reason, alert.reason_by) == (
        "breach",
        "Blangko paspor habis",
        supervisor,
    )
    assert AuditEntry.objects.filter(event="payments.sla_breach_explained").count() == 1
    on_time = paid_case(office, intake_officer, D("2026-03-06"))
    with pytest.raises(Conflict):
        sla_breach_explain(
            case=on_time, reason="Belum terlambat", by=supervisor, now=at("2026-03-05 10:00")
        )


@pytest.mark.django_db
def test_sla_board_groups_cases_with_their_step(office, intake_officer):
    paid_case(office, intake_officer, D("2026-03-05"))
    paid_case(office, intake_officer, D("2026-03-06"), status=CaseStatus.PRINTED)
    paid_case(office, intake_officer, D("2026-03-04"), status=CaseStatus.QC_PASSED)
    board = sla_board(office, today=D("2026-03-05"))
    assert [str(r.step) for r in board.due_today] == ["Menunggu cetak"]
    assert [str(r.step) for r in board.due_tomorrow] == ["Menunggu kendali mutu"]
    assert [str(r.step) for r in board.overdue] == ["Menunggu penyiapan pengambilan"]


@pytest.mark.django_db
def test_sla_check_command_and_task(office, intake_officer):
    paid_case(office, intake_officer, D("2026-03-04"))
    out = io.StringIO()
    with time_machine.travel(at("2026-03-05 08:00")):
        call_command("sla_check", stdout=out)
    assert "terlambat: 1" in out.getvalue()
    from paspor.payments.tasks import sla_check_task

    with time_machine.travel(at("2026-03-05 09:00")):
        result = sla_check_task.enqueue()
    assert result.return_value == {"at_risk": 0, "breaches": 0, "expired": 0}


@pytest.mark.django_db
def test_the_alert_names_the_step_in_each_supervisors_own_language(
    office, intake_officer, supervisor
):
    from paspor.notifications.models import ChannelPreference

    supervisor.email = "kasubsi@example.com"
    supervisor.save(update_fields=["email"])
    ChannelPreference.objects.create(user=supervisor, channel="email", language="en")
    paid_case(office, intake_officer, D("2026-03-05"))
    sla_check(now=at("2026-03-05 07:00"))
    message = Message.objects.get(template="payments_sla_alert", to_address="kasubsi@example.com")
    assert message.language == "en"
    assert message.context["step"] == "Waiting for printing"
