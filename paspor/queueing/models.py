"""Tickets of the office queue (kiosk, counters, boards).

The queue issue owns this app and extends it (counter sessions, calls, station visits, board
events). Fields here are the contract other apps rely on: a case is opened from a ticket of
its office and day; `booking` is set for a checked-in booking, empty for a walk-in.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Menunggu")
    CALLED = "called", _("Dipanggil")
    SERVING = "serving", _("Sedang dilayani")
    PARKED = "parked", _("Ditunda")
    NO_SHOW = "no_show", _("Tidak hadir saat dipanggil")
    DONE = "done", _("Selesai")


class Ticket(models.Model):
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="tickets")
    service = models.ForeignKey(
        "offices.OfficeService", on_delete=models.PROTECT, related_name="tickets"
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
    )
    holder_name = models.CharField(_("nama pemegang"), max_length=200, blank=True)
    is_priority = models.BooleanField(_("prioritas"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    arrived_at = models.DateTimeField(_("tiba pada"))

    class Meta:
        verbose_name = _("nomor antrean")
        verbose_name_plural = _("nomor antrean")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "day", "prefix", "number"], name="ticket_number_unique_per_day"
            )
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        return f"{self.prefix}-{self.number:03d}"
