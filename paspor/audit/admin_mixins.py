"""Configuration edited in the Django admin is audited like any other write.

The audit log is append-only and read by auditors, so what an admin form changed is written
without its secrets: a password or a channel's key is recorded as changed, never by value, and
a NIK is masked as on printed lists; several objects chosen at once (a group's permissions) are
listed by name. "Delete selected" leaves one row per object deleted, as deleting one does.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.lib.admin_dates import DateHierarchyAdmin

CHANGED_SECRET = "(diubah)"  # noqa: S105 - the row says a secret changed, never what it is


def _is_secret(name: str) -> bool:
    return any(word in name for word in ("password", "secret", "token"))


def audited_value(value: Any) -> Any:
    """One field's value as the audit row keeps it: objects chosen together (a group's
    permissions, a user's groups) as a sorted list of their names, anything else as text.
    Their `repr` would be read as "<QuerySet [...]>", cut after twenty."""
    if isinstance(value, (QuerySet, list, tuple, set)) and all(
        isinstance(item, models.Model) for item in value
    ):
        return sorted(_named(item) for item in value)
    return str(value)


def _named(obj: models.Model) -> str:
    if isinstance(obj, Permission):  # the name code checks, not the words of the admin
        return f"{obj.content_type.app_label}.{obj.codename}"
    return str(obj)


def audited_values(form: ModelForm[Any]) -> dict[str, Any]:
    """What the form changed, as the audit row keeps it: secrets marked, NIKs masked."""
    from paspor.lib.nik import nik_masked

    values: dict[str, Any] = {}
    for name in form.changed_data:
        value = form.cleaned_data.get(name)
        if _is_secret(name):
            values[name] = CHANGED_SECRET
        elif name == "nik" or name.endswith("_nik"):
            values[name] = nik_masked(str(value or ""))
        else:
            values[name] = audited_value(value)
    return values


def _office_of(obj: models.Model) -> Any:
    from paspor.offices.models import Office

    if isinstance(obj, Office):
        return obj
    return getattr(obj, "office", None)


class AuditedAdmin[M: models.Model](DateHierarchyAdmin[M]):
    """Saves and deletes inside a transaction that also appends an audit row.

    Its forms leave Django's time-zone note off date-only fields (`audit/admin_dates.js`): a
    holiday or an expiry date has no time to enter in the server's time zone."""

    class Media:
        js = ["audit/admin_dates.js"]

    def _actor(self, request: HttpRequest) -> User | None:
        return request.user if isinstance(request.user, User) else None

    def audited_before(self, form: ModelForm[M]) -> dict[str, Any]:
        """What the changed fields held before, for an admin whose reader needs old and new
        side by side (a group's permissions); none by default."""
        return {}

    def save_model(self, request: HttpRequest, obj: M, form: ModelForm[M], change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=self._actor(request),
                office=_office_of(obj),
                subject=obj,
                event="admin.changed" if change else "admin.created",
                old=self.audited_before(form) if change else None,
                new=audited_values(form),
            )

    def _deleted(self, request: HttpRequest, obj: M) -> None:
        audit_record(
            actor=self._actor(request),
            office=_office_of(obj),
            subject=obj,
            event="admin.deleted",
            old={"repr": str(obj)},
        )

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        with transaction.atomic():
            self._deleted(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[M]) -> None:
        with transaction.atomic():
            for obj in queryset:
                self._deleted(request, obj)
            super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            saved = [*formset.new_objects, *(obj for obj, _ in formset.changed_objects)]
            for obj in saved:
                audit_record(
                    actor=self._actor(request),
                    office=_office_of(obj),
                    subject=obj,
                    event="admin.inline_saved",
                    new={"repr": str(obj)},
                )
            for obj in formset.deleted_objects:
                audit_record(
                    actor=self._actor(request),
                    office=_office_of(obj),
                    subject=(obj._meta.label_lower, str(obj)),
                    event="admin.inline_deleted",
                    old={"repr": str(obj)},
                )


class HeadquartersAdmin[M: models.Model](AuditedAdmin[M]):
    """Rows headquarters keeps in the admin (fee schedule, holiday calendar, watch-list): the
    national HQ role may view, add and change them — and delete only where `hq_may_delete` —
    besides whatever Django's model permissions allow (administrators)."""

    hq_may_delete = False

    def _hq(self, request: HttpRequest) -> bool:
        from paspor.portal.admin_site import is_headquarters

        return is_headquarters(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or self._hq(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) or self._hq(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) or self._hq(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) or self._hq(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed or (self.hq_may_delete and self._hq(request))
