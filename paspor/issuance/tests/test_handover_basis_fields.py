"""The handover form asks only for what the chosen collector basis needs (STANDARDS.md §10).

A family member brings the family card, a proxy the stamped power of attorney, a guardian the
court's decision. The page marks each field and document with the bases that need it; the
page's script shows only the chosen basis's parts (without the script every part shows, each
saying when it is needed). A value typed under another basis before the officer changed it is
never recorded, and a refused handover keeps everything that was typed.
"""

import base64
import dataclasses
import datetime as dt
import html
import os
import re

import pytest
from django.urls import reverse

from paspor.issuance.models import CollectorBasis, Handover
from paspor.issuance.services import handover_record
from paspor.issuance.tests.conftest import make_paid_case, receive, signature_png
from paspor.issuance.tests.helpers import holder_input, ready_passport
from paspor.issuance.tests.test_browser import sign_in

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
PROXY_NIK = "6104014504850002"
SIGNATURE = "data:image/png;base64," + base64.b64encode(signature_png()).decode()

EXPECTED_PARTS = {
    "id_collector_name": {"family_kk", "attorney", "parent", "guardian"},
    "id_relationship": {"family_kk", "parent"},
    "id_kk_number": {"family_kk", "parent"},
    "id_attorney_letter_date": {"attorney"},
    "id_stamp_duty": {"attorney"},
    "id_guardian_document": {"guardian"},
    # The documents: KTP and receipt always; the papers of each basis only for it.
    "id_documents_seen_0": {"holder", "family_kk", "attorney", "parent", "guardian"},
    "id_documents_seen_1": {"holder", "family_kk", "attorney", "parent", "guardian"},
    "id_documents_seen_2": {"family_kk", "parent"},
    "id_documents_seen_3": {"attorney"},
    "id_documents_seen_4": {"parent", "guardian"},  # the child's birth certificate
    "id_documents_seen_5": {"guardian"},
}


def _parts(page: str) -> dict[str, set[str]]:
    """Each input's id → the bases of the part (`data-bases`) that holds it."""
    found = {}
    for match in re.finditer(
        r'<(div|label) class="basis-part" data-bases="([^"]*)">(.*?)</\1>', page, re.S
    ):
        for input_id in re.findall(r'<(?:input|select|textarea)[^>]*id="([^"]+)"', match[3]):
            found[input_id] = set(match[2].split())
    return found


@pytest.fixture
def ready(paid_case, printer, checker):
    return ready_passport(paid_case, printer, checker)


def _page_url(passport) -> str:
    return reverse(
        "issuance:handover", kwargs={"office": "ketapang", "number": passport.passport_number}
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen", "stock")
def test_each_field_and_document_names_the_bases_that_need_it(client_for, ready, handover_officer):
    page = client_for(handover_officer).get(_page_url(ready)).content.decode()
    assert _parts(page) == EXPECTED_PARTS
    # Without the script every part shows and says when it is needed.
    assert "Diisi untuk: Penerima kuasa (surat kuasa bermeterai)" in html.unescape(page)


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen", "stock")
def test_what_was_typed_under_another_basis_is_not_recorded(ready, paid_case, handover_officer):
    data = dataclasses.replace(
        holder_input(paid_case),
        basis=CollectorBasis.POWER_OF_ATTORNEY,
        nik_typed=PROXY_NIK,
        collector_name="Rahmawati",
        attorney_letter_date=dt.date(2026, 3, 10),
        stamp_duty=True,
        # Typed while "family on the same KK" was chosen, then the basis was changed.
        relationship="Adik",
        kk_number="6104010101100001",
        guardian_document="PN 1/2025",
        documents_seen=frozenset({"ktp", "receipt", "attorney_letter", "kk"}),
    )
    handover = handover_record(passport=ready, by=handover_officer, data=data)
    assert (handover.relationship, handover.kk_number, handover.guardian_document) == ("", "", "")
    assert handover.documents_seen == ["attorney_letter", "ktp", "receipt", "stamp_duty"]
    assert handover.attorney_letter_date == dt.date(2026, 3, 10)


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen", "stock")
def test_a_refused_proxy_handover_keeps_what_was_typed(client_for, ready, handover_officer):
    submit = reverse(
        "issuance:handover_submit",
        kwargs={"office": "ketapang", "number": ready.passport_number},
    )
    refused = client_for(handover_officer).post(
        submit,
        {
            "basis": "attorney",
            "nik_typed": PROXY_NIK,
            "collector_name": "Rahmawati",
            "attorney_letter_date": "2026-03-10",
            "documents_seen": ["ktp", "receipt", "attorney_letter"],
            "face_matched": "on",
            "old_passport_action": "none",
            "signature": SIGNATURE,
        },
    )
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 400
    assert "Surat kuasa harus bermeterai" in page
    assert re.search(r'<input[^>]*value="attorney"[^>]*checked', page)
    assert 'value="Rahmawati"' in page and 'value="2026-03-10"' in page
    assert re.search(r'<input[^>]*value="attorney_letter"[^>]*checked', page)
    assert not Handover.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_form_shows_only_the_chosen_basis_s_fields_and_keeps_them_on_a_refusal(
    page, live_server, office, intake_officer, printer, checker, handover_officer
):
    receive(office, printer, "C1000001", "C1000010", on=dt.date(2026, 1, 5))
    case = make_paid_case(office, intake_officer, due_date=dt.date(2026, 1, 8))
    passport = ready_passport(case, printer, checker)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server, handover_officer)
    page.goto(live_server.url + _page_url(passport))

    kk = page.get_by_label("Nomor Kartu Keluarga")
    attorney_date = page.get_by_label("Tanggal surat kuasa")
    guardian = page.get_by_label("Nomor penetapan perwalian")
    letter = page.get_by_role("checkbox", name="Surat kuasa", exact=True)
    # Nothing chosen yet: no proxy field.
    assert not kk.is_visible() and not attorney_date.is_visible()

    page.get_by_label("Pemilik paspor sendiri").check()
    assert not page.get_by_label("Nama pengambil (kosongkan bila pemilik sendiri)").is_visible()
    assert page.get_by_role("checkbox", name="KTP pengambil").is_visible()
    assert not letter.is_visible()

    page.get_by_label("Keluarga dalam satu Kartu Keluarga").check()
    assert kk.is_visible() and page.get_by_label("Hubungan dengan pemilik").is_visible()
    assert not attorney_date.is_visible() and not guardian.is_visible()
    assert page.get_by_role("checkbox", name="Kartu Keluarga").is_visible()
    assert page.locator(".basis-hint").first.is_hidden()
    kk.fill("6104010101100001")

    page.get_by_label("Penerima kuasa (surat kuasa bermeterai)").check()
    assert attorney_date.is_visible() and letter.is_visible()
    assert not kk.is_visible() and not guardian.is_visible()
    page.get_by_label("NIK pada KTP pengambil (ketik atau pindai)").fill(PROXY_NIK)
    page.get_by_label("Nama pengambil (kosongkan bila pemilik sendiri)").fill("Rahmawati")
    attorney_date.fill("2026-01-07")
    page.get_by_role("checkbox", name="KTP pengambil").check()
    page.get_by_role("checkbox", name="Bukti pembayaran").check()
    letter.check()
    page.get_by_label("Wajah sesuai (pengambil dibandingkan dengan foto)").check()
    from paspor.lib.testing_browser import sign_on_pad

    sign_on_pad(page, page.locator("#signature-pad"))
    # The stamp duty is not ticked: refused, and the page comes back as it was sent.
    page.get_by_role("button", name="Serahkan paspor dan tutup permohonan").click()
    page.wait_for_load_state()
    assert "Surat kuasa harus bermeterai" in page.content()
    assert attorney_date.is_visible() and attorney_date.input_value() == "2026-01-07"
    assert not kk.is_visible()
    assert page.get_by_label("Nama pengambil (kosongkan bila pemilik sendiri)").input_value() == (
        "Rahmawati"
    )
    page.get_by_role("checkbox", name="Surat kuasa bermeterai").check()
    page.get_by_role("button", name="Serahkan paspor dan tutup permohonan").click()
    page.wait_for_url("**/penyerahan/")
    handover = Handover.objects.get(case=case)
    assert handover.basis == CollectorBasis.POWER_OF_ATTORNEY
    assert handover.kk_number == ""  # typed under the family basis, not recorded


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_documents_to_check_appear_with_the_basis_not_as_an_empty_heading(
    page, live_server, office, intake_officer, printer, checker, handover_officer
):
    receive(office, printer, "C1000001", "C1000010", on=dt.date(2026, 1, 5))
    passport = ready_passport(make_paid_case(office, intake_officer), printer, checker)
    sign_in(page, live_server, handover_officer)
    page.goto(live_server.url + _page_url(passport))
    documents = page.get_by_role("group", name="Dokumen asli yang diperiksa")
    assert documents.is_hidden()  # nothing chosen: nothing to tick under it
    page.get_by_label("Pemilik paspor sendiri").check()
    assert documents.is_visible()
    assert documents.get_by_role("checkbox", name="KTP pengambil").is_visible()
