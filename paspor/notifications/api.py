"""Public status lookup (POST: the date of birth stays out of URLs and logs)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import ConfigDict, Field

from paspor.booking.models import BookingStatus
from paspor.cases.models import CaseStatus
from paspor.lib.api_types import Text
from paspor.lib.birth_date import OLDEST_AGE, birth_date_check
from paspor.lib.errors import NotFound
from paspor.lib.language import link_in_language
from paspor.lib.ratelimit import client_ip
from paspor.notifications.status import status_lookup

router = Router(tags=["notifications"])


class StatusIn(Schema):
    """A booking or case code with the applicant's date of birth."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"code": "K7M2QX9TRA", "birth_date": "1990-04-17"}]}
    )

    code: Annotated[str, Text(20)] = Field(
        description="A booking code or a case number (10 characters); spaces are ignored, "
        "letters are case-insensitive. At most 20 characters, no control characters (422)."
    )
    birth_date: dt.date = Field(
        description="The applicant's date of birth, ISO 8601; not after today and not more "
        f"than {OLDEST_AGE} years back (400 `birth_date` otherwise)."
    )


class StepOut(Schema):
    """A step of the journey so far."""

    at: str = Field(
        description="When, ISO 8601 date-time with UTC offset.",
        examples=["2026-12-01T08:41:07.512000+00:00"],
    )
    text: str = Field(description="What happened, in the reader's language.")


def _codes(statuses: type[Enum]) -> str:
    return ", ".join(f"`{status.value}`" for status in statuses)


class StatusOut(Schema):
    """Where a booking or case stands; never the name, NIK or contact details."""

    code: str = Field(description="The case number, or the booking code.")
    office: str = Field(description="The office's name.")
    status: str = Field(
        description="The status in words, in the reader's language (not a code): e.g. "
        '"Terjadwal" / "Booked".'
    )
    kind: Literal["case", "booking"] = Field(
        description="`case` for an application opened at the office, `booking` for a booking "
        "not (yet) a case."
    )
    state: str = Field(
        description="The status as a code a program can compare, the same in every language. "
        f"A case: {_codes(CaseStatus)}. A booking: {_codes(BookingStatus)}.",
        examples=["billed"],
    )
    steps: list[StepOut] = Field(description="What happened so far, oldest first.")
    next_step: str = Field(description="What the applicant does or waits for next, in words.")
    due_date: str | None = Field(
        description="A case's promised completion date, ISO 8601 date; `null` if none, or "
        "once the case is over (handed over, cancelled, rejected)."
    )
    deadline: str | None = Field(
        description="ISO 8601 date: the last day to bring missing documents (deferred case) "
        "or to pick up the passport (ready); else `null`."
    )
    bring: list[str] = Field(
        description="What to bring to the office, in words; empty when nothing is asked."
    )
    visit_date: str | None = Field(
        description="An active booking's date of visit, ISO 8601 date; else `null`."
    )
    visit_window: str = Field(
        description="An active booking's arrival window with the office's time zone, written "
        'in the reader\'s language ("08.00–10.00 WIB" / "08:00–10:00 WIB"); else empty.'
    )
    ticket: str | None = Field(
        None,
        description="Optional: the queue ticket's number as the office's board shows it "
        '("A-012"), present only while the ticket is for today on the office\'s clock and '
        "still in the queue (waiting, called, at a counter or set aside); absent otherwise.",
    )
    ticket_url: str | None = Field(
        None,
        description="Optional, present with `ticket`: the ticket's phone page (absolute URL "
        "with its token, opening in the reader's language), where the applicant follows the "
        "queue; `GET /api/queue/t/{token}` gives the same in JSON. Absent otherwise.",
    )


@router.post(
    "/status",
    response=StatusOut,
    auth=None,
    openapi_extra={"responses": {404: {"description": "No match for the code and birth date."}}},
    summary="Look up the status of a booking or case",
    exclude_unset=True,  # the optional `ticket` fields are left out, not sent as null
)
def status(request: HttpRequest, payload: StatusIn) -> dict[str, object]:
    """Status of a booking or case by its code and the applicant's date of birth.

    Anonymous. A case number, or the booking code of a booking (or of the case opened from
    it), with the applicant's date of birth: the office, the steps so far, the next step, the
    dates and what to bring, in the reader's language (`Accept-Language`); while today's
    queue ticket is still in the queue, its number and phone page. POST, so that the date of
    birth stays out of addresses and logs.

    - 400 `birth_date`: a date of birth no applicant can have (after today, or more than
      130 years back); refused before the lookup, so it costs none of the code's guesses.
    - 404 `not_found`: no match; an unknown code and a wrong date of birth look the same.
    - 422 a missing or malformed field: a code that is empty, longer than 20 characters or
      holds a control character is refused before the lookup, like the status page's form.
    - 429 with Retry-After after too many lookups from one address (20 in 10 minutes) or
      failures for one code (5 in 15 minutes); the payment lookup shares both counts.
    """
    # A date no applicant can have is a typing slip, not a guess: refused before it is counted.
    birth_date_check(payload.birth_date, today=timezone.localdate())
    found = status_lookup(code=payload.code, birth_date=payload.birth_date, ip=client_ip(request))
    if found is None:
        raise NotFound(_("Kode atau tanggal lahir tidak cocok."), code="not_found")
    answer = found.as_json()
    if found.ticket_token:
        page = reverse("queueing:ticket_public", args=[found.ticket_token])
        answer["ticket_url"] = link_in_language(
            request.build_absolute_uri(page), translation.get_language()
        )
    return answer
