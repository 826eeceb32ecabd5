"""The officer reads a refusal in the language of the page or of the API call: the rules that
refuse write their reasons for translation, not in Indonesian only."""

import dataclasses
import datetime as dt

import pytest
import time_machine
from django.utils import translation

from conftest import refusal
from paspor.cases.adjudication import case_defer, case_resume
from paspor.cases.files import JPEG, file_check
from paspor.cases.models import CaseStatus
from paspor.cases.tests.conftest import SITI, case_at, open_case
from paspor.cases.travel_ban import travel_ban_import_csv

pytestmark = pytest.mark.django_db


def in_english(call, *args, **kwargs):
    with translation.override("en"):
        return refusal(call, *args, **kwargs)


def test_file_checks_speak_english_with_figures_in_english():
    assert in_english(file_check, b"", allowed=frozenset({JPEG}), max_bytes=10).message == (
        "The file is empty."
    )
    too_large = in_english(
        file_check, b"x" * 1_572_864, allowed=frozenset({JPEG}), max_bytes=1_048_576
    )
    assert too_large.message == "The file is too large (1.5 MB); at most 1.0 MB."
    with translation.override("id"):
        indonesian = refusal(
            file_check, b"x" * 1_572_864, allowed=frozenset({JPEG}), max_bytes=1_048_576
        )
    assert indonesian.message == "Berkas terlalu besar (1,5 MB); paling besar 1,0 MB."
    wrong = in_english(file_check, b"%PDF-1.7", allowed=frozenset({JPEG}), max_bytes=100)
    assert wrong.message.startswith("The file's content is not JPG")


def test_travel_ban_csv_errors_name_the_line_in_english(supervisor):
    header = in_english(travel_ban_import_csv, text="nama,alasan\n", by=supervisor)
    assert header.message.startswith("Required CSV columns are missing: name, reason.")
    row = in_english(travel_ban_import_csv, text="name,reason,nik\nBudi,DPO,123\n", by=supervisor)
    assert row.message == "Line 2: the NIK must be 16 digits."
    date = in_english(
        travel_ban_import_csv, text="name,reason,birth_date\nBudi,DPO,13-08-1990\n", by=supervisor
    )
    assert date.message == "Line 2: column birth_date must be a date YYYY-MM-DD, not “13-08-1990”."


def test_a_deferral_refusal_speaks_english(office, intake_officer):
    case = open_case(office, intake_officer, dataclasses.replace(SITI))
    assert in_english(case_defer, case=case, by=intake_officer, missing=" ").message == (
        "Write what must be completed."
    )


def test_an_expired_deferral_gives_its_date_in_the_readers_language(office, intake_officer):
    case = open_case(office, intake_officer)
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=office.tz)):
        case = case_defer(
            case=case, by=intake_officer, missing="Akta lahir", deadline=dt.date(2026, 12, 9)
        )
    with time_machine.travel(dt.datetime(2026, 12, 14, 9, 0, tzinfo=office.tz)):
        english = in_english(case_resume, case=case, by=intake_officer)
        with translation.override("id"):
            indonesian = refusal(case_resume, case=case, by=intake_officer)
    assert english.message == (
        "The deadline of 9 December 2026 has passed: the application will be rejected "
        "automatically."
    )
    assert indonesian.message.startswith("Batas waktu 9 Desember 2026 sudah lewat")


def test_the_case_api_refuses_in_the_language_the_app_asks_for(
    office, intake_officer, biometrics_officer, client_for
):
    case = case_at(
        CaseStatus.INTERVIEW,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    client = client_for(biometrics_officer)
    url = f"/api/cases/{office.code}/{case.code}/transition"

    def move(to, language):
        return client.post(
            url, {"to": to}, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
        ).json()["detail"]

    assert move("awaiting_supervisor", "en").startswith("The move to “")
    assert move("awaiting_supervisor", "en").endswith("not from here.")
    # A status that does not exist is bad input (422 naming the field), before any role check.
    unknown = client.post(
        url, {"to": "nowhere"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert unknown.status_code == 422
    assert unknown.json()["message"].startswith("Invalid input: to must be one of: 'intake', ")
    assert " or " not in unknown.json()["message"]
