from django.contrib import admin

from paspor.audit.admin_mixins import AuditedAdmin
from paspor.complaints.models import Complaint


@admin.register(Complaint)
class ComplaintAdmin(AuditedAdmin[Complaint]):
    list_display = (
        "tracking_code",
        "office",
        "category",
        "status",
        "responded_as",
        "created_at",
        "deadline",
    )
    list_filter = ("status", "responded_as", "category", "office")
    search_fields = ("tracking_code",)
    readonly_fields = [field.name for field in Complaint._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
