"""The booking API's schemas: what each operation takes and answers, with the OpenAPI
descriptions and examples a client developer reads (`paspor/booking/api/__init__.py` has the
operations)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from uuid import UUID

from ninja import P, PathEx, Schema
from pydantic import ConfigDict, Field, model_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from paspor.booking import rules, services
from paspor.booking.models import (
    AllocationMode,
    ApplicantProfile,
    BallotResult,
    BallotStatus,
    Booking,
    BookingStatus,
    Pool,
    WaitlistEntry,
    WaitlistStatus,
)
from paspor.booking.qr import qr_payload
from paspor.booking.selectors import (
    DayState,
    DayView,
)
from paspor.cases.types import ApplicationType, PassportKind, Sex
from paspor.lib.api_types import Described, Text
from paspor.lib.language import nik_notes_shown
from paspor.lib.report_years import FIRST_YEAR, LAST_YEAR

PoolValue = Annotated[
    Pool,
    Described(
        "A quota pool of a session: `regular`; `priority` (Ramah HAM: children under 5, people "
        "aged 60 or more, people with a disability, pregnant women); `express` (the fast "
        "service, percepatan, at a higher fee)."
    ),
]
AllocationModeValue = Annotated[
    AllocationMode,
    Described(
        "How a pool's seats are given: `fcfs` first come, first served (`POST /bookings`); "
        "`ballot` by a published draw (`POST /ballots/{office}/{date}/{pool}/entries`)."
    ),
]
DayStateValue = Annotated[
    DayState,
    Described(
        "Whether a date can be booked: `open`; `closed` (not a working day of the office); "
        "`not_released` (its quota opens at `opens_at`); `past` (today or earlier: booking "
        "closes the day before the visit)."
    ),
]
BookingStatusValue = Annotated[
    BookingStatus,
    Described(
        "`booked` (active); `checked_in` (scanned at the kiosk); `cancelled` (by the applicant, "
        "or because the office closed that day); `no_show` (not checked in by the end of the "
        "session: the NIK cannot book for a while, 30 days by default); `invalid` (declared "
        "invalid by staff)."
    ),
]
ApplicationTypeValue = Annotated[
    ApplicationType,
    Described(
        "The kind of application: `new_adult`, `new_child` (under 17 and never married), "
        "`replacement` (expired or pages full), `damaged`, `lost`, `change_of_data`."
    ),
]
PassportKindValue = Annotated[
    PassportKind,
    Described("The passport applied for: `electronic`, or `ordinary` (48 pages, no chip)."),
]
SexValue = Annotated[Sex, Described("As on the KTP: `M` male, `F` female.")]
WaitlistStatusValue = Annotated[
    WaitlistStatus,
    Described(
        "`waiting`; `offered` (a seat is held until `offer_expires_at`: accept it or it passes "
        "on); `accepted` (it became a booking); `expired` (the offer was not accepted in "
        "time); `cancelled` (left the waitlist)."
    ),
]
BallotStatusValue = Annotated[
    BallotStatus,
    Described(
        "`open` (taking entries until `closes_at`), `drawn` (the seed is published), or "
        "`cancelled` (the office's calendar closed the date before the draw: no seats given)."
    ),
]
BallotResultValue = Annotated[
    BallotResult,
    Described(
        "`pending` until the draw; then `won` (a seat was booked), `waitlisted` (joined the "
        "waitlist in draw order) or `void` (the NIK meanwhile had an active booking or a block); "
        "`cancelled` when the ballot was cancelled because the office closed that date."
    ),
]

OFFICE_CODE = "The office's code (letters, digits, `-` or `_`; at most 20), e.g. `ketapang`."
SESSION_KEY = (
    "An arrival session of the office, by its start time `HH:MM` in the office's time zone "
    "(`session` of the availability answer)."
)
# A session key is `HH:MM` (`HH:MM:SS` is read too); a longer text is no session at all.
SessionKey = Annotated[str, Text(16)]
OfficePath = PathEx[str, P(description=OFFICE_CODE)]
# A visit's date within the years a report may show: the office's clock of year 1 is its local
# mean time (an offset of +07:07:12, not ISO 8601's), and no one books for then.
DatePath = PathEx[
    dt.date,
    P(
        description="The date of the visit, ISO 8601 (`2026-12-01`).",
        ge=dt.date(FIRST_YEAR, 1, 1),
        le=dt.date(LAST_YEAR, 12, 31),
    ),
]
BookingCodePath = PathEx[str, P(description="The booking code (letters are case-insensitive).")]
ProfilePath = PathEx[UUID, P(description="The profile's id.")]
EntryPath = PathEx[UUID, P(description="The waitlist entry's id.")]
DevicePath = PathEx[UUID, P(description="The signed-in device's id (`GET /account/devices`).")]


class PingOut(Schema):
    """The service answers."""

    ok: bool = Field(description="Always `true`.")


class PoolOut(Schema):
    """One quota pool of an arrival session on a date."""

    pool: PoolValue
    label: str = Field(description="The pool's name in the reader's language.")
    mode: AllocationModeValue
    capacity: int = Field(description="Seats of this pool in this session on this date.")
    remaining: int = Field(
        description="Seats still free (never below 0). May be up to 10 seconds old "
        "(BOOKING_AVAILABILITY_CACHE_SECONDS); the booking itself is decided by the database."
    )


class SessionOut(Schema):
    """An arrival session: the window in which the applicant comes to the office."""

    session: str = Field(
        description="The session's key, its start time `HH:MM` in the office's time zone; "
        "send it as `session` to book.",
        examples=["08:00"],
    )
    start: str = Field(
        description="Start of the arrival window, `HH:MM`, office's time zone.",
        examples=["08:00"],
    )
    end: str = Field(
        description="End of the arrival window, `HH:MM`, office's time zone.", examples=["10:00"]
    )
    pools: list[PoolOut] = Field(description="The quota pools of this session.")


class DayOut(Schema):
    """A date at an office: whether it can be booked, and the seats per session and pool."""

    date: dt.date = Field(description="The date, ISO 8601.")
    state: DayStateValue
    opens_at: dt.datetime = Field(
        description="When this date's quota is (or was) released: ISO 8601 with the office's "
        "UTC offset (`2026-11-30T09:00:00+07:00`)."
    )
    sessions: list[SessionOut] = Field(
        description="The arrival sessions with their pools; empty unless `state` is `open`."
    )


def day_out(day: DayView) -> DayOut:
    return DayOut(
        date=day.date,
        state=day.state,
        opens_at=day.opens_at,
        sessions=[
            SessionOut(
                session=s.key,
                start=f"{s.start:%H:%M}",
                end=f"{s.end:%H:%M}",
                pools=[
                    PoolOut(
                        pool=Pool(p.pool),
                        label=p.label,
                        mode=AllocationMode(p.mode),
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
    """The questionnaire's answers: they decide the application type, the documents to bring,
    and whether the priority pool may be booked."""

    old_passport: rules.OldPassport = Field(
        rules.OldPassport.NONE,
        description="The previous Indonesian passport: `none` (never had one), `held` (still "
        "held: valid, expired or pages full), `lost`, `damaged`.",
    )
    data_changed: bool = Field(
        False,
        description="Name, birth date or birth place differ from the old passport (with "
        "`held`: a change of data).",
    )
    married: bool = Field(
        False,
        description="Married, or ever married: a married person under 17 applies as an adult.",
    )
    disability: bool = Field(False, description="Has a disability (priority pool).")
    pregnant: bool = Field(False, description="Pregnant (priority pool; not counted for sex `M`).")
    passport_kind: PassportKindValue = Field(
        PassportKind.ELECTRONIC,
        description="The passport applied for: `electronic` (default) or `ordinary` (48 pages).",
    )

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        # django-ninja's Schema reads the attributes of whatever it is given: a string, null or
        # a list here passed as answers with every field at its default (a child's application,
        # no priority). Only a JSON object is answers.
        if not isinstance(getattr(data, "_obj", data), dict):
            raise PydanticCustomError("model_type", "Input should be an object")
        return data

    def answers(self) -> rules.Answers:
        return rules.Answers(
            old_passport=self.old_passport,
            data_changed=self.data_changed,
            married=self.married,
            disability=self.disability,
            pregnant=self.pregnant,
            passport_kind=self.passport_kind.value,
        )


ANSWERS_EXAMPLE: JsonDict = {
    "old_passport": "held",
    "data_changed": False,
    "married": True,
    "disability": False,
    "pregnant": False,
    "passport_kind": "electronic",
}


class DocumentOut(Schema):
    """An original document to bring to the office."""

    code: str = Field(
        description="Stable code: `ktp`, `kk`, `civil_record`, `birth_certificate`, "
        "`parents_ktp`, `parents_marriage_certificate`, `old_passport`, `damaged_passport`, "
        "`police_loss_report`, `change_evidence`.",
        examples=["ktp"],
    )
    label: str = Field(description="The document's name in the reader's language.")
    note: str = Field(description="A hint in the reader's language; may be empty.")


class QuestionnaireIn(Schema):
    """The person and the answers, to learn the application type and the documents."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "birth_date": "1990-04-17",
                    "sex": "F",
                    "on": "2026-12-01",
                    "answers": ANSWERS_EXAMPLE,
                }
            ]
        }
    )

    birth_date: dt.date = Field(description="Date of birth, ISO 8601.")
    # pregnancy counts towards the priority pool for women only
    sex: SexValue | None = Field(
        None, description="Optional; when `M`, `pregnant` does not count for the priority pool."
    )
    on: dt.date | None = Field(
        None,
        description="The day of the visit the answer is for, ISO 8601; default: today (on the "
        "office's clock when `office` is given).",
    )
    office: str | None = Field(
        None,
        max_length=20,
        description="Optional: the office's code. An office may set its own priority ages "
        "(some serve the elderly first from 65); without it the deployment's ages apply. "
        "404 `office_not_found` for an unknown code.",
        examples=["ketapang"],
    )
    answers: AnswersIn = Field(description="The questionnaire's answers.")


class QuestionnaireOut(Schema):
    """What the answers mean for the visit."""

    application_type: ApplicationTypeValue
    is_child: bool = Field(description="Under 17 and never married on the day of the visit.")
    priority_eligible: bool = Field(
        description="May book the priority pool: under 5, aged 60 or more, a disability, or "
        "pregnant (ages configured per installation)."
    )
    documents: list[DocumentOut] = Field(description="The original documents to bring.")


class TokenIn(Schema):
    """An applicant account's sign-in."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"email": "pemohon@example.com", "password": "paspor-demo-2026"}]
        }
    )

    email: Annotated[str, Text(254)] = Field(
        description="The e-mail address the account was registered with."
    )
    password: str = Field(description="The account's password.")


class DeviceOut(Schema):
    """A browser or app signed in to the account."""

    id: UUID = Field(description="Send to `DELETE /account/devices/{id}` to sign it out.")
    kind: Literal["browser", "app"] = Field(
        description="`browser`: a web session; `app`: a bearer token."
    )
    name: str = Field(
        description="The browser and system read from its `User-Agent` when it signed in "
        '("Chrome Mobile, Android (Samsung SM-A556E)"), the text an app sent, or '
        '"Tidak dikenal".'
    )
    signed_in_at: dt.datetime = Field(description="When it signed in, ISO 8601 in UTC.")
    last_used_at: dt.datetime = Field(
        description="When it was last used, ISO 8601 in UTC; written at most every 5 minutes."
    )
    current: bool = Field(description="`true` for the device asking.")


class TokenOut(Schema):
    """A bearer token for the applicant endpoints."""

    token: str = Field(
        description="Send as `Authorization: Bearer <token>`. Valid 7 days "
        "(BOOKING_TOKEN_MAX_AGE); void once the account's password changes (401 "
        "`token_expired` or `token_invalid`: ask for a new one)."
    )
    expires_at: dt.datetime = Field(
        description="When the token stops working, ISO 8601 in UTC (`Z`): ask for a new one "
        "before then. A password change voids it earlier."
    )


class RegisterIn(Schema):
    """A new applicant account."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "email": "siti@example.com",
                    "password": "rahasia-siti-2026",
                    "full_name": "Siti Aminah",
                    "phone": "0812-3456-7890",
                }
            ]
        }
    )

    email: Annotated[str, Text(254)] = Field(
        description="The account's e-mail address, used to sign in; the verification code is "
        "sent to it. Not a valid address: 400 `email`."
    )
    # Not `Text`: a password is kept exactly as typed, spaces at either end included, as the
    # sign-in (`POST /token`, the sign-in page) compares it.
    password: str = Field(
        min_length=1,
        max_length=128,
        description="At least 8 characters, not only digits, not a common password and not "
        "like the e-mail or name (400 `password` with the reasons); at most 128. Kept exactly "
        "as typed: spaces at either end are part of it.",
    )
    full_name: Annotated[str, Text(150)] = Field(description="The account holder's full name.")
    phone: Annotated[str, Text(30, blank=True)] = Field(
        "",
        description="Optional Indonesian phone number, typed with `0`, `+62` or `62`; kept as "
        "`+62…` (E.164). Not a valid number: 400 `phone`.",
    )


class AccountOut(Schema):
    """The signed-in applicant account."""

    email: str = Field(description="The e-mail address the account signs in with.")
    full_name: str = Field(description="The account holder's name.")
    phone: str = Field(description="Phone number as `+62…` (E.164), or empty.")
    email_verified: bool = Field(
        description="Whether the e-mail address is verified. Until it is, booking, the "
        "waitlist and ballots answer 409 `email_unverified`: send the code from the e-mail to "
        "`POST /api/booking/account/verify`."
    )


class VerifyIn(Schema):
    """The six-digit code from the verification e-mail."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"code": "482913"}]})

    code: str = Field(
        description="The six digits from the e-mail; a space or dash in the middle is "
        "ignored (`482 913`). Anything else is refused with 422 and costs no try.",
        pattern=r"^\s*[0-9]{3}[\s-]?[0-9]{3}\s*$",
        examples=["482913"],
    )


class VerificationOut(Schema):
    """A new verification code was sent."""

    sent_to: str = Field(description="The e-mail address the code and link went to.")
    expires_at: dt.datetime = Field(
        description="The code and link work until then (30 minutes, "
        "BOOKING_VERIFY_CODE_MINUTES), ISO 8601 with UTC offset; earlier codes stop working."
    )


PERSON_EXAMPLE: JsonDict = {
    "full_name": "Siti Aminah",
    "sex": "F",
    "birth_date": "1990-04-17",
    "birth_place": "Bogor",
    "phone": "0812-3456-7890",
}


class ProfileUpdateIn(Schema):
    """A person's data as corrected by the account (everything but the NIK, which stays)."""

    model_config = ConfigDict(json_schema_extra={"examples": [PERSON_EXAMPLE]})

    full_name: Annotated[str, Text(200)] = Field(description="Full name as on the KTP.")
    sex: SexValue
    birth_date: dt.date = Field(
        description="Date of birth, ISO 8601; not in the future, at most 130 years ago."
    )
    birth_place: Annotated[str, Text(100)] = Field(description="Place of birth as on the KTP.")
    phone: Annotated[str, Text(30, blank=True)] = Field(
        "",
        description="Optional Indonesian phone number, typed with `0`, `+62` or `62` (spaces, "
        "dashes, dots allowed); kept as `+62…` (E.164). Empty for none.",
    )


class ProfileIn(ProfileUpdateIn):
    """A person the account books for (at most 5 per account)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"nik": "3201015704900002", **PERSON_EXAMPLE}]}
    )

    nik: Annotated[str, Text(24)] = Field(
        description="NIK from the KTP: 16 digits; spaces are ignored. An impossible NIK is "
        "refused (400); an unknown region, or one that disagrees with `birth_date` or `sex`, is "
        "accepted and noted in `nik_flags`."
    )


class ProfileOut(Schema):
    """A person the account books for."""

    id: UUID = Field(description="The profile's id: `profile` when booking.")
    nik: str = Field(description="The NIK, 16 digits.", examples=["3201015704900002"])
    full_name: str = Field(description="Full name as on the KTP.")
    sex: SexValue
    birth_date: dt.date = Field(description="Date of birth, ISO 8601.")
    birth_place: str = Field(description="Place of birth.")
    phone: str = Field(description="Phone number as `+62…` (E.164), or empty.")
    nik_flags: list[str] = Field(
        description="Notes for the officer about the NIK (unknown region, birth date or sex "
        "that disagree), in the reader's language; empty when none."
    )


def profile_out(p: ApplicantProfile) -> ProfileOut:
    return ProfileOut(
        id=p.public_id,
        nik=p.nik,
        full_name=p.full_name,
        sex=Sex(p.sex),
        birth_date=p.birth_date,
        birth_place=p.birth_place,
        phone=p.phone,
        # In the caller's language (Accept-Language), as the profile page shows them.
        nik_flags=nik_notes_shown(list(p.nik_flags), nik=p.nik, birth_date=p.birth_date, sex=p.sex),
    )


class PersonOnDay(Schema):
    """Who, where and on which day: what a booking and a waitlist place both name."""

    profile: UUID = Field(description="The id of one of the account's profiles.")
    office: Annotated[str, Text(20)] = Field(description=OFFICE_CODE)
    date: dt.date = Field(description="The date of the visit, ISO 8601.")
    pool: PoolValue = Field(
        Pool.REGULAR,
        description="The quota pool, default `regular`; `priority` only when the questionnaire "
        "finds the person eligible (`not_priority` otherwise); `express` at a higher fee.",
    )
    answers: AnswersIn = Field(description="The questionnaire's answers for this person.")


class BookIn(PersonOnDay):
    """A seat to book, first come, first served."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "profile": "6f1c2a9e-8d4b-4f7a-9c3e-2b5d7a1e0f42",
                    "office": "ketapang",
                    "date": "2026-12-01",
                    "session": "08:00",
                    "pool": "regular",
                    "answers": ANSWERS_EXAMPLE,
                }
            ]
        }
    )

    session: SessionKey = Field(description=SESSION_KEY, examples=["08:00"])


class BookingOut(Schema):
    """A booking, with what its proof shows."""

    code: str = Field(
        description="The booking code: 10 characters of A–Z and 2–9, without 0, O, 1 or I.",
        examples=["K7M2QX9TRA"],
    )
    status: BookingStatusValue
    office: str = Field(description="The office's code.")
    office_name: str = Field(description="The office's name.")
    date: dt.date = Field(description="The date of the visit, ISO 8601.")
    window_start: str = Field(
        description="Start of the arrival window, `HH:MM`, office's time zone.",
        examples=["08:00"],
    )
    window_end: str = Field(
        description="End of the arrival window, `HH:MM`, office's time zone.",
        examples=["10:00"],
    )
    pool: PoolValue
    application_type: ApplicationTypeValue
    passport_kind: PassportKindValue
    profile: UUID = Field(description="The id of the profile booked for.")
    full_name: str = Field(description="The booked person's full name.")
    reschedule_count: int = Field(
        description="Times the booking was moved: once at most, except when the office closed "
        "the booked day afterwards."
    )
    # A booking that no longer holds (cancelled, invalid, no-show) has no QR code and no list of
    # documents to bring: null and [] (`services.proof_refusal`).
    qr: str | None = Field(
        description="What the QR code on the proof says: `PASPOR1:<code>:<tag>`, `tag` 16 hex "
        "digits bound to the NIK (the kiosk checks it against the KTP). Show it as a QR code. "
        "`null` when the booking no longer holds (`cancelled`, `invalid`, `no_show`).",
        examples=["PASPOR1:K7M2QX9TRA:3f9a1c0b7d2e4a65"],
    )
    documents: list[DocumentOut] = Field(
        description="The original documents to bring; `[]` when the booking no longer holds."
    )


def doc_out(doc: rules.Document) -> DocumentOut:
    return DocumentOut(code=doc.code, label=str(doc.label), note=str(doc.note))


def booking_out(b: Booking) -> BookingOut:
    valid = services.proof_refusal(b) is None
    return BookingOut(
        code=b.code,
        status=BookingStatus(b.status),
        office=b.office.code,
        office_name=b.office.name,
        date=b.date,
        window_start=f"{b.window_start:%H:%M}",
        window_end=f"{b.window_end:%H:%M}",
        pool=Pool(b.pool),
        application_type=ApplicationType(b.application_type),
        passport_kind=PassportKind(b.passport_kind),
        profile=b.profile.public_id,
        full_name=b.profile.full_name,
        reschedule_count=b.reschedule_count,
        qr=qr_payload(code=b.code, nik=b.nik) if valid else None,
        documents=[doc_out(d) for d in services.booking_documents(b)] if valid else [],
    )


class RescheduleIn(Schema):
    """The new date and session."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"date": "2026-12-08", "session": "10:00"}]}
    )

    date: dt.date = Field(description="The new date of the visit, ISO 8601.")
    session: SessionKey = Field(description=SESSION_KEY, examples=["10:00"])


class WaitlistIn(PersonOnDay):
    """A place on the waitlist of a sold-out pool on a date (any session)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "profile": "6f1c2a9e-8d4b-4f7a-9c3e-2b5d7a1e0f42",
                    "office": "ketapang",
                    "date": "2026-12-01",
                    "pool": "regular",
                    "answers": ANSWERS_EXAMPLE,
                }
            ]
        }
    )


class WaitlistOut(Schema):
    """A place on a waitlist, and the seat offered to it, if any."""

    id: UUID = Field(description="The waitlist entry's id.")
    profile: UUID = Field(description="The id of the profile waiting.")
    full_name: str = Field(description="The waiting person's full name.")
    office: str = Field(description="The office's code.")
    date: dt.date = Field(description="The date of the visit, ISO 8601.")
    pool: PoolValue
    status: WaitlistStatusValue
    offered_session: str | None = Field(
        description="The session of the seat offered, `HH:MM` in the office's time zone; `null` "
        "when no seat was offered.",
        examples=["08:00"],
    )
    offer_expires_at: dt.datetime | None = Field(
        description="Accept the offer before this moment (30 minutes after the offer, "
        "BOOKING_WAITLIST_OFFER_MINUTES), ISO 8601 with UTC offset; `null` without an offer."
    )


def waitlist_out(w: WaitlistEntry) -> WaitlistOut:
    return WaitlistOut(
        id=w.public_id,
        profile=w.profile.public_id,
        full_name=w.profile.full_name,
        office=w.office.code,
        date=w.date,
        pool=Pool(w.pool),
        status=WaitlistStatus(w.status),
        offered_session=w.offered_session.key if w.offered_session else None,
        offer_expires_at=w.offer_expires_at,
    )


class BallotIn(Schema):
    """An entry into a pool's draw (one per NIK)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "profile": "6f1c2a9e-8d4b-4f7a-9c3e-2b5d7a1e0f42",
                    "session": "08:00",
                    "answers": ANSWERS_EXAMPLE,
                }
            ]
        }
    )

    profile: UUID = Field(description="The id of one of the account's profiles.")
    session: SessionKey = Field(
        description=SESSION_KEY + " The preferred session: a won seat is in it when it still "
        "has room, else in the earliest session with room.",
        examples=["08:00"],
    )
    answers: AnswersIn = Field(description="The questionnaire's answers for this person.")


class BallotOut(Schema):
    """The public record of a draw: anyone can check the order afterwards."""

    office: str = Field(description="The office's code.")
    date: dt.date = Field(description="The date of the visit, ISO 8601.")
    pool: PoolValue
    status: BallotStatusValue
    opens_at: dt.datetime = Field(description="Entries open, ISO 8601 with UTC offset.")
    closes_at: dt.datetime = Field(
        description="Entries close and the draw follows, ISO 8601 with UTC offset."
    )
    seed_hash: str = Field(
        description="SHA-256 of the seed's 32 bytes, 64 hex digits: published when entries "
        "open, so the seed cannot change afterwards."
    )
    seed: str = Field(
        description="The seed, 64 hex digits, once drawn (empty before). Order: sort entries "
        "by (SHA-256(seed bytes ‖ `:` ‖ NIK), NIK)."
    )
    entries: int = Field(description="Number of entries.")
    order: list[DrawnEntryOut] = Field(
        description="After the draw, every entry in draw order (empty before). Check that the "
        "keys rise with the rank, that no seat went after a waitlist place, and find your own "
        "line by computing your key from the seed and your NIK."
    )


class DrawnEntryOut(Schema):
    """One line of a drawn ballot's public order."""

    rank: int = Field(description="Place in the draw order, from 1.")
    key: str = Field(
        description="SHA-256(seed bytes ‖ `:` ‖ NIK as 16 ASCII digits), 64 hex digits: the "
        "sort key. The NIK itself is not published."
    )
    preferred_session: str = Field(description="The session the entrant asked for, `HH:MM`.")
    result: BallotResultValue
    session: str = Field(description="The session of the seat given, `HH:MM`; empty if none.")


class BallotEntryOut(Schema):
    """An entry into a draw."""

    id: UUID = Field(description="The entry's id.")
    result: BallotResultValue
    rank: int | None = Field(description="Place in the draw order; `null` until drawn.")
