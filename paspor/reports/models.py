"""Daily summaries behind the period dashboard (docs/reports.md, "Daily summaries").

The national month reads these instead of every station visit and case event of the month.
They hold closed days only — each office's own days up to `SummaryMark.through` — and are
rebuilt by `paspor.reports.services.daily_summaries_refresh`; days after the mark are read live.
Nothing here is a source of truth: dropping every row and refreshing gives the same figures.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.cases.models import CaseStatus
from paspor.offices.models import COUNTER_STATION_CHOICES


class StationDay(models.Model):
    """One office's station visits of one ticket day: every waiting and service time, in
    minutes, so medians and percentiles over any period stay exact."""

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("tanggal"))
    station_type = models.CharField(max_length=20, choices=COUNTER_STATION_CHOICES)
    waits = models.JSONField(default=list)  # queued → first called, every called visit
    services = models.JSONField(default=list)  # started → ended, every visit served

    class Meta:
        verbose_name = _("ringkasan harian pos")
        verbose_name_plural = pgettext_lazy("plural", "ringkasan harian pos")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "day", "station_type"], name="stationday_unique"
            ),
        ]
        indexes = [models.Index(fields=["day", "office"], name="stationday_day_office")]

    def __str__(self) -> str:
        return f"{self.office_id} {self.day} {self.station_type}"


class OutcomeDay(models.Model):
    """How many of one office's cases reached an outcome (handed over, deferred, rejected) on
    one day of the office's clock, per reason given."""

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("tanggal"))
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    reason = models.TextField(blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("ringkasan harian keputusan")
        verbose_name_plural = pgettext_lazy("plural", "ringkasan harian keputusan")
        indexes = [models.Index(fields=["day", "office"], name="outcomeday_day_office")]

    def __str__(self) -> str:
        return f"{self.office_id} {self.day} {self.to_status}: {self.count}"


class SummaryMark(models.Model):
    """The last day every office's summaries hold (one row). Its row lock serialises refreshes."""

    name = models.CharField(max_length=20, primary_key=True)
    through = models.DateField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tanda ringkasan")
        verbose_name_plural = pgettext_lazy("plural", "tanda ringkasan")

    def __str__(self) -> str:
        return f"{self.name} → {self.through}"
