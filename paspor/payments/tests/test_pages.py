"""Pages and API from outside: a table of personas per URL, and what each page shows."""

import datetime as dt
import io
import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from conftest import answered, make_user
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import case_transition
from paspor.payments.models import Payment, PaymentStatus
from paspor.payments.tests.factories import BIRTH_DATE, make_case, make_statement, pay

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "applicant",
    "other_applicant",
    "intake_officer",
    "kiosk",
    "display",
    "officer_of_other_office",
    "supervisor_of_other_office",
    "supervisor",
    "head_of_office",
    "hq_user",
]


@pytest.fixture
def persona(request, other_office):
    def get(name):
        if name == "anonymous":
            return None
        if name == "supervisor_of_other_office":
            return make_user("kasubsi_lain", role=Role.SUPERVISOR, office=other_office)
        return request.getfixturevalue(name)

    return get


@pytest.fixture
def paid(billing_code, channel, approved_case):
    assert pay(channel, billing_code).status_code == 200
    approved_case.refresh_from_db()
    return approved_case


# 404 from the API; the pages send those refused to the status form (test_status_link.py).
CASE_VIEW = {
    "anonymous": 404,
    "applicant": 200,  # the case's own applicant account
    "other_applicant": 404,
    "intake_officer": 200,
    "kiosk": 404,
    "display": 404,
    "officer_of_other_office": 404,
    "supervisor_of_other_office": 404,
    "supervisor": 200,
    "head_of_office": 200,
    "hq_user": 200,
}


@pytest.mark.parametrize("name", PERSONAS)
@pytest.mark.parametrize(
    "url_name",
    [
        "payments:status",
        "payments:slip_pdf",
        "payments:receipt",
        "payments:receipt_pdf",
        "api:payment_bill",
        "api:payment_receipt",
    ],
)
def test_case_payment_pages_and_api_by_persona(paid, persona, client_for, name, url_name):
    url = reverse(url_name, kwargs={"case_code": paid.code})
    expected: int | str = CASE_VIEW[name]
    if url_name == "payments:slip_pdf" and expected == 200:
        expected = 404  # paid: no slip to print any more
    if url_name.startswith("payments:") and CASE_VIEW[name] == 404:
        expected = "lookup"  # the pages ask for the birth date; nothing of the case is shown
    response = client_for(persona(name)).get(url)
    lookup = response.status_code == 302 and response["Location"].startswith(
        reverse("payments:lookup") + "?"
    )
    assert ("lookup" if lookup else response.status_code) == expected


STAFF_VIEW: dict[str, int | str] = {
    "anonymous": "login",
    "applicant": 403,
    "other_applicant": 403,
    "intake_officer": 403,
    "kiosk": 403,
    "display": 403,
    "officer_of_other_office": 403,
    "supervisor_of_other_office": 404,
    "supervisor": 200,
    "head_of_office": 200,
    "hq_user": 200,
}


@pytest.mark.parametrize("name", PERSONAS)
@pytest.mark.parametrize(
    "page", ["overview", "reconciliation", "sla_board", "statement", "statement_xlsx"]
)
def test_staff_payment_pages_by_persona(office, supervisor, persona, client_for, name, page):
    statement = make_statement(office, supervisor)
    kwargs = {"office": office.code}
    if page.startswith("statement"):
        kwargs["statement"] = statement.uuid
    response = client_for(persona(name)).get(reverse(f"payments:{page}", kwargs=kwargs))
    assert answered(response) == STAFF_VIEW[name]


BILL_ISSUE = STAFF_VIEW | {"head_of_office": 403, "hq_user": 403, "supervisor": 302}


@pytest.mark.parametrize("name", PERSONAS)
def test_only_the_office_supervisor_issues_a_bill(fees, approved_case, persona, client_for, name):
    url = reverse(
        "payments:bill_issue", kwargs={"office": "ketapang", "case_code": approved_case.code}
    )
    assert answered(client_for(persona(name)).post(url)) == BILL_ISSUE[name]
    approved_case.refresh_from_db()
    billed = approved_case.status == CaseStatus.BILLED
    assert billed == (name == "supervisor")


SIMULATOR: dict[str, int | str] = {name: 403 for name in PERSONAS}
SIMULATOR |= {
    "anonymous": "login",
    "intake_officer": 200,
    "officer_of_other_office": 200,
    "supervisor_of_other_office": 200,
    "supervisor": 200,
    "head_of_office": 200,
    "hq_user": 200,
}


@pytest.mark.parametrize("name", PERSONAS)
def test_simulator_page_is_for_staff(persona, client_for, name):
    assert answered(client_for(persona(name)).get(reverse("payments:simulator"))) == SIMULATOR[name]


@override_settings(PAYMENT_SIMULATOR_ENABLED=False)
def test_simulator_is_absent_in_production(client_for, supervisor):
    assert client_for(supervisor).get(reverse("payments:simulator")).status_code == 404


def test_applicant_opens_the_status_page_with_case_code_and_birth_date(
    billing_code, approved_case, client
):
    url = reverse("payments:lookup")
    wrong = client.post(url, {"case_code": approved_case.code, "birth_date": "1991-01-01"})
    assert wrong.status_code == 200 and "tidak cocok" in wrong.content.decode()
    response = client.post(url, {"case_code": approved_case.code.lower(), "birth_date": BIRTH_DATE})
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    spaced = " ".join(billing_code.code[i : i + 5] for i in range(0, 15, 5))
    assert spaced in html and "Rp 950.000" in html
    for channel in ("Mobile/internet banking", "ATM", "Teller bank", "Kantor pos"):
        assert channel in html
    slip = client.get(reverse("payments:slip_pdf", kwargs={"case_code": approved_case.code}))
    assert slip.status_code == 200 and slip.content.startswith(b"%PDF")
    other = make_case(approved_case.office, approved_case.opened_by)
    other_page = client.get(reverse("payments:status", kwargs={"case_code": other.code}))
    assert other_page.status_code == 302
    assert other_page["Location"].startswith(reverse("payments:lookup"))


def test_status_page_shows_due_date_and_countdown_after_payment(paid, client_for, applicant):
    html = (
        client_for(applicant)
        .get(reverse("payments:status", kwargs={"case_code": paid.code}))
        .content.decode()
    )
    assert "Janji selesai" in html and "hari kerja lagi" in html
    assert Payment.objects.get().ntpn in html
    receipt = client_for(applicant).get(
        reverse("payments:receipt_pdf", kwargs={"case_code": paid.code})
    )
    assert receipt.content.startswith(b"%PDF")


def ready_for_pickup(case, officer, capture):
    """The paid case printed, checked and ready: the move to ready is on record, as in the office."""
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.QC_PASSED)
    case.refresh_from_db()
    with capture(execute=True):
        return case_transition(case=case, to=CaseStatus.READY_FOR_PICKUP, by=officer)


@pytest.mark.parametrize(
    ("language", "deadline", "bring", "ktp"),
    [
        ("id", "Ambil paling lambat", "Yang perlu dibawa", "KTP asli"),
        ("en", "Collect by", "What to bring", "Original identity card (KTP)"),
    ],
)
def test_a_ready_passports_payment_page_says_until_when_and_with_what_to_collect_it(
    paid,
    client_for,
    applicant,
    intake_officer,
    django_capture_on_commit_callbacks,
    language,
    deadline,
    bring,
    ktp,
):
    case = ready_for_pickup(paid, intake_officer, django_capture_on_commit_callbacks)
    client = client_for(applicant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("payments:status", kwargs={"case_code": case.code})).content.decode()
    # The same deadline and list as the notifications status page gives for the case.
    status = client.post(
        "/api/notifications/status",
        {"code": case.code, "birth_date": BIRTH_DATE.isoformat()},
        content_type="application/json",
    ).json()
    with translation.override(language):
        day = date_format(dt.date.fromisoformat(status["deadline"]), "l, j F Y")
    assert f"<strong>{deadline}:</strong> {day}" in html
    assert f"<h3>{bring}</h3>" in html
    listed = re.findall(r"<li>([^<]*)</li>", html.split(f"<h3>{bring}</h3>")[1].split("</ul>")[0])
    assert listed == status["bring"] and listed[0] == ktp


def test_a_paid_passport_not_yet_ready_has_no_pickup_on_its_payment_page(
    paid, client_for, applicant
):
    html = (
        client_for(applicant)
        .get(reverse("payments:status", kwargs={"case_code": paid.code}))
        .content.decode()
    )
    assert "Ambil paling lambat" not in html and "Yang perlu dibawa" not in html


def test_an_express_cases_due_date_is_explained_by_the_express_rule(
    fees, channel, office, intake_officer, supervisor, applicant, client_for
):
    from paspor.payments.services import bill_issue_for_case
    from paspor.payments.tests.factories import make_express_case

    case = make_express_case(office, intake_officer, applicant)
    assert pay(channel, bill_issue_for_case(case=case, by=supervisor)).status_code == 200
    html = (
        client_for(applicant)
        .get(reverse("payments:status", kwargs={"case_code": case.code}))
        .content.decode()
    )
    assert "Percepatan: selesai hari itu juga bila dibayar sebelum pukul 12.00" in html
    assert "sejak hari kerja setelah pembayaran" not in html


def test_a_regular_cases_due_date_counts_from_the_working_day_after_payment(
    paid, client_for, applicant
):
    html = (
        client_for(applicant)
        .get(reverse("payments:status", kwargs={"case_code": paid.code}))
        .content.decode()
    )
    assert "sejak hari kerja setelah pembayaran" in html and "Percepatan:" not in html


def test_api_bill_shows_items_code_and_countdown(paid, client_for, applicant):
    data = client_for(applicant).get(f"/api/payments/bills/{paid.code}").json()
    assert data["total"] == 950_000 and data["billing_code_status"] == "paid"
    assert data["items"][0]["item"] == "electronic_10"
    assert data["due_date"] == paid.due_date.isoformat()
    receipt = client_for(applicant).get(f"/api/payments/receipts/{paid.code}").json()
    assert receipt["ntpn"] == Payment.objects.get().ntpn


def test_expired_code_can_be_replaced_from_the_status_page(
    billing_code, approved_case, client_for, applicant
):
    import time_machine

    with time_machine.travel(billing_code.expires_at + dt.timedelta(hours=1)):
        client = client_for(applicant)
        url = reverse("payments:status", kwargs={"case_code": approved_case.code})
        assert "Minta kode billing baru" in client.get(url).content.decode()
        response = client.post(
            reverse("payments:reissue", kwargs={"case_code": approved_case.code})
        )
    assert response.status_code == 302
    assert approved_case.bill.codes.count() == 2


def test_asking_for_a_new_code_while_the_code_is_valid_says_nothing_new_was_issued(
    billing_code, approved_case, client_for, applicant
):
    client = client_for(applicant)
    response = client.post(
        reverse("payments:reissue", kwargs={"case_code": approved_case.code}), follow=True
    )
    html = response.content.decode()
    assert "Kode billing yang ada masih berlaku; tidak ada kode baru." in html
    assert "Kode billing baru telah diterbitkan." not in html
    assert approved_case.bill.codes.count() == 1


def test_reissue_after_payment_answers_409(paid, client_for, applicant):
    response = client_for(applicant).post(
        reverse("payments:reissue", kwargs={"case_code": paid.code})
    )
    assert response.status_code == 409
    assert "sudah dibayar" in response.content.decode()


def test_supervisor_resolves_a_flagged_payment(billing_code, channel, client_for, supervisor):
    pay(channel, billing_code, amount=1)
    flagged = Payment.objects.get()
    url = reverse(
        "payments:payment_resolve", kwargs={"office": "ketapang", "payment": flagged.uuid}
    )
    client = client_for(supervisor)
    overview = client.get(reverse("payments:overview", kwargs={"office": "ketapang"}))
    grouped = " ".join(billing_code.code[i : i + 5] for i in range(0, 15, 5))
    # The flagged payment's code grouped as on every other page; its time names the zone.
    assert overview.content.decode().count(grouped) >= 2
    assert re.search(r"\d{2}\.\d{2} WIB</span></td>", overview.content.decode())
    refused = client.post(url, {"note": ""})
    assert refused.status_code == 400
    assert "Catatan tindak lanjut wajib diisi." in refused.content.decode()
    flagged.refresh_from_db()
    assert flagged.status == PaymentStatus.FLAGGED
    assert client.post(url, {"note": "Dikembalikan, nomor SP2D 123"}).status_code == 302
    flagged.refresh_from_db()
    assert flagged.status == PaymentStatus.RESOLVED and flagged.resolved_by == supervisor
    assert AuditEntry.objects.filter(event="payments.payment_resolved").count() == 1
    # A second press (another tab) is told the payment was reviewed: 409, not 404.
    again = client.post(url, {"note": "Dikembalikan, nomor SP2D 123"})
    assert again.status_code == 409
    assert "tidak sedang menunggu tinjauan" in again.content.decode()
    assert AuditEntry.objects.filter(event="payments.payment_resolved").count() == 1


def test_billing_refused_by_a_rule_answers_409_with_the_reason(
    office, intake_officer, client_for, supervisor
):
    """A case not approved (another tab decided it meanwhile): the supervisor is told why on
    the page, with a 409."""
    case = make_case(office, intake_officer, status=CaseStatus.AWAITING_SUPERVISOR)
    response = client_for(supervisor).post(
        reverse("payments:bill_issue", kwargs={"office": office.code, "case_code": case.code})
    )
    assert response.status_code == 409
    assert "belum disetujui" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_SUPERVISOR


def test_reconciliation_upload_page_and_xlsx(billing_code, channel, client_for, supervisor):
    csv = (
        "billing_code,amount,ntpn,paid_at,channel\n"
        f"{billing_code.code},950000,NOTRECORDED00001,2026-03-11 10:00,bank-uji\n"
    )
    upload = io.BytesIO(csv.encode())
    upload.name = "bank.csv"
    client = client_for(supervisor)
    response = client.post(
        reverse("payments:reconciliation", kwargs={"office": "ketapang"}),
        {"period_start": "2026-03-01", "period_end": "2026-03-31", "statement": upload},
    )
    assert response.status_code == 302
    report = client.get(response["Location"])
    assert "NOTRECORDED00001" in report.content.decode()
    xlsx = client.get(response["Location"] + "xlsx/")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_reconciliation_refuses_a_file_without_columns(client_for, supervisor, office):
    upload = io.BytesIO(b"a,b\n1,2\n")
    upload.name = "x.csv"
    response = client_for(supervisor).post(
        reverse("payments:reconciliation", kwargs={"office": office.code}),
        {"period_start": "2026-03-01", "period_end": "2026-03-31", "statement": upload},
    )
    assert response.status_code == 400 and "billing_code" in response.content.decode()


@pytest.mark.parametrize("url_name", ["reconciliation", "simulator"])
def test_the_staff_forms_tie_each_hint_and_error_to_its_field(
    client_for, supervisor, office, url_name
):
    kwargs = {"office": office.code} if url_name == "reconciliation" else {}
    empty = {"period_start": ""} if url_name == "reconciliation" else {"billing_code": ""}
    response = client_for(supervisor).post(reverse(f"payments:{url_name}", kwargs=kwargs), empty)
    body = response.content.decode()
    targets = [i for ids in re.findall(r'aria-describedby="([^"]+)"', body) for i in ids.split()]
    assert any(target.endswith("_error") for target in targets)
    for target in targets:
        assert f'id="{target}"' in body, target


def test_a_refused_statement_upload_announces_each_fields_mistake(client_for, supervisor, office):
    response = client_for(supervisor).post(
        reverse("payments:reconciliation", kwargs={"office": office.code}), {"period_start": ""}
    )
    assert response.status_code == 400
    errors = re.findall(
        r'<small class="field-error" id="(id_\w+)_error"([^>]*)>', response.content.decode()
    )
    assert [name for name, _ in errors] == ["id_period_start", "id_period_end", "id_statement"]
    assert all('role="alert"' in attributes for _, attributes in errors)


def test_supervisor_records_a_breach_reason_on_the_board(
    office, intake_officer, client_for, supervisor
):
    late = make_case(office, intake_officer, status=CaseStatus.PAID, due_date=dt.date(2020, 1, 2))
    client = client_for(supervisor)
    board = client.get(
        reverse("payments:sla_board", kwargs={"office": office.code})
    ).content.decode()
    assert late.code in board and "Menunggu cetak" in board
    url = reverse("payments:sla_reason", kwargs={"office": office.code, "case_code": late.code})
    assert client.post(url, {"reason": "Mesin cetak rusak"}).status_code == 302
    assert late.sla_alerts.get(kind="breach").reason == "Mesin cetak rusak"
    blank = client.post(url, {"reason": ""})
    assert (
        blank.status_code == 400 and "Alasan keterlambatan wajib diisi." in blank.content.decode()
    )


def test_a_breach_reason_for_a_case_not_late_answers_409(
    office, intake_officer, client_for, supervisor
):
    on_time = make_case(
        office, intake_officer, status=CaseStatus.PAID, due_date=dt.date(2099, 1, 2)
    )
    url = reverse("payments:sla_reason", kwargs={"office": office.code, "case_code": on_time.code})
    response = client_for(supervisor).post(url, {"reason": "Mesin cetak rusak"})
    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    assert not on_time.sla_alerts.exists()


def test_simulator_page_pays_a_code_through_the_endpoint(
    billing_code, channel, client_for, intake_officer, approved_case
):
    response = client_for(intake_officer).post(
        reverse("payments:simulator"),
        {
            "billing_code": billing_code.code,
            "channel": channel.pk,
            "method": "teller",
            "amount": "",
        },
    )
    assert "HTTP 200" in response.content.decode()
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.PAID
    assert Payment.objects.get().method == "teller"


def test_bank_pay_command(billing_code, channel, approved_case):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("bank_pay", billing_code.code, "--channel", channel.code, stdout=out)
    assert "HTTP 200" in out.getvalue()
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.PAID
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("bank_pay", billing_code.code, "--channel", "tidak-ada", stdout=out)


def test_no_line_of_the_slip_runs_into_the_line_above(monkeypatch):
    """Each baseline sits below the one above by at least the new line's capital height plus
    the line above's descent: the 22-point billing code once overprinted its label."""
    import itertools

    from reportlab.pdfgen.canvas import Canvas

    from paspor.payments.pdf import _Page

    drawn: list[tuple[float, float]] = []  # (font size, baseline)
    original = Canvas.drawString

    def record(canvas, x, y, text, *args, **kwargs):
        drawn.append((canvas._fontsize, y))
        return original(canvas, x, y, text, *args, **kwargs)

    monkeypatch.setattr(Canvas, "drawString", record)
    page = _Page("uji")
    page.text("Kode billing", size=10)
    page.text("12345 67890 12345", size=22, bold=True, gap=8)
    page.text("Judul", size=16, bold=True)
    page.done()
    for (above_size, above_y), (size, y) in itertools.pairwise(drawn):
        assert above_y - y >= 0.72 * size + 0.21 * above_size, (above_size, size)


def test_the_status_page_says_cuti_bersama_counts_where_the_office_serves_then(
    billing_code, approved_case, client
):
    import datetime as dt

    approved_case.due_date = dt.date(2026, 3, 20)
    approved_case.save(update_fields=["due_date"])
    found = client.post(
        reverse("payments:lookup"), {"case_code": approved_case.code, "birth_date": BIRTH_DATE}
    )
    url = found["Location"]
    assert "libur nasional dan cuti bersama)" in client.get(url).content.decode()
    office = approved_case.office
    office.serves_on_cuti_bersama = True
    office.save(update_fields=["serves_on_cuti_bersama"])
    assert "kantor ini melayani pada hari cuti bersama" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("name", "links"),
    [("supervisor", True), ("head_of_office", True), ("hq_user", True), ("admin", False)],
)
def test_sla_board_names_who_explained_and_links_cases_for_those_who_may_open_them(
    office, intake_officer, supervisor, head_of_office, persona, client_for, name, links
):
    from paspor.payments.sla_alerts import sla_breach_explain

    late = make_case(office, intake_officer, status=CaseStatus.PAID, due_date=dt.date(2020, 1, 2))
    supervisor.first_name, supervisor.last_name = "Rina", "Kartika"
    supervisor.save(update_fields=["first_name", "last_name"])
    sla_breach_explain(case=late, reason="Mesin cetak rusak", by=supervisor)
    nameless = make_case(
        office, intake_officer, status=CaseStatus.PAID, due_date=dt.date(2020, 1, 3)
    )
    sla_breach_explain(case=nameless, reason="Blangko habis", by=head_of_office)
    viewer = make_user("admin_sistem", role=Role.ADMIN) if name == "admin" else persona(name)
    board = client_for(viewer).get(reverse("payments:sla_board", kwargs={"office": office.code}))
    html = board.content.decode()
    assert "<td>Rina Kartika</td>" in html and "<td>kasubsi</td>" not in html
    assert "<td>kakanim</td>" in html  # no name on file: the login name
    case_url = reverse("cases:detail", kwargs={"office": office.code, "code": late.code})
    assert (f'href="{case_url}"' in html) is links
    assert html.count(late.code) >= 2  # on the board and in the table of reasons


def test_the_simulator_takes_the_billing_code_as_the_pages_print_it(
    billing_code, channel, client_for, intake_officer, approved_case
):
    code = billing_code.code
    response = client_for(intake_officer).post(
        reverse("payments:simulator"),
        {
            "billing_code": f"{code[:5]} {code[5:10]}-{code[10:]}",
            "channel": channel.pk,
            "method": "atm",
        },
    )
    body = response.content.decode()
    assert "Jawaban endpoint: Diterapkan" in body and "unknown_code" not in body
    approved_case.refresh_from_db()
    assert approved_case.status == CaseStatus.PAID
    assert Payment.objects.get().billing_code == billing_code


@pytest.mark.parametrize(
    ("language", "outcome", "reason"),
    [
        ("id", "Dicatat dan ditandai", "Kode billing tidak dikenal"),
        ("en", "Recorded and flagged", "Unknown billing code"),
    ],
)
def test_the_simulator_tells_the_answer_in_words_with_the_codes_in_small_print(
    channel, client_for, intake_officer, settings, language, outcome, reason
):
    client = client_for(intake_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("payments:simulator"),
        {
            "billing_code": "99999 99999 99999",
            "channel": channel.pk,
            "method": "atm",
            "amount": "350000",
        },
    )
    body = response.content.decode()
    assert f"{outcome}</h3>" in body
    assert f"{reason} <small><code>unknown_code</code></small>" in body
    assert "HTTP 202 · <code>flagged</code>" in body


@pytest.mark.parametrize(
    "typed",
    [
        "123",
        "14313 58988 1098",
        "1431358988109830",
        "ABCDE FGHIJ KLMNO",
        "١٤٣١٣ ٥٨٩٨٨ ١٠٩٨٣",  # 15 digits of another script: 0–9 only
        "14313 58988 1098²",
    ],
)
def test_the_simulator_refuses_what_cannot_be_a_billing_code_and_records_nothing(
    channel, client_for, intake_officer, typed
):
    response = client_for(intake_officer).post(
        reverse("payments:simulator"),
        {"billing_code": typed, "channel": channel.pk, "method": "atm", "amount": "350000"},
    )
    assert response.status_code == 400
    assert "Kode billing terdiri dari 15 angka." in response.content.decode()
    assert not Payment.objects.exists()
