"""The scheduler's bookkeeping: one row per periodic job, claimed by a conditional UPDATE."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ScheduledJob(models.Model):
    name = models.CharField(_("nama"), max_length=64, unique=True)
    next_run_at = models.DateTimeField(_("jadwal berikutnya"))
    last_started_at = models.DateTimeField(_("terakhir dimulai"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("terakhir selesai"), null=True, blank=True)
    last_ok = models.BooleanField(_("terakhir berhasil"), null=True)
    last_output = models.TextField(_("keluaran terakhir"), blank=True, default="")
    runs = models.PositiveIntegerField(_("jumlah dijalankan"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tugas berkala")
        verbose_name_plural = pgettext_lazy("plural", "tugas berkala")

    def __str__(self) -> str:
        return self.name
