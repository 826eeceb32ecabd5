"""In the browser at 1024×768 (the counters' screens): axe-core on the staff pages of the queue,
case, issuance and reports apps, in Indonesian and English, signed in as the officer who uses
each page; and the primary action of the counter console and of the case page reached and seen
by keyboard alone."""

import datetime as dt
import json
import os

import pytest
from django.test import Client

from conftest import make_user, sign_in
from paspor.accounts.models import Role
from paspor.cases.models import CaseStatus
from paspor.cases.services import case_claim
from paspor.cases.tests.conftest import case_at
from paspor.issuance.services import print_confirm, print_start
from paspor.issuance.tests.conftest import make_paid_case, receive
from paspor.issuance.tests.helpers import ready_passport
from paspor.offices.models import OfficeService, ServiceKind, StationType
from paspor.queueing.services import counter_open, ticket_call_next, ticket_walk_in
from paspor.queueing.tests.conftest import counter, lay_out, station
from paspor.surveys.tests.test_browser import axe_violations

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COUNTER_SCREEN = {"width": 1024, "height": 768}

# What axe reports as "needs review" rather than a violation: ids used twice (a label then names
# another form's field) and ARIA or label references to an id that is not on the page.
ID_PROBLEMS = """() => {
  const seen = {};
  document.querySelectorAll('[id]').forEach(e => { seen[e.id] = (seen[e.id] || 0) + 1; });
  const refs = [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')].flatMap(
    e => `${e.getAttribute('aria-describedby') || ''} ${e.getAttribute('aria-labelledby') || ''}`
      .split(/\\s+/).filter(Boolean));
  const fors = [...document.querySelectorAll('label[for]')].map(l => l.htmlFor);
  return {
    duplicate_ids: Object.keys(seen).filter(id => seen[id] > 1),
    missing_ids: [...refs, ...fors].filter(id => !document.getElementById(id)),
  };
}"""

# The focused element: its name and whether its focus ring can be seen (WCAG 2.4.7).
FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  return {
    name: (e.innerText || e.value || '').trim(),
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""


class Staff:
    """Opens pages as one officer or another (session cookie) in the chosen language."""

    def __init__(self, page, live_server, language="id"):
        self.page, self.url, self.language = page, live_server.url, language
        page.set_viewport_size(COUNTER_SCREEN)

    def open(self, user, path):
        client = sign_in(Client(), user)
        context = self.page.context
        context.clear_cookies()
        context.add_cookies(
            [
                {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": self.url},
                {"name": "django_language", "value": self.language, "url": self.url},
            ]
        )
        self.page.goto(self.url + path)

    def problems(self):
        found = {"axe": axe_violations(self.page), **self.page.evaluate(ID_PROBLEMS)}
        return {key: value for key, value in found.items() if value}


@pytest.fixture
def counter_day(office, intake_officer):
    """Counter 1 open at intake with A-… tickets waiting, the first one called."""
    lay_out(office)
    service = OfficeService.objects.get(office=office, kind=ServiceKind.PRIORITY)
    for _ in range(3):
        ticket_walk_in(office=office, service=service, by=None)
    desk = counter_open(
        office=office,
        counter=counter(office, 1),
        station=station(office, "intake"),
        by=intake_officer,
    )
    ticket_call_next(session=desk, by=intake_officer)
    return desk


@pytest.fixture
def staff_day(office, counter_day, intake_officer, biometrics_officer, supervisor):
    """A case at each officer's step, and passports in print, in quality control and ready."""
    cases = {
        status: case_at(
            status,
            office,
            intake_officer=intake_officer,
            biometrics_officer=biometrics_officer,
        )
        for status in (
            CaseStatus.INTAKE,
            CaseStatus.BIOMETRICS,
            CaseStatus.INTERVIEW,
            CaseStatus.AWAITING_SUPERVISOR,
        )
    }
    case_claim(case=cases[CaseStatus.BIOMETRICS], by=biometrics_officer)
    case_claim(case=cases[CaseStatus.INTERVIEW], by=biometrics_officer)
    case_claim(case=cases[CaseStatus.AWAITING_SUPERVISOR], by=supervisor)
    printer = make_user(
        "petugas_cetak", role=Role.PRINT_QC, office=office, stations=(StationType.PRINTING,)
    )
    checker = make_user(
        "petugas_qc", role=Role.PRINT_QC, office=office, stations=(StationType.QUALITY_CONTROL,)
    )
    handover = make_user(
        "petugas_serah", role=Role.HANDOVER, office=office, stations=(StationType.HANDOVER,)
    )
    receive(office, printer, "C1000001", "C1000010", on=dt.date(2026, 1, 5))
    paid = [
        make_paid_case(office, intake_officer, nik=f"61040157089000{n:02d}", full_name=name)
        for n, name in enumerate(("Budi Santoso", "Rina Wati", "Dewi Lestari"), start=2)
    ]
    in_print = print_start(case=paid[0], by=printer)
    in_qc = print_confirm(passport=print_start(case=paid[1], by=printer), by=printer)
    ready = ready_passport(paid[2], printer, checker)
    return {
        "cases": cases,
        "printer": printer,
        "checker": checker,
        "handover": handover,
        "in_print": in_print,
        "in_qc": in_qc,
        "ready": ready,
    }


@pytest.mark.parametrize("language", ["id", "en"])
def test_staff_pages_have_no_serious_or_critical_accessibility_problems(
    page,
    live_server,
    language,
    office,
    staff_day,
    intake_officer,
    biometrics_officer,
    supervisor,
    head_of_office,
    kiosk,
):
    cases, code = staff_day["cases"], office.code
    pages = [
        (intake_officer, f"/antrian/{code}/loket/"),
        (supervisor, f"/antrian/{code}/ringkasan/"),
        (kiosk, f"/antrian/{code}/kios/"),
        (intake_officer, f"/permohonan/{code}/"),
        (intake_officer, f"/permohonan/{code}/buka/data/"),
        (intake_officer, f"/permohonan/{code}/{cases[CaseStatus.INTAKE].code}/"),
        (biometrics_officer, f"/permohonan/{code}/{cases[CaseStatus.BIOMETRICS].code}/"),
        (biometrics_officer, f"/permohonan/{code}/{cases[CaseStatus.INTERVIEW].code}/"),
        (supervisor, f"/permohonan/{code}/{cases[CaseStatus.AWAITING_SUPERVISOR].code}/"),
        (staff_day["printer"], f"/penerbitan/{code}/cetak/"),
        (staff_day["printer"], f"/penerbitan/{code}/cetak/{staff_day['in_print'].case.code}/"),
        (staff_day["printer"], f"/penerbitan/{code}/stok/"),
        (
            staff_day["checker"],
            f"/penerbitan/{code}/kendali-mutu/{staff_day['in_qc'].passport_number}/",
        ),
        (staff_day["handover"], f"/penerbitan/{code}/penyerahan/"),
        (
            staff_day["handover"],
            f"/penerbitan/{code}/penyerahan/{staff_day['ready'].passport_number}/",
        ),
        (head_of_office, f"/laporan/dasbor/?kantor={code}"),
        (head_of_office, f"/laporan/kantor/{code}/hari-ini/"),
        (head_of_office, f"/laporan/kantor/{code}/kapasitas/"),
    ]
    staff, found = Staff(page, live_server, language), {}
    for user, path in pages:
        staff.open(user, path)
        if problems := staff.problems():
            found[f"{user.username} {path}"] = problems
    # A form sent back with its mistakes: each message is tied to its field.
    staff.open(biometrics_officer, f"/permohonan/{code}/{cases[CaseStatus.INTERVIEW].code}/")
    with page.expect_navigation():
        page.locator("form[action$='/wawancara/'] button[type=submit]").last.click()
    assert page.locator(".field-error").count() > 0
    if problems := staff.problems():
        found["interview sent empty"] = problems
    assert found == {}, json.dumps(found, indent=1)


def tab_to(page, name, *, limit=40):
    """Presses Tab until the element named `name` has focus; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)["name"].startswith(name):
            return presses
    raise AssertionError(f"{name!r} not reached in {limit} presses of Tab")


def focus_moves_to(page, name):
    """Waits until `name` has focus (htmx moves it once the new panel has settled)."""
    page.wait_for_function(
        "name => (document.activeElement.innerText || '').trim().startsWith(name)", arg=name
    )
    return page.evaluate(FOCUSED)


def test_the_counter_console_works_by_keyboard_alone(
    page, live_server, counter_day, intake_officer
):
    staff = Staff(page, live_server)
    staff.open(intake_officer, "/antrian/ketapang/loket/")
    tab_to(page, "Mulai layani", limit=10)  # past the header: skip link, home, sign-out, language
    assert page.evaluate(FOCUSED)["ring"]
    # The action replaces the panel: focus goes on to the next primary action, not to the top
    # (a walk-in without an application yet: forwarding it is the primary action).
    page.keyboard.press("Enter")
    assert focus_moves_to(page, "Teruskan ke")["ring"]
    # Parked, the number waits with its own "Panggil" button; the 3-second refresh of the list
    # keeps the officer's focus on it.
    page.keyboard.press("t")
    assert focus_moves_to(page, "Panggil berikutnya")["ring"]
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "Panggil"
    page.wait_for_timeout(3_500)
    assert page.evaluate(FOCUSED) == {"name": "Panggil", "ring": True}
    page.keyboard.press("Enter")
    assert focus_moves_to(page, "Mulai layani")["ring"]


def test_the_case_page_works_by_keyboard_alone(
    page, live_server, office, intake_officer, biometrics_officer
):
    case = case_at(
        CaseStatus.INTAKE,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    staff = Staff(page, live_server)
    staff.open(intake_officer, f"/permohonan/{office.code}/{case.code}/")
    tab_to(page, "Simpan dan selesai pemeriksaan berkas")
    assert page.evaluate(FOCUSED)["ring"]
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED) == {"name": "Simpan", "ring": True}
    # The folded side actions (defer, cancel…) show the same ring as every other control.
    tab_to(page, "Tangguhkan (berkas belum lengkap)")
    assert page.evaluate(FOCUSED)["ring"]
    assert page.evaluate("getComputedStyle(document.activeElement).outlineColor") == (
        "rgb(11, 79, 168)"
    )
    page.keyboard.press("Enter")
    assert page.locator("details:has(> summary:focus)").get_attribute("open") is not None


def test_the_month_field_of_the_stock_report_shows_its_focus_at_every_stop(
    page, live_server, office
):
    printer = make_user(
        "petugas_cetak", role=Role.PRINT_QC, office=office, stations=(StationType.PRINTING,)
    )
    staff = Staff(page, live_server)
    staff.open(printer, f"/penerbitan/{office.code}/stok/laporan/")
    # The keyboard stops at the month, then the year, of the one field: each shows the ring.
    stops = []
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_bulan":
            stops.append(page.evaluate(FOCUSED)["ring"])
        elif stops:
            break
    assert len(stops) >= 2 and all(stops), stops
