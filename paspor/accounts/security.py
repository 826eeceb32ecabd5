"""Who must use two-step sign-in, and who is held to the staff idle timeout (docs/security.md)."""

from __future__ import annotations

from django_otp import user_has_device

from paspor.accounts.models import DEVICE_ROLES, STAFF_ROLES, Role, StaffAssignment, User

# Roles whose accounts can approve, configure an office (its quotas and release) or every office,
# or read who looked at personal data: a stolen password alone must not be enough for them.
TWO_FACTOR_ROLES = frozenset({Role.HEAD, Role.SUPERVISOR, Role.HQ, Role.ADMIN})


def active_roles(user: User) -> frozenset[Role]:
    rows = StaffAssignment.objects.filter(user=user, is_active=True).values_list("role", flat=True)
    return frozenset(Role(role) for role in rows)


def is_staff_account(user: User, roles: frozenset[Role]) -> bool:
    return bool(roles & STAFF_ROLES) or user.is_staff or user.is_superuser


def two_factor_required(user: User, roles: frozenset[Role]) -> bool:
    """Required for heads of office, supervisors, headquarters, administrators and Django staff
    accounts."""
    return bool(roles & TWO_FACTOR_ROLES) or user.is_staff or user.is_superuser


def two_factor_applies(user: User, roles: frozenset[Role]) -> bool:
    """Required, or chosen: a staff member who enrolled a device must use it from then on."""
    if two_factor_required(user, roles):
        return True
    return is_staff_account(user, roles) and user_has_device(user, confirmed=True)


def is_device_account(user: User, roles: frozenset[Role]) -> bool:
    """A kiosk or display board: only device roles, and no Django staff flag."""
    return bool(roles) and roles <= DEVICE_ROLES and not (user.is_staff or user.is_superuser)


def idle_timeout_applies(user: User, roles: frozenset[Role]) -> bool:
    """Staff sessions only. Kiosk and board devices stay signed in all day in the lobby."""
    return is_staff_account(user, roles) and not is_device_account(user, roles)
