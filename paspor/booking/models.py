"""Applicant profiles and bookings (the online queue, APAPO / M-Paspor).

Fields of `ApplicantProfile` and `Booking` are the contract other apps rely on: the kiosk checks
a booking in by `code` (its QR, see `qr.py`), within `window_start`–`window_end` on `date` at
`office`; the case reads the profile. Around them: arrival sessions, quotas per session and pool
with a counter row that the booking service increments with a conditional UPDATE, the release
policy, ballots, waitlists, no-show blocks and e-mail verification (docs/booking.md).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.cases.types import ApplicationType, PassportKind, Sex
from paspor.lib.clock import clock_window
from paspor.lib.fields import SealedIdField
from paspor.lib.nik import nik_masked
from paspor.offices.models import Weekday


class ProfileQuerySet(models.QuerySet["ApplicantProfile"]):
    def current(self) -> ProfileQuerySet:
        """The people the account books for now: without those it took off its list."""
        return self.filter(removed_at__isnull=True)


class ApplicantProfile(models.Model):
    """A person an account books for (self and family, at most 5 per account).

    A profile once used for a booking is never deleted, since the booking's history names it:
    taken off the account's list it gets `removed_at`, stops counting toward the limit, and
    comes back if the account adds the same NIK again.
    """

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profiles"
    )
    nik = SealedIdField(_("NIK"))
    full_name = models.CharField(_("nama lengkap sesuai KTP"), max_length=200)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    birth_place = models.CharField(_("tempat lahir"), max_length=100)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Warnings for the intake officer (unknown region, NIK disagreeing with birth date or sex).
    nik_flags = models.JSONField(_("catatan NIK untuk petugas"), default=list, blank=True)
    removed_at = models.DateTimeField(_("dilepas dari daftar akun"), null=True, blank=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profil pemohon")
        verbose_name_plural = pgettext_lazy("plural", "profil pemohon")
        constraints = [
            models.UniqueConstraint(fields=["account", "nik"], name="profile_nik_once_per_account")
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def nik_masked(self) -> str:
        return nik_masked(self.nik)


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


class BookingSource(models.TextChoices):
    FCFS = "fcfs", _("Siapa cepat dia dapat")
    BALLOT = "ballot", _("Undian")
    WAITLIST = "waitlist", _("Daftar tunggu")


class Booking(models.Model):
    code = models.CharField(_("kode booking"), max_length=12, unique=True)
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("kantor"),
    )
    profile = models.ForeignKey(
        ApplicantProfile,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("profil pemohon"),
    )
    # Copied from the profile so one active booking per NIK is a database constraint.
    nik = SealedIdField(_("NIK"))
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
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    session = models.ForeignKey(
        "ArrivalSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("sesi kedatangan"),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("akun pemohon"),
    )
    via = models.CharField(
        _("diperoleh melalui"), max_length=10, choices=BookingSource.choices, default="fcfs"
    )
    answers = models.JSONField(_("jawaban kuesioner"), default=dict, blank=True)
    # Under 17 and never married on the visit day, as booked: with `application_type` it decides
    # the documents, which a profile corrected later must not change. A default in the database
    # too, for rows written by SQL that does not name the column (bench/).
    for_child = models.BooleanField(_("dipesan sebagai anak"), default=False, db_default=False)
    nik_flags = models.JSONField(_("catatan NIK untuk petugas"), default=list, blank=True)
    reschedule_count = models.PositiveSmallIntegerField(_("jumlah jadwal ulang"), default=0)
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    invalid_reason = models.TextField(_("alasan tidak sah"), blank=True)
    client_ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    device = models.CharField(_("perangkat"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = pgettext_lazy("plural", "booking")
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
        indexes = [
            models.Index(fields=["office", "date", "status"], name="booking_office_day_idx"),
            models.Index(fields=["account", "created_at"], name="booking_account_month_idx"),
            # The review's window of recent bookings, across all offices (`booking_flags_refresh`).
            models.Index(fields=["created_at"], name="booking_created_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_BOOKING_STATUSES

    @property
    def nik_masked(self) -> str:
        return nik_masked(self.nik)


class ArrivalSession(models.Model):
    """An arrival window of an office (e.g. 08.00–10.00); quotas are set per session."""

    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.CASCADE,
        related_name="arrival_sessions",
        verbose_name=_("kantor"),
    )
    start = models.TimeField(_("datang mulai"))
    end = models.TimeField(_("datang sampai"))
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("sesi kedatangan")
        verbose_name_plural = pgettext_lazy("plural", "sesi kedatangan")
        ordering = ["office", "start"]
        constraints = [
            models.UniqueConstraint(fields=["office", "start"], name="session_start_unique"),
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="session_start_before_end"
            ),
        ]

    def __str__(self) -> str:
        return clock_window(self.start, self.end)

    @property
    def key(self) -> str:
        """The public identifier of a session: its start time, e.g. ``08:00``."""
        return f"{self.start:%H:%M}"


class ReleaseRule(models.TextChoices):
    MONTHLY = "monthly", _("Bulanan: hari kerja terakhir bulan sebelumnya")
    ROLLING = "rolling", _("Bergulir: sejumlah hari sebelum tanggal kedatangan")


class AllocationMode(models.TextChoices):
    FCFS = "fcfs", _("Siapa cepat dia dapat")
    BALLOT = "ballot", _("Undian")


def release_time_default() -> dt.time:
    """09.00 office time (M-Paspor's release hour). A callable, not a fixed time: Django's
    system check warns of a fixed time default that lies within ten seconds of the moment it
    runs, so `check --deploy` failed at 09:00:00 UTC."""
    return dt.time(9)


class BookingPolicy(models.Model):
    """When an office's dates open for booking, and how long its ballots take entries."""

    office = models.OneToOneField(
        "offices.Office",
        on_delete=models.CASCADE,
        related_name="booking_policy",
        verbose_name=_("kantor"),
    )
    release_rule = models.CharField(
        _("aturan pembukaan kuota"),
        max_length=10,
        choices=ReleaseRule.choices,
        default=ReleaseRule.MONTHLY,
    )
    release_time = models.TimeField(_("jam pembukaan (waktu kantor)"), default=release_time_default)
    rolling_days = models.PositiveSmallIntegerField(_("hari dibuka sebelumnya"), default=30)
    ballot_window_hours = models.PositiveSmallIntegerField(
        _("lama pendaftaran undian (jam)"), default=48
    )
    # Ramah HAM ages (STANDARDS.md §7): the deployment's settings unless the office sets its own
    # (some offices serve the elderly first from 65).
    priority_child_under = models.PositiveSmallIntegerField(
        _("prioritas: anak di bawah umur (tahun)"),
        null=True,
        blank=True,
        help_text=_("Kosong: mengikuti pengaturan pusat."),
    )
    priority_elderly_from = models.PositiveSmallIntegerField(
        _("prioritas: lansia mulai umur (tahun)"),
        null=True,
        blank=True,
        help_text=_("Kosong: mengikuti pengaturan pusat."),
    )

    class Meta:
        verbose_name = _("kebijakan booking")
        verbose_name_plural = pgettext_lazy("plural", "kebijakan booking")

    def __str__(self) -> str:
        return f"{self.office.code}: {self.get_release_rule_display()}"


class PoolPolicy(models.Model):
    """How a pool of an office is allocated; without a row the pool is first-come."""

    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.CASCADE,
        related_name="pool_policies",
        verbose_name=_("kantor"),
    )
    pool = models.CharField(_("kuota"), max_length=10, choices=Pool.choices)
    mode = models.CharField(
        _("cara alokasi"), max_length=10, choices=AllocationMode.choices, default="fcfs"
    )

    class Meta:
        verbose_name = _("cara alokasi kuota")
        verbose_name_plural = pgettext_lazy("plural", "cara alokasi kuota")
        constraints = [
            models.UniqueConstraint(fields=["office", "pool"], name="pool_policy_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office.code} {self.pool}: {self.mode}"


class QuotaDefault(models.Model):
    """The usual quota of a session and pool on a weekday."""

    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.CASCADE,
        related_name="quota_defaults",
        verbose_name=_("kantor"),
    )
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices)
    session = models.ForeignKey(
        ArrivalSession,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("sesi kedatangan"),
    )
    pool = models.CharField(_("kuota"), max_length=10, choices=Pool.choices)
    capacity = models.PositiveIntegerField(_("kapasitas"))

    class Meta:
        verbose_name = _("kuota baku")
        verbose_name_plural = pgettext_lazy("plural", "kuota baku")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "weekday", "session", "pool"], name="quota_default_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office.code} {self.weekday} {self.session} {self.pool}: {self.capacity}"


QUOTA_REASON_MAX = 200  # the quota page's reason field says it before the database refuses


class QuotaException(models.Model):
    """A different quota for one date (0 closes the session and pool that day)."""

    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.CASCADE,
        related_name="quota_exceptions",
        verbose_name=_("kantor"),
    )
    date = models.DateField(_("tanggal"))
    session = models.ForeignKey(
        ArrivalSession,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("sesi kedatangan"),
    )
    pool = models.CharField(_("kuota"), max_length=10, choices=Pool.choices)
    capacity = models.PositiveIntegerField(_("kapasitas"))
    reason = models.CharField(_("alasan"), max_length=QUOTA_REASON_MAX, blank=True)

    class Meta:
        verbose_name = _("pengecualian kuota")
        verbose_name_plural = pgettext_lazy("plural", "pengecualian kuota")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "date", "session", "pool"], name="quota_exception_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office.code} {self.date} {self.session} {self.pool}: {self.capacity}"


class QuotaCounter(models.Model):
    """Seats taken in one session and pool on one date: the row the quota race is won on.

    `booked` counts active bookings plus seats held for a waitlist offer. It only moves by a
    conditional UPDATE (`booked = booked + 1 WHERE booked < capacity`), and the database refuses
    a row with more bookings than capacity.
    """

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    session = models.ForeignKey(ArrivalSession, on_delete=models.CASCADE, related_name="+")
    pool = models.CharField(max_length=10, choices=Pool.choices)
    capacity = models.PositiveIntegerField()
    booked = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("penghitung kuota")
        verbose_name_plural = pgettext_lazy("plural", "penghitung kuota")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "date", "session", "pool"], name="quota_counter_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(booked__lte=models.F("capacity")), name="counter_within_quota"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.date} {self.session_id} {self.pool}: {self.booked}/{self.capacity}"


class NikBlockKind(models.TextChoices):
    NO_SHOW = "no_show", _("Tidak hadir pada booking")
    # Permenkumham 8/2014 art. 41: a passport lost or damaged through carelessness can suspend
    # issuance for 6 months to 2 years; the supervisor decides it on the lost/damaged case.
    NEGLIGENCE = "negligence", _("Penangguhan penerbitan karena kelalaian")


class NikBlock(models.Model):
    """A NIK may not book until `until`: after a no-show, or while issuance is suspended."""

    nik = SealedIdField(_("NIK"), db_index=True)
    until = models.DateTimeField(_("diblokir sampai"))
    kind = models.CharField(
        _("jenis"), max_length=12, choices=NikBlockKind.choices, default=NikBlockKind.NO_SHOW
    )
    reason = models.CharField(_("alasan"), max_length=200)
    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, null=True, related_name="+", verbose_name=_("booking")
    )
    case_code = models.CharField(_("nomor permohonan"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("blokir NIK")
        verbose_name_plural = pgettext_lazy("plural", "blokir NIK")

    def __str__(self) -> str:
        return f"{self.nik[:6]}… s.d. {self.until:%Y-%m-%d}"


class EmailVerification(models.Model):
    """A six-digit code and a link token sent to a new account's e-mail address."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_verifications"
    )
    code_hash = models.CharField(max_length=64)
    token = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verifikasi e-mail")
        verbose_name_plural = pgettext_lazy("plural", "verifikasi e-mail")

    def __str__(self) -> str:
        return f"{self.account_id} s.d. {self.expires_at:%Y-%m-%d %H:%M}"


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", _("Menunggu")
    OFFERED = "offered", _("Ditawari kursi")
    ACCEPTED = "accepted", _("Diterima")
    EXPIRED = "expired", _("Tawaran kedaluwarsa")
    CANCELLED = "cancelled", _("Dibatalkan")


OPEN_WAITLIST_STATUSES = (WaitlistStatus.WAITING, WaitlistStatus.OFFERED)


class WaitlistEntry(models.Model):
    """A person waiting for a seat at an office on a date; a freed seat is offered in turn."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("tanggal kedatangan"))
    pool = models.CharField(_("kuota"), max_length=10, choices=Pool.choices)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entries"
    )
    profile = models.ForeignKey(ApplicantProfile, on_delete=models.CASCADE, related_name="+")
    nik = SealedIdField(_("NIK"))
    application_type = models.CharField(max_length=20, choices=ApplicationType.choices)
    passport_kind = models.CharField(max_length=12, choices=PassportKind.choices)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WaitlistStatus.choices, default="waiting"
    )
    offered_session = models.ForeignKey(
        ArrivalSession, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("tawaran berlaku sampai"), null=True, blank=True)
    booking = models.ForeignKey(Booking, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("daftar tunggu")
        verbose_name_plural = pgettext_lazy("plural", "daftar tunggu")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "date", "nik"],
                condition=models.Q(status__in=["waiting", "offered"]),
                name="waitlist_once_per_nik_and_day",
            )
        ]
        indexes = [models.Index(fields=["office", "date", "pool", "status"], name="waitlist_idx")]

    def __str__(self) -> str:
        return f"{self.office_id} {self.date} {self.pool} {self.status}"


class BallotStatus(models.TextChoices):
    OPEN = "open", _("Pendaftaran dibuka")
    DRAWN = "drawn", _("Sudah diundi")
    # The office's calendar closed the date before the draw: nobody is given a seat that day.
    CANCELLED = "cancelled", _("Dibatalkan: kantor tutup pada tanggal ini")


class Ballot(models.Model):
    """A draw for one office, date and pool, with a seed committed to before entries open.

    The SHA-256 of `seed` is published when the window opens; `seed` itself only after the
    draw, so anyone can check the order afterwards (`ballot.py`, `manage.py ballot_verify`).
    """

    office = models.ForeignKey(
        "offices.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("kantor")
    )
    date = models.DateField(_("tanggal kedatangan"))
    pool = models.CharField(_("kuota"), max_length=10, choices=Pool.choices)
    opens_at = models.DateTimeField(_("pendaftaran dibuka"))
    closes_at = models.DateTimeField(_("pendaftaran ditutup"))
    seed = models.CharField(_("benih"), max_length=64)
    seed_hash = models.CharField(_("SHA-256 benih"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=BallotStatus.choices, default="open"
    )
    drawn_at = models.DateTimeField(_("diundi pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("undian")
        verbose_name_plural = pgettext_lazy("plural", "undian")
        constraints = [
            models.UniqueConstraint(fields=["office", "date", "pool"], name="ballot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.date} {self.pool}"

    @property
    def published_seed(self) -> str:
        return self.seed if self.status == BallotStatus.DRAWN else ""


class BallotResult(models.TextChoices):
    PENDING = "pending", _("Menunggu undian")
    WON = "won", _("Mendapat kursi")
    WAITLISTED = "waitlisted", _("Masuk daftar tunggu")
    VOID = (
        "void",
        _(
            "Gugur (NIK sudah memiliki booking aktif atau tempat di daftar tunggu tanggal itu, atau "
            "diblokir)"
        ),
    )
    CANCELLED = "cancelled", _("Batal: kantor tutup pada tanggal itu")


class BallotEntry(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="entries")
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ballot_entries"
    )
    profile = models.ForeignKey(ApplicantProfile, on_delete=models.CASCADE, related_name="+")
    nik = SealedIdField(_("NIK"))
    session = models.ForeignKey(ArrivalSession, on_delete=models.PROTECT, related_name="+")
    application_type = models.CharField(max_length=20, choices=ApplicationType.choices)
    passport_kind = models.CharField(max_length=12, choices=PassportKind.choices)
    answers = models.JSONField(default=dict, blank=True)
    rank = models.PositiveIntegerField(_("urutan undian"), null=True, blank=True)
    result = models.CharField(
        _("hasil"), max_length=10, choices=BallotResult.choices, default="pending"
    )
    booking = models.ForeignKey(Booking, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("peserta undian")
        verbose_name_plural = pgettext_lazy("plural", "peserta undian")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "nik"], name="ballot_entry_once_per_nik")
        ]

    def __str__(self) -> str:
        return f"{self.ballot} #{self.rank}"


class FlagKind(models.TextChoices):
    ACCOUNT = "account", _("Akun")
    DEVICE = "device", _("Perangkat")
    IP = "ip", _("Alamat IP")


class BookingFlag(models.Model):
    """A source (account, device or IP address) that booked for many different NIKs lately,
    listed at each office where it booked; `booking_flags_refresh` keeps the list.

    The counts are across all offices (brokers spread out). The office's review of the source is
    kept with it: a reviewed flag asks again once the source has booked for more NIKs than it
    had when it was reviewed.
    """

    office = models.ForeignKey(
        "offices.Office", on_delete=models.CASCADE, related_name="booking_flags"
    )
    kind = models.CharField(_("jenis"), max_length=8, choices=FlagKind.choices)
    ident = models.CharField(_("sumber"), max_length=254)
    distinct_niks = models.PositiveIntegerField(_("NIK berbeda"))
    bookings = models.PositiveIntegerField(_("booking"))
    flagged_at = models.DateTimeField(_("ditandai pada"))
    reviewed_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditinjau oleh"),
    )
    reviewed_niks = models.PositiveIntegerField(_("NIK berbeda saat ditinjau"), default=0)
    review_note = models.TextField(_("catatan tinjauan"), blank=True)

    class Meta:
        verbose_name = _("tanda booking")
        verbose_name_plural = pgettext_lazy("plural", "tanda booking")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kind", "ident"], name="booking_flag_once_per_office"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.ident}"

    @property
    def needs_review(self) -> bool:
        return self.reviewed_at is None or self.distinct_niks > self.reviewed_niks

    @property
    def reviewer(self) -> str:
        """Who reviewed it, as the pages name staff; a dash once that account is gone."""
        if self.reviewed_by is None:
            return "—"
        return self.reviewed_by.get_full_name() or self.reviewed_by.get_username()


class BookingFlagRefresh(models.Model):
    """When the flags were last counted (one row): the review page says how fresh they are."""

    finished_at = models.DateTimeField(_("dihitung pada"))

    class Meta:
        verbose_name = _("penghitungan tanda booking")
        verbose_name_plural = pgettext_lazy("plural", "penghitungan tanda booking")

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M}"
