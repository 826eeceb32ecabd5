"""The admin names every column, filter and field in the reader's language.

A model field without a verbose name is labelled by Django from its attribute name: `office`
heads a column "Office" and `created_at` reads "Created at", in English on an Indonesian page.
Every field of a model the admin shows (registered, or inline on another's page) is named in
Indonesian with gettext, so the English catalogue can name it too.
"""

import datetime as dt
import html
from collections.abc import Iterator

import pytest
from django.contrib import admin
from django.db.models import Model
from django.urls import reverse
from django.utils import translation
from django.utils.text import camel_case_to_spaces

from paspor.issuance.models import BookletDelivery, BookletKind

# Labels Django derives from the attribute name that are Indonesian words as they stand.
INDONESIAN_AS_DERIVED = {
    "booking",  # the service's own Indonesian word for an appointment (the model's name too)
    "status",
}


def _models_in_the_admin() -> Iterator[type[Model]]:
    """The project's models the admin shows; third-party ones (login attempts, TOTP devices,
    task results) carry their own packages' names."""
    for model, model_admin in admin.site._registry.items():
        if model.__module__.startswith("paspor."):
            yield model
            yield from (inline.model for inline in model_admin.inlines)


def test_the_walk_finds_the_registered_models_and_their_inlines():
    labels = {model._meta.label for model in _models_in_the_admin()}
    assert {"booking.Booking", "cases.Case", "cases.CaseEvent", "payments.BillItem"} <= labels


def test_no_admin_field_is_named_after_its_attribute_in_english():
    with translation.override("id"):
        derived = sorted(
            f"{model._meta.label}.{field.name}"
            for model in set(_models_in_the_admin())
            for field in model._meta.concrete_fields
            if str(field.verbose_name) == field.name.replace("_", " ")
            and str(field.verbose_name) not in INDONESIAN_AS_DERIVED
        )
    assert derived == []


def test_every_admin_model_has_its_own_indonesian_name():
    with translation.override("id"):
        derived = sorted(
            model._meta.label
            for model in set(_models_in_the_admin())
            if (
                str(model._meta.verbose_name) == camel_case_to_spaces(model.__name__)
                and str(model._meta.verbose_name) not in INDONESIAN_AS_DERIVED
            )
            or str(model._meta.verbose_name_plural) == f"{model._meta.verbose_name}s"
        )
    assert derived == []


@pytest.mark.django_db
def test_the_booklet_deliveries_name_their_office_column_and_filter_in_indonesian(
    client_for, admin_user, office, other_office
):
    for where in (office, other_office):
        BookletDelivery.objects.create(
            office=where,
            kind=BookletKind.ELECTRONIC,
            document_number=f"BAST-{where.code}",
            received_on=dt.date(2026, 6, 1),
            first_number="X1000001",
            last_number="X1000010",
            quantity=10,
            received_by=admin_user,
        )

    response = client_for(admin_user).get(reverse("admin:issuance_bookletdelivery_changelist"))

    page = html.unescape(response.content.decode())
    assert "BAST-ketapang" in page and "BAST-pontianak" in page
    assert 'data-filter-title="kantor"' in page
    assert "Kantor</a>" in page.split('column-office"')[1].split("</th>")[0]
    assert "Office" not in page
