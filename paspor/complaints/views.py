"""Complaint pages: the public form and tracking, the office's list and answer form."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paspor.accounts.access import StaffAccess, require_any_role, require_office_role, user_roles
from paspor.accounts.models import Role
from paspor.complaints.forms import AnsweredSearchForm, ComplaintForm, ResponseForm, TrackForm
from paspor.complaints.models import (
    TRACKING_CODE,
    Complaint,
    ComplaintCategory,
    ComplaintResponder,
    ComplaintStatus,
)
from paspor.complaints.selectors import (
    OFFICE_RESPONDERS,
    answered_complaints,
    complaint_stats,
    days_late,
    open_complaints,
    open_complaints_by_office,
    overdue_complaints,
)
from paspor.complaints.services import (
    TRACK_PER_IP,
    complaint_office_today,
    complaint_respond,
    complaint_submit,
)
from paspor.lib.errors import Conflict, DomainError, RateLimited
from paspor.lib.ratelimit import client_ip
from paspor.lib.ratelimit import hit as limit_hit
from paspor.offices.models import Office

VIEWERS = (Role.HEAD, Role.SUPERVISOR, Role.HQ, Role.ADMIN)
RESPONDERS = OFFICE_RESPONDERS
# The national view: headquarters answers what an office left past its deadline; an
# administrator looks on. Offices' own staff keep to their office's page.
NATIONAL_VIEWERS = (Role.HQ, Role.ADMIN)
STATS_DAYS = 90
ANSWERED_PER_PAGE = 20
OVERDUE_PER_PAGE = 50


def _limited(
    request: HttpRequest, template: str, context: dict[str, object], exc: RateLimited
) -> HttpResponse:
    context["limited"] = exc.message
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    # `?kantor=<code>` chooses the office for the complainant: a link from the office's own
    # page (an expired survey link's page) should not ask which office again.
    form = ComplaintForm(
        request.POST or None, request.FILES or None, initial=_office_asked(request)
    )
    context: dict[str, object] = {"form": form, "days": settings.PASPOR_COMPLAINT_RESPONSE_DAYS}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = complaint_submit(
                office=data["office"],
                category=ComplaintCategory(data["category"]),
                body=data["body"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                files=data["files"],
                ip=client_ip(request),
                language=translation.get_language(),
            )
        except RateLimited as exc:
            return _limited(request, "complaints/submit.html", context, exc)
        except DomainError as exc:
            form.add_error("files" if exc.code == "attachment" else None, exc.message)
            _ask_for_files_again(request, form)
            return render(request, "complaints/submit.html", context, status=400)
        messages.success(
            request,
            _("Pengaduan diterima. Simpan kode pelacakan %(code)s.")
            % {"code": complaint.tracking_code},
        )
        return redirect("complaints:track_code", code=complaint.tracking_code)
    if request.method == "POST":
        _ask_for_files_again(request, form)
        return render(request, "complaints/submit.html", context, status=400)
    return render(request, "complaints/submit.html", context)


def _office_asked(request: HttpRequest) -> dict[str, str]:
    code = request.GET.get("kantor", "")
    if code and Office.objects.filter(code=code, is_active=True).exists():
        return {"office": code}
    return {}


def _ask_for_files_again(request: HttpRequest, form: ComplaintForm) -> None:
    # A browser cannot fill a file input from the server: a form shown again has lost the files.
    if request.FILES:
        form.add_error(
            "files", _("Pilih lagi lampiran Anda: berkas yang sudah dipilih tidak ikut tersimpan.")
        )


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_valid():  # only a code of the issued shape goes into the URL
        return redirect("complaints:track_code", code=form.cleaned_data["code"])
    status = 400 if form.is_bound else 200
    context = {"form": form, "complaint": None}
    return render(request, "complaints/track.html", context, status=status)


def track_code(request: HttpRequest, code: str) -> HttpResponse:
    normal = code.strip().upper()
    if normal != code and TRACKING_CODE.fullmatch(normal):
        return redirect("complaints:track_code", code=normal)
    form = TrackForm(initial={"code": code})
    context: dict[str, object] = {"form": form, "complaint": None, "code": code}
    try:
        limit_hit(TRACK_PER_IP, client_ip(request))
    except RateLimited as exc:
        return _limited(request, "complaints/track.html", context, exc)
    # A code of another shape was never issued: not looked up (a NUL would fail the query).
    complaint = (
        Complaint.objects.select_related("office").filter(tracking_code=code).first()
        if TRACKING_CODE.fullmatch(code)
        else None
    )
    if complaint is None:
        context["not_found"] = True
        return render(request, "complaints/track.html", context, status=404)
    context["complaint"] = complaint
    return render(request, "complaints/track.html", context)


def office_list(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, VIEWERS)
    today = timezone.localtime(timezone.now(), access.office.tz).date()
    start = today - dt.timedelta(days=STATS_DAYS)
    search = AnsweredSearchForm(request.GET)
    code = search.cleaned_data["kode"] if search.is_valid() else ""
    answered = Paginator(answered_complaints(office=access.office, code=code), ANSWERED_PER_PAGE)
    page = answered.get_page(request.GET.get("halaman"))
    still_open = list(open_complaints(office=access.office))
    context = {
        "office": access.office,
        "open": still_open,
        "open_overdue": any(complaint.deadline < today for complaint in still_open),
        "national": bool(access.roles & set(NATIONAL_VIEWERS)),
        "search": search,
        "code": code,
        "answered": page,
        "page_query": urlencode({"kode": code}) + "&" if code else "",
        "stats": complaint_stats(office=access.office, start=start, end=today),
        "start": start,
        "today": today,
    }
    return render(request, "complaints/office_list.html", context)


def _office_complaint(office: Office, code: str) -> Complaint:
    """The office's complaint with `code`; 404 for another office's, an unknown code, or one
    not of the issued shape (not looked up: a NUL would fail the query)."""
    if not TRACKING_CODE.fullmatch(code):
        raise Http404
    return get_object_or_404(Complaint, office=office, tracking_code=code)


def _responder(access: StaffAccess) -> ComplaintResponder | None:
    """Who answers from this page: the office's head or supervisor, else headquarters (once
    the deadline has passed); nobody for an administrator."""
    if access.roles & set(RESPONDERS):
        return ComplaintResponder.OFFICE
    if Role.HQ in access.roles:
        return ComplaintResponder.HEADQUARTERS
    return None


@require_http_methods(["GET", "POST"])
def office_detail(request: HttpRequest, office: str, code: str) -> HttpResponse:
    access = require_office_role(request, office, VIEWERS)
    complaint = _office_complaint(access.office, code)
    responder = _responder(access)
    form = ResponseForm(request.POST or None)
    context: dict[str, object] = {
        "office": access.office,
        "complaint": complaint,
        "form": form,
        "as_headquarters": responder == ComplaintResponder.HEADQUARTERS,
    }
    status = 200
    if request.method == "POST":
        if responder is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                complaint_respond(
                    complaint=complaint,
                    response=form.cleaned_data["response"],
                    by=access.user,
                    responder=responder,
                )
            except Conflict as exc:
                # Another officer answered first (another tab, another desk), or headquarters
                # tried before the deadline: this answer was not saved; it stays on the page to
                # be compared or copied, never lost silently.
                complaint.refresh_from_db()
                context["conflict" if exc.code == "already_answered" else "refused"] = exc.message
                context["unsaved_response"] = form.cleaned_data["response"]
                status = 409
            else:
                messages.success(request, _answered_message(complaint))
                if responder == ComplaintResponder.HEADQUARTERS:
                    return redirect("complaints:national")
                return redirect("complaints:office_list", office=access.office.code)
        else:
            status = 400
    overdue = complaint.overdue_on(complaint_office_today(complaint))
    context["overdue"] = overdue
    context["can_respond"] = complaint.status == ComplaintStatus.OPEN and (
        responder == ComplaintResponder.OFFICE
        or (responder == ComplaintResponder.HEADQUARTERS and overdue)
    )
    return render(request, "complaints/office_detail.html", context, status=status)


def national(request: HttpRequest) -> HttpResponse:
    """Headquarters' view of every office: open and overdue counts, and the complaints left
    open past their deadline, the oldest first, to answer from their page."""
    user = require_any_role(request, NATIONAL_VIEWERS)
    backlog = open_complaints_by_office()
    page = Paginator(overdue_complaints(), OVERDUE_PER_PAGE).get_page(request.GET.get("halaman"))
    context = {
        "backlog": backlog,
        "total_open": sum(row.open for row in backlog),
        "total_overdue": sum(row.overdue for row in backlog),
        "quiet_offices": Office.objects.filter(is_active=True)
        .exclude(pk__in=[row.office.pk for row in backlog])
        .count(),
        "overdue": page,
        "rows": [(complaint, days_late(complaint)) for complaint in page],
        "can_answer": Role.HQ in user_roles(user),
    }
    return render(request, "complaints/national.html", context)


def _answered_message(complaint: Complaint) -> str:
    if complaint.has_contact:
        return _("Tanggapan disimpan dan dikirim ke pelapor.")
    return _(
        "Tanggapan disimpan. Pelapor tidak memberikan e-mail atau telepon: pelapor membacanya "
        "di halaman lacak dengan kode pelacakan."
    )


def attachment(request: HttpRequest, office: str, code: str, number: int) -> FileResponse:
    access = require_office_role(request, office, VIEWERS)
    complaint = _office_complaint(access.office, code)
    files = list(complaint.attachments.order_by("pk"))
    if not 1 <= number <= len(files):
        raise Http404
    item = files[number - 1]
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )
