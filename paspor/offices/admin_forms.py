"""Admin forms that save through the app's service, so the admin cannot bypass a rule.

The services refuse what the office's rules forbid (a quota below the seats already booked, a
date's quota for a day already past, a pool leaving a ballot people entered…) and write the
audit row. An admin form built on `ServiceAdminForm` asks the service while the form is being
checked, inside a transaction that is always rolled back: a refusal becomes the form's error in
the page's language and the headquarters officer's input stays on the page. The model admin
(`ServiceAdmin`) then saves by calling the same service for real.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.forms import ModelForm
from django.forms.models import construct_instance
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from paspor.accounts.models import User
from paspor.audit.admin_mixins import AuditedAdmin
from paspor.lib.errors import DomainError

# An office's clock times (opening hours, arrival sessions, the quota release) are read on the
# office's own clock, in its zone: a plain time field, without the admin's clock widget, whose
# note told the reader to enter them in the server's zone ("zona waktu Asia/Jakarta") and whose
# "now" filled in the server's time.
OFFICE_CLOCK_TIME: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.TimeField: {"widget": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
}


class _DryRun(Exception):
    """Raised inside the check's transaction so that nothing the service wrote is kept."""


def _refusal(call: Callable[[], object]) -> DomainError | None:
    """Ask the service by running `call` in a transaction that is always rolled back: its
    refusal, or None when it would go through."""
    try:
        with transaction.atomic():
            call()
            raise _DryRun
    except _DryRun:
        return None
    except DomainError as refusal:
        return refusal


class ServiceAdminForm[M: models.Model](forms.ModelForm[M]):
    actor: User | None = None
    # A refusal's code → the field it is about: said at that field (the input stays), not above
    # the form.
    refusal_fields: ClassVar[dict[str, str]] = {}

    def service_save(self, *, by: User | None) -> M:
        """Write the form's values through the service; return the row it saved."""
        raise NotImplementedError

    def value(self, name: str) -> Any:
        """A field's new value, or the row's own for a field shown read-only."""
        if name in self.cleaned_data:
            return self.cleaned_data[name]
        return getattr(self.instance, name)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._check_columns(data)
        if self.errors or self._taken():
            return data
        refusal = _refusal(lambda: self.service_save(by=self.actor))
        if refusal is None:
            return data
        error = forms.ValidationError(refusal.message, code=refusal.code)
        field = self.refusal_fields.get(refusal.code)
        if field is None or field not in self.fields:
            raise error from refusal
        self.add_error(field, error)
        return data

    def _check_columns(self, data: dict[str, Any]) -> None:
        """Check each value against its model field's validators before the dry run writes it.
        Django runs them only after `clean` (in `_post_clean`): the dry run would otherwise send
        a number the column cannot hold (a capacity of 10**30, or 3 000 000 000 in a
        PostgreSQL integer) to the database, a server error instead of the field's own message
        ("Pastikan nilai ini lebih kecil dari atau sama dengan …") with the input kept."""
        for name, value in list(data.items()):
            try:
                field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a form-only field (a counter's stations, a service's route)
            if field.is_relation or not isinstance(field, models.Field):
                continue  # a chosen row: its form field found it in the database already
            try:
                field.run_validators(value)
            except ValidationError as error:
                self.add_error(name, error)

    def _taken(self) -> bool:
        """Whether the row would repeat another's unique values (an office's code): Django says
        so after `clean`. The dry run would act on that other row, and say its refusal (another
        office's bookings) as if it were this one's."""
        candidate = construct_instance(self, copy.copy(self.instance))
        model_fields = self._meta.model._meta.get_fields()
        unchecked = {field.name for field in model_fields if field.name not in self.cleaned_data}
        try:
            candidate.validate_unique(exclude=unchecked)
        except ValidationError:
            return True
        return False

    def validate_constraints(self) -> None:
        # The service's own refusal says it in words; the constraint would repeat it by its
        # code name ("session_start_before_end").
        if not self.non_field_errors():
            super().validate_constraints()


class ServiceAdmin[M: models.Model](AuditedAdmin[M]):
    """Saves through the form's service (which writes its own audit row), and deletes through
    `service_remove` where the model has a removal service: a refused removal is said on the
    row's page before anything is deleted, and rows go one at a time (no bulk delete)."""

    def service_remove(self, obj: M, *, by: User | None) -> bool:
        """Remove the row through its service; False when there is none (Django deletes it)."""
        return False

    def _removes_through_service(self) -> bool:
        return type(self).service_remove is not ServiceAdmin.service_remove

    def get_actions(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        actions = super().get_actions(request, *args, **kwargs)
        if self._removes_through_service():
            actions.pop("delete_selected", None)
        return actions

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        # Asked only for someone who may delete; Django's own view refuses the others.
        if (
            obj is not None
            and self._removes_through_service()
            and self.has_delete_permission(request, obj)
        ):
            refusal = _refusal(lambda: self.service_remove(obj, by=self._actor(request)))
            if refusal is not None:
                self.message_user(request, refusal.message, messages.ERROR)
                opts = self.model._meta
                return HttpResponseRedirect(
                    reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_change",
                        args=[obj.pk],
                        current_app=self.admin_site.name,
                    )
                )
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        if not self.service_remove(obj, by=self._actor(request)):
            super().delete_model(request, obj)

    def get_form(
        self, request: HttpRequest, obj: M | None = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[M]]:
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"actor": self._actor(request)})

    def save_model(self, request: HttpRequest, obj: M, form: ModelForm[M], change: bool) -> None:
        assert isinstance(form, ServiceAdminForm)
        saved = form.service_save(by=self._actor(request))
        obj.pk = saved.pk
        obj.refresh_from_db()
