"""A new office put into service from the product's own screens, end to end (docs/onboarding.md).

Headquarters (allowed by an administrator to set up offices) adds Denpasar, a WITA office,
in the admin: the office with its opening hours, two stations, two counters, the regular
service; its arrival session and weekday quota on the quota page; its kiosk, board and
officers with roles and certificates; then opens it. An applicant books there; on the day the
office's kiosk checks the booking in, the board shows the ticket, the office's intake officer
calls it; Ketapang's staff see none of it, and Denpasar's staff none of Ketapang's.
"""

from __future__ import annotations

import datetime as dt
import html
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import User
from paspor.booking.models import ApplicantProfile, ArrivalSession, Pool
from paspor.booking.rules import Answers, OldPassport
from paspor.booking.services import booking_create
from paspor.offices.models import Counter, Office, OpeningHours, Station
from paspor.offices.tests.conftest import NEW_OFFICE, inline_forms, office_post
from paspor.queueing.models import Ticket, TicketStatus

pytestmark = pytest.mark.django_db

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
SETUP_DAY = dt.datetime(2026, 6, 10, 10, 0, tzinfo=WITA)  # a Wednesday
VISIT_DAY = dt.date(2026, 6, 15)  # the next Monday, a working day
PASSWORD = "Uji-Kantor-Baru-2026!"


def saved(response) -> None:
    assert response.status_code == 302, html.unescape(response.content.decode())[:3000]


def add_account(client, office: Office, username: str, role: str, *stations: str) -> User:
    certificates = [
        {
            "station_type": station,
            "certificate_number": f"PUSDIKLAT-{username}-{station}",
            "issued_on": "2026-01-05",
            "expires_on": "2028-12-31",
            "issuer": "Pusdiklat Imigrasi",
        }
        for station in stations
    ]
    saved(
        client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": username,
                "usable_password": "true",
                "password1": PASSWORD,
                "password2": PASSWORD,
                **inline_forms(
                    "assignments", [{"office": office.pk, "role": role, "is_active": "on"}]
                ),
                **inline_forms("certifications", certificates),
            },
        )
    )
    return User.objects.get(username=username)


def set_up_denpasar(client) -> tuple[Office, dict[str, User]]:
    saved(client.post(reverse("admin:offices_office_add"), office_post()))
    office = Office.objects.get(code="denpasar")
    for station_type, minutes in (("intake", "6"), ("biometrics", "9")):
        saved(
            client.post(
                reverse("admin:offices_station_add"),
                {
                    "office": office.pk,
                    "station_type": station_type,
                    "name": "",
                    "default_service_minutes": minutes,
                },
            )
        )
    for number, station_type in ((1, "intake"), (2, "biometrics")):
        saved(
            client.post(
                reverse("admin:offices_counter_add"),
                {
                    "office": office.pk,
                    "number": str(number),
                    "name": f"Loket {number}",
                    "station_types": [station_type],
                    "is_active": "on",
                },
            )
        )
    saved(
        client.post(
            reverse("admin:offices_officeservice_add"),
            {
                "office": office.pk,
                "kind": "regular",
                "ticket_prefix": "A",
                "route_1": "intake",
                "route_2": "biometrics",
                "walk_in_daily_cap": "0",
                "is_active": "on",
            },
        )
    )
    quota_page = reverse("booking:staff_quota", kwargs={"office": "denpasar"})
    saved(client.post(quota_page, {"action": "session_add", "start": "10:00", "end": "12:00"}))
    saved(
        client.post(
            quota_page,
            {
                "action": "quota",
                "weekday": "0",
                "date": "",
                "session": "10:00",
                "pool": Pool.REGULAR,
                "capacity": "20",
                "reason": "",
            },
        )
    )
    people = {
        "kiosk": add_account(client, office, "dps.kios", "kiosk"),
        "display": add_account(client, office, "dps.layar", "display"),
        "intake": add_account(client, office, "dps.loket", "intake", "intake"),
        "biometrics": add_account(client, office, "dps.bio", "biometrics", "biometrics"),
        "supervisor": add_account(client, office, "dps.kasubsi", "supervisor", "intake"),
    }
    return office, people


def open_to_the_public(client, office: Office):
    hours = list(OpeningHours.objects.filter(office=office).order_by("weekday"))
    rows = [
        {
            "id": h.pk,
            "office": office.pk,
            "weekday": h.weekday,
            "opens": f"{h.opens:%H:%M}",
            "closes": f"{h.closes:%H:%M}",
        }
        for h in hours
    ]
    data = {k: v for k, v in NEW_OFFICE.items() if k != "code"}
    data |= {"is_active": "on", **inline_forms("opening_hours", rows, initial=len(rows))}
    return client.post(reverse("admin:offices_office_change", args=[office.pk]), data)


def test_headquarters_puts_a_new_office_into_service_from_the_admin(
    client_for, setup_officer, office, intake_officer, kiosk, django_capture_on_commit_callbacks
):
    cache.clear()
    hq = client_for(setup_officer)
    with time_machine.travel(SETUP_DAY, tick=False):
        # Cached setups are forgotten after commit, as when the pages run for real.
        with django_capture_on_commit_callbacks(execute=True):
            denpasar, people = set_up_denpasar(hq)
        anyone = client_for(None).get(reverse("booking:offices")).content.decode()
        assert "Denpasar" not in anyone
        with django_capture_on_commit_callbacks(execute=True):
            saved(open_to_the_public(hq, denpasar))
        denpasar.refresh_from_db()
        assert denpasar.is_active

        public = client_for(None)
        assert (
            "Kantor Imigrasi Kelas I TPI Denpasar"
            in public.get(reverse("booking:offices")).content.decode()
        )
        day_page = public.get(
            reverse("booking:availability", kwargs={"office": "denpasar"}),
            {"tanggal": VISIT_DAY.isoformat()},
        ).content.decode()
        assert "(jam WITA)" in day_page and "10.00–<wbr>12.00" in day_page
        assert "20 kursi" in day_page

        applicant = make_user("ni.luh", email="ni.luh@example.com")
        applicant.email_verified = True
        applicant.save(update_fields=["email_verified"])
        profile = ApplicantProfile.objects.create(
            account=applicant,
            nik="5171014101900001",
            full_name="Ni Luh Putu Ayu",
            sex="F",
            birth_date=dt.date(1990, 1, 1),
            birth_place="Denpasar",
        )
        booking = booking_create(
            account=applicant,
            profile=profile,
            office=denpasar,
            day=VISIT_DAY,
            session=ArrivalSession.objects.get(office=denpasar),
            pool=Pool.REGULAR,
            answers=Answers(old_passport=OldPassport.NONE),
        )

    with time_machine.travel(dt.datetime(2026, 6, 15, 10, 30, tzinfo=WITA), tick=False):
        # Ketapang's kiosk does not take Denpasar's booking; Denpasar's kiosk does.
        ktp = {"code": booking.code, "nik": "5171014101900001"}
        refused = client_for(kiosk).post(
            reverse("queueing:kiosk_check_in", kwargs={"office": "ketapang"}), ktp
        )
        assert "bukan kantor ini" in html.unescape(refused.content.decode())
        checked_in = client_for(people["kiosk"]).post(
            reverse("queueing:kiosk_check_in", kwargs={"office": "denpasar"}), ktp
        )
        assert checked_in.status_code == 302
        ticket = Ticket.objects.get(booking=booking)
        assert (ticket.office, ticket.display) == (denpasar, "A-001")

        officer = client_for(people["intake"])
        # The first password was headquarters'; the officer replaces it before anything else.
        assert officer.get("/petugas/")["Location"].startswith("/akun/ganti-sandi/")
        own = "sandi-petugas-denpasar-1"
        change = {"current": PASSWORD, "password": own, "password_again": own}
        assert officer.post("/akun/ganti-sandi/", change).status_code == 302
        counter = Counter.objects.get(office=denpasar, number=1)
        station = Station.objects.get(office=denpasar, station_type="intake")
        saved(
            officer.post(
                reverse("queueing:console_open", kwargs={"office": "denpasar"}),
                {"choice": f"{counter.pk}:{station.pk}"},
            )
        )
        officer.post(
            reverse("queueing:console_action", kwargs={"office": "denpasar", "action": "call"})
        )
        ticket.refresh_from_db()
        assert ticket.status == TicketStatus.CALLED and ticket.counter == counter
        board = client_for(people["display"]).get(
            reverse("queueing:board", kwargs={"office": "denpasar"})
        )
        assert board.status_code == 200 and "A-001" in board.content.decode()

        # Each office's staff see their own office only.
        for url_name in ("queueing:console", "booking:staff_day"):
            ketapang_view = client_for(intake_officer).get(
                reverse(url_name, kwargs={"office": "denpasar"})
            )
            assert ketapang_view.status_code == 404
            denpasar_view = officer.get(reverse(url_name, kwargs={"office": "ketapang"}))
            assert denpasar_view.status_code == 404
