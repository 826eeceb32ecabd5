from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from paspor.audit.admin_mixins import AuditedAdmin
from paspor.queueing.models import QueuePolicy, Ticket


@admin.register(QueuePolicy)
class QueuePolicyAdmin(AuditedAdmin[QueuePolicy]):
    list_display = [
        "office",
        "checkin_early_minutes",
        "checkin_late_minutes",
        "aging_minutes",
        "recalls_before_no_show",
        "reinstate_minutes",
    ]


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin[Ticket]):
    """Read-only: tickets change only through the kiosk and the counter console."""

    list_display = ["__str__", "office", "day", "service", "status", "station", "counter"]
    list_filter = ["office", "day", "status"]
    search_fields = ["holder_name", "booking__code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
