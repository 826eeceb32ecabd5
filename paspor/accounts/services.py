"""Writes about people: staff accounts, role assignments and certifications."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from paspor.accounts.models import Certification, Role, StaffAssignment, User
from paspor.audit.services import audit_record
from paspor.offices.models import Office


@transaction.atomic
def staff_assign(
    *, user: User, office: Office | None, role: Role, by: User | None
) -> StaffAssignment:
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
        raise ValueError("Tanggal berlaku sampai harus setelah tanggal terbit.")
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
        office=office,
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
