"""A passport ready for pickup: the status page asks for what the handover asks, as the
"ready for pickup" message does."""

import datetime as dt

import pytest
from django.utils import translation

from paspor.cases.models import CaseStatus
from paspor.cases.services import case_transition
from paspor.cases.types import ApplicationType
from paspor.notifications.models import Message
from paspor.notifications.selectors import pickup_documents
from paspor.notifications.sending import message_render
from paspor.notifications.tests.factories import make_case

pytestmark = pytest.mark.django_db
URL = "/notifikasi/status/"
API = "/api/notifications/status"
CHILD_BIRTH = dt.date(2021, 5, 3)


def ready(office, officer, capture, **fields):
    case = make_case(office, officer, status=CaseStatus.QC_PASSED, **fields)
    with capture(execute=True):
        return case_transition(case=case, to=CaseStatus.READY_FOR_PICKUP, by=officer)


def bring_of(client, case, language="id"):
    response = client.post(
        API,
        {"code": case.code, "birth_date": case.birth_date.isoformat()},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    return response.json()["bring"]


def test_a_childs_ready_passport_asks_for_the_parents_ktp_and_the_family_card(
    client, office, intake_officer, django_capture_on_commit_callbacks
):
    case = ready(
        office,
        intake_officer,
        django_capture_on_commit_callbacks,
        application_type=ApplicationType.NEW_CHILD,
        birth_date=CHILD_BIRTH,
    )
    assert bring_of(client, case) == [
        "KTP asli ayah, ibu atau wali yang mengambil",
        "Kartu Keluarga asli (ayah atau ibu) atau penetapan perwalian (wali)",
        "Bukti pembayaran yang memuat NTPN",
    ]
    english = bring_of(client, case, language="en")
    assert english[0] == "Original KTP of the father, mother or guardian who collects it"
    page = client.post(
        URL, {"code": case.code, "birth_date": CHILD_BIRTH.isoformat()}
    ).content.decode()
    assert "KTP asli ayah, ibu atau wali yang mengambil" in page


def test_a_replacements_ready_passport_asks_for_the_old_passport(
    client, office, intake_officer, django_capture_on_commit_callbacks
):
    case = ready(
        office,
        intake_officer,
        django_capture_on_commit_callbacks,
        application_type=ApplicationType.REPLACEMENT,
    )
    bring = bring_of(client, case)
    assert bring[0] == "KTP asli"
    assert "Paspor lama: dibatalkan (dilubangi) saat penyerahan" in bring


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    "application_type", [ApplicationType.NEW_ADULT, ApplicationType.NEW_CHILD, "replacement"]
)
def test_the_page_and_the_ready_message_list_the_same_documents(
    office, intake_officer, django_capture_on_commit_callbacks, application_type, language
):
    case = ready(
        office,
        intake_officer,
        django_capture_on_commit_callbacks,
        application_type=application_type,
    )
    message = Message.objects.get(template="ready_for_pickup")
    body = message_render(template=message.template, context=message.context, language=language)
    listed = [line[2:] for line in body.body.splitlines() if line.startswith("- ")]
    with translation.override(language):
        assert pickup_documents(case) == listed


@pytest.mark.parametrize("status", [CaseStatus.HANDED_OVER, CaseStatus.CANCELLED])
def test_a_case_that_is_over_no_longer_promises_a_completion_date(
    client, office, intake_officer, status
):
    case = make_case(office, intake_officer, status=status, due_date=dt.date(2026, 3, 12))
    form = {"code": case.code, "birth_date": case.birth_date.isoformat()}
    page = client.post(URL, form).content.decode()
    assert "Paspor selesai paling lambat" not in page
    answer = client.post(API, form, content_type="application/json").json()
    assert answer["due_date"] is None


def test_a_paid_case_still_promises_its_completion_date(client, office, intake_officer):
    case = make_case(office, intake_officer, status=CaseStatus.PAID, due_date=dt.date(2026, 3, 12))
    form = {"code": case.code, "birth_date": case.birth_date.isoformat()}
    assert "Paspor selesai paling lambat" in client.post(URL, form).content.decode()
