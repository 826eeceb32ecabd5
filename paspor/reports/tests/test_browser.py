"""In the browser: the head of office opens the live dashboard and the period dashboard."""

import os

import pytest

from conftest import PASSWORD, totp_code, totp_device_for
from paspor.lib.testing_browser import screenshot
from paspor.reports.tests.conftest import Week
from paspor.reports.tests.test_capacity import DAY, day_data, services  # noqa: F401 - fixtures

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, user):
    device = totp_device_for(user)  # the head of office gives an authenticator's code too
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/dua-langkah/verifikasi/**")
    page.locator("input[name=code]").fill(totp_code(device))
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url("**/petugas/")


def test_head_of_office_opens_both_dashboards(page, live_server, head_of_office, week: Week):
    base = live_server.url
    sign_in(page, base, head_of_office)
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
    assert (
        page.get_by_role("alert").inner_text() == "Tanggal awal tidak boleh setelah tanggal akhir."
    )


# Each scroll box of the page: how wide it shows, how wide its table is, and how it overflows.
SCROLL_BOXES = """() => [...document.querySelectorAll('.table-wrap')].map(box => ({
    section: box.closest('section')?.id ?? '',
    shown: box.clientWidth,
    table: box.scrollWidth,
    overflow: getComputedStyle(box).overflowX,
}))"""
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
TABLET, PHONE = 768, 390


def test_wide_tables_scroll_inside_their_box_on_a_tablet_and_a_phone(
    page, live_server, head_of_office, week: Week
):
    """Nine columns of station times are wider than a tablet: the table scrolls in its box and
    the page keeps the screen's width (it grew to 1103 px and cut the table off)."""
    base = live_server.url
    sign_in(page, base, head_of_office)
    for width in (TABLET, PHONE):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + "/laporan/dasbor/?kantor=ketapang&dari=2026-11-02&sampai=2026-11-06")
        assert page.evaluate(PAGE_WIDTH) == width
        boxes = {box["section"]: box for box in page.evaluate(SCROLL_BOXES)}
        assert len(boxes) == 10 and all(box["overflow"] == "auto" for box in boxes.values())
        times = boxes["waktu-pos"]
        assert times["table"] > times["shown"]  # wider than the screen, so it scrolls
        box = page.locator("#waktu-pos .table-wrap")
        box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
        last = page.locator("#waktu-pos thead th").last.bounding_box()
        assert last is not None and last["x"] + last["width"] <= width
        screenshot(page, f"reports-period-{width}")

        page.goto(base + "/laporan/kantor/ketapang/hari-ini/")
        assert page.evaluate(PAGE_WIDTH) == width


@pytest.mark.usefixtures("day_data")
def test_the_counter_plan_fits_a_phone(page, live_server, head_of_office):
    """A day with arrivals: the peak table and one table per station, each in a scroll box."""
    base = live_server.url
    sign_in(page, base, head_of_office)
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(f"{base}/laporan/kantor/ketapang/kapasitas/?tanggal={DAY}&tunggu=15&persen=80")
    assert page.locator("table").count() >= 2
    assert page.evaluate(PAGE_WIDTH) == PHONE
    assert all(box["overflow"] == "auto" for box in page.evaluate(SCROLL_BOXES))


OFFICE_SCREEN = 1024


def test_the_nine_station_time_columns_fit_an_office_screen_in_indonesian(
    page, live_server, head_of_office, week: Week
):
    """At 1024 px the Indonesian headings made the table 1069 px wide, 119 more than its box:
    "Layanan p90" hid behind a sideways scroll nobody sees on an office screen."""
    base = live_server.url
    sign_in(page, base, head_of_office)
    page.set_viewport_size({"width": OFFICE_SCREEN, "height": 900})
    page.goto(base + "/laporan/dasbor/?kantor=ketapang&dari=2026-11-02&sampai=2026-11-06")
    boxes = {box["section"]: box for box in page.evaluate(SCROLL_BOXES)}
    times = boxes["waktu-pos"]
    assert times["table"] <= times["shown"], times
    last = page.locator("#waktu-pos thead th").last
    assert last.inner_text() == "Layanan p90"
    edge = last.bounding_box()
    assert edge is not None and edge["x"] + edge["width"] <= OFFICE_SCREEN
    screenshot(page, "reports-period-1024")
