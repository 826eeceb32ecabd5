"""Reads of the audit app: the PII access log as the head of office reviews it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db.models import QuerySet

from paspor.audit.models import PiiAccess
from paspor.offices.models import Office


def pii_accesses(
    *,
    office: Office,
    officer: str = "",
    case_code: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[PiiAccess]:
    """Accesses to the personal data of `office`'s cases, newest first; dates in office time."""
    rows = PiiAccess.objects.filter(office=office).select_related("user", "case")
    if officer:
        rows = rows.filter(user__username__iexact=officer.strip())
    if case_code:
        rows = rows.filter(case__code__iexact=case_code.strip())
    tz = zoneinfo.ZoneInfo(office.time_zone)
    if date_from is not None:
        rows = rows.filter(at__gte=dt.datetime.combine(date_from, dt.time(), tz))
    if date_to is not None:
        rows = rows.filter(
            at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), tz)
        )
    return rows.order_by("-at", "-pk")
