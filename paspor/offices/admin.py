"""Offices in the admin: the office, its stations, counters, queue services and opening hours,
and the working-day calendar. Every save goes through the offices services (`office_set`,
`station_set`, `counter_set`, `office_service_set`, `opening_hours_set`…), which refuse what
would not work (a counter serving another office's station, a route through a station the
office lacks) and write the audit row. A new office stays out of the public list until its
readiness steps are done (readiness.py; docs/onboarding.md): the office's page lists them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import User
from paspor.audit.admin_mixins import HeadquartersAdmin
from paspor.offices.admin_forms import OFFICE_CLOCK_TIME, ServiceAdmin, ServiceAdminForm
from paspor.offices.models import (
    COUNTER_STATION_CHOICES,
    CalendarDay,
    Counter,
    Office,
    OfficeService,
    OpeningHours,
    Station,
    StationType,
)
from paspor.offices.readiness import Readiness, office_readiness, offices_readiness
from paspor.offices.services import (
    CalendarChange,
    calendar_day_remove,
    calendar_day_set,
    counter_set,
    office_close,
    office_open,
    office_service_set,
    office_set,
    opening_hours_remove,
    opening_hours_set,
    station_remove,
    station_set,
)


class OfficeLayoutAdmin[M: models.Model](ServiceAdmin[M]):
    """A row of an office's setup: which row a form edits is fixed once it exists (the
    services find rows by these fields; changing one would add another row)."""

    identity: tuple[str, ...] = ("office",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.identity if obj is not None else ()


class OpeningHoursInline(admin.TabularInline[OpeningHours, Office]):
    """Office-local clock times: a plain time field, without the admin's clock widget, which
    would tell the reader to enter them in the server's zone."""

    model = OpeningHours
    extra = 0
    formfield_overrides = OFFICE_CLOCK_TIME
    verbose_name_plural = _("jam layanan (waktu kantor)")


class OfficeForm(ServiceAdminForm[Office]):
    class Meta:
        model = Office
        fields = [
            "code",
            "name",
            "office_class",
            "address",
            "city",
            "province",
            "phone",
            "email",
            "time_zone",
            "serves_on_cuti_bersama",
            "is_active",
        ]
        help_texts = {
            "code": _(
                "2–20 huruf kecil, angka atau tanda hubung, mis. denpasar. Dipakai di alamat "
                "halaman kantor (kios, papan, loket) dan tidak dapat diubah setelah disimpan."
            ),
            "office_class": _("Mis. Kelas I TPI, Kelas II Non TPI, Kelas III Non TPI."),
            "time_zone": _(
                "Semua jam kantor (sesi kedatangan, jam layanan, pembukaan kuota, tiket) memakai "
                "zona ini. Bali, NTB, NTT, Kalimantan Selatan/Timur/Utara, Sulawesi: WITA; "
                "Maluku dan Papua: WIT."
            ),
            "is_active": _(
                "Tampil di daftar kantor untuk publik dan menerima booking. Kantor baru mulai "
                "tidak aktif; centang setelah semua langkah wajib di bagian Kesiapan terpenuhi."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "is_active" in self.fields:
            self.fields["is_active"].initial = False

    def service_save(self, *, by: User | None) -> Office:
        office = office_set(
            code=self.value("code"),
            name=self.value("name"),
            office_class=self.value("office_class"),
            address=self.value("address"),
            city=self.value("city"),
            province=self.value("province"),
            phone=self.value("phone"),
            email=self.value("email"),
            time_zone=self.value("time_zone"),
            serves_on_cuti_bersama=self.value("serves_on_cuti_bersama"),
            by=by,
        )
        if self.value("is_active"):
            return office_open(office=office, by=by)
        return office_close(office=office, by=by)


def _readiness_list(readiness: Readiness) -> str:
    rows = format_html_join(
        "",
        '<li><strong>{}</strong> {}{} <a href="{}">{}</a></li>',
        (
            (
                "✓" if step.done else ("✗" if step.blocking else "!"),
                step.label,
                "" if step.done else format_html(": {}", step.missing),
                step.url,
                gettext("atur di sini"),
            )
            for step in readiness.steps
        ),
    )
    if readiness.ready:
        verdict = gettext("Semua langkah wajib terpenuhi: kantor dapat dibuka untuk publik.")
    else:
        verdict = gettext(
            "✗ = wajib sebelum kantor dibuka untuk publik; ! = dibutuhkan pada hari-hari pertama."
        )
    return format_html("<p>{}</p><ul>{}</ul>", verdict, rows)


# Where the office list keeps each row's readiness, read for the whole page at once.
READINESS_ATTRIBUTE = "_paspor_readiness"


@admin.register(Office)
class OfficeAdmin(ServiceAdmin[Office]):
    form = OfficeForm
    list_display = ["code", "name", "city", "province", "time_zone", "is_active", "setup_state"]
    list_filter = ["is_active", "time_zone", "serves_on_cuti_bersama", "province"]
    search_fields = ["code", "name", "city", "province"]
    inlines = [OpeningHoursInline]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return [
            (
                None,
                {
                    "fields": [
                        "code",
                        "name",
                        "office_class",
                        "address",
                        "city",
                        "province",
                        "phone",
                        "email",
                    ]
                },
            ),
            (_("Waktu dan kalender"), {"fields": ["time_zone", "serves_on_cuti_bersama"]}),
            (_("Kesiapan dan layanan untuk publik"), {"fields": ["readiness", "is_active"]}),
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("code", "readiness") if obj is not None else ("readiness",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An office is never deleted: its audit chain, bookings and cases name it. It is taken
        # out of service instead (untick "active": `office_close`).
        return False

    @admin.display(description=_("kesiapan"))
    def readiness(self, obj: Office | None) -> str:
        if obj is None or obj.pk is None:
            return gettext(
                "Simpan kantor dulu (tetap tidak aktif); langkah berikutnya tampil di sini."
            )
        return _readiness_list(office_readiness(obj))

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        """The list's page of offices with their readiness read for all of them at once (a
        fixed number of statements, not a dozen per row)."""
        changelist = super().get_changelist_instance(request)
        offices = list(changelist.result_list)  # the page's rows, kept by its queryset
        for office, readiness in zip(offices, offices_readiness(offices), strict=True):
            setattr(office, READINESS_ATTRIBUTE, readiness)
        return changelist

    @admin.display(description=_("kesiapan"))
    def setup_state(self, obj: Office) -> str:
        readiness = getattr(obj, READINESS_ATTRIBUTE, None) or office_readiness(obj)
        missing = len(readiness.blocking)
        if not missing:
            return gettext("siap")
        return ngettext("%(n)s langkah wajib belum", "%(n)s langkah wajib belum", missing) % {
            "n": missing
        }

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Opening hours are set and removed by their service (audited there)."""
        by = self._actor(request)
        office = form.instance
        with transaction.atomic():
            rows = formset.save(commit=False)
            for gone in formset.deleted_objects:
                opening_hours_remove(hours=gone, by=by)
            for row in rows:
                if row.pk is not None:
                    before = OpeningHours.objects.get(pk=row.pk)
                    if before.weekday != row.weekday:
                        opening_hours_remove(hours=before, by=by)
                opening_hours_set(
                    office=office, weekday=row.weekday, opens=row.opens, closes=row.closes, by=by
                )


class StationForm(ServiceAdminForm[Station]):
    class Meta:
        model = Station
        fields = ["office", "station_type", "name", "default_service_minutes"]
        help_texts = {
            "station_type": _(
                "Satu pos per jenis di setiap kantor. Rute layanan dan loket merujuk jenis ini."
            ),
            "name": _(
                "Kosongkan untuk nama baku jenisnya (tampil dalam bahasa pembaca); isi hanya "
                "bila kantor memakai nama sendiri."
            ),
            "default_service_minutes": _(
                "Perkiraan lama melayani satu pemohon; dipakai untuk perkiraan waktu tunggu dan "
                "rencana loket sampai ada data nyata."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "name" in self.fields:
            self.fields["name"].required = False

    def service_save(self, *, by: User | None) -> Station:
        return station_set(
            office=self.value("office"),
            station_type=self.value("station_type"),
            name=self.value("name") or "",
            default_service_minutes=self.value("default_service_minutes"),
            by=by,
        )


@admin.register(Station)
class StationAdmin(OfficeLayoutAdmin[Station]):
    form = StationForm
    identity = ("office", "station_type")
    list_display = ["office", "station_type", "name", "default_service_minutes"]
    list_filter = ["office", "station_type"]
    search_fields = ["name", "office__code", "office__name"]

    def service_remove(self, obj: Station, *, by: User | None) -> bool:
        station_remove(station=obj, by=by)
        return True


class CounterForm(ServiceAdminForm[Counter]):
    station_types = forms.MultipleChoiceField(
        label=_("Pos yang dilayani"),
        choices=COUNTER_STATION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Pos kantor ini yang dilayani loket. Petugas membuka loket untuk satu pos bila "
            "perannya dan sertifikatnya untuk pos itu berlaku."
        ),
    )

    class Meta:
        model = Counter
        fields = ["office", "number", "name", "is_active"]
        help_texts = {
            "number": _("Nomor yang dipanggil papan: “silakan ke loket 3”."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["station_types"].initial = list(
                self.instance.stations.values_list("station_type", flat=True)
            )

    def service_save(self, *, by: User | None) -> Counter:
        return counter_set(
            office=self.value("office"),
            number=self.value("number"),
            name=self.value("name") or "",
            station_types=list(self.value("station_types")),
            is_active=self.value("is_active"),
            by=by,
        )


@admin.register(Counter)
class CounterAdmin(OfficeLayoutAdmin[Counter]):
    form = CounterForm
    identity = ("office", "number")
    fields = ["office", "number", "name", "station_types", "is_active"]
    list_display = ["office", "number", "name", "served_stations", "is_active"]
    list_filter = ["office", "is_active", "stations__station_type"]
    search_fields = ["name", "office__code", "office__name"]

    @admin.display(description=_("pos yang dilayani"))
    def served_stations(self, obj: Counter) -> str:
        return ", ".join(station.label for station in obj.stations.all())

    def get_queryset(self, request: HttpRequest) -> QuerySet[Counter]:
        return super().get_queryset(request).prefetch_related("stations")


_STEP_CHOICES = [("", "—"), *COUNTER_STATION_CHOICES]
_ROUTE_STEPS = (
    ("route_1", _("Rute: pos pertama")),
    ("route_2", _("Rute: pos kedua")),
    ("route_3", _("Rute: pos ketiga")),
    ("route_4", _("Rute: pos keempat")),
)


class OfficeServiceForm(ServiceAdminForm[OfficeService]):
    route_1 = forms.ChoiceField(
        label=_ROUTE_STEPS[0][1],
        choices=_STEP_CHOICES,
        help_text=_(
            "Pos yang dilewati pemohon layanan ini, berurutan; tiket mulai di pos pertama. "
            "Kantor harus punya setiap pos itu."
        ),
    )
    route_2 = forms.ChoiceField(label=_ROUTE_STEPS[1][1], choices=_STEP_CHOICES, required=False)
    route_3 = forms.ChoiceField(label=_ROUTE_STEPS[2][1], choices=_STEP_CHOICES, required=False)
    route_4 = forms.ChoiceField(label=_ROUTE_STEPS[3][1], choices=_STEP_CHOICES, required=False)

    class Meta:
        model = OfficeService
        fields = ["office", "kind", "ticket_prefix", "walk_in", "walk_in_daily_cap", "is_active"]
        help_texts = {
            "kind": _(
                "Booking kuota reguler, prioritas dan percepatan check-in ke layanan dengan "
                "jenis yang sama: kantor yang membuka kuota itu memerlukan layanannya."
            ),
            "ticket_prefix": _(
                "Satu atau dua huruf di depan nomor antrean, dibacakan papan (“A-012”); setiap "
                "layanan kantor memakai huruf lain."
            ),
            "walk_in": _("Nomor dapat diambil di kios tanpa booking (mis. pengambilan paspor)."),
            "walk_in_daily_cap": _("Nomor tanpa booking per hari; 0 = tanpa batas."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for (name, _label), step in zip(_ROUTE_STEPS, self.instance.route or [], strict=False):
            self.fields[name].initial = step

    def service_save(self, *, by: User | None) -> OfficeService:
        return office_service_set(
            office=self.value("office"),
            kind=self.value("kind"),
            ticket_prefix=self.value("ticket_prefix"),
            route=[self.cleaned_data.get(name) or "" for name, _label in _ROUTE_STEPS],
            walk_in=self.value("walk_in"),
            walk_in_daily_cap=self.value("walk_in_daily_cap"),
            is_active=self.value("is_active"),
            by=by,
        )


@admin.register(OfficeService)
class OfficeServiceAdmin(OfficeLayoutAdmin[OfficeService]):
    form = OfficeServiceForm
    identity = ("office", "kind")
    fields = [
        "office",
        "kind",
        "ticket_prefix",
        *(name for name, _label in _ROUTE_STEPS),
        "walk_in",
        "walk_in_daily_cap",
        "is_active",
    ]
    list_display = [
        "office",
        "kind",
        "ticket_prefix",
        "route_in_words",
        "walk_in",
        "walk_in_daily_cap",
        "is_active",
    ]
    list_filter = ["office", "kind", "walk_in", "is_active"]

    @admin.display(description=_("rute pos"))
    def route_in_words(self, obj: OfficeService) -> str:
        return " → ".join(str(StationType(t).label) for t in obj.route or [] if t in StationType)


class CalendarDayForm(ServiceAdminForm[CalendarDay]):
    refusal_fields = {"calendar_date": "date"}  # a year out of range is said at the date
    calendar_change: CalendarChange | None = None

    class Meta:
        model = CalendarDay
        fields = ["office", "date", "kind", "name", "source"]

    def service_save(self, *, by: User | None) -> CalendarDay:
        self.calendar_change = calendar_day_set(
            office=self.value("office"),
            date=self.value("date"),
            kind=self.value("kind"),
            name=self.value("name"),
            source=self.value("source"),
            by=by,
        )
        assert self.calendar_change.day is not None
        return self.calendar_change.day


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
        """The calendar service does what follows from the change (docs/calendar.md); the saver
        is told what it did."""
        super().save_model(request, obj, form, change)
        if isinstance(form, CalendarDayForm) and form.calendar_change is not None:
            self._report(request, [form.calendar_change])

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        self._report(request, [calendar_day_remove(day=obj, by=self._actor(request))])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        """ "Delete selected" removes each day through the service: one audit row per day, as
        when a single day is deleted (a bulk delete wrote none)."""
        with transaction.atomic():
            changes = [
                calendar_day_remove(day=day, by=self._actor(request))
                for day in queryset.select_related("office")
            ]
        self._report(request, changes)

    def _report(self, request: HttpRequest, changes: list[CalendarChange]) -> None:
        told = sum(change.told for change in changes)
        moved = sum(change.due_dates_moved for change in changes)
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
        if moved:
            self.message_user(
                request,
                ngettext(
                    "Janji selesai %(n)s permohonan yang sudah dibayar dihitung ulang menurut "
                    "kalender ini (tercatat di riwayat permohonan).",
                    "Janji selesai %(n)s permohonan yang sudah dibayar dihitung ulang menurut "
                    "kalender ini (tercatat di riwayat permohonan).",
                    moved,
                )
                % {"n": moved},
                level=messages.INFO,
            )
