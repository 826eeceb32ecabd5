"""The survey over JSON: answer by token (public) and the IKM report (head of office, HQ)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from paspor.accounts.access import require_office_role
from paspor.lib.api_auth import session_auth
from paspor.lib.errors import DomainError
from paspor.surveys.models import SurveyInvitation
from paspor.surveys.selectors import ikm_report
from paspor.surveys.services import survey_submit
from paspor.surveys.views import REPORT_ROLES

router = Router(tags=["surveys"])


class AnswerIn(Schema):
    answers: list[int]
    comment: str = ""


class OkOut(Schema):
    detail: str


class ElementOut(Schema):
    element: int
    label: str
    respondents: int
    nrr: str | None
    weakest: bool


class ReportOut(Schema):
    office: str
    start: dt.date
    end: dt.date
    respondents: int
    index: str | None
    category: str | None
    elements: list[ElementOut]


@router.post("/responses/{token}", response={201: OkOut, 400: OkOut}, auth=None)
def answer(request: HttpRequest, token: str, payload: AnswerIn) -> tuple[int, dict[str, str]]:
    """One response per invitation; a second one is 409."""
    invitation = get_object_or_404(SurveyInvitation.objects.select_related("office"), token=token)
    try:
        survey_submit(invitation=invitation, answers=payload.answers, comment=payload.comment)
    except DomainError as exc:
        if exc.code == "already_answered":
            raise
        return 400, {"detail": exc.message}
    return 201, {"detail": _("Terima kasih atas penilaian Anda") + "."}


# Signed-in staff only: 401 without a session, 403 without a report role, 404 for an office
# that is not theirs.
@router.get("/offices/{office}/ikm", response=ReportOut, auth=session_auth)
def report(request: HttpRequest, office: str, start: dt.date, end: dt.date) -> dict[str, object]:
    access = require_office_role(request, office, REPORT_ROLES)
    result = ikm_report(office=access.office, start=start, end=end)
    return {
        "office": access.office.code,
        "start": start,
        "end": end,
        "respondents": result.respondents,
        "index": str(result.index) if result.index is not None else None,
        "category": result.category.value if result.category else None,
        "elements": [
            {
                "element": int(row.element),
                "label": row.label,
                "respondents": row.respondents,
                "nrr": str(row.nrr) if row.nrr is not None else None,
                "weakest": row.weakest,
            }
            for row in result.rows
        ],
    }
