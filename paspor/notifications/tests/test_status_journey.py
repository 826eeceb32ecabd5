"""The status page follows the whole journey: the ticket while queueing, the booking's own steps
after the case opens, and the visit's survey after the handover."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import strip_tags

from conftest import make_office
from paspor.cases.models import CaseStatus
from paspor.cases.services import case_transition
from paspor.notifications.tests.factories import (
    make_booking,
    make_case,
    make_profile,
    make_ticket,
    service,
)
from paspor.offices.models import Counter
from paspor.queueing.models import Ticket
from paspor.queueing.services import ticket_check_in
from paspor.surveys.services import survey_invite, survey_submit

pytestmark = pytest.mark.django_db
BIRTH = dt.date(1990, 8, 17)
URL = "/notifikasi/status/"
API = "/api/notifications/status"
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
VISIT_DAY = dt.date(2026, 3, 10)
# Tuesday 10 March 2026, 08:30 in Ketapang: inside the booking's 08.00–10.00 window.
ARRIVAL = dt.datetime(2026, 3, 10, 8, 30, tzinfo=WIB)


def page_of(client, code, birth=BIRTH):
    response = client.post(URL, {"code": code, "birth_date": birth.isoformat()})
    assert response.status_code == 200
    return response.content.decode()


def api_of(client, code, language="id"):
    response = client.post(
        API,
        {"code": code, "birth_date": BIRTH.isoformat()},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    return response.json()


def checked_in(office, applicant, kiosk, code="BKANTRE1"):
    """A booking for 10 March made a week before, checked in at the kiosk at 08.30."""
    with time_machine.travel(ARRIVAL - dt.timedelta(days=7), tick=False):
        booking = make_booking(
            office, make_profile(applicant, birth_date=BIRTH), code=code, day=VISIT_DAY
        )
    service(office)
    with time_machine.travel(ARRIVAL, tick=False):
        ticket = ticket_check_in(office=office, code=code, by=kiosk)
    booking.refresh_from_db()
    return booking, ticket


# --- 1. The queue ticket, while it is today's and in the queue --------------------------------


@time_machine.travel(ARRIVAL + dt.timedelta(minutes=5), tick=False)
def test_after_check_in_the_page_shows_the_ticket_number_and_its_phone_page(
    client, office, applicant, kiosk
):
    _booking, ticket = checked_in(office, applicant, kiosk)
    page = page_of(client, "BKANTRE1")
    phone_page = reverse("queueing:ticket_public", args=[ticket.token])
    assert "Sudah hadir" in page
    assert ticket.display == "A-001" and "A-001" in page
    assert f'href="{phone_page}"' in page
    assert "Pantau giliran Anda di ponsel" in page


@time_machine.travel(ARRIVAL + dt.timedelta(minutes=5), tick=False)
def test_the_api_gives_the_ticket_and_its_phone_page_in_the_readers_language(
    client, office, applicant, kiosk
):
    _booking, ticket = checked_in(office, applicant, kiosk)
    phone_page = reverse("queueing:ticket_public", args=[ticket.token])
    indonesian = api_of(client, "BKANTRE1")
    assert indonesian["ticket"] == "A-001"
    assert indonesian["ticket_url"] == f"http://testserver{phone_page}"
    assert api_of(client, "BKANTRE1", "en")["ticket_url"] == (
        f"http://testserver{phone_page}?bahasa=en"
    )


@time_machine.travel(ARRIVAL + dt.timedelta(days=1), tick=False)
def test_yesterdays_ticket_is_not_shown_even_if_the_day_was_never_closed(
    client, office, applicant, kiosk
):
    _booking, ticket = checked_in(office, applicant, kiosk)
    assert ticket.status == "waiting"  # nobody closed the day: it reads expired from today
    page = page_of(client, "BKANTRE1")
    assert "A-001" not in page and ticket.token not in page
    assert not {"ticket", "ticket_url"} & set(api_of(client, "BKANTRE1"))


@pytest.mark.parametrize("status", ["done", "no_show", "expired"])
def test_a_finished_ticket_is_not_shown(client, office, applicant, status):
    booking = make_booking(
        office, make_profile(applicant, birth_date=BIRTH), code="BKSELES1", status="checked_in"
    )
    ticket = make_ticket(office, number=7, day=VISIT_DAY, booking=booking, status=status)
    with time_machine.travel(ARRIVAL, tick=False):
        page = page_of(client, "BKSELES1")
        answer = api_of(client, "BKSELES1")
    assert "A-007" not in page and ticket.token not in page
    assert "ticket" not in answer and "ticket_url" not in answer


@pytest.mark.parametrize("status", ["waiting", "called", "serving", "parked"])
def test_a_ticket_still_in_the_queue_is_shown(client, office, applicant, status):
    booking = make_booking(
        office, make_profile(applicant, birth_date=BIRTH), code="BKANTRE2", status="checked_in"
    )
    ticket = make_ticket(office, number=12, day=VISIT_DAY, booking=booking)
    counter = Counter.objects.create(office=office, number=1, name="Loket 1")
    Ticket.objects.filter(pk=ticket.pk).update(status=status, counter=counter)
    with time_machine.travel(ARRIVAL, tick=False):
        assert "A-012" in page_of(client, "BKANTRE2")
        assert api_of(client, "BKANTRE2")["ticket"] == "A-012"


def test_today_is_the_offices_day_not_the_servers(client, applicant):
    """01.30 on 11 March in Jayapura is still 10 March in Jakarta (the server's zone)."""
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    booking = make_booking(
        jayapura, make_profile(applicant, birth_date=BIRTH), code="BKPAPUA3", status="checked_in"
    )
    make_ticket(jayapura, number=3, day=dt.date(2026, 3, 11), booking=booking)
    with time_machine.travel("2026-03-10 16:30 +00:00", tick=False):
        assert api_of(client, "BKPAPUA3")["ticket"] == "A-003"


@time_machine.travel(ARRIVAL + dt.timedelta(minutes=40), tick=False)
def test_once_the_case_is_open_the_ticket_still_shows_while_the_visit_goes_on(
    client, office, applicant, kiosk, intake_officer
):
    booking, ticket = checked_in(office, applicant, kiosk)
    case = make_case(office, intake_officer, booking=booking, ticket=ticket)
    case_transition(case=case, to=CaseStatus.BIOMETRICS, by=intake_officer)
    page = page_of(client, case.code)
    assert "A-001" in page
    assert reverse("queueing:ticket_public", args=[ticket.token]) in page
    assert api_of(client, case.code)["ticket"] == "A-001"


@time_machine.travel(ARRIVAL + dt.timedelta(minutes=40), tick=False)
def test_the_api_names_the_state_as_a_code_the_same_in_both_languages(
    client, office, applicant, kiosk, intake_officer
):
    booking, ticket = checked_in(office, applicant, kiosk)
    for language in ("id", "en"):
        answer = api_of(client, booking.code, language)
        assert (answer["kind"], answer["state"]) == ("booking", "checked_in")
    case = make_case(office, intake_officer, booking=booking, ticket=ticket)
    case_transition(case=case, to=CaseStatus.BIOMETRICS, by=intake_officer)
    indonesian, english = api_of(client, case.code), api_of(client, case.code, "en")
    assert (indonesian["kind"], indonesian["state"]) == ("case", "biometrics")
    assert (english["kind"], english["state"]) == ("case", "biometrics")
    assert indonesian["status"] != english["status"]


# --- 2. The booking's own steps stay at the start of a case's history -------------------------


def test_an_open_case_keeps_the_bookings_steps_first_in_time_order(
    client, office, applicant, kiosk, intake_officer
):
    booking, ticket = checked_in(office, applicant, kiosk)
    with time_machine.travel(ARRIVAL + dt.timedelta(minutes=20), tick=False):
        case = make_case(office, intake_officer, booking=booking, ticket=ticket)
    with time_machine.travel(ARRIVAL + dt.timedelta(minutes=45), tick=False):
        case_transition(case=case, to=CaseStatus.BIOMETRICS, by=intake_officer)

    steps = api_of(client, case.code, "en")["steps"]
    assert [step["text"] for step in steps] == [
        "Booking made.",
        "Arrived at the office; queue number taken.",
        "The application was opened at the counter.",
        "Documents checked; next: photo and fingerprints.",
    ]
    times = [dt.datetime.fromisoformat(step["at"]) for step in steps]
    assert times == sorted(times)

    page = page_of(client, case.code)
    history = strip_tags(page[page.index('class="timeline"') :])
    said = [
        "3 Mar 2026 08.30 WIB — Booking dibuat.",
        "10 Mar 2026 08.30 WIB — Hadir di kantor; nomor antrean diambil.",
        "10 Mar 2026 08.50 WIB — Permohonan dibuka di loket.",
        "10 Mar 2026 09.15 WIB — Berkas diperiksa; berikutnya foto dan sidik jari.",
    ]
    places = [history.index(line) for line in said]
    assert places == sorted(places)


def test_the_booking_code_shows_the_same_whole_history_in_english(
    client, office, applicant, kiosk, intake_officer
):
    booking, ticket = checked_in(office, applicant, kiosk)
    make_case(office, intake_officer, booking=booking, ticket=ticket)
    client.cookies["django_language"] = "en"
    page = page_of(client, "BKANTRE1")
    history = page[page.index('class="timeline"') :]
    assert history.index("Booking made.") < history.index("Arrived at the office")
    assert history.index("Arrived at the office") < history.index("The application was opened")
    assert "Booking dibuat." not in history


def test_a_case_without_a_booking_starts_at_the_counter(client, office, intake_officer):
    case = make_case(office, intake_officer)
    steps = api_of(client, case.code)["steps"]
    assert [step["text"] for step in steps] == ["Permohonan dibuka di loket."]


# --- 3. After the handover, the visit's survey --------------------------------------------------


def handed_over(office, officer, *, ticket, nik="6104015708900001", birth_date=BIRTH):
    case = make_case(
        office,
        officer,
        ticket=ticket,
        nik=nik,
        birth_date=birth_date,
        status=CaseStatus.READY_FOR_PICKUP,
    )
    case = case_transition(case=case, to=CaseStatus.HANDED_OVER, by=officer)
    survey_invite(case=case)  # what the handover does (paspor/issuance/services/handover.py)
    return case


def test_after_the_handover_the_page_links_to_the_unanswered_survey(client, office, intake_officer):
    ticket = make_ticket(office, number=4, day=VISIT_DAY, status="done")
    case = handed_over(office, intake_officer, ticket=ticket)
    invitation = ticket.survey_invitation
    page = page_of(client, case.code)
    assert f'href="{reverse("surveys:answer", args=[invitation.token])}"' in page
    assert "Bagaimana pelayanan kami?" in page


def test_an_answered_survey_is_not_offered_again(client, office, intake_officer):
    ticket = make_ticket(office, number=4, day=VISIT_DAY, status="done")
    case = handed_over(office, intake_officer, ticket=ticket)
    invitation = ticket.survey_invitation
    survey_submit(invitation=invitation, answers=[4] * 9)
    page = page_of(client, case.code)
    assert invitation.token not in page and 'id="survey-link"' not in page


def test_before_the_handover_there_is_no_survey_link(client, office, intake_officer):
    ticket = make_ticket(office, number=4, day=VISIT_DAY, status="done")
    case = make_case(office, intake_officer, ticket=ticket, status=CaseStatus.QC_PASSED)
    case = case_transition(case=case, to=CaseStatus.READY_FOR_PICKUP, by=intake_officer)
    invitation = survey_invite(ticket=ticket)  # the intake visit ended: invited then
    page = page_of(client, case.code)
    assert invitation.token not in page and 'id="survey-link"' not in page


def test_a_case_opened_without_a_ticket_links_to_its_own_survey(client, office, intake_officer):
    from paspor.surveys.models import SurveyInvitation

    case = handed_over(office, intake_officer, ticket=None)
    other = handed_over(
        office, intake_officer, ticket=None, nik="6104015708900002", birth_date=BIRTH
    )
    mine = SurveyInvitation.objects.get(case=case)
    theirs = SurveyInvitation.objects.get(case=other)
    page = page_of(client, case.code)
    assert f'href="{reverse("surveys:answer", args=[mine.token])}"' in page
    assert theirs.token not in page
    survey_submit(invitation=mine, answers=[4] * 9)
    assert 'id="survey-link"' not in page_of(client, case.code)


def test_someone_elses_survey_is_never_linked(client, office, intake_officer):
    """I answered my survey; the other applicant handed over the same day has not."""
    mine = make_ticket(office, number=4, day=VISIT_DAY, status="done")
    theirs = make_ticket(office, number=5, day=VISIT_DAY, status="done")
    case = handed_over(office, intake_officer, ticket=mine)
    survey_submit(invitation=mine.survey_invitation, answers=[3] * 9)
    other = handed_over(
        office,
        intake_officer,
        ticket=theirs,
        nik="6104015708900002",
        birth_date=dt.date(1985, 1, 2),
    )
    page = page_of(client, case.code)
    assert theirs.survey_invitation.token not in page and 'id="survey-link"' not in page
    assert other.code not in page
    # Their survey is offered to them, with their own code and date of birth.
    theirs_page = page_of(client, other.code, birth=dt.date(1985, 1, 2))
    assert theirs.survey_invitation.token in theirs_page
    assert mine.survey_invitation.token not in theirs_page


def test_the_survey_link_stays_off_the_api_answer(client, office, intake_officer):
    ticket = make_ticket(office, number=4, day=VISIT_DAY, status="done")
    case = handed_over(office, intake_officer, ticket=ticket)
    answer = api_of(client, case.code)
    assert ticket.survey_invitation.token not in str(answer)
    assert ticket.token not in str(answer)  # a finished ticket: no phone page either


def test_the_survey_link_costs_a_guess_like_any_lookup(client, office, intake_officer):
    ticket = make_ticket(office, number=4, day=VISIT_DAY, status="done")
    case = handed_over(office, intake_officer, ticket=ticket)
    for day in range(1, 6):
        wrong = page_of(client, case.code, birth=dt.date(1980, 1, day))
        assert ticket.survey_invitation.token not in wrong
    refused = client.post(URL, {"code": case.code, "birth_date": BIRTH.isoformat()})
    assert refused.status_code == 429
    assert ticket.survey_invitation.token not in refused.content.decode()
