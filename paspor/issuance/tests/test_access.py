"""Who may open which issuance page, tested from outside: a table per URL.

Print, quality control and stock: print/QC officers write; supervisors, heads of office and
headquarters read. Handover: handover officers write, the same readers read. Devices,
applicants and other staff get 403; an officer of another office gets 404.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from conftest import answered, make_user
from paspor.accounts.models import Role
from paspor.issuance.services import print_confirm, print_start
from paspor.issuance.tests.conftest import make_paid_case
from paspor.issuance.tests.helpers import ready_passport

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "applicant",
    "other_applicant",
    "intake_officer",
    "kiosk",
    "display",
    "officer_of_other_office",
    "printer_of_other_office",
    "printer",
    "handover_officer",
    "supervisor",
    "head_of_office",
    "hq_user",
)
PRINT_READ = {"printer", "supervisor", "head_of_office", "hq_user"}
HANDOVER_READ = {"handover_officer", "supervisor", "head_of_office", "hq_user"}
PREVIEW = PRINT_READ | {"handover_officer"}


@pytest.fixture
def printer_of_other_office(other_office):
    return make_user("cetak_pontianak", role=Role.PRINT_QC, office=other_office)


@pytest.fixture
def world(office, stock, intake_officer, printer, checker):
    with time_machine.travel(dt.datetime(2026, 3, 17, 3, 0, tzinfo=dt.UTC), tick=False):
        waiting = make_paid_case(office, intake_officer, nik="6104010101900001")
        printed = print_confirm(
            passport=print_start(
                case=make_paid_case(office, intake_officer, nik="6104010101900002"), by=checker
            ),
            by=checker,
        )
        ready = ready_passport(
            make_paid_case(office, intake_officer, nik="6104010101900003"), printer, checker
        )
    return {"waiting": waiting, "printed": printed, "ready": ready}


def _url(name, world, **extra):
    office = "ketapang"
    kwargs = {"office": office}
    if name in {"print_case", "print_start", "print_confirm", "print_spoil", "case_photo"}:
        kwargs["code"] = world["waiting"].code
    if name in {"qc_check", "qc_submit", "data_page"}:
        kwargs["number"] = world["printed"].passport_number
    if name in {"mark_ready", "handover", "handover_submit"}:
        kwargs["number"] = world["ready"].passport_number
    return reverse(f"issuance:{name}", kwargs=kwargs) + extra.get("query", "")


READ_TABLE = [
    ("home", PRINT_READ | HANDOVER_READ),
    ("print_queue", PRINT_READ),
    ("print_case", PRINT_READ),
    ("qc_queue", PRINT_READ),
    ("qc_check", PRINT_READ),
    ("stock", PRINT_READ),
    ("stock_report", PRINT_READ),
    ("stock_report_xlsx", PRINT_READ),
    ("data_page", PREVIEW),
    ("case_photo", PREVIEW),
    ("pickup_queue", HANDOVER_READ),
    ("handover", HANDOVER_READ),
]
WRITE_TABLE = [
    ("print_start", {"printer"}),
    ("print_confirm", {"printer"}),
    ("print_spoil", {"printer"}),
    ("qc_submit", {"printer"}),
    ("mark_ready", {"printer"}),
    ("stock_receive", {"printer"}),
    ("stock_spoil", {"printer"}),
    ("stock_return", {"printer"}),
    ("handover_submit", {"handover_officer"}),
]


def _expected_refusal(persona):
    if persona == "anonymous":
        return "login"
    return 404 if persona == "printer_of_other_office" else 403


def _client(request, client_for, persona):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    return client_for(user), user


@pytest.mark.parametrize(("name", "allowed"), READ_TABLE)
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_read_each_issuance_page(request, client_for, world, name, allowed, persona):
    client, _ = _client(request, client_for, persona)
    response = client.get(_url(name, world))
    if persona in allowed:
        assert response.status_code == 200
    elif persona == "printer_of_other_office" and name in {"pickup_queue", "handover"}:
        assert response.status_code == 403  # holds no handover role anywhere
    else:
        assert answered(response) == _expected_refusal(persona)


@pytest.mark.parametrize(("name", "allowed"), WRITE_TABLE)
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_write(request, client_for, world, name, allowed, persona):
    client, _ = _client(request, client_for, persona)
    response = client.post(_url(name, world), {})
    if persona in allowed:
        assert response.status_code not in (403, 404)
    elif persona == "printer_of_other_office" and name == "handover_submit":
        assert response.status_code == 403
    else:
        assert answered(response) == _expected_refusal(persona)


def test_a_case_of_another_office_is_not_found(
    client_for, world, other_office, intake_officer, printer
):
    foreign = make_paid_case(other_office, intake_officer, nik="6104010101900009")
    url = reverse("issuance:print_case", kwargs={"office": "ketapang", "code": foreign.code})
    assert client_for(printer).get(url).status_code == 404


def test_a_refused_transition_answers_409_with_the_reason(client_for, world, printer):
    url = _url("print_start", world)
    case = world["waiting"]
    type(case).objects.filter(pk=case.pk).update(status="billed")
    response = client_for(printer).post(url)
    assert response.status_code == 409
    assert "bukan" in response.content.decode()


def test_the_printer_cannot_check_own_print_through_the_page(client_for, world, checker):
    passport = world["printed"]  # printed by `checker`
    response = client_for(checker).post(
        _url("qc_submit", world),
        {
            "data_matches": "on",
            "photo_ok": "on",
            "mrz_line1": passport.mrz_line1,
            "mrz_line2": passport.mrz_line2,
            "decision": "pass",
        },
    )
    assert response.status_code == 409
    assert "petugas lain" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_issuance_api_follows_the_same_rules(request, client_for, world, persona):
    client, _ = _client(request, client_for, persona)
    response = client.get("/api/issuance/ketapang/stock")
    if persona in PRINT_READ | HANDOVER_READ:
        assert response.status_code == 200
        electronic = next(row for row in response.json() if row["kind"] == "electronic")
        assert electronic["available"] == 8
    elif persona == "anonymous":
        assert response.status_code == 401
    else:
        assert response.status_code == _expected_refusal(persona)


def test_the_print_queue_api_lists_paid_cases_by_due_date(client_for, world, printer):
    response = client_for(printer).get("/api/issuance/ketapang/print-queue")
    assert response.status_code == 200
    assert [row["case_code"] for row in response.json()] == [world["waiting"].code]
