"""The working-day calendar in the admin writes through the calendar service.

Every day headquarters adds, changes or deletes is audited as the import and the service
audit it, including days removed with "delete selected"; a national row says "nasional"
(English: "national") instead of a dash.
"""

from __future__ import annotations

import datetime as dt

import pytest
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
        )
        for d in (23, 24)
    ]
    response = client_for(hq_user).post(
        reverse("admin:offices_calendarday_changelist"),
        {
            "action": "delete_selected",
            helpers.ACTION_CHECKBOX_NAME: [day.pk for day in days],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(pk__in=[day.pk for day in days]).exists()
    assert AuditEntry.objects.filter(event="calendar.day_removed").count() == 2


@pytest.mark.parametrize(("language", "reads"), [("id", "nasional"), ("en", "national")])
def test_a_national_day_reads_national_in_the_list(client_for, hq_user, language, reads):
    calendar_day_set(office=None, date=dt.date(2027, 12, 24), kind="holiday", by=None)
    client = client_for(hq_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("admin:offices_calendarday_changelist")).content.decode()
    assert f'<td class="field-office_or_national">{reads}</td>' in page
