"""Every admin list with a date drill-down takes any year typed into its address: one at the
end of the calendar is Django's "?e=1" notice, never a server error."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

DRILLED = sorted(
    (model._meta.label_lower, model_admin.date_hierarchy)
    for model, model_admin in admin.site._registry.items()
    if model_admin.date_hierarchy
)


def test_the_project_has_date_drill_downs_to_check():
    assert len(DRILLED) >= 9


@pytest.mark.parametrize(("label", "field"), DRILLED)
@pytest.mark.parametrize(
    "query",
    ["{f}__year=9999", "{f}__year=9999&{f}__month=12", "{f}__year=9999&{f}__month=12&{f}__day=31"],
)
def test_a_year_at_the_end_of_the_calendar_is_a_bad_filter_not_a_server_error(
    client_for, admin_user, label, field, query
):
    app_label, model_name = label.split(".")
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    response = client_for(admin_user).get(f"{changelist}?{query.format(f=field)}")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
