"""The booking API (/api/booking/): the same operations as the pages, as JSON.

Applicants authenticate with their session (browser; CSRF applies) or with a bearer token
from `POST /api/booking/register` or `POST /api/booking/token` (mobile). Availability,
questionnaire, ballot records and `ping` are public. Refused rules answer 409 with the reason,
bad input 400, rate limits 429.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib.auth import SESSION_KEY, authenticate, update_session_auth_hash
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.security import HttpBearer

from paspor.accounts.access import user_roles
from paspor.accounts.forms import sign_in_name
from paspor.accounts.models import STAFF_ROLES, SignInKind, User
from paspor.accounts.services import (
    account_sign_out_everywhere,
    login_failure_record,
    sign_in_end,
)
from paspor.accounts.sign_ins import current_sign_in_id, device_name, sign_ins_active
from paspor.booking import rules, services
from paspor.booking.api.schemas import (
    AccountOut,
    BallotEntryOut,
    BallotIn,
    BallotOut,
    BookIn,
    BookingCodePath,
    BookingOut,
    DatePath,
    DayOut,
    DeviceOut,
    DevicePath,
    DrawnEntryOut,
    EntryPath,
    OfficePath,
    PingOut,
    PoolValue,
    ProfileIn,
    ProfileOut,
    ProfilePath,
    ProfileUpdateIn,
    QuestionnaireIn,
    QuestionnaireOut,
    RegisterIn,
    RescheduleIn,
    TokenIn,
    TokenOut,
    VerificationOut,
    VerifyIn,
    WaitlistIn,
    WaitlistOut,
    booking_out,
    day_out,
    doc_out,
    profile_out,
    waitlist_out,
)
from paspor.booking.conf import setting
from paspor.booking.models import (
    ApplicantProfile,
    BallotResult,
    BallotStatus,
    Booking,
    Pool,
    WaitlistEntry,
)
from paspor.booking.pdf import proof_pdf
from paspor.booking.ratelimit import client_ip, hit, unhit
from paspor.booking.selectors import (
    availability,
    ballot_for,
    ballot_order,
    bookings_of,
    office_by_code,
    session_by_key,
    upcoming_days,
    waitlist_of,
)
from paspor.booking.services.bookings import priority_allowed
from paspor.booking.views.common import origin_of
from paspor.lib.api_auth import session_auth
from paspor.lib.birth_date import birth_date_check
from paspor.lib.errors import Conflict, DomainError, Forbidden, NotFound, NotSignedIn
from paspor.offices.models import Office


class BearerToken(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        # Marks that this endpoint takes a bearer token: its 401 then names the scheme
        # (`WWW-Authenticate: Bearer`, paspor/api.py), as RFC 9110 asks of a 401.
        request._bearer_accepted = True  # type: ignore[attr-defined]
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        sign_in, _problem = services.api_token_sign_in(token)
        if sign_in is None:
            return None
        request.user = sign_in.user
        request._booking_applicant = True  # type: ignore[attr-defined] # tokens: applicants only
        request._sign_in_id = sign_in.public_id  # type: ignore[attr-defined] # "this device"
        return sign_in.user


AUTH = [BearerToken(), session_auth]
router = Router(tags=["booking"])


def _applicant(request: HttpRequest) -> User:
    """The signed-in applicant; staff and device accounts have no applicant area (403)."""
    user = request.user
    assert isinstance(user, User)
    checked = getattr(request, "_booking_applicant", None)
    if checked is None:
        checked = not (user_roles(user) & STAFF_ROLES)
        request._booking_applicant = checked  # type: ignore[attr-defined]
    if not checked:
        raise Forbidden(_("Hanya untuk akun pemohon."), code="staff_account")
    return user


def _office(code: str) -> Office:
    office = office_by_code(code)
    if office is None:
        raise NotFound(_("Kantor tidak ditemukan."), code="office_not_found")
    return office


# A body naming a profile or an office that is not there: 404 without a path parameter.
NAMED_IN_BODY = {
    "responses": {404: {"description": "The profile or the office named in the body is unknown."}}
}


# --- Public ------------------------------------------------------------------------------


@router.get(
    "/ping",
    auth=None,
    response=PingOut,
    summary="Minimal endpoint (health check, benchmark baseline)",
)
def ping(request: HttpRequest) -> dict[str, bool]:
    """Anonymous. Answers `{"ok": true}` and nothing else: a health check, and the baseline of
    the load benchmark."""
    return {"ok": True}


@router.get(
    "/availability/{office}",
    auth=None,
    response=list[DayOut],
    summary="List the bookable days of an office",
)
def availability_days(request: HttpRequest, office: OfficePath) -> list[DayOut]:
    """Anonymous. The next 45 days (BOOKING_DAYS_SHOWN) from tomorrow in the office's time
    zone, each with its state and, for an `open` day, the seats left per session and pool.
    Counts may be up to 10 seconds old.

    404 for an unknown or inactive office."""
    found = _office(office)
    return [day_out(day) for day in availability(found, upcoming_days(found))]


@router.get(
    "/availability/{office}/{date}",
    auth=None,
    response=DayOut,
    summary="Show one day's availability",
)
def availability_day(request: HttpRequest, office: OfficePath, date: DatePath) -> DayOut:
    """Anonymous. One date, any date (a date already gone is `past`), as in the list.

    404 for an unknown or inactive office; 422 for a date that is not ISO 8601."""
    return day_out(availability(_office(office), [date])[0])


@router.post(
    "/questionnaire",
    auth=None,
    response=QuestionnaireOut,
    summary="Work out the application type and documents",
    openapi_extra=NAMED_IN_BODY,
)
def questionnaire(request: HttpRequest, payload: QuestionnaireIn) -> QuestionnaireOut:
    """Anonymous; saves nothing. From the date of birth and the answers: the application
    type, whether the person counts as a child on the day, whether the priority pool may be
    booked (with the office's ages when `office` is given), and the original documents to bring
    (labels in the reader's language).

    - 400 `birth_date`: a date of birth no one can have (after today, or more than 130 years
      back), as a profile refuses it; `on_before_birth`: `on` is before the date of birth.
    - 404 `office_not_found` for an unknown `office`.
    - 422 a missing or malformed field."""
    answers = payload.answers.answers()
    office = _office(payload.office) if payload.office else None
    today = timezone.localdate(timezone=office.tz) if office else timezone.localdate()
    # A birth date after today would make anyone a child under 5 (priority pool, a child's
    # documents): refused like a profile's.
    birth_date_check(payload.birth_date, today=today)
    on = payload.on or today
    if on < payload.birth_date:  # an age below zero would count as a child under 5
        raise DomainError(
            _("Tanggal kunjungan tidak boleh sebelum tanggal lahir."), code="on_before_birth"
        )
    child = rules.is_child(birth_date=payload.birth_date, on=on, married=answers.married)
    kind = rules.application_type(answers, child=child)
    return QuestionnaireOut(
        application_type=kind,
        is_child=child,
        priority_eligible=priority_allowed(
            answers,
            office=office,
            birth_date=payload.birth_date,
            on=on,
            sex=payload.sex.value if payload.sex else None,
        ),
        documents=[doc_out(d) for d in rules.required_documents(kind, is_child=child)],
    )


@router.post(
    "/token",
    auth=None,
    response=TokenOut,
    summary="Get a bearer token for an applicant account",
    openapi_extra={
        "responses": {
            401: {"description": "Wrong e-mail or password."},
            403: {"description": "Staff accounts get no API token."},
        }
    },
)
def token(request: HttpRequest, payload: TokenIn) -> TokenOut:
    """Anonymous. Signs in an applicant account and answers a token for the applicant
    endpoints: `Authorization: Bearer <token>`. The token is valid 7 days
    (BOOKING_TOKEN_MAX_AGE) and void once the password changes; an endpoint then answers 401
    with `code` `token_expired` or `token_invalid`, and the app asks for a new token.

    An account whose e-mail is not verified yet gets a token too: `GET /account` tells, and
    `POST /account/verify` takes the code.

    - 401 `wrong_credentials`: wrong e-mail or password (or an inactive account).
    - 403 `staff_account`: a staff or device account; staff use the browser session.
    - 429 too many failed attempts (`Retry-After`): 30 in 5 minutes from one address, 10 in
      15 minutes for one e-mail address. A token given is not counted, so many phones behind
      one address are not stopped by their own sign-ins.
    - 429 `locked_out` (`Retry-After`): the sign-in lockout of the site (after 5 failures of
      one e-mail from one address, LOGIN_FAILURE_LIMIT) holds for 30 minutes
      (LOGIN_LOCKOUT_MINUTES), even for the right password; a new password by
      "Lupa kata sandi?" lifts it."""
    ip, name = client_ip(request), payload.email.strip().lower()
    hit("token_ip", ip)
    hit("login_account", name)
    account = authenticate(request, username=sign_in_name(payload.email), password=payload.password)
    if not isinstance(account, User):
        if not getattr(request, "axes_locked_out", False):  # a lockout is audited by its page
            login_failure_record(username=sign_in_name(payload.email), ip=ip)
        raise NotSignedIn(_("E-mail atau kata sandi salah."), code="wrong_credentials")
    if user_roles(account) & STAFF_ROLES:
        raise Forbidden(_("Hanya untuk akun pemohon."), code="staff_account")
    unhit("token_ip", ip)
    unhit("login_account", name)
    return _token_out(request, account)


def _token_out(request: HttpRequest, account: User) -> TokenOut:
    expires_at = timezone.now() + dt.timedelta(seconds=setting("BOOKING_TOKEN_MAX_AGE"))
    user_agent = request.headers.get("User-Agent", "")
    return TokenOut(
        token=services.api_token_issue(account=account, user_agent=user_agent),
        expires_at=expires_at.replace(microsecond=0),
    )


@router.post(
    "/register",
    auth=None,
    response={201: TokenOut},
    summary="Create an applicant account",
)
def register(request: HttpRequest, payload: RegisterIn) -> tuple[int, TokenOut]:
    """Anonymous. Creates an applicant account and sends a six-digit code and a link to the
    e-mail address (valid 30 minutes); answers a bearer token for the new account, as
    `POST /token` would. Until the code is sent to `POST /account/verify` (or the link
    opened), booking answers 409 `email_unverified`. Messages to the account are in the
    request's language (`Accept-Language`).

    - 400 `email` (not a valid address), `password` (too short, only digits, too common or
      too like the e-mail or name; the reasons in `detail`), `phone` (not a valid Indonesian
      number).
    - 409 `email_taken`: an account with this e-mail exists; sign in with `POST /token`.
    - 422 a missing field, or text too long.
    - 429 too many accounts from one address (10 an hour, shared with re-sent codes;
      `Retry-After`)."""
    try:
        validate_email(payload.email)
    except ValidationError:
        raise DomainError(_("Masukkan alamat e-mail yang benar."), code="email") from None
    hit("register_ip", client_ip(request))
    account = services.account_register(
        email=payload.email,
        password=payload.password,
        full_name=payload.full_name,
        phone=payload.phone,
    )
    return 201, _token_out(request, account)


@router.get("/account", auth=AUTH, response=AccountOut, summary="Show the signed-in account")
def account_detail(request: HttpRequest) -> AccountOut:
    """Applicant (bearer token or session). The account's e-mail, name and phone, and
    whether the e-mail is verified (booking needs it).

    403 `staff_account` for a staff or device account."""
    return _account_out(_applicant(request))


def _account_out(account: User) -> AccountOut:
    return AccountOut(
        email=account.email,
        full_name=account.first_name,
        phone=account.phone,
        email_verified=account.email_verified,
    )


def _unverified(request: HttpRequest) -> User:
    account = _applicant(request)
    if account.email_verified:
        raise Conflict(_("E-mail Anda sudah terverifikasi."), code="already_verified")
    return account


@router.post(
    "/account/verify",
    auth=AUTH,
    response=AccountOut,
    summary="Verify the account's e-mail with the code",
)
def account_verify(request: HttpRequest, payload: VerifyIn) -> AccountOut:
    """Applicant (bearer token or session). Verifies the e-mail with the six-digit code sent
    at registration (or by `POST /account/verify/resend`); answers the account, now with
    `email_verified: true`. Five wrong codes use up the code.

    - 400 `code_wrong`: not the code (`detail` says how many tries are left).
    - 403 `staff_account`: a staff or device account.
    - 409 `already_verified`; `code_expired` (30 minutes passed, or a newer code was sent) or
      `code_attempts` (no tries left): ask for a new code.
    - 422 not six digits (costs no try)."""
    account = _unverified(request)
    code = "".join(char for char in payload.code if char.isdigit())
    services.email_verify_code(account=account, code=code)
    account.refresh_from_db(fields=["email_verified"])
    return _account_out(account)


@router.post(
    "/account/verify/resend",
    auth=AUTH,
    response={202: VerificationOut},
    summary="Send a new verification code",
)
def account_verify_resend(request: HttpRequest) -> tuple[int, VerificationOut]:
    """Applicant (bearer token or session). Sends a new six-digit code and link to the
    account's e-mail; the ones sent before stop working.

    - 403 `staff_account`: a staff or device account.
    - 409 `already_verified`.
    - 429 too many codes from one address (10 an hour, shared with registrations;
      `Retry-After`)."""
    account = _unverified(request)
    hit("register_ip", client_ip(request))
    verification = services.verification_send(account=account)
    return 202, VerificationOut(sent_to=account.email, expires_at=verification.expires_at)


@router.post(
    "/account/sign-out-everywhere",
    auth=AUTH,
    response=TokenOut,
    summary="Sign the account out of every other device",
)
def account_sign_out(request: HttpRequest) -> TokenOut:
    """Applicant (bearer token or session). A phone lost: every other bearer token of the
    account and every browser session stop working at once (401 `token_invalid` from then
    on). The caller stays signed in: it gets a new token in the answer (use it from now on;
    the one it sent is void too), and a browser session that asked is kept. Changing the
    password does the same to the others.

    403 `staff_account` for a staff or device account (they use the page
    `/akun/ganti-sandi/`)."""
    account = _applicant(request)
    account_sign_out_everywhere(user=account)
    if request.session.get(SESSION_KEY) == str(account.pk):
        update_session_auth_hash(request, account)  # a browser that asked stays signed in
    return _token_out(request, account)


@router.get(
    "/account/devices",
    auth=AUTH,
    response=list[DeviceOut],
    summary="List the devices signed in to the account",
)
def account_devices(request: HttpRequest) -> list[DeviceOut]:
    """Applicant (bearer token or session). Every browser session and app token of the account
    still signed in, the last used first: those signed out, past their end, or ended by a
    password change or "sign out everywhere" are not listed. The one asking has
    `current: true`.

    403 `staff_account` for a staff or device account (they use the page `/akun/perangkat/`)."""
    account = _applicant(request)
    current = current_sign_in_id(request)
    return [
        DeviceOut(
            id=sign_in.public_id,
            kind="app" if sign_in.kind == SignInKind.APP else "browser",
            name=device_name(sign_in.user_agent),
            signed_in_at=sign_in.created_at,
            last_used_at=sign_in.last_seen_at,
            current=sign_in.public_id == current,
        )
        for sign_in in sign_ins_active(account)
    ]


@router.delete(
    "/account/devices/{device}",
    auth=AUTH,
    response={204: None},
    summary="Sign one device out",
)
def account_device_sign_out(request: HttpRequest, device: DevicePath) -> tuple[int, None]:
    """Applicant (bearer token or session). A phone lost: that one device's token or browser
    session stops working at once (401 from then on); the others stay signed in. The caller's
    own id signs the caller out. Asking again for a device already signed out changes
    nothing.

    - 403 `staff_account`: a staff or device account.
    - 404 `sign_in_unknown`: not a device of this account."""
    sign_in_end(user=_applicant(request), public_id=device)
    return 204, None


@router.get(
    "/ballots/{office}/{date}/{pool}",
    auth=None,
    response=BallotOut,
    summary="Show the public record of a draw",
)
def ballot_record(
    request: HttpRequest, office: OfficePath, date: DatePath, pool: PoolValue
) -> BallotOut:
    """Anonymous. A ballot pool's draw for a date: the SHA-256 of the seed from the moment
    entries open, the seed itself after the draw, the number of entries, and after the draw
    every entry's key, preferred session, result and seat in draw order, so anyone can check
    the order (`manage.py ballot_verify` recomputes it at the office).

    404 `office_not_found` for an unknown office, `ballot_not_found` when that date and pool
    have no ballot (yet)."""
    found = ballot_for(_office(office), date, pool)
    if found is None:
        raise NotFound(_("Undian tidak ditemukan."), code="ballot_not_found")
    return BallotOut(
        office=office,
        date=found.date,
        pool=Pool(found.pool),
        status=BallotStatus(found.status),
        opens_at=found.opens_at,
        closes_at=found.closes_at,
        seed_hash=found.seed_hash,
        seed=found.published_seed,
        entries=found.entries.count(),
        order=[
            DrawnEntryOut(
                rank=line.rank,
                key=line.key,
                preferred_session=line.preferred,
                result=BallotResult(line.result),
                session=line.session,
            )
            for line in ballot_order(found)
        ],
    )


# --- Applicant ---------------------------------------------------------------------------


@router.get(
    "/profiles", auth=AUTH, response=list[ProfileOut], summary="List the account's profiles"
)
def profiles_list(request: HttpRequest) -> list[ProfileOut]:
    """Applicant (bearer token or session). The people the account books for, oldest first;
    `nik_flags` in the reader's language.

    403 for a staff or device account."""
    return [profile_out(p) for p in _applicant(request).profiles.current().order_by("created_at")]


@router.post("/profiles", auth=AUTH, response={201: ProfileOut}, summary="Add a person to book for")
def profiles_add(request: HttpRequest, payload: ProfileIn) -> tuple[int, ProfileOut]:
    """Applicant (bearer token or session). Adds a person the account books for. A NIK from
    an unknown region, or one that disagrees with the date of birth or sex, is accepted and
    noted in `nik_flags`.

    - 400 with the reason: an impossible NIK (`nik_not_digits`, `nik_length`, `nik_day`,
      `nik_month`, `nik_date`, `nik_serial`: every such code begins with `nik_`), `phone` (not
      a valid Indonesian number), `birth_date` (in the future or more than 130 years ago).
    - 403 `staff_account`: a staff or device account.
    - 409 `too_many_profiles` (5 per account), `profile_exists` (this NIK is already on the
      account).
    - 422 a missing field, or text too long."""
    profile = services.profile_add(account=_applicant(request), **payload.dict())
    return 201, profile_out(profile)


@router.put(
    "/profiles/{profile}", auth=AUTH, response=ProfileOut, summary="Correct a person's data"
)
def profiles_update(
    request: HttpRequest, profile: ProfilePath, payload: ProfileUpdateIn
) -> ProfileOut:
    """Applicant (bearer token or session). Replaces a profile's name, sex, date and place of
    birth and phone, whether or not the person has booked; the NIK stays (a wrong NIK on a
    profile never booked is removed and added again). `nik_flags` are worked out again for the
    new date of birth and sex, on the profile and on its active booking.

    - 400 with the reason: `phone` (not a valid Indonesian number), `birth_date` (in the
      future or more than 130 years ago).
    - 403 `staff_account`: a staff or device account.
    - 404 `profile_not_found`: not a profile of this account.
    - 422 a missing field, or text too long."""
    found = _own_profile(request, profile)
    return profile_out(services.profile_update(profile=found, **payload.dict()))


@router.delete("/profiles/{profile}", auth=AUTH, response={204: None}, summary="Remove a person")
def profiles_delete(request: HttpRequest, profile: ProfilePath) -> tuple[int, None]:
    """Applicant (bearer token or session). Takes a person off the account's list, making room
    for another. A profile never booked for is deleted; one used for a booking is kept for the
    booking's history, out of the list, and comes back if the same NIK is added again.

    - 403 `staff_account`: a staff or device account.
    - 404 `profile_not_found`: not a profile of this account.
    - 409 `profile_in_use`: the person still has an active booking, a place on a waitlist or
      an entry in a ballot not drawn yet (cancel or leave first)."""
    found = _own_profile(request, profile)
    services.profile_delete(profile=found)
    return 204, None


def _own_profile(request: HttpRequest, profile: UUID) -> ApplicantProfile:
    found = (
        ApplicantProfile.objects.current()
        .filter(public_id=profile, account=_applicant(request))
        .first()
    )
    if found is None:
        raise NotFound(_("Profil pemohon ini tidak ada di akun Anda."), code="profile_not_found")
    return found


def _session(office: Office, key: str) -> Any:
    session = session_by_key(office, key)
    if session is None:
        raise DomainError(_("Sesi kedatangan tidak ditemukan."), code="session")
    return session


@router.post(
    "/bookings",
    auth=AUTH,
    response={201: BookingOut},
    summary="Book a seat",
    openapi_extra=NAMED_IN_BODY,
)
def bookings_create(request: HttpRequest, payload: BookIn) -> tuple[int, BookingOut]:
    """Applicant (bearer token or session). Books a seat in a session and pool, first come,
    first served, for a profile of the account; the confirmation is sent by e-mail. Send a
    stable `X-Device-Id` header (at most 64 characters; the browser sends its device cookie
    instead): bookings are recorded with the device and address they came from.

    - 400 `session`: no such arrival session at the office.
    - 403 `staff_account`: a staff or device account.
    - 404 `profile_not_found`, or `office_not_found`.
    - 409 `email_unverified` (verify the e-mail first), `nik_blocked` (after a no-show, or
      issuance suspended), `too_late` (booking closes the day before), `closed_day`,
      `not_released` (the reason says when it opens), `not_priority` (the priority pool's
      rule), `ballot_pool` (this pool is drawn by ballot: enter the draw), `full` (the session's
      quota is gone), `month_cap` (10 bookings per account per month, cancelled ones count),
      `nik_active` (this NIK already has an active booking).
    - 422 a missing or malformed field.
    - 429 too many bookings (`Retry-After`): 60 a minute from one address, 10 a minute for one
      account."""
    account = _applicant(request)
    hit("book_ip", client_ip(request))
    hit("book_account", str(account.pk))
    profile = _own_profile(request, payload.profile)
    office = _office(payload.office)
    booking = services.booking_create(
        account=account,
        profile=profile,
        office=office,
        day=payload.date,
        session=_session(office, payload.session),
        pool=payload.pool.value,
        answers=payload.answers.answers(),
        origin=origin_of(request),
    )
    return 201, booking_out(booking)


@router.get(
    "/bookings", auth=AUTH, response=list[BookingOut], summary="List the account's bookings"
)
def bookings_mine(request: HttpRequest) -> list[BookingOut]:
    """Applicant (bearer token or session). At most 50 bookings of the account's profiles:
    the visits to come first (the nearest first), then the rest (the latest first).

    403 for a staff or device account."""
    return [booking_out(b) for b in bookings_of(_applicant(request))[:50]]


def _own_booking(request: HttpRequest, code: str) -> Booking:
    found = (
        Booking.objects.select_related("office", "profile", "session")
        .filter(code=code.upper(), account=_applicant(request))
        .first()
    )
    if found is None:  # another account's booking is answered the same as none at all
        raise NotFound(_("Booking ini tidak ada di akun Anda."), code="booking_not_found")
    return found


@router.get("/bookings/{code}", auth=AUTH, response=BookingOut, summary="Show a booking")
def bookings_get(request: HttpRequest, code: BookingCodePath) -> BookingOut:
    """Applicant (bearer token or session). One booking of the account, with the QR payload
    and the documents to bring (`null` and `[]` once it no longer holds).

    - 403 `staff_account`: a staff or device account.
    - 404 `booking_not_found`: no booking of this account has that code."""
    return booking_out(_own_booking(request, code))


@router.post(
    "/bookings/{code}/reschedule",
    auth=AUTH,
    response=BookingOut,
    summary="Move a booking to another date or session",
)
def bookings_reschedule(
    request: HttpRequest, code: BookingCodePath, payload: RescheduleIn
) -> BookingOut:
    """Applicant (bearer token or session). Moves an active booking, once, at the latest the
    day before its date; a booking whose day the office closed afterwards may be moved again,
    up to and on that day. The old seat is freed (offered to the waitlist first); a notice is
    sent.

    - 400 `session` (no such arrival session), `same_slot` (the same date and session).
    - 403 `staff_account`: a staff or device account.
    - 404 `booking_not_found`.
    - 409 `not_active` (cancelled, checked in, invalid or no-show), `rescheduled` (moved once
      already), `too_late` (on or after the booked day, or a new date that is gone),
      `closed_day`, `not_released`, `not_priority`, `ballot_pool`, `full`.
    - 422 a missing or malformed field."""
    booking = _own_booking(request, code)
    booking = services.booking_reschedule(
        booking=booking,
        day=payload.date,
        session=_session(booking.office, payload.session),
        by=_applicant(request),
    )
    return booking_out(booking)


@router.post("/bookings/{code}/cancel", auth=AUTH, response=BookingOut, summary="Cancel a booking")
def bookings_cancel(request: HttpRequest, code: BookingCodePath) -> BookingOut:
    """Applicant (bearer token or session). Cancels an active booking any time before its
    day; the seat goes back at once (to the waitlist first) and a notice is sent. Answers the
    booking, now `cancelled`, with `qr: null`.

    - 403 `staff_account`: a staff or device account.
    - 404 `booking_not_found`.
    - 409 `not_active` (no longer active), `too_late` (on or after the booked day)."""
    booking = _own_booking(request, code)
    booking = services.booking_cancel(booking=booking, by=_applicant(request))
    return booking_out(booking)


@router.get(
    "/bookings/{code}/proof.pdf",
    auth=AUTH,
    summary="Download the booking proof (PDF)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The proof, `application/pdf`.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
            409: {"description": "The booking no longer holds."},
        }
    },
)
def bookings_proof(request: HttpRequest, code: BookingCodePath) -> HttpResponse:
    """Applicant (bearer token or session). The proof with the booking code and its QR code,
    as a PDF (`Content-Disposition: inline; filename="booking-<code>.pdf"`).

    - 403 `staff_account`: a staff or device account.
    - 404 `booking_not_found`.
    - 409 `not_active`: a cancelled, invalid or no-show booking has no proof."""
    booking = _own_booking(request, code)
    response = HttpResponse(proof_pdf(booking), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="booking-{booking.code}.pdf"'
    return response


@router.get(
    "/waitlist",
    auth=AUTH,
    response=list[WaitlistOut],
    summary="List the account's waitlist places",
)
def waitlist_mine(request: HttpRequest) -> list[WaitlistOut]:
    """Applicant (bearer token or session). At most 50 waitlist entries of the account, the
    newest first; an `offered` one holds a seat until `offer_expires_at`.

    403 for a staff or device account."""
    return [waitlist_out(w) for w in waitlist_of(_applicant(request)).order_by("-created_at")[:50]]


@router.post(
    "/waitlist",
    auth=AUTH,
    response={201: WaitlistOut},
    summary="Join the waitlist of a date",
    openapi_extra=NAMED_IN_BODY,
)
def waitlist_join(request: HttpRequest, payload: WaitlistIn) -> tuple[int, WaitlistOut]:
    """Applicant (bearer token or session). Waits for a seat in a pool that is sold out on an
    open date, any session. A freed seat is offered to the first person waiting, by e-mail,
    and held for 30 minutes (BOOKING_WAITLIST_OFFER_MINUTES): accept it with
    `POST /waitlist/{entry}/accept`.

    - 403 `staff_account`: a staff or device account.
    - 404 `profile_not_found`, or `office_not_found`.
    - 409 `email_unverified`, `nik_blocked`, `not_priority`, `ballot_pool`, `not_open` (the
      date cannot be booked), `no_quota` (the pool has no quota on that date), `seats_left`
      (book directly instead), `nik_active`, `waitlist_exists` (this NIK already waits for
      that date).
    - 422 a missing or malformed field."""
    entry = services.waitlist_join(
        account=_applicant(request),
        profile=_own_profile(request, payload.profile),
        office=_office(payload.office),
        day=payload.date,
        pool=payload.pool.value,
        answers=payload.answers.answers(),
    )
    return 201, waitlist_out(entry)


def _own_entry(request: HttpRequest, entry: UUID) -> WaitlistEntry:
    found = (
        WaitlistEntry.objects.select_related("office", "profile", "offered_session")
        .filter(public_id=entry, account=_applicant(request))
        .first()
    )
    if found is None:
        raise NotFound(
            _("Pendaftaran daftar tunggu ini tidak ada di akun Anda."), code="waitlist_not_found"
        )
    return found


@router.post(
    "/waitlist/{entry}/accept",
    auth=AUTH,
    response={201: BookingOut},
    summary="Accept a seat offered from the waitlist",
)
def waitlist_accept(request: HttpRequest, entry: EntryPath) -> tuple[int, BookingOut]:
    """Applicant (bearer token or session). Turns the seat offered to an `offered` entry into
    a booking (the device is recorded as for `POST /bookings`).

    - 403 `staff_account`: a staff or device account.
    - 404 `waitlist_not_found`.
    - 409 `no_offer` (no open offer), `offer_expired`, `too_late` (on or after the visit day),
      `closed_day` (the office has closed that day since), `email_unverified`, `nik_blocked`,
      `month_cap`, `nik_active`."""
    found = _own_entry(request, entry)
    booking = services.waitlist_accept(
        entry=found, account=_applicant(request), origin=origin_of(request)
    )
    return 201, booking_out(booking)


@router.post(
    "/waitlist/{entry}/leave", auth=AUTH, response={204: None}, summary="Leave the waitlist"
)
def waitlist_leave(request: HttpRequest, entry: EntryPath) -> tuple[int, None]:
    """Applicant (bearer token or session). Leaves a `waiting` or `offered` entry; an offered
    seat goes to the next person waiting, or back to everyone.

    - 403 `staff_account`: a staff or device account.
    - 404 `waitlist_not_found`.
    - 409 `not_active`: the entry is already accepted, expired or cancelled."""
    found = _own_entry(request, entry)
    services.waitlist_leave(entry=found, account=_applicant(request))
    return 204, None


@router.post(
    "/ballots/{office}/{date}/{pool}/entries",
    auth=AUTH,
    response={201: BallotEntryOut},
    summary="Enter a draw",
)
def ballot_enter(
    request: HttpRequest,
    office: OfficePath,
    date: DatePath,
    pool: PoolValue,
    payload: BallotIn,
) -> tuple[int, BallotEntryOut]:
    """Applicant (bearer token or session). Enters a person into the draw of a ballot pool on
    a released date, with a preferred session; one entry per NIK. At the close the seats go in
    draw order; the others join the waitlist in that order. `result` is `pending` until then.

    - 400 `session` (no such arrival session), `not_ballot` (the pool is not drawn by ballot
      at this office).
    - 403 `staff_account`: a staff or device account.
    - 404 `profile_not_found`, or `office_not_found`.
    - 409 `email_unverified`, `nik_blocked`, `not_priority`, `not_open` (the date is not open
      for entries), `too_late_for_ballot` (no time left before the day), `ballot_closed`,
      `nik_active`, `ballot_entered` (this NIK is already in the draw).
    - 422 a missing or malformed field."""
    found = _office(office)
    entry = services.ballot_enter(
        account=_applicant(request),
        profile=_own_profile(request, payload.profile),
        office=found,
        day=date,
        pool=pool.value,
        session=_session(found, payload.session),
        answers=payload.answers.answers(),
    )
    return 201, BallotEntryOut(
        id=entry.public_id, result=BallotResult(entry.result), rank=entry.rank
    )
