"""Read-mostly admin: every change of a booklet or passport goes through the services."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from paspor.audit.admin_mixins import AuditedAdmin
from paspor.issuance.models import Booklet, BookletDelivery, Handover, Passport, QualityCheck
from paspor.lib.admin_search import SealedIdSearchAdmin


class ReadOnlyAdmin[M: Booklet | BookletDelivery | Passport | QualityCheck | Handover](
    AuditedAdmin[M]
):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


@admin.register(BookletDelivery)
class BookletDeliveryAdmin(ReadOnlyAdmin[BookletDelivery]):
    list_display = (
        "document_number",
        "office",
        "kind",
        "received_on",
        "first_number",
        "last_number",
        "quantity",
    )
    list_filter = ("office", "kind")
    search_fields = ("document_number", "first_number", "last_number")


@admin.register(Booklet)
class BookletAdmin(ReadOnlyAdmin[Booklet]):
    list_display = ("number", "office", "kind", "status", "consumption", "consumed_on")
    list_filter = ("office", "kind", "status", "consumption")
    search_fields = ("number",)


@admin.register(Passport)
class PassportAdmin(SealedIdSearchAdmin[Passport], ReadOnlyAdmin[Passport]):
    list_display = ("passport_number", "case", "status", "issue_date", "expiry_date", "printed_by")
    list_filter = ("status",)
    search_fields = ("passport_number", "case__code")
    sealed_search_fields = ("nik",)
    exclude = ()


@admin.register(QualityCheck)
class QualityCheckAdmin(ReadOnlyAdmin[QualityCheck]):
    list_display = ("passport", "checked_by", "at", "passed")
    list_filter = ("passed",)


@admin.register(Handover)
class HandoverAdmin(ReadOnlyAdmin[Handover]):
    list_display = ("passport", "basis", "collector_name", "officer", "at")
    list_filter = ("basis",)
    exclude = ("signature_png",)
