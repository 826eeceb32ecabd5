from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from paspor.operations.models import ScheduledJob


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin[ScheduledJob]):
    """Read-only: the scheduler alone writes these rows."""

    list_display = ["name", "next_run_at", "last_started_at", "last_finished_at", "last_ok", "runs"]
    readonly_fields = [f.name for f in ScheduledJob._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
