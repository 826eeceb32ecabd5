"""Pages of the payments app: the applicant's status, slip and receipt; the staff pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from paspor.accounts.access import (
    StaffAccess,
    require_any_role,
    require_office_role,
    user_roles,
)
from paspor.accounts.models import NATIONAL_ROLES, Role, User
from paspor.cases.models import Case
from paspor.cases.selectors import VIEW_ROLES as CASE_PAGE_ROLES
from paspor.lib.errors import DomainError, RateLimited
from paspor.lib.ratelimit import client_ip
from paspor.notifications.selectors import case_pickup
from paspor.notifications.status import guessing_limited
from paspor.payments import selectors
from paspor.payments.access import (
    CASE_CODE,
    PAYMENT_STAFF_ROLES,
    SIMULATOR_ROLES,
    case_page,
    case_page_urls,
    require_case_viewer,
    session_remember_case_code,
)
from paspor.payments.forms import (
    BillSearchForm,
    BreachReasonForm,
    CaseLookupForm,
    ResolveForm,
    SimulatorForm,
    StatementForm,
)
from paspor.payments.instructions import HOW_TO_PAY
from paspor.payments.models import BillingCodeStatus, Payment, StatementImport
from paspor.payments.pdf import billing_slip_pdf, receipt_pdf
from paspor.payments.reconciliation import (
    statement_channels,
    statement_import,
    statement_period_default,
    statement_xlsx,
)
from paspor.payments.services import bill_issue_for_case, billing_code_reissue, payment_flag_resolve
from paspor.payments.simulator import simulator_send
from paspor.payments.sla import express_pay_by
from paspor.payments.sla_alerts import sla_breach_explain


def _refused(
    request: HttpRequest, template: str, context: dict[str, Any], exc: DomainError
) -> HttpResponse:
    context["error"] = exc.message
    return render(request, template, context, status=exc.status)


@dataclass(frozen=True)
class _Typed:
    """A row's refused form: what was typed and why it was refused, so that the row opens
    again with it. `key` names the row: a case code on the SLA board, a payment's UUID."""

    key: str
    text: str
    error: str


def _typed(key: object, form: forms.Form, field: str, exc: DomainError) -> _Typed:
    value = form[field].value()
    return _Typed(key=str(key), text=str(value or ""), error=exc.message)


def _field_refusal(form: forms.Form, field: str) -> DomainError:
    """The field's own message: missing, too short or longer than the record keeps."""
    return DomainError(" ".join(str(e) for e in form.errors.get(field, [])), code=field)


def _actor(request: HttpRequest) -> User | None:
    return (
        request.user if isinstance(request.user, User) and request.user.is_authenticated else None
    )


# --- Applicant ------------------------------------------------------------------------


def status_lookup(request: HttpRequest) -> HttpResponse:
    """Public: the application number (or the booking code it came from) and the applicant's
    birth date open the payment status page.

    A case's page sends a browser that has not proved anything here with `kode` (the code,
    filled in) and `next` (that page, where the reader lands once the birth date matches).
    """
    asked_for = str(request.GET.get("kode", "")).strip().upper()
    if not CASE_CODE.fullmatch(asked_for):
        asked_for = ""
    next_url = str(request.POST.get("next") or request.GET.get("next") or "")
    if asked_for and next_url not in case_page_urls(asked_for):
        next_url = reverse("payments:status", kwargs={"case_code": asked_for})
    form = CaseLookupForm(request.POST or None, initial={"case_code": asked_for})
    booking_only = False
    if request.method == "POST" and not form.is_valid():
        # Said at the fields, with what was typed; no guess is counted.
        context = {"form": form, "asked_for": asked_for, "next": next_url}
        return render(request, "payments/lookup.html", context, status=400)
    if request.method == "POST":
        code, birth_date = form.cleaned_data["case_code"], form.cleaned_data["birth_date"]
        try:
            found = guessing_limited(  # the status page's limits, shared
                code=code,
                ip=client_ip(request),
                find=lambda: selectors.applicant_lookup(code=code, birth_date=birth_date),
                missed=lambda found: found.case is None and not found.booking_only,
            )
        except RateLimited as exc:
            form.add_error(None, exc.message)
            context = {"form": form, "asked_for": asked_for, "next": next_url}
            response = render(request, "payments/lookup.html", context, status=429)
            response["Retry-After"] = str(exc.retry_after)
            return response
        if found.case is not None:
            session_remember_case_code(request, found.case.code)
            if next_url in case_page_urls(found.case.code):
                return redirect(next_url)
            return redirect("payments:status", case_code=found.case.code)
        booking_only = found.booking_only
        if booking_only:
            # Not echoed back: the page may be on a shared screen.
            form = CaseLookupForm(initial={"case_code": asked_for})
        else:
            # One answer for an unknown code and a wrong birth date: nothing tells them apart.
            form.add_error(
                None,
                _(
                    "Kode atau tanggal lahir tidak cocok. Periksa nomor permohonan, kode booking "
                    "atau kode billing, dan tanggal lahir pemohon."
                ),
            )
    context = {"form": form, "asked_for": asked_for, "next": next_url, "booking_only": booking_only}
    return render(request, "payments/lookup.html", context)


def _status_context(view: selectors.PaymentStatusView) -> dict[str, object]:
    return {
        "view": view,
        "how_to_pay": HOW_TO_PAY,
        "express_pay_by": express_pay_by(),
        # A ready passport: until when and with what to collect it, as the status page says.
        "pickup": case_pickup(view.case),
    }


@case_page
def status(request: HttpRequest, case_code: str) -> HttpResponse:
    case = require_case_viewer(request, case_code)
    view = selectors.payment_status_for_case(case)
    return render(request, "payments/status.html", _status_context(view))


@require_POST
@case_page
def reissue(request: HttpRequest, case_code: str) -> HttpResponse:
    case = require_case_viewer(request, case_code)
    view = selectors.payment_status_for_case(case)
    if view.bill is None:
        raise Http404
    try:
        code = billing_code_reissue(bill=view.bill, by=_actor(request))
    except DomainError as exc:
        context = _status_context(view)
        return _refused(request, "payments/status.html", context, exc)
    if view.code is not None and code.pk == view.code.pk:
        # Asked from a page shown before the code expired, or twice: nothing new was issued.
        messages.info(request, _("Kode billing yang ada masih berlaku; tidak ada kode baru."))
    else:
        messages.success(request, _("Kode billing baru telah diterbitkan."))
    return redirect("payments:status", case_code=case.code)


@case_page
def slip_pdf(request: HttpRequest, case_code: str) -> HttpResponse:
    case = require_case_viewer(request, case_code)
    view = selectors.payment_status_for_case(case)
    if view.code is None or view.code_status != BillingCodeStatus.ISSUED:
        raise Http404  # only a live code has a slip to pay with
    response = HttpResponse(billing_slip_pdf(view), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{pgettext("file name", "kode-billing")}-{case.code}.pdf"'
    )
    return response


@case_page
def receipt(request: HttpRequest, case_code: str) -> HttpResponse:
    case = require_case_viewer(request, case_code)
    view = selectors.payment_status_for_case(case)
    if view.payment is None:
        raise Http404
    return render(request, "payments/receipt.html", {"view": view})


@case_page
def receipt_pdf_view(request: HttpRequest, case_code: str) -> HttpResponse:
    case = require_case_viewer(request, case_code)
    view = selectors.payment_status_for_case(case)
    if view.payment is None:
        raise Http404
    response = HttpResponse(receipt_pdf(view), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{pgettext("file name", "bukti-bayar")}-{case.code}.pdf"'
    )
    return response


# --- Staff ------------------------------------------------------------------------------


# Rows per page of the office's bills, as the issuance work lists page theirs.
BILLS_PER_PAGE = 50
PAGE_PARAMETER = "halaman"


def _query_without_page(request: HttpRequest) -> str:
    """The page's query string without its page number, for the links to the other pages."""
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    return query.urlencode()


def overview(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PAYMENT_STAFF_ROLES)
    return _overview(request, access)


def _overview(
    request: HttpRequest,
    access: StaffAccess,
    *,
    refused: DomainError | None = None,
    typed: _Typed | None = None,
) -> HttpResponse:
    """The office's bills page; with `refused`, a POST's refusal said on it with its status;
    with `typed`, at the flagged payment's row, which keeps the note."""
    national = bool(access.roles & NATIONAL_ROLES)
    flagged = list(selectors.payments_flagged(access.office)[:200])
    without_office = list(selectors.payments_flagged_without_office()[:200]) if national else []
    if typed is not None and all(str(p.uuid) != typed.key for p in [*flagged, *without_office]):
        typed = None  # reviewed meanwhile: no row to say it at, said at the top

    # A GET form, so a search (and its page) is a link to keep; unbound on a first visit.
    search = BillSearchForm(request.GET if request.GET else None)
    wanted = search.cleaned_data if search.is_valid() else {"q": "", "status": ""}
    bills = Paginator(
        selectors.bills_of_office(access.office, search=wanted["q"], status=wanted["status"]),
        BILLS_PER_PAGE,
    )
    return render(
        request,
        "payments/overview.html",
        {
            "office": access.office,
            "can_bill": Role.SUPERVISOR in access.roles,
            "awaiting": selectors.cases_awaiting_bill(access.office)[:100],
            "search": search,
            "searched": bool(wanted["q"] or wanted["status"]),
            # A refused search (said at its field) lists nothing rather than every bill, which
            # would read as if they all matched.
            "bills": None if search.errors else bills.get_page(request.GET.get(PAGE_PARAMETER)),
            "query": _query_without_page(request),
            "flagged": flagged,
            # Money on a code no office issued belongs to no office's list: headquarters (and
            # administrators) review it here, on whichever office's page they open.
            "national": national,
            "without_office": without_office,
            "resolve_form": ResolveForm(),
            "typed": typed,
            "error": refused.message if refused is not None and typed is None else "",
        },
        status=refused.status if refused is not None else 400 if search.errors else 200,
    )


@require_POST
def bill_issue(request: HttpRequest, office: str, case_code: str) -> HttpResponse:
    access = require_office_role(request, office, {Role.SUPERVISOR})
    case = get_object_or_404(Case, office=access.office, code=case_code)
    try:
        code = bill_issue_for_case(case=case, by=access.user)
    except DomainError as exc:
        return _overview(request, access, refused=exc)
    messages.success(
        request,
        _("Tagihan %(case)s diterbitkan: kode billing %(code)s.")
        % {"case": case.code, "code": code.code},
    )
    return redirect("payments:overview", office=access.office.code)


@require_POST
def payment_resolve(request: HttpRequest, office: str, payment: str) -> HttpResponse:
    access = require_office_role(request, office, PAYMENT_STAFF_ROLES)
    reviewable = Q(office=access.office)
    if access.roles & NATIONAL_ROLES:
        reviewable |= Q(office__isnull=True)  # no office's: headquarters reviews it
    # Found whatever its status: one already reviewed is the service's 409, not a 404.
    row = get_object_or_404(Payment.objects.filter(reviewable), uuid=payment)
    form = ResolveForm(request.POST)
    try:
        if not form.is_valid():
            raise _field_refusal(form, "note")
        payment_flag_resolve(payment=row, note=form.cleaned_data["note"], by=access.user)
    except DomainError as exc:
        typed = _typed(row.uuid, form, "note", exc)
        return _overview(request, access, refused=exc, typed=typed)
    messages.success(request, _("Pembayaran ditandai sudah ditinjau."))
    return redirect("payments:overview", office=access.office.code)


def reconciliation(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PAYMENT_STAFF_ROLES)
    day = statement_period_default(access.office)
    form = StatementForm(
        request.POST or None,
        request.FILES or None,
        initial={"period_start": day, "period_end": day},
    )
    context: dict[str, Any] = {
        "office": access.office,
        "form": form,
        "statements": StatementImport.objects.filter(office=access.office)[:30],
        "channels": statement_channels(),
    }
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("statement")
        try:
            statement = statement_import(
                office=access.office,
                content=form.cleaned_data["statement"],
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                by=access.user,
                filename=getattr(upload, "name", "") or "",
            )
        except DomainError as exc:
            return _refused(request, "payments/reconciliation.html", context, exc)
        return redirect("payments:statement", office=access.office.code, statement=statement.uuid)
    return render(
        request, "payments/reconciliation.html", context, status=400 if form.errors else 200
    )


def statement(request: HttpRequest, office: str, statement: str) -> HttpResponse:
    access = require_office_role(request, office, PAYMENT_STAFF_ROLES)
    row = get_object_or_404(StatementImport, office=access.office, uuid=statement)
    return render(
        request,
        "payments/statement.html",
        {
            "office": access.office,
            "statement": row,
            "items": row.items.select_related("payment").order_by("kind", "line_no", "pk"),
        },
    )


def statement_download(request: HttpRequest, office: str, statement: str) -> HttpResponse:
    access = require_office_role(request, office, PAYMENT_STAFF_ROLES)
    row = get_object_or_404(StatementImport, office=access.office, uuid=statement)
    response = HttpResponse(
        statement_xlsx(row),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stem = pgettext("file name", "rekonsiliasi")
    name = f"{stem}-{access.office.code}-{row.period_start}-{row.period_end}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def sla_board(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PAYMENT_STAFF_ROLES)
    return _sla_board(request, access)


def _sla_board(
    request: HttpRequest,
    access: StaffAccess,
    *,
    refused: DomainError | None = None,
    typed: _Typed | None = None,
) -> HttpResponse:
    """The SLA board; with `refused`, a reason's refusal said on it with its status; with
    `typed`, at the late case's row, which keeps the reason."""
    board = selectors.sla_board(access.office)
    asking = {row.case.code for row in board.overdue if not row.explained}
    if typed is not None and typed.key not in asking:
        typed = None  # not late, or explained meanwhile: no row to say it at, said at the top
    return render(
        request,
        "payments/sla_board.html",
        {
            "office": access.office,
            "board": board,
            "can_explain": bool(access.roles & {Role.SUPERVISOR, Role.HEAD}),
            # The cases app decides who opens a case page; link only for those roles.
            "can_open_case": bool(user_roles(access.user, access.office) & CASE_PAGE_ROLES),
            "reason_form": BreachReasonForm(),
            "typed": typed,
            "error": refused.message if refused is not None and typed is None else "",
        },
        status=refused.status if refused is not None else 200,
    )


@require_POST
def sla_reason(request: HttpRequest, office: str, case_code: str) -> HttpResponse:
    access = require_office_role(request, office, {Role.SUPERVISOR, Role.HEAD})
    case = get_object_or_404(Case, office=access.office, code=case_code)
    form = BreachReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise _field_refusal(form, "reason")
        sla_breach_explain(case=case, reason=form.cleaned_data["reason"], by=access.user)
    except DomainError as exc:
        typed = _typed(case.code, form, "reason", exc)
        return _sla_board(request, access, refused=exc, typed=typed)
    messages.success(request, _("Alasan keterlambatan %(case)s dicatat.") % {"case": case.code})
    return redirect("payments:sla_board", office=access.office.code)


def simulator(request: HttpRequest) -> HttpResponse:
    """Development only: pays a billing code as a bank would, through the real endpoint."""
    if not settings.PAYMENT_SIMULATOR_ENABLED:
        raise Http404
    require_any_role(request, SIMULATOR_ROLES)
    form = SimulatorForm(
        request.POST or None, initial={"billing_code": request.GET.get("kode", "")}
    )
    answer = None
    if request.method == "POST" and not form.is_valid():
        # Said at the fields, with what was typed; nothing reaches the endpoint.
        return render(request, "payments/simulator.html", {"form": form}, status=400)
    if request.method == "POST":
        answer = simulator_send(
            billing_code=form.cleaned_data["billing_code"],
            channel=form.cleaned_data["channel"],
            amount=form.cleaned_data["amount"],
            method=form.cleaned_data["method"],
        )
    return render(request, "payments/simulator.html", {"form": form, "answer": answer})
