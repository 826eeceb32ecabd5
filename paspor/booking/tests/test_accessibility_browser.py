"""In the browser on a 390-pixel phone: axe-core finds nothing on the applicant's booking pages,
minor findings included, in Indonesian and English; a form sent back with mistakes puts the
keyboard on their list, and each link reaches its field with the label in view; every stop of a
date field shows its focus; and the keyboard walks the booking page from the skip link round to
it again, seeing where it is at each stop."""

import json
import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.booking import services
from paspor.booking.models import PoolPolicy
from paspor.booking.tests.conftest import DAY, book, make_profile
from paspor.surveys.tests.test_browser import AXE

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The focused element, and whether a ring of at least 2 pixels shows around it (WCAG 2.4.7).
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  return {
    id: e.id, tag: e.tagName.toLowerCase(), classes: e.className,
    text: (e.innerText || e.value || '').trim().slice(0, 80),
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def all_axe_violations(page) -> list[dict[str, object]]:
    """Every violation axe reports, whatever its impact."""
    page.evaluate(AXE.read_text() + "\n;true")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def open_as(page, live_server, user, language: str = "id") -> None:
    page.context.clear_cookies()
    cookies = [{"name": "django_language", "value": language, "url": live_server.url}]
    if user is not None:
        client = sign_in(Client(), user)
        cookies.append(
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        )
    page.context.add_cookies(cookies)
    page.set_viewport_size(PHONE)


def test_the_applicant_booking_pages_pass_axe_in_both_languages(
    page, live_server, office, sessions, budi, frozen
):
    PoolPolicy.objects.create(office=office, pool="priority", mode="ballot")
    services.ballot_open(office=office, day=DAY, pool="priority")
    booking = book(budi, office, sessions[0])
    gone = book(make_profile(budi.account, 2, name="Siti Aminah"), office, sessions[1])
    services.booking_cancel(booking=gone, by=budi.account)
    paths = [
        "/booking/",
        f"/booking/kuota/{office.code}/?tanggal={DAY.isoformat()}",
        f"/booking/undian/{office.code}/{DAY.isoformat()}/priority/",
        "/booking/verifikasi/tautan-yang-rusak/",
        "/booking/saya/",
        "/booking/profil/",
        f"/booking/profil/{budi.public_id}/ubah/",
        "/booking/pesan/",
        f"/booking/bukti/{booking.code}/",
        f"/booking/bukti/{gone.code}/",
        f"/booking/bukti/{booking.code}/batal/",
        f"/booking/bukti/{booking.code}/jadwal-ulang/?tanggal=2026-06-12",
    ]
    found = {}
    for language in ("id", "en"):
        open_as(page, live_server, budi.account, language)
        for path in paths:
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.lang") == language
            if violations := all_axe_violations(page):
                found[f"{path} ({language})"] = violations
        # The questionnaire sent back unanswered, then the choice of seats.
        page.goto(live_server.url + "/booking/pesan/")
        page.locator("form:has(#id_old_passport_0) button[type=submit]").click()
        page.locator(".error-summary").wait_for()
        if violations := all_axe_violations(page):
            found[f"/booking/pesan/ unanswered ({language})"] = violations
        page.locator("input[name=profile]:not([disabled])").first.check()
        page.locator("#id_old_passport_0").check()
        page.locator("form:has(#id_old_passport_0) button[type=submit]").click()
        page.wait_for_url("**/booking/pesan/jadwal/")
        page.goto(
            f"{live_server.url}/booking/pesan/jadwal/?office={office.code}&tanggal=2026-06-12"
        )
        if violations := all_axe_violations(page):
            found[f"/booking/pesan/jadwal/ ({language})"] = violations
    assert found == {}, json.dumps(found, indent=1)


def test_a_registration_with_mistakes_puts_the_keyboard_on_their_list(page, live_server):
    open_as(page, live_server, None)
    page.goto(live_server.url + "/booking/daftar/")
    page.get_by_label("E-mail").fill("bukan-email")
    page.get_by_label("E-mail").press("Enter")
    page.locator(".error-summary").wait_for()
    focused = page.evaluate(FOCUSED)
    assert focused is not None and "error-summary" in focused["classes"]
    assert focused["text"].startswith("Formulir belum dapat dikirim.")

    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Nama lengkap: Bidang ini tidak boleh kosong."
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED)["id"] == "id_full_name"
    label = page.locator("label[for=id_full_name]").bounding_box()
    assert label is not None and label["y"] >= 0  # the field's name is still on the screen
    # The field says its own mistake too.
    assert page.get_by_role("textbox", name="Nama lengkap").get_attribute("aria-invalid") == "true"
    described = page.locator("#id_full_name").get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == "Bidang ini tidak boleh kosong."


def test_every_keyboard_stop_of_the_birth_date_shows_its_focus(page, live_server, budi):
    open_as(page, live_server, budi.account)
    page.goto(live_server.url + "/booking/profil/")
    page.locator("#id_full_name").focus()
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["id"] == "id_birth_date":
            stops.append(focused["ring"])
        elif stops:
            break
    # Day, month, year and the calendar button: each one shows the ring.
    assert len(stops) >= 2 and all(stops), stops


def test_the_keyboard_walks_the_seat_page_round_with_its_focus_in_sight(
    page, live_server, office, sessions, budi, frozen
):
    open_as(page, live_server, budi.account)
    page.goto(live_server.url + "/booking/pesan/")
    page.locator("#id_profile_0").check()
    page.locator("#id_old_passport_0").check()
    page.locator("form:has(#id_old_passport_0) button[type=submit]").click()
    page.wait_for_url("**/booking/pesan/jadwal/")

    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["text"] == "Langsung ke isi" and first["ring"]
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["text"] == "Langsung ke isi":
            break  # round to the start: the keyboard was held nowhere
        seen.append(focused)
    else:
        pytest.fail("the keyboard never came back to the start of the page")
    assert [f["text"] for f in seen if not f["ring"]] == []
    names = [f["text"] for f in seen]
    assert "Tampilkan" in names  # the office list has its own button
    assert names.index("Tampilkan") > names.index("Ubah jawaban")
