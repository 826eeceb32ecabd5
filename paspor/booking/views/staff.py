"""Staff pages at /booking/<office>/…: day lists, printing, invalid bookings, quotas, review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paspor.accounts.access import require_office_role
from paspor.accounts.models import Role, User
from paspor.booking import services
from paspor.booking.conf import setting
from paspor.booking.forms import FlagReviewForm, InvalidForm, PolicyForm, QuotaForm, SessionForm
from paspor.booking.models import (
    ArrivalSession,
    Booking,
    BookingStatus,
    FlagKind,
    Pool,
    QuotaDefault,
    QuotaException,
)
from paspor.booking.selectors import (
    FLAG_SOURCES,
    ballots_of_office,
    day_availability,
    day_list,
    flagged_source_bookings,
    flags_counted_at,
    office_flags,
    open_waitlist,
    policy_for,
    pool_modes,
    release_at,
)
from paspor.lib.clock import clock_window
from paspor.lib.errors import DomainError, NotFound
from paspor.lib.http import whole_number
from paspor.lib.report_years import FIRST_YEAR, LAST_YEAR, within_report_years
from paspor.offices.calendar import office_today
from paspor.offices.models import Office, OpeningHours, Weekday

VIEW_ROLES = (Role.INTAKE, Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN)
MANAGE_ROLES = (Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN)


def _staff_date(raw: str | None) -> dt.date | None:
    """The day a staff page asks for; None when none is given. A text that is no date, or a
    year outside the reports' years (`paspor.lib.report_years`), raises DomainError: the list
    links the days around it, and 9999-12-31 has no next day."""
    if not raw:
        return None
    try:
        day = dt.date.fromisoformat(raw)
        within_report_years(day)
    except (ValueError, ValidationError):
        raise DomainError(
            _(
                "Tanggal %(date)s tidak dapat ditampilkan: masukkan tanggal antara tahun "
                "%(first)s dan %(last)s."
            )
            % {"date": raw[:20], "first": FIRST_YEAR, "last": LAST_YEAR},
            code="date",
        ) from None
    return day


def _within(day: dt.date) -> dt.date | None:
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def _day_context(office_code: str, request: HttpRequest, day: dt.date | None) -> dict[str, Any]:
    access = require_office_role(request, office_code, VIEW_ROLES)
    office = access.office
    day = day or office_today(office)
    bookings = list(day_list(office, day))
    sessions: dict[str, list[Booking]] = {}
    for booking in bookings:
        sessions.setdefault(clock_window(booking.window_start, booking.window_end), []).append(
            booking
        )
    return {
        "office": office,
        "access": access,
        "date": day,
        # No link past the years a staff page takes.
        "previous": _within(day - dt.timedelta(days=1)),
        "next": _within(day + dt.timedelta(days=1)),
        "sessions": sessions,
        "booked_count": sum(1 for b in bookings if b.status == BookingStatus.BOOKED),
        "checked_in_count": sum(1 for b in bookings if b.status == BookingStatus.CHECKED_IN),
        "can_manage": bool(access.roles & set(MANAGE_ROLES)),
        "invalid_form": InvalidForm(),
        "waitlist": open_waitlist(office, day),
    }


def staff_day(request: HttpRequest, office: str) -> HttpResponse:
    try:
        day = _staff_date(request.GET.get("tanggal"))
    except DomainError as exc:
        return _day_refused(request, office, exc)
    return render(request, "booking/staff_day.html", _day_context(office, request, day))


def _day_refused(request: HttpRequest, office: str, exc: DomainError) -> HttpResponse:
    """Why the date asked for was refused, and the way to another (on screen, never the
    print). No day's header, figures or list: under a date that cannot be, they would read as
    that date's, or as a real day nobody booked."""
    access = require_office_role(request, office, VIEW_ROLES)
    context = {"office": access.office, "access": access, "error": exc.message, "no_day": True}
    return render(request, "booking/staff_day.html", context, status=exc.status)


# The printed attendance list is for the people who may still come (or have come): a booking
# cancelled, invalidated or missed takes no line and no number to initial.
ATTENDING = frozenset({BookingStatus.BOOKED, BookingStatus.CHECKED_IN})


def staff_day_print(request: HttpRequest, office: str, date: str) -> HttpResponse:
    try:
        day = _staff_date(date)
    except DomainError as exc:
        # Never today's list printed instead: applicants would initial it as the day asked for.
        return _day_refused(request, office, NotFound(exc.message, code="date"))
    context = _day_context(office, request, day)
    context["sessions"] = {
        window: attending
        for window, rows in context["sessions"].items()
        if (attending := [b for b in rows if b.status in ATTENDING])
    }
    context["printed_at"] = timezone.now()
    return render(request, "booking/staff_day_print.html", context)


@require_POST
def staff_invalidate(request: HttpRequest, office: str, code: str) -> HttpResponse:
    access = require_office_role(request, office, MANAGE_ROLES)
    booking = get_object_or_404(Booking, office=access.office, code=code.upper())
    form = InvalidForm(request.POST)
    try:
        if not form.is_valid():
            # The field's own message: missing, or longer than the record keeps.
            raise DomainError(
                " ".join(str(e) for e in form.errors.get("reason", [])), code="reason"
            )
        services.booking_invalidate(
            booking=booking, by=access.user, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        context = _day_context(office, request, booking.date)
        context["error"] = exc.message
        # That row's form opens again with what was typed.
        context["refused"] = {"code": booking.code, "reason": request.POST.get("reason", "")}
        status = exc.status
        return render(request, "booking/staff_day.html", context, status=status)
    messages.success(request, _("Booking %(code)s ditandai tidak sah.") % {"code": booking.code})
    url = reverse("booking:staff_day", kwargs={"office": access.office.code})
    return redirect(f"{url}?tanggal={booking.date.isoformat()}")


def _policy_now(office: Office) -> dict[str, Any]:
    policy = policy_for(office)
    return {
        "release_rule": policy.release_rule,
        "release_time": policy.release_time,
        "rolling_days": policy.rolling_days,
        "ballot_window_hours": policy.ballot_window_hours,
        "priority_child_under": policy.priority_child_under,
        "priority_elderly_from": policy.priority_elderly_from,
        **{f"mode_{pool}": mode for pool, mode in pool_modes(office).items()},
    }


def _next_month_first(today: dt.date) -> dt.date:
    return (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


@require_http_methods(["GET", "POST"])
def staff_quota(request: HttpRequest, office: str) -> HttpResponse:
    """Quotas, arrival sessions and the release policy of an office; each form posts an
    `action` (`quota` when none), and a refusal reopens the page with its reason."""
    access = require_office_role(request, office, MANAGE_ROLES)
    found = access.office
    action = request.POST.get("action", "quota") if request.method == "POST" else ""
    page = _QuotaPage(request, found, action)
    if action in _QUOTA_ACTIONS:
        try:
            done = _QUOTA_ACTIONS[action](page, access.user)
        except DomainError as exc:
            page.refused(exc)
        else:
            if done is not None:
                messages.success(request, done)
                return redirect(
                    reverse("booking:staff_quota", kwargs={"office": found.code}) + page.anchor
                )
    elif action:
        page.status, page.anchor = 400, ""
        page.error = _("Perintah tidak dikenal.")
    return page.render()


class _QuotaPage:
    """The forms of the quota page, bound to the one that was posted."""

    def __init__(self, request: HttpRequest, office: Office, action: str) -> None:
        self.request = request
        self.office = office
        self.action = action
        self.sessions = list(ArrivalSession.objects.filter(office=office, is_active=True))
        data = request.POST if request.method == "POST" else None
        self.policy_form = PolicyForm(
            data if action == "policy" else None, initial=_policy_now(office)
        )
        self.form = QuotaForm(
            data if action == "quota" else None,
            sessions=[(s.key, f"{s} {office.tz_abbreviation}") for s in self.sessions],
            open_weekdays=sorted(
                OpeningHours.objects.filter(office=office).values_list("weekday", flat=True)
            ),
        )
        self.session_form = SessionForm(data if action == "session_add" else None)
        self.status = 200
        self.error = ""
        # Back where the form was: the part of the page the change shows in.
        self.anchor = {
            "policy": "#pembukaan",
            "quota": "",
            "exception_remove": "#pengecualian",
        }.get(action, "#sesi")

    def refused(self, exc: DomainError) -> None:
        form = {
            "policy": self.policy_form,
            "quota": self.form,
            "session_add": self.session_form,
        }.get(self.action)
        if form is not None:
            form.add_error(None, exc.message)
        else:
            self.error = exc.message
        self.status = exc.status

    def valid(self, form: forms.Form) -> bool:
        """Whether the posted form can go to its service; if not, the page answers 400."""
        if form.is_valid():
            return True
        self.status = 400
        return False

    def posted(self, name: str) -> str:
        return str(self.request.POST.get(name, ""))

    def render(self) -> HttpResponse:
        found = self.office
        defaults = {
            (row.weekday, row.session_id, row.pool): row.capacity
            for row in QuotaDefault.objects.filter(office=found)
        }
        grid = [
            (
                label,
                [
                    (
                        session,
                        [defaults.get((weekday, session.pk, pool), 0) for pool in Pool.values],
                    )
                    for session in self.sessions
                ],
            )
            for weekday, label in Weekday.choices
        ]
        today = office_today(found)
        next_month = _next_month_first(today)
        return render(
            self.request,
            "booking/staff_quota.html",
            {
                "office": found,
                "form": self.form,
                "policy_form": self.policy_form,
                "session_form": self.session_form,
                "error": self.error,
                # Said where the refused button is: its form posts to that part of the page.
                "error_at": self.anchor.lstrip("#"),
                "all_sessions": ArrivalSession.objects.filter(office=found).order_by("start"),
                "next_release_day": next_month,
                "next_release": timezone.localtime(release_at(found, next_month), found.tz),
                "grid": grid,
                "pools": Pool.choices,
                "exceptions": QuotaException.objects.filter(office=found, date__gte=today)
                .select_related("session")
                .order_by("date", "session__start"),
                "tomorrow": day_availability(found, today + dt.timedelta(days=1)),
            },
            status=self.status,
        )


def _set_policy(page: _QuotaPage, by: User) -> str | None:
    form = page.policy_form
    if not page.valid(form):
        return None
    data = form.cleaned_data
    with transaction.atomic():
        services.booking_policy_set(
            office=page.office,
            release_rule=data["release_rule"],
            release_time=data["release_time"],
            rolling_days=data["rolling_days"],
            ballot_window_hours=data["ballot_window_hours"],
            modes=form.modes(),
            by=by,
        )
        services.priority_ages_set(
            office=page.office,
            child_under=data["priority_child_under"],
            elderly_from=data["priority_elderly_from"],
            by=by,
        )
    return _("Pembukaan kuota, cara alokasi dan usia prioritas disimpan.")


def _set_quota(page: _QuotaPage, by: User) -> str | None:
    """One quota, or the same for every service day or session: all saved or none (one
    refusal, e.g. below what is booked on a date, keeps every row as it was)."""
    form = page.form
    if not page.valid(form):
        return None
    data = form.cleaned_data
    sessions = [s for s in page.sessions if s.key in data["session_keys"]]
    with transaction.atomic():
        for session in sessions:
            if data.get("date"):
                services.quota_exception_set(
                    office=page.office,
                    day=data["date"],
                    session=session,
                    pool=data["pool"],
                    capacity=data["capacity"],
                    reason=data.get("reason", ""),
                    by=by,
                )
                continue
            for weekday in data["weekdays"]:
                services.quota_default_set(
                    office=page.office,
                    weekday=weekday,
                    session=session,
                    pool=data["pool"],
                    capacity=data["capacity"],
                    by=by,
                )
    return _("Kuota disimpan.")


def _remove_exception(page: _QuotaPage, by: User) -> str | None:
    exception = QuotaException.objects.filter(
        office=page.office, pk=_whole_number(page.posted("exception"))
    ).first()
    if exception is None:
        raise NotFound(_("Kuota khusus itu tidak ada."), code="quota_not_found")
    capacity = services.quota_exception_remove(
        office=page.office,
        day=exception.date,
        session=exception.session,
        pool=exception.pool,
        by=by,
    )
    return _(
        "Kuota khusus %(date)s, sesi %(session)s dihapus; tanggal itu kembali ke kuota baku "
        "(%(capacity)s)."
    ) % {
        "date": formats.date_format(exception.date, "j F Y"),
        "session": exception.session,
        "capacity": capacity,
    }


def _add_session(page: _QuotaPage, by: User) -> str | None:
    form = page.session_form
    if not page.valid(form):
        return None
    session = services.session_set(
        office=page.office, start=form.cleaned_data["start"], end=form.cleaned_data["end"], by=by
    )
    return _("Sesi %(session)s disimpan.") % {"session": session}


def _posted_session(page: _QuotaPage) -> ArrivalSession:
    session = ArrivalSession.objects.filter(
        office=page.office, pk=_whole_number(page.posted("session"))
    ).first()
    if session is None:
        raise NotFound(_("Sesi kedatangan tidak ditemukan."), code="session")
    return session


def _retire_session(page: _QuotaPage, by: User) -> str | None:
    session = services.session_retire(office=page.office, session=_posted_session(page), by=by)
    return _("Sesi %(session)s tidak ditawarkan lagi.") % {"session": session}


def _restore_session(page: _QuotaPage, by: User) -> str | None:
    old = _posted_session(page)
    session = services.session_set(office=page.office, start=old.start, end=old.end, by=by)
    return _("Sesi %(session)s ditawarkan lagi.") % {"session": session}


def _whole_number(text: str) -> int:
    """A posted row id; 0 (no row) for anything but ASCII digits, at most 11 of them."""
    return whole_number(text, max_digits=11) or 0


_QUOTA_ACTIONS = {
    "policy": _set_policy,
    "quota": _set_quota,
    "exception_remove": _remove_exception,
    "session_add": _add_session,
    "session_retire": _retire_session,
    "session_restore": _restore_session,
}


def _flags_every_minutes() -> int:
    """How often the scheduler counts the flags, as the page says it."""
    from paspor.operations.jobs import JOBS_BY_NAME

    every = JOBS_BY_NAME["booking_flags_refresh"].every
    assert every is not None
    return int(every.total_seconds() // 60)


def _review_context(request: HttpRequest, office: Office) -> dict[str, Any]:
    kind, ident = request.GET.get("jenis", ""), request.GET.get("sumber", "").strip()
    source = None
    if kind in FLAG_SOURCES and ident:
        source = {
            "kind": kind,
            "label": FlagKind(kind).label,
            "ident": ident,
            "bookings": flagged_source_bookings(office, kind, ident)[:200],
        }
    return {
        "office": office,
        "flags": list(office_flags(office)),
        "counted_at": flags_counted_at(),
        "every_minutes": _flags_every_minutes(),
        "source": source,
        "window_days": setting("BOOKING_FLAG_WINDOW_DAYS"),
        "threshold": setting("BOOKING_FLAG_DISTINCT_NIKS"),
        "ballots": ballots_of_office(office)[:30],
    }


def staff_review(request: HttpRequest, office: str) -> HttpResponse:
    """Accounts, devices and IPs booking for many different NIKs; ballots of the office."""
    access = require_office_role(request, office, MANAGE_ROLES)
    return render(request, "booking/staff_review.html", _review_context(request, access.office))


@require_POST
def staff_review_flag(request: HttpRequest, office: str) -> HttpResponse:
    """A flagged source marked reviewed, with what was found (its bookings are looked at, and
    declared invalid where sold on, from the day list)."""
    access = require_office_role(request, office, MANAGE_ROLES)
    form = FlagReviewForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(
                " ".join(str(e) for errors in form.errors.values() for e in errors),
                code="invalid",
            )
        flag = services.booking_flag_review(
            office=access.office,
            kind=form.cleaned_data["kind"],
            ident=form.cleaned_data["ident"],
            by=access.user,
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        context = _review_context(request, access.office)
        context["error"] = exc.message
        context["refused"] = {
            "kind": request.POST.get("kind", ""),
            "ident": request.POST.get("ident", ""),
            "note": request.POST.get("note", ""),
        }
        return render(request, "booking/staff_review.html", context, status=exc.status)
    messages.success(
        request,
        _("%(label)s %(ident)s ditandai sudah ditinjau.")
        % {"label": flag.get_kind_display(), "ident": flag.ident},
    )
    return redirect(reverse("booking:staff_review", kwargs={"office": access.office.code}))
