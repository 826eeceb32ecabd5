"""In the browser: the head of office opens the live dashboard and the period dashboard."""

import os

import pytest

from conftest import PASSWORD
from paspor.lib.testing_browser import screenshot
from paspor.reports.tests.conftest import Week

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, username):
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/petugas/")


def test_head_of_office_opens_both_dashboards(page, live_server, head_of_office, week: Week):
    base = live_server.url
    sign_in(page, base, head_of_office.username)
    page.goto(base + "/laporan/kantor/ketapang/hari-ini/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hari ini")
    assert page.locator("#today-panel table").count() == 1
    screenshot(page, "reports-today")

    page.goto(base + "/laporan/dasbor/?kantor=ketapang&dari=2026-11-02&sampai=2026-11-06")
    assert page.locator("section.figure-section").count() == 10
    assert page.locator(".chart svg").count() >= 7
    assert page.get_by_role("link", name="XLSX").count() == 10
    screenshot(page, "reports-period")

    page.get_by_label("Dari").fill("2026-11-06")
    page.get_by_label("Sampai").fill("2026-11-02")
    page.get_by_role("button", name="Tampilkan").click()
    assert page.get_by_role("alert").inner_text() == "Tanggal awal harus sebelum tanggal akhir."
