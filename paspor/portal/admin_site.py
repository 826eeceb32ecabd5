"""The Django admin, open to headquarters for what headquarters keeps there.

docs/roles.md: headquarters keeps the fee schedule, the holiday calendar and the travel-ban
watch-list, and those live in the admin. Django lets only `is_staff` accounts in and then asks
for per-user model permissions, which nobody grants when assigning a role; so an HQ officer
was sent to an admin that said "you have no permission". Here the national HQ role opens the
admin, and the model admins built on `HeadquartersAdmin` let HQ view, add and change their
rows (every change audited, as all admin writes). Administrators keep Django's own rules.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy


def is_headquarters(request: HttpRequest) -> bool:
    """The signed-in user holds the HQ role (a national role: every office), by the access
    rules every other page follows (`user_roles`)."""
    from paspor.accounts.access import user_roles
    from paspor.accounts.models import Role

    return bool(request.user.is_active and Role.HQ in user_roles(request.user))


class PasporAdminSite(admin.AdminSite):
    # The header and the tab's title name the product, not the framework.
    site_header = gettext_lazy("Administrasi Paspor")
    site_title = gettext_lazy("Administrasi Paspor")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) or is_headquarters(request)


class PasporAdminConfig(AdminConfig):
    default_site = "paspor.portal.admin_site.PasporAdminSite"
