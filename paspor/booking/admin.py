from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from paspor.audit.admin_mixins import AuditedAdmin
from paspor.booking.models import (
    ArrivalSession,
    Ballot,
    Booking,
    BookingPolicy,
    NikBlock,
    PoolPolicy,
    QuotaDefault,
    QuotaException,
)
from paspor.booking.selectors import availability_changed


class OfficeSetupAdmin[M: models.Model](AuditedAdmin[M]):
    """Configuration of an office's booking: a change clears its cached setup and availability."""

    def save_model(self, request: HttpRequest, obj: M, form: ModelForm[M], change: bool) -> None:
        super().save_model(request, obj, form, change)
        availability_changed(obj.office_id)  # type: ignore[attr-defined]

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        office_id: Any = getattr(obj, "office_id", None)
        super().delete_model(request, obj)
        if office_id is not None:
            availability_changed(office_id)


@admin.register(ArrivalSession)
class ArrivalSessionAdmin(OfficeSetupAdmin[ArrivalSession]):
    list_display = ["office", "start", "end", "is_active"]
    list_filter = ["office"]


@admin.register(BookingPolicy)
class BookingPolicyAdmin(OfficeSetupAdmin[BookingPolicy]):
    list_display = ["office", "release_rule", "release_time", "rolling_days", "ballot_window_hours"]


@admin.register(PoolPolicy)
class PoolPolicyAdmin(OfficeSetupAdmin[PoolPolicy]):
    list_display = ["office", "pool", "mode"]
    list_filter = ["office", "mode"]


@admin.register(QuotaDefault)
class QuotaDefaultAdmin(OfficeSetupAdmin[QuotaDefault]):
    list_display = ["office", "weekday", "session", "pool", "capacity"]
    list_filter = ["office", "pool", "weekday"]


@admin.register(QuotaException)
class QuotaExceptionAdmin(OfficeSetupAdmin[QuotaException]):
    list_display = ["office", "date", "session", "pool", "capacity", "reason"]
    list_filter = ["office", "pool"]
    date_hierarchy = "date"


@admin.register(NikBlock)
class NikBlockAdmin(AuditedAdmin[NikBlock]):
    list_display = ["nik", "kind", "until", "reason", "case_code"]
    list_filter = ["kind"]
    search_fields = ["nik", "case_code"]


@admin.register(Booking)
class BookingAdmin(AuditedAdmin[Booking]):
    """Read-only: bookings change through the pages and the API (their services)."""

    list_display = ["code", "office", "date", "window_start", "pool", "status", "via"]
    list_filter = ["office", "status", "pool", "via"]
    search_fields = ["code", "nik"]
    date_hierarchy = "date"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Ballot)
class BallotAdmin(AuditedAdmin[Ballot]):
    list_display = ["office", "date", "pool", "status", "closes_at"]
    exclude = ["seed"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
