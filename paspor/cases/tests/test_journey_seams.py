"""What the case page tells an officer whose part is done, and how it writes dates."""

import re

import pytest
from django.urls import reverse

from paspor.cases.models import Case, CaseStatus, TravelBanEntry
from paspor.cases.services import case_cancel
from paspor.cases.tests.conftest import SITI, case_at, finish_intake, make_ticket, open_case
from paspor.offices.models import Station

pytestmark = pytest.mark.django_db

NUMERIC_DATE = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")


def page(client, case):
    url = reverse("cases:detail", args=[case.office.code, case.code])
    return client.get(url).content.decode()


def test_after_the_document_check_the_intake_officer_is_sent_back_to_the_console(
    office, intake_officer, client_for
):
    ticket = make_ticket(office, officer=intake_officer)
    case = finish_intake(open_case(office, intake_officer, ticket=ticket), intake_officer)
    body = page(client_for(intake_officer), case)
    assert "Tidak ada langkah untuk Anda pada status ini." in body
    assert "Nomor A-012 masih di loket" in body
    assert f'href="{reverse("queueing:console", args=[office.code])}"' in body


def test_no_console_link_once_the_ticket_has_left_the_counter(office, intake_officer, client_for):
    ticket = make_ticket(office, officer=intake_officer)
    case = finish_intake(open_case(office, intake_officer, ticket=ticket), intake_officer)
    ticket.status = "done"
    ticket.save(update_fields=["status"])
    body = page(client_for(intake_officer), case)
    assert 'id="ticket-next"' not in body


def _at_station(ticket, office, station_type, officer, step):
    """The ticket called to `officer`'s counter at the station of route step `step`."""
    ticket.station = Station.objects.get(office=office, station_type=station_type)
    ticket.step, ticket.officer = step, officer
    ticket.save(update_fields=["station", "step", "officer"])
    return ticket


def test_the_console_hint_names_the_station_the_applicant_is_sent_to(
    office, intake_officer, client_for
):
    ticket = _at_station(make_ticket(office), office, "intake", intake_officer, 0)
    case = finish_intake(open_case(office, intake_officer, ticket=ticket), intake_officer)
    body = page(client_for(intake_officer), case)
    assert (
        "Nomor A-012 masih di loket: selesaikan di konsol loket agar pemohon diteruskan ke "
        "Foto, sidik jari dan wawancara."
    ) in body


def test_a_held_case_tells_the_officer_to_park_the_number_not_to_finish_it(
    office, intake_officer, client_for
):
    # The console refuses "Selesai" for a held case: the page must not send the officer there.
    TravelBanEntry.objects.create(full_name="Siti Aminah", birth_date=SITI.birth_date, reason="x")
    ticket = _at_station(make_ticket(office), office, "intake", intake_officer, 0)
    case = finish_intake(open_case(office, intake_officer, ticket=ticket), intake_officer)
    assert case.status == CaseStatus.ON_HOLD
    body = page(client_for(intake_officer), case)
    assert "tunda nomor ini di konsol loket sampai permohonan siap" in body
    assert "agar pemohon diteruskan" not in body


def test_after_the_interview_the_officer_is_told_the_visit_ends(
    office, intake_officer, biometrics_officer, client_for
):
    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    ticket = _at_station(make_ticket(office), office, "biometrics", biometrics_officer, 1)
    Case.objects.filter(pk=case.pk).update(ticket=ticket)
    body = page(client_for(biometrics_officer), case)
    assert (
        "Nomor A-012 masih di loket: selesaikan di konsol loket; kunjungan pemohon berakhir" in body
    )


def test_the_console_hint_is_only_for_the_officer_serving_the_number(
    office, intake_officer, supervisor, client_for
):
    ticket = _at_station(make_ticket(office), office, "intake", intake_officer, 0)
    case = case_cancel(
        case=open_case(office, intake_officer, ticket=ticket), by=intake_officer, reason="mundur"
    )
    assert 'id="ticket-next"' in page(client_for(intake_officer), case)
    assert 'id="ticket-next"' not in page(client_for(supervisor), case)


def test_the_biometrics_officer_is_not_told_to_leave_the_decision_to_another_supervisor(
    office, intake_officer, biometrics_officer, client_for
):
    case = case_at(
        CaseStatus.AWAITING_SUPERVISOR,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    body = page(client_for(biometrics_officer), case)
    assert "empat mata" not in body
    assert "Tidak ada langkah untuk Anda pada status ini." in body


@pytest.mark.parametrize(
    ("language", "born"), [("id", "17 Agustus 1990"), ("en", "17 August 1990")]
)
def test_the_case_page_and_its_history_write_dates_in_words(
    office, intake_officer, client_for, language, born
):
    case = open_case(office, intake_officer)
    client = client_for(intake_officer)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    body = page(client, case)
    assert f"Ketapang, {born}" in body
    history = client.get(reverse("cases:timeline", args=[office.code, case.code]))
    cells = re.findall(r"<time [^>]*><span>([^<]*)</span>", history.content.decode())
    assert cells and not any(NUMERIC_DATE.search(cell) for cell in cells)


def test_the_deferred_list_and_the_travel_ban_list_write_dates_in_words(
    office, intake_officer, hq_user, client_for
):
    import datetime as dt

    from paspor.cases.adjudication import case_defer
    from paspor.cases.travel_ban import travel_ban_import_csv

    case = case_defer(
        case=open_case(office, intake_officer),
        by=intake_officer,
        missing="Akta kelahiran asli",
        deadline=dt.date(2026, 12, 9),
    )
    queue = client_for(intake_officer).get(reverse("cases:work_queue", args=[office.code]))
    assert case.code in queue.content.decode() and "9 Desember 2026" in queue.content.decode()
    travel_ban_import_csv(
        text="name,reason,birth_date,valid_until\nBudi,DPO,1990-08-13,2027-01-31\n", by=hq_user
    )
    bans = client_for(hq_user).get(reverse("cases:travel_bans")).content.decode()
    assert "13 Agu 1990" in bans and "31 Jan 2027" in bans
    assert not NUMERIC_DATE.search(bans)
