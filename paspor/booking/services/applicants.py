"""Applicant accounts: registration, e-mail verification, profiles, mobile API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import uuid
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paspor.accounts.models import SignIn, SignInKind, User
from paspor.accounts.services import sign_in_seen, sign_in_start
from paspor.audit.services import audit_record
from paspor.booking.conf import setting
from paspor.booking.models import (
    ACTIVE_BOOKING_STATUSES,
    OPEN_WAITLIST_STATUSES,
    ApplicantProfile,
    BallotEntry,
    BallotStatus,
    Booking,
    EmailVerification,
    WaitlistEntry,
)
from paspor.cases.types import Sex
from paspor.lib.birth_date import birth_date_check
from paspor.lib.errors import Conflict, DomainError, NotFound
from paspor.lib.language import in_active_language
from paspor.lib.nik import NikError, nik_compare, nik_masked, parse_nik
from paspor.lib.person_text import birth_place_check, full_name_check
from paspor.lib.phone import phone_normalise
from paspor.notifications.services import channel_preference_default, notify, public_url

TOKEN_SALT = "paspor.booking.api-token"  # noqa: S105 - a signing namespace, not a secret


def _code_hash(token: str, code: str) -> str:
    return hashlib.sha256(f"{token}:{code}".encode()).hexdigest()


def password_check(*, password: str, email: str, full_name: str = "") -> None:
    """The password rules (`AUTH_PASSWORD_VALIDATORS`, one too like the e-mail or the name)
    for a new account; raises ValidationError with every rule `password` breaks. The
    registration form asks it too, so its mistakes are said with the form's others, not one
    submit later."""
    email = email.strip().lower()
    candidate = User(username=email[:150], email=email, first_name=full_name[:150])
    validate_password(password, user=candidate)


@transaction.atomic
def account_register(
    *,
    email: str,
    password: str,
    full_name: str = "",
    phone: str = "",
    language: str | None = None,
) -> User:
    """A new applicant account, not yet verified; the code and link go to the e-mail.

    Messages to the account are in `language` (default: the interface's language now) until
    the applicant chooses otherwise on the notification preferences page.
    """
    email = email.strip().lower()
    if not email or "@" not in email:
        raise DomainError(_("Masukkan alamat e-mail yang benar."), code="email")
    longest = User._meta.get_field("email").max_length or 254
    if len(email) > longest:
        # The column's limit, said in words: past it PostgreSQL refuses the row (a 500).
        raise DomainError(
            _("Alamat e-mail terlalu panjang: paling banyak %(n)s karakter.") % {"n": longest},
            code="email",
        )
    phone = phone_normalise(phone)
    if (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username__iexact=email[:150]).exists()
    ):
        raise Conflict(_("E-mail ini sudah terdaftar. Silakan masuk."), code="email_taken")
    candidate = User(username=email[:150], email=email, first_name=full_name[:150], phone=phone)
    try:
        password_check(password=password, email=email, full_name=full_name)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="password") from None
    candidate.set_password(password)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:
        raise Conflict(
            _("E-mail ini sudah terdaftar. Silakan masuk."), code="email_taken"
        ) from None
    language = language or translation.get_language()
    channel_preference_default(user=candidate, language=language)
    verification_send(account=candidate)
    audit_record(
        actor=candidate,
        office=None,
        subject=candidate,
        event="account.registered",
        new={"user": candidate.get_username(), "language": language},
    )
    return candidate


def verification_send(*, account: User, now: dt.datetime | None = None) -> EmailVerification:
    """A fresh six-digit code and link; earlier unused ones stop working."""
    now = now or timezone.now()
    with transaction.atomic():
        EmailVerification.objects.filter(account=account, used_at__isnull=True).update(
            expires_at=now
        )
        code = f"{secrets.randbelow(1_000_000):06d}"
        token = secrets.token_urlsafe(32)
        minutes = setting("BOOKING_VERIFY_CODE_MINUTES")
        verification = EmailVerification.objects.create(
            account=account,
            code_hash=_code_hash(token, code),
            token=token,
            expires_at=now + dt.timedelta(minutes=minutes),
        )
        notify(
            to_address=account.email,
            template="booking_verify_email",
            context={
                "code": code,
                "link": public_url(reverse("booking:verify_link", args=[token])),
                "minutes": minutes,
            },
            recipient=account,
        )
    return verification


def _mark_verified(
    account: User, verification: EmailVerification, now: dt.datetime, *, via: str
) -> None:
    verification.used_at = now
    verification.save(update_fields=["used_at"])
    account.email_verified = True
    account.save(update_fields=["email_verified"])
    audit_record(
        actor=account,
        office=None,
        subject=account,
        event="account.email_verified",
        new={"user": account.get_username(), "via": via},
    )


def email_verify_code(*, account: User, code: str, now: dt.datetime | None = None) -> None:
    """Verify the account's e-mail with the six-digit code; a wrong code uses up one try.

    The try is counted in its own committed transaction and the refusal raised after it:
    raised inside, it would roll the count back and leave guessing unbounded.
    """
    left = _verify_code_once(account=account, code=code, now=now or timezone.now())
    if left is None:
        return
    if left <= 0:
        raise Conflict(
            _("Kode verifikasi salah, dan percobaan sudah habis. Minta kode baru."),
            code="code_attempts",
        )
    raise DomainError(
        _("Kode verifikasi salah. Sisa percobaan: %(n)s.") % {"n": left}, code="code_wrong"
    )


@transaction.atomic
def _verify_code_once(*, account: User, code: str, now: dt.datetime) -> int | None:
    """None when the code verified the e-mail; else the tries left after this wrong one."""
    verification = (
        EmailVerification.objects.select_for_update()
        .filter(account=account, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at")
        .first()
    )
    if verification is None:
        raise Conflict(_("Kode sudah kedaluwarsa. Minta kode baru."), code="code_expired")
    limit = setting("BOOKING_VERIFY_MAX_ATTEMPTS")
    if verification.attempts >= limit:
        raise Conflict(_("Terlalu banyak percobaan. Minta kode baru."), code="code_attempts")
    expected = verification.code_hash
    if not hmac.compare_digest(expected, _code_hash(verification.token, code.strip())):
        verification.attempts += 1
        verification.save(update_fields=["attempts"])
        return limit - verification.attempts
    _mark_verified(account, verification, now, via="code")
    return None


@transaction.atomic
def email_verify_token(*, token: str, now: dt.datetime | None = None) -> User:
    """Verify the e-mail with the link's token.

    Conflict "already_verified" when the token's account is verified already (by the code, or
    by this link clicked before), whatever became of the token: the applicant is told so, not
    that the link failed. Conflict "link_expired" for a token used up, replaced or expired.
    """
    now = now or timezone.now()
    verification = (
        EmailVerification.objects.select_for_update(of=("self",))
        .select_related("account")
        .filter(token=token)
        .first()
    )
    if verification is not None and verification.account.email_verified:
        raise Conflict(_("E-mail Anda sudah terverifikasi."), code="already_verified")
    if verification is None or verification.used_at is not None or verification.expires_at <= now:
        raise Conflict(
            _("Tautan verifikasi tidak berlaku lagi. Minta kode baru."), code="link_expired"
        )
    _mark_verified(verification.account, verification, now, via="link")
    return verification.account


def nik_check(
    *, nik: str, birth_date: dt.date, sex: str, today: dt.date | None = None
) -> tuple[str, list[str]]:
    """The normalised NIK and the officer's flags; an impossible NIK raises DomainError."""
    try:
        info = parse_nik(nik, today=today or timezone.localdate())
    except NikError as exc:
        raise DomainError(
            in_active_language(exc.message, exc.message_en), code=f"nik_{exc.code}"
        ) from None
    return info.nik, [*info.warnings, *nik_compare(info=info, birth_date=birth_date, sex=sex)]


def _person_checked(
    *, nik: str, full_name: str, sex: str, birth_date: dt.date, birth_place: str, phone: str
) -> tuple[str, dict[str, Any]]:
    """A profile's data checked as added or corrected: the normalised NIK, and the fields to
    store (names trimmed, the NIK's notes, the phone as +62…); an impossible NIK, sex, birth
    date or phone raises DomainError."""
    if sex not in Sex.values:  # the KTP knows two; the form offers them, a program may not
        raise DomainError(_("Jenis kelamin harus M (laki-laki) atau F (perempuan)."), code="sex")
    full_name_check(full_name)
    birth_place_check(birth_place)
    normalised, flags = nik_check(nik=nik, birth_date=birth_date, sex=sex)
    phone = phone_normalise(phone)
    birth_date_check(birth_date, today=timezone.localdate())
    return normalised, {
        "full_name": full_name.strip(),
        "sex": sex,
        "birth_date": birth_date,
        "birth_place": birth_place.strip(),
        "phone": phone,
        "nik_flags": flags,
    }


def _person_store(profile: ApplicantProfile, person: dict[str, Any], *also: str) -> None:
    for name, value in person.items():
        setattr(profile, name, value)
    profile.save(update_fields=[*person, *also])


def _audited_person(values: dict[str, Any]) -> dict[str, Any]:
    """A person's data as the audit log keeps it: the NIK masked as on printed lists and the
    phone by its last three digits, as the application log names a recipient — enough to
    follow who changed what on an account, not a copy of the KTP in a log kept for years."""
    kept = dict(values)
    if "nik" in kept:
        kept["nik"] = nik_masked(kept["nik"])
    if kept.get("phone"):
        kept["phone"] = f"…{kept['phone'][-3:]}"
    return kept


def _profile_audit(
    profile: ApplicantProfile,
    event: str,
    *,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> None:
    """One row for a change the account's owner made to a person on its list, in the national
    chain (an account books at any office): the per-account review reads additions, removals
    and corrections — calo accounts add, remove and re-add NIKs — and the intake officer's
    question "who changed this name, and when" has an answer."""
    audit_record(
        actor=profile.account,
        office=None,
        subject=profile,
        event=event,
        old=_audited_person(old) if old else None,
        new=_audited_person(new) if new else None,
    )


def profile_add(
    *,
    account: User,
    nik: str,
    full_name: str,
    sex: str,
    birth_date: dt.date,
    birth_place: str,
    phone: str = "",
) -> ApplicantProfile:
    """Add a person the account books for. Unknown regions and disagreeing dates are flagged;
    the phone number is kept as +62… (`phone_normalise`). A person the account took off its
    list comes back: the same profile, with its booking history, and the data given now."""
    normalised, person = _person_checked(
        nik=nik,
        full_name=full_name,
        sex=sex,
        birth_date=birth_date,
        birth_place=birth_place,
        phone=phone,
    )
    try:
        with transaction.atomic():
            # Race: two profiles added at once both seeing four — lock the account row first.
            User.objects.select_for_update().filter(pk=account.pk).exists()
            limit = setting("BOOKING_MAX_PROFILES")
            if ApplicantProfile.objects.filter(account=account).current().count() >= limit:
                raise Conflict(
                    _("Satu akun paling banyak untuk %(n)s orang.") % {"n": limit},
                    code="too_many_profiles",
                )
            removed = ApplicantProfile.objects.filter(
                account=account, nik=normalised, removed_at__isnull=False
            ).first()
            if removed is not None:  # the person taken off the list comes back, history and all
                removed.removed_at = None
                _person_store(removed, person, "removed_at")
                _profile_audit(
                    removed, "profile.added", new={"nik": normalised, **person, "restored": True}
                )
                return removed
            added = ApplicantProfile.objects.create(account=account, nik=normalised, **person)
            _profile_audit(added, "profile.added", new={"nik": normalised, **person})
            return added
    except IntegrityError:
        raise Conflict(_("NIK ini sudah ada di akun Anda."), code="profile_exists") from None


def profile_update(
    *,
    profile: ApplicantProfile,
    full_name: str,
    sex: str,
    birth_date: dt.date,
    birth_place: str,
    phone: str = "",
) -> ApplicantProfile:
    """Correct a person's data (a typo in the name, a new phone), whether or not they have
    booked. The NIK stays: it is who the person is, and what bookings and the QR are bound to
    (a wrong NIK is fixed by removing the profile and adding the person again). The NIK's
    notes are worked out again for the new birth date and sex. Its active booking keeps the
    notes it was made with and gains the new ones: the intake officer reads both what was
    booked and what they will check, and a correction cannot wipe a note away."""
    _nik, person = _person_checked(
        nik=profile.nik,
        full_name=full_name,
        sex=sex,
        birth_date=birth_date,
        birth_place=birth_place,
        phone=phone,
    )
    with transaction.atomic():
        locked = ApplicantProfile.objects.select_for_update().get(pk=profile.pk)
        before = {name: getattr(locked, name) for name in person}
        _person_store(locked, person)
        reached = []
        for booking in Booking.objects.select_for_update().filter(
            profile=locked, status__in=ACTIVE_BOOKING_STATUSES
        ):
            kept = list(booking.nik_flags)
            booking.nik_flags = kept + [f for f in person["nik_flags"] if f not in kept]
            booking.save(update_fields=["nik_flags"])
            reached.append(str(booking.pk))  # as its own audit rows name it
        changed = [name for name in person if before[name] != person[name]]
        if changed:  # saved again as it was: nothing to record
            _profile_audit(
                locked,
                "profile.updated",
                old={"nik": locked.nik, **{name: before[name] for name in changed}},
                new={
                    "nik": locked.nik,
                    **{name: person[name] for name in changed},
                    **({"bookings": reached} if reached else {}),
                },
            )
    return locked


@transaction.atomic
def profile_delete(*, profile: ApplicantProfile, now: dt.datetime | None = None) -> None:
    """Take a person off the account's list. A profile never used for a booking or a ballot is
    deleted; one that was is kept for that history (`removed_at`). Refused while the person still
    holds a booking, a place on a waitlist or an entry in a ballot not drawn yet: a seat held
    for them must go back first, by cancelling or leaving.

    Race: a booking for the same person from another tab at this moment reads the profile
    without waiting for this lock; it may still be made, and stays valid (the person is added
    again to see it on the list).
    """
    locked = ApplicantProfile.objects.select_for_update().current().filter(pk=profile.pk).first()
    if locked is None:
        raise NotFound(_("Profil pemohon ini tidak ada di akun Anda."), code="profile_not_found")
    refusal = _still_holds(locked)
    if refusal:
        raise Conflict(refusal, code="profile_in_use")
    # A drawn ballot's entries are its published record: deleting the profile would delete
    # them and leave a gap in the ranks anyone can check.
    kept = (
        Booking.objects.filter(profile=locked).exists()
        or BallotEntry.objects.filter(profile=locked).exists()
    )
    # Recorded first: a profile deleted has no id left to name.
    _profile_audit(
        locked,
        "profile.removed",
        old={"nik": locked.nik, "full_name": locked.full_name},
        new={"kept_for_history": kept},
    )
    if kept:
        locked.removed_at = now or timezone.now()
        locked.save(update_fields=["removed_at"])
    else:
        locked.delete()


def _still_holds(profile: ApplicantProfile) -> str:
    """Why the person cannot be taken off the list yet, or ""."""
    if Booking.objects.filter(profile=profile, status__in=ACTIVE_BOOKING_STATUSES).exists():
        return _("%(name)s masih punya booking aktif. Batalkan booking itu lebih dulu.") % {
            "name": profile.full_name
        }
    if WaitlistEntry.objects.filter(profile=profile, status__in=OPEN_WAITLIST_STATUSES).exists():
        return _("%(name)s masih ada di daftar tunggu. Keluar dari daftar tunggu lebih dulu.") % {
            "name": profile.full_name
        }
    if BallotEntry.objects.filter(profile=profile, ballot__status=BallotStatus.OPEN).exists():
        return _(
            "%(name)s terdaftar di undian yang belum diundi. Profil dapat dihapus setelah "
            "pengundian."
        ) % {"name": profile.full_name}
    return ""


def api_token_issue(*, account: User, user_agent: str = "") -> str:
    """A signed bearer token for the mobile app, with its own row in the account's signed-in
    devices (`SignIn`): it stops working when the password changes, when the account is signed
    out everywhere, or when its owner signs this one device out."""
    max_age = dt.timedelta(seconds=setting("BOOKING_TOKEN_MAX_AGE"))
    sign_in = sign_in_start(
        user=account,
        kind=SignInKind.APP,
        user_agent=user_agent,
        expires_at=timezone.now() + max_age,
    )
    payload: dict[str, Any] = {
        "u": account.pk,
        "h": sign_in.auth_hash,
        "s": sign_in.public_id.hex,
    }
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def api_token_read(token: str) -> tuple[User | None, str]:
    """The token's account, or None and why: "token_expired" (past BOOKING_TOKEN_MAX_AGE) or
    "token_invalid" (forged, or void since the password changed, the account closed or its
    owner signed this device out)."""
    sign_in, problem = api_token_sign_in(token)
    return (sign_in.user if sign_in is not None else None), problem


def api_token_sign_in(token: str) -> tuple[SignIn | None, str]:
    """The token's device row, with its account (one query), or None and why (`api_token_read`).
    Its "last used" moves on, at most every few minutes."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=setting("BOOKING_TOKEN_MAX_AGE"))
    except signing.SignatureExpired:
        return None, "token_expired"
    except signing.BadSignature:
        return None, "token_invalid"
    try:
        public_id = uuid.UUID(str(payload.get("s")))
    except ValueError:
        return None, "token_invalid"
    sign_in = (
        SignIn.objects.select_related("user")
        .filter(
            public_id=public_id,
            user_id=payload.get("u"),
            user__is_active=True,
            ended_at__isnull=True,
        )
        .first()
    )
    if sign_in is None or sign_in.user.get_session_auth_hash()[:16] != payload.get("h"):
        return None, "token_invalid"
    sign_in_seen(sign_in=sign_in, user=sign_in.user, expires_at=sign_in.expires_at)
    return sign_in, ""
