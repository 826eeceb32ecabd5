"""Offices (Kantor Imigrasi), their counters and stations, opening hours and calendar days."""

from __future__ import annotations

import re
import zoneinfo

from django.db import models
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class TimeZone(models.TextChoices):
    """Indonesia's three zones; every office-local date and time uses the office's zone."""

    WIB = "Asia/Jakarta", _("WIB (UTC+7)")
    WITA = "Asia/Makassar", _("WITA (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (UTC+9)")


class StationType(models.TextChoices):
    INTAKE = "intake", _("Pemeriksaan berkas")
    BIOMETRICS = "biometrics", _("Foto, sidik jari dan wawancara")
    PAYMENT_HELP = "payment_help", _("Bantuan pembayaran")
    HANDOVER = "handover", _("Penyerahan paspor")
    INFORMATION = "information", _("Informasi")
    # Back-office work: no queue and no counter, but like a counter's station worked only by an
    # officer certified for it (docs/issuance.md, "Certified officers only").
    PRINTING = "printing", _("Pencetakan paspor")
    QUALITY_CONTROL = "quality_control", _("Kendali mutu paspor")


# Work done away from the counters: an office has no `Station` of these types, no counter serves
# them and no service routes through them; a certification for them is still required.
BACK_OFFICE_STATIONS = frozenset({StationType.PRINTING, StationType.QUALITY_CONTROL})
# The station types a `Station` (and so a counter and a service's route) can be, in order.
COUNTER_STATIONS = tuple(t for t in StationType if t not in BACK_OFFICE_STATIONS)
COUNTER_STATION_CHOICES = [(t.value, t.label) for t in COUNTER_STATIONS]


class ServiceKind(models.TextChoices):
    REGULAR = "regular", _("Paspor reguler")
    PRIORITY = "priority", _("Layanan prioritas (Ramah HAM)")
    EXPRESS = "express", _("Layanan percepatan")
    PICKUP = "pickup", _("Pengambilan paspor")
    INFORMATION = "information", _("Informasi")
    LOST_DAMAGED = "lost_damaged", _("Paspor hilang/rusak")


# The class designation in an office's name: "Kelas I Khusus TPI", "Kelas II Non Tempat
# Pemeriksaan Imigrasi", "Kelas III Non TPI" … (the words may come in either order).
_OFFICE_CLASS = re.compile(
    r"\s+Kelas\s+(?:I{1,3}|[123])\b(?:\s+(?:Khusus|Non|TPI|Tempat\s+Pemeriksaan\s+Imigrasi)\b)*",
    re.IGNORECASE,
)


def office_short_name(name: str) -> str:
    """The office's name without its class designation: "Kantor Imigrasi Kelas I Khusus TPI
    Soekarno-Hatta" → "Kantor Imigrasi Soekarno-Hatta", for an SMS that must be short. The
    class and the checkpoint (TPI) matter to the ministry; an applicant finds the office by its
    place. A name without a class is returned as it is."""
    return " ".join(_OFFICE_CLASS.sub("", name, count=1).split())


class Office(models.Model):
    code = models.SlugField(_("kode kantor"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    office_class = models.CharField(_("kelas"), max_length=100, default="Kelas III Non TPI")
    address = models.TextField(_("alamat"))
    city = models.CharField(_("kota/kabupaten"), max_length=100)
    province = models.CharField(_("provinsi"), max_length=100)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    time_zone = models.CharField(
        _("zona waktu"), max_length=32, choices=TimeZone.choices, default=TimeZone.WIB
    )
    serves_on_cuti_bersama = models.BooleanField(
        _("melayani pada hari cuti bersama"),
        default=False,
        help_text=_("Keputusan kantor: apakah cuti bersama dihitung sebagai hari kerja."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kantor imigrasi")
        verbose_name_plural = pgettext_lazy("plural", "kantor imigrasi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def tz_abbreviation(self) -> str:
        return TimeZone(self.time_zone).name


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Senin")
    TUESDAY = 1, _("Selasa")
    WEDNESDAY = 2, _("Rabu")
    THURSDAY = 3, _("Kamis")
    FRIDAY = 4, _("Jumat")
    SATURDAY = 5, _("Sabtu")
    SUNDAY = 6, _("Minggu")


class OpeningHours(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("kantor")
    )
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices)
    opens = models.TimeField(_("buka"))
    closes = models.TimeField(_("tutup"))

    class Meta:
        verbose_name = _("jam layanan")
        verbose_name_plural = _("jam layanan")
        ordering = ["office", "weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "weekday"], name="opening_hours_once_per_day"
            ),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="weekday_0_to_6"),
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")),
                name="opens_before_closes",
                # Read in the office's admin form, where the code name would mean nothing.
                violation_error_message=_("Jam buka harus sebelum jam tutup."),
            ),
        ]

    def __str__(self) -> str:
        # The row's title in the office's admin page: the day in words, not its number.
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Station(models.Model):
    """A step of the office's work (intake, biometrics…), served at one or more counters."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="stations", verbose_name=_("kantor")
    )
    station_type = models.CharField(_("jenis"), max_length=20, choices=COUNTER_STATION_CHOICES)
    name = models.CharField(_("nama"), max_length=100)
    default_service_minutes = models.PositiveSmallIntegerField(
        _("lama layanan baku (menit)"), default=8
    )

    class Meta:
        verbose_name = _("pos layanan")
        verbose_name_plural = pgettext_lazy("plural", "pos layanan")
        constraints = [
            models.UniqueConstraint(fields=["office", "station_type"], name="one_station_per_type")
        ]

    def __str__(self) -> str:
        return f"{self.office.code}: {self.name}"

    @property
    def label(self) -> str:
        """The station's name in the reader's language.

        `name` is the office's own words, stored once in Indonesian. Left at its type's standard
        name (the demo and most offices do), it is shown as that name's translation; a name the
        office chose itself is shown as written.
        """
        standard = StationType(self.station_type).label
        with translation.override(None):  # the catalogue's source text: Indonesian
            source = str(standard)
        if not self.name.strip() or self.name.strip() == source:
            return str(standard)
        return self.name


class Counter(models.Model):
    """A loket: a desk with a number, serving one or more stations."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="counters", verbose_name=_("kantor")
    )
    number = models.PositiveSmallIntegerField(_("nomor loket"))
    name = models.CharField(_("nama"), max_length=100, blank=True)
    stations = models.ManyToManyField(Station, related_name="counters", verbose_name=_("pos"))
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("loket")
        verbose_name_plural = pgettext_lazy("plural", "loket")
        ordering = ["office", "number"]
        constraints = [
            models.UniqueConstraint(fields=["office", "number"], name="counter_number_unique")
        ]

    def __str__(self) -> str:
        return gettext("%(office)s: loket %(number)s") % {
            "office": self.office.code,
            "number": self.number,
        }


class OfficeService(models.Model):
    """A service the office offers, with its ticket prefix and its route through stations."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="services", verbose_name=_("kantor")
    )
    kind = models.CharField(_("layanan"), max_length=20, choices=ServiceKind.choices)
    ticket_prefix = models.CharField(_("awalan nomor antrean"), max_length=2)
    route = models.JSONField(
        _("rute pos"), default=list, help_text=_('Urutan jenis pos, mis. ["intake", "biometrics"]')
    )
    walk_in = models.BooleanField(_("boleh tanpa booking"), default=False)
    walk_in_daily_cap = models.PositiveIntegerField(_("kuota tanpa booking per hari"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("layanan kantor")
        verbose_name_plural = pgettext_lazy("plural", "layanan kantor")
        constraints = [
            models.UniqueConstraint(fields=["office", "kind"], name="one_service_kind_per_office"),
            models.UniqueConstraint(
                fields=["office", "ticket_prefix"], name="ticket_prefix_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office.code}: {self.get_kind_display()}"


class CalendarDayKind(models.TextChoices):
    NATIONAL_HOLIDAY = "holiday", _("Libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    OFFICE_CLOSURE = "closure", _("Kantor tutup")
    WORKING_DAY = "working", _("Hari kerja (membatalkan libur)")


class CalendarDay(models.Model):
    """A date that headquarters (office empty) or one office declares.

    The `holidays` package gives the national holidays; these rows add dates (cuti bersama,
    amendments, closures) or cancel a package date (kind WORKING_DAY) — future Islamic dates are
    estimates until the decree, so headquarters must be able to correct them.
    """

    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
        verbose_name=_("kantor"),
        help_text=_("Kosong: berlaku nasional (diatur kantor pusat)."),
    )
    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=20, choices=CalendarDayKind.choices)
    name = models.CharField(_("keterangan"), max_length=200, blank=True)
    source = models.CharField(_("dasar hukum"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hari kalender")
        verbose_name_plural = _("kalender hari kerja")
        ordering = ["date"]
        # Headquarters reads these in the admin when a date is entered twice; without a
        # message of their own it would read the constraint's code name.
        constraints = [
            models.UniqueConstraint(
                fields=["office", "date"],
                name="calendar_day_once_per_office",
                violation_error_message=_(
                    "Tanggal ini sudah ada di kalender kantor ini; ubah baris yang sudah ada."
                ),
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(office__isnull=True),
                name="calendar_day_once_nationally",
                violation_error_message=_(
                    "Tanggal ini sudah ada di kalender nasional; ubah baris yang sudah ada."
                ),
            ),
        ]

    def __str__(self) -> str:
        # Read in the admin's messages ("… berhasil ditambahkan"): the date and place in words.
        where = self.office.code if self.office is not None else str(_("nasional"))
        return f"{date_format(self.date, 'j F Y')} {self.get_kind_display()} ({where})"
