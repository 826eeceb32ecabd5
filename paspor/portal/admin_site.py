"""The Django admin, open to headquarters for what headquarters keeps there.

docs/roles.md: headquarters keeps the fee schedule, the holiday calendar and the travel-ban
watch-list, and those live in the admin. Django lets only `is_staff` accounts in and then asks
for per-user model permissions, which nobody grants when assigning a role; so an HQ officer
was sent to an admin that said "you have no permission". Here the national HQ role opens the
admin, and the model admins built on `HeadquartersAdmin` let HQ view, add and change their
rows (every change audited, as all admin writes). Administrators keep Django's own rules.

Every model admin registered here, the packages' own included, also refuses row ids that are
not ones its column could hold (`TamperedIdsAdmin`): Django sends a posted id straight to the
database, where "abc" or 10**30 was a server error instead of the page's usual message.
"""

from __future__ import annotations

import types
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_lazy

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
    _ModelMultipleChoiceField = forms.ModelMultipleChoiceField[Any]
else:  # not subscriptable yet when the app list imports this module, before the others
    _ModelAdmin = admin.ModelAdmin
    _ModelMultipleChoiceField = forms.ModelMultipleChoiceField


def column_holds(field: models.Field[Any, Any], value: object) -> bool:
    """`value`, as sent by a browser, is one `field`'s column can hold: of its type ("abc" is no
    id) and in its range (Django's validators from the database's integer range). A foreign
    key is checked as the column it points to."""
    while isinstance(field, models.ForeignKey):
        field = field.target_field
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class InRangeMultipleChoiceField(_ModelMultipleChoiceField):
    """Several rows chosen at once (a group's permissions, a user's groups): an id no column
    could hold is refused as not valid, as Django refuses "abc", before the database sees it
    (Django's `pk__in` query overflowed: OverflowError on SQLite, DataError on PostgreSQL)."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            assert self.queryset is not None
            model = self.queryset.model
            key = model._meta.get_field(self.to_field_name) if self.to_field_name else None
            field = key if isinstance(key, models.Field) else model._meta.pk
            assert field is not None
            for pk in value:
                if not column_holds(field, pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super().clean(value)


class TamperedIdsAdmin(_ModelAdmin):
    """Mixed into every model admin on the site (`PasporAdminSite.register`)."""

    def response_action(
        self,
        request: HttpRequest,
        queryset: QuerySet[Any],
        action_location: ActionLocation = ActionLocation.CHANGE_LIST,
    ) -> HttpResponse | None:
        # The ticked rows are posted ids; only a changed page sends ones no row could have.
        # Django filters `pk__in` with them as they are (ValueError for "abc", an overflow for
        # 10**30): such a post is answered as one with nothing ticked.
        pk = self.model._meta.pk
        assert pk is not None
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(column_holds(pk, value) for value in selected):
            self.message_user(
                request,
                gettext(
                    "Items must be selected in order to perform "
                    "actions on them. No items have been changed."
                ),
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset, action_location)

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField[Any] | None:
        kwargs.setdefault("form_class", InRangeMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


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

    def register(
        self,
        model_or_iterable: type[models.Model] | Iterable[type[models.Model]],
        admin_class: type[admin.ModelAdmin[Any]] | None = None,
        **options: Any,
    ) -> None:
        # Mixed in here, not in a base class, so that the admins the packages register
        # themselves (tasks, sign-in attempts) refuse tampered ids too.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, TamperedIdsAdmin):
            names = {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__}
            admin_class = types.new_class(
                admin_class.__name__,
                (TamperedIdsAdmin, admin_class),
                exec_body=lambda namespace: namespace.update(names),
            )
        super().register(model_or_iterable, admin_class, **options)


class PasporAdminConfig(AdminConfig):
    default_site = "paspor.portal.admin_site.PasporAdminSite"
