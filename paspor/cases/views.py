"""Officer pages: work queues, opening a case, the case page with its step, the timeline, files.

Every view starts with the access helper. Step forms post to `case_step`, which parses the form,
calls one service and redirects back; bad input re-renders the page with the typed values and
the message (400), a refused move renders it with the reason and 409.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paspor.accounts.access import StaffAccess, require_any_role, require_office_role, user_roles
from paspor.accounts.models import Role, StaffAssignment, User
from paspor.audit.pii import PiiData
from paspor.audit.services import pii_access_record
from paspor.cases import biometrics, conf, intake, interview, travel_ban
from paspor.cases.adjudication import case_decide, case_defer, case_resume
from paspor.cases.certification import (
    certificate_problem,
    officer_certified_for_step,
    step_certificate_problem,
)
from paspor.cases.documents import required_documents
from paspor.cases.files import data_url_decode
from paspor.cases.forms import (
    AskedReasonForm,
    CancelForm,
    DecisionForm,
    DeferForm,
    FingerForm,
    HoldForm,
    InterviewForm,
    OpenForm,
    ParentsForm,
    PhotoForm,
    PreviousPassportForm,
    ReassignForm,
    ScanForm,
    SignatureForm,
    TicketForm,
    TravelBanImportForm,
    VerifyForm,
)
from paspor.cases.models import Case, CaseStatus, TravelBanEntry, finger_position
from paspor.cases.selectors import (
    QUEUE_ROLES,
    VIEW_ROLES,
    biometric_overrides,
    case_for_office,
    case_for_ticket,
    deferred_cases,
    ticket_being_served,
    ticket_open_defaults,
    ticket_outlook_at_counter,
    ticket_today,
    work_queue,
)
from paspor.cases.services import (
    FOUR_EYES_STATUSES,
    STEP_ROLES,
    case_cancel,
    case_claim,
    case_open,
    case_reassign,
    case_step_roles,
    case_workers,
    require_step_role,
)
from paspor.cases.timeline import case_timeline
from paspor.lib.errors import Conflict, DomainError
from paspor.offices.calendar import office_today
from paspor.offices.models import StationType
from paspor.queueing.models import Ticket

OPEN_ROLES = frozenset({Role.INTAKE, Role.SUPERVISOR})


def _case(request: HttpRequest, office: str, code: str) -> tuple[StaffAccess, Case]:
    access = require_office_role(request, office, VIEW_ROLES)
    case = case_for_office(office=access.office, code=code)
    if case is None:
        raise Http404
    return access, case


# A refusal about one field is said under that field as well (marked invalid, the message read
# with it), not only at the top of the page: by the service's error code.
ERROR_FIELDS: dict[str, tuple[str, ...]] = {
    "nik_invalid": ("nik",),
    "full_name": ("full_name",),
    "birth_place": ("birth_place",),
    "kk_number": ("kk_number",),
    "reason_required": ("reason", "recommendation_reason"),
    "missing_required": ("missing",),
    "deadline": ("deadline",),
    "suspension_months": ("suspend_months",),
    "suspension": ("suspend_months",),  # a suspension the case or the decision does not allow
    "intake_incomplete": ("seen",),  # the originals' checkboxes (docs-seen)
    "passport": ("number",),  # the old passport's number
    "mrz_invalid": ("mrz_line1",),  # its MRZ, read as a whole from the first line on
}
# A refusal listing several problems says at the field only its own one (none: not marked).
FIELD_MESSAGES: dict[str, Callable[[Case], str]] = {
    "intake_incomplete": intake.unseen_documents_problem,
}


def _field_of(form: forms.Form, exc: DomainError) -> str | None:
    return next((name for name in ERROR_FIELDS.get(exc.code, ()) if name in form.fields), None)


def _mark_field(bound: dict[str, forms.Form], exc: DomainError, case: Case) -> None:
    """Puts the refusal under its field in the first submitted form that has it."""
    field_message = FIELD_MESSAGES.get(exc.code)
    message = field_message(case) if field_message is not None else exc.message
    if not message:
        return
    for form in bound.values():
        name = _field_of(form, exc)
        if name is not None and form.is_bound:
            form.add_error(name, message)
            return


# --- Work queue and opening --------------------------------------------------------------


@login_required
def work_queue_page(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, QUEUE_ROLES)
    return _render_queue(request, access, TicketForm())


def _render_queue(
    request: HttpRequest,
    access: StaffAccess,
    ticket_form: TicketForm,
    status: int = 200,
    *,
    existing: Case | None = None,
    notice: str = "",
) -> HttpResponse:
    serving = ticket_being_served(office=access.office, officer=access.user)
    can_open = bool(access.roles & OPEN_ROLES)
    context = {
        "office": access.office,
        "sections": work_queue(office=access.office, roles=access.roles),
        "deferred": deferred_cases(office=access.office)[:100],
        "can_open": can_open,
        "open_problem": _open_problem(access) if can_open else "",
        "ticket_form": ticket_form,
        "serving": serving,
        "serving_case": case_for_ticket(serving) if serving else None,
        "existing": existing,
        "notice": notice,
        "me": access.user,
        "today": office_today(access.office),
    }
    return render(request, "cases/queue.html", context, status=status)


def _open_problem(access: StaffAccess) -> str:
    """Why this officer may not open cases today (the intake station's certificate), or ""."""
    return certificate_problem(
        user=access.user, office=access.office, station_type=StationType.INTAKE
    )


def _already_open(request: HttpRequest, office: str, ticket: Ticket, case: Case) -> HttpResponse:
    messages.info(
        request,
        _("Nomor antrean %(ticket)s sudah menjadi permohonan %(case)s.")
        % {"ticket": ticket.display, "case": case.code},
    )
    return redirect("cases:detail", office=office, code=case.code)


def _open_form_url(office: str, ticket: Ticket) -> str:
    url = reverse("cases:open_walk_in", kwargs={"office": office})
    return f"{url}?{urlencode({'tiket': ticket.display})}"


def _open_link(request: HttpRequest, access: StaffAccess, office: str) -> HttpResponse:
    """A link (the counter console's “open a case for this number”): never opens by itself.

    It leads to the opening form of the ticket named in `?tiket=`, else of the ticket the
    officer is serving; to the case when the ticket already has one; else it says what to do.
    """
    code = request.GET.get("tiket", "").strip()
    if code:
        ticket = ticket_today(office=access.office, code=code)
        if ticket is None:
            form = TicketForm({"ticket": code})
            form.is_valid()
            form.add_error("ticket", _("Nomor antrean ini tidak ada hari ini di kantor ini."))
            return _render_queue(request, access, form, status=400)
    else:
        ticket = ticket_being_served(office=access.office, officer=access.user)
        if ticket is None:
            notice = _(
                "Tidak ada nomor antrean yang sedang Anda layani di loket. Panggil nomor "
                "berikutnya di konsol loket, atau ketik nomor antreannya di bawah ini."
            )
            return _render_queue(request, access, TicketForm(), status=409, notice=notice)
    existing = case_for_ticket(ticket)
    if existing is not None:
        return _already_open(request, office, ticket, existing)
    return redirect(_open_form_url(office, ticket))


@login_required
@require_http_methods(["GET", "POST"])
def open_from_ticket(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, OPEN_ROLES)
    if request.method == "GET":
        return _open_link(request, access, office)
    form = TicketForm(request.POST)
    if not form.is_valid():
        return _render_queue(request, access, form, status=400)
    ticket = ticket_today(office=access.office, code=form.cleaned_data["ticket"])
    if ticket is None:
        form.add_error("ticket", _("Nomor antrean ini tidak ada hari ini di kantor ini."))
        return _render_queue(request, access, form, status=400)
    existing = case_for_ticket(ticket)
    if existing is not None:
        form.add_error(
            None,
            _("Nomor antrean %(ticket)s sudah menjadi permohonan %(case)s.")
            % {"ticket": ticket.display, "case": existing.code},
        )
        return _render_queue(request, access, form, status=409, existing=existing)
    if ticket.booking is None:
        return redirect(_open_form_url(office, ticket))
    try:
        case = case_open(office=access.office, by=access.user, ticket=ticket)
    except DomainError as exc:
        form.add_error(None, exc.message)
        conflict = isinstance(exc, Conflict)
        return _render_queue(
            request,
            access,
            form,
            status=exc.status,
            existing=case_for_ticket(ticket) if conflict else None,
        )
    return redirect("cases:detail", office=office, code=case.code)


@login_required
def open_walk_in(request: HttpRequest, office: str) -> HttpResponse:
    """The applicant's data typed by the officer, with defaults from the ticket (if any)."""
    access = require_office_role(request, office, OPEN_ROLES)
    code = (request.POST.get("ticket") or request.GET.get("tiket", "")).strip()
    ticket = ticket_today(office=access.office, code=code) if code else None
    if ticket is not None and request.method != "POST":
        existing = case_for_ticket(ticket)
        if existing is not None:
            return _already_open(request, office, ticket, existing)
    form = OpenForm(request.POST or None, initial=ticket_open_defaults(ticket))
    status, existing, notice = 200, None, ""
    if code and ticket is None:
        # Never open a case without its ticket because the number was mistyped.
        notice = _("Nomor antrean %(ticket)s tidak ada hari ini di kantor ini.") % {"ticket": code}
        status = 400
    elif request.method == "POST" and form.is_valid():
        try:
            case = case_open(
                office=access.office,
                by=access.user,
                ticket=ticket,
                data=form.applicant(),
                express=form.cleaned_data["express"],
            )
        except DomainError as exc:
            form.add_error(_field_of(form, exc), exc.message)
            conflict = isinstance(exc, Conflict)
            status = exc.status
            existing = case_for_ticket(ticket) if conflict and ticket else None
        else:
            return redirect("cases:detail", office=office, code=case.code)
    elif request.method == "POST":
        status = 400
    context = {
        "office": access.office,
        "form": form,
        "ticket": ticket,
        "existing": existing,
        "notice": notice,
        "open_problem": _open_problem(access),
    }
    return render(request, "cases/open.html", context, status=status)


# --- The case page ----------------------------------------------------------------------


def _officers_for(case: Case) -> list[User]:
    roles = case_step_roles(case)
    ids = StaffAssignment.objects.filter(office=case.office, role__in=roles, is_active=True).values(
        "user_id"
    )
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("username"))


def _officer_choice(case: Case, user: User, workers: set[int]) -> str:
    """An officer in the reassignment list, marked when they cannot take the case on: the
    step's station is closed to them, or (four eyes) they worked on a case awaiting decision."""
    name = user.get_full_name() or user.username
    if case.status in FOUR_EYES_STATUSES and user.pk in workers:
        return _("%(name)s (ikut memproses, tidak dapat memutus)") % {"name": name}
    if officer_certified_for_step(user=user, office=case.office, status=case.status):
        return name
    return _("%(name)s (tanpa sertifikat pos yang berlaku)") % {"name": name}


def _default_forms(case: Case, workers: set[int]) -> dict[str, forms.Form]:
    requirements = _requirements(case)
    seen = set(case.documents.filter(status="seen").values_list("code", flat=True))
    reassign = ReassignForm(prefix="reassign")
    reassign.fields["officer"].choices = [("", _("— kembalikan ke antrean —"))] + [  # type: ignore[attr-defined]
        (str(u.pk), _officer_choice(case, u, workers)) for u in _officers_for(case)
    ]
    return {
        "verify": VerifyForm.for_case(case),
        "parents": ParentsForm.for_case(case),
        "documents": forms_documents(requirements, seen),
        "scan": ScanForm(requirements=requirements),
        "passport": PreviousPassportForm(
            prefix="passport",
            initial={
                "number": case.previous_passport_number,
                "expiry": case.previous_passport_expiry,
            },
        ),
        "defer": DeferForm(prefix="defer", joined_to=_defer_joined_to(case)),
        "photo": PhotoForm(prefix="photo"),
        "accept": AskedReasonForm(prefix="accept"),
        "complete": AskedReasonForm(prefix="complete"),
        "signature": SignatureForm(prefix="signature"),
        "interview": InterviewForm(prefix="interview"),
        "decision": DecisionForm(prefix="decision"),
        "hold": HoldForm(prefix="hold"),
        "cancel": CancelForm(prefix="cancel"),
        "reassign": reassign,
    }


def forms_documents(requirements: list[Any], seen: set[str], data: Any = None) -> forms.Form:
    from paspor.cases.forms import DocumentsForm

    return DocumentsForm(data, requirements=requirements, seen=seen)


def _requirements(case: Case) -> list[Any]:
    """The originals the case's type asks for (a child's list when the applicant is one)."""
    return required_documents(case.application_type, is_child=intake.is_child(case))


def _render_case(
    request: HttpRequest,
    access: StaffAccess,
    case: Case,
    *,
    bound: dict[str, forms.Form] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    case.refresh_from_db()
    user = access.user
    pii_access_record(user=user, case=case, what=PiiData.CASE_PAGE)
    # A deferred case is resumed by an officer of the step that deferred it.
    can_work = bool(user_roles(user, case.office) & case_step_roles(case))
    # Said before the officer tries: the step is a station's work, closed without its certificate.
    not_certified = (
        step_certificate_problem(user=user, office=case.office, status=case.status)
        if can_work
        else ""
    )
    workers = case_workers(case)
    worked_on = user.pk in workers
    # Four eyes: a supervisor who worked on the case is not offered to take its decision, nor
    # its travel-ban hit.
    four_eyes = case.status in FOUR_EYES_STATUSES and worked_on
    photos = list(case.photos.order_by("-uploaded_at", "-pk")[:3])
    accepted = biometrics.accepted_photo(case)
    documents = {d.code: d for d in case.documents.all()}
    requirements = _requirements(case)
    context = {
        "office": access.office,
        "case": case,
        "status": CaseStatus,
        "forms": {**_default_forms(case, workers), **(bound or {})},
        "error": error,
        "is_assignee": case.assigned_to_id == user.pk,
        "can_work": can_work,
        "can_claim": can_work
        and case.assigned_to_id is None
        and not four_eyes
        and not not_certified,
        "not_certified": not_certified,
        "four_eyes": four_eyes and case.assigned_to_id is None,
        "can_queue": bool(access.roles & QUEUE_ROLES),
        "ticket_outlook": ticket_outlook_at_counter(case, user),
        "is_supervisor": Role.SUPERVISOR in access.roles,
        "checklist": [(r, documents.get(r.code)) for r in requirements],
        "parents": list(case.parents.all()),
        "scans": list(case.scans.all()),
        "checks": list(case.travel_ban_checks.select_related("resolved_by")),
        "photo": photos[0] if photos else None,
        "accepted_photo": accepted,
        # Four eyes: the checks the biometrics officer set aside, said to whoever decides.
        "overrides": biometric_overrides(case, photo=accepted),
        # In the order they are captured and named everywhere else (right thumb first), not
        # by their codes' spelling (left index first).
        "fingerprints": sorted(case.fingerprints.all(), key=lambda fp: finger_position(fp.finger)),
        "signature": case.signatures.order_by("-captured_at", "-pk").first(),
        "interview": getattr(case, "interview", None),
        "intake_problems": intake.intake_problems(case) if case.status == CaseStatus.INTAKE else [],
        "biometrics_problems": biometrics.biometrics_problems(case),
        "worked_on": worked_on,
        # Lost or damaged through carelessness: the refusal may suspend issuance (months).
        "suspension_months": conf.negligence_suspension_months() if case.needs_bap else None,
        "nfiq_limit": conf.fingerprint_max_nfiq(),
        "previous_passport_problem": intake.previous_passport_problem(case, _today(case)),
    }
    return render(request, "cases/detail.html", context, status=status)


def _today(case: Case) -> dt.date:
    return office_today(case.office)


@login_required
def case_detail(request: HttpRequest, office: str, code: str) -> HttpResponse:
    access, case = _case(request, office, code)
    return _render_case(request, access, case)


@login_required
def case_timeline_page(request: HttpRequest, office: str, code: str) -> HttpResponse:
    access, case = _case(request, office, code)
    context = {
        "office": access.office,
        "case": case,
        "events": case_timeline(case),
        "can_queue": bool(access.roles & QUEUE_ROLES),
    }
    return render(request, "cases/timeline.html", context)


@login_required
@require_POST
def claim(request: HttpRequest, office: str, code: str) -> HttpResponse:
    access, case = _case(request, office, code)
    try:
        case_claim(case=case, by=access.user)
    except DomainError as exc:
        return _render_case(request, access, case, error=exc.message, status=exc.status)
    return redirect("cases:detail", office=office, code=case.code)


# --- Steps ------------------------------------------------------------------------------


class _Invalid(Exception):
    """A form did not validate; the page is shown again with the typed values."""


@dataclass
class _Step:
    request: HttpRequest
    access: StaffAccess
    case: Case
    bound: dict[str, forms.Form] = field(default_factory=dict)

    @property
    def by(self) -> User:
        return self.access.user

    def form(self, name: str, form: forms.Form) -> Any:
        """cleaned_data of a valid form; an invalid one goes back to the page with the rest."""
        self.bound[name] = form
        if not form.is_valid():
            raise _Invalid
        return form.cleaned_data


def _verify(s: _Step) -> None:
    form = s.bound.get("verify") or VerifyForm(s.request.POST, prefix="data")
    assert isinstance(form, VerifyForm)
    d = s.form("verify", form)
    intake.case_data_verify(
        case=s.case,
        by=s.by,
        data=form.applicant(),
        is_married=d["is_married"],
        validity_years=d["validity_years"],
        express=d["express"],
        kk_number=d["kk_number"],
    )


def _parents(s: _Step) -> None:
    d = s.form("parents", ParentsForm(s.request.POST, prefix="parents"))
    rows = [
        intake.ParentData(
            role=role,
            full_name=d[f"{role}_name"],
            nik=d[f"{role}_nik"],
            present=d[f"{role}_present"],
            documents=["ktp"] if d[f"{role}_ktp"] else [],
        )
        for role in ParentsForm.ROLES
        if d[f"{role}_name"].strip()
    ]
    intake.case_parents_record(case=s.case, by=s.by, parents=rows)


def _posted_documents(s: _Step) -> forms.Form:
    """The intake screen's ticked originals, as posted."""
    return forms_documents(_requirements(s.case), set(), s.request.POST)


def _intake_save(s: _Step) -> None:
    """The intake screen in one submit: data verified, originals ticked, optionally finished."""
    s.bound["documents"] = _posted_documents(s)
    _verify(s)
    s.case.refresh_from_db()
    _documents(s)
    if s.request.POST.get("finish") == "1":
        _intake_complete(s)
    else:
        messages.success(s.request, _("Tersimpan."))


def _documents(s: _Step) -> None:
    d = s.form("documents", _posted_documents(s))
    intake.case_documents_check(case=s.case, by=s.by, seen=d["seen"])


def _scan(s: _Step) -> None:
    requirements = _requirements(s.case)
    d = s.form("scan", ScanForm(s.request.POST, s.request.FILES, requirements=requirements))
    intake.case_scan_add(
        case=s.case, by=s.by, document_code=d["document_code"], data=d["file"].read()
    )


def _passport(s: _Step) -> None:
    d = s.form("passport", PreviousPassportForm(s.request.POST, prefix="passport"))
    intake.case_previous_passport_record(
        case=s.case,
        by=s.by,
        number=d["number"],
        expiry=d["expiry"],
        mrz_line1=d["mrz_line1"],
        mrz_line2=d["mrz_line2"],
    )


def _intake_complete(s: _Step) -> None:
    case = intake.case_intake_complete(case=s.case, by=s.by)
    if case.status == CaseStatus.ON_HOLD:
        messages.warning(s.request, _("Cocok dengan daftar cegah tangkal: permohonan ditahan."))
    else:
        messages.success(s.request, _("Pemeriksaan berkas selesai."))


INTAKE_FORM_ID = "intake-form"


def _defer_joined_to(case: Case) -> str:
    """At intake the deferral is sent with the screen's form (its ticked originals)."""
    return INTAKE_FORM_ID if case.status == CaseStatus.INTAKE else ""


def _defer(s: _Step) -> None:
    seen = None
    # Sent with the intake screen (its data fields are there): the ticks it shows are recorded,
    # and stay ticked on the page when the deferral itself must be corrected.
    if s.case.status == CaseStatus.INTAKE and "data-nik" in s.request.POST:
        seen = s.form("documents", _posted_documents(s))["seen"]
    form = DeferForm(s.request.POST, prefix="defer", joined_to=_defer_joined_to(s.case))
    d = s.form("defer", form)
    case_defer(case=s.case, by=s.by, missing=d["missing"], deadline=d["deadline"], seen=seen)
    messages.success(s.request, _("Permohonan ditangguhkan."))


def _photo(s: _Step) -> None:
    d = s.form("photo", PhotoForm(s.request.POST, s.request.FILES, prefix="photo"))
    biometrics.case_photo_add(case=s.case, by=s.by, data=d["photo"].read(), source=d["source"])


def _photo_accept(s: _Step) -> None:
    d = s.form("accept", AskedReasonForm(s.request.POST, prefix="accept"))
    pk = s.request.POST.get("photo", "")
    known = pk.isdecimal() and len(pk) <= 18  # a 64-bit key; longer digits overflow the column
    photo = s.case.photos.filter(pk=int(pk)).first() if known else None
    if photo is None:
        raise DomainError(_("Foto tidak ditemukan."))
    biometrics.case_photo_accept(case=s.case, photo=photo, by=s.by, reason=d["reason"])


def _fingerprints(s: _Step) -> None:
    d = s.form("fingerprints", FingerForm(s.request.POST))
    fingers = [d["finger"]] if d["finger"] else None
    biometrics.case_fingerprints_capture(case=s.case, by=s.by, fingers=fingers)


def _signature(s: _Step) -> None:
    d = s.form("signature", SignatureForm(s.request.POST, s.request.FILES, prefix="signature"))
    if d["file"]:
        data, source = d["file"].read(), "upload"
    elif d["data_url"]:
        data, source = data_url_decode(d["data_url"]), "pad"
    else:
        raise DomainError(_("Tanda tangani pada bidang yang tersedia atau unggah gambarnya."))
    biometrics.case_signature_add(case=s.case, by=s.by, data=data, source=source)


def _biometrics_complete(s: _Step) -> None:
    d = s.form("complete", AskedReasonForm(s.request.POST, prefix="complete"))
    biometrics.case_biometrics_complete(case=s.case, by=s.by, reason=d["reason"])


def _interview(s: _Step) -> None:
    d = s.form("interview", InterviewForm(s.request.POST, prefix="interview"))
    answers = interview.InterviewAnswers(**d)
    case = interview.case_interview_record(case=s.case, by=s.by, answers=answers)
    messages.success(
        s.request, _("Wawancara tersimpan: %(status)s.") % {"status": CaseStatus(case.status).label}
    )


def _decide(s: _Step) -> None:
    d = s.form("decision", DecisionForm(s.request.POST, prefix="decision"))
    case = case_decide(
        case=s.case,
        by=s.by,
        approve=d["decision"] == "approve",
        reason=d["reason"],
        suspend_months=d.get("suspend_months"),
    )
    messages.success(
        s.request,
        _("Putusan untuk %(code)s tersimpan: %(status)s.")
        % {"code": case.code, "status": CaseStatus(case.status).label},
    )
    if d.get("suspend_months"):
        messages.info(
            s.request,
            _("Penerbitan untuk NIK ini ditangguhkan %(months)s bulan.")
            % {"months": d["suspend_months"]},
        )


def _hold(s: _Step) -> None:
    d = s.form("hold", HoldForm(s.request.POST, prefix="hold"))
    if d["decision"] == "clear":
        case = travel_ban.travel_ban_clear(case=s.case, by=s.by, reason=d["reason"])
    else:
        case = travel_ban.travel_ban_refuse(case=s.case, by=s.by, reason=d["reason"])
    messages.success(
        s.request,
        _("Putusan cegah tangkal untuk %(code)s tersimpan: %(status)s.")
        % {"code": case.code, "status": CaseStatus(case.status).label},
    )


def _resume(s: _Step) -> None:
    case_resume(case=s.case, by=s.by)


def _cancel(s: _Step) -> None:
    d = s.form("cancel", CancelForm(s.request.POST, prefix="cancel"))
    case_cancel(case=s.case, by=s.by, reason=d["reason"])


def _reassign(s: _Step) -> None:
    form = ReassignForm(s.request.POST, prefix="reassign")
    officers = _officers_for(s.case)
    form.fields["officer"].choices = [("", "")] + [(str(u.pk), u.username) for u in officers]  # type: ignore[attr-defined]
    d = s.form("reassign", form)
    to = next((u for u in officers if str(u.pk) == d["officer"]), None)
    case_reassign(case=s.case, to=to, by=s.by, reason=d["reason"])


STEPS: dict[str, Callable[[_Step], None]] = {
    "berkas": _intake_save,
    "data": _verify,
    "orang-tua": _parents,
    "dokumen": _documents,
    "pindaian": _scan,
    "paspor-lama": _passport,
    "berkas-selesai": _intake_complete,
    "tangguhkan": _defer,
    "foto": _photo,
    "foto-terima": _photo_accept,
    "sidik-jari": _fingerprints,
    "tanda-tangan": _signature,
    "biometrik-selesai": _biometrics_complete,
    "wawancara": _interview,
    "putusan": _decide,
    "cekal": _hold,
    "lanjutkan": _resume,
    "batalkan": _cancel,
    "alihkan": _reassign,
}
# A supervisor's decision ends their part of the case: back to the queue, where the next one
# waits (the message names the case decided).
BACK_TO_QUEUE = frozenset({"putusan", "cekal"})
ANCHORS = {
    "foto": "photo",
    "foto-terima": "photo",
    "sidik-jari": "fingers",
    "tanda-tangan": "signature",
}


@login_required
@require_POST
def case_step(request: HttpRequest, office: str, code: str, action: str) -> HttpResponse:
    access, case = _case(request, office, code)
    handler = STEPS.get(action)
    if handler is None:
        raise Http404
    if action not in ("alihkan", "batalkan"):
        moved_on = _moved_past_the_officer(case, access.user)
        if moved_on is not None:
            return _render_case(request, access, case, error=moved_on.message, status=409)
        require_step_role(case, access.user)  # 403 for a role that does not work this step
    step = _Step(request, access, case)
    try:
        handler(step)
    except _Invalid:
        return _render_case(request, access, case, bound=step.bound, status=400)
    except DomainError as exc:
        _mark_field(step.bound, exc, case)
        return _render_case(
            request, access, case, bound=step.bound, error=exc.message, status=exc.status
        )
    if action in BACK_TO_QUEUE:
        return redirect("cases:work_queue", office=office)
    url = reverse("cases:detail", kwargs={"office": office, "code": case.code})
    anchor = ANCHORS.get(action)
    return redirect(f"{url}#{anchor}" if anchor else url)


# Where each status worked by a step stands in the journey; every other status (approved,
# billed, paid and after, or closed) stands past them all.
JOURNEY_POSITION = {
    CaseStatus.INTAKE: 0,
    CaseStatus.BIOMETRICS: 1,
    CaseStatus.ON_HOLD: 1,  # a travel-ban hit holds the case as intake finishes
    CaseStatus.INTERVIEW: 2,
    CaseStatus.AWAITING_SUPERVISOR: 3,
}
PAST_EVERY_STEP = len(JOURNEY_POSITION)


def _position(status: str) -> int:
    return JOURNEY_POSITION.get(CaseStatus(status), PAST_EVERY_STEP)


def _moved_past_the_officer(case: Case, user: User) -> Conflict | None:
    """A step posted by an officer on a case that has since moved past their steps.

    A second click, or a page left open while the case moved on: a state conflict naming
    where the case is now (409), not a refusal sending the officer to an administrator for a
    role they hold. A case not yet at the officer's step, or someone who works no step, is
    still refused (403).
    """
    roles = user_roles(user, case.office)
    if roles & case_step_roles(case):
        return None
    now = _position(
        case.deferred_from or CaseStatus.INTAKE
        if case.status == CaseStatus.DEFERRED
        else case.status
    )
    theirs = [_position(status) for status, workers in STEP_ROLES.items() if roles & workers]
    if not any(position < now for position in theirs):
        return None
    return Conflict(
        _("Permohonan %(code)s sudah tidak pada langkah ini: statusnya kini “%(status)s”.")
        % {"code": case.code, "status": CaseStatus(case.status).label},
        code="wrong_status",
    )


# --- Files ------------------------------------------------------------------------------

FILE_KINDS: dict[str, Callable[[Case, int], Any]] = {
    "scan": lambda case, pk: getattr(case.scans.filter(pk=pk).first(), "file", None),
    "photo": lambda case, pk: getattr(case.photos.filter(pk=pk).first(), "original", None),
    "thumb": lambda case, pk: getattr(case.photos.filter(pk=pk).first(), "thumbnail", None),
    "print": lambda case, pk: getattr(case.photos.filter(pk=pk).first(), "print_version", None),
    "finger": lambda case, pk: getattr(case.fingerprints.filter(pk=pk).first(), "image", None),
    "signature": lambda case, pk: getattr(case.signatures.filter(pk=pk).first(), "image", None),
}


@login_required
def case_file(request: HttpRequest, office: str, code: str, kind: str, pk: int) -> FileResponse:
    """A case file for staff of the case's office only; never cached by the browser."""
    _access, case = _case(request, office, code)
    finder = FILE_KINDS.get(kind)
    field_file = finder(case, pk) if finder else None
    if not field_file:
        raise Http404
    pii_access_record(user=_access.user, case=case, what=f"cases.file:{kind}")
    from paspor.cases.files import sniff

    handle = field_file.open("rb")
    head = handle.read(16)
    handle.seek(0)
    response = FileResponse(handle, content_type=sniff(head) or "application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response


# --- Travel-ban list (headquarters) -----------------------------------------------------


@login_required
def travel_ban_list(request: HttpRequest) -> HttpResponse:
    user = require_any_role(request, {Role.HQ, Role.ADMIN})
    form = TravelBanImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                text = form.cleaned_data["file"].read().decode("utf-8-sig")
                result = travel_ban.travel_ban_import_csv(text=text, by=user)
            except UnicodeDecodeError:
                form.add_error("file", _("Berkas CSV harus UTF-8."))
                status = 400
            except DomainError as exc:
                form.add_error("file", exc.message)
                status = 400
            else:
                messages.success(
                    request,
                    _("%(created)d entri baru, %(updated)d diperbarui.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("cases:travel_bans")
        else:
            status = 400
    entries = TravelBanEntry.objects.order_by("full_name")[:500]
    return render(
        request, "cases/travel_bans.html", {"form": form, "entries": entries}, status=status
    )
