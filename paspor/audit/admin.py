from django.contrib import admin
from django.http import HttpRequest

from paspor.audit.models import AuditEntry
from paspor.lib.admin_dates import DateHierarchyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(DateHierarchyAdmin[AuditEntry]):
    """Readable by administrators; nobody adds, changes or deletes through the admin."""

    list_display = ["at", "chain", "seq", "event", "subject_type", "subject_id", "actor_label"]
    list_filter = ["chain", "event"]
    search_fields = ["subject_id", "actor_label", "event"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
