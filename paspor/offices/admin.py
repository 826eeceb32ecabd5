from django.contrib import admin

from paspor.audit.admin_mixins import AuditedAdmin, HeadquartersAdmin
from paspor.offices.models import CalendarDay, Counter, Office, OfficeService, OpeningHours, Station


class OpeningHoursInline(admin.TabularInline[OpeningHours, Office]):
    model = OpeningHours
    extra = 0


@admin.register(Office)
class OfficeAdmin(AuditedAdmin[Office]):
    list_display = ["code", "name", "city", "time_zone", "is_active"]
    search_fields = ["code", "name", "city"]
    inlines = [OpeningHoursInline]


@admin.register(Station)
class StationAdmin(AuditedAdmin[Station]):
    list_display = ["office", "station_type", "name", "default_service_minutes"]
    list_filter = ["office", "station_type"]


@admin.register(Counter)
class CounterAdmin(AuditedAdmin[Counter]):
    list_display = ["office", "number", "name", "is_active"]
    list_filter = ["office"]
    filter_horizontal = ["stations"]


@admin.register(OfficeService)
class OfficeServiceAdmin(AuditedAdmin[OfficeService]):
    list_display = ["office", "kind", "ticket_prefix", "walk_in", "walk_in_daily_cap", "is_active"]
    list_filter = ["office", "kind"]


@admin.register(CalendarDay)
class CalendarDayAdmin(HeadquartersAdmin[CalendarDay]):
    hq_may_delete = True  # a day entered wrongly is taken out again (audited)
    list_display = ["date", "kind", "name", "office", "source"]
    list_filter = ["kind", "office"]
    date_hierarchy = "date"
    search_fields = ["name"]
