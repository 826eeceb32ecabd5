from django.contrib import admin

from paspor.audit.admin_mixins import HeadquartersAdmin
from paspor.cases.models import Case, CaseEvent, TravelBanCheck, TravelBanEntry
from paspor.lib.admin_search import SealedIdSearchAdmin


@admin.register(TravelBanEntry)
class TravelBanEntryAdmin(SealedIdSearchAdmin[TravelBanEntry], HeadquartersAdmin[TravelBanEntry]):
    list_display = ["full_name", "birth_date", "nik", "valid_until", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["full_name", "aliases"]
    sealed_search_fields = ("nik",)


@admin.register(TravelBanCheck)
class TravelBanCheckAdmin(admin.ModelAdmin[TravelBanCheck]):
    list_display = ["case", "at", "threshold", "outcome", "resolution"]
    list_filter = ["outcome", "resolution"]
    readonly_fields = [f.name for f in TravelBanCheck._meta.fields]

    def has_add_permission(self, request: object) -> bool:  # type: ignore[override]
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:  # type: ignore[override]
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:  # type: ignore[override]
        # A screening's outcome is evidence: deleted here, it left no audit row behind.
        return False


class CaseEventInline(admin.TabularInline[CaseEvent, Case]):
    model = CaseEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "kind", "from_status", "to_status", "reason", "data"]


@admin.register(Case)
class CaseAdmin(SealedIdSearchAdmin[Case]):
    """Read-only: cases change only through their services (the officer pages)."""

    list_display = ["code", "office", "full_name", "application_type", "status", "assigned_to"]
    list_filter = ["office", "status", "application_type"]
    search_fields = ["code", "full_name"]
    sealed_search_fields = ("nik",)
    inlines = [CaseEventInline]

    def has_add_permission(self, request: object) -> bool:  # type: ignore[override]
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:  # type: ignore[override]
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:  # type: ignore[override]
        # Deleting a case took its events, documents and biometrics with it, without an audit
        # row; a case ends through its services (cancelled, rejected, expired), never here.
        return False
