"""Complaints over JSON (/api/complaints/): file one (no attachments here; use the form) and
track it by its code. Anonymous: anyone may complain, without an account."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema
from pydantic import ConfigDict, Field

from paspor.complaints.models import (
    TRACKING_CODE,
    Complaint,
    ComplaintCategory,
    ComplaintResponder,
    ComplaintStatus,
)
from paspor.complaints.services import TRACK_PER_IP, complaint_submit
from paspor.lib.api_types import Described, Text
from paspor.lib.errors import NotFound
from paspor.lib.ratelimit import client_ip
from paspor.lib.ratelimit import hit as limit_hit
from paspor.offices.models import Office

router = Router(tags=["complaints"])

ComplaintCategoryValue = Annotated[
    ComplaintCategory,
    Described(
        "What the complaint is about: `service` (the staff's service), `waiting` (queue and "
        "waiting time), `booking` (online booking), `payment` (payment and fees), `documents` "
        "(requirements and papers), `delay` (passport late), `facilities`, `broker` (brokers "
        "or illegal charges), `other`."
    ),
]
ComplaintStatusValue = Annotated[
    ComplaintStatus,
    Described("`open` (waiting for the office's answer) or `answered` (see `response`)."),
]
ComplaintResponderValue = Annotated[
    ComplaintResponder,
    Described(
        "Who answered: `office` (the office the complaint was filed to) or `hq` (headquarters, "
        "which answers a complaint its office left open past the deadline)."
    ),
]
TrackingCodePath = PathEx[
    str,
    P(
        description="The tracking code as issued, `ADU-` and 8 capital letters or digits "
        "(`ADU-7K2M9QXR`); small letters and surrounding spaces are accepted."
    ),
]


class ComplaintIn(Schema):
    """A complaint to an office (no attachments here: the form on the site takes them)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "office": "ketapang",
                    "category": "waiting",
                    "body": "Saya menunggu lebih dari dua jam di pos pemeriksaan berkas.",
                    "name": "Siti Aminah",
                    "email": "siti@example.com",
                    "phone": "0812-3456-7890",
                }
            ]
        }
    )

    office: Annotated[str, Text(20)] = Field(
        description="The office's code, e.g. `ketapang` (an active office)."
    )
    category: ComplaintCategoryValue
    body: Annotated[str, Text(5000)] = Field(description="The complaint, in the writer's words.")
    name: Annotated[str, Text(200, blank=True)] = Field(
        "", description="The complainant's name; optional (a complaint may be anonymous)."
    )
    email: Annotated[str, Text(254, blank=True)] = Field(
        "",
        description="Optional e-mail address for the acknowledgement and the answer (400 when "
        "it is not a valid address).",
    )
    phone: Annotated[str, Text(30, blank=True)] = Field(
        "",
        description="Optional Indonesian phone number, typed with `0`, `+62` or `62` (spaces, "
        "dashes allowed); kept as `+62…` (400 when it is not a valid Indonesian number).",
    )


class ComplaintOut(Schema):
    """A complaint as its tracking page shows it (without its text or the complainant)."""

    tracking_code: str = Field(
        description="The code to track the complaint with (`GET /api/complaints/{code}`).",
        examples=["ADU-7K2M9QXR"],
    )
    office: str = Field(description="The office's code.")
    category: ComplaintCategoryValue
    status: ComplaintStatusValue
    created_at: dt.datetime = Field(description="When it was received, ISO 8601 with UTC offset.")
    deadline: dt.date = Field(
        description="The date the office must answer by: 5 working days of the office after "
        "receipt by default (PASPOR_COMPLAINT_RESPONSE_DAYS), ISO 8601."
    )
    response: str = Field(description="The office's answer; empty while `open`.")
    responded_at: dt.datetime | None = Field(
        description="When the office answered, ISO 8601 with UTC offset; `null` while `open`."
    )
    answered_by: ComplaintResponderValue | None = Field(
        description="Who answered; `null` while `open`."
    )


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
        "answered_by": complaint.responded_as or None,
    }


@router.post(
    "/",
    response={201: ComplaintOut},
    auth=None,
    summary="File a complaint",
    openapi_extra={"responses": {404: {"description": "No active office has that code."}}},
)
def submit(request: HttpRequest, payload: ComplaintIn) -> tuple[int, dict[str, object]]:
    """Anonymous. Files a complaint to an office; the answer is due within the office's
    working days (`deadline`). An acknowledgement with the tracking code goes to the contact
    given, if any, in the request's language (`Accept-Language`); the office's answer is sent
    in it too. Keep `tracking_code` to follow the complaint.

    - 400 with the reason and its `code`: `email` or `phone` not valid.
    - 404 `office_not_found`: an unknown or inactive office.
    - 422 a missing or malformed field, a category not listed, or text too long.
    - 429 too many complaints from one address (5 an hour; `Retry-After`)."""
    office = Office.objects.filter(code=payload.office, is_active=True).first()
    if office is None:
        raise NotFound(_("Kantor tidak ditemukan."), code="office_not_found")
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
    return 201, _out(complaint)


@router.get("/{code}", response={200: ComplaintOut}, auth=None, summary="Track a complaint")
def track(request: HttpRequest, code: TrackingCodePath) -> dict[str, object]:
    """Anonymous: the tracking code is the key. The complaint's state, deadline and, once
    answered, the office's response.

    - 404 `not_found`: no complaint has that code, or it is not of the issued shape.
    - 429 too many look-ups from one address (30 in 10 minutes; `Retry-After`)."""
    limit_hit(TRACK_PER_IP, client_ip(request))
    code = code.strip().upper()
    # A code of another shape was never issued: not looked up (a NUL would fail the query).
    complaint = (
        Complaint.objects.select_related("office").filter(tracking_code=code).first()
        if TRACKING_CODE.fullmatch(code)
        else None
    )
    if complaint is None:
        raise NotFound(
            _("Tidak ada pengaduan dengan kode ini. Periksa kode pelacakan (ADU- dan 8 karakter)."),
            code="not_found",
        )
    return _out(complaint)
