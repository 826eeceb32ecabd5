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

from django.apps import apps as installed_apps
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS, router, transaction
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


def office_setup_group_ensure(
    *, using: str = DEFAULT_DB_ALIAS, apps: Apps = installed_apps, **_signal: Any
) -> Any:
    """Makes the group with its permissions when there is none by that name (a post_migrate
    receiver: `apps` is the migration state, as Django's own `create_permissions` reads it).

    Returns the new group, or None: a group already there is left as an administrator keeps
    it; nothing is made on a database the router keeps out of migrations (the read replica),
    before the auth tables exist (`migrate contenttypes` alone), or while the permissions are
    not all made yet (post_migrate runs once per app).
    """
    try:
        group_model = apps.get_model("auth", "Group")
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:
        return None
    if not router.allow_migrate_model(using, group_model):
        return None
    groups = group_model.objects.using(using)
    if groups.filter(name=OFFICE_SETUP_GROUP).exists():
        return None
    wanted = [dotted.split(".") for dotted in OFFICE_SETUP_PERMISSIONS]
    match = reduce(or_, (Q(content_type__app_label=app, codename=code) for app, code in wanted))
    permissions = list(permission_model.objects.using(using).filter(match))
    if len(permissions) < len(OFFICE_SETUP_PERMISSIONS):
        return None
    with transaction.atomic(using=using):
        # Race: two `migrate` runs at once; the unique name lets one make it.
        group, created = groups.get_or_create(name=OFFICE_SETUP_GROUP)
        if created:
            group.permissions.set(permissions)
    return group if created else None
