"""JSON API of the issuance app (/api/issuance/): stock and queues for dashboards and booking.

Session-authenticated GETs only; every endpoint starts with the same access helper as the
pages: 401 anonymous, 403 without the role, 404 for another office.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema
from pydantic import Field

from paspor.accounts.access import StaffAccess, require_office_role
from paspor.accounts.models import Role
from paspor.booking.api.schemas import PassportKindValue
from paspor.cases.types import PassportKind
from paspor.issuance import selectors
from paspor.issuance.models import BookletKind
from paspor.lib.api_auth import session_auth
from paspor.lib.api_types import Described
from paspor.lib.errors import Forbidden, NotSignedIn

router = Router(tags=["issuance"], auth=session_auth)

_READ_ROLES = frozenset(
    {Role.PRINT_QC, Role.HANDOVER, Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN}
)


def _access(request: HttpRequest, office: str) -> StaffAccess:
    if not request.user.is_authenticated:
        raise NotSignedIn(_("Silakan masuk terlebih dahulu."))
    try:
        return require_office_role(request, office, _READ_ROLES)
    except PermissionDenied:
        raise Forbidden(
            _("Anda tidak berhak melihat data penerbitan kantor ini."), code="forbidden"
        ) from None


BookletKindValue = Annotated[
    BookletKind,
    Described("A kind of blank passport booklet: `ordinary` (48 pages) or `electronic`."),
]
OfficePath = PathEx[str, P(description="The office's code, e.g. `ketapang`.")]


class StockLevelOut(Schema):
    """The office's vault of blank booklets of one kind, against the demand to come."""

    kind: BookletKindValue
    available: int = Field(description="Blank booklets of this kind in stock at the office.")
    demand: int = Field(
        description="Paid cases of this kind not yet printed that are due within the coming "
        "working days (3 by default, ISSUANCE_LOW_STOCK_HORIZON), or have no due date yet."
    )
    low: bool = Field(description="`available` is below `demand`.")


class PrintQueueItemOut(Schema):
    """A paid case waiting for its passport to be printed."""

    case_code: str = Field(description="The case number.")
    full_name: str = Field(description="The applicant's full name.")
    passport_kind: PassportKindValue
    due_date: dt.date | None = Field(
        description="The date the passport is promised by (service level), ISO 8601; `null` "
        "if none was set."
    )
    express: bool = Field(description="The fast service (percepatan): printed first.")


@router.get("/{office}/stock", response=list[StockLevelOut], summary="Booklet stock per kind")
def stock(request: HttpRequest, office: OfficePath) -> list[StockLevelOut]:
    """Staff of the office (session) with the role `print_qc`, `handover`, `supervisor`,
    `head`, `hq` or `admin`. For each booklet kind, the blank booklets in stock and the paid
    cases soon due that will need one; `low` when the stock does not cover them.

    - 401 not signed in; 403 `token_not_accepted` for an applicant's bearer token.
    - 403 `forbidden`: none of these roles.
    - 404 `not_found`: an unknown office, or none of these roles at this office."""
    access = _access(request, office)
    return [
        StockLevelOut(
            kind=BookletKind(level.kind),
            available=level.available,
            demand=level.demand,
            low=level.low,
        )
        for level in selectors.stock_levels(access.office)
    ]


@router.get(
    "/{office}/print-queue",
    response=list[PrintQueueItemOut],
    summary="Paid cases waiting for printing, by due date",
)
def print_queue(request: HttpRequest, office: OfficePath) -> list[PrintQueueItemOut]:
    """Staff of the office (session) with the role `print_qc`, `handover`, `supervisor`,
    `head`, `hq` or `admin`. Paid cases not yet printed, the earliest due date first (express
    first on the same date, then by payment time); at most 500.

    - 401 not signed in; 403 `token_not_accepted` for an applicant's bearer token.
    - 403 `forbidden`: none of these roles.
    - 404 `not_found`: an unknown office, or none of these roles at this office."""
    access = _access(request, office)
    return [
        PrintQueueItemOut(
            case_code=case.code,
            full_name=case.full_name,
            passport_kind=PassportKind(case.passport_kind),
            due_date=case.due_date,
            express=case.express,
        )
        for case in selectors.print_queue(access.office)[:500]
    ]
