"""The one door that moves a case through its lifecycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from paspor.accounts.access import user_roles
from paspor.accounts.models import Role, User
from paspor.audit.services import audit_record
from paspor.booking.models import Booking, Pool
from paspor.cases.certification import (
    NotCertified,
    officer_certified_for_step,
    require_station_certificate,
    require_step_certificate,
)
from paspor.cases.models import ALLOWED, Case, CaseEvent, CaseStatus, FineKind
from paspor.cases.types import ApplicationType, PassportKind
from paspor.lib.birth_date import birth_date_check
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.language import in_active_language
from paspor.lib.nik import NikError, nik_compare, parse_nik
from paspor.lib.phone import phone_normalise
from paspor.lib.text import blank
from paspor.notifications.models import Language
from paspor.notifications.services import account_language, notify_case_transition
from paspor.offices.calendar import office_today
from paspor.offices.models import Office, ServiceKind, StationType
from paspor.queueing.models import Ticket


def case_event_record(
    *,
    case: Case,
    kind: str,
    by: User | None,
    reason: str = "",
    data: Mapping[str, Any] | None = None,
) -> CaseEvent:
    """A timeline entry that is not a status change (a document checked, a photo accepted)."""
    return CaseEvent.objects.create(
        case=case,
        at=timezone.now(),
        actor=by,
        from_status=case.status,
        to_status=case.status,
        kind=kind,
        reason=reason,
        data=dict(data or {}),
    )


def _plain(value: Any) -> Any:
    """A row in `fields` (e.g. decided_by) is written to the audit log as its primary key."""
    return value.pk if isinstance(value, models.Model) else value


@transaction.atomic
def case_transition(
    *,
    case: Case,
    to: CaseStatus,
    by: User | None,
    reason: str = "",
    data: Mapping[str, Any] | None = None,
    fields: Mapping[str, Any] | None = None,
) -> Case:
    """Move `case` to `to`: lock, repeat-safe, table-checked, evented and audited.

    `fields` are other columns to set in the same write (e.g. `due_date` on payment). Returns
    the fresh case. Raises Conflict when the table does not allow the move.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    current = CaseStatus(locked.status)
    if current == to:
        return locked  # already there: a repeated request changes nothing
    if to not in ALLOWED[current]:
        raise Conflict(
            _("Permohonan %(code)s berstatus “%(status)s” dan tidak dapat dipindah ke “%(to)s”.")
            % {"code": locked.code, "status": current.label, "to": to.label},
            code="transition_not_allowed",
        )
    update = {"status": to.value, **dict(fields or {})}
    if to == CaseStatus.ON_HOLD:
        update["status_before_hold"] = current.value
    for name, value in update.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*update.keys(), "updated_at"])
    event = CaseEvent.objects.create(
        case=locked,
        at=timezone.now(),
        actor=by,
        from_status=current.value,
        to_status=to.value,
        reason=reason,
        data=dict(data or {}),
    )
    audit_record(
        actor=by,
        office=locked.office,
        subject=locked,
        event="case.transition",
        old={"status": current.value},
        new={"status": to.value, **{k: _plain(v) for k, v in (fields or {}).items()}},
        reason=reason,
    )
    # Outbox rows in this transaction; they are sent by the worker only after commit.
    notify_case_transition(
        case=locked, event=event, from_status=current, to_status=to, reason=reason
    )
    return locked


# --- Opening, assignment and cancelling ------------------------------------------------------
# The step services live beside this module: intake.py, travel_ban.py, biometrics.py,
# interview.py and adjudication.py. They share the helpers below.

# Who works a case in each status (the work queues, claiming and the step pages).
STEP_ROLES: dict[CaseStatus, frozenset[Role]] = {
    CaseStatus.INTAKE: frozenset({Role.INTAKE, Role.SUPERVISOR}),
    CaseStatus.BIOMETRICS: frozenset({Role.BIOMETRICS, Role.SUPERVISOR}),
    CaseStatus.INTERVIEW: frozenset({Role.BIOMETRICS, Role.SUPERVISOR}),
    CaseStatus.AWAITING_SUPERVISOR: frozenset({Role.SUPERVISOR}),
    CaseStatus.ON_HOLD: frozenset({Role.SUPERVISOR}),
    # Any of these, by the step that deferred it: `case_step_roles`.
    CaseStatus.DEFERRED: frozenset({Role.INTAKE, Role.BIOMETRICS, Role.SUPERVISOR}),
}
# The applicant may withdraw until the fee is paid: after it the passport is made.
WITHDRAWABLE = frozenset(
    {
        CaseStatus.INTAKE, CaseStatus.BIOMETRICS, CaseStatus.INTERVIEW, CaseStatus.DEFERRED,
        CaseStatus.APPROVED, CaseStatus.BILLED,
    }
)  # fmt: skip
# Event kinds that count as working on a case (four eyes: such a person cannot decide it).
WORK_EVENT_KINDS = frozenset(
    {
        "opened", "data_verified", "parents_recorded", "documents_checked", "scan_added",
        "previous_passport_recorded", "photo_added", "photo_accepted", "fingerprints_captured",
        "signature_added", "interview_recorded",
    }
)  # fmt: skip
WORK_STATUSES = frozenset({CaseStatus.INTAKE, CaseStatus.BIOMETRICS, CaseStatus.INTERVIEW})
# The supervisor's calls that someone who worked on the case leaves to another supervisor: the
# decision, and clearing or confirming a travel-ban hit (docs/cases.md).
FOUR_EYES_STATUSES = frozenset({CaseStatus.AWAITING_SUPERVISOR, CaseStatus.ON_HOLD})
UNASSIGNED: dict[str, Any] = {"assigned_to": None, "assigned_at": None}


@dataclass(frozen=True)
class ApplicantData:
    """The applicant as on the KTP / KK / birth certificate."""

    nik: str
    full_name: str
    sex: str
    birth_date: dt.date
    birth_place: str
    application_type: str
    passport_kind: str = PassportKind.ELECTRONIC
    phone: str = ""
    email: str = ""
    language: str = Language.INDONESIAN  # of the case's messages: see Case.language


def contact_clean(data: ApplicantData) -> tuple[str, str]:
    """The phone as +62… and the message language the case keeps; DomainError for a number
    that is not one or a language the messages are not written in."""
    if data.language not in Language.values:
        raise DomainError(_("Bahasa pemberitahuan tidak dikenal."), code="language")
    return phone_normalise(data.phone), data.language


def case_lock(case: Case) -> Case:
    """The case row, locked for this transaction (SQLite: the IMMEDIATE transaction)."""
    return Case.objects.select_for_update().get(pk=case.pk)


def require_assignee(case: Case, by: User) -> None:
    """Steps are done by the officer the case is assigned to; others see it as taken."""
    if case.assigned_to_id == by.pk:
        return
    if case.assigned_to_id is None:
        raise Conflict(
            _("Permohonan %(code)s belum diambil: buka dari antrean kerja terlebih dahulu.")
            % {"code": case.code},
            code="not_assigned",
        )
    raise Conflict(
        _("Permohonan %(code)s sedang ditangani oleh %(name)s.")
        % {"code": case.code, "name": user_name(case.assigned_to)},
        code="taken",
    )


def require_status(case: Case, *statuses: CaseStatus) -> None:
    if case.status not in statuses:
        raise Conflict(
            _(
                "Permohonan %(code)s berstatus “%(status)s”: langkah ini tidak dapat dilakukan "
                "sekarang."
            )
            % {"code": case.code, "status": CaseStatus(case.status).label},
            code="wrong_status",
        )


def case_step_roles(case: Case) -> frozenset[Role]:
    """The roles that work the case now: a deferred case is its deferring step's."""
    status = CaseStatus(case.status)
    if status == CaseStatus.DEFERRED:
        status = CaseStatus(case.deferred_from or CaseStatus.INTAKE)
    return STEP_ROLES.get(status, frozenset())


def require_step_role(case: Case, user: User) -> None:
    """The user holds a role at the case's office that works its current status."""
    if not user_roles(user, case.office) & case_step_roles(case):
        raise PermissionDenied


def fine_for(application_type: str) -> FineKind:
    """Lost and damaged passports carry a fine (STANDARDS.md §4); payments bills it."""
    if application_type == ApplicationType.LOST:
        return FineKind.LOST
    if application_type == ApplicationType.DAMAGED:
        return FineKind.DAMAGED
    return FineKind.NONE


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def nik_check(*, nik: str, birth_date: dt.date, sex: str, today: dt.date) -> tuple[str, list[str]]:
    """The NIK as stored (the parser's 16 digits: any whitespace typed or pasted in, such as a
    tab or a non-breaking space, removed) and the warnings from the check. An impossible NIK is
    refused (STANDARDS.md §2), and so is a birth date after today or older than anyone living
    (a mistyped year), as booking refuses."""
    birth_date_check(birth_date, today=today)
    try:
        info = parse_nik(nik, today=today)
    except NikError as exc:
        raise DomainError(
            in_active_language(exc.message, exc.message_en), code="nik_invalid"
        ) from None
    return info.nik, [*info.warnings, *nik_compare(info=info, birth_date=birth_date, sex=sex)]


def user_name(user: User | None) -> str:
    """How a case names a person: the full name, else the username; "sistem" for no one."""
    if user is None:
        return _("sistem")
    return user.get_full_name() or user.get_username()


def applicant_from_ticket(ticket: Ticket) -> tuple[ApplicantData, Booking] | None:
    booking = ticket.booking
    if booking is None:
        return None
    profile = booking.profile
    return (
        ApplicantData(
            nik=profile.nik,
            full_name=profile.full_name,
            sex=profile.sex,
            birth_date=profile.birth_date,
            birth_place=profile.birth_place,
            phone=profile.phone,
            email=profile.account.email,
            application_type=booking.application_type,
            passport_kind=booking.passport_kind,
            language=account_language(profile.account),
        ),
        booking,
    )


def refuse_suspended_nik(nik: str) -> None:
    """Issuance suspended for carelessness (Permenkumham 8/2014 art. 41): no case until then."""
    from paspor.booking.models import NikBlockKind
    from paspor.booking.selectors import active_block
    from paspor.booking.services.bookings import block_message

    block = active_block(nik, now=timezone.now(), kind=NikBlockKind.NEGLIGENCE)
    if block is not None:
        raise Conflict(block_message(block), code="issuance_suspended")


@transaction.atomic
def case_open(
    *,
    office: Office,
    by: User,
    ticket: Ticket | None = None,
    data: ApplicantData | None = None,
    express: bool | None = None,
) -> Case:
    """Open a case at intake from today's ticket (and its booking) or as a walk-in.

    With a booked ticket and no `data` the applicant's data come from the booking's profile;
    `data` typed (or corrected) by the officer wins. `express` None follows the ticket: an
    express booking or an express walk-in ticket opens an express case. The opener is assigned
    the case. Race: two officers opening the same ticket at once — the partial unique
    constraints on ticket and booking let one win; the other gets 409.
    """
    # Opening a case is the intake station's work: only for an officer certified for it.
    require_station_certificate(user=by, office=office, station_type=StationType.INTAKE)
    today = office_today(office)
    booking: Booking | None = None
    if ticket is not None:
        if ticket.office_id != office.pk or ticket.day != today:
            raise DomainError(
                _("Nomor antrean %(ticket)s bukan nomor kantor ini hari ini.")
                % {"ticket": ticket.display},
                code="ticket",
            )
        from_booking = applicant_from_ticket(ticket)
        if from_booking is not None:
            booked, booking = from_booking
            data = data or booked
    if data is None:
        raise DomainError(_("Isi data pemohon sesuai KTP/KK."), code="data_required")
    if data.application_type not in ApplicationType.values:
        raise DomainError(_("Jenis permohonan tidak dikenal."), code="application_type")
    nik, warnings = nik_check(nik=data.nik, birth_date=data.birth_date, sex=data.sex, today=today)
    phone, language = contact_clean(data)
    refuse_suspended_nik(nik)
    _refuse_second_case(ticket=ticket, booking=booking)
    # A minor who told the booking's questionnaire of a marriage applies as an adult
    # (Permenkumham 18/2022); the officer confirms it against the marriage book at intake.
    married = booking is not None and bool((booking.answers or {}).get("married"))
    adult = age_on(data.birth_date, today) >= 17 or married
    now = timezone.now()
    try:
        with transaction.atomic():
            case = Case.objects.create(
                office=office,
                ticket=ticket,
                booking=booking,
                applicant_account=booking.profile.account if booking else None,
                nik=nik,
                full_name=data.full_name.strip(),
                sex=data.sex,
                birth_date=data.birth_date,
                birth_place=data.birth_place.strip(),
                phone=phone,
                email=data.email,
                language=language,
                application_type=data.application_type,
                passport_kind=data.passport_kind,
                is_married=married,
                validity_years=10 if adult else 5,
                express=ticket_is_express(ticket) if express is None else express,
                fine_kind=fine_for(data.application_type),
                nik_warnings=warnings,
                opened_by=by,
                assigned_to=by,
                assigned_at=now,
            )
    except IntegrityError:
        raise Conflict(
            _("Nomor antrean atau booking ini sudah dibuka sebagai permohonan oleh petugas lain."),
            code="already_open",
        ) from None
    case_event_record(
        case=case,
        kind="opened",
        by=by,
        data={
            "ticket": ticket.display if ticket else None,
            "booking": booking.code if booking else None,
            "nik_warnings": warnings,
        },
    )
    audit_record(
        actor=by,
        office=office,
        subject=case,
        event="case.opened",
        new={"code": case.code, "ticket": ticket.display if ticket else None, "nik": case.nik},
    )
    return case


def ticket_is_express(ticket: Ticket | None) -> bool:
    """Express (percepatan) was asked for: an express booking, or an express walk-in ticket."""
    if ticket is None:
        return False
    if ticket.booking is not None:
        return bool(ticket.booking.pool == Pool.EXPRESS)
    return bool(ticket.service.kind == ServiceKind.EXPRESS)


def _refuse_second_case(*, ticket: Ticket | None, booking: Booking | None) -> None:
    live = Case.objects.exclude(status=CaseStatus.CANCELLED)
    existing = None
    if ticket is not None:
        existing = live.filter(ticket=ticket).first()
    if existing is None and booking is not None:
        existing = live.filter(booking=booking).first()
    if existing is not None:
        raise Conflict(
            _("Nomor antrean/booking ini sudah menjadi permohonan %(code)s.")
            % {"code": existing.code},
            code="already_open",
        )


def case_workers(case: Case) -> set[int]:
    """The ids of everyone who opened the case or did any of its intake, biometrics or
    interview work (one statement)."""
    work = Q(kind__in=WORK_EVENT_KINDS) | Q(kind="transition", from_status__in=WORK_STATUSES)
    ids = set(
        CaseEvent.objects.filter(work, case=case, actor__isnull=False).values_list(
            "actor_id", flat=True
        )
    )
    if case.opened_by_id is not None:
        ids.add(case.opened_by_id)
    return ids


def case_worked_on_by(case: Case, user: User) -> bool:
    """Whether `user` opened the case or did any of its intake, biometrics or interview work."""
    return user.pk in case_workers(case)


def four_eyes_refusal(*, handed_to: User | None = None) -> Conflict:
    """409 `four_eyes`: to the supervisor who worked on the case, or (`handed_to`) to the one
    handing the case to such a supervisor."""
    if handed_to is not None:
        message = _(
            "%(name)s ikut memproses permohonan ini; putusan harus diambil supervisor "
            "lain (prinsip empat mata): pilih supervisor lain."
        ) % {"name": user_name(handed_to)}
    else:
        message = _(
            "Anda ikut memproses permohonan ini; putusan harus diambil supervisor lain "
            "(prinsip empat mata)."
        )
    return Conflict(message, code="four_eyes")


@transaction.atomic
def case_claim(*, case: Case, by: User) -> Case:
    """Take a case from the work queue; repeat-safe for the same officer.

    Race: two officers press “Buka” on the same case — the conditional UPDATE (assigned to
    nobody, or to me) matches for one of them only; the other gets 409 with who has it.
    """
    if CaseStatus(case.status) not in STEP_ROLES:
        require_status(case, *STEP_ROLES)
    require_step_role(case, by)
    if case.status in FOUR_EYES_STATUSES and case_worked_on_by(case, by):
        raise four_eyes_refusal()  # taking it would only park it where it cannot be decided
    if case.assigned_to_id is None:
        # Taking a step the officer may not work would only park the case with them. (A case
        # another officer holds is answered "taken" below, whoever asks.)
        require_step_certificate(user=by, office=case.office, status=case.status)
    now = timezone.now()
    taken = (
        Case.objects.filter(pk=case.pk)
        .filter(Q(assigned_to__isnull=True) | Q(assigned_to=by))
        .exclude(assigned_to=by)
        .update(assigned_to=by, assigned_at=now, updated_at=now)
    )
    fresh = Case.objects.select_related("assigned_to").get(pk=case.pk)
    if fresh.assigned_to_id != by.pk:
        raise Conflict(
            _("Permohonan %(code)s sudah diambil oleh %(name)s.")
            % {"code": fresh.code, "name": user_name(fresh.assigned_to)},
            code="taken",
        )
    if taken:
        case_event_record(case=fresh, kind="claimed", by=by)
        audit_record(
            actor=by, office=fresh.office, subject=fresh, event="case.claimed", new={"to": by.pk}
        )
    return fresh


@transaction.atomic
def case_reassign(*, case: Case, to: User | None, by: User, reason: str) -> Case:
    """A supervisor hands a case to another officer of the step (or back to the queue).

    A case waiting for a supervisor's decision or held on a travel-ban hit is not handed to a
    supervisor who worked on it (409 `four_eyes`): they could not decide it.
    """
    if Role.SUPERVISOR not in user_roles(by, case.office):
        raise PermissionDenied
    locked = case_lock(case)
    require_status(locked, *STEP_ROLES)  # a case that left the office's steps has nobody to work it
    if to is not None:
        require_step_role(locked, to)
        if locked.status in FOUR_EYES_STATUSES and to.pk in case_workers(locked):
            # Handed to them, the case would wait where it cannot be decided.
            raise four_eyes_refusal(handed_to=to)
        if not officer_certified_for_step(user=to, office=locked.office, status=locked.status):
            raise NotCertified(
                _(
                    "%(name)s tidak memiliki sertifikat yang berlaku hari ini untuk pos langkah "
                    "ini: pilih petugas lain."
                )
                % {"name": user_name(to)}
            )
    old = locked.assigned_to_id
    locked.assigned_to = to
    locked.assigned_at = timezone.now() if to is not None else None
    locked.save(update_fields=["assigned_to", "assigned_at", "updated_at"])
    case_event_record(
        case=locked,
        kind="reassigned",
        by=by,
        reason=reason,
        data={"from": old, "to": to.get_username() if to else None},
    )
    audit_record(
        actor=by,
        office=locked.office,
        subject=locked,
        event="case.reassigned",
        old={"assigned_to": old},
        new={"assigned_to": to.pk if to else None},
        reason=reason,
    )
    return locked


@transaction.atomic
def case_cancel(*, case: Case, by: User, reason: str) -> Case:
    """The applicant withdraws; the officer working the case (or a supervisor) records it."""
    if blank(reason):
        raise DomainError(_("Tuliskan alasan pembatalan."), code="reason_required")
    roles = user_roles(by, case.office)
    if Role.SUPERVISOR not in roles and not roles & case_step_roles(case):
        raise PermissionDenied  # a role that does not work the case's step
    require_status(case, *WITHDRAWABLE)
    if case.status == CaseStatus.BILLED:
        # The billing code is cancelled first: a payment arriving now locks the codes before
        # the case too, so both paths take their locks in the same order.
        from paspor.payments.services import bill_cancel_for_case

        bill_cancel_for_case(case=case, by=by, reason=reason)
    locked = case_lock(case)
    require_status(locked, *WITHDRAWABLE)
    if Role.SUPERVISOR not in roles:
        require_assignee(locked, by)
    return case_transition(
        case=locked, to=CaseStatus.CANCELLED, by=by, reason=reason, fields=UNASSIGNED
    )
