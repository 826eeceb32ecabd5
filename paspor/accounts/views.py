"""Sign-in, sign-out, the lockout refusal and two-step verification for staff."""

from __future__ import annotations

import base64
import math
import uuid
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from paspor.accounts.access import require_authenticated
from paspor.accounts.forms import (
    LoginForm,
    NewPasswordForm,
    PasswordChangeForm,
    PasswordForgotForm,
    TwoFactorCodeForm,
)
from paspor.accounts.models import User
from paspor.accounts.security import active_roles, is_staff_account, two_factor_required
from paspor.accounts.services import (
    account_sign_out_everywhere,
    login_failure_record,
    login_lockout_record,
    office_of,
    sign_in_end,
    totp_device_confirm,
    totp_device_start,
)
from paspor.accounts.services import (
    password_change as password_change_save,
)
from paspor.accounts.sign_ins import current_sign_in_id, device_name, sign_ins_active
from paspor.booking.ratelimit import client_ip, too_many_requests
from paspor.booking.ratelimit import hit as limit_hit
from paspor.booking.services.password_reset import (
    password_reset_account,
    password_reset_send,
    password_reset_set,
    reset_minutes,
)
from paspor.lib import ratelimit
from paspor.lib.errors import DomainError, NotFound, RateLimited
from paspor.lib.http import is_api_request
from paspor.offices.models import TimeZone


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_initial(self) -> dict[str, Any]:
        # Back from a new password: the e-mail is filled in already.
        return {"username": str(self.request.GET.get("username", ""))[:254]}

    def form_invalid(self, form: Any) -> HttpResponse:
        # A refused attempt of a locked-out name is recorded by `locked_out` instead.
        if not getattr(self.request, "axes_locked_out", False) and form.data.get("username"):
            login_failure_record(username=str(form.data["username"]), ip=client_ip(self.request))
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    """Signing out is a POST (the header's button). The address opened in the browser — a
    bookmark, a typed "/akun/keluar/" — gets a page with that button, not Django's blank 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(settings.LOGOUT_REDIRECT_URL)
        return render(request, "accounts/logout.html")


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes calls this for a sign-in refused after too many failures (AXES_LOCKOUT_CALLABLE)."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))
    login_lockout_record(
        username=username, ip=client_ip(request), limit=settings.AXES_FAILURE_LIMIT
    )
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Terlalu banyak percobaan masuk yang gagal untuk akun ini dari alamat ini. Masuk "
        "dikunci sementara selama %(minutes)s menit. Pemohon yang lupa kata sandi dapat membuat "
        "kata sandi baru lewat “Lupa kata sandi?”; petugas menghubungi administrator kantor."
    ) % {"minutes": minutes}
    if is_api_request(request):
        # The mobile app's `POST /api/booking/token`: a refusal in the API's own shape.
        refused = JsonResponse(
            {"detail": message, "code": "locked_out", "retry_after": minutes * 60}, status=429
        )
        refused["Retry-After"] = str(minutes * 60)
        return refused
    form = LoginForm(request, initial={"username": username})
    # The page the officer was going to stays the goal once the lock has lifted.
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    context = {"form": form, "locked_message": message, "next": wanted}
    response = render(request, "accounts/login.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return "portal:staff_home"


def _staff_member(request: HttpRequest) -> User:
    user = require_authenticated(request)
    if not is_staff_account(user, active_roles(user)):
        raise PermissionDenied  # applicants sign in with their e-mail and password only
    return user


def _qr_svg(url: str) -> str:
    return str(segno.make(url, error="m").svg_inline(scale=4, border=2))


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponseBase:
    """Enrol an authenticator app: scan the QR code (or type the key), then give the first code.

    An account that already has an app gives its code first: a password alone must not be
    enough to put another phone in the place of the owner's.
    """
    user = _staff_member(request)
    if user_has_device(user, confirmed=True) and not user.is_verified():  # type: ignore[attr-defined]
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:two_factor_verify')}?{query}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if request.method == "POST" and device is not None:
        form = TwoFactorCodeForm(request.POST)
        if form.is_valid() and totp_device_confirm(
            device=device, token=form.cleaned_data["code"], by=user
        ):
            _verified(request, device)
            messages.success(
                request,
                _(
                    "Verifikasi dua langkah aktif. Mulai sekarang, masuk memerlukan kode dari aplikasi."
                ),
            )
            return redirect(_next_url(request))
        if form.is_valid():
            form.add_error(
                "code", _("Kode tidak cocok. Periksa jam ponsel lalu coba kode terbaru.")
            )
    else:
        form = TwoFactorCodeForm()
        if device is None:
            device = totp_device_start(user=user)
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - SVG built by segno
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": two_factor_required(user, active_roles(user)),
        "enrolled": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "next": request.GET.get("next", request.POST.get("next", "")),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponseBase:
    """The second step of signing in: a code from the enrolled authenticator app."""
    user = _staff_member(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect("accounts:two_factor_setup")
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(_next_url(request))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, why = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _throttled_message(why))
        elif device.verify_token(form.cleaned_data["code"]):
            _verified(request, device)
            return redirect(_next_url(request))
        else:
            form.add_error(
                "code", _("Kode tidak cocok. Periksa jam ponsel lalu coba kode terbaru.")
            )
    context = {"form": form, "next": request.GET.get("next", request.POST.get("next", ""))}
    return render(request, "accounts/two_factor_verify.html", context)


def _verified(request: HttpRequest, device: TOTPDevice) -> None:
    """The session now counts as verified: it gets a new key, as at sign-in, so a session
    key seen before the second step (on a shared counter computer, say) is worth nothing."""
    otp_login(request, device)
    request.session.cycle_key()


def _throttled_message(why: dict[str, Any] | None) -> str:
    """The refusal after wrong codes, saying when the next try is allowed."""
    locked_until = (why or {}).get("locked_until")
    if locked_until is None:
        return _("Terlalu banyak kode salah. Tunggu sebentar lalu coba lagi.")
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    if seconds < 120:
        return ngettext(
            "Terlalu banyak kode salah. Coba lagi setelah %(n)s detik.",
            "Terlalu banyak kode salah. Coba lagi setelah %(n)s detik.",
            seconds,
        ) % {"n": seconds}
    return _(
        "Terlalu banyak kode salah. Coba lagi setelah pukul %(time)s, atau minta administrator "
        "membuka kunci akun Anda."
    ) % {"time": formats.time_format(timezone.localtime(locked_until))}


# --- A forgotten password (applicant accounts) -------------------------------------------


@require_http_methods(["GET", "POST"])
def password_forgot(request: HttpRequest) -> HttpResponse:
    """The e-mail of the account; the same answer whether or not a link was sent."""
    form = PasswordForgotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            # Each request sends an e-mail: per address as well as per IP, so nobody floods
            # someone's mailbox from many addresses.
            limit_hit("password_reset_ip", client_ip(request))
            limit_hit("password_reset_email", email.lower())
        except RateLimited as exc:
            return too_many_requests(request, exc)
        password_reset_send(email=email)
        return render(
            request,
            "accounts/password_forgot.html",
            {"sent_to": email, "minutes": reset_minutes()},
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/password_forgot.html", {"form": form}, status=status)


# The link's token is kept in the session and the form's address shows this word in its place,
# as Django's own reset view does: the address logged with a form sent back with a mistake,
# kept in the browser history or sent as a Referer carries no token.
RESET_SESSION_KEY = "_password_reset_token"
RESET_URL_TOKEN = "atur"  # noqa: S105 - a word in the address, not a secret


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    """The link from the e-mail: a new password, twice."""
    if token != RESET_URL_TOKEN:
        if password_reset_account(uid=uid, token=token) is None:
            return _reset_link_expired(request)
        request.session[RESET_SESSION_KEY] = token
        return redirect("accounts:password_reset", uid=uid, token=RESET_URL_TOKEN)
    account = password_reset_account(uid=uid, token=request.session.get(RESET_SESSION_KEY, ""))
    if account is None:
        return _reset_link_expired(request)
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_reset_set(account=account, password=form.cleaned_data["password"])
        except DomainError as exc:
            form.add_error("password", exc.message)
        else:
            request.session.pop(RESET_SESSION_KEY, None)
            messages.success(request, _("Kata sandi baru tersimpan. Silakan masuk."))
            login = reverse("accounts:login")
            return redirect(f"{login}?{urlencode({'username': account.email})}")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "email": account.email}
    return render(request, "accounts/password_reset.html", context, status=status)


def _reset_link_expired(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset.html", {"expired": True}, status=410)


# Wrong current passwords per account: a session left open on a shared computer is not a way
# to guess the password and keep the account after the session ends.
PASSWORD_CHANGE_LIMIT = ratelimit.Limit("password_change", limit=5, seconds=15 * 60)


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own new password; the first thing asked of someone whose password
    another typed (`User.password_change_required`)."""
    user = require_authenticated(request)
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST":
        try:
            ratelimit.check(PASSWORD_CHANGE_LIMIT, str(user.pk))
        except RateLimited as exc:
            return too_many_requests(request, exc)
    if request.method == "POST" and form.is_valid():
        # Race: guesses sent at once would all pass a count read before the slow password
        # check. Each is counted first (atomically) and taken back once the current password
        # proved right, as the sign-in's own limit does (`limit_login`).
        try:
            ratelimit.hit(PASSWORD_CHANGE_LIMIT, str(user.pk))
        except RateLimited as exc:
            return too_many_requests(request, exc)
        try:
            password_change_save(
                user=user, current=form.cleaned_data["current"], new=form.cleaned_data["password"]
            )
        except DomainError as exc:
            form.add_error("current" if exc.code == "wrong_password" else "password", exc.message)
            if exc.code != "wrong_password":  # refused as weak or the same: not a guess
                ratelimit.unhit(PASSWORD_CHANGE_LIMIT, str(user.pk))
        else:
            ratelimit.unhit(PASSWORD_CHANGE_LIMIT, str(user.pk))
            update_session_auth_hash(request, user)  # this session stays; the others end
            messages.success(request, _("Kata sandi baru tersimpan."))
            if is_staff_account(user, active_roles(user)):
                return redirect(_next_url(request))
            return redirect("booking:my_bookings")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "required": user.password_change_required}
    return render(request, "accounts/password_change.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """Every other browser and every phone app signed in to this account is signed out; this
    session stays (docs/security.md)."""
    user = require_authenticated(request)
    account_sign_out_everywhere(user=user)
    update_session_auth_hash(request, user)  # this session stays; the others end
    messages.success(
        request,
        _("Semua perangkat lain sudah keluar dari akun ini. Perangkat ini tetap masuk."),
    )
    if is_staff_account(user, active_roles(user)):
        return redirect("portal:staff_home")
    return redirect("booking:my_bookings")


@login_required
@require_http_methods(["GET"])
def devices(request: HttpRequest) -> HttpResponse:
    """The browsers and apps signed in to this account, each with its own "sign out"
    (docs/security.md, "Signed-in devices, and signing out everywhere")."""
    user = require_authenticated(request)
    current = current_sign_in_id(request)
    sign_ins = sorted(sign_ins_active(user), key=lambda s: s.public_id != current)  # this first
    rows = [{"sign_in": s, "name": device_name(s.user_agent)} for s in sign_ins]
    office = office_of(user)
    zone = office.time_zone if office is not None else settings.TIME_ZONE
    context = {
        "devices": rows,
        "current": current,
        "zone": zone,
        "zone_name": TimeZone(zone).name if zone in TimeZone.values else zone,
    }
    return render(request, "accounts/devices.html", context)


@login_required
@require_http_methods(["POST"])
def device_sign_out(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One device of the list signed out; another account's is not found."""
    user = require_authenticated(request)
    try:
        sign_in = sign_in_end(user=user, public_id=public_id)
    except NotFound as exc:
        raise Http404(exc.message) from None
    messages.success(
        request,
        _("%(device)s sudah dikeluarkan dari akun ini.")
        % {"device": device_name(sign_in.user_agent)},
    )
    return redirect("accounts:devices")
