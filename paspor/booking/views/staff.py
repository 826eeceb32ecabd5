"""Staff pages at /booking/<office>/…: day lists, printing, invalid bookings, quotas, review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paspor.accounts.access import require_office_role
from paspor.accounts.models import Role
from paspor.booking import services
from paspor.booking.conf import setting
from paspor.booking.forms import InvalidForm, PolicyForm, QuotaForm
from paspor.booking.models import (
    ArrivalSession,
    Booking,
    BookingStatus,
    Pool,
    QuotaDefault,
    QuotaException,
)
from paspor.booking.selectors import (
    FLAG_SOURCE_LABELS,
    FLAG_SOURCES,
    abuse_flags,
    ballots_of_office,
    day_availability,
    day_list,
    flagged_source_bookings,
    open_waitlist,
    policy_for,
    pool_modes,
    release_at,
)
from paspor.booking.views.public import _date
from paspor.lib.clock import clock_window
from paspor.lib.errors import DomainError
from paspor.offices.calendar import office_today
from paspor.offices.models import Office, Weekday

VIEW_ROLES = (Role.INTAKE, Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN)
MANAGE_ROLES = (Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN)


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
        "previous": day - dt.timedelta(days=1),
        "next": day + dt.timedelta(days=1),
        "sessions": sessions,
        "booked_count": sum(1 for b in bookings if b.status == BookingStatus.BOOKED),
        "checked_in_count": sum(1 for b in bookings if b.status == BookingStatus.CHECKED_IN),
        "can_manage": bool(access.roles & set(MANAGE_ROLES)),
        "invalid_form": InvalidForm(),
        "waitlist": open_waitlist(office, day),
    }


def staff_day(request: HttpRequest, office: str) -> HttpResponse:
    context = _day_context(office, request, _date(request.GET.get("tanggal")))
    return render(request, "booking/staff_day.html", context)


# The printed attendance list is for the people who may still come (or have come): a booking
# cancelled, invalidated or missed takes no line and no number to initial.
ATTENDING = frozenset({BookingStatus.BOOKED, BookingStatus.CHECKED_IN})


def staff_day_print(request: HttpRequest, office: str, date: str) -> HttpResponse:
    day = _date(date)
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
        **{f"mode_{pool}": mode for pool, mode in pool_modes(office).items()},
    }


def _next_month_first(today: dt.date) -> dt.date:
    return (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


@require_http_methods(["GET", "POST"])
def staff_quota(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, MANAGE_ROLES)
    found = access.office
    sessions = list(ArrivalSession.objects.filter(office=found, is_active=True))
    setting_policy = request.POST.get("action") == "policy"
    policy_form = PolicyForm(request.POST if setting_policy else None, initial=_policy_now(found))
    form = QuotaForm(
        request.POST if request.method == "POST" and not setting_policy else None,
        sessions=[(s.key, str(s)) for s in sessions],
    )
    status = 200
    if setting_policy:
        status = 400
        if policy_form.is_valid():
            data = policy_form.cleaned_data
            try:
                services.booking_policy_set(
                    office=found,
                    release_rule=data["release_rule"],
                    release_time=data["release_time"],
                    rolling_days=data["rolling_days"],
                    ballot_window_hours=data["ballot_window_hours"],
                    modes=policy_form.modes(),
                    by=access.user,
                )
            except DomainError as exc:
                policy_form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, _("Pembukaan kuota dan cara alokasi disimpan."))
                return redirect("booking:staff_quota", office=found.code)
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            session = next(s for s in sessions if s.key == data["session"])
            try:
                if data.get("date"):
                    services.quota_exception_set(
                        office=found,
                        day=data["date"],
                        session=session,
                        pool=data["pool"],
                        capacity=data["capacity"],
                        reason=data.get("reason", ""),
                        by=access.user,
                    )
                else:
                    services.quota_default_set(
                        office=found,
                        weekday=data["weekday"],
                        session=session,
                        pool=data["pool"],
                        capacity=data["capacity"],
                        by=access.user,
                    )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, _("Kuota disimpan."))
                return redirect("booking:staff_quota", office=found.code)
    defaults = {
        (row.weekday, row.session_id, row.pool): row.capacity
        for row in QuotaDefault.objects.filter(office=found)
    }
    grid = [
        (
            label,
            [
                (session, [defaults.get((weekday, session.pk, pool), 0) for pool in Pool.values])
                for session in sessions
            ],
        )
        for weekday, label in Weekday.choices
    ]
    today = office_today(found)
    next_month = _next_month_first(today)
    return render(
        request,
        "booking/staff_quota.html",
        {
            "office": found,
            "form": form,
            "policy_form": policy_form,
            "next_release_day": next_month,
            "next_release": timezone.localtime(release_at(found, next_month), found.tz),
            "grid": grid,
            "pools": Pool.choices,
            "exceptions": QuotaException.objects.filter(office=found, date__gte=today)
            .select_related("session")
            .order_by("date", "session__start"),
            "tomorrow": day_availability(found, today + dt.timedelta(days=1)),
        },
        status=status,
    )


def staff_review(request: HttpRequest, office: str) -> HttpResponse:
    """Accounts, devices and IPs booking for many different NIKs; ballots of the office."""
    access = require_office_role(request, office, MANAGE_ROLES)
    kind, ident = request.GET.get("jenis", ""), request.GET.get("sumber", "").strip()
    source = None
    if kind in FLAG_SOURCES and ident:
        source = {
            "kind": kind,
            "label": FLAG_SOURCE_LABELS[kind],
            "ident": ident,
            "bookings": flagged_source_bookings(access.office, kind, ident)[:200],
        }
    return render(
        request,
        "booking/staff_review.html",
        {
            "office": access.office,
            "flags": abuse_flags(access.office),
            "source": source,
            "window_days": setting("BOOKING_FLAG_WINDOW_DAYS"),
            "ballots": ballots_of_office(access.office)[:30],
        },
    )
