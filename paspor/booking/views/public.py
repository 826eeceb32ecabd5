"""Pages anyone may open: offices, remaining quota per day and pool, ballots, registration."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paspor.booking import services
from paspor.booking.forms import RegisterForm, VerifyForm
from paspor.booking.models import Pool
from paspor.booking.ratelimit import client_ip, hit, too_many_requests
from paspor.booking.selectors import (
    availability,
    ballot_for,
    ballot_order,
    day_availability,
    upcoming_days,
)
from paspor.booking.views.common import applicant_page, current_applicant, may_book
from paspor.lib.errors import Conflict, DomainError, RateLimited
from paspor.offices.models import Office
from paspor.offices.selectors import public_offices


def _office(code: str) -> Office:
    return get_object_or_404(Office, code=code, is_active=True)


def _date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def offices(request: HttpRequest) -> HttpResponse:
    context = {"offices": public_offices(), "may_book": may_book(request.user)}
    return render(request, "booking/offices.html", context)


def office_availability(request: HttpRequest, office: str) -> HttpResponse:
    """Remaining quota per date, session and pool — without signing in, from the cache."""
    found = _office(office)
    days = availability(found, upcoming_days(found))
    chosen = _date(request.GET.get("tanggal"))
    day = next((d for d in days if d.date == chosen), None)
    return render(
        request,
        "booking/availability.html",
        {
            "office": found,
            "days": days,
            "day": day,
            "pools": Pool.choices,
            "may_book": may_book(request.user),
        },
    )


def ballot_page(request: HttpRequest, office: str, date: str, pool: str) -> HttpResponse:
    """The public record of a ballot: seed commitment, then the seed and the order."""
    found = _office(office)
    day = _date(date)
    if day is None or pool not in Pool.values:
        raise Http404
    ballot = ballot_for(found, day, pool)
    if ballot is None:
        raise Http404
    return render(
        request,
        "booking/ballot.html",
        {
            "office": found,
            "ballot": ballot,
            "order": ballot_order(ballot),
            "entry_count": ballot.entries.count(),
            "pool_label": Pool(pool).label,
            "day": day_availability(found, day),
        },
    )


# A refusal of the account service, shown at the field it concerns.
REGISTER_FIELDS = {
    "phone": "phone",
    "password": "password",
    "email": "email",
    "email_taken": "email",
}


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        # Registering now would silently switch this browser to the new account.
        return redirect("portal:after_login")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hit("register_ip", client_ip(request))
            user = services.account_register(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
                phone=form.cleaned_data["phone"],
            )
        except RateLimited as exc:
            return too_many_requests(request, exc)
        except DomainError as exc:
            form.add_error(REGISTER_FIELDS.get(exc.code), exc.message)
            status = exc.status
            return render(request, "booking/register.html", {"form": form}, status=status)
        login(request, user, backend="paspor.accounts.backends.UsernameOrEmailBackend")
        messages.success(request, _("Akun dibuat. Kode verifikasi sudah dikirim ke e-mail Anda."))
        return redirect("booking:verify")
    status = 400 if request.method == "POST" else 200
    return render(request, "booking/register.html", {"form": form}, status=status)


@applicant_page(verified=False)
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = current_applicant(request)
    if user.email_verified:
        return redirect("booking:my_bookings")
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and "resend" in request.POST:
        hit("register_ip", client_ip(request))
        services.verification_send(account=user)
        messages.success(request, _("Kode baru sudah dikirim."))
        return redirect("booking:verify")
    if request.method == "POST" and form.is_valid():
        try:
            services.email_verify_code(account=user, code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
            status = exc.status
            return render(request, "booking/verify.html", {"form": form}, status=status)
        messages.success(request, _("E-mail terverifikasi. Tambahkan profil pemohon."))
        return redirect("booking:profiles")
    status = 400 if request.method == "POST" else 200  # a code that is not six digits
    return render(request, "booking/verify.html", {"form": form}, status=status)


def verify_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.email_verify_token(token=token)
    except Conflict as exc:
        if exc.code == "already_verified":
            # Clicked after typing the code: nothing is wrong, the next step is to sign in.
            return render(request, "booking/verify_link.html", {"verified": True})
        return render(request, "booking/verify_link.html", {"error": exc.message}, status=409)
    messages.success(request, _("E-mail terverifikasi. Silakan masuk."))
    return redirect("booking:my_bookings" if request.user.is_authenticated else "accounts:login")
