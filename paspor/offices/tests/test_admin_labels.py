"""The admin speaks the reader's language about offices and the calendar.

Headquarters keeps the working-day calendar in the admin. A date entered twice must be
refused in words staff understand, not by the database constraint's code name; and the
section headers and field labels follow the page's language instead of staying Indonesian
(or English) whatever the reader chose.
"""

import datetime as dt
import html
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from paspor.offices.models import (
    CalendarDay,
    CalendarDayKind,
    Counter,
    Office,
    OfficeService,
    OpeningHours,
    Station,
)

pytestmark = pytest.mark.django_db

APP_SECTIONS_IN_ENGLISH = {
    "accounts": "Accounts and roles",
    "audit": "Audit trail",
    "booking": "Queue booking",
    "cases": "Applications",
    "complaints": "Complaints",
    "issuance": "Passport issuance",
    "notifications": "Notifications",
    "offices": "Offices",
    "operations": "Operations",
    "payments": "Payments",
    "portal": "Portal",
    "queueing": "Office queues",
    "reports": "Reports",
    "surveys": "Satisfaction survey",
}


def add_day(client, *, office="", date="2027-12-24"):
    return client.post(
        reverse("admin:offices_calendarday_add"),
        {
            "date": date,
            "kind": CalendarDayKind.CUTI_BERSAMA,
            "name": "Cuti bersama Natal",
            "source": "SKB 3 Menteri 2027",
            "office": office,
        },
    )


def refusal_on(response):
    assert response.status_code == 200  # the form again, with its errors
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("language", "refused"),
    [
        ("id", "Tanggal ini sudah ada di kalender nasional; ubah baris yang sudah ada."),
        ("en", "This date is already in the national calendar; change the existing row."),
    ],
)
def test_a_national_day_entered_twice_is_refused_in_words(client_for, hq_user, language, refused):
    client = client_for(hq_user)
    assert add_day(client).status_code == 302
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = refusal_on(add_day(client))
    assert refused in page
    assert "calendar_day_once_nationally" not in page
    assert CalendarDay.objects.filter(date=dt.date(2027, 12, 24)).count() == 1


def test_an_office_day_entered_twice_is_refused_in_words(client_for, hq_user, office):
    client = client_for(hq_user)
    assert add_day(client, office=office.pk).status_code == 302
    page = refusal_on(add_day(client, office=office.pk))
    assert "Tanggal ini sudah ada di kalender kantor ini; ubah baris yang sudah ada." in page
    assert "Office" not in page.split('id="calendarday_form"')[1]


def test_opening_hours_that_close_before_they_open_are_refused_in_words(office):
    hours = OpeningHours(office=office, weekday=5, opens=dt.time(12), closes=dt.time(8))
    with pytest.raises(ValidationError) as refused:
        hours.validate_constraints()
    assert refused.value.messages == ["Jam buka harus sebelum jam tutup."]


@pytest.mark.parametrize(
    "model", [Office, OpeningHours, Station, Counter, OfficeService, CalendarDay]
)
def test_every_field_of_the_offices_has_a_translated_name(model):
    unnamed = [
        field.name
        for field in model._meta.get_fields()
        if field.concrete and not field.primary_key and not isinstance(field.verbose_name, Promise)
    ]
    assert unnamed == []


def test_the_calendar_form_labels_the_office_in_the_pages_language(client_for, hq_user):
    client = client_for(hq_user)
    page = client.get(reverse("admin:offices_calendarday_add")).content.decode()
    assert '<label for="id_office">Kantor:</label>' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("admin:offices_calendarday_add")).content.decode()
    assert '<label for="id_office">Office:</label>' in page


def test_every_app_names_its_admin_section_in_the_pages_language():
    ours = [config for config in apps.get_app_configs() if config.name.startswith("paspor.")]
    assert {config.label for config in ours} == set(APP_SECTIONS_IN_ENGLISH)
    with translation.override("en"):
        assert {config.label: str(config.verbose_name) for config in ours} == (
            APP_SECTIONS_IN_ENGLISH
        )


def test_the_admin_index_heads_its_sections_in_english_on_an_english_page(client_for, hq_user):
    client = client_for(hq_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("admin:index")).content.decode()
    sections = re.findall(r'class="section">([^<]+)</a>', page)
    assert sections == ["Applications", "Offices", "Payments"]


@pytest.mark.django_db
def test_a_calendar_day_names_its_date_and_place_in_words():
    from django.utils import translation

    from paspor.offices.models import CalendarDay, CalendarDayKind

    day = CalendarDay(date=dt.date(2026, 12, 2), kind=CalendarDayKind.CUTI_BERSAMA)
    with translation.override("id"):
        assert str(day) == "2 Desember 2026 Cuti bersama (nasional)"
    with translation.override("en"):
        assert str(day).startswith("2 December 2026") and str(day).endswith("(national)")
