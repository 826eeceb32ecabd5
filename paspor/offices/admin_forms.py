"""Admin forms that save through the app's service, so the admin cannot bypass a rule.

The services refuse what the office's rules forbid (a quota below the seats already booked, a
date's quota for a day already past, a pool leaving a ballot people entered…) and write the
audit row. An admin form built on `ServiceAdminForm` asks the service while the form is being
checked, inside a transaction that is always rolled back: a refusal becomes the form's error in
the page's language and the headquarters officer's input stays on the page. The model admin
(`ServiceAdmin`) then saves by calling the same service for real.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest

from paspor.accounts.models import User
from paspor.audit.admin_mixins import AuditedAdmin
from paspor.lib.errors import DomainError


class _DryRun(Exception):
    """Raised inside the check's transaction so that nothing the service wrote is kept."""


class ServiceAdminForm[M: models.Model](forms.ModelForm[M]):
    actor: User | None = None

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
        if self.errors:
            return data
        try:
            with transaction.atomic():
                self.service_save(by=self.actor)
                raise _DryRun
        except _DryRun:
            pass
        except DomainError as refusal:
            raise forms.ValidationError(refusal.message, code=refusal.code) from refusal
        return data

    def validate_constraints(self) -> None:
        # The service's own refusal says it in words; the constraint would repeat it by its
        # code name ("session_start_before_end").
        if not self.non_field_errors():
            super().validate_constraints()


class ServiceAdmin[M: models.Model](AuditedAdmin[M]):
    """Saves through the form's service (which writes its own audit row)."""

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
