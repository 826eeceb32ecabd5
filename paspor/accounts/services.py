"""Writes about people: staff accounts, role assignments and certifications."""

from __future__ import annotations

import datetime as dt
import uuid

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from paspor.accounts.models import (
    DEVICE_ROLES,
    NATIONAL_ROLES,
    Certification,
    Role,
    SignIn,
    SignInKind,
    StaffAssignment,
    User,
)
from paspor.audit.services import audit_record
from paspor.lib.errors import Conflict, DomainError, Forbidden, NotFound
from paspor.offices.models import Office

DEVICE_ACCOUNT_MIXED = gettext_lazy(
    "Akun kios dan papan tampilan adalah akun perangkat satu kantor: tidak digabung dengan "
    "peran petugas atau dengan kantor lain. Buat akun tersendiri untuk petugas."
)

NATIONAL_ROLE_SUPERUSERS_ONLY = gettext_lazy(
    "Peran nasional hanya dapat diberikan oleh administrator sistem."
)


@transaction.atomic
def staff_assign(
    *, user: User, office: Office | None, role: Role, by: User | None
) -> StaffAssignment:
    """Give `user` the role at `office`. A kiosk's or board's account stays a device of one
    office: it stays signed in for days in the lobby, so it holds no officer's role (nor an
    officer a device role), and the lobby of one office does not sign in another's. A national
    role reaches every office: only a superuser gives it (`by` None is the system: the seed)."""
    if role in NATIONAL_ROLES and by is not None and not by.is_superuser:
        raise Forbidden(str(NATIONAL_ROLE_SUPERUSERS_ONLY), code="national_role")
    held = set(
        StaffAssignment.objects.filter(user=user, is_active=True)
        .exclude(office=office, role=role)
        .values_list("role", "office_id")
    )
    if held:
        roles = {Role(r) for r, _office in held} | {role}
        offices = {office_id for _role, office_id in held} | {office.pk if office else None}
        if roles & DEVICE_ROLES and (not roles <= DEVICE_ROLES or len(offices) > 1):
            raise Conflict(str(DEVICE_ACCOUNT_MIXED), code="device_account_mixed")
    assignment, created = StaffAssignment.objects.get_or_create(
        user=user, office=office, role=role, defaults={"is_active": True}
    )
    if not created and not assignment.is_active:
        assignment.is_active = True
        assignment.save(update_fields=["is_active"])
        created = True
    if created:
        audit_record(
            actor=by,
            office=office,
            subject=assignment,
            event="staff.assigned",
            new={"user": user.get_username(), "role": role.value},
        )
    return assignment


@transaction.atomic
def staff_unassign(*, assignment: StaffAssignment, by: User | None, reason: str) -> None:
    if not assignment.is_active:
        return
    assignment.is_active = False
    assignment.save(update_fields=["is_active"])
    audit_record(
        actor=by,
        office=assignment.office,
        subject=assignment,
        event="staff.unassigned",
        old={"role": assignment.role},
        reason=reason,
    )


def office_of(user: User) -> Office | None:
    """The one office a person works in, or None (an applicant, national staff, several): the
    office whose audit chain their certificate or account change goes in, where its head reads
    it, and whose clock their own pages keep."""
    offices = set(
        StaffAssignment.objects.filter(user=user, is_active=True, office__isnull=False)
        .values_list("office_id", flat=True)
        .distinct()
    )
    if len(offices) != 1:
        return None
    return Office.objects.get(pk=offices.pop())


@transaction.atomic
def certification_grant(
    *,
    user: User,
    station_type: str,
    certificate_number: str,
    issued_on: dt.date,
    expires_on: dt.date,
    issuer: str = "",
    office: Office | None = None,
    by: User | None,
) -> Certification:
    if expires_on < issued_on:
        raise DomainError(
            _("Tanggal berlaku sampai harus setelah tanggal terbit."), code="expires_before_issue"
        )
    cert = Certification.objects.create(
        user=user,
        station_type=station_type,
        certificate_number=certificate_number,
        issued_on=issued_on,
        expires_on=expires_on,
        issuer=issuer,
    )
    audit_record(
        actor=by,
        office=office or office_of(user),
        subject=cert,
        event="certification.granted",
        new={
            "user": user.get_username(),
            "station_type": station_type,
            "number": certificate_number,
            "issued_on": issued_on,
            "expires_on": expires_on,
        },
    )
    return cert


@transaction.atomic
def certification_revoke(*, certification: Certification, by: User | None) -> None:
    """Remove a certification granted by mistake (a wrong number or date is revoked and granted
    again, never edited): the audit keeps what it said. An officer loses the station at once."""
    audit_record(
        actor=by,
        office=office_of(certification.user),
        subject=certification,
        event="certification.revoked",
        old={
            "user": certification.user.get_username(),
            "station_type": certification.station_type,
            "number": certification.certificate_number,
            "issued_on": certification.issued_on,
            "expires_on": certification.expires_on,
        },
    )
    certification.delete()


# --- Sign-in security (docs/security.md) -------------------------------------------------


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for `user`; an earlier unfinished one is replaced."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(
        user=user, name=str(_("Aplikasi autentikator")), confirmed=False
    )


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str, by: User) -> bool:
    """Confirm enrolment with the first code the app shows; false when the code is wrong."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    audit_record(
        actor=by,
        office=None,
        subject=("accounts.user", str(device.user_id)),
        event="auth.two_factor_enrolled",
        new={"device": device.name},
    )
    return True


def _attempted(username: str) -> tuple[str, str]:
    return ("auth.login", username.strip()[:64] or "-")


@transaction.atomic
def login_failure_record(*, username: str, ip: str) -> None:
    """One failed sign-in: kept in the national audit chain (the name, never the password)."""
    audit_record(
        actor=None,
        office=None,
        subject=_attempted(username),
        event="auth.login_failed",
        new={"ip": ip},
        actor_label=username.strip()[:200] or "-",
    )


@transaction.atomic
def login_lockout_record(*, username: str, ip: str, limit: int) -> None:
    """A refused sign-in of a name and address that failed `limit` times."""
    audit_record(
        actor=None,
        office=None,
        subject=_attempted(username),
        event="auth.locked_out",
        new={"ip": ip, "failure_limit": limit},
        actor_label=username.strip()[:200] or "-",
    )


# --- What an administrator does in the admin to sign-in security (docs/security.md) -------
# These get around the second step and the lockout, which protect the roles that approve and
# configure: each is done here and audited, never as a bare admin delete.


@transaction.atomic
def totp_device_remove(*, device: TOTPDevice, by: User | None) -> None:
    """Take an authenticator off an account (a phone lost): its owner then enrols a new phone
    after signing in with the password alone, so who removed it, and when, is recorded."""
    audit_record(
        actor=by,
        office=None,
        subject=("accounts.user", str(device.user_id)),
        event="auth.two_factor_removed",
        old={
            "user": device.user.get_username(),
            "device": device.name,
            "confirmed": device.confirmed,
        },
    )
    device.delete()


@transaction.atomic
def totp_device_throttle_reset(*, device: TOTPDevice, by: User | None) -> bool:
    """Lift the wait after wrong codes (django-otp's throttle) for an owner who is locked out
    by it; false when there was none to lift (nothing recorded)."""
    locked = TOTPDevice.objects.select_for_update().select_related("user").get(pk=device.pk)
    failures = locked.throttling_failure_count
    if not failures:
        return False
    locked.throttle_reset(commit=False)
    locked.save(update_fields=["throttling_failure_timestamp", "throttling_failure_count"])
    audit_record(
        actor=by,
        office=None,
        subject=("accounts.user", str(locked.user_id)),
        event="auth.two_factor_reset",
        old={"user": locked.user.get_username(), "device": locked.name, "failures": failures},
    )
    return True


@transaction.atomic
def login_lockout_lift(*, attempt: AccessAttempt, by: User | None) -> None:
    """Clear the failed sign-ins of a name and address (django-axes' row): a locked name may
    sign in again at once. Recorded beside the failures it clears (`auth.login_failed`)."""
    audit_record(
        actor=by,
        office=None,
        subject=_attempted(attempt.username or ""),
        event="auth.lockout_lifted",
        old={
            "ip": attempt.ip_address,
            "failures": attempt.failures_since_start,
            "locked": attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT,
        },
    )
    attempt.delete()


@transaction.atomic
def totp_device_install(*, user: User, key_hex: str, name: str, by: User | None) -> TOTPDevice:
    """Give `user` a confirmed authenticator with a known key (the demo seed; never production)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True, key=key_hex).first()
    if device is not None:
        return device
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=name, key=key_hex, confirmed=True)
    audit_record(
        actor=by,
        office=None,
        subject=("accounts.user", str(user.pk)),
        event="auth.two_factor_enrolled",
        new={"device": name},
    )
    return device


# --- The owner's sessions (docs/security.md) -----------------------------------------------


@transaction.atomic
def account_sign_out_everywhere(*, user: User) -> int:
    """A phone lost, a computer left signed in: every browser session and every API token of
    the account stop working. Both are tied to the session hash (`User.session_generation`
    is part of it), so moving the counter ends them all at once; the caller keeps its own
    session with `update_session_auth_hash`. Answers the new counter."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    audit_record(
        actor=user,
        office=office_of(user),
        subject=user,
        event="account.signed_out_everywhere",
        new={"user": user.get_username(), "session_generation": user.session_generation},
    )
    return user.session_generation


# --- The owner's devices, one by one (docs/security.md) ------------------------------------

# How often a device's "last used" is written: a row read on every request is written at most
# this often, not on every request.
SIGN_IN_TOUCH = dt.timedelta(minutes=5)


def sign_in_start(
    *, user: User, kind: SignInKind, user_agent: str, expires_at: dt.datetime
) -> SignIn:
    """A device signs in: a browser session (the sign-in's signal, or a session from before
    the list existed on its first request) or an app's new bearer token."""
    now = timezone.now()
    return SignIn.objects.create(
        user=user,
        kind=kind,
        user_agent=user_agent[: SignIn._meta.get_field("user_agent").max_length or 400],
        auth_hash=user.get_session_auth_hash()[:16],
        created_at=now,
        last_seen_at=now,
        expires_at=expires_at,
    )


def sign_in_seen(*, sign_in: SignIn, user: User, expires_at: dt.datetime) -> None:
    """The device was used: its "last used" and its end move on, at most every SIGN_IN_TOUCH,
    and at once when the account's session hash moved under a session that stays (its own
    password change, its "sign out everywhere"), so the list keeps it."""
    auth_hash = user.get_session_auth_hash()[:16]
    now = timezone.now()
    if now - sign_in.last_seen_at < SIGN_IN_TOUCH and sign_in.auth_hash == auth_hash:
        return
    SignIn.objects.filter(pk=sign_in.pk, ended_at__isnull=True).update(
        last_seen_at=now, expires_at=expires_at, auth_hash=auth_hash
    )
    sign_in.last_seen_at, sign_in.expires_at, sign_in.auth_hash = now, expires_at, auth_hash


def sign_in_closed(*, user: User | None, public_id: uuid.UUID) -> None:
    """The device signed itself out (the sign-out button, an idle timeout): its row ends,
    nothing to audit."""
    rows = SignIn.objects.filter(public_id=public_id, ended_at__isnull=True)
    if user is not None:
        rows = rows.filter(user=user)
    rows.update(ended_at=timezone.now())


@transaction.atomic
def sign_in_end(*, user: User, public_id: uuid.UUID) -> SignIn:
    """The owner signs one device out (a phone lost, a shared computer): its session or token
    is refused from its next request on. Another account's device is not found (404); ending
    one already ended changes nothing."""
    sign_in = SignIn.objects.select_for_update().filter(user=user, public_id=public_id).first()
    if sign_in is None:
        raise NotFound(_("Perangkat itu tidak ada di akun ini."), code="sign_in_unknown")
    if sign_in.ended_at is None:
        sign_in.ended_at = timezone.now()
        sign_in.save(update_fields=["ended_at"])
        audit_record(
            actor=user,
            office=office_of(user),
            subject=user,
            event="account.device_signed_out",
            new={
                "user": user.get_username(),
                "kind": sign_in.kind,
                "device": str(sign_in.public_id),
            },
        )
    return sign_in


# --- The owner's password (docs/security.md) -----------------------------------------------


@transaction.atomic
def password_change(*, user: User, current: str, new: str) -> None:
    """The owner replaces their password: the current one proves it is them. Every other
    session of the account ends (the sessions are tied to the password); the caller keeps its
    own (`update_session_auth_hash`)."""
    if not user.check_password(current):
        raise DomainError(_("Kata sandi sekarang salah."), code="wrong_password")
    if new == current:
        raise DomainError(
            _("Kata sandi baru harus berbeda dari yang sekarang."), code="same_password"
        )
    try:
        validate_password(new, user=user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="weak_password") from None
    user.set_password(new)
    user.password_change_required = False
    user.save(update_fields=["password", "password_change_required"])
    audit_record(
        actor=user,
        office=office_of(user),
        subject=user,
        event="account.password_changed",
        new={"user": user.get_username()},
    )
