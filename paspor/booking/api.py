"""The booking API (/api/booking/): the same operations as the pages, as JSON.

Applicants authenticate with their session (browser; CSRF applies) or with a bearer token
from `POST /api/booking/token` (mobile). Availability, questionnaire, ballot records and `ping`
are public. Refused rules answer 409 with the reason, bad input 400, rate limits 429.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any
from uuid import UUID

from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from paspor.accounts.access import user_roles
from paspor.accounts.models import STAFF_ROLES, User
from paspor.booking import rules, services
from paspor.booking.models import (
    ApplicantProfile,
    Booking,
    Pool,
    WaitlistEntry,
)
from paspor.booking.pdf import proof_pdf
from paspor.booking.qr import qr_payload
from paspor.booking.ratelimit import client_ip, hit
from paspor.booking.selectors import (
    DayView,
    availability,
    ballot_for,
    bookings_of,
    office_by_code,
    session_by_key,
    upcoming_days,
    waitlist_of,
)
from paspor.booking.services.bookings import priority_allowed
from paspor.booking.views.common import origin_of
from paspor.cases.types import PassportKind, Sex
from paspor.lib.api_auth import session_auth
from paspor.lib.api_types import Text
from paspor.lib.errors import Conflict, DomainError, NotFound, RateLimited
from paspor.lib.language import nik_notes_shown
from paspor.offices.models import Office


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        account = services.api_token_account(token)
        if account is not None:
            request.user = account
            request._booking_applicant = True  # type: ignore[attr-defined] # tokens: applicants only
        return account


AUTH = [BearerToken(), session_auth]
router = Router(tags=["booking"])


@contextmanager
def bad_input() -> Iterator[None]:
    """Conflict, NotFound and RateLimited go to the API's handlers (409, 404, 429); other
    refusals are 400."""
    try:
        yield
    except (Conflict, NotFound, RateLimited):
        raise
    except DomainError as exc:
        raise HttpError(400, exc.message) from None


def _applicant(request: HttpRequest) -> User:
    """The signed-in applicant; staff and device accounts have no applicant area (403)."""
    user = request.user
    assert isinstance(user, User)
    checked = getattr(request, "_booking_applicant", None)
    if checked is None:
        checked = not (user_roles(user) & STAFF_ROLES)
        request._booking_applicant = checked  # type: ignore[attr-defined]
    if not checked:
        raise HttpError(403, _("Hanya untuk akun pemohon."))
    return user


def _office(code: str) -> Office:
    office = office_by_code(code)
    if office is None:
        raise HttpError(404, _("Kantor tidak ditemukan."))
    return office


# --- Schemas -----------------------------------------------------------------------------


class PoolOut(Schema):
    pool: str
    label: str
    mode: str
    capacity: int
    remaining: int


class SessionOut(Schema):
    session: str
    start: str
    end: str
    pools: list[PoolOut]


class DayOut(Schema):
    date: dt.date
    state: str
    opens_at: dt.datetime
    sessions: list[SessionOut]


def _day_out(day: DayView) -> DayOut:
    return DayOut(
        date=day.date,
        state=day.state.value,
        opens_at=day.opens_at,
        sessions=[
            SessionOut(
                session=s.key,
                start=f"{s.start:%H:%M}",
                end=f"{s.end:%H:%M}",
                pools=[
                    PoolOut(
                        pool=p.pool,
                        label=p.label,
                        mode=p.mode,
                        capacity=p.capacity,
                        remaining=p.remaining,
                    )
                    for p in s.pools
                ],
            )
            for s in day.sessions
        ],
    )


class AnswersIn(Schema):
    old_passport: rules.OldPassport = rules.OldPassport.NONE
    data_changed: bool = False
    married: bool = False
    disability: bool = False
    pregnant: bool = False
    passport_kind: PassportKind = PassportKind.ELECTRONIC

    def answers(self) -> rules.Answers:
        return rules.Answers(
            old_passport=self.old_passport,
            data_changed=self.data_changed,
            married=self.married,
            disability=self.disability,
            pregnant=self.pregnant,
            passport_kind=self.passport_kind.value,
        )


class DocumentOut(Schema):
    code: str
    label: str
    note: str


class QuestionnaireIn(Schema):
    birth_date: dt.date
    sex: Sex | None = None  # pregnancy counts towards the priority pool for women only
    on: dt.date | None = None
    answers: AnswersIn


class QuestionnaireOut(Schema):
    application_type: str
    is_child: bool
    priority_eligible: bool
    documents: list[DocumentOut]


class TokenIn(Schema):
    email: str
    password: str


class TokenOut(Schema):
    token: str


class ProfileIn(Schema):
    nik: Annotated[str, Text(24)]
    full_name: Annotated[str, Text(200)]
    sex: Sex
    birth_date: dt.date
    birth_place: Annotated[str, Text(100)]
    phone: Annotated[str, Text(30, blank=True)] = ""


class ProfileOut(Schema):
    id: UUID
    nik: str
    full_name: str
    sex: str
    birth_date: dt.date
    birth_place: str
    phone: str
    nik_flags: list[str]


def _profile_out(p: ApplicantProfile) -> ProfileOut:
    return ProfileOut(
        id=p.public_id,
        nik=p.nik,
        full_name=p.full_name,
        sex=p.sex,
        birth_date=p.birth_date,
        birth_place=p.birth_place,
        phone=p.phone,
        # In the caller's language (Accept-Language), as the profile page shows them.
        nik_flags=nik_notes_shown(list(p.nik_flags), nik=p.nik, birth_date=p.birth_date, sex=p.sex),
    )


class BookIn(Schema):
    profile: UUID
    office: str
    date: dt.date
    session: str
    pool: Pool = Pool.REGULAR
    answers: AnswersIn


class BookingOut(Schema):
    code: str
    status: str
    office: str
    office_name: str
    date: dt.date
    window_start: str
    window_end: str
    pool: str
    application_type: str
    passport_kind: str
    profile: UUID
    full_name: str
    reschedule_count: int
    # A booking that no longer holds (cancelled, invalid, no-show) has no QR code and no list of
    # documents to bring: null and [] (`services.proof_refusal`).
    qr: str | None
    documents: list[DocumentOut]


def _doc_out(doc: rules.Document) -> DocumentOut:
    return DocumentOut(code=doc.code, label=str(doc.label), note=str(doc.note))


def _booking_out(b: Booking) -> BookingOut:
    valid = services.proof_refusal(b) is None
    return BookingOut(
        code=b.code,
        status=b.status,
        office=b.office.code,
        office_name=b.office.name,
        date=b.date,
        window_start=f"{b.window_start:%H:%M}",
        window_end=f"{b.window_end:%H:%M}",
        pool=b.pool,
        application_type=b.application_type,
        passport_kind=b.passport_kind,
        profile=b.profile.public_id,
        full_name=b.profile.full_name,
        reschedule_count=b.reschedule_count,
        qr=qr_payload(code=b.code, nik=b.nik) if valid else None,
        documents=[_doc_out(d) for d in services.booking_documents(b)] if valid else [],
    )


class RescheduleIn(Schema):
    date: dt.date
    session: str


class WaitlistIn(Schema):
    profile: UUID
    office: str
    date: dt.date
    pool: Pool = Pool.REGULAR
    answers: AnswersIn


class WaitlistOut(Schema):
    id: UUID
    office: str
    date: dt.date
    pool: str
    status: str
    offered_session: str | None
    offer_expires_at: dt.datetime | None


def _waitlist_out(w: WaitlistEntry) -> WaitlistOut:
    return WaitlistOut(
        id=w.public_id,
        office=w.office.code,
        date=w.date,
        pool=w.pool,
        status=w.status,
        offered_session=w.offered_session.key if w.offered_session else None,
        offer_expires_at=w.offer_expires_at,
    )


class BallotIn(Schema):
    profile: UUID
    session: str
    answers: AnswersIn


class BallotOut(Schema):
    office: str
    date: dt.date
    pool: str
    status: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    seed_hash: str
    seed: str
    entries: int


class BallotEntryOut(Schema):
    id: UUID
    result: str
    rank: int | None


# --- Public ------------------------------------------------------------------------------


@router.get("/ping", auth=None, summary="Minimal endpoint (health check, benchmark baseline)")
def ping(request: HttpRequest) -> dict[str, bool]:
    return {"ok": True}


@router.get("/availability/{office}", auth=None, response=list[DayOut])
def availability_days(request: HttpRequest, office: str) -> list[DayOut]:
    found = _office(office)
    return [_day_out(day) for day in availability(found, upcoming_days(found))]


@router.get("/availability/{office}/{date}", auth=None, response=DayOut)
def availability_day(request: HttpRequest, office: str, date: dt.date) -> DayOut:
    return _day_out(availability(_office(office), [date])[0])


@router.post("/questionnaire", auth=None, response=QuestionnaireOut)
def questionnaire(request: HttpRequest, payload: QuestionnaireIn) -> QuestionnaireOut:
    answers = payload.answers.answers()
    on = payload.on or dt.date.today()
    child = rules.is_child(birth_date=payload.birth_date, on=on, married=answers.married)
    kind = rules.application_type(answers, child=child)
    return QuestionnaireOut(
        application_type=kind.value,
        is_child=child,
        priority_eligible=priority_allowed(
            answers,
            birth_date=payload.birth_date,
            on=on,
            sex=payload.sex.value if payload.sex else None,
        ),
        documents=[_doc_out(d) for d in rules.required_documents(kind, is_child=child)],
    )


@router.post(
    "/token",
    auth=None,
    response=TokenOut,
    openapi_extra={
        "responses": {
            401: {"description": "Wrong e-mail or password."},
            403: {"description": "Staff accounts get no API token."},
        }
    },
)
def token(request: HttpRequest, payload: TokenIn) -> TokenOut:
    hit("token_ip", client_ip(request))
    hit("login_account", payload.email.strip().lower())
    account = authenticate(request, username=payload.email, password=payload.password)
    if not isinstance(account, User):
        raise HttpError(401, _("E-mail atau kata sandi salah."))
    if user_roles(account) & STAFF_ROLES:
        raise HttpError(403, _("Hanya untuk akun pemohon."))
    return TokenOut(token=services.api_token_issue(account=account))


@router.get("/ballots/{office}/{date}/{pool}", auth=None, response=BallotOut)
def ballot_record(request: HttpRequest, office: str, date: dt.date, pool: Pool) -> BallotOut:
    found = ballot_for(_office(office), date, pool)
    if found is None:
        raise HttpError(404, _("Undian tidak ditemukan."))
    return BallotOut(
        office=office,
        date=found.date,
        pool=found.pool,
        status=found.status,
        opens_at=found.opens_at,
        closes_at=found.closes_at,
        seed_hash=found.seed_hash,
        seed=found.published_seed,
        entries=found.entries.count(),
    )


# --- Applicant ---------------------------------------------------------------------------


@router.get("/profiles", auth=AUTH, response=list[ProfileOut])
def profiles_list(request: HttpRequest) -> list[ProfileOut]:
    return [_profile_out(p) for p in _applicant(request).profiles.order_by("created_at")]


@router.post("/profiles", auth=AUTH, response={201: ProfileOut})
def profiles_add(request: HttpRequest, payload: ProfileIn) -> tuple[int, ProfileOut]:
    with bad_input():
        profile = services.profile_add(account=_applicant(request), **payload.dict())
    return 201, _profile_out(profile)


@router.delete("/profiles/{profile}", auth=AUTH, response={204: None})
def profiles_delete(request: HttpRequest, profile: UUID) -> tuple[int, None]:
    found = _own_profile(request, profile)
    with bad_input():
        services.profile_delete(profile=found)
    return 204, None


def _own_profile(request: HttpRequest, profile: UUID) -> ApplicantProfile:
    found = ApplicantProfile.objects.filter(public_id=profile, account=_applicant(request)).first()
    if found is None:
        raise NotFound(_("Profil pemohon ini tidak ada di akun Anda."), code="profile_not_found")
    return found


def _session(office: Office, key: str) -> Any:
    session = session_by_key(office, key)
    if session is None:
        raise HttpError(400, _("Sesi kedatangan tidak ditemukan."))
    return session


@router.post("/bookings", auth=AUTH, response={201: BookingOut})
def bookings_create(request: HttpRequest, payload: BookIn) -> tuple[int, BookingOut]:
    account = _applicant(request)
    hit("book_ip", client_ip(request))
    hit("book_account", str(account.pk))
    profile = _own_profile(request, payload.profile)
    office = _office(payload.office)
    with bad_input():
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
    return 201, _booking_out(booking)


@router.get("/bookings", auth=AUTH, response=list[BookingOut])
def bookings_mine(request: HttpRequest) -> list[BookingOut]:
    return [_booking_out(b) for b in bookings_of(_applicant(request))[:50]]


def _own_booking(request: HttpRequest, code: str) -> Booking:
    found = (
        Booking.objects.select_related("office", "profile", "session")
        .filter(code=code.upper(), account=_applicant(request))
        .first()
    )
    if found is None:  # another account's booking is answered the same as none at all
        raise NotFound(_("Booking ini tidak ada di akun Anda."), code="booking_not_found")
    return found


@router.get("/bookings/{code}", auth=AUTH, response=BookingOut)
def bookings_get(request: HttpRequest, code: str) -> BookingOut:
    return _booking_out(_own_booking(request, code))


@router.post("/bookings/{code}/reschedule", auth=AUTH, response=BookingOut)
def bookings_reschedule(request: HttpRequest, code: str, payload: RescheduleIn) -> BookingOut:
    booking = _own_booking(request, code)
    with bad_input():
        booking = services.booking_reschedule(
            booking=booking,
            day=payload.date,
            session=_session(booking.office, payload.session),
            by=_applicant(request),
        )
    return _booking_out(booking)


@router.post("/bookings/{code}/cancel", auth=AUTH, response=BookingOut)
def bookings_cancel(request: HttpRequest, code: str) -> BookingOut:
    booking = _own_booking(request, code)
    with bad_input():
        booking = services.booking_cancel(booking=booking, by=_applicant(request))
    return _booking_out(booking)


@router.get(
    "/bookings/{code}/proof.pdf",
    auth=AUTH,
    openapi_extra={"responses": {409: {"description": "The booking no longer holds."}}},
)
def bookings_proof(request: HttpRequest, code: str) -> HttpResponse:
    booking = _own_booking(request, code)
    response = HttpResponse(proof_pdf(booking), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="booking-{booking.code}.pdf"'
    return response


@router.get("/waitlist", auth=AUTH, response=list[WaitlistOut])
def waitlist_mine(request: HttpRequest) -> list[WaitlistOut]:
    return [_waitlist_out(w) for w in waitlist_of(_applicant(request)).order_by("-created_at")[:50]]


@router.post("/waitlist", auth=AUTH, response={201: WaitlistOut})
def waitlist_join(request: HttpRequest, payload: WaitlistIn) -> tuple[int, WaitlistOut]:
    with bad_input():
        entry = services.waitlist_join(
            account=_applicant(request),
            profile=_own_profile(request, payload.profile),
            office=_office(payload.office),
            day=payload.date,
            pool=payload.pool.value,
            answers=payload.answers.answers(),
        )
    return 201, _waitlist_out(entry)


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


@router.post("/waitlist/{entry}/accept", auth=AUTH, response={201: BookingOut})
def waitlist_accept(request: HttpRequest, entry: UUID) -> tuple[int, BookingOut]:
    found = _own_entry(request, entry)
    with bad_input():
        booking = services.waitlist_accept(
            entry=found, account=_applicant(request), origin=origin_of(request)
        )
    return 201, _booking_out(booking)


@router.post("/waitlist/{entry}/leave", auth=AUTH, response={204: None})
def waitlist_leave(request: HttpRequest, entry: UUID) -> tuple[int, None]:
    found = _own_entry(request, entry)
    with bad_input():
        services.waitlist_leave(entry=found, account=_applicant(request))
    return 204, None


@router.post("/ballots/{office}/{date}/{pool}/entries", auth=AUTH, response={201: BallotEntryOut})
def ballot_enter(
    request: HttpRequest, office: str, date: dt.date, pool: Pool, payload: BallotIn
) -> tuple[int, BallotEntryOut]:
    found = _office(office)
    with bad_input():
        entry = services.ballot_enter(
            account=_applicant(request),
            profile=_own_profile(request, payload.profile),
            office=found,
            day=date,
            pool=pool.value,
            session=_session(found, payload.session),
            answers=payload.answers.answers(),
        )
    return 201, BallotEntryOut(id=entry.public_id, result=entry.result, rank=entry.rank)
