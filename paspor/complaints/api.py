"""Complaints over JSON: file one (no attachments here; use the form) and track it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Router, Schema

from paspor.complaints.models import Complaint, ComplaintCategory
from paspor.complaints.services import TRACK_PER_IP, complaint_submit
from paspor.lib.api_types import Text
from paspor.lib.errors import DomainError
from paspor.lib.ratelimit import client_ip
from paspor.lib.ratelimit import hit as limit_hit
from paspor.offices.models import Office

router = Router(tags=["complaints"])


class ComplaintIn(Schema):
    office: str
    category: ComplaintCategory
    body: Annotated[str, Text(5000)]
    name: Annotated[str, Text(200, blank=True)] = ""
    email: Annotated[str, Text(254, blank=True)] = ""
    phone: Annotated[str, Text(30, blank=True)] = ""


class ComplaintOut(Schema):
    tracking_code: str
    office: str
    category: str
    status: str
    created_at: dt.datetime
    deadline: dt.date
    response: str
    responded_at: dt.datetime | None


class ErrorOut(Schema):
    detail: str


def _out(complaint: Complaint) -> dict[str, object]:
    return {
        "tracking_code": complaint.tracking_code,
        "office": complaint.office.code,
        "category": complaint.category,
        "status": complaint.status,
        "created_at": complaint.created_at,
        "deadline": complaint.deadline,
        "response": complaint.response,
        "responded_at": complaint.responded_at,
    }


@router.post("/", response={201: ComplaintOut, 400: ErrorOut, 404: ErrorOut}, auth=None)
def submit(request: HttpRequest, payload: ComplaintIn) -> tuple[int, dict[str, object]]:
    office = get_object_or_404(Office, code=payload.office, is_active=True)
    try:
        complaint = complaint_submit(
            office=office,
            category=payload.category,
            body=payload.body,
            name=payload.name,
            email=payload.email,
            phone=payload.phone,
            ip=client_ip(request),
            language=translation.get_language(),  # the caller's Accept-Language
        )
    except DomainError as exc:
        if exc.code == "rate_limited":
            raise
        return 400, {"detail": exc.message}
    return 201, _out(complaint)


@router.get("/{code}", response={200: ComplaintOut}, auth=None)
def track(request: HttpRequest, code: str) -> dict[str, object]:
    limit_hit(TRACK_PER_IP, client_ip(request))
    complaint = get_object_or_404(Complaint.objects.select_related("office"), tracking_code=code)
    return _out(complaint)
