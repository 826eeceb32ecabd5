"""The Django admin, open to headquarters for what headquarters keeps there.

docs/roles.md: headquarters keeps the fee schedule, the holiday calendar and the travel-ban
watch-list, and those live in the admin. Django lets only `is_staff` accounts in and then asks
for per-user model permissions, which nobody grants when assigning a role; so an HQ officer
was sent to an admin that said "you have no permission". Here the national HQ role opens the
admin, and the model admins built on `HeadquartersAdmin` let HQ view, add and change their
rows (every change audited, as all admin writes). Administrators keep Django's own rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest

if TYPE_CHECKING:  # this module is loaded with the apps, before the models may be imported
    from paspor.accounts.models import Role


def holds_national_role(request: HttpRequest, roles: frozenset[Role]) -> bool:
    from paspor.accounts.models import StaffAssignment

    user = request.user
    if not (user.is_active and user.is_authenticated):
        return False
    return StaffAssignment.objects.filter(
        user=user, is_active=True, office__isnull=True, role__in=roles
    ).exists()


class PasporAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        from paspor.accounts.models import Role

        return super().has_permission(request) or holds_national_role(request, frozenset({Role.HQ}))


class PasporAdminConfig(AdminConfig):
    default_site = "paspor.portal.admin_site.PasporAdminSite"
