"""In the browser: supervisor bills, the simulator bank pays, the applicant sees paid."""

import os

import pytest

from conftest import PASSWORD, totp_code, totp_device_for
from paspor.cases.models import CaseStatus
from paspor.lib.testing_browser import screenshot
from paspor.payments.services import fee_schedule_ensure_defaults, payment_channel_ensure
from paspor.payments.tests.factories import BIRTH_DATE, make_case, pay

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, username, device=None):
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    if device is not None:  # supervisors and heads of office give their authenticator's code too
        page.wait_for_url("**/dua-langkah/verifikasi/**")
        page.locator("input[name=code]").fill(totp_code(device))
        page.locator("main button[type=submit]").first.click()
    page.wait_for_url("**/petugas/")


def test_from_billing_to_paid_with_the_simulator(
    page, live_server, office, intake_officer, supervisor
):
    fee_schedule_ensure_defaults()
    payment_channel_ensure(code="simulasi", name="Bank Simulasi", secret="simulasi-uji-rahasia")
    case = make_case(office, intake_officer, express=True)
    base = live_server.url

    sign_in(page, base, supervisor.username, totp_device_for(supervisor))
    page.get_by_role("button", name="Pembayaran PNBP").click()
    screenshot(page, "payments-overview-before")
    page.get_by_role("row", name=case.code).get_by_role("button", name="Terbitkan tagihan").click()
    notice = page.locator(".message.success").inner_text()
    assert "kode billing" in notice
    code = notice.rsplit(" ", 1)[-1].rstrip(".")
    assert len(code) == 15 and code.isdigit()
    screenshot(page, "payments-overview-billed")

    page.goto(base + "/pembayaran/simulator/")
    page.get_by_label("Kode billing").fill(code)
    page.get_by_label("Cara bayar").select_option("atm")
    page.get_by_role("button", name="Bayar").click()
    answer = page.get_by_role("status").inner_text()
    assert "Jawaban endpoint: Diterapkan" in answer and "HTTP 200" in answer
    screenshot(page, "payments-simulator")

    page.context.clear_cookies()
    page.goto(base + "/pembayaran/status/")
    page.get_by_label("Nomor permohonan").fill(case.code)
    page.get_by_label("Tanggal lahir pemohon").fill(BIRTH_DATE.isoformat())
    page.get_by_role("button", name="Lihat status").click()
    page.wait_for_url(f"**/pembayaran/status/{case.code}/")
    body = page.content()
    assert "Sudah dibayar" in body and "Janji selesai" in body and "NTPN" in body
    screenshot(page, "payments-status-paid")
    page.get_by_role("button", name="Bukti pembayaran").click()
    assert "Bukti pembayaran PNBP paspor" in page.content()
    screenshot(page, "payments-receipt")
    case.refresh_from_db()
    assert case.status == CaseStatus.PAID and case.due_date is not None


def test_applicant_sees_the_billing_code_and_how_to_pay(
    page, live_server, office, intake_officer, supervisor
):
    from paspor.payments.services import bill_issue_for_case

    fee_schedule_ensure_defaults()
    case = make_case(office, intake_officer)
    code = bill_issue_for_case(case=case, by=supervisor)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(live_server.url + "/pembayaran/status/")
    page.get_by_label("Nomor permohonan").fill(case.code)
    page.get_by_label("Tanggal lahir pemohon").fill(BIRTH_DATE.isoformat())
    page.get_by_role("button", name="Lihat status").click()
    page.wait_for_url(f"**/pembayaran/status/{case.code}/")
    assert code.code[:5] in page.locator(".billing-code").inner_text()
    screenshot(page, "payments-status-billed-phone")
    # The code is typed into mobile banking: every digit stays inside its card, down to a
    # 320-pixel phone.
    for width in (390, 360, 320):
        page.set_viewport_size({"width": width, "height": 844})
        code_box = page.locator(".billing-code").bounding_box()
        card_box = page.locator(".billing-card").bounding_box()
        inside = page.evaluate(
            "() => { const e = document.querySelector('.billing-code');"
            " return e.scrollWidth <= e.clientWidth; }"
        )
        assert inside, width
        assert code_box["x"] + code_box["width"] <= card_box["x"] + card_box["width"], width


# --- Staff pages on a tablet and a phone -----------------------------------------------------

# Each table of the page's main part: whether it sits in a scroll box, and that box's sizes.
TABLES = """() => [...document.querySelectorAll('main table')].map(table => {
    const box = table.closest('.table-wrap');
    return box === null ? null : {
        shown: box.clientWidth, table: box.scrollWidth, overflow: getComputedStyle(box).overflowX,
    };
})"""
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
TABLET, PHONE = 768, 390


@pytest.fixture
def busy_office(office, intake_officer, supervisor):
    """An office with every staff table filled: a case to bill, a flagged payment, bills, a
    reconciliation report and an explained breach."""
    import datetime as dt

    import time_machine

    from paspor.payments.reconciliation import statement_import
    from paspor.payments.services import bill_issue_for_case
    from paspor.payments.sla_alerts import sla_breach_explain, sla_check

    fee_schedule_ensure_defaults()
    channel = payment_channel_ensure(code="simulasi", name="Bank Simulasi", secret="uji-rahasia")
    make_case(office, intake_officer, full_name="Bernadeta Kristiani Wulandari Simanjuntak")
    codes = [bill_issue_for_case(case=make_case(office, intake_officer), by=supervisor)]
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)):  # the statement's
        codes.append(bill_issue_for_case(case=make_case(office, intake_officer), by=supervisor))
    assert pay(channel, codes[0], amount=1).status_code == 202  # flagged: wrong amount
    statement = statement_import(
        office=office,
        content="billing_code,amount,ntpn,paid_at,channel\n"
        f"{codes[1].code},950000,BROWSERCHECK0001,2026-03-11 10:00,Bank Simulasi\n"
        f"{codes[1].code},950000,BROWSERCHECK0002,2026-03-11 10:00,Bank Entah\n",
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
        by=supervisor,
        filename="rekening-koran-maret.csv",
    )
    late = make_case(office, intake_officer, status=CaseStatus.PAID, due_date=dt.date(2020, 1, 2))
    sla_check()
    sla_breach_explain(case=late, reason="Mesin cetak rusak, menunggu teknisi", by=supervisor)
    return statement


def test_staff_tables_scroll_inside_their_box_on_a_tablet_and_a_phone(
    page, live_server, office, head_of_office, busy_office
):
    """The flagged payments with their note field pushed the overview to 903 px on a tablet and
    the header bar stopped short: each table scrolls in its own box, the page keeps the
    screen's width."""
    base = live_server.url
    sign_in(page, base, head_of_office.username, totp_device_for(head_of_office))
    pages = {
        "overview": f"/pembayaran/{office.code}/",
        "reconciliation": f"/pembayaran/{office.code}/rekonsiliasi/",
        "statement": f"/pembayaran/{office.code}/rekonsiliasi/{busy_office.uuid}/",
        "sla": f"/pembayaran/{office.code}/sla/",
        "simulator": "/pembayaran/simulator/",
    }
    for width in (TABLET, PHONE):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages.items():
            page.goto(base + url)
            assert page.evaluate(PAGE_WIDTH) == width, (name, width)
            tables = page.evaluate(TABLES)
            assert None not in tables, (name, width)  # every table in a scroll box
            assert all(box["overflow"] == "auto" for box in tables), (name, width)
            screenshot(page, f"payments-{name}-{width}")
        page.goto(base + pages["overview"])
        flagged = page.locator("#flagged-heading + .table-wrap")
        assert flagged.evaluate("box => box.scrollWidth > box.clientWidth")  # it does scroll
        flagged.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
        done = page.get_by_role("button", name="Selesai ditinjau").bounding_box()
        assert done is not None and done["x"] + done["width"] <= width
        header = page.locator(".site-header").bounding_box()
        assert header is not None and header["width"] == width
