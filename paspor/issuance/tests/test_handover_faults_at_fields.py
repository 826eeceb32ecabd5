"""A refused handover says each fault at the field that mends it, not only at the top.

The handover page is long (photo, case data, the collector's details, documents, old passport,
face check, signature pad). The list of faults stays at the top, each line linking to its
field; the field itself says the fault under the id its aria-describedby names and is marked
aria-invalid, and the signature pad has its fault beside it. A fault of no field is said in
the list only.
"""

import base64
import datetime as dt
import html
import os
import re

import pytest
from django.conf import settings
from django.urls import reverse

from paspor.cases.models import CaseStatus
from paspor.issuance.forms import REFUSAL_FIELDS, HandoverForm, RefusalItem
from paspor.issuance.services.handover import HandoverRefused
from paspor.issuance.tests.conftest import make_paid_case, receive, signature_png
from paspor.issuance.tests.helpers import ready_passport
from paspor.issuance.tests.test_browser import sign_in
from paspor.lib.testing_browser import sign_on_pad
from paspor.surveys.tests.test_browser import axe_violations

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
OTHER_NIK = "6104015708900009"  # not the holder's
PROXY_NIK = "6104014504850002"
SIGNATURE = "data:image/png;base64," + base64.b64encode(signature_png()).decode()

FACE = "Wajah pengambil belum dinyatakan sesuai dengan foto. Paspor tidak diserahkan."
NIK = "NIK pada KTP tidak sama dengan NIK permohonan. Paspor tidak diserahkan."
SIGN = "Tanda tangan pengambil belum dibubuhkan."
STAMP = "Surat kuasa harus bermeterai."


@pytest.fixture
def ready(paid_case, printer, checker):
    return ready_passport(paid_case, printer, checker)


def _post(client_for, user, passport, form, language="id"):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse(
            "issuance:handover_submit",
            kwargs={"office": "ketapang", "number": passport.passport_number},
        ),
        form,
    )
    assert response.status_code == 400
    return html.unescape(response.content.decode())


def _unsigned_stranger(**changes):
    """The holder's basis, another NIK typed, the face not ticked and nothing signed."""
    form = {
        "basis": "holder",
        "nik_typed": OTHER_NIK,
        "documents_seen": ["ktp", "receipt"],
        "old_passport_action": "none",
        "signature": "",
    }
    form.update(changes)
    return form


def _attorney_without_stamp_duty():
    return {
        "basis": "attorney",
        "nik_typed": PROXY_NIK,
        "collector_name": "Rahmawati",
        "attorney_letter_date": "2026-03-10",
        "documents_seen": ["ktp", "receipt", "attorney_letter"],
        "face_matched": "on",
        "old_passport_action": "none",
        "signature": SIGNATURE,
    }


def _tag(page: str, element_id: str) -> str:
    """The opening tag of the element with this id."""
    found = [
        match.group(0)
        for match in re.finditer(rf'<[a-z]+\b[^>]*\bid="{re.escape(element_id)}"[^>]*>', page)
    ]
    assert len(found) == 1, (element_id, found)
    return found[0]


def _said_at(page: str, element_id: str) -> list[str]:
    """The words of the block with this id (a field's faults)."""
    found = re.search(rf'<div id="{re.escape(element_id)}"[^>]*>(.*?)</div>', page, re.S)
    assert found is not None, element_id
    return _words(re.sub(r"<[^>]+>", " ", found.group(1)))


def _words(text: str) -> list[str]:
    return text.split()


def _summary_links(page: str) -> list[tuple[str, str]]:
    summary = page.split('id="error"')[1].split("</ul>")[0]
    return re.findall(r'<li><a href="#([^"]+)">([^<]*)</a></li>', summary)


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen", "stock")
def test_each_fault_is_said_at_its_field_and_the_list_links_to_it(
    client_for, ready, handover_officer
):
    page = _post(client_for, handover_officer, ready, _unsigned_stranger())

    assert "Paspor tidak diserahkan. Perbaiki semua yang berikut:" in page
    assert _summary_links(page) == [
        ("id_face_matched", FACE),
        ("id_nik_typed", NIK),
        ("signature-pad", SIGN),
    ]
    for field, said in (("nik_typed", NIK), ("face_matched", FACE)):
        tag = _tag(page, f"id_{field}")
        assert 'aria-invalid="true"' in tag
        assert f'aria-describedby="id_{field}_error"' in tag
        assert _said_at(page, f"id_{field}_error") == _words(said)
    # The signature's field is hidden: the pad says it, right beside it.
    pad = _tag(page, "signature-pad")
    assert 'aria-describedby="id_signature_error"' in pad and 'aria-invalid="true"' in pad
    assert _said_at(page, "id_signature_error") == _words(SIGN)
    assert page.index('id="signature-pad"') < page.index('id="id_signature_error"')
    # What was not at fault is not marked.
    for field in ("old_passport_number", "old_passport_action"):
        assert "aria-invalid" not in _tag(page, f"id_{field}")
        assert f'id="id_{field}_error"' not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen", "stock")
def test_a_proxy_without_stamp_duty_is_told_at_the_stamp_duty_box(
    client_for, ready, handover_officer
):
    page = _post(client_for, handover_officer, ready, _attorney_without_stamp_duty())

    # One fault: said alone at the top, linked to its box.
    assert f'<p class="message error" role="alert" id="error"><a href="#id_stamp_duty">{STAMP}' in (
        page
    )
    box = _tag(page, "id_stamp_duty")
    assert 'aria-invalid="true"' in box and 'aria-describedby="id_stamp_duty_error"' in box
    assert _said_at(page, "id_stamp_duty_error") == _words(STAMP)
    # Said inside the proxy's part, so it shows and hides with the box.
    parts = re.findall(r'<div class="basis-part" data-bases="attorney">(.*?)</small>', page, re.S)
    assert [part for part in parts if 'id="id_stamp_duty"' in part] == [
        part for part in parts if 'id="id_stamp_duty_error"' in part
    ]
    assert any('id="id_stamp_duty"' in part for part in parts)


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen", "stock")
def test_faults_of_a_group_are_said_on_the_group(client_for, ready, handover_officer):
    """The basis and the documents are groups of radios and boxes: the fieldset carries it."""
    page = _post(
        client_for,
        handover_officer,
        ready,
        _unsigned_stranger(
            basis="parent", nik_typed=PROXY_NIK, face_matched="on", signature=SIGNATURE
        ),
    )
    links = dict(_summary_links(page))
    assert links["id_basis"].startswith("Pemilik paspor sudah dewasa")
    assert links["id_documents_seen"].startswith("Dokumen belum diperiksa: Kartu Keluarga")
    for group in ("basis", "documents_seen"):
        assert f'aria-describedby="id_{group}_error"' in _tag(page, f"id_{group}")
        assert _said_at(page, f"id_{group}_error") == _words(links[f"id_{group}"])
    assert 'aria-invalid="true"' in _tag(page, "id_basis_0")


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen", "stock")
def test_the_english_page_says_each_fault_at_its_field(client_for, ready, handover_officer):
    page = _post(client_for, handover_officer, ready, _unsigned_stranger(), language="en")

    assert "The passport was not handed over. Put all of the following right:" in page
    links = _summary_links(page)
    assert [anchor for anchor, _ in links] == ["id_face_matched", "id_nik_typed", "signature-pad"]
    assert links[1][1].startswith("The NIK on the KTP does not match the NIK of the application.")
    assert links[2][1] == "The collector has not signed yet."
    for anchor, said in links[:2]:
        assert _said_at(page, f"{anchor}_error") == _words(said)
    assert _said_at(page, "id_signature_error") == _words("The collector has not signed yet.")
    stamp = _post(client_for, handover_officer, ready, _attorney_without_stamp_duty(), "en")
    assert _said_at(stamp, "id_stamp_duty_error") == _words(
        "The power of attorney must carry stamp duty."
    )


def test_a_fault_of_no_field_is_said_in_the_list_only():
    form = HandoverForm({"basis": "holder", "nik_typed": OTHER_NIK, "old_passport_action": "none"})
    assert form.is_valid()
    refused = HandoverRefused.joined(
        [
            HandoverRefused(["Tidak ada kolomnya."], records=["-"], codes=["no_field"]),
            HandoverRefused([SIGN], records=[SIGN], codes=["signature_required"]),
        ]
    )
    assert form.refusal_show(refused) == [
        RefusalItem(text="Tidak ada kolomnya.", anchor=""),
        RefusalItem(text=SIGN, anchor="signature-pad"),
    ]
    assert list(form.errors) == ["signature"]


def test_each_refusal_is_sent_to_a_field_of_the_form():
    assert set(REFUSAL_FIELDS.values()) <= set(HandoverForm.base_fields)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_list_takes_the_officer_to_the_field_that_says_why(
    page, live_server, office, intake_officer, printer, checker, handover_officer
):
    receive(office, printer, "C1000001", "C1000010", on=dt.date(2026, 1, 5))
    case = make_paid_case(office, intake_officer, due_date=dt.date(2026, 1, 8))
    passport = ready_passport(case, printer, checker)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server, handover_officer)
    page.goto(f"{live_server.url}/penerbitan/{office.code}/penyerahan/{passport.passport_number}/")

    page.get_by_label("Pemilik paspor sendiri").check()
    nik = page.get_by_label("NIK pada KTP pengambil (ketik atau pindai)")
    nik.fill(OTHER_NIK)
    page.get_by_role("checkbox", name="KTP pengambil").check()
    page.get_by_role("checkbox", name="Bukti pembayaran").check()
    sign_on_pad(page, page.locator("#signature-pad"))
    page.get_by_role("button", name="Serahkan paspor dan tutup permohonan").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []

    alert = page.locator("#error")
    alert.get_by_role("link", name=NIK).click()
    assert page.evaluate("document.activeElement.id") == "id_nik_typed"
    assert nik.is_visible() and nik.get_attribute("aria-invalid") == "true"
    assert page.locator("#id_nik_typed_error").inner_text() == NIK
    face = page.get_by_role("checkbox", name="Wajah sesuai (pengambil dibandingkan dengan foto)")
    alert.get_by_role("link", name=FACE).click()
    assert page.evaluate("document.activeElement.id") == "id_face_matched"
    assert page.locator("#id_face_matched_error").is_visible()

    nik.fill(case.nik)
    face.check()
    page.get_by_role("button", name="Serahkan paspor dan tutup permohonan").click()
    page.wait_for_url("**/penyerahan/")
    case.refresh_from_db()
    assert case.status == CaseStatus.HANDED_OVER
