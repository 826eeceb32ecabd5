"""The one access helper for staff: every staff view and endpoint starts here.

A staff member sees only the offices they are assigned to (headquarters and administrators see
all). Without the role → 403; an object of another office → 404, so the existence of another
office's records is not revealed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from paspor.accounts.models import (
    NATIONAL_ROLES,
    ROLE_STATIONS,
    Certification,
    Role,
    StaffAssignment,
    User,
)
from paspor.offices.models import Office


def user_roles(user: User, office: Office | None = None) -> set[Role]:
    """Roles the user holds at `office` (national roles count everywhere), or anywhere."""
    if not user.is_authenticated:
        return set()
    rows = StaffAssignment.objects.filter(user=user, is_active=True)
    roles: set[Role] = set()
    for role, office_id in rows.values_list("role", "office_id"):
        if office is None or office_id is None or office_id == office.pk:
            roles.add(Role(role))
    return roles


def staff_offices(user: User, roles: Iterable[Role] | None = None) -> QuerySet[Office]:
    """Offices where the user holds one of `roles` (any staff role when None)."""
    if not user.is_authenticated:
        return Office.objects.none()
    wanted = set(roles) if roles is not None else set(Role) - {Role.APPLICANT}
    rows = StaffAssignment.objects.filter(user=user, is_active=True, role__in=wanted)
    if rows.filter(role__in=NATIONAL_ROLES).exists():
        return Office.objects.all()
    return Office.objects.filter(pk__in=rows.values("office_id"))


def office_staff_to_tell(office: Office, roles: Iterable[Role]) -> list[User]:
    """The office's active staff holding one of `roles` there and having an e-mail address, each
    person once: whom an alert about the office goes to."""
    ids = StaffAssignment.objects.filter(
        office=office, role__in=list(roles), is_active=True
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).exclude(email="").order_by("pk"))


@dataclass(frozen=True)
class StaffAccess:
    user: User
    office: Office
    roles: frozenset[Role]


def require_authenticated(request: HttpRequest) -> User:
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    assert isinstance(user, User)
    return user


def require_any_role(request: HttpRequest, roles: Iterable[Role]) -> User:
    """403 unless the user holds one of `roles` at some office (or nationally)."""
    user = require_authenticated(request)
    if not user_roles(user) & set(roles):
        raise PermissionDenied
    return user


def require_office_role(
    request: HttpRequest, office_code: str, roles: Iterable[Role]
) -> StaffAccess:
    """The office by code, for a user holding one of `roles` there.

    403 when the user holds none of the roles anywhere; 404 when they do, but not at this
    office (or the office does not exist).
    """
    wanted = set(roles)
    user = require_any_role(request, wanted)
    office = Office.objects.filter(code=office_code).first()
    if office is None:
        raise Http404
    held = user_roles(user, office) & wanted
    if not held:
        raise Http404
    return StaffAccess(user=user, office=office, roles=frozenset(held))


def require_object_office(
    request: HttpRequest, office: Office, roles: Iterable[Role]
) -> StaffAccess:
    """For an object already loaded: 403 without the role, 404 when it is another office's."""
    return require_office_role(request, office.code, roles)


def staff_can_work_station(*, user: User, office: Office, station_type: str, on: dt.date) -> bool:
    """Whether `user` may open a counter for `station_type` at `office` on `on`.

    Two conditions (the seed stresses trained officers): a role at that office that works this
    kind of station, and a certification for the station type valid on that date.
    """
    roles = user_roles(user, office)
    if not any(station_type in ROLE_STATIONS.get(role, frozenset()) for role in roles):
        return False
    return Certification.objects.filter(
        user=user, station_type=station_type, issued_on__lte=on, expires_on__gte=on
    ).exists()
