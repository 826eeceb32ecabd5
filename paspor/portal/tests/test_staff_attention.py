"""The staff home's "Perlu perhatian": per office, what waits for the reader today, each with
its count and a link to the page where it is handled.

Each count is the number that page shows; a line appears only to the roles that page lets in,
only when its count is above zero, and only for its own office. The section costs a fixed
number of statements whatever the office's size, and headquarters count only the office shown.
"""

import datetime as dt
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_office, make_user
from paspor.accounts.models import Role
from paspor.accounts.services import staff_assign
from paspor.booking.models import BookingFlag, FlagKind
from paspor.cases.models import Case, CaseStatus
from paspor.cases.selectors import QUEUE_ROWS
from paspor.complaints.models import Complaint, ComplaintStatus
from paspor.issuance.tests.conftest import make_paid_case, receive
from paspor.portal.navigation import office_attention
from paspor.portal.views import OFFICES_LISTED_AT_ONCE

pytestmark = pytest.mark.django_db

# Tuesday 10 March 2026, 07.00 in Ketapang: the next working day is Wednesday 11 March.
NOW = dt.datetime(2026, 3, 10, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
TODAY = dt.date(2026, 3, 10)
HOME = reverse("portal:staff_home")
# What the section reads for one office, whatever its size: the booking review's flags, the
# supervisor's queue, the SLA board's counts, the stock page's calendar, demand and vault, and
# the complaints.
STATEMENTS = 7

LATE_COMPLAINTS = "pengaduan lewat batas waktu tanggapan"
OPEN_COMPLAINTS = "pengaduan terbuka"
SLA_LATE = "permohonan melewati janji selesai"
SLA_TODAY = "permohonan dijanjikan selesai hari ini, belum siap diambil"
DECIDE = "permohonan menunggu keputusan supervisor"
HELD = "permohonan ditahan karena cocok dengan daftar cegah tangkal"
STOCK = "permohonan segera jatuh tempo butuh buku paspor elektronik; stok tinggal 1"
FLAGS = "sumber booking dengan banyak NIK perlu ditinjau"
NOTHING = "Tidak ada yang perlu ditindaklanjuti."
LABELS = (LATE_COMPLAINTS, OPEN_COMPLAINTS, SLA_LATE, SLA_TODAY, DECIDE, HELD, STOCK, FLAGS)


@pytest.fixture(autouse=True)
def _seven_in_the_morning(time_machine):
    time_machine.move_to(NOW, tick=False)


# Made-up numbers from a serial, not from the office's id: a long PostgreSQL run passes id 999,
# and a longer id would make a 17-digit NIK or an 8-digit booklet number.
_serial = itertools.count(1)


def _nik(office, n):
    return f"6104015708{next(_serial):06d}"


def _complaint(office, deadline, *, answered=False):
    received = NOW - dt.timedelta(days=8)
    return Complaint.objects.create(
        office=office,
        category="waiting",
        body="Antrean terlalu lama.",
        created_at=received,
        deadline=deadline,
        **(
            {
                "status": ComplaintStatus.ANSWERED,
                "response": "Sudah kami perbaiki.",
                "responded_at": received + dt.timedelta(days=1),
                "responded_as": "office",
            }
            if answered
            else {}
        ),
    )


def _flags(office):
    """A source waiting for review, and one reviewed since (it waits no more)."""
    n = next(_serial)
    for ident, reviewed in ((f"perangkat-{n}", None), (f"203.0.113.{n % 250}", NOW)):
        BookingFlag.objects.create(
            office=office,
            kind=FlagKind.DEVICE if reviewed is None else FlagKind.IP,
            ident=ident,
            distinct_niks=7,
            bookings=9,
            flagged_at=NOW,
            reviewed_at=reviewed,
            reviewed_niks=7 if reviewed else 0,
        )


def _case(office, by, n, status, due_date):
    return make_paid_case(office, by, nik=_nik(office, n), status=status, due_date=due_date)


def seed(office, times=1):
    """A morning with something waiting at every page: `times` scales every count up; seeding
    again adds to what is there."""
    n = Case.objects.filter(office=office).count()
    officer = make_user(f"loket_{office.code}_{n}", role=Role.INTAKE, office=office)
    for _ in range(times):
        _flags(office)
        _complaint(office, deadline=dt.date(2026, 3, 9))  # due yesterday: overdue
        _complaint(office, deadline=dt.date(2026, 3, 6))
        _complaint(office, deadline=dt.date(2026, 3, 16))  # still in time
        _complaint(office, deadline=dt.date(2026, 3, 2), answered=True)
        for status, due in [
            (CaseStatus.PAID, dt.date(2026, 3, 9)),  # late
            (CaseStatus.PRINTED, dt.date(2026, 3, 5)),  # late
            (CaseStatus.PAID, TODAY),
            (CaseStatus.QC_PASSED, TODAY),
            (CaseStatus.PAID, dt.date(2026, 3, 11)),  # the next working day: not yet
            (CaseStatus.AWAITING_SUPERVISOR, None),
            (CaseStatus.AWAITING_SUPERVISOR, None),
            (CaseStatus.ON_HOLD, None),
        ]:
            n += 1
            _case(office, officer, n, status, due)
    printer = make_user(f"cetak_{office.code}_{n}", role=Role.PRINT_QC, office=office)
    number = f"X{next(_serial):07d}"
    receive(office, printer, number, number)


def attention_of(page, office):
    """The lines of `office`'s "Perlu perhatian" as (count, label, link, late); None when the
    page has no such section for it."""
    start = page.find(f'id="attention-{office.code}"')
    if start < 0:
        return None
    region = page[start : page.index("</div>", start)]
    lines = re.findall(
        r'<li><span class="badge( late)?">(\d+)</span> <a href="([^"]+)">(?:<strong>)?([^<]+)',
        region,
    )
    return [(int(count), label, url, bool(late)) for late, count, url, label in lines]


def test_the_head_of_office_sees_the_counts_the_pages_show(client_for, office, head_of_office):
    seed(office)
    client = client_for(head_of_office)
    lines = attention_of(client.get(HOME).content.decode(), office)

    complaints = client.get(reverse("complaints:office_list", args=[office.code]))
    still_open = complaints.context["open"]
    overdue = [c for c in still_open if c.deadline < complaints.context["today"]]
    board = client.get(reverse("payments:sla_board", args=[office.code])).context["board"]
    (short,) = [
        level
        for level in client.get(reverse("issuance:stock", args=[office.code])).context["levels"]
        if level.low
    ]
    assert (len(overdue), len(still_open), len(board.overdue), len(board.due_today)) == (2, 3, 2, 2)
    assert (short.demand, short.available) == (3, 1)

    review = reverse("booking:staff_review", args=[office.code])
    waiting = [flag for flag in client.get(review).context["flags"] if flag.needs_review]
    assert len(waiting) == 1

    sla = reverse("payments:sla_board", args=[office.code])
    complaints_page = reverse("complaints:office_list", args=[office.code])
    assert lines == [
        # Past a promise first.
        (len(board.overdue), SLA_LATE, sla, True),
        (len(overdue), LATE_COMPLAINTS, complaints_page, True),
        (len(waiting), FLAGS, review, False),
        (len(board.due_today), SLA_TODAY, sla, False),
        (short.demand, STOCK, reverse("issuance:stock", args=[office.code]), False),
        (len(still_open), OPEN_COMPLAINTS, complaints_page, False),
    ]


def test_the_supervisor_also_sees_the_decisions_of_the_work_queue(client_for, office, supervisor):
    seed(office)
    client = client_for(supervisor)
    lines = attention_of(client.get(HOME).content.decode(), office)
    queue = client.get(reverse("cases:work_queue", args=[office.code]))
    (section,) = [s for s in queue.context["sections"] if s.role == Role.SUPERVISOR]
    statuses = [case.status for case in section.cases]
    assert section.total == len(statuses) == 3 < QUEUE_ROWS

    work_queue = reverse("cases:work_queue", args=[office.code])
    decide = (statuses.count(CaseStatus.AWAITING_SUPERVISOR), DECIDE, work_queue, False)
    held = (statuses.count(CaseStatus.ON_HOLD), HELD, work_queue, False)
    assert decide[0] == 2 and held[0] == 1
    assert decide in lines and held in lines
    assert [label for _count, label, _url, _late in lines] == [
        SLA_LATE,
        LATE_COMPLAINTS,
        FLAGS,
        DECIDE,
        HELD,
        SLA_TODAY,
        STOCK,
        OPEN_COMPLAINTS,
    ]


def test_each_officer_sees_only_what_their_pages_open(client_for, office, supervisor):
    seed(office)
    printer = make_user("cetak_saja", role=Role.PRINT_QC, office=office)
    page = client_for(printer).get(HOME).content.decode()
    assert [label for _c, label, _u, _l in attention_of(page, office)] == [STOCK]

    # No page behind the section opens for these roles: no section, not even the calm line.
    intake = make_user("loket_saja", role=Role.INTAKE, office=office)
    handover = make_user("serah_saja", role=Role.HANDOVER, office=office)
    kiosk = make_user("kios_saja", role=Role.KIOSK, office=office)
    display = make_user("layar_saja", role=Role.DISPLAY, office=office)
    for person in (intake, handover, kiosk, display):
        page = client_for(person).get(HOME).content.decode()
        assert attention_of(page, office) is None, person.username
        assert "Perlu perhatian" not in page, person.username
        assert not any(label in page for label in LABELS), person.username


def test_an_office_with_nothing_waiting_says_so_in_one_line(client_for, office, head_of_office):
    _complaint(office, deadline=dt.date(2026, 3, 2), answered=True)
    page = client_for(head_of_office).get(HOME).content.decode()
    assert attention_of(page, office) == []
    section = page[page.index(f'id="attention-{office.code}"') :]
    assert section.index(NOTHING) < section.index("</div>")


def test_another_offices_waiting_work_never_shows(client_for, office, other_office, supervisor):
    seed(other_office, times=2)
    page = client_for(supervisor).get(HOME).content.decode()
    assert attention_of(page, office) == [] and attention_of(page, other_office) is None

    # Someone at both offices sees each office's own numbers under its own name.
    seed(office)
    staff_assign(user=supervisor, office=other_office, role=Role.SUPERVISOR, by=None)
    page = client_for(supervisor).get(HOME).content.decode()
    here = {label: (count, url) for count, label, url, _late in attention_of(page, office)}
    there = {label: (count, url) for count, label, url, _late in attention_of(page, other_office)}
    complaints_here, complaints_there = (
        reverse("complaints:office_list", args=[code]) for code in (office.code, other_office.code)
    )
    assert here[OPEN_COMPLAINTS] == (3, complaints_here)
    assert there[OPEN_COMPLAINTS] == (6, complaints_there)
    assert here[DECIDE][0] == 2 and there[DECIDE][0] == 4
    assert here[FLAGS][0] == 1 and there[FLAGS][0] == 2


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.HEAD])
def test_the_section_reads_a_fixed_number_of_statements(office, role, django_assert_num_queries):
    roles = {role}
    statements = STATEMENTS if role == Role.SUPERVISOR else STATEMENTS - 1  # no work queue
    with django_assert_num_queries(statements):
        assert office_attention(roles, office) == []
    seed(office)
    with django_assert_num_queries(statements):
        few = office_attention(roles, office)
    seed(office, times=5)
    with django_assert_num_queries(statements):
        many = office_attention(roles, office)
    assert few is not None and many is not None
    assert [line.count for line in many] != [line.count for line in few]


def _statements(client, path):
    client.get(path)  # the session and the caches, as on any request after the first
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_headquarters_count_only_the_office_they_open(client_for, hq_user):
    offices = [make_office(f"kantor{n}") for n in range(OFFICES_LISTED_AT_ONCE + 1)]
    seed(offices[3])
    client = client_for(hq_user)
    listing = _statements(client, HOME)
    one_office = _statements(client, f"{HOME}?kantor=kantor3")
    for office in offices[:3]:
        seed(office, times=2)
    more = [make_office(f"lain{n}") for n in range(OFFICES_LISTED_AT_ONCE)]
    seed(more[0])
    assert _statements(client, HOME) == listing
    assert _statements(client, f"{HOME}?kantor=kantor3") == one_office

    page = client.get(f"{HOME}?kantor=kantor3").content.decode()
    assert page.count('class="attention"') == 1
    lines = attention_of(page, offices[3])
    assert (2, LATE_COMPLAINTS) in [(count, label) for count, label, _u, _l in lines]
    # Headquarters hold no supervisor's queue.
    assert DECIDE not in page
    assert 'class="attention"' not in client.get(HOME).content.decode()


def test_the_section_speaks_english(client_for, office, supervisor):
    seed(office)
    client = client_for(supervisor)
    client.cookies["django_language"] = "en"
    page = client.get(HOME).content.decode()
    assert "Needs attention" in page
    labels = [label for _count, label, _url, _late in attention_of(page, office)]
    assert labels == [
        "applications past their promised completion date",
        "complaints past their answer deadline",
        "booking source with many NIKs to review",
        "applications awaiting the supervisor&#x27;s decision",
        "application on hold: it matches the travel-ban list",
        "applications promised for today, not yet ready for pickup",
        "applications due soon need a booklet (electronic passport); 1 left in stock",
        "open complaints",
    ]


def test_a_calm_morning_speaks_english(client_for, office, head_of_office):
    client = client_for(head_of_office)
    client.cookies["django_language"] = "en"
    assert "Nothing needs following up." in client.get(HOME).content.decode()
