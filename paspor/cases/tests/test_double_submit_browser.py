"""In the browser: a form that posts is sent once, however often its button is pressed while the
answer is on the way (paspor/static/js/paspor.js). The request is held back by the test so that
the second press surely lands before the answer, as on a slow line.
"""

import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.cases.models import Case, CaseStatus
from paspor.cases.tests.conftest import make_booking, make_ticket

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class HeldPosts:
    """Holds every POST to paths containing `part` until release(); counts them."""

    def __init__(self, page, part):
        self.page, self.held, self.released = page, [], 0
        page.route(f"**{part}**", self._hold)

    def _hold(self, route):
        if route.request.method == "POST":
            self.held.append(route)
        else:
            route.continue_()

    def wait_for(self, count):
        for _ in range(100):
            if len(self.held) >= count:
                return
            self.page.wait_for_timeout(20)
        raise AssertionError(f"{count} POST(s) expected, {len(self.held)} seen")

    def release(self):
        for route in self.held[self.released :]:
            route.continue_()
        self.released = len(self.held)


def spot(locator):
    """Where a finger presses the button (read before the page starts to leave)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def press(page, where):
    """Unlike locator.click, the mouse does not wait for a navigation under way to finish."""
    page.mouse.click(*where)


def _signed_in(page, live_server, user):
    client = sign_in(Client(), user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


# The page cannot be asked while it is leaving; this notes, just after each submit, whether the
# pressed button says it is busy, where the next page can read it.
BUSY_PROBE = """
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  setTimeout(() => sessionStorage.setItem("busy", button && button.getAttribute("aria-busy")));
});
"""


def test_a_double_press_on_finishing_the_document_check_sends_it_once(
    page, live_server, office, intake_officer, applicant
):
    page.add_init_script(BUSY_PROBE)
    make_ticket(office, 12, booking=make_booking(office, applicant))
    _signed_in(page, live_server, intake_officer)
    page.goto(f"{live_server.url}/permohonan/{office.code}/")
    page.get_by_label("Nomor antrean hari ini").fill("A-012")
    with page.expect_navigation():
        page.get_by_role("button", name="Buka permohonan").click()
    page.wait_for_url("**/permohonan/ketapang/*/")
    for label in (
        "KTP elektronik (e-KTP) asli",
        "Kartu Keluarga (KK) asli",
        "Akta kelahiran, akta",
    ):
        page.get_by_role("checkbox", name=label).click()
    case = Case.objects.get()
    posts = HeldPosts(page, f"/{case.code}/")
    finish = page.get_by_role("button", name="Simpan dan selesai pemeriksaan berkas")

    where = spot(finish)
    press(page, where)
    posts.wait_for(1)
    press(page, where)
    press(page, where)
    page.wait_for_timeout(400)
    assert len(posts.held) == 1

    with page.expect_navigation():
        posts.release()
    case.refresh_from_db()
    assert case.status == CaseStatus.BIOMETRICS
    # The pressed button showed that it was working (noted by BUSY_PROBE as the form left).
    assert page.evaluate("() => sessionStorage.getItem('busy')") == "true"


def test_the_language_form_is_sent_once_and_works_again_after_going_back(page, live_server):
    page.goto(f"{live_server.url}/")
    posts = HeldPosts(page, "/i18n/setlang/")
    english = spot(page.locator("#language-form button[value=en]"))
    press(page, english)
    posts.wait_for(1)
    press(page, english)
    page.wait_for_timeout(400)
    assert len(posts.held) == 1
    with page.expect_navigation():
        posts.release()
    assert page.locator("html").get_attribute("lang") == "en"

    # Back on the page from the browser's history, the form is not left locked.
    page.go_back()
    press(page, spot(page.locator("#language-form button")))
    posts.wait_for(2)
    with page.expect_navigation():
        posts.release()


def test_a_form_left_in_place_by_its_answer_is_unlocked_after_a_while(
    page, live_server, office, intake_officer
):
    """An answer that does not replace the page (here a 204; a download does the same) must
    not leave the form locked: after 15 seconds the button works again. The deferral's button
    belongs to the intake form through its form attribute, and is unlocked too."""
    from paspor.cases.tests.conftest import open_case

    page.clock.install()
    case = open_case(office, intake_officer)
    _signed_in(page, live_server, intake_officer)
    page.goto(f"{live_server.url}/permohonan/{office.code}/{case.code}/")
    page.get_by_text("Tangguhkan (berkas belum lengkap)").click()
    page.get_by_label("Yang harus dilengkapi").fill("Kartu Keluarga (KK) asli")
    sent = []

    def answer_nothing(route):
        sent.append(route.request.method)
        route.fulfill(status=204)

    page.route("**/tangguhkan/", answer_nothing)
    defer = page.get_by_role("button", name="Tangguhkan", exact=True)
    defer.click()
    page.wait_for_function("() => document.querySelector('#intake-form[data-sending]')")
    assert sent == ["POST"] and defer.get_attribute("aria-busy") == "true"
    # A busy button takes no pointer (Pico); pressed by the keyboard, it is held back.
    defer.evaluate("button => button.click()")
    page.wait_for_timeout(300)
    assert sent == ["POST"]  # still locked

    page.clock.run_for(15_000)
    assert defer.get_attribute("aria-busy") is None
    defer.click()
    page.wait_for_function("() => document.querySelector('#intake-form[data-sending]')")
    assert sent == ["POST", "POST"]
