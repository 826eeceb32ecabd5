"""Applicant profiles and bookings (the online queue, APAPO / M-Paspor).

The booking issue owns this app and extends it (sessions, quota pools, ballots, waitlists).
Fields here are the contract other apps rely on: the kiosk checks a booking in by `code`,
within `window_start`–`window_end` on `date` at `office`; the case reads the profile.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paspor.cases.types import ApplicationType, PassportKind, Sex


class ApplicantProfile(models.Model):
    """A person an account books for (self and family, at most 5 per account)."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profiles"
    )
    nik = models.CharField(_("NIK"), max_length=16)
    full_name = models.CharField(_("nama lengkap sesuai KTP"), max_length=200)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    birth_place = models.CharField(_("tempat lahir"), max_length=100)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("profil pemohon")
        verbose_name_plural = _("profil pemohon")
        constraints = [
            models.UniqueConstraint(fields=["account", "nik"], name="profile_nik_once_per_account")
        ]

    def __str__(self) -> str:
        return self.full_name


class Pool(models.TextChoices):
    REGULAR = "regular", _("Reguler")
    PRIORITY = "priority", _("Prioritas (Ramah HAM)")
    EXPRESS = "express", _("Percepatan")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Terjadwal")
    CHECKED_IN = "checked_in", _("Sudah hadir")
    CANCELLED = "cancelled", _("Dibatalkan")
    NO_SHOW = "no_show", _("Tidak hadir")
    INVALID = "invalid", _("Dibatalkan petugas")


ACTIVE_BOOKING_STATUSES = (BookingStatus.BOOKED,)


class Booking(models.Model):
    code = models.CharField(_("kode booking"), max_length=12, unique=True)
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="bookings")
    profile = models.ForeignKey(ApplicantProfile, on_delete=models.PROTECT, related_name="bookings")
    # Copied from the profile so one active booking per NIK is a database constraint.
    nik = models.CharField(_("NIK"), max_length=16)
    date = models.DateField(_("tanggal kedatangan"))
    window_start = models.TimeField(_("datang mulai"))
    window_end = models.TimeField(_("datang sampai"))
    pool = models.CharField(_("kuota"), max_length=10, choices=Pool.choices, default=Pool.REGULAR)
    application_type = models.CharField(
        _("jenis permohonan"), max_length=20, choices=ApplicationType.choices
    )
    passport_kind = models.CharField(
        _("jenis paspor"),
        max_length=12,
        choices=PassportKind.choices,
        default=PassportKind.ELECTRONIC,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    checked_in_at = models.DateTimeField(_("hadir pada"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("booking")
        constraints = [
            # One active booking per NIK across all offices and accounts (brokers' bulk booking).
            models.UniqueConstraint(
                fields=["nik"],
                condition=models.Q(status="booked"),
                name="one_active_booking_per_nik",
            ),
            models.CheckConstraint(
                condition=models.Q(window_start__lt=models.F("window_end")),
                name="booking_window_ordered",
            ),
        ]
        indexes = [models.Index(fields=["office", "date", "status"], name="booking_office_day_idx")]

    def __str__(self) -> str:
        return self.code
