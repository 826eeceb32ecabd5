"""Public status lookup (POST: the date of birth stays out of URLs and logs)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from paspor.lib.ratelimit import client_ip
from paspor.notifications.status import status_lookup

router = Router(tags=["notifications"])


class StatusIn(Schema):
    code: str
    birth_date: dt.date


class StepOut(Schema):
    at: str
    text: str


class StatusOut(Schema):
    code: str
    office: str
    status: str
    steps: list[StepOut]
    next_step: str
    due_date: str | None
    deadline: str | None
    bring: list[str]
    visit_date: str | None
    visit_window: str


class NotFoundOut(Schema):
    detail: str


@router.post("/status", response={200: StatusOut, 404: NotFoundOut}, auth=None)
def status(request: HttpRequest, payload: StatusIn) -> tuple[int, dict[str, object]]:
    """Status of a booking or case by its code and the applicant's date of birth.

    429 with Retry-After after too many lookups from one address or failures for one code.
    """
    found = status_lookup(code=payload.code, birth_date=payload.birth_date, ip=client_ip(request))
    if found is None:
        return 404, {"detail": _("Kode atau tanggal lahir tidak cocok.")}
    return 200, found.as_json()
