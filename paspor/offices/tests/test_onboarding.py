"""Putting a new office into service from the admin (docs/onboarding.md).

A new office stays out of the public list until every blocking step of its setup is done; the
admin's office page lists the steps. The layout saves through the offices services, which
refuse what would not work: a counter serving a station its office lacks, a route through a
missing station, a ticket letter another service uses, a zone change under bookings.
"""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from conftest import make_user, refusal
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.booking.models import ApplicantProfile, ArrivalSession, Booking, Pool, QuotaDefault
from paspor.booking.services import quota_default_set, session_set
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.models import Counter, Office, OfficeService, Station
from paspor.offices.readiness import office_readiness
from paspor.offices.services import (
    office_close,
    office_open,
    office_service_set,
    office_set,
    station_set,
)
from paspor.offices.tests.conftest import NEW_OFFICE, lay_out, office_post, staff

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 10)


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def new_office() -> Office:
    return office_set(**NEW_OFFICE, serves_on_cuti_bersama=False, by=None)


def missing(office: Office) -> list[str]:
    return [step.key for step in office_readiness(office, today=TODAY).blocking]


# --- The office itself ------------------------------------------------------------------


def test_a_new_office_saved_in_the_admin_stays_out_of_the_public_list(client_for, setup_officer):
    client = client_for(setup_officer)
    response = client.post(reverse("admin:offices_office_add"), office_post())
    assert response.status_code == 302, page_of(response)[:3000]
    office = Office.objects.get(code="denpasar")
    assert not office.is_active
    assert office.time_zone == "Asia/Makassar"
    assert AuditEntry.objects.filter(event="office.created", actor=setup_officer).exists()
    # The opening hours typed with it went through their service too.
    assert AuditEntry.objects.filter(event="office.hours_set").count() == 5
    assert "Denpasar" not in client_for(None).get(reverse("booking:offices")).content.decode()
    assert client_for(None).get("/api/offices/").json() == []


def test_the_add_form_starts_with_the_office_out_of_service(client_for, setup_officer):
    page = client_for(setup_officer).get(reverse("admin:offices_office_add")).content.decode()
    assert 'name="is_active"' in page
    assert 'name="is_active" id="id_is_active" checked' not in page
    assert "tidak dapat diubah setelah disimpan" in page  # the code's help


def test_an_office_half_set_up_is_refused_the_public_list_in_words(client_for, setup_officer):
    response = client_for(setup_officer).post(
        reverse("admin:offices_office_add"), office_post(active=True)
    )
    assert response.status_code == 200
    page = page_of(response)
    assert (
        "Kantor belum dapat dibuka untuk publik. Belum lengkap: Jam layanan; Pos layanan;" in page
    )
    assert "Akun perangkat kios" in page
    assert not Office.objects.filter(code="denpasar").exists()


def test_the_office_page_lists_what_is_missing_with_where_to_set_it(client_for, setup_officer):
    office = new_office()
    page = page_of(
        client_for(setup_officer).get(reverse("admin:offices_office_change", args=[office.pk]))
    )
    assert "Belum ada pos layanan." in page
    assert f"/admin/offices/station/add/?office={office.pk}" in page
    assert f"/booking/{office.code}/kuota/" in page  # sessions and quotas
    assert "denpasar" in page and 'name="code"' not in page  # the code is kept


def test_an_office_opens_once_every_blocking_step_is_done():
    office = new_office()
    assert "stations" in missing(office) and "kiosk" in missing(office)
    lay_out(office)
    assert missing(office) == ["officers", "supervisor", "kiosk"]
    staff(office)
    assert missing(office) == []
    office_open(office=office, by=None)
    office.refresh_from_db()
    assert office.is_active
    assert AuditEntry.objects.filter(event="office.opened", chain="denpasar").exists()


def test_an_office_taken_out_of_service_is_no_office_for_booking_at_once(
    django_capture_on_commit_callbacks,
):
    from paspor.booking.selectors import office_by_code

    office = new_office()
    lay_out(office)
    staff(office)
    with django_capture_on_commit_callbacks(execute=True):
        office_open(office=office, by=None)
    assert office_by_code("denpasar") is not None  # cached for a minute from here
    with django_capture_on_commit_callbacks(execute=True):
        office_close(office=office, by=None)
    assert office_by_code("denpasar") is None


def test_opening_is_refused_with_the_missing_steps_named():
    office = new_office()
    lay_out(office)
    refused = refusal(office_open, office=office, by=None)
    assert refused.code == "office_not_ready"
    assert refused.message.startswith(
        "Kantor belum dapat dibuka untuk publik. Belum lengkap: Petugas bersertifikat untuk "
        "setiap pos; Supervisor; Akun perangkat kios."
    )
    assert not Office.objects.get(pk=office.pk).is_active


def test_an_officer_whose_certification_expired_does_not_staff_a_station():
    office = new_office()
    lay_out(office)
    staff(office)
    assert missing(office) == []
    later = office_readiness(office, today=dt.date(2036, 1, 2))  # certificates end 2035
    assert [step.key for step in later.blocking] == ["officers"]
    assert "Pemeriksaan berkas" in later.blocking[0].missing


def test_an_account_that_cannot_sign_in_does_not_count_as_staff():
    from paspor.accounts.models import User

    office = new_office()
    lay_out(office)
    staff(office)
    assert missing(office) == []
    # The kiosk's password sign-in switched off (the admin's password page offers it): the
    # lobby would have no kiosk on the first day.
    kiosk = User.objects.get(username="denpasar-kios")
    kiosk.set_unusable_password()
    kiosk.save(update_fields=["password"])
    assert missing(office) == ["kiosk"]
    supervisor = User.objects.get(username="denpasar-kasubsi")
    supervisor.is_active = False
    supervisor.save(update_fields=["is_active"])
    assert missing(office) == ["supervisor", "kiosk"]


def test_a_session_outside_the_opening_hours_is_pointed_out():
    office = new_office()
    lay_out(office)
    session_set(office=office, start=dt.time(17), end=dt.time(18), by=None)
    step = next(
        s for s in office_readiness(office, today=TODAY).steps if s.key == "sessions_in_hours"
    )
    assert not step.done and not step.blocking
    assert "17.00–18.00" in step.missing


# --- The layout ---------------------------------------------------------------------------


def test_a_counter_serves_only_stations_of_its_own_office(client_for, setup_officer, office):
    """The counter form names station types, not rows: another office's station cannot be
    picked, and a type the office lacks is refused in words."""
    denpasar = new_office()
    ketapang_intake = Station.objects.get(office=office, station_type="intake")
    client = client_for(setup_officer)
    post = {"office": denpasar.pk, "number": "1", "name": "Loket 1", "is_active": "on"}
    response = client.post(
        reverse("admin:offices_counter_add"),
        {**post, "station_types": ["intake"], "stations": [ketapang_intake.pk]},
    )
    assert response.status_code == 200
    assert "Kantor Imigrasi Kelas I TPI Denpasar belum punya pos Pemeriksaan berkas" in page_of(
        response
    )
    station_set(office=denpasar, station_type="intake", default_service_minutes=6, by=None)
    response = client.post(
        reverse("admin:offices_counter_add"), {**post, "station_types": ["intake"]}
    )
    assert response.status_code == 302
    counter = Counter.objects.get(office=denpasar, number=1)
    assert [s.office_id for s in counter.stations.all()] == [denpasar.pk]
    assert AuditEntry.objects.filter(event="office.counter_set", actor=setup_officer).exists()


def service_post(office: Office, **changes: str) -> dict[str, object]:
    return {
        "office": office.pk,
        "kind": "regular",
        "ticket_prefix": "A",
        "route_1": "intake",
        "route_2": "biometrics",
        "route_3": "",
        "route_4": "",
        "walk_in_daily_cap": "0",
        "is_active": "on",
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "refused"),
    [
        ({"route_2": "handover"}, "belum punya pos Penyerahan paspor"),
        ({"route_2": "intake"}, "Satu pos hanya sekali dalam rute layanan."),
        ({"ticket_prefix": "a1"}, "Huruf nomor antrean: satu atau dua huruf A–Z"),
        ({"kind": "express", "ticket_prefix": "A"}, "Huruf A sudah dipakai layanan Paspor reguler"),
    ],
)
def test_a_service_that_would_not_work_is_refused_in_words(
    client_for, setup_officer, changes, refused
):
    office = new_office()
    for station_type in ("intake", "biometrics"):
        station_set(office=office, station_type=station_type, default_service_minutes=8, by=None)
    client = client_for(setup_officer)
    if changes.get("kind") == "express":
        assert (
            client.post(
                reverse("admin:offices_officeservice_add"), service_post(office)
            ).status_code
            == 302
        )
    response = client.post(
        reverse("admin:offices_officeservice_add"), service_post(office, **changes)
    )
    assert response.status_code == 200
    assert refused in page_of(response)


def test_a_service_saved_in_the_admin_keeps_its_route_and_a_capital_letter(
    client_for, setup_officer
):
    office = new_office()
    for station_type in ("intake", "biometrics"):
        station_set(office=office, station_type=station_type, default_service_minutes=8, by=None)
    response = client_for(setup_officer).post(
        reverse("admin:offices_officeservice_add"), service_post(office, ticket_prefix="b")
    )
    assert response.status_code == 302
    service = OfficeService.objects.get(office=office)
    assert (service.ticket_prefix, service.route) == ("B", ["intake", "biometrics"])
    page = client_for(setup_officer).get(
        reverse("admin:offices_officeservice_change", args=[service.pk])
    )
    assert '<option value="biometrics" selected>' in page.content.decode()


def test_a_station_on_a_route_is_not_removed(client_for, admin_user):
    office = new_office()
    lay_out(office)
    station = Station.objects.get(office=office, station_type="biometrics")
    response = client_for(admin_user).post(
        reverse("admin:offices_station_delete", args=[station.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert Station.objects.filter(pk=station.pk).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Pos ini masih ada di rute layanan Paspor reguler; ubah rutenya dulu."]


def test_a_pool_service_stays_open_while_its_pool_has_a_quota():
    office = new_office()
    lay_out(office)
    staff(office)
    office_open(office=office, by=None)
    refused = refusal(
        office_service_set,
        office=office,
        kind="regular",
        ticket_prefix="A",
        route=["intake", "biometrics"],
        walk_in=False,
        walk_in_daily_cap=0,
        is_active=False,
        by=None,
    )
    assert isinstance(refused, Conflict) and refused.code == "service_booked"


def booking_at(office: Office, day: dt.date) -> Booking:
    account = make_user("pemohon-dps", email="pemohon-dps@example.com")
    profile = ApplicantProfile.objects.create(
        account=account,
        nik="5171014101900001",
        full_name="Ni Luh Putu",
        sex="F",
        birth_date=dt.date(1990, 1, 1),
        birth_place="Denpasar",
    )
    return Booking.objects.create(
        code="DPS0000001",
        office=office,
        profile=profile,
        nik=profile.nik,
        date=day,
        window_start=dt.time(8),
        window_end=dt.time(10),
        session=ArrivalSession.objects.filter(office=office).first(),
        application_type="new_adult",
    )


def test_an_office_with_bookings_keeps_its_zone_and_stays_listed():
    office = new_office()
    lay_out(office)
    staff(office)
    office_open(office=office, by=None)
    booking_at(office, dt.date.today() + dt.timedelta(days=7))
    fields = {**NEW_OFFICE, "time_zone": "Asia/Jakarta"}
    assert refusal(office_set, **fields, serves_on_cuti_bersama=False, by=None).code == (
        "zone_in_use"
    )
    assert refusal(office_close, office=office, by=None).code == "office_has_bookings"
    assert Office.objects.get(pk=office.pk).time_zone == "Asia/Makassar"


def test_an_office_code_is_letters_digits_and_hyphens():
    fields = {**NEW_OFFICE, "code": "Denpasar_1"}
    refused = refusal(office_set, **fields, serves_on_cuti_bersama=False, by=None)
    assert isinstance(refused, DomainError) and refused.code == "office_code"


def test_opening_hours_rows_are_named_by_their_day(client_for, setup_officer):
    office = new_office()
    lay_out(office)
    page = page_of(
        client_for(setup_officer).get(reverse("admin:offices_office_change", args=[office.pk]))
    )
    assert "Senin 08:00–16:00" in page
    # Office-local clock times: no note telling the reader to type them in the server's zone.
    assert "vTimeField" not in page


def test_the_staff_home_of_an_administrator_links_to_the_offices_and_their_readiness(
    client_for, admin_user
):
    from paspor.accounts.services import staff_assign

    staff_assign(user=admin_user, office=None, role=Role.ADMIN, by=None)
    page = client_for(admin_user).get(reverse("portal:staff_home")).content.decode()
    assert reverse("admin:offices_office_changelist") in page
    assert "Kantor dan kesiapannya" in page


def test_the_office_list_says_how_many_blocking_steps_are_left(client_for, setup_officer):
    new_office()
    page = client_for(setup_officer).get(reverse("admin:offices_office_changelist"))
    assert "langkah wajib belum" in page.content.decode()


def test_a_new_office_quota_needs_its_pool_service():
    office = new_office()
    lay_out(office)
    staff(office)
    session = ArrivalSession.objects.get(office=office)
    quota_default_set(
        office=office, weekday=0, session=session, pool=Pool.PRIORITY, capacity=5, by=None
    )
    assert missing(office) == ["services"]
    assert QuotaDefault.objects.filter(office=office, pool=Pool.PRIORITY).exists()
    assert (
        "Layanan prioritas (Ramah HAM)" in office_readiness(office, today=TODAY).blocking[0].missing
    )


def test_an_office_is_taken_out_of_service_not_deleted_in_the_admin(client_for, admin_user):
    office = new_office()
    page = client_for(admin_user).get(reverse("admin:offices_office_change", args=[office.pk]))
    assert reverse("admin:offices_office_delete", args=[office.pk]) not in page.content.decode()
    refused = client_for(admin_user).post(
        reverse("admin:offices_office_delete", args=[office.pk]), {"post": "yes"}
    )
    assert refused.status_code == 403
    assert Office.objects.filter(pk=office.pk).exists()


def test_adding_an_office_with_a_code_in_use_says_only_that(client_for, setup_officer):
    """The check ran the office service on the office that has the code: its refusal (that
    office's bookings) was said as if it were about the new one."""
    office = new_office()
    lay_out(office)
    staff(office)
    office_open(office=office, by=None)
    booking_at(office, dt.date.today() + dt.timedelta(days=7))
    response = client_for(setup_officer).post(reverse("admin:offices_office_add"), office_post())
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["code"]
    assert "masih punya" not in page_of(response)
    assert Office.objects.get(code="denpasar").is_active
