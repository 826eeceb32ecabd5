"""The scheduler's bookkeeping: one row per periodic job, claimed by a conditional UPDATE."""

from __future__ import annotations

from django.db import models


class ScheduledJob(models.Model):
    name = models.CharField(max_length=64, unique=True)
    next_run_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_ok = models.BooleanField(null=True)
    last_output = models.TextField(blank=True, default="")
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
