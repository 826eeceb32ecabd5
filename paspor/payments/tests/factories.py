"""Builders for the payments tests: cases at a given step, signed notifications."""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse

from paspor.booking.models import ApplicantProfile, Booking
from paspor.cases.models import Case, CaseStatus
from paspor.cases.types import ApplicationType
from paspor.payments import signing
from paspor.payments.models import StatementImport
from paspor.payments.simulator import fake_ntpn

BIRTH_DATE = dt.date(1990, 8, 17)


def make_case(office, opened_by, **overrides) -> Case:
    values = dict(
        office=office,
        opened_by=opened_by,
        nik="6104015708900001",
        full_name="Siti Aminah",
        sex="F",
        birth_date=BIRTH_DATE,
        birth_place="Ketapang",
        email="siti@example.com",
        application_type=ApplicationType.NEW_ADULT,
        status=CaseStatus.APPROVED,
    )
    values.update(overrides)
    return Case.objects.create(**values)


def make_express_case(office, opened_by, account) -> Case:
    """An approved ordinary 10-year passport with express service, of `account`'s holder: a
    bill of two items (passport and express fee)."""
    return make_case(
        office,
        opened_by,
        applicant_account=account,
        passport_kind="ordinary",
        validity_years=10,
        express=True,
    )


def make_statement(office, uploaded_by) -> StatementImport:
    """An empty bank statement of March 2026, as uploaded on its last day."""
    return StatementImport.objects.create(
        office=office,
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
        content="",
        uploaded_by=uploaded_by,
        uploaded_at=dt.datetime(2026, 3, 31, tzinfo=dt.UTC),
    )


def make_booking(office, account, *, code="BKSITI2345", birth_date=BIRTH_DATE) -> Booking:
    """Siti's booking (checked in): the code applicants type where the case number belongs."""
    profile = ApplicantProfile.objects.create(
        account=account,
        nik="6104015708900001",
        full_name="Siti Aminah",
        sex="F",
        birth_date=birth_date,
        birth_place="Ketapang",
    )
    return Booking.objects.create(
        code=code,
        office=office,
        profile=profile,
        nik=profile.nik,
        date=dt.date(2026, 3, 10),
        window_start=dt.time(8),
        window_end=dt.time(10),
        application_type=ApplicationType.NEW_ADULT,
        status="checked_in",
    )


def body_for(
    code, *, amount=None, reference=None, ntpn=None, paid_at=None, **extra
) -> dict[str, Any]:
    body = {
        "reference": reference or f"REF-{fake_ntpn()}",
        "billing_code": code if isinstance(code, str) else code.code,
        "amount": amount if amount is not None else code.amount,
        "ntpn": ntpn or fake_ntpn(),
        "ntb": "000123456789",
        "paid_at": (paid_at or dt.datetime.now(dt.UTC)).isoformat(),
        "method": "atm",
    }
    body.update(extra)
    return body


def signed(
    channel, raw: bytes, *, now: float | None = None, secret: str | None = None
) -> dict[str, str]:
    return signing.signed_headers(
        channel=channel.code,
        secret=secret or channel.secret,
        body=raw,
        now=time.time() if now is None else now,
    )


def post_notification(
    raw: bytes | dict[str, Any], headers: dict[str, str], client: Client | None = None
):
    if isinstance(raw, dict):
        raw = json.dumps(raw).encode()
    return (client or Client()).post(
        reverse("api:payment_notification"),
        data=raw,
        content_type="application/json",
        headers=headers,
    )


def pay(channel, code, **kwargs):
    """A good, signed notification for `code` (overrides in kwargs)."""
    raw = json.dumps(body_for(code, **kwargs)).encode()
    return post_notification(raw, signed(channel, raw))


@dataclass(frozen=True)
class Drawn:
    """A string a PDF drew: its left and right edge and baseline in points, and its font."""

    left: float
    right: float
    y: float
    text: str
    font: str
    size: float


def record_drawing(monkeypatch) -> list[Drawn]:
    """Every string the reportlab canvas draws from now on, in drawing order."""
    from reportlab.pdfgen.canvas import Canvas

    drawn: list[Drawn] = []
    for method, anchor in (
        ("drawString", 0.0),
        ("drawRightString", 1.0),
        ("drawCentredString", 0.5),
    ):
        original = getattr(Canvas, method)

        def record(canvas, x, y, text, *args, _original=original, _anchor=anchor, **kwargs):
            width = canvas.stringWidth(text, canvas._fontname, canvas._fontsize)
            left = x - _anchor * width
            drawn.append(Drawn(left, left + width, y, text, canvas._fontname, canvas._fontsize))
            return _original(canvas, x, y, text, *args, **kwargs)

        monkeypatch.setattr(Canvas, method, record)
    return drawn


def line_of(drawn: list[Drawn], text: str) -> list[Drawn]:
    """The strings on the baseline of the first string containing `text`, left to right."""
    first = next(d for d in drawn if text in d.text)
    return sorted((d for d in drawn if abs(d.y - first.y) < 0.5), key=lambda d: d.left)
