"""An office's booking setup in the admin: every save goes through the booking services, so
the rules the quota page keeps (no quota below the seats booked, no date's quota for a past or
closed day, no leaving a ballot people entered) hold here too, and the service writes the audit
row."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from paspor.accounts.models import User
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
from paspor.booking.selectors import availability_changed, policy_for
from paspor.booking.services import (
    booking_policy_set,
    priority_ages_set,
    quota_default_remove,
    quota_default_set,
    quota_exception_remove,
    quota_exception_set,
    session_retire,
    session_set,
)
from paspor.lib.admin_search import SealedIdSearchAdmin
from paspor.lib.http import whole_number
from paspor.offices.admin_forms import OFFICE_CLOCK_TIME, ServiceAdmin, ServiceAdminForm


class SessionChoiceField(forms.ModelChoiceField[ArrivalSession]):
    def label_from_instance(self, obj: ArrivalSession) -> str:
        return f"{obj.office.code} · {obj}"


class OfficeSetupAdmin[M: models.Model](ServiceAdmin[M]):
    """Configuration of an office's booking: a change clears its cached setup and availability
    (the services do it on save; a delete does it here)."""

    # Which row a form edits is fixed once it exists: the services find rows by these fields,
    # so changing one would add a second row instead of changing this one.
    identity: tuple[str, ...] = ("office",)
    # Session times and the release time are the office's clock, not the server's.
    formfield_overrides = OFFICE_CLOCK_TIME

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.identity if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """Arrival sessions are named with their office ("denpasar · 08.00–10.00"): every
        office has its 08.00 session, and a quota takes only its own office's."""
        if db_field.name == "session":
            # The address is typed by anyone: an office id that is not a plain number the
            # column can hold ("²", 10**23) is ignored rather than a server error.
            office = whole_number(request.GET.get("office"))
            sessions = ArrivalSession.objects.select_related("office").filter(is_active=True)
            if office is not None:
                sessions = sessions.filter(office_id=office)
            kwargs["queryset"] = sessions.order_by("office__code", "start")
            kwargs["form_class"] = SessionChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        office_id: Any = getattr(obj, "office_id", None)
        super().delete_model(request, obj)
        if office_id is not None:
            availability_changed(office_id)


class ArrivalSessionForm(ServiceAdminForm[ArrivalSession]):
    class Meta:
        model = ArrivalSession
        fields = ["office", "start", "end", "is_active"]

    def service_save(self, *, by: User | None) -> ArrivalSession:
        office = self.value("office")
        session = session_set(
            office=office, start=self.value("start"), end=self.value("end"), by=by
        )
        if not self.value("is_active"):
            # Taken out of service: refused while people hold bookings or entries in it.
            session = session_retire(office=office, session=session, by=by)
        return session


@admin.register(ArrivalSession)
class ArrivalSessionAdmin(OfficeSetupAdmin[ArrivalSession]):
    form = ArrivalSessionForm
    identity = ("office", "start")
    list_display = ["office", "start", "end", "is_active"]
    list_filter = ["office", "is_active"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Bookings, ballots and quotas keep their session; it is taken out of service instead.
        return False


POLICY_FIELDS = (
    "office",
    "release_rule",
    "release_time",
    "rolling_days",
    "ballot_window_hours",
    "priority_child_under",
    "priority_elderly_from",
)


class BookingPolicyForm(ServiceAdminForm[BookingPolicy]):
    class Meta:
        model = BookingPolicy
        fields = list(POLICY_FIELDS)

    def service_save(self, *, by: User | None) -> BookingPolicy:
        with transaction.atomic():
            booking_policy_set(
                office=self.value("office"),
                release_rule=self.value("release_rule"),
                release_time=self.value("release_time"),
                rolling_days=self.value("rolling_days"),
                ballot_window_hours=self.value("ballot_window_hours"),
                modes={},
                by=by,
            )
            return priority_ages_set(
                office=self.value("office"),
                child_under=self.value("priority_child_under"),
                elderly_from=self.value("priority_elderly_from"),
                by=by,
            )


@admin.register(BookingPolicy)
class BookingPolicyAdmin(OfficeSetupAdmin[BookingPolicy]):
    form = BookingPolicyForm
    list_display = POLICY_FIELDS
    list_filter = ["release_rule"]


class PoolPolicyForm(ServiceAdminForm[PoolPolicy]):
    class Meta:
        model = PoolPolicy
        fields = ["office", "pool", "mode"]

    def service_save(self, *, by: User | None) -> PoolPolicy:
        office = self.value("office")
        policy = policy_for(office)
        booking_policy_set(
            office=office,
            release_rule=policy.release_rule,
            release_time=policy.release_time,
            rolling_days=policy.rolling_days,
            ballot_window_hours=policy.ballot_window_hours,
            modes={self.value("pool"): self.value("mode")},
            by=by,
        )
        return PoolPolicy.objects.get(office=office, pool=self.value("pool"))


@admin.register(PoolPolicy)
class PoolPolicyAdmin(OfficeSetupAdmin[PoolPolicy]):
    form = PoolPolicyForm
    identity = ("office", "pool")
    list_display = ["office", "pool", "mode"]
    list_filter = ["office", "mode"]


class QuotaDefaultForm(ServiceAdminForm[QuotaDefault]):
    class Meta:
        model = QuotaDefault
        fields = ["office", "weekday", "session", "pool", "capacity"]

    def service_save(self, *, by: User | None) -> QuotaDefault:
        return quota_default_set(
            office=self.value("office"),
            weekday=self.value("weekday"),
            session=self.value("session"),
            pool=self.value("pool"),
            capacity=self.value("capacity"),
            by=by,
        )


@admin.register(QuotaDefault)
class QuotaDefaultAdmin(OfficeSetupAdmin[QuotaDefault]):
    form = QuotaDefaultForm
    identity = ("office", "weekday", "session", "pool")
    list_display = ["office", "weekday", "session", "pool", "capacity"]
    list_filter = ["office", "pool", "weekday"]
    ordering = ["office", "weekday", "session__start", "pool"]

    def service_remove(self, obj: QuotaDefault, *, by: User | None) -> bool:
        quota_default_remove(
            office=obj.office, weekday=obj.weekday, session=obj.session, pool=obj.pool, by=by
        )
        return True


class QuotaExceptionForm(ServiceAdminForm[QuotaException]):
    class Meta:
        model = QuotaException
        fields = ["office", "date", "session", "pool", "capacity", "reason"]

    def service_save(self, *, by: User | None) -> QuotaException:
        return quota_exception_set(
            office=self.value("office"),
            day=self.value("date"),
            session=self.value("session"),
            pool=self.value("pool"),
            capacity=self.value("capacity"),
            reason=self.value("reason"),
            by=by,
        )


@admin.register(QuotaException)
class QuotaExceptionAdmin(OfficeSetupAdmin[QuotaException]):
    form = QuotaExceptionForm
    identity = ("office", "date", "session", "pool")
    list_display = ["office", "date", "session", "pool", "capacity", "reason"]
    list_filter = ["office", "pool"]
    search_fields = ["reason"]
    date_hierarchy = "date"
    ordering = ["-date", "session__start", "pool"]

    def service_remove(self, obj: QuotaException, *, by: User | None) -> bool:
        quota_exception_remove(
            office=obj.office, day=obj.date, session=obj.session, pool=obj.pool, by=by
        )
        return True


@admin.register(NikBlock)
class NikBlockAdmin(SealedIdSearchAdmin[NikBlock], AuditedAdmin[NikBlock]):
    list_display = ["nik", "kind", "until", "reason", "case_code"]
    list_filter = ["kind"]
    search_fields = ["case_code"]
    sealed_search_fields = ("nik",)


@admin.register(Booking)
class BookingAdmin(SealedIdSearchAdmin[Booking], AuditedAdmin[Booking]):
    """Read-only: bookings change through the pages and the API (their services). Not even
    deleted here: a booking deleted by hand kept its seat taken on the quota counter, and its
    applicant was never told (cancelling or invalidating it does both)."""

    list_display = ["code", "office", "date", "window_start", "pool", "status", "via"]
    list_filter = ["office", "status", "pool", "via"]
    search_fields = ["code"]
    sealed_search_fields = ("nik",)
    date_hierarchy = "date"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Ballot)
class BallotAdmin(AuditedAdmin[Ballot]):
    """Read-only: a ballot is opened with a fresh seed whose hash is published, and drawn, by
    `booking_tick` alone; one added or deleted by hand could not be verified
    (`ballot_verify`)."""

    list_display = ["office", "date", "pool", "status", "closes_at"]
    list_filter = ["office", "pool", "status"]
    date_hierarchy = "date"
    exclude = ["seed"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
