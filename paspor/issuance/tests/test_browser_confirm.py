"""In the browser: an action that cannot be undone asks first, and "Cancel" changes nothing.

Failing quality control spoils the booklet for good, and a handover closes the case: a slip of
the mouse on either must not do it. The question is the page's language.
"""

import os

import pytest

from paspor.issuance.models import BookletStatus, Passport, PassportStatus
from paspor.issuance.services import print_confirm, print_start
from paspor.issuance.tests.conftest import make_paid_case, receive
from paspor.issuance.tests.helpers import ready_passport
from paspor.issuance.tests.test_browser import sign_in
from paspor.lib.testing_browser import sign_on_pad

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Dialogs:
    """Answers the browser's questions as told, and keeps them."""

    def __init__(self, page):
        self.asked: list[str] = []
        self.agree = False
        page.on("dialog", self.answer)

    def answer(self, dialog):
        self.asked.append(dialog.message)
        if self.agree:
            dialog.accept()
        else:
            dialog.dismiss()


def test_failing_quality_control_and_handing_over_ask_first(
    page, live_server, office, intake_officer, printer, checker, handover_officer
):
    receive(office, printer, "C1000001", "C1000010")
    failing = make_paid_case(office, intake_officer)
    collected = make_paid_case(office, intake_officer, nik="6104010101900002", full_name="Budi")
    printed = print_confirm(passport=print_start(case=failing, by=printer), by=printer)
    ready = ready_passport(collected, printer, checker)
    base = f"{live_server.url}/penerbitan/{office.code}"
    dialogs = Dialogs(page)

    # Quality control, in English: "Fail" asks; cancelled, the booklet stays printed.
    sign_in(page, live_server, checker)
    page.goto(f"{base}/kendali-mutu/{printed.passport_number}/?bahasa=en")
    page.locator("#id_mrz_line1").fill(printed.mrz_line1)
    page.locator("#id_mrz_line2").fill(printed.mrz_line2)
    page.locator("#qc-fail").click()
    assert dialogs.asked == [
        f"Fail passport {printed.passport_number} in quality control? Its booklet is recorded "
        "as spoiled and can never be used again; the application goes back to the print queue."
    ]
    assert page.url.endswith(f"/kendali-mutu/{printed.passport_number}/?bahasa=en")
    printed.refresh_from_db()
    assert printed.status == PassportStatus.PRINTED
    assert printed.booklet.status == BookletStatus.PRINTED
    dialogs.agree = True
    page.locator("#qc-fail").click()
    page.wait_for_url("**/kendali-mutu/")
    printed.refresh_from_db()
    assert printed.booklet.status == BookletStatus.SPOILED

    # Handover, in Indonesian: cancelled, the passport is still waiting; agreed, handed over.
    dialogs.agree, dialogs.asked = False, []
    sign_in(page, live_server, handover_officer)
    page.goto(f"{base}/penyerahan/{ready.passport_number}/?bahasa=id")
    page.get_by_label("Pemilik paspor sendiri").check()
    page.get_by_label("NIK pada KTP pengambil (ketik atau pindai)").fill(collected.nik)
    page.get_by_role("checkbox", name="KTP pengambil").check()
    page.get_by_role("checkbox", name="Bukti pembayaran").check()
    page.get_by_label("Wajah sesuai (pengambil dibandingkan dengan foto)").check()
    sign_on_pad(page, page.locator("#signature-pad"))
    page.locator("#handover-submit").click()
    assert dialogs.asked == [
        f"Serahkan paspor {ready.passport_number} dan tutup permohonan? "
        "Penyerahan tidak dapat dibatalkan."
    ]
    assert Passport.objects.get(pk=ready.pk).status == PassportStatus.READY
    dialogs.agree = True
    page.locator("#handover-submit").click()
    page.wait_for_url("**/penyerahan/")
    assert Passport.objects.get(pk=ready.pk).status == PassportStatus.ISSUED
