"""`migrate` makes the group that lets a headquarters officer set up offices: an administrator
adds it to the account instead of ticking its 27 permissions (docs/onboarding.md)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from paspor.accounts.groups import (
    OFFICE_SETUP_GROUP,
    OFFICE_SETUP_PERMISSIONS,
    office_setup_group_ensure,
)

pytestmark = pytest.mark.django_db


def _held(group: Group) -> set[str]:
    return {
        f"{app}.{code}"
        for app, code in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_migrate_makes_the_group_with_exactly_its_permissions():
    group = Group.objects.get(name=OFFICE_SETUP_GROUP)
    assert _held(group) == set(OFFICE_SETUP_PERMISSIONS)
    assert len(OFFICE_SETUP_PERMISSIONS) == 27
    # Nothing to delete an office, a station or a counter, nor any national table.
    assert not any(p.startswith("offices.delete_office") for p in _held(group))
    assert not any(p.split(".")[0] not in {"offices", "accounts"} for p in _held(group))


def test_a_group_an_administrator_changed_is_left_as_it_is():
    group = Group.objects.get(name=OFFICE_SETUP_GROUP)
    group.permissions.remove(Permission.objects.get(codename="delete_certification"))
    assert office_setup_group_ensure() is None
    call_command("migrate", verbosity=0)
    assert "accounts.delete_certification" not in _held(Group.objects.get(pk=group.pk))


def test_a_deleted_group_is_made_again_by_the_next_migrate():
    Group.objects.filter(name=OFFICE_SETUP_GROUP).delete()
    call_command("migrate", verbosity=0)
    assert _held(Group.objects.get(name=OFFICE_SETUP_GROUP)) == set(OFFICE_SETUP_PERMISSIONS)


def test_nothing_is_made_while_a_permission_is_missing():
    Group.objects.filter(name=OFFICE_SETUP_GROUP).delete()
    Permission.objects.filter(codename="view_officeservice").delete()
    assert office_setup_group_ensure() is None
    assert not Group.objects.filter(name=OFFICE_SETUP_GROUP).exists()


class _StateWithoutAuth:
    """The migration state of `migrate contenttypes` alone: no auth models yet."""

    def get_model(self, app_label: str, model_name: str):
        raise LookupError(f"{app_label}.{model_name}")


def test_a_migrate_before_the_auth_tables_exist_makes_nothing():
    Group.objects.filter(name=OFFICE_SETUP_GROUP).delete()
    assert office_setup_group_ensure(apps=_StateWithoutAuth()) is None  # type: ignore[arg-type]
    assert not Group.objects.filter(name=OFFICE_SETUP_GROUP).exists()


def test_a_database_kept_out_of_migrations_is_not_written(monkeypatch):
    from django.db import router

    Group.objects.filter(name=OFFICE_SETUP_GROUP).delete()
    monkeypatch.setattr(router, "allow_migrate_model", lambda using, model: False)
    assert office_setup_group_ensure() is None
    assert not Group.objects.filter(name=OFFICE_SETUP_GROUP).exists()
