"""Sign-in security in the admin: authenticator devices, sign-in locks, permission groups.

django-otp, django-axes and Django register their own admins for these; here they are
replaced by audited ones (`register_security_admins`). Deleting an authenticator, lifting its
wait after wrong codes, clearing a sign-in lock and changing what a group may do are the steps
that get around the second step and the lockout, so each writes an audit row through the
accounts services. The authenticator's key is never shown: whoever reads it from the admin
could make the owner's codes on another phone (no QR code, no key field, no add form: a
device is enrolled by its owner, docs/security.md).
"""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from paspor.accounts.services import (
    login_lockout_lift,
    totp_device_remove,
    totp_device_throttle_reset,
)
from paspor.audit.admin_mixins import AuditedAdmin, audited_value

# Everything of a device the admin shows, all read only but its name: the key is left out.
TOTP_SHOWN = [
    "user",
    "confirmed",
    "created_at",
    "last_used_at",
    "step",
    "t0",
    "digits",
    "tolerance",
    "drift",
    "throttling_failure_timestamp",
    "throttling_failure_count",
]


class AuditedTOTPDeviceAdmin(AuditedAdmin[TOTPDevice], TOTPDeviceAdmin):  # type: ignore[misc]
    """Read, renamed, removed, or its wait lifted — never its key. A step, a tolerance or a
    drift typed here would accept codes the app never showed, so they are read only too."""

    readonly_fields = TOTP_SHOWN
    actions = ["reset_failures"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return [
            (None, {"fields": ["user", "name", "confirmed", "created_at", "last_used_at"]}),
            (
                _("Pengaturan kode"),
                {"fields": ["step", "t0", "digits", "tolerance", "drift"]},
            ),
            (
                _("Kode salah"),
                {"fields": ["throttling_failure_count", "throttling_failure_timestamp"]},
            ),
        ]

    def get_list_display(self, request: HttpRequest) -> Any:
        shown = super().get_list_display(request)
        return [column for column in shown if column != "qrcode_link"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def config_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        raise PermissionDenied  # the key and its QR code stay on the owner's enrolment page

    def qrcode_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        raise PermissionDenied

    @admin.action(description=_("Hapus hitungan kode salah"), permissions=["change"])
    def reset_failures(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        by = self._actor(request)
        lifted = sum(totp_device_throttle_reset(device=device, by=by) for device in queryset)
        self.message_user(
            request,
            gettext("Hitungan kode salah dihapus untuk %(n)s perangkat.") % {"n": lifted},
            messages.SUCCESS,
        )

    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        totp_device_remove(device=obj, by=self._actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        with transaction.atomic():
            for device in queryset.select_related("user"):
                totp_device_remove(device=device, by=self._actor(request))


class AuditedAccessAttemptAdmin(AuditedAdmin[AccessAttempt], AccessAttemptAdmin):  # type: ignore[misc]
    """A name's failed sign-ins from one address: deleting the row lifts its lock, audited as
    `auth.lockout_lifted`. Nothing else here changes (axes' clean-up action is left off: axes
    clears expired rows itself, and `signins_prune` nightly)."""

    actions: list[str] = []

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: AccessAttempt) -> None:
        login_lockout_lift(attempt=obj, by=self._actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        with transaction.atomic():
            for attempt in queryset:
                login_lockout_lift(attempt=attempt, by=self._actor(request))


class AuditedAccessLogAdmin(AuditedAdmin[AccessLog], AccessLogAdmin):  # type: ignore[misc]
    """Who signed in from where, for an inspector: a row deleted here is audited."""


class AuditedAccessFailureLogAdmin(AuditedAdmin[AccessFailureLog], AccessFailureLogAdmin):  # type: ignore[misc]
    """Each failed sign-in, for an inspector: a row deleted here is audited."""


class AuditedGroupAdmin(AuditedAdmin[Group], GroupAdmin):
    """A group's permissions reach every account in it ("Penyiapan kantor" lets headquarters
    make an office's staff): a change is audited with the permissions before and after."""

    def audited_before(self, form: ModelForm[Group]) -> dict[str, Any]:
        if "permissions" not in form.changed_data:
            return {}
        return {"permissions": audited_value(list(form.initial.get("permissions") or []))}


AUDITED_ADMINS: list[tuple[type[models.Model], type[admin.ModelAdmin[Any]]]] = [
    (TOTPDevice, AuditedTOTPDeviceAdmin),
    (AccessAttempt, AuditedAccessAttemptAdmin),
    (AccessLog, AuditedAccessLogAdmin),
    (AccessFailureLog, AuditedAccessFailureLogAdmin),
    (Group, AuditedGroupAdmin),
]


def register_security_admins(site: admin.AdminSite) -> None:
    """Put the audited admins in the place of the packages' own (registered as their admin
    modules are imported, before this one: `INSTALLED_APPS` lists them first)."""
    for model, model_admin in AUDITED_ADMINS:
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
