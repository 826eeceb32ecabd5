"""The issuance tables write dates as the other staff tables do: "19 Mar 2026", month in words.

"19-03-2026" makes the officer work out the month; the payments overview, the booking lists
and the reports already write the month's short name, in the page's language.
"""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse

from paspor.issuance.services import print_confirm, print_start
from paspor.issuance.tests.conftest import receive
from paspor.issuance.tests.helpers import ready_passport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen", "stock")]

NUMERIC_DATE = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")


def page(client, name, **query):
    path = reverse(f"issuance:{name}", kwargs={"office": "ketapang"})
    response = client.get(path + ("?" + "&".join(f"{k}={v}" for k, v in query.items())))
    assert response.status_code == 200
    return response.content.decode()


def test_the_stock_page_and_its_booklets_write_the_received_date_in_words(client_for, printer):
    client = client_for(printer)
    stock = page(client, "stock")
    booklets = page(
        client, "stock_report_booklets", bulan="2026-03", kolom="received", jenis="electronic"
    )
    assert "<td>2 Mar 2026</td>" in stock and "<td>2 Mar 2026</td>" in booklets
    assert not NUMERIC_DATE.search(stock) and not NUMERIC_DATE.search(booklets)


@pytest.mark.parametrize(("language", "december"), [("id", "1 Des 2025"), ("en", "1 Dec 2025")])
def test_the_month_is_named_in_the_pages_language(client_for, office, printer, language, december):
    receive(office, printer, "C2000001", "C2000002", on=dt.date(2025, 12, 1))
    client = client_for(printer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert f"<td>{december}</td>" in page(client, "stock")


def test_the_print_and_quality_control_queues_write_the_promised_date_in_words(
    client_for, paid_case, printer
):
    client = client_for(printer)
    waiting = page(client, "print_queue")
    assert "<td>19 Mar 2026" in waiting and not NUMERIC_DATE.search(waiting)
    print_confirm(passport=print_start(case=paid_case, by=printer), by=printer)
    to_check = page(client, "qc_queue")
    assert "<td>19 Mar 2026</td>" in to_check and not NUMERIC_DATE.search(to_check)


def test_the_pickup_queue_writes_ready_and_deadline_dates_in_words(
    client_for, paid_case, printer, checker, handover_officer
):
    ready_passport(paid_case, printer, checker)
    queue = page(client_for(handover_officer), "pickup_queue")
    assert "<td>17 Mar 2026</td>" in queue
    assert not NUMERIC_DATE.search(queue)
