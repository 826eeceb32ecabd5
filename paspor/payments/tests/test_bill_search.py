"""The office's bills on its payments page: found by what the applicant or the bank reads out,
filtered by the code's status, paged with their count, and only ever this office's."""

import datetime as dt
import re
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.dateformat import format as date_format

from conftest import answered, make_office, make_user, sign_in
from paspor.accounts.models import Role
from paspor.cases.models import CaseStatus
from paspor.payments.models import (
    Bill,
    BillingCode,
    BillingCodeStatus,
    FlagReason,
    Payment,
    PaymentSource,
    PaymentStatus,
)
from paspor.payments.reconciliation import statement_period_default
from paspor.payments.tests.factories import make_case

pytestmark = pytest.mark.django_db

# Every bill below is issued on this day or later; "now" in the tests is a real clock, later.
ISSUED = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def make_bill(office, opened_by, n, *, name=None, state="issued", channel=None, ntpn=None):
    """Bill number `n` of `office` (the higher, the newer), its code in `state`: issued (live),
    expired (marked, or `"overdue"`: still issued but past its expiry), paid (with an applied
    payment `ntpn`) or cancelled."""
    issued_at = ISSUED + dt.timedelta(minutes=n)
    case = make_case(
        office,
        opened_by,
        nik=f"6104015708{office.pk % 100:02d}{n:04d}",  # ids grow past 99 in a long run
        full_name=name or f"Pemohon Nomor {n}",
        status=CaseStatus.PAID if state == "paid" else CaseStatus.BILLED,
    )
    bill = Bill.objects.create(
        case=case, office=office, total=350_000, fee_date=issued_at.date(), issued_at=issued_at
    )
    live = state in {"issued", "paid"}
    code = BillingCode.objects.create(
        bill=bill,
        code=f"{office.pk % 1000:03d}{n:012d}",  # 15 digits, whatever the office's id
        amount=350_000,
        status={"overdue": BillingCodeStatus.ISSUED}.get(state, state),
        issued_at=issued_at,
        # A live code runs for years here, so the real clock of the test never passes it.
        expires_at=issued_at + (dt.timedelta(days=3650) if live else dt.timedelta(days=7)),
        closed_at=None if state in {"issued", "overdue"} else issued_at + dt.timedelta(days=1),
    )
    if state == "paid":
        _payment(
            channel, code, ntpn or f"NTPN{office.pk % 10000:04d}{n:08d}", PaymentStatus.APPLIED
        )
    return bill


def _payment(channel, code, ntpn, status, *, paid_at=None):
    paid_at = paid_at or code.issued_at + dt.timedelta(hours=2)
    return Payment.objects.create(
        channel=channel,
        reference=f"REF-{ntpn}",
        billing_code=code,
        billing_code_text=code.code,
        office=code.bill.office,
        amount=code.amount,
        ntpn=ntpn,
        paid_at=paid_at,
        received_at=paid_at,
        source=PaymentSource.NOTIFICATION,
        status=status,
        flag_reason="" if status == PaymentStatus.APPLIED else FlagReason.EXPIRED_CODE,
    )


def grouped(code: str) -> str:
    return " ".join(code[i : i + 5] for i in range(0, 15, 5))


def bills_page(client, office, **params):
    url = reverse("payments:overview", kwargs={"office": office.code})
    return client.get(f"{url}?{urlencode(params)}" if params else url)


def listed(response) -> list[str]:
    """The application numbers in the bills table, top to bottom."""
    section = response.content.decode().split('id="bills-heading"', 1)[1]
    return re.findall(r'href="/pembayaran/status/(\w+)/"', section)


@pytest.fixture
def counter(client_for, supervisor):
    return client_for(supervisor)


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code,
        lambda code: grouped(code),  # as every page prints it
        lambda code: "  " + grouped(code).replace(" ", "-") + " ",
    ],
    ids=["digits", "groups", "dashes"],
)
def test_a_bill_is_found_by_its_billing_code_as_printed_or_typed(
    office, intake_officer, counter, typed
):
    bills = [make_bill(office, intake_officer, n) for n in range(3)]
    code = bills[0].codes.get().code
    response = bills_page(counter, office, q=typed(code))
    assert response.status_code == 200
    assert listed(response) == [bills[0].case.code]


def test_an_older_bill_past_the_first_fifty_is_found_by_its_earlier_code(
    office, intake_officer, counter
):
    """The applicant at the counter holds the code that expired; the bill has a new one since."""
    old = make_bill(office, intake_officer, 0, state="expired")
    expired = old.codes.get()
    BillingCode.objects.create(
        bill=old,
        code="999000000000001",
        amount=old.total,
        issued_at=expired.issued_at + dt.timedelta(days=8),
        expires_at=expired.issued_at + dt.timedelta(days=3650),
    )
    for n in range(1, 52):
        make_bill(office, intake_officer, n)
    assert old.case.code not in listed(bills_page(counter, office))
    response = bills_page(counter, office, q=grouped(expired.code))
    assert listed(response) == [old.case.code]
    body = response.content.decode()
    # The current code first, the one asked about beneath it.
    assert body.index("99900 00000 00001") < body.index(f"sebelumnya {grouped(expired.code)}")


def test_a_bill_is_found_by_its_application_number_ntpn_or_part_of_the_name(
    office, intake_officer, counter, channel
):
    siti = make_bill(office, intake_officer, 1, name="Siti Aminah")
    paid = make_bill(
        office, intake_officer, 2, state="paid", channel=channel, ntpn="0A1B2C3D4E5F6G7H"
    )
    flagged = make_bill(office, intake_officer, 3, state="expired", name="Budi Santoso")
    _payment(channel, flagged.codes.get(), "LATEPAYMENT00001", PaymentStatus.FLAGGED)
    make_bill(office, intake_officer, 4, name="Rudi Hartono")

    assert listed(bills_page(counter, office, q=siti.case.code.lower())) == [siti.case.code]
    assert listed(bills_page(counter, office, q="0a1b2c3d4e5f6g7h")) == [paid.case.code]
    # Money that came too late is on the bill too: the bank asks about its NTPN.
    assert listed(bills_page(counter, office, q="LATEPAYMENT00001")) == [flagged.case.code]
    assert listed(bills_page(counter, office, q="aminah")) == [siti.case.code]
    assert listed(bills_page(counter, office, q="  SANTOSO ")) == [flagged.case.code]


def test_another_offices_bill_is_not_found_by_code_ntpn_or_name(
    office, other_office, intake_officer, officer_of_other_office, counter, channel
):
    make_bill(office, intake_officer, 1, name="Siti Aminah")
    theirs = make_bill(
        other_office,
        officer_of_other_office,
        2,
        name="Dewi Lestari",
        state="paid",
        channel=channel,
        ntpn="PONTIANAK0000001",
    )
    for asked in (theirs.codes.get().code, "PONTIANAK0000001", "Dewi", theirs.case.code):
        response = bills_page(counter, office, q=asked)
        assert response.status_code == 200
        assert listed(response) == []
        body = response.content.decode()
        assert "Tidak ada tagihan kantor ini yang cocok" in body
        assert "Dewi Lestari" not in body and theirs.case.code not in body.replace(asked, "")


def test_nothing_found_says_so_and_how_the_search_reads(office, intake_officer, counter):
    make_bill(office, intake_officer, 1)
    response = bills_page(counter, office, q="12345 67890")  # part of a code
    body = response.content.decode()
    assert listed(response) == []
    assert "Tidak ada tagihan kantor ini yang cocok" in body
    assert "nama pemohon boleh sebagian" in body
    assert "Belum ada tagihan." not in body


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("issued", ["live"]),
        ("paid", ["paid"]),
        # Past its expiry a code is expired on the page, before the expiry job marks it.
        ("expired", ["overdue", "expired"]),
        ("cancelled", ["cancelled"]),
        ("", ["cancelled", "overdue", "paid", "expired", "live"]),
    ],
)
def test_the_status_filter_follows_the_code_as_the_page_shows_it(
    office, intake_officer, counter, channel, status, expected
):
    states = ["issued", "expired", "paid", "overdue", "cancelled"]
    names = {"issued": "live", "expired": "expired", "paid": "paid", "overdue": "overdue"}
    bills = {
        names.get(state, state): make_bill(office, intake_officer, n, state=state, channel=channel)
        for n, state in enumerate(states)
    }
    response = bills_page(counter, office, status=status)
    assert listed(response) == [bills[name].case.code for name in expected]


def test_the_status_filter_and_the_search_go_together(office, intake_officer, counter, channel):
    make_bill(office, intake_officer, 1, name="Siti Aminah", state="expired")
    paid = make_bill(office, intake_officer, 2, name="Siti Rahma", state="paid", channel=channel)
    assert listed(bills_page(counter, office, q="siti", status="paid")) == [paid.case.code]


def test_a_status_that_is_not_one_is_refused_at_its_field(office, intake_officer, counter):
    make_bill(office, intake_officer, 1)
    response = bills_page(counter, office, status="lunas")
    assert response.status_code == 400
    assert 'id="id_status_error"' in response.content.decode()
    assert listed(response) == []  # not every bill, as if it had matched


def test_a_paid_code_shows_when_it_was_paid_on_the_offices_clock(channel, client_for):
    jayapura = make_office("jayapura", tz="Asia/Jayapura")
    opened_by = make_user("loket_jayapura", role=Role.INTAKE, office=jayapura)
    supervisor = make_user("kasubsi_jayapura", role=Role.SUPERVISOR, office=jayapura)
    paid = make_bill(jayapura, opened_by, 1, state="paid", channel=channel, ntpn="JAYAPURA00000001")
    Payment.objects.filter(ntpn="JAYAPURA00000001").update(
        paid_at=dt.datetime(2026, 3, 2, 14, 30, tzinfo=dt.UTC)  # 23.30 WIT, 21.30 WIB
    )
    live = make_bill(jayapura, opened_by, 2)
    body = bills_page(client_for(supervisor), jayapura).content.decode()
    # Date and time each stay whole; the line may break between them on a narrow screen.
    paid_at = '<span class="nowrap">2 Mar 2026</span> <span class="nowrap">23.30 WIT</span>'
    assert f"Dibayar {paid_at}" in body
    assert 'NTPN <span class="nowrap">JAYAPURA00000001</span>' in body
    with translation.override("id"):
        ends = live.codes.get().expires_at.astimezone(jayapura.tz)
        day, time = date_format(ends, "j M Y"), date_format(ends, "H.i")
    expires = f'<span class="nowrap">{day}</span> <span class="nowrap">{time} WIT</span>'
    assert f"Berlaku sampai {expires}" in body
    row = body.split(paid.case.code, 2)[2].split("</tr>")[0]
    assert "Berlaku sampai" not in row and "Sudah dibayar" in row


def test_money_not_applied_to_a_bill_is_named_on_its_row(office, intake_officer, counter, channel):
    """ "I paid but nothing changed": the row says money came and was not applied."""
    late = make_bill(office, intake_officer, 1, state="expired")
    _payment(channel, late.codes.get(), "LATEPAYMENT00002", PaymentStatus.FLAGGED)
    body = bills_page(counter, office, q=late.case.code).content.decode()
    assert "1 pembayaran tidak diterapkan" in body


def test_sixty_bills_page_by_fifty_with_their_count_and_keep_the_search(
    office, intake_officer, counter
):
    bills = [make_bill(office, intake_officer, n) for n in range(60)]
    first = bills_page(counter, office)
    assert listed(first) == [bill.case.code for bill in reversed(bills[10:])]
    assert "Baris 1–50 dari 60" in first.content.decode()
    second = bills_page(counter, office, q="pemohon", status="issued", halaman=2)
    body = second.content.decode()
    assert listed(second) == [bill.case.code for bill in reversed(bills[:10])]
    assert "Baris 51–60 dari 60" in body and "Halaman 2 dari 2" in body
    assert "60 tagihan cocok." in body
    assert 'href="?q=pemohon&amp;status=issued&amp;halaman=1" rel="prev"' in body
    # The search stays in its field on the next page.
    assert 'value="pemohon"' in body and '<option value="issued" selected>' in body


def _statements_for_page(client, office, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = bills_page(client, office, **params)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("params", [{}, {"q": "pemohon", "status": "paid"}])
def test_the_page_reads_the_same_number_of_statements_for_3_or_60_bills(
    office, other_office, intake_officer, officer_of_other_office, channel, params
):
    """Each row's codes, payment time and money not applied come in a fixed number of
    statements, whatever the number of rows (two offices: the same client, the same reads)."""
    for n in range(3):
        bill = make_bill(office, intake_officer, n, state="paid", channel=channel)
        _payment(channel, bill.codes.get(), f"FLAGGEDKTP{n:06d}", PaymentStatus.FLAGGED)
    for n in range(60):
        bill = make_bill(other_office, officer_of_other_office, n, state="paid", channel=channel)
        _payment(channel, bill.codes.get(), f"FLAGGEDPTK{n:06d}", PaymentStatus.FLAGGED)
    client = sign_in(Client(), make_user("ditjen_uji", role=Role.HQ))
    bills_page(client, office)  # the first request of a session reads more (its user, its roles)
    few = _statements_for_page(client, office, **params)
    many = _statements_for_page(client, other_office, **params)
    assert few == many
    more = _statements_for_page(client, other_office, **params, halaman=2)
    assert more == many


# Who may search the office's bills: as the page itself (test_pages.py).
SEARCH_VIEW = {
    "anonymous": "login",
    "applicant": 403,
    "intake_officer": 403,  # this office, without payment work
    "kiosk": 403,
    "officer_of_other_office": 403,
    "supervisor_of_other_office": 404,
    "supervisor": 200,
    "head_of_office": 200,
    "hq_user": 200,
    "admin": 200,
}


@pytest.mark.parametrize("name", list(SEARCH_VIEW))
def test_who_may_search_the_offices_bills(
    request, office, other_office, intake_officer, client_for, name
):
    bill = make_bill(office, intake_officer, 1, name="Siti Aminah")
    if name == "anonymous":
        user = None
    elif name == "supervisor_of_other_office":
        user = make_user("kasubsi_lain", role=Role.SUPERVISOR, office=other_office)
    elif name == "admin":
        user = make_user("admin_uji", role=Role.ADMIN)
    else:
        user = request.getfixturevalue(name)
    code = bill.codes.get().code
    response = bills_page(client_for(user), office, q=grouped(code), status="issued")
    assert answered(response) == SEARCH_VIEW[name]
    shown = response.content.decode()
    assert ("Siti Aminah" in shown) == (SEARCH_VIEW[name] == 200)
    assert (grouped(code) in shown.replace(f'value="{grouped(code)}"', "")) == (
        SEARCH_VIEW[name] == 200
    )


# --- The reconciliation's period --------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "now", "day"),
    [
        ("Asia/Jakarta", dt.datetime(2026, 4, 1, 3, 0, tzinfo=dt.UTC), dt.date(2026, 3, 31)),
        # 16.30 UTC on 31 March is 1 April 01.30 in Jayapura (WIT), still 31 March in Jakarta.
        ("Asia/Jayapura", dt.datetime(2026, 3, 31, 16, 30, tzinfo=dt.UTC), dt.date(2026, 3, 31)),
        ("Asia/Jakarta", dt.datetime(2026, 3, 31, 16, 30, tzinfo=dt.UTC), dt.date(2026, 3, 30)),
        ("Asia/Jakarta", dt.datetime(2026, 1, 1, 0, 30, tzinfo=dt.UTC), dt.date(2025, 12, 31)),
    ],
)
def test_the_statement_period_offered_is_yesterday_on_the_offices_clock(tz, now, day):
    office = make_office("kantor", tz=tz)
    assert statement_period_default(office, now=now) == day


def test_the_upload_form_opens_with_yesterday_filled_in(office, supervisor, client_for):
    with time_machine.travel(dt.datetime(2026, 3, 31, 18, 0, tzinfo=dt.UTC), tick=False):
        # 01.00 WIB on 1 April: the statement of 31 March is the one to match.
        response = client_for(supervisor).get(
            reverse("payments:reconciliation", kwargs={"office": office.code})
        )
    body = response.content.decode()
    assert re.search(r'name="period_start" value="2026-03-31"', body), body
    assert re.search(r'name="period_end" value="2026-03-31"', body)
