"""In the browser: the survey answered by keyboard and pointer, the status page on a phone,
and axe-core on every public page (no serious or critical violations)."""

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from django.urls import URLPattern, get_resolver
from PIL import Image

from paspor.lib.testing_browser import screenshot
from paspor.notifications.tests.factories import make_booking, make_case, make_profile, make_ticket
from paspor.surveys.models import SurveyResponse
from paspor.surveys.services import survey_invite

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-4.14.1.min.js"
PHONE = {"width": 390, "height": 844}


def axe_violations(page):
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy forbids an
    # injected inline <script>, and the check must see the page as served.
    page.evaluate(AXE.read_text() + "\n;true")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def booking_pages():
    """Public booking pages without URL parameters, when the booking app has them."""
    entry = get_resolver().namespace_dict.get("booking")
    if entry is None:
        return []
    prefix, resolver = entry
    return [
        "/" + prefix + str(pattern.pattern)
        for pattern in resolver.url_patterns
        if isinstance(pattern, URLPattern)
        and not pattern.pattern.converters
        and "<" not in str(pattern.pattern)
    ]


@pytest.fixture
def invitation(office, applicant):
    booking = make_booking(office, make_profile(applicant), day=dt.date(2026, 3, 10))
    ticket = make_ticket(office, number=7, day=dt.date(2026, 3, 10), booking=booking, status="done")
    return survey_invite(ticket=ticket)


def test_an_applicant_answers_the_survey_in_the_browser(page, live_server, invitation):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/survei/{invitation.token}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Survei kepuasan masyarakat"
    assert page.get_by_role("group").count() == 9
    # Sending it half-filled keeps the answers given and says what is missing.
    page.get_by_role("group", name="1. Bagaimana kesesuaian").get_by_label("Sangat sesuai").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    assert "Masih ada pertanyaan yang belum dijawab." in page.content()
    assert page.get_by_label("Sangat sesuai").first.is_checked()
    screenshot(page, "survey-incomplete-phone")
    for number in range(2, 10):
        group = page.get_by_role("group", name=f"{number}. ")
        group.get_by_role("radio").nth(2).check()  # the third answer: "Sesuai", "Mudah"…
    page.get_by_label("Saran untuk kami (boleh dikosongkan)").fill("Kursi ruang tunggu kurang.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_url("**/terima-kasih/")
    assert "Terima kasih atas penilaian Anda" in page.content()
    screenshot(page, "survey-thanks-phone")
    stored = SurveyResponse.objects.get()
    assert stored.answers() == (4, 3, 3, 3, 3, 3, 3, 3, 3)
    assert stored.comment == "Kursi ruang tunggu kurang."
    page.goto(f"{live_server.url}/survei/{invitation.token}/")
    assert "Survei ini sudah diisi" in page.content()


def test_the_status_page_on_a_phone(page, live_server, office, intake_officer, applicant):
    from django.core.cache import cache

    from paspor.cases.models import CaseStatus
    from paspor.cases.services import case_transition

    cache.clear()
    booking = make_booking(office, make_profile(applicant), code="BKDEMO01")
    case = make_case(office, intake_officer, booking=booking)
    for status in (CaseStatus.BIOMETRICS, CaseStatus.INTERVIEW, CaseStatus.AWAITING_SUPERVISOR):
        case = case_transition(case=case, to=status, by=intake_officer)
    case_transition(
        case=case,
        to=CaseStatus.DEFERRED,
        by=intake_officer,
        reason="Berkas kurang",
        data={"missing": ["Akta kelahiran asli"], "deadline": "2026-04-10"},
    )
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/notifikasi/status/")
    screenshot(page, "status-form-phone")
    page.get_by_label("Kode booking atau nomor permohonan").fill("BKDEMO01")
    page.get_by_label("Tanggal lahir pemohon").fill("1990-08-17")
    page.get_by_role("button", name="Cek status").click()
    page.wait_for_load_state()
    assert (
        page.get_by_role("heading", level=2).first.inner_text()
        == "Ditangguhkan (melengkapi berkas)"
    )
    assert "Akta kelahiran asli" in page.content()
    assert "Siti Aminah" not in page.content()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"]  # nothing sideways on a phone
    assert axe_violations(page) == []
    screenshot(page, "status-result-phone")
    page.get_by_label("Kode booking atau nomor permohonan").fill("BKSALAH1")
    page.get_by_label("Tanggal lahir pemohon").fill("1990-08-17")
    page.get_by_role("button", name="Cek status").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").inner_text().startswith("Kode atau tanggal lahir tidak cocok")
    screenshot(page, "status-mismatch-phone")


def test_public_pages_pass_axe_without_serious_or_critical_violations(
    page, live_server, invitation
):
    pages = [
        "/",
        "/notifikasi/status/",
        f"/survei/{invitation.token}/",
        "/pengaduan/",
        "/pengaduan/lacak/",
        "/standar-pelayanan/",
        "/standar-pelayanan/lost/",
        *booking_pages(),
    ]
    found = {}
    for viewport in (PHONE, {"width": 1280, "height": 800}):
        page.set_viewport_size(viewport)
        for path in pages:
            page.goto(live_server.url + path)
            violations = axe_violations(page)
            if violations:
                found[f"{path} @{viewport['width']}"] = violations
    assert found == {}, json.dumps(found, indent=1)


def test_the_complaint_form_works_in_the_browser(page, live_server, office, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    photo = tmp_path / "bukti.png"
    # A whole image: the upload check decodes it, a PNG signature alone is refused.
    Image.new("RGB", (16, 16), "white").save(photo, format="PNG")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/pengaduan/")
    page.get_by_label("Kantor imigrasi").select_option(office.code)
    page.get_by_label("Kategori").select_option("waiting")
    page.get_by_label("Isi pengaduan").fill("Antre dari subuh, nomor tidak dipanggil.")
    page.get_by_label("Lampiran").set_input_files(str(photo))
    page.get_by_role("button", name="Kirim pengaduan").click()
    page.wait_for_url("**/pengaduan/lacak/ADU-*/")
    assert "Menunggu tanggapan" in page.content()
    assert axe_violations(page) == []
    screenshot(page, "complaint-tracking-phone")


def test_the_axe_check_does_catch_a_bad_page(page):
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    assert {v["id"] for v in axe_violations(page)} >= {"image-alt", "label"}


@pytest.mark.parametrize("width", [320, 390])
def test_the_fee_table_of_the_service_standard_fits_a_phone(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/standar-pelayanan/lost/")
    table_wrap = page.locator("#cost ~ .table-wrap")
    scroll, visible = table_wrap.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll <= visible  # no sideways scrolling to read a fee or its legal basis
    assert "Rp 1.000.000" in table_wrap.inner_text()


def test_the_survey_boxes_line_up_on_a_laptop_and_hold_their_questions_on_a_phone(
    page, live_server, invitation
):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/survei/{invitation.token}/")
    boxes = page.locator(".survey fieldset").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().width))"
    )
    assert len(boxes) == 9 and len(set(boxes)) == 1  # one width, whatever the answers
    easy = page.get_by_role("group", name="2. ").locator("label").first
    line = float(easy.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    words = easy.evaluate("e => e.innerText.trim()")
    assert words == "Not easy"
    text_height = easy.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " return r.getClientRects().length ? Math.max(...[...r.getClientRects()].map(x => x.bottom))"
        " - Math.min(...[...r.getClientRects()].map(x => x.top)) : 0 }"
    )
    assert text_height < 1.6 * line  # "Not easy" on one line, not "Not / easy"
    screenshot(page, "survey-en-laptop")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/survei/{invitation.token}/")
    for box in page.locator(".survey fieldset").all():
        legend = box.locator("legend")
        top = box.evaluate(
            "e => e.getBoundingClientRect().top + parseFloat(getComputedStyle(e).borderTopWidth)"
        )
        # A question of two or three lines lies inside its box, under the top border.
        assert legend.evaluate("e => e.getBoundingClientRect().top") >= top
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "survey-en-phone")


@pytest.mark.parametrize(
    ("language", "title", "button"),
    [
        ("id", "Tautan survei sudah kedaluwarsa", "Sampaikan pengaduan"),
        ("en", "The survey link has expired", "File a complaint"),
    ],
)
def test_an_expired_link_says_what_to_do_instead_on_a_phone_and_a_laptop(
    page, live_server, invitation, language, title, button
):
    from django.utils import timezone

    from paspor.surveys.models import SurveyInvitation

    issued = timezone.now() - dt.timedelta(days=45)  # past the 30 days of PASPOR_SURVEY_LINK_DAYS
    SurveyInvitation.objects.filter(pk=invitation.pk).update(created_at=issued)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    for viewport in (PHONE, {"width": 1280, "height": 800}):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/survei/{invitation.token}/")
        assert page.get_by_role("heading", level=1).inner_text() == title
        assert page.get_by_role("radio").count() == 0  # nothing to fill in
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        screenshot(page, f"survey-expired-{language}-{viewport['width']}")
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/pengaduan/?kantor=ketapang")
    assert page.locator("#id_office").input_value() == "ketapang"  # the office already chosen
    assert not SurveyResponse.objects.exists()
