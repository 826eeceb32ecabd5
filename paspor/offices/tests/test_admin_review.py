"""The working-day calendar in the admin writes through the calendar service.

Every day headquarters adds, changes or deletes is audited as the import and the service
audit it, including days removed with "delete selected"; a national row says "nasional"
(English: "national") instead of a dash. A year outside the calendar's window is said at the
date field with the input kept, and the year list never breaks on a year at the calendar's end.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.admin import helpers
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.offices.models import CalendarDay
from paspor.offices.services import calendar_day_set

pytestmark = pytest.mark.django_db


def test_a_day_added_in_the_admin_is_set_through_the_service(client_for, hq_user):
    response = client_for(hq_user).post(
        reverse("admin:offices_calendarday_add"),
        {"date": "2027-12-24", "kind": "cuti_bersama", "name": "Natal", "source": "SKB"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(event="calendar.day_set").count() == 1


def test_days_deleted_together_are_each_audited(client_for, hq_user):
    days = [
        calendar_day_set(
            office=None, date=dt.date(2027, 12, d), kind="cuti_bersama", name="Uji", by=None
        ).day
        for d in (23, 24)
    ]
    response = client_for(hq_user).post(
        reverse("admin:offices_calendarday_changelist"),
        {
            "action": "delete_selected",
            helpers.ACTION_CHECKBOX_NAME: [day.pk for day in days if day is not None],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(pk__in=[day.pk for day in days if day]).exists()
    assert AuditEntry.objects.filter(event="calendar.day_removed").count() == 2


@pytest.mark.parametrize(("language", "reads"), [("id", "nasional"), ("en", "national")])
def test_a_national_day_reads_national_in_the_list(client_for, hq_user, language, reads):
    calendar_day_set(office=None, date=dt.date(2027, 12, 24), kind="holiday", by=None)
    client = client_for(hq_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("admin:offices_calendarday_changelist")).content.decode()
    assert f'<td class="field-office_or_national">{reads}</td>' in page


IN_2026 = dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("language", "says"),
    [
        (
            "id",
            "Tanggal 9999-12-31 di luar kalender yang dapat diatur: hanya tahun 2025 sampai 2031",
        ),
        ("en", "The date 9999-12-31 is outside the calendar that can be set: only the years 2025"),
    ],
)
def test_a_mistyped_year_is_said_at_the_date_and_the_input_stays(
    client_for, hq_user, language, says
):
    client = client_for(hq_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with time_machine.travel(IN_2026, tick=False):
        response = client.post(
            reverse("admin:offices_calendarday_add"),
            {"date": "9999-12-31", "kind": "cuti_bersama", "name": "Natal", "source": "SKB"},
        )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert says in " ".join(form.errors["date"])
    assert not form.non_field_errors()
    page = response.content.decode()
    assert 'value="9999-12-31"' in page and 'value="Natal"' in page
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("date__year=9999", 302),
        ("date__year=9999&date__month=12", 302),
        ("date__year=9999&date__month=12&date__day=31", 302),
        ("date__year=0", 302),
        ("date__year=10000", 302),
        ("date__year=1&date__month=1&date__day=1", 200),  # the first day there is: an empty list
    ],
)
def test_the_year_list_at_the_end_of_the_calendar_is_a_bad_filter_not_a_server_error(
    client_for, hq_user, query, status
):
    # A row left from before the calendar took only sensible years.
    CalendarDay.objects.create(date=dt.date(9999, 12, 31), kind="holiday", name="Salah ketik")
    client = client_for(hq_user)
    changelist = reverse("admin:offices_calendarday_changelist")
    assert client.get(changelist).status_code == 200
    response = client.get(f"{changelist}?{query}")
    assert response.status_code == status
    if status == 302:  # Django's notice for an impossible filter, on the whole list
        assert response["Location"].endswith("?e=1")
        assert client.get(response["Location"]).status_code == 200
