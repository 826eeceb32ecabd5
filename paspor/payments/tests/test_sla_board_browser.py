"""In the browser: the SLA board keeps itself current without losing a reason being written."""

import datetime as dt
import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.cases.models import CaseStatus
from paspor.offices.calendar import office_today
from paspor.payments.tests.factories import make_case
from paspor.surveys.tests.test_browser import axe_violations

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_board_reloads_itself_but_not_over_a_reason_being_written(
    page, live_server, office, intake_officer, supervisor
):
    late = make_case(
        office,
        intake_officer,
        status=CaseStatus.PAID,
        due_date=office_today(office) - dt.timedelta(days=7),
        paid_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=10),
    )
    client = sign_in(Client(), supervisor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.clock.install()
    page.goto(f"{live_server.url}/pembayaran/{office.code}/sla/")
    reason = page.get_by_label("Alasan keterlambatan")
    assert reason.count() == 1, late.code
    # An automatic refresh is an accessibility failure of its own (WCAG 2.2.1).
    assert axe_violations(page) == []

    reason.fill("Blangko paspor habis, menunggu kiriman")
    page.get_by_role("heading", name="Papan SLA").click()  # the field is left, not emptied
    page.evaluate("window.notReloaded = true")
    page.clock.run_for("10:00")  # twice the board's interval
    assert page.evaluate("window.notReloaded === true")
    assert reason.input_value() == "Blangko paspor habis, menunggu kiriman"

    # Nothing being written: the board reloads on its own.
    reason.fill("")
    page.get_by_role("heading", name="Papan SLA").click()
    with page.expect_navigation():
        page.clock.run_for("01:00")
    assert page.evaluate("window.notReloaded === undefined")
