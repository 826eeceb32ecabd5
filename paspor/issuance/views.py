"""Staff pages under /penerbitan/<office>/: stock, printing, quality control and handover.

Every view starts with the access helper. Print, quality control and stock are written by the
print/QC officers (printing and quality control only with their certificate, said on the page
before the officer tries); handover by the handover officers; supervisors, heads of office and
headquarters read. A refused rule re-renders the page with its message (400, or 409 for a
conflict) so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from paspor.accounts.access import StaffAccess, require_office_role
from paspor.accounts.models import Role, User
from paspor.audit.pii import PiiData
from paspor.audit.services import pii_access_record
from paspor.cases.certification import certificate_problem
from paspor.cases.models import Case
from paspor.cases.selectors import ticket_being_served
from paspor.issuance import selectors, services
from paspor.issuance.exports import column_labels, stock_report_xlsx
from paspor.issuance.forms import (
    HandoverForm,
    QualityCheckForm,
    ReceiveForm,
    ReturnForm,
    SpoilForm,
    StockSpoilForm,
)
from paspor.issuance.models import (
    Booklet,
    BookletDelivery,
    BookletKind,
    Passport,
    PassportStatus,
)
from paspor.issuance.pdf import data_page_pdf
from paspor.issuance.photos import case_print_photo, image_mime
from paspor.issuance.roles import (
    ANY_ISSUANCE,
    HANDOVER_OFFICERS,
    HANDOVER_READERS,
    PRINT_READERS,
    PRINTERS,
)
from paspor.issuance.services.handover import HandoverRefused, holder_is_child
from paspor.issuance.services.pickup import pickup_deadline
from paspor.issuance.services.printing import passport_data_mismatches
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.nik import nik_masked
from paspor.lib.report_years import FIRST_YEAR, LAST_YEAR
from paspor.offices.calendar import OfficeCalendar, office_today
from paspor.offices.models import StationType
from paspor.payments.sla import express_pay_by


def _can(access: StaffAccess, roles: frozenset[Role]) -> bool:
    return bool(access.roles & roles)


def _case(access: StaffAccess, code: str) -> Case:
    return get_object_or_404(Case, office=access.office, code=code)


def _passport(access: StaffAccess, number: str, **filters: Any) -> Passport:
    return get_object_or_404(
        Passport.objects.select_related("case", "booklet", "printed_by", "print_confirmed_by"),
        case__office=access.office,
        passport_number=number,
        **filters,
    )


def _passport_waiting(
    request: HttpRequest,
    access: StaffAccess,
    number: str,
    status: PassportStatus,
    list_page: Callable[[HttpRequest, StaffAccess, int], HttpResponse],
) -> Passport | HttpResponse:
    """The office's passport when it waits for this step; else its list again with 409 and
    where it is now — a second click, or another officer was first (not a "page not found")."""
    passport = _passport(access, number)
    if passport.status == status:
        return passport
    messages.error(
        request,
        _("Paspor %(n)s tidak menunggu langkah ini lagi: statusnya kini %(status)s.")
        % {"n": passport.passport_number, "status": passport.get_status_display()},
    )
    return list_page(request, access, 409)


def _user(access: StaffAccess) -> User:
    return access.user


def _not_certified(access: StaffAccess, station_type: StationType) -> str:
    """Said before a print/QC officer tries: the work needs its certificate, valid today."""
    if not _can(access, PRINTERS):
        return ""
    return certificate_problem(user=access.user, office=access.office, station_type=station_type)


def _name(user: User | None) -> str:
    """An officer as colleagues know them, with the sign-in name: "Rina Wati (cetak2)"."""
    if user is None:
        return "—"
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


# --- Overview -----------------------------------------------------------------------------------


@require_GET
def home(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, ANY_ISSUANCE)
    context = {
        "access": access,
        "office": access.office,
        "levels": selectors.stock_levels(access.office),
        "print_count": selectors.print_queue(access.office).count(),
        "qc_count": selectors.qc_queue(access.office).count(),
        "ready_count": selectors.ready_queue(access.office).count(),
        "pickup_count": selectors.pickup_queue(access.office).count(),
        "can_print": _can(access, PRINT_READERS),
        "can_handover": _can(access, HANDOVER_READERS),
    }
    return render(request, "issuance/home.html", context)


# --- Printing -----------------------------------------------------------------------------------


# Rows per page of the work lists: a busy office has hundreds of passports waiting at a step.
PAGE_SIZE = 50


def _page(request: HttpRequest, rows: Any, parameter: str = "halaman") -> Page[Any]:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get(parameter))


def _query_without(request: HttpRequest, parameter: str = "halaman") -> str:
    """The page's query string without its page number, for the links to the other pages."""
    query = request.GET.copy()
    query.pop(parameter, None)
    return query.urlencode()


@require_GET
def print_queue(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_READERS)
    page = _page(request, selectors.print_queue(access.office))
    today = office_today(access.office)
    rows = [(case, next(iter(case.printing_now), None)) for case in page]
    return render(
        request,
        "issuance/print_queue.html",
        {
            "access": access,
            "office": access.office,
            "rows": rows,
            "page": page,
            "query": _query_without(request),
            "today": today,
            "levels": selectors.stock_levels(access.office, today=today),
            "not_certified": _not_certified(access, StationType.PRINTING),
            # The promise the due dates follow (paspor.payments.sla.due_date_for_payment).
            "sla_days": settings.SLA_WORKING_DAYS,
            "sla_count_payment_day": settings.SLA_COUNT_PAYMENT_DAY,
            "express_pay_by": express_pay_by(),
        },
    )


def _print_page(
    request: HttpRequest,
    access: StaffAccess,
    case: Case,
    *,
    spoil_form: SpoilForm | None = None,
    error: DomainError | None = None,
) -> HttpResponse:
    pii_access_record(user=access.user, case=case, what=PiiData.PRINT_PAGE)
    passport = selectors.printing_passport(case) or selectors.live_passport(case)
    not_certified = _not_certified(access, StationType.PRINTING)
    context = {
        "access": access,
        "office": access.office,
        "case": case,
        "passport": passport,
        "history": case.passports.select_related("booklet").order_by("started_at"),
        "spoil_form": spoil_form or SpoilForm(office=access.office, user=access.user),
        "can_write": _can(access, PRINTERS) and not not_certified,
        "not_certified": not_certified,
        "error": error.message if error else "",
    }
    status = error.status if error else 200
    return render(request, "issuance/print_case.html", context, status=status)


@require_GET
def print_case(request: HttpRequest, office: str, code: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_READERS)
    return _print_page(request, access, _case(access, code))


@require_POST
def print_start(request: HttpRequest, office: str, code: str) -> HttpResponse:
    access = require_office_role(request, office, PRINTERS)
    case = _case(access, code)
    try:
        passport = services.print_start(case=case, by=_user(access))
    except DomainError as exc:
        return _print_page(request, access, case, error=exc)
    messages.success(
        request,
        _("Buku %(number)s dialokasikan. Cetak halaman data.")
        % {"number": passport.passport_number},
    )
    return redirect("issuance:print_case", office=office, code=code)


@require_POST
def print_confirm(request: HttpRequest, office: str, code: str) -> HttpResponse:
    access = require_office_role(request, office, PRINTERS)
    case = _case(access, code)
    passport = selectors.printing_passport(case)
    if passport is None:
        return _print_page(
            request, access, case, error=Conflict(_("Tidak ada buku yang sedang dicetak."))
        )
    try:
        services.print_confirm(passport=passport, by=_user(access))
    except DomainError as exc:
        return _print_page(request, access, case, error=exc)
    messages.success(
        request,
        _("Paspor %(number)s tercetak; menunggu kendali mutu.")
        % {"number": passport.passport_number},
    )
    return redirect("issuance:print_queue", office=office)


@require_POST
def print_spoil(request: HttpRequest, office: str, code: str) -> HttpResponse:
    access = require_office_role(request, office, PRINTERS)
    case = _case(access, code)
    passport = selectors.printing_passport(case)
    form = SpoilForm(request.POST, office=access.office, user=access.user)
    if passport is None:
        return _print_page(
            request, access, case, error=Conflict(_("Tidak ada buku yang sedang dicetak."))
        )
    if not form.is_valid():
        return _print_page(
            request, access, case, spoil_form=form, error=DomainError(_("Periksa isian kerusakan."))
        )
    try:
        new = services.print_spoil(
            passport=passport,
            by=_user(access),
            witness=form.cleaned_data["witness"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return _print_page(request, access, case, spoil_form=form, error=exc)
    if new is None:
        messages.warning(
            request,
            _(
                "Buku %(old)s dicatat rusak. Buku berikutnya belum dapat dialokasikan; "
                "permohonan kembali ke antrean cetak."
            )
            % {"old": passport.passport_number},
        )
    else:
        messages.success(
            request,
            _("Buku %(old)s dicatat rusak; buku berikutnya %(new)s dialokasikan.")
            % {"old": passport.passport_number, "new": new.passport_number},
        )
    return redirect("issuance:print_case", office=office, code=code)


@require_GET
def data_page(request: HttpRequest, office: str, number: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_READERS | HANDOVER_OFFICERS)
    passport = _passport(access, number)
    pii_access_record(user=access.user, case=passport.case, what=PiiData.DATA_PAGE)
    response = HttpResponse(data_page_pdf(passport), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{pgettext("file name", "halaman-data")}-{passport.passport_number}.pdf"'
    )
    return response


@require_GET
def case_photo(request: HttpRequest, office: str, code: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_READERS | HANDOVER_OFFICERS)
    case = _case(access, code)
    pii_access_record(user=access.user, case=case, what=PiiData.PHOTO)
    data = case_print_photo(case)
    if data is None:
        return render(request, "issuance/photo_placeholder.svg", content_type="image/svg+xml")
    response = HttpResponse(data, content_type=image_mime(data))
    response["Cache-Control"] = "private, no-store"
    return response


# --- Quality control and ready for pickup ------------------------------------------------------


@require_GET
def qc_queue(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_READERS)
    return _qc_queue_page(request, access)


def _qc_queue_page(request: HttpRequest, access: StaffAccess, status: int = 200) -> HttpResponse:
    not_certified = _not_certified(access, StationType.QUALITY_CONTROL)
    return render(
        request,
        "issuance/qc_queue.html",
        {
            "access": access,
            "office": access.office,
            "to_check": _page(request, selectors.qc_queue(access.office)),
            "to_ready": _page(request, selectors.ready_queue(access.office), "siap"),
            "query_check": _query_without(request),
            "query_ready": _query_without(request, "siap"),
            "can_write": _can(access, PRINTERS) and not not_certified,
            "not_certified": not_certified,
        },
        status=status,
    )


def _printer_names(passport: Passport) -> str:
    """Who printed the passport: who allocated the booklet, and who confirmed the print when
    that was another officer."""
    officers = [passport.printed_by]
    confirmed = passport.print_confirmed_by
    if confirmed is not None and confirmed.pk != passport.printed_by_id:
        officers.append(confirmed)
    return ", ".join(_name(officer) for officer in officers)


def _qc_page(
    request: HttpRequest,
    access: StaffAccess,
    passport: Passport,
    form: QualityCheckForm | None = None,
    error: DomainError | None = None,
) -> HttpResponse:
    pii_access_record(user=access.user, case=passport.case, what=PiiData.QUALITY_CHECK)
    # The MRZ fields start empty: the officer reads the booklet, the service compares.
    form = form or QualityCheckForm()
    not_certified = _not_certified(access, StationType.QUALITY_CONTROL)
    context = {
        "access": access,
        "office": access.office,
        "passport": passport,
        "case": passport.case,
        "form": form,
        "mismatches": passport_data_mismatches(passport),
        "own_print": access.user.pk in selectors.printers_of(passport),
        "can_write": _can(access, PRINTERS) and not not_certified,
        "not_certified": not_certified,
        "printer_name": _printer_names(passport),
        "checker_names": ", ".join(_name(u) for u in selectors.qc_officers(passport)),
        "error": error.message if error else "",
    }
    return render(request, "issuance/qc_check.html", context, status=error.status if error else 200)


@require_GET
def qc_check(request: HttpRequest, office: str, number: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_READERS)
    passport = _passport_waiting(request, access, number, PassportStatus.PRINTED, _qc_queue_page)
    if isinstance(passport, HttpResponse):
        return passport
    return _qc_page(request, access, passport)


@require_POST
def qc_submit(request: HttpRequest, office: str, number: str) -> HttpResponse:
    access = require_office_role(request, office, PRINTERS)
    passport = _passport_waiting(request, access, number, PassportStatus.PRINTED, _qc_queue_page)
    if isinstance(passport, HttpResponse):
        return passport
    form = QualityCheckForm(request.POST)
    if not form.is_valid():
        return _qc_page(
            request, access, passport, form, DomainError(_("Lengkapi isian kendali mutu."))
        )
    data = form.cleaned_data
    try:
        check = services.qc_record(
            passport=passport,
            by=_user(access),
            passed=data["decision"] == "pass",
            data_matches=data["data_matches"],
            photo_ok=data["photo_ok"],
            mrz_line1=data["mrz_line1"],
            mrz_line2=data["mrz_line2"],
            notes=data["notes"],
        )
    except DomainError as exc:
        return _qc_page(request, access, passport, form, exc)
    if check.passed:
        messages.success(
            request, _("Paspor %(n)s lulus kendali mutu.") % {"n": passport.passport_number}
        )
    else:
        messages.warning(
            request,
            _(
                "Paspor %(n)s gagal kendali mutu: buku dicatat rusak dan permohonan kembali ke antrean cetak."
            )
            % {"n": passport.passport_number},
        )
    return redirect("issuance:qc_queue", office=office)


@require_POST
def mark_ready(request: HttpRequest, office: str, number: str) -> HttpResponse:
    access = require_office_role(request, office, PRINTERS)
    passport = _passport(access, number)
    try:
        services.passport_mark_ready(passport=passport, by=_user(access))
    except DomainError as exc:
        # The list again with the refusal (a second click, another officer was first): the
        # GET-only list view itself would answer this POST with an empty 405.
        messages.error(request, exc.message)
        return _qc_queue_page(request, access, exc.status)
    messages.success(request, _("Paspor %(n)s siap diambil; pemohon diberi tahu.") % {"n": number})
    return redirect("issuance:qc_queue", office=office)


# --- Handover -----------------------------------------------------------------------------------


@require_GET
def pickup_queue(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, HANDOVER_READERS)
    return _pickup_queue_page(request, access)


def _pickup_queue_page(
    request: HttpRequest, access: StaffAccess, status: int = 200
) -> HttpResponse:
    search = request.GET.get("q", "")[:100]
    page = _page(request, selectors.pickup_queue(access.office, search))
    calendar = OfficeCalendar(access.office)
    rows = [(passport, pickup_deadline(passport, calendar)) for passport in page]
    return render(
        request,
        "issuance/pickup_queue.html",
        {
            "access": access,
            "office": access.office,
            "rows": rows,
            "search": search,
            "page": page,
            "query": _query_without(request),
        },
        status=status,
    )


def _handover_page(
    request: HttpRequest,
    access: StaffAccess,
    passport: Passport,
    form: HandoverForm | None = None,
    error: DomainError | None = None,
) -> HttpResponse:
    case = passport.case
    pii_access_record(user=access.user, case=case, what=PiiData.HANDOVER)
    handover_officer = _can(access, HANDOVER_OFFICERS)
    # Said before the officer fills the form: handing over needs the station's certificate.
    not_certified = (
        certificate_problem(
            user=access.user, office=access.office, station_type=StationType.HANDOVER
        )
        if handover_officer
        else ""
    )
    form = form or HandoverForm()
    # Several faults of one submit are listed, one per line, to be mended at once; each is
    # said at its field too, which the list links to (the page is long).
    error_parts = form.refusal_show(error) if isinstance(error, HandoverRefused) else []
    context = {
        "access": access,
        "office": access.office,
        "passport": passport,
        "case": case,
        "form": form,
        # Masked: the officer reads the NIK off the KTP; handover_record compares it.
        "holder_nik_masked": nik_masked(case.nik),
        "child": holder_is_child(case, office_today(access.office)),
        "deadline": pickup_deadline(passport),
        "can_write": handover_officer and not not_certified,
        "not_certified": not_certified,
        "error": error.message if error else "",
        "error_parts": error_parts,
    }
    status = error.status if error else 200
    return render(request, "issuance/handover.html", context, status=status)


@require_GET
def handover(request: HttpRequest, office: str, number: str) -> HttpResponse:
    access = require_office_role(request, office, HANDOVER_READERS)
    passport = _passport_waiting(request, access, number, PassportStatus.READY, _pickup_queue_page)
    if isinstance(passport, HttpResponse):
        return passport
    return _handover_page(request, access, passport)


@require_POST
def handover_submit(request: HttpRequest, office: str, number: str) -> HttpResponse:
    access = require_office_role(request, office, HANDOVER_OFFICERS)
    passport = _passport_waiting(request, access, number, PassportStatus.READY, _pickup_queue_page)
    if isinstance(passport, HttpResponse):
        return passport
    form = HandoverForm(request.POST)
    if not form.is_valid():
        # Name each field at fault above the form; the page says each at its field too.
        faults = [str(error) for error in form.non_field_errors()] + [
            f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}"
            for name, errors in form.errors.items()
            if name in form.fields
        ]
        message = " ".join([_("Periksa isian penyerahan."), *faults])
        return _handover_page(request, access, passport, form, DomainError(message))
    try:
        services.handover_record(passport=passport, by=_user(access), data=form.handover_input())
    except DomainError as exc:
        return _handover_page(request, access, passport, form, exc)
    messages.success(
        request, _("Paspor %(n)s diserahkan; permohonan ditutup.") % {"n": passport.passport_number}
    )
    # The collector's ticket is still at this officer's counter: "Selesai" on the console is
    # the next thing to press, so the console is where the officer lands.
    if ticket_being_served(office=access.office, officer=_user(access)) is not None:
        return redirect("queueing:console", office=office)
    return redirect("issuance:pickup_queue", office=office)


# --- Stock --------------------------------------------------------------------------------------


def _stock_page(
    request: HttpRequest,
    access: StaffAccess,
    *,
    forms: dict[str, Any] | None = None,
    error: DomainError | None = None,
) -> HttpResponse:
    today = office_today(access.office)
    forms = forms or {}
    context = {
        "access": access,
        "office": access.office,
        "levels": selectors.stock_levels(access.office, today=today),
        "deliveries": BookletDelivery.objects.filter(office=access.office)[:20],
        "receive_form": forms.get("receive") or ReceiveForm(initial={"received_on": today}),
        "return_form": forms.get("return") or ReturnForm(),
        "spoil_form": forms.get("spoil") or StockSpoilForm(office=access.office, user=access.user),
        "month": f"{today:%Y-%m}",
        "can_write": _can(access, PRINTERS),
        "error": error.message if error else "",
    }
    return render(request, "issuance/stock.html", context, status=error.status if error else 200)


@require_GET
def stock(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_READERS)
    return _stock_page(request, access)


@require_POST
def stock_receive(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PRINTERS)
    form = ReceiveForm(request.POST)
    if not form.is_valid():
        return _stock_page(
            request,
            access,
            forms={"receive": form},
            error=DomainError(_("Periksa isian penerimaan.")),
        )
    try:
        delivery = services.booklet_delivery_receive(
            office=access.office, by=_user(access), **form.cleaned_data
        )
    except DomainError as exc:
        return _stock_page(request, access, forms={"receive": form}, error=exc)
    messages.success(request, _("%(n)d buku diterima.") % {"n": delivery.quantity})
    return redirect("issuance:stock", office=office)


@require_POST
def stock_spoil(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PRINTERS)
    form = StockSpoilForm(request.POST, office=access.office, user=access.user)
    if not form.is_valid():
        return _stock_page(
            request, access, forms={"spoil": form}, error=DomainError(_("Periksa isian kerusakan."))
        )
    booklet = Booklet.objects.filter(
        office=access.office, number=form.cleaned_data["number"].strip().upper()
    ).first()
    if booklet is None:
        return _stock_page(
            request,
            access,
            forms={"spoil": form},
            error=DomainError(_("Nomor buku tidak ada di kantor ini.")),
        )
    try:
        services.booklet_spoil_in_stock(
            booklet=booklet,
            by=_user(access),
            witness=form.cleaned_data["witness"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return _stock_page(request, access, forms={"spoil": form}, error=exc)
    messages.success(request, _("Buku %(n)s dicatat rusak.") % {"n": booklet.number})
    return redirect("issuance:stock", office=office)


@require_POST
def stock_return(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PRINTERS)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _stock_page(
            request,
            access,
            forms={"return": form},
            error=DomainError(_("Periksa isian pengembalian.")),
        )
    try:
        count = services.booklets_return(
            office=access.office, by=_user(access), **form.cleaned_data
        )
    except DomainError as exc:
        return _stock_page(request, access, forms={"return": form}, error=exc)
    messages.success(request, _("%(n)d buku dikembalikan.") % {"n": count})
    return redirect("issuance:stock", office=office)


def _month(request: HttpRequest, access: StaffAccess) -> selectors.Month:
    """The report's month from `?bulan=YYYY-MM` (default: this month at the office).

    A month that is not one (typed or cut off in a link) is refused with what was read; so is a
    month still to come, whose opening stock would be today's stock under a month not begun."""
    today = office_today(access.office)
    text = request.GET.get("bulan", "")
    if not text:
        return selectors.Month(today.year, today.month)
    try:
        month = selectors.Month.parse(text)
    except ValueError:
        raise DomainError(
            _("Bulan “%(text)s” tidak dapat dibaca: tulis TTTT-BB antara %(first)s dan %(last)s.")
            % {"text": text[:20], "first": FIRST_YEAR, "last": LAST_YEAR},
            code="month",
        ) from None
    if month.start > today:
        raise DomainError(
            _("Bulan %(month)s belum dimulai; laporan stok tersedia sampai %(current)s.")
            % {
                "month": formats.date_format(month.start, "F Y"),
                "current": formats.date_format(today, "F Y"),
            },
            code="month_ahead",
        )
    return month


@require_GET
def stock_report(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_READERS)
    today = office_today(access.office)
    context: dict[str, object] = {
        "access": access,
        "office": access.office,
        "this_month": f"{today:%Y-%m}",  # the month picker goes no further
        "first_month": f"{FIRST_YEAR:04d}-01",
    }
    try:
        month = _month(request, access)
    except DomainError as exc:
        # The message and the month picker only: another month's figures under the month the
        # reader typed would pass for the ones asked for (as the period dashboard refuses).
        context |= {"error": exc.message, "typed": request.GET.get("bulan", "")[:20]}
        return render(request, "issuance/stock_report.html", context, status=400)
    labels = column_labels()
    rows = [
        (row, [(column, labels[column], row.value(column)) for column in selectors.REPORT_COLUMNS])
        for row in selectors.stock_report(access.office, month)
    ]
    previous = (month.start - dt.timedelta(days=1)).replace(day=1)
    context |= {
        "month": month,
        "typed": str(month),
        # The first days of the months either side, but no link to a month the report refuses.
        "previous": previous if previous.year >= FIRST_YEAR else None,
        "next": month.end if month.end <= today else None,
        "labels": [labels[c] for c in selectors.REPORT_COLUMNS],
        "rows": rows,
    }
    return render(request, "issuance/stock_report.html", context)


@require_GET
def stock_report_xlsx_download(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_READERS)
    try:
        month = _month(request, access)
    except DomainError as exc:
        return HttpResponse(exc.message, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(
        stock_report_xlsx(access.office, month),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stem = pgettext("file name", "stok-buku")
    response["Content-Disposition"] = (
        f'attachment; filename="{stem}-{access.office.code}-{month}.xlsx"'
    )
    return response


@require_GET
def stock_report_booklets(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PRINT_READERS)
    try:
        month = _month(request, access)
    except DomainError as exc:
        return HttpResponse(exc.message, status=400, content_type="text/plain; charset=utf-8")
    column, kind = request.GET.get("kolom", ""), request.GET.get("jenis", "")
    if column not in selectors.REPORT_COLUMNS or kind not in BookletKind.values:
        raise Http404
    booklets = selectors.report_booklets(access.office, month, column, kind).select_related(
        "delivery", "spoiled_by", "witness"
    )
    return render(
        request,
        "issuance/stock_booklets.html",
        {
            "access": access,
            "office": access.office,
            "month": month,
            "column_label": column_labels()[column],
            "kind_label": BookletKind(kind).label,
            "booklets": _page(request, booklets.order_by("number")),
            "query": _query_without(request),
            "report_url": reverse("issuance:stock_report", kwargs={"office": office})
            + f"?bulan={month}",
        },
    )
