"""The working-day calendar: weekends, national holidays, cuti bersama and office days."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from conftest import make_office
from paspor.audit.models import AuditEntry
from paspor.lib.errors import DomainError
from paspor.offices.calendar import OfficeCalendar, is_working_day, working_days_after
from paspor.offices.models import CalendarDay, CalendarDayKind
from paspor.offices.services import (
    calendar_day_remove,
    calendar_day_set,
    calendar_import_csv,
    calendar_years,
)

D = dt.date


@pytest.fixture(autouse=True)
def _in_2026():
    """Headquarters enters these dates in mid-2026: the calendar takes 2025 to 2031 then."""
    with time_machine.travel(dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC), tick=False):
        yield


NATIONAL_2026 = [
    "01-01",
    "01-16",
    "02-17",
    "03-19",
    "03-21",
    "03-22",
    "04-03",
    "04-05",
    "05-01",
    "05-14",
    "05-27",
    "05-31",
    "06-01",
    "06-16",
    "08-17",
    "08-25",
    "12-25",
]
CUTI_BERSAMA_2026 = ["02-16", "03-18", "03-20", "03-23", "03-24", "05-15", "05-28", "12-24"]


@pytest.mark.django_db
@pytest.mark.parametrize("md", NATIONAL_2026 + CUTI_BERSAMA_2026)
def test_decreed_2026_days_are_not_working_days(office, md):
    assert not is_working_day(office, dt.date.fromisoformat(f"2026-{md}"))


@pytest.mark.django_db
def test_weekends_are_not_working_days(office):
    assert not is_working_day(office, D(2026, 11, 28))  # Saturday
    assert not is_working_day(office, D(2026, 11, 29))  # Sunday
    assert is_working_day(office, D(2026, 11, 30))


@pytest.mark.django_db
def test_three_working_days_after_payment_skip_idul_fitri_2026(office):
    # Paid Tue 17 March: 18 cuti, 19 Nyepi, 20 cuti, 21–22 Idul Fitri (weekend), 23–24 cuti.
    assert working_days_after(office, D(2026, 3, 17), 3) == D(2026, 3, 27)


@pytest.mark.django_db
def test_three_working_days_across_christmas_2025(office):
    assert working_days_after(office, D(2025, 12, 24), 3) == D(2025, 12, 31)


@pytest.mark.django_db
def test_idul_fitri_2027_with_its_cuti_bersama(office):
    # 2027: 9 March cuti, 10–11 Idul Fitri, 12 and 15 March cuti bersama.
    for day in (D(2027, 3, 9), D(2027, 3, 10), D(2027, 3, 11), D(2027, 3, 12), D(2027, 3, 15)):
        assert not is_working_day(office, day)
    assert working_days_after(office, D(2027, 3, 8), 1) == D(2027, 3, 16)


@pytest.mark.django_db
def test_counting_crosses_the_year_boundary(office):
    # Wed 30 Dec 2026 → Thu 31 Dec (1), Fri 1 Jan holiday, Mon 4 Jan (2), Tue 5 Jan 2027 is
    # Isra Mikraj, so the third working day is Wed 6 Jan 2027.
    assert working_days_after(office, D(2026, 12, 30), 3) == D(2027, 1, 6)


@pytest.mark.django_db
def test_payment_day_itself_never_counts_even_on_a_weekend(office):
    # Paid Saturday 28 Nov 2026: Mon 30 Nov is the first working day, Wed 2 Dec the third.
    assert working_days_after(office, D(2026, 11, 28), 3) == D(2026, 12, 2)


@pytest.mark.django_db
def test_office_in_wita_uses_the_same_national_calendar():
    makassar = make_office("makassar", tz="Asia/Makassar")
    assert makassar.tz_abbreviation == "WITA"
    assert working_days_after(makassar, D(2026, 3, 17), 3) == D(2026, 3, 27)


@pytest.mark.django_db
def test_counting_the_start_day_only_when_it_is_a_working_day(office):
    assert working_days_after(office, D(2026, 3, 17), 3, count_start=True) == D(2026, 3, 26)
    assert working_days_after(office, D(2026, 3, 17), 1, count_start=True) == D(2026, 3, 17)
    # Saturday 28 March and cuti bersama 18 March are not day one: the next working day is.
    assert working_days_after(office, D(2026, 3, 28), 1, count_start=True) == D(2026, 3, 30)
    assert working_days_after(office, D(2026, 3, 18), 3, count_start=True) == D(2026, 3, 27)
    assert working_days_after(office, D(2025, 12, 24), 3, count_start=True) == D(2025, 12, 30)


@pytest.mark.django_db
def test_office_serving_on_cuti_bersama_counts_those_days(office):
    office.serves_on_cuti_bersama = True
    office.save()
    assert is_working_day(office, D(2026, 3, 18))
    assert not is_working_day(office, D(2026, 3, 19))  # Nyepi stays a holiday
    assert working_days_after(office, D(2026, 3, 17), 3) == D(2026, 3, 23)


@pytest.mark.django_db
def test_headquarters_can_add_and_remove_national_dates(office):
    calendar_day_set(
        office=None,
        date=D(2025, 8, 18),
        kind=CalendarDayKind.CUTI_BERSAMA,
        name="Cuti bersama tambahan",
        by=None,
    )
    assert not is_working_day(office, D(2025, 8, 18))
    # An estimated holiday that the decree moved: headquarters declares it a working day.
    calendar_day_set(office=None, date=D(2027, 3, 11), kind=CalendarDayKind.WORKING_DAY, by=None)
    assert is_working_day(office, D(2027, 3, 11))


@pytest.mark.django_db
def test_office_closure_applies_only_to_that_office(office, other_office):
    calendar_day_set(
        office=office,
        date=D(2026, 12, 1),
        kind=CalendarDayKind.OFFICE_CLOSURE,
        name="Renovasi",
        by=None,
    )
    assert not is_working_day(office, D(2026, 12, 1))
    assert is_working_day(other_office, D(2026, 12, 1))
    assert AuditEntry.objects.filter(event="calendar.day_set", office=office).exists()


@pytest.mark.django_db
def test_csv_import_is_all_or_nothing_with_line_numbers(office):
    bad = "date,kind,name\n2026-12-02,closure,Rapat\n2026-13-01,closure,Salah\n"
    result = calendar_import_csv(office=office, text=bad, by=None)
    assert result.imported == 0
    assert result.errors == ["Baris 3: tanggal harus berformat YYYY-MM-DD"]
    assert is_working_day(office, D(2026, 12, 2))
    good = "date,kind,name,source\n2026-12-02,tutup,Rapat,SK Kakanim\n"
    assert calendar_import_csv(office=office, text=good, by=None).imported == 1
    assert not is_working_day(office, D(2026, 12, 2))


@pytest.mark.django_db
def test_import_calendar_command(office, tmp_path):
    path = tmp_path / "kalender.csv"
    path.write_text("date,kind,name\n2026-12-03,closure,Pemadaman\n")
    out = io.StringIO()
    call_command("import_calendar", str(path), "--office", office.code, stdout=out)
    assert "1 hari diimpor" in out.getvalue()
    assert not is_working_day(office, D(2026, 12, 3))


@pytest.mark.django_db
def test_calendar_loads_each_year_once(office, django_assert_num_queries):
    calendar = OfficeCalendar(office)
    with django_assert_num_queries(1):
        calendar.working_days_after(D(2026, 1, 1), 200)


@pytest.mark.django_db
def test_headquarters_cancelling_a_weekend_holiday_leaves_a_weekend(office):
    # Idul Fitri 2026 falls on Saturday 21 March; cancelling that estimate does not make the
    # Saturday a working day: after Friday 20 March the next one is still Wednesday 25 March.
    calendar_day_set(office=None, date=D(2026, 3, 21), kind=CalendarDayKind.WORKING_DAY, by=None)
    assert not is_working_day(office, D(2026, 3, 21))
    assert working_days_after(office, D(2026, 3, 20), 1) == D(2026, 3, 25)


@pytest.mark.django_db
def test_an_office_may_open_on_a_weekend_day_itself(office):
    calendar_day_set(office=office, date=D(2026, 11, 28), kind=CalendarDayKind.WORKING_DAY, by=None)
    assert is_working_day(office, D(2026, 11, 28))


@pytest.mark.django_db
def test_a_holiday_reclassified_as_cuti_bersama_is_worked_where_the_office_serves_on_it(
    office, other_office
):
    # The package lists 16 June 2026 (1 Muharram) as a national holiday; should the decree make
    # it collective leave, an office serving on cuti bersama works that day, others do not.
    office.serves_on_cuti_bersama = True
    office.save(update_fields=["serves_on_cuti_bersama"])
    calendar_day_set(office=None, date=D(2026, 6, 16), kind=CalendarDayKind.CUTI_BERSAMA, by=None)
    assert is_working_day(office, D(2026, 6, 16))
    assert not is_working_day(other_office, D(2026, 6, 16))
    # A cuti bersama row on a weekend stays a weekend even there.
    calendar_day_set(office=None, date=D(2026, 6, 13), kind=CalendarDayKind.CUTI_BERSAMA, by=None)
    assert not is_working_day(office, D(2026, 6, 13))


# --- STANDARDS.md §3, 2026 date by date ----------------------------------------------------------


def _dates(month_days: list[str]) -> set[dt.date]:
    return {dt.date.fromisoformat(f"2026-{md}") for md in month_days}


def _weekdays_closed_in_2026(office) -> set[dt.date]:
    calendar = OfficeCalendar(office)
    days = (D(2026, 1, 1) + dt.timedelta(days=n) for n in range(365))
    return {day for day in days if day.weekday() < 5 and not calendar.is_working_day(day)}


def _weekdays(days: set[dt.date]) -> set[dt.date]:
    return {day for day in days if day.weekday() < 5}


@pytest.mark.django_db
def test_2026_closes_exactly_the_decreed_weekdays_and_no_other(office):
    # Both ways: every decreed weekday is closed, and nothing else on a weekday is.
    expected = _weekdays(_dates(NATIONAL_2026) | _dates(CUTI_BERSAMA_2026))
    assert _weekdays_closed_in_2026(office) == expected


@pytest.mark.django_db
def test_2026_at_an_office_serving_on_cuti_bersama_closes_only_the_national_holidays(office):
    office.serves_on_cuti_bersama = True
    office.save(update_fields=["serves_on_cuti_bersama"])
    assert _weekdays_closed_in_2026(office) == _weekdays(_dates(NATIONAL_2026))


# --- the corners of three working days after payment --------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("paid", "due"),
    [
        (D(2026, 8, 17), D(2026, 8, 20)),  # on Independence Day: the holiday is not counted
        (D(2026, 3, 18), D(2026, 3, 27)),  # on a cuti bersama day
        (D(2026, 3, 21), D(2026, 3, 27)),  # on Idul Fitri, a Saturday
        (D(2026, 12, 24), D(2026, 12, 30)),  # cuti bersama, Christmas, weekend, then 28–30
        (D(2026, 12, 28), D(2026, 12, 31)),
        # 1 Jan holiday, 2–3 Jan weekend, 4 Jan (1), 5 Jan Isra Mikraj, 6 (2), 7 (3).
        (D(2026, 12, 31), D(2027, 1, 7)),
    ],
)
def test_three_working_days_after_payment(office, paid, due):
    assert working_days_after(office, paid, 3) == due


@pytest.mark.django_db
def test_christmas_2026_at_an_office_serving_on_cuti_bersama(office):
    office.serves_on_cuti_bersama = True
    office.save(update_fields=["serves_on_cuti_bersama"])
    # 24 Dec (cuti bersama) counts there: 24, 28, 29.
    assert working_days_after(office, D(2026, 12, 23), 3) == D(2026, 12, 29)


@pytest.mark.django_db
def test_headquarters_cancelling_a_cuti_bersama_day_opens_it_everywhere(office, other_office):
    calendar_day_set(office=None, date=D(2026, 3, 18), kind=CalendarDayKind.WORKING_DAY, by=None)
    for each in (office, other_office):
        assert is_working_day(each, D(2026, 3, 18))
    # Paid Tue 17 March: 18 (1), then 25 (2) and 26 (3) after the long Idul Fitri break.
    assert working_days_after(office, D(2026, 3, 17), 3) == D(2026, 3, 26)


@pytest.mark.django_db
def test_headquarters_making_a_package_cuti_bersama_a_holiday_closes_it_everywhere(office):
    office.serves_on_cuti_bersama = True
    office.save(update_fields=["serves_on_cuti_bersama"])
    assert is_working_day(office, D(2026, 5, 15))
    calendar_day_set(
        office=None, date=D(2026, 5, 15), kind=CalendarDayKind.NATIONAL_HOLIDAY, by=None
    )
    assert not is_working_day(office, D(2026, 5, 15))


@pytest.mark.django_db
def test_the_office_has_the_last_word_over_headquarters(office, other_office):
    # Headquarters cancels the estimated holiday; one office still closes that day.
    calendar_day_set(office=None, date=D(2027, 3, 11), kind=CalendarDayKind.WORKING_DAY, by=None)
    calendar_day_set(
        office=office, date=D(2027, 3, 11), kind=CalendarDayKind.OFFICE_CLOSURE, by=None
    )
    assert not is_working_day(office, D(2027, 3, 11))
    assert is_working_day(other_office, D(2027, 3, 11))
    # An office may open on a national holiday of its own accord.
    calendar_day_set(office=office, date=D(2026, 8, 17), kind=CalendarDayKind.WORKING_DAY, by=None)
    assert is_working_day(office, D(2026, 8, 17))
    assert not is_working_day(other_office, D(2026, 8, 17))


@pytest.mark.django_db
def test_counting_from_a_date_and_back_agree_over_2026(office):
    calendar = OfficeCalendar(office)
    for offset in range(0, 365, 3):
        start = D(2026, 1, 1) + dt.timedelta(days=offset)
        due = calendar.working_days_after(start, 3)
        assert calendar.working_days_between(start, due) == 3
        assert calendar.is_working_day(due)


# 2025 by the joint decree (SKB 3 Menteri) as amended: Nyepi Sat 29 Mar; Idul Fitri 31 Mar and
# 1 Apr with cuti bersama 28 Mar and 2, 3, 4, 7 Apr; 18 Aug added as cuti bersama in August.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("serves_cuti", "paid", "due"),
    [
        # Fri 28 cuti, 29–30 weekend, 31 and 1 Idul Fitri, 2–4 cuti, 5–6 weekend, 7 cuti:
        # 8 (1), 9 (2), 10 (3).
        (False, D(2025, 3, 27), D(2025, 4, 10)),
        # Serving on cuti bersama: 28 Mar (1), 2 Apr (2), 3 Apr (3).
        (True, D(2025, 3, 27), D(2025, 4, 3)),
        # 16–17 weekend (17 Aug a Sunday), Mon 18 cuti: 19, 20, 21.
        (False, D(2025, 8, 15), D(2025, 8, 21)),
        (True, D(2025, 8, 15), D(2025, 8, 20)),
    ],
)
def test_three_working_days_in_2025(office, serves_cuti, paid, due):
    office.serves_on_cuti_bersama = serves_cuti
    office.save(update_fields=["serves_on_cuti_bersama"])
    assert working_days_after(office, paid, 3) == due


# --- The years the calendar takes ----------------------------------------------------------------


def test_the_calendar_takes_last_year_to_five_years_ahead():
    assert calendar_years() == (2025, 2031)
    assert calendar_years(D(2027, 1, 1)) == (2026, 2032)


@pytest.mark.django_db
@pytest.mark.parametrize("day", [D(2025, 1, 1), D(2031, 12, 31)])
def test_a_date_at_either_end_of_the_window_is_taken(office, day):
    calendar_day_set(office=office, date=day, kind=CalendarDayKind.OFFICE_CLOSURE, by=None)
    assert CalendarDay.objects.filter(date=day).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("day", [D(2024, 12, 31), D(2032, 1, 1), D(9999, 12, 31), D(1, 1, 1)])
def test_a_date_outside_the_window_is_refused_as_a_typing_slip(office, day):
    with pytest.raises(DomainError) as refused:
        calendar_day_set(office=None, date=day, kind=CalendarDayKind.NATIONAL_HOLIDAY, by=None)
    assert refused.value.code == "calendar_date" and refused.value.status == 400
    assert "hanya tahun 2025 sampai 2031" in refused.value.message
    assert not CalendarDay.objects.exists()
    assert not AuditEntry.objects.filter(event="calendar.day_set").exists()


@pytest.mark.django_db
def test_csv_import_names_each_line_outside_the_window_and_imports_nothing(office):
    text = "date,kind,name\n2026-12-02,closure,Rapat\n2062-12-02,closure,Salah\n9999-01-01,cuti\n"
    result = calendar_import_csv(office=office, text=text, by=None)
    assert result.imported == 0
    assert [error.split(":")[0] for error in result.errors] == ["Baris 3", "Baris 4"]
    assert "Tanggal 2062-12-02 di luar kalender yang dapat diatur" in result.errors[0]
    assert not CalendarDay.objects.exists()


@pytest.mark.django_db
def test_the_import_command_fails_naming_the_line(office, tmp_path):
    path = tmp_path / "kalender.csv"
    path.write_text("date,kind\n2099-01-01,holiday\n")
    with pytest.raises(CommandError, match="Baris 2: Tanggal 2099-01-01 di luar"):
        call_command("import_calendar", str(path))


@pytest.mark.django_db
def test_a_row_left_from_before_the_window_may_still_be_removed(office):
    old = CalendarDay.objects.create(date=D(9999, 12, 31), kind=CalendarDayKind.NATIONAL_HOLIDAY)
    pk = old.pk
    calendar_day_remove(day=old, by=None)
    assert not CalendarDay.objects.exists()
    assert AuditEntry.objects.get(event="calendar.day_removed").subject_id == str(pk)
