"""JSON API of the issuance app (/api/issuance/): stock and queues for dashboards and booking.

Session-authenticated GETs only; every endpoint starts with the same access helper as the
pages: 401 anonymous, 403 without the role, 404 for another office.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from paspor.accounts.access import StaffAccess, require_office_role
from paspor.accounts.models import Role
from paspor.issuance import selectors
from paspor.lib.api_auth import session_auth

router = Router(tags=["issuance"], auth=session_auth)

_READ_ROLES = frozenset(
    {Role.PRINT_QC, Role.HANDOVER, Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN}
)


def _access(request: HttpRequest, office: str) -> StaffAccess:
    if not request.user.is_authenticated:
        raise HttpError(401, _("Silakan masuk terlebih dahulu."))
    try:
        return require_office_role(request, office, _READ_ROLES)
    except PermissionDenied:
        raise HttpError(403, _("Anda tidak berhak melihat data penerbitan kantor ini.")) from None


class StockLevelOut(Schema):
    kind: str
    available: int
    demand: int
    low: bool


class PrintQueueItemOut(Schema):
    case_code: str
    full_name: str
    passport_kind: str
    due_date: dt.date | None
    express: bool


@router.get("/{office}/stock", response=list[StockLevelOut], summary="Booklet stock per kind")
def stock(request: HttpRequest, office: str) -> list[StockLevelOut]:
    access = _access(request, office)
    return [
        StockLevelOut(
            kind=level.kind, available=level.available, demand=level.demand, low=level.low
        )
        for level in selectors.stock_levels(access.office)
    ]


@router.get(
    "/{office}/print-queue",
    response=list[PrintQueueItemOut],
    summary="Paid cases waiting for printing, by due date",
)
def print_queue(request: HttpRequest, office: str) -> list[PrintQueueItemOut]:
    access = _access(request, office)
    return [
        PrintQueueItemOut(
            case_code=case.code,
            full_name=case.full_name,
            passport_kind=case.passport_kind,
            due_date=case.due_date,
            express=case.express,
        )
        for case in selectors.print_queue(access.office)[:500]
    ]
