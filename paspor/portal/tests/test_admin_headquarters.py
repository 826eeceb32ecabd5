"""Headquarters keeps the fee schedule, the holiday calendar and the travel-ban watch-list in
the Django admin (docs/roles.md), by its role alone: no Django staff flag, no per-user model
permission. Everything else in the admin stays with administrators."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.offices.models import CalendarDay
from paspor.payments.models import Fee

pytestmark = pytest.mark.django_db


def test_headquarters_opens_the_admin_and_sees_only_its_own_rows(client_for, hq_user):
    assert not hq_user.is_staff  # the role is enough
    client = client_for(hq_user)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    body = index.content.decode()
    for model in ("payments/fee", "offices/calendarday", "cases/travelbanentry"):
        assert f"/admin/{model}/" in body
    assert "/admin/booking/booking/" not in body
    assert client.get("/admin/booking/booking/").status_code == 403
    assert client.get("/admin/accounts/user/").status_code == 403


def test_headquarters_enters_a_collective_leave_day_and_it_is_audited(client_for, hq_user):
    client = client_for(hq_user)
    response = client.post(
        reverse("admin:offices_calendarday_add"),
        {
            "date": "2027-12-24",
            "kind": "cuti_bersama",
            "name": "Cuti bersama Natal",
            "source": "SKB 3 Menteri 2027",
            "office": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    day = CalendarDay.objects.get(date=dt.date(2027, 12, 24), office__isnull=True)
    assert AuditEntry.objects.filter(  # saved by the calendar's own service
        event="calendar.day_set", subject_id=str(day.pk), actor=hq_user
    ).exists()
    # A day entered wrongly can be taken out again.
    deleted = client.post(
        reverse("admin:offices_calendarday_delete", args=[day.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 302
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
    assert AuditEntry.objects.filter(
        event="calendar.day_removed", subject_id=str(day.pk), actor=hq_user
    ).exists()


def test_headquarters_may_not_delete_a_fee_row(client_for, hq_user):
    fee = Fee.objects.first()
    assert fee is not None  # the schedule's rows come with the migrations
    client = client_for(hq_user)
    assert client.get(reverse("admin:payments_fee_change", args=[fee.pk])).status_code == 200
    assert client.get(reverse("admin:payments_fee_delete", args=[fee.pk])).status_code == 403


def test_a_head_of_office_does_not_get_into_the_admin(client_for, head_of_office):
    response = client_for(head_of_office).get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
