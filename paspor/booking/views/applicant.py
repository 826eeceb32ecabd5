"""The applicant's own area: profiles, the questionnaire, choosing a slot, proofs, changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paspor.accounts.models import User
from paspor.booking import rules, services
from paspor.booking.conf import setting
from paspor.booking.forms import ProfileEditForm, ProfileForm, QuestionnaireForm, RescheduleForm
from paspor.booking.models import (
    ACTIVE_BOOKING_STATUSES,
    AllocationMode,
    ApplicantProfile,
    Ballot,
    BallotStatus,
    Booking,
    BookingStatus,
    Pool,
    WaitlistEntry,
)
from paspor.booking.ratelimit import client_ip, hit
from paspor.booking.selectors import (
    DayView,
    PoolView,
    active_bookings_by_nik,
    availability,
    ballot_entries_of,
    ballot_for,
    bookings_of,
    express_terms,
    session_by_key,
    upcoming_days,
    waitlist_of,
)
from paspor.booking.services.bookings import priority_ok, priority_rule
from paspor.booking.services.closures import closed_ahead
from paspor.booking.views.common import (
    applicant_page,
    current_applicant,
    origin_of,
    own_booking,
    refused,
)
from paspor.booking.views.proof import proof_context
from paspor.booking.views.public import _date
from paspor.lib.errors import DomainError, RateLimited
from paspor.offices.selectors import public_offices
from paspor.payments.selectors import billed_cases_of

DRAFT = "booking_draft"
# A refusal of a new profile that belongs to one field (every "nik_…" code is the NIK's).
PROFILE_ERROR_FIELDS = {
    "profile_exists": "nik",
    "birth_date": "birth_date",
    "full_name": "full_name",
    "birth_place": "birth_place",
    "sex": "sex",
    "phone": "phone",
}


def _my_bookings_context(user: User) -> dict[str, Any]:
    # Each entry with the express terms of its day (express pool only): an express seat
    # offered says its extra fee before it is accepted.
    waitlist = [
        (entry, express_terms(entry.date) if entry.pool == Pool.EXPRESS else None)
        for entry in waitlist_of(user).order_by("-created_at")[:20]
    ]
    bookings = list(bookings_of(user))
    return {
        "bookings": bookings,
        # Visits still to come on a day the office has since closed: said on the list too, not
        # only on the proof, with the way to another date.
        "closed_day_codes": {b.code for b in closed_ahead(b for b in bookings if b.is_active)},
        "waitlist": waitlist,
        "ballot_entries": ballot_entries_of(user).order_by("-created_at")[:20],
        "profiles": user.profiles.current(),
        "billed_cases": billed_cases_of(user)[:20],
    }


@applicant_page()
def my_bookings(request: HttpRequest) -> HttpResponse:
    user = current_applicant(request)
    return render(request, "booking/my_bookings.html", _my_bookings_context(user))


def _profiles_context(user: User, form: ProfileForm) -> dict[str, Any]:
    people = (
        user.profiles.current()
        .annotate(
            used=Exists(Booking.objects.filter(profile=OuterRef("pk"))),
            booked=Exists(
                Booking.objects.filter(profile=OuterRef("pk"), status__in=ACTIVE_BOOKING_STATUSES)
            ),
        )
        .order_by("created_at")
    )
    return {"form": form, "profiles": people, "max_profiles": setting("BOOKING_MAX_PROFILES")}


@applicant_page()
@require_http_methods(["GET", "POST"])
def profiles(request: HttpRequest) -> HttpResponse:
    user = current_applicant(request)
    form = ProfileForm(request.POST or None)
    context = _profiles_context(user, form)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "booking/profiles.html", context, status=400)
        try:
            profile = services.profile_add(account=user, **form.cleaned_data)
        except DomainError as exc:
            field = "nik" if exc.code.startswith("nik_") else PROFILE_ERROR_FIELDS.get(exc.code)
            if field is None:
                return refused(request, "booking/profiles.html", context, exc)
            form.add_error(field, exc.message)  # said at the field, marked invalid there
            return render(request, "booking/profiles.html", context, status=exc.status)
        messages.success(request, _("Profil %(name)s ditambahkan.") % {"name": profile.full_name})
        if profile.nik_flags:
            messages.warning(
                request, _("NIK diterima dengan catatan; petugas akan memeriksa dokumen asli.")
            )
        return redirect("booking:profiles")
    return render(request, "booking/profiles.html", context)


@applicant_page()
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, profile: str) -> HttpResponse:
    """Correct a person's data; the NIK stays (shown, not editable)."""
    found = get_object_or_404(
        ApplicantProfile.objects.current(), public_id=profile, account=current_applicant(request)
    )
    initial = {
        name: getattr(found, name)
        for name in ("full_name", "sex", "birth_date", "birth_place", "phone")
    }
    form = ProfileEditForm(request.POST or None, initial=initial)
    context: dict[str, Any] = {"form": form, "profile": found}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "booking/profile_edit.html", context, status=400)
        try:
            services.profile_update(profile=found, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(PROFILE_ERROR_FIELDS.get(exc.code), exc.message)
            return render(request, "booking/profile_edit.html", context, status=exc.status)
        messages.success(
            request, _("Data %(name)s disimpan.") % {"name": form.cleaned_data["full_name"]}
        )
        return redirect("booking:profiles")
    return render(request, "booking/profile_edit.html", context)


@applicant_page()
@require_http_methods(["GET", "POST"])
def profile_delete(request: HttpRequest, profile: str) -> HttpResponse:
    user = current_applicant(request)
    found = get_object_or_404(ApplicantProfile.objects.current(), public_id=profile, account=user)
    if request.method != "POST":  # the address opened again: back to the page of its button
        return redirect("booking:profiles")
    try:
        services.profile_delete(profile=found)
    except DomainError as exc:  # still holds a booking, a waitlist place or a ballot entry
        context = _profiles_context(user, ProfileForm())
        return refused(request, "booking/profiles.html", context, exc)
    messages.success(request, _("Profil dihapus."))
    return redirect("booking:profiles")


@applicant_page()
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Step 1: who, and the questionnaire that decides the application type."""
    user = current_applicant(request)
    people = list(user.profiles.current().order_by("created_at"))
    if not people:
        messages.info(request, _("Tambahkan profil pemohon terlebih dahulu."))
        return redirect("booking:profiles")
    # Told at the first step, not after a date and a seat were chosen.
    booked = active_bookings_by_nik(p.nik for p in people)
    active = [(p, booked[p.nik]) for p in people if p.nik in booked]
    draft = request.session.get(DRAFT)
    form = QuestionnaireForm(
        request.POST or None,
        # "Ubah jawaban" from the next step: the answers given, to change one of them.
        initial={"profile": draft["profile"], **draft["answers"]} if draft else None,
        profiles=people,
        active={
            str(p.public_id): booking.code if booking.account_id == user.pk else ""
            for p, booking in active
        },
    )
    if request.method == "POST" and form.is_valid():
        request.session[DRAFT] = {
            "profile": form.cleaned_data["profile"],
            "answers": form.answers().to_dict(),
        }
        return redirect("booking:choose")
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "active": [(p, b) for p, b in active if b.account_id == user.pk],
        "none_free": len(active) == len(people),
    }
    return render(request, "booking/start.html", context, status=status)


def _draft(request: HttpRequest) -> tuple[ApplicantProfile, rules.Answers] | None:
    draft = request.session.get(DRAFT)
    if not draft:
        return None
    profile = (
        ApplicantProfile.objects.current()
        .filter(public_id=draft["profile"], account=current_applicant(request))
        .first()
    )
    if profile is None:
        return None
    return profile, rules.Answers.from_dict(draft["answers"])


def _pools_of(day: DayView | None, may_priority: bool) -> list[PoolView]:
    """The day's pools this applicant may use: the priority pool only for those it serves."""
    if day is None or not day.sessions:
        return []
    return [p for p in day.sessions[0].pools if p.pool != Pool.PRIORITY or may_priority]


def _ballot_pools(day: DayView | None, may_priority: bool) -> list[PoolView]:
    return [p for p in _pools_of(day, may_priority) if p.mode == AllocationMode.BALLOT]


def _waitlist_pools(
    day: DayView | None, ballots: dict[str, Ballot | None], may_priority: bool
) -> list[PoolView]:
    """Only pools the waitlist service would take (`waitlist_join`): offered that day, sold
    out, and not a ballot still to be drawn. Anything else offered here is refused after the
    tap."""
    if day is None:
        return []

    def drawn(pool: str) -> bool:  # or cancelled (the day closed, then opened again)
        ballot = ballots.get(pool)
        return ballot is not None and ballot.status != BallotStatus.OPEN

    return [
        p
        for p in _pools_of(day, may_priority)
        if day.capacity(p.pool) > 0
        and day.remaining(p.pool) == 0
        and (p.mode != AllocationMode.BALLOT or drawn(p.pool))
    ]


def _day_asked(raw: str | None, days: list[DayView]) -> DayView | None:
    """The day `raw` names among the dates offered; None when none is asked for. A text that
    is no date, or a date that cannot be booked (past, today, beyond the dates shown: a link
    kept from earlier) raises DomainError, said on the page instead of the page silently
    showing no day."""
    if not raw:
        return None
    chosen = _date(raw)
    day = next((d for d in days if d.date == chosen), None)
    if day is not None:
        return day
    if chosen is None:
        raise DomainError(
            _(
                "Tanggal %(date)s tidak dapat ditampilkan: bukan tanggal yang benar. Pilih "
                "tanggal dari daftar di bawah."
            )
            % {"date": raw[:20]},
            code="date",
        )
    if not days:  # no office chosen: no dates to speak of
        return None
    raise DomainError(
        _(
            "Tanggal %(date)s tidak dapat ditampilkan: pilih tanggal antara %(first)s dan "
            "%(last)s dari daftar di bawah."
        )
        % {
            "date": date_format(chosen, "j F Y"),
            "first": date_format(days[0].date, "j F Y"),
            "last": date_format(days[-1].date, "j F Y"),
        },
        code="date",
    )


def _choose_context(
    request: HttpRequest, profile: ApplicantProfile, answers: rules.Answers
) -> dict[str, Any]:
    offices = list(public_offices())
    code = (
        request.POST.get("office")
        or request.GET.get("office")
        or (offices[0].code if offices else "")
    )
    office = next((o for o in offices if o.code == code), None)
    days = availability(office, upcoming_days(office)) if office else []
    try:
        day = _day_asked(request.POST.get("date") or request.GET.get("tanggal"), days)
        date_error = ""
    except DomainError as exc:
        day, date_error = None, exc.message
    on = day.date if day else dt.date.today()
    child = rules.is_child(birth_date=profile.birth_date, on=on, married=answers.married)
    kind = rules.application_type(answers, child=child)
    ballots = {}
    if day is not None and office is not None:
        ballots = {p: ballot_for(office, day.date, p) for p in Pool.values}
    may_priority = office is not None and priority_ok(profile, answers, on, office)
    return {
        "profile": profile,
        "answers": answers,
        "application_type": kind,
        "documents": rules.required_documents(kind, is_child=child),
        "priority_ok": may_priority,
        "priority_rule": priority_rule(office) if office is not None else "",
        "ballot_pools": _ballot_pools(day, may_priority),
        "waitlist_pools": _waitlist_pools(day, ballots, may_priority),
        "offices": offices,
        "office": office,
        "days": days,
        "day": day,
        "ballots": ballots,
        "express": express_terms(day.date if day else on),
        "chosen_slot": request.POST.get("slot", ""),  # kept checked when the booking is refused
        "date_error": date_error,
    }


@applicant_page()
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    """Step 2: office, date, session and pool; book, join the waitlist or enter the ballot."""
    draft = _draft(request)
    if draft is None:
        return redirect("booking:start")
    profile, answers = draft
    context = _choose_context(request, profile, answers)
    if context["date_error"]:
        return refused(
            request, "booking/choose.html", context, DomainError(context["date_error"], code="date")
        )
    if request.method == "GET":
        return render(request, "booking/choose.html", context)
    office, day = context["office"], context["day"]
    if office is None or day is None:
        return refused(
            request, "booking/choose.html", context, DomainError(_("Pilih kantor dan tanggal."))
        )
    user = current_applicant(request)
    action = request.POST.get("action", "book")
    session_key, _sep, pool = request.POST.get("slot", "").partition("|")
    pool = pool or request.POST.get("pool", "")
    session = session_by_key(office, session_key or request.POST.get("session", ""))
    try:
        if pool not in Pool.values:
            raise DomainError(_("Pilih sesi dan jenis kuota."), code="slot")
        if action == "waitlist":
            services.waitlist_join(
                account=user,
                profile=profile,
                office=office,
                day=day.date,
                pool=pool,
                answers=answers,
            )
            messages.success(
                request,
                _(
                    "Anda masuk daftar tunggu. Kami kabari bila ada kursi, melalui saluran pemberitahuan Anda."
                ),
            )
            return redirect("booking:my_bookings")
        if session is None:
            raise DomainError(_("Pilih sesi dan jenis kuota."), code="slot")
        if action == "ballot":
            services.ballot_enter(
                account=user,
                profile=profile,
                office=office,
                day=day.date,
                pool=pool,
                session=session,
                answers=answers,
            )
            messages.success(request, _("Pendaftaran undian diterima."))
            return redirect("booking:my_bookings")
        hit("book_ip", client_ip(request))
        hit("book_account", str(user.pk))
        booking = services.booking_create(
            account=user,
            profile=profile,
            office=office,
            day=day.date,
            session=session,
            pool=pool,
            answers=answers,
            origin=origin_of(request),
        )
    except RateLimited:
        raise  # the page decorator answers 429 with Retry-After
    except DomainError as exc:
        return refused(
            request, "booking/choose.html", _choose_context(request, profile, answers), exc
        )
    request.session.pop(DRAFT, None)
    return redirect("booking:proof", code=booking.code)


@applicant_page()
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    """GET asks first (the seat goes to someone else at once and cannot come back); POST does."""
    booking = own_booking(request, code)
    if request.method == "GET":
        if booking.status != BookingStatus.BOOKED:
            return redirect("booking:proof", code=booking.code)
        refusal = services.cancel_refusal(booking)
        if refusal is not None:  # on the day: said at once, not after "Ya, batalkan"
            messages.error(request, refusal.message)
            return redirect("booking:proof", code=booking.code)
        context = {
            "booking": booking,
            "can_reschedule": services.reschedule_refusal(booking) is None,
        }
        return render(request, "booking/cancel.html", context)
    try:
        services.booking_cancel(booking=booking, by=current_applicant(request))
    except DomainError as exc:  # the day came, or it was cancelled in another tab: 409 and why
        booking.refresh_from_db()
        return refused(request, "booking/proof.html", proof_context(booking), exc)
    messages.success(request, _("Booking %(code)s dibatalkan.") % {"code": booking.code})
    return redirect("booking:my_bookings")


@applicant_page()
@require_http_methods(["GET", "POST"])
def reschedule(request: HttpRequest, code: str) -> HttpResponse:
    booking = own_booking(request, code)
    refusal = services.reschedule_refusal(booking)
    if refusal is not None:
        # Said at once, with no dates to choose from: the same rule refuses the move itself.
        return refused(
            request, "booking/reschedule.html", {"booking": booking, "refusal": refusal}, refusal
        )
    form = RescheduleForm(request.POST or None)
    days = availability(booking.office, upcoming_days(booking.office))
    context: dict[str, Any] = {
        "booking": booking,
        "form": form,
        "days": days,
        "chosen_slot": request.POST.get("slot", ""),
    }
    try:
        context["day"] = _day_asked(request.GET.get("tanggal"), days)
    except DomainError as exc:  # said above the dates to choose from, nothing moved
        return refused(request, "booking/reschedule.html", {**context, "day": None}, exc)
    if request.method == "POST":
        session_key, _sep, _pool = request.POST.get("slot", "").partition("|")
        day = _date(request.POST.get("date"))
        session = session_by_key(booking.office, session_key)
        try:
            if day is None or session is None:
                raise DomainError(_("Pilih tanggal dan sesi baru."), code="slot")
            services.booking_reschedule(
                booking=booking, day=day, session=session, by=current_applicant(request)
            )
        except DomainError as exc:
            return refused(request, "booking/reschedule.html", context, exc)
        messages.success(request, _("Jadwal diubah."))
        return redirect("booking:proof", code=booking.code)
    return render(request, "booking/reschedule.html", context)


def _own_entry(request: HttpRequest, entry: str) -> WaitlistEntry:
    return get_object_or_404(
        WaitlistEntry.objects.select_related("profile", "office", "offered_session"),
        public_id=entry,
        account=current_applicant(request),
    )


@applicant_page()
@require_http_methods(["GET", "POST"])
def waitlist_accept(request: HttpRequest, entry: str) -> HttpResponse:
    user = current_applicant(request)
    found = _own_entry(request, entry)
    if request.method != "POST":  # the address opened again: back to the page of its button
        return redirect("booking:my_bookings")
    try:
        booking = services.waitlist_accept(entry=found, account=user, origin=origin_of(request))
    except DomainError as exc:  # the offer ran out or was answered already
        return refused(request, "booking/my_bookings.html", _my_bookings_context(user), exc)
    return redirect("booking:proof", code=booking.code)


@applicant_page()
@require_http_methods(["GET", "POST"])
def waitlist_leave(request: HttpRequest, entry: str) -> HttpResponse:
    user = current_applicant(request)
    found = _own_entry(request, entry)
    if request.method != "POST":  # the address opened again: back to the page of its button
        return redirect("booking:my_bookings")
    try:
        services.waitlist_leave(entry=found, account=user)
    except DomainError as exc:
        return refused(request, "booking/my_bookings.html", _my_bookings_context(user), exc)
    return redirect("booking:my_bookings")
