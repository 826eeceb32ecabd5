from django.contrib import admin, messages
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext

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

    def save_model(
        self, request: HttpRequest, obj: CalendarDay, form: ModelForm[CalendarDay], change: bool
    ) -> None:
        """A day closed after people booked it: they are told at once and may pick another
        date (`closed_day_notify`), and the saver is told how many; booking pages stop offering
        the day now, not when their cached calendar runs out."""
        from paspor.booking.selectors import availability_changed
        from paspor.booking.services import closed_day_notify

        super().save_model(request, obj, form, change)
        offices = Office.objects.all()
        if obj.office_id is not None:
            offices = offices.filter(pk=obj.office_id)
        for office_id in offices.values_list("pk", flat=True):
            availability_changed(office_id)
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
