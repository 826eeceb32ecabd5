"""In the browser: the key pages of each role load under the Content-Security-Policy without a
single violation on Chromium's console (a blocked script, style or handler would show there).

Served with uvicorn (ASGI) like `make run`, because the board keeps a server-sent event stream.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from paspor.cases.models import CaseStatus
from paspor.cases.tests.conftest import case_at
from paspor.lib.testing_browser import screenshot, watch_csp
from paspor.queueing.tests.conftest import make_booking

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _visit(browser_context: Any, url: str, path: str, user: Any = None) -> list[str]:
    context = browser_context.browser.new_context(
        locale="id-ID", viewport={"width": 1366, "height": 768}
    )
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": cookie, "url": url}])
    # Keep the print dialog and the speech engine quiet; Playwright's init scripts bypass the CSP.
    context.add_init_script("window.print = () => {};")
    violations = watch_csp(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    response = page.goto(url + path)
    assert response is not None and response.status == 200, path
    page.wait_for_load_state("networkidle") if "papan" not in path else page.wait_for_timeout(800)
    screenshot(page, "csp-" + path.strip("/").replace("/", "-")[:60])
    context.close()
    return violations


def test_key_pages_load_without_csp_violations(
    browser_context,
    asgi_server,
    queue_office,
    kiosk,
    display,
    intake_officer,
    biometrics_officer,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.now().astimezone(queue_office.tz).date()
    make_booking(queue_office, date=today, start=dt.time(0, 0), end=dt.time(23, 59))
    case = case_at(
        CaseStatus.BIOMETRICS,
        queue_office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    url = asgi_server
    visits = [
        ("/", None),
        ("/booking/kuota/ketapang/", None),
        ("/booking/daftar/", None),
        ("/antrian/ketapang/kios/", kiosk),
        ("/antrian/ketapang/papan/", display),
        ("/antrian/ketapang/loket/", intake_officer),
        (f"/booking/ketapang/hari/{today.isoformat()}/cetak/", intake_officer),
        (f"/permohonan/ketapang/{case.code}/", biometrics_officer),
        ("/api/docs", None),
    ]
    found = {path: _visit(browser_context, url, path, user) for path, user in visits}
    assert {path: v for path, v in found.items() if v} == {}
