"""The permission group an administrator gives the headquarters officers who put new offices
into service (docs/onboarding.md, "Who may do it").

Headquarters' role alone opens the admin to read; setting up an office writes its layout and
its staff accounts, which takes these model permissions. The group is made after `migrate`, so
an administrator only adds it to an officer's account instead of ticking 27 permissions.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Q

OFFICE_SETUP_GROUP = "Penyiapan kantor"

OFFICE_SETUP_PERMISSIONS: tuple[str, ...] = (
    *(
        f"offices.{action}_{model}"
        for model in ("office", "openinghours", "station", "counter", "officeservice")
        for action in ("add", "change", "view")
    ),
    "offices.delete_openinghours",
    "accounts.add_user",
    "accounts.change_user",
    "accounts.view_user",
    *(
        f"accounts.{action}_{model}"
        for model in ("staffassignment", "certification")
        for action in ("add", "change", "delete", "view")
    ),
)


def office_setup_permissions(using: str = DEFAULT_DB_ALIAS) -> list[Permission]:
    wanted = [dotted.split(".") for dotted in OFFICE_SETUP_PERMISSIONS]
    match = reduce(or_, (Q(content_type__app_label=app, codename=code) for app, code in wanted))
    return list(Permission.objects.using(using).filter(match))


def office_setup_group_ensure(*, using: str = DEFAULT_DB_ALIAS, **_signal: Any) -> Group | None:
    """Makes the group with its permissions when there is none by that name (a post_migrate
    receiver). A group already there is left as an administrator keeps it; None as well while
    the permissions are not all made yet (post_migrate runs once per app)."""
    groups = Group.objects.using(using)
    if groups.filter(name=OFFICE_SETUP_GROUP).exists():
        return None
    permissions = office_setup_permissions(using)
    if len(permissions) < len(OFFICE_SETUP_PERMISSIONS):
        return None
    with transaction.atomic(using=using):
        group = groups.create(name=OFFICE_SETUP_GROUP)
        group.permissions.set(permissions)
    return group
