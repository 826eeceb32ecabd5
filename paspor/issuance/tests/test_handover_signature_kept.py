"""A refused handover keeps the collector's signature, so the collector signs once.

The officer corrects what was refused (a mistyped NIK, a document not ticked) and sends the
form again; asking the collector to sign a second time only because the officer erred wastes
the counter's time and reads as a second signature on one handover.
"""

import base64
import datetime as dt
import html
import os
import re

import pytest
from django.urls import reverse

from paspor.cases.models import CaseStatus
from paspor.issuance.models import Handover, PassportStatus
from paspor.issuance.tests.conftest import make_paid_case, receive, signature_png
from paspor.issuance.tests.helpers import ready_passport
from paspor.issuance.tests.test_browser import sign_in
from paspor.lib.testing_browser import sign_on_pad

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
OTHER_NIK = "6104014504850002"
SIGNATURE = "data:image/png;base64," + base64.b64encode(signature_png()).decode()


def handover_form(nik, signature=SIGNATURE):
    return {
        "basis": "holder",
        "nik_typed": nik,
        "documents_seen": ["ktp", "receipt"],
        "face_matched": "on",
        "old_passport_action": "none",
        "signature": signature,
    }


def signature_field(page):
    tag = re.search(r'<input[^>]*name="signature"[^>]*>', page)
    assert tag is not None
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen", "stock")
def test_a_refused_handover_keeps_the_signature_for_the_second_try(
    client_for, paid_case, printer, checker, handover_officer
):
    passport = ready_passport(paid_case, printer, checker)
    client = client_for(handover_officer)
    submit = reverse(
        "issuance:handover_submit",
        kwargs={"office": "ketapang", "number": passport.passport_number},
    )

    refused = client.post(submit, handover_form(OTHER_NIK))
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 400
    assert "NIK pada KTP tidak sama dengan NIK permohonan" in page
    assert signature_field(page) == SIGNATURE

    # The browser sends the kept field back unchanged when nobody touches the pad.
    accepted = client.post(submit, handover_form(paid_case.nik, signature_field(page)))
    assert accepted.status_code == 302
    assert bytes(Handover.objects.get(case=paid_case).signature_png) == signature_png()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_pad_shows_the_kept_signature_and_the_second_try_needs_no_new_one(
    page, live_server, office, intake_officer, printer, checker, handover_officer
):
    receive(office, printer, "C1000001", "C1000010", on=dt.date(2026, 1, 5))
    case = make_paid_case(office, intake_officer, due_date=dt.date(2026, 1, 8))
    passport = ready_passport(case, printer, checker)
    page.on("dialog", lambda dialog: dialog.accept())  # "Serahkan paspor …?": the officer agrees
    sign_in(page, live_server, handover_officer)
    page.goto(f"{live_server.url}/penerbitan/{office.code}/penyerahan/{passport.passport_number}/")

    page.get_by_label("Pemilik paspor sendiri").check()
    nik = page.get_by_label("NIK pada KTP pengambil (ketik atau pindai)")
    nik.fill(OTHER_NIK)
    page.get_by_role("checkbox", name="KTP pengambil").check()
    page.get_by_role("checkbox", name="Bukti pembayaran").check()
    page.get_by_label("Wajah sesuai (pengambil dibandingkan dengan foto)").check()
    sign_on_pad(page, page.locator("#signature-pad"))
    page.get_by_role("button", name="Serahkan paspor dan tutup permohonan").click()
    page.wait_for_load_state()
    assert "NIK pada KTP tidak sama dengan NIK permohonan" in page.content()

    # The kept signature is drawn on the pad, not only carried in the hidden field.
    page.wait_for_function(
        """() => {
            const pad = document.getElementById("signature-pad");
            const pixels = pad.getContext("2d").getImageData(0, 0, pad.width, pad.height).data;
            return pixels.some((value, index) => index % 4 === 3 && value > 0);
        }"""
    )
    nik.fill(case.nik)
    page.get_by_role("button", name="Serahkan paspor dan tutup permohonan").click()
    page.wait_for_url("**/penyerahan/")

    case.refresh_from_db()
    passport.refresh_from_db()
    assert case.status == CaseStatus.HANDED_OVER
    assert passport.status == PassportStatus.ISSUED
    assert bytes(Handover.objects.get(case=case).signature_png).startswith(b"\x89PNG")
