"""The office queue: tickets, their journey through stations, counters and display boards.

A ticket is issued at the kiosk (a checked-in booking or a walk-in), waits at the first station
of its service's route, is called to a counter, and moves on to the next station with the same
number. Every visit to a station and every call is a row, for the reports. Display boards read
`BoardEvent` rows (an append-only stream per office) pushed to them as server-sent events.

`Ticket`'s original fields are the contract other apps rely on (a case is opened from a ticket
of its office and day; `booking` is set for a checked-in booking, empty for a walk-in); the
journey fields are optional so a ticket created with only those fields is still valid.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Menunggu")
    CALLED = "called", _("Dipanggil")
    SERVING = "serving", _("Sedang dilayani")
    PARKED = "parked", _("Ditunda")
    NO_SHOW = "no_show", _("Tidak hadir saat dipanggil")
    DONE = "done", _("Selesai")
    # Its office day ended before the visit did (waiting, at a counter or parked): the
    # day-close job records it; the pages treat such a ticket so from the next day on.
    EXPIRED = "expired", _("Kedaluwarsa")


# A ticket in one of these states occupies its counter.
AT_COUNTER = (TicketStatus.CALLED, TicketStatus.SERVING)
# A ticket in one of these states is still in the office's queue; at the end of its day it
# becomes `expired`.
UNFINISHED = (TicketStatus.WAITING, *AT_COUNTER, TicketStatus.PARKED)


def new_ticket_token() -> str:
    """The unguessable part of the public phone URL (128 bits)."""
    return secrets.token_urlsafe(16)


class Ticket(models.Model):
    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="tickets", verbose_name=_("kantor")
    )
    service = models.ForeignKey(
        "offices.OfficeService",
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("layanan"),
    )
    day = models.DateField(_("tanggal"))
    prefix = models.CharField(_("awalan"), max_length=2)
    number = models.PositiveIntegerField(_("nomor"))
    booking = models.OneToOneField(
        "booking.Booking",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket",
        verbose_name=_("booking"),
    )
    holder_name = models.CharField(_("nama pemegang"), max_length=200, blank=True)
    is_priority = models.BooleanField(_("prioritas"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    arrived_at = models.DateTimeField(_("tiba pada"))

    # The journey: where the ticket is now. Its history is in StationVisit and TicketCall.
    token = models.CharField(
        _("token publik"), max_length=32, unique=True, default=new_ticket_token, editable=False
    )
    station = models.ForeignKey(
        "offices.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("pos sekarang"),
    )
    step = models.PositiveSmallIntegerField(_("langkah rute"), default=0)
    queued_at = models.DateTimeField(_("masuk antrean pos"), null=True, blank=True)
    counter = models.ForeignKey(
        "offices.Counter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("loket"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="queue_tickets",
        verbose_name=_("petugas"),
    )
    target_counter = models.ForeignKey(
        "offices.Counter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transferred_tickets",
        verbose_name=_("dialihkan ke loket"),
    )
    call_count = models.PositiveSmallIntegerField(_("jumlah panggilan di pos ini"), default=0)
    status_at = models.DateTimeField(_("status sejak"), null=True, blank=True)
    # The kiosk screen's (or an API client's) key for one "take a ticket" on the ticket's day:
    # a second tap or a retry after a timeout sends it again and gets this ticket, not a
    # second one.
    request_key = models.CharField(
        _("kunci permintaan"), max_length=64, blank=True, default="", editable=False
    )

    class Meta:
        verbose_name = _("nomor antrean")
        verbose_name_plural = pgettext_lazy("plural", "nomor antrean")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "day", "prefix", "number"], name="ticket_number_unique_per_day"
            ),
            # A request key names one request of one office day: the next day it is free.
            models.UniqueConstraint(
                fields=["office", "day", "request_key"],
                condition=~models.Q(request_key=""),
                name="ticket_request_key_unique_per_day",
            ),
            # One person at a counter at a time: a double "call next" cannot seat two.
            models.UniqueConstraint(
                fields=["counter"],
                condition=models.Q(status__in=["called", "serving"]),
                name="one_ticket_at_a_counter",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["called", "serving"])
                | models.Q(counter__isnull=False),
                name="called_ticket_has_counter",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "day", "station", "status"], name="ticket_queue_idx")
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        return f"{self.prefix}-{self.number:03d}"


class QueuePolicy(models.Model):
    """An office's queue rules; an office without a row uses the defaults below."""

    office = models.OneToOneField(
        "offices.Office",
        on_delete=models.CASCADE,
        related_name="queue_policy",
        verbose_name=_("kantor"),
    )
    checkin_early_minutes = models.PositiveSmallIntegerField(
        _("boleh check-in sebelum jendela (menit)"), default=30
    )
    checkin_late_minutes = models.PositiveSmallIntegerField(
        _("boleh check-in setelah jendela (menit)"), default=15
    )
    aging_minutes = models.PositiveSmallIntegerField(
        _("batas tunggu di belakang prioritas (menit)"),
        default=20,
        help_text=_("Nomor biasa yang sudah menunggu selama ini di pos dipanggil lebih dulu."),
    )
    recalls_before_no_show = models.PositiveSmallIntegerField(
        _("panggilan ulang sebelum tidak hadir"), default=2
    )
    reinstate_minutes = models.PositiveSmallIntegerField(
        _("batas kembali setelah tidak hadir (menit)"), default=30
    )
    min_service_samples = models.PositiveSmallIntegerField(
        _("contoh layanan minimal untuk perkiraan"),
        default=3,
        help_text=_("Di bawah jumlah ini perkiraan memakai lama layanan baku pos."),
    )

    class Meta:
        verbose_name = _("aturan antrean")
        verbose_name_plural = _("aturan antrean")

    def __str__(self) -> str:
        # Named by its office in the admin's title and messages, not by a row number.
        return str(self.office)


class TicketNumber(models.Model):
    """The last number handed out per office, day and prefix: the gap-free ticket counter."""

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    prefix = models.CharField(max_length=2)
    last_number = models.PositiveIntegerField(default=0)
    walk_ins = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "day", "prefix"], name="ticket_number_row_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.day} {self.prefix}={self.last_number}"


class CounterSession(models.Model):
    """An officer working a counter for one station, from opening to closing.

    A session belongs to the office day it was opened on: one left open is not open the next
    day (the selectors), and the day-close job closes it (`services.queue_day_close`).
    """

    counter = models.ForeignKey("offices.Counter", on_delete=models.PROTECT, related_name="+")
    station = models.ForeignKey("offices.Station", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="counter_sessions"
    )
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sesi loket")
        verbose_name_plural = pgettext_lazy("plural", "sesi loket")
        constraints = [
            models.UniqueConstraint(
                fields=["counter"],
                condition=models.Q(closed_at__isnull=True),
                name="counter_open_once",
            ),
            models.UniqueConstraint(
                fields=["officer"],
                condition=models.Q(closed_at__isnull=True),
                name="officer_one_open_counter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.counter} {self.station.station_type}"


class VisitOutcome(models.TextChoices):
    DONE = "done", _("Selesai")
    TRANSFERRED = "transferred", _("Dialihkan")
    NO_SHOW = "no_show", _("Tidak hadir")
    EXPIRED = "expired", _("Kedaluwarsa")  # still open when its office day was closed


class StationVisit(models.Model):
    """One stay of a ticket at a station: queued, called, served, ended (for the reports)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="visits")
    station = models.ForeignKey("offices.Station", on_delete=models.PROTECT, related_name="+")
    queued_at = models.DateTimeField()
    first_called_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    counter = models.ForeignKey(
        "offices.Counter", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(max_length=12, choices=VisitOutcome.choices, blank=True)

    class Meta:
        verbose_name = _("kunjungan pos")
        verbose_name_plural = pgettext_lazy("plural", "kunjungan pos")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_visit_per_ticket",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket} @ {self.station_id}"


class TicketCall(models.Model):
    """A call (or a recall) of a ticket to a counter."""

    visit = models.ForeignKey(StationVisit, on_delete=models.CASCADE, related_name="calls")
    at = models.DateTimeField()
    counter = models.ForeignKey("offices.Counter", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_recall = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.visit.ticket} → {self.counter}"


class BoardChannel(models.Model):
    """The head of an office's event stream; locked while appending so ids commit in order."""

    office = models.OneToOneField("offices.Office", on_delete=models.CASCADE, related_name="+")
    last_event_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.office_id}@{self.last_event_id}"


class BoardEventKind(models.TextChoices):
    CALL = "call", _("Panggilan")
    RECALL = "recall", _("Panggilan ulang")
    QUEUE = "queue", _("Perubahan antrean")


class BoardEvent(models.Model):
    """One message for the display boards; its id is the server-sent event id."""

    id = models.BigAutoField(primary_key=True)
    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=BoardEventKind.choices)
    at = models.DateTimeField()
    payload = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["office", "id"], name="board_event_stream_idx")]

    def __str__(self) -> str:
        return f"{self.pk} {self.kind}"
