from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from paspor.accounts.models import User
from paspor.audit.admin_mixins import AuditedAdmin, HeadquartersAdmin
from paspor.offices.admin_forms import ServiceAdmin, ServiceAdminForm
from paspor.offices.models import CalendarDay, Counter, Office, OfficeService, OpeningHours, Station
from paspor.offices.services import calendar_day_remove, calendar_day_set


class OpeningHoursInline(admin.TabularInline[OpeningHours, Office]):
    model = OpeningHours
    extra = 0


@admin.register(Office)
class OfficeAdmin(AuditedAdmin[Office]):
    list_display = ["code", "name", "city", "province", "time_zone", "is_active"]
    list_filter = ["is_active", "time_zone", "serves_on_cuti_bersama", "province"]
    search_fields = ["code", "name", "city", "province"]
    inlines = [OpeningHoursInline]


@admin.register(Station)
class StationAdmin(AuditedAdmin[Station]):
    list_display = ["office", "station_type", "name", "default_service_minutes"]
    list_filter = ["office", "station_type"]
    search_fields = ["name", "office__code", "office__name"]


@admin.register(Counter)
class CounterAdmin(AuditedAdmin[Counter]):
    list_display = ["office", "number", "name", "is_active"]
    list_filter = ["office", "is_active", "stations__station_type"]
    search_fields = ["name", "office__code", "office__name"]
    filter_horizontal = ["stations"]


@admin.register(OfficeService)
class OfficeServiceAdmin(AuditedAdmin[OfficeService]):
    list_display = ["office", "kind", "ticket_prefix", "walk_in", "walk_in_daily_cap", "is_active"]
    list_filter = ["office", "kind", "walk_in", "is_active"]


class CalendarDayForm(ServiceAdminForm[CalendarDay]):
    class Meta:
        model = CalendarDay
        fields = ["office", "date", "kind", "name", "source"]

    def service_save(self, *, by: User | None) -> CalendarDay:
        return calendar_day_set(
            office=self.value("office"),
            date=self.value("date"),
            kind=self.value("kind"),
            name=self.value("name"),
            source=self.value("source"),
            by=by,
        )


def _calendar_changed(office_ids: set[int | None]) -> None:
    """Booking pages stop (or start) offering the day now, not when their cached calendar runs
    out; a national row concerns every office."""
    from paspor.booking.selectors import availability_changed

    offices = Office.objects.all()
    if None not in office_ids:
        offices = offices.filter(pk__in=[pk for pk in office_ids if pk is not None])
    for office_id in offices.values_list("pk", flat=True):
        availability_changed(office_id)


class OfficeOrNationalFilter(admin.RelatedFieldListFilter):
    """A row without an office is headquarters' national row: the filter says so, not "-"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.empty_value_display = conditional_escape(_("nasional"))


@admin.register(CalendarDay)
class CalendarDayAdmin(ServiceAdmin[CalendarDay], HeadquartersAdmin[CalendarDay]):
    hq_may_delete = True  # a day entered wrongly is taken out again (audited)
    form = CalendarDayForm
    list_display = ["date", "kind", "name", "office_or_national", "source"]
    list_filter = ["kind", ("office", OfficeOrNationalFilter)]
    date_hierarchy = "date"
    search_fields = ["name", "source"]

    @admin.display(ordering="office__name", description=_("kantor"))
    def office_or_national(self, obj: CalendarDay) -> str:
        return str(obj.office) if obj.office is not None else str(_("nasional"))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The service finds a day by office and date: changing either would add another row.
        return ("office", "date") if obj is not None else ()

    def save_model(
        self, request: HttpRequest, obj: CalendarDay, form: ModelForm[CalendarDay], change: bool
    ) -> None:
        """A day closed after people booked it: they are told at once and may pick another
        date (`closed_day_notify`), and the saver is told how many; booking pages stop offering
        the day now, not when their cached calendar runs out."""
        from paspor.booking.services import closed_day_notify

        super().save_model(request, obj, form, change)
        _calendar_changed({obj.office_id})
        told = closed_day_notify(day=obj.date, today=timezone.localdate())
        if told:
            self.message_user(
                request,
                ngettext(
                    "%(n)s pemohon sudah memesan tanggal ini; mereka diberi tahu bahwa kantor "
                    "tutup dan dapat memilih tanggal lain.",
                    "%(n)s pemohon sudah memesan tanggal ini; mereka diberi tahu bahwa kantor "
                    "tutup dan dapat memilih tanggal lain.",
                    told,
                )
                % {"n": told},
                level=messages.WARNING,
            )

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        office_id = obj.office_id
        calendar_day_remove(day=obj, by=self._actor(request))
        _calendar_changed({office_id})

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        """ "Delete selected" removes each day through the service: one audit row per day, as
        when a single day is deleted (a bulk delete wrote none)."""
        office_ids: set[int | None] = set()
        with transaction.atomic():
            for day in queryset.select_related("office"):
                office_ids.add(day.office_id)
                calendar_day_remove(day=day, by=self._actor(request))
        _calendar_changed(office_ids)
