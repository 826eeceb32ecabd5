"""The survey over JSON (/api/surveys/): answer by token (public) and the IKM report (head of
office, HQ).

The satisfaction index (IKM) is PermenPANRB 14/2017's: nine service elements, each rated 1 to
4; an element's NRR is its mean, and the unit's IKM is the mean NRR × 25 (25–100).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import P, PathEx, QueryEx, Router, Schema
from pydantic import ConfigDict, Field, StrictInt

from paspor.accounts.access import require_office_role
from paspor.lib.api_auth import session_auth
from paspor.lib.api_types import Described, Text
from paspor.lib.errors import DomainError, NotFound
from paspor.lib.ikm import IkmCategory, IkmElement
from paspor.surveys.models import SurveyInvitation
from paspor.surveys.questions import QUESTIONS
from paspor.surveys.selectors import ikm_report
from paspor.surveys.services import survey_submit
from paspor.surveys.views import REPORT_ROLES

router = Router(tags=["surveys"])

IkmElementValue = Annotated[
    IkmElement,
    Described(
        "A service element (unsur) of PermenPANRB 14/2017, numbered as in its questionnaire: "
        "1 requirements, 2 systems, mechanisms and procedures, 3 completion time, 4 cost, 5 "
        "product specification, 6 staff competence, 7 staff behaviour, 8 handling of "
        "complaints, suggestions and input, 9 facilities."
    ),
]
IkmCategoryValue = Annotated[
    IkmCategory,
    Described(
        "Quality of service (mutu pelayanan) read from the unit's IKM: `A` very good "
        "(88.31–100), `B` good (76.61–88.30), `C` poor (65.00–76.60), `D` bad (25.00–64.99)."
    ),
]
TokenPath = PathEx[
    str, P(description="The invitation's token, from the survey link or QR code it was sent.")
]
OfficePath = PathEx[str, P(description="The office's code, e.g. `ketapang`.")]
StartQuery = QueryEx[
    dt.date, P(description="First day of the period, ISO 8601 (`2026-09-01`); included.")
]
EndQuery = QueryEx[
    dt.date, P(description="Last day of the period, ISO 8601 (`2026-11-30`); included.")
]


class AnswerIn(Schema):
    """One filled-in questionnaire."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"answers": [4, 3, 3, 4, 4, 3, 4, 2, 3], "comment": "Ruang tunggu kurang kursi."}
            ]
        }
    )

    # Strict: pydantic would read `true` as the rating 1 and `"4"` as 4, and a client's slip
    # would enter the office's index as nine "poor" answers.
    answers: list[StrictInt] = Field(
        description="The nine elements' ratings in questionnaire order (element 1 first), each "
        "a JSON integer from 1 (poor) to 4 (very good); all nine are required (400 otherwise). "
        '`true`, `false`, `"4"` or `4.0` are not ratings (422).'
    )
    comment: Annotated[str, Text(2000, blank=True)] = Field(
        "",
        description="An optional suggestion, in the respondent's words; at most 2,000 "
        "characters (422 beyond, as the form refuses them).",
    )


class OkOut(Schema):
    """A sentence for people: the thanks."""

    detail: str = Field(description="The sentence, in the reader's language.")


class ElementOut(Schema):
    """One service element's result over the period."""

    element: IkmElementValue
    label: str = Field(description="The element's name in the reader's language.")
    respondents: int = Field(description="Respondents who rated this element.")
    nrr: str | None = Field(
        description="The element's mean rating (NRR, 1–4), rounded half-up to two decimals, as "
        "a decimal string; `null` when nobody rated it.",
        examples=["3.25"],
    )
    weakest: bool = Field(
        description="The element has the lowest NRR of the period (ties all marked; none "
        "when every rated element ties)."
    )


class ReportOut(Schema):
    """An office's satisfaction index (IKM) over a period."""

    office: str = Field(description="The office's code.")
    start: dt.date = Field(description="First day of the period, ISO 8601.")
    end: dt.date = Field(description="Last day of the period, ISO 8601.")
    respondents: int = Field(description="Questionnaires answered in the period.")
    index: str | None = Field(
        description="The unit's IKM (25–100), rounded half-up to two decimals, as a decimal "
        "string; `null` without a single answer.",
        examples=["82.50"],
    )
    category: IkmCategoryValue | None = Field(
        description="The quality category of `index`; `null` without a single answer."
    )
    elements: list[ElementOut] = Field(description="The nine elements, in questionnaire order.")


class AnswerChoiceOut(Schema):
    """One of a question's four answers."""

    value: int = Field(description="The rating this answer gives, 1 (worst) to 4 (best).")
    label: str = Field(description="The answer's words in the reader's language.")


class QuestionOut(Schema):
    """One question of the questionnaire: one per service element."""

    element: IkmElementValue
    question: str = Field(description="The question in the reader's language.")
    answers: list[AnswerChoiceOut] = Field(description="The four answers, worst (1) first.")


@router.get(
    "/questions",
    response=list[QuestionOut],
    auth=None,
    summary="The survey's questions and answers",
)
def questions(request: HttpRequest) -> list[QuestionOut]:
    """Anonymous. The nine questions in questionnaire order (element 1 first), each with its
    four answers, in the reader's language (`Accept-Language`): what an app shows before it
    sends `POST /responses/{token}`, whose `answers` are these values in this order."""
    return [
        QuestionOut(
            element=question.element,
            question=str(question.text),
            answers=[
                AnswerChoiceOut(value=value, label=str(label))
                for value, label in enumerate(question.answers, start=1)
            ],
        )
        for question in QUESTIONS
    ]


@router.post(
    "/responses/{token}",
    response={201: OkOut},
    auth=None,
    summary="Answer the satisfaction survey",
    openapi_extra={
        "responses": {
            410: {
                "description": "The link's period is over (`link_expired`); nothing was recorded."
            }
        }
    },
)
def answer(request: HttpRequest, token: TokenPath, payload: AnswerIn) -> tuple[int, dict[str, str]]:
    """Anonymous: the invitation's token is the key (sent after a visit or the passport's
    handover). Records one questionnaire for the invitation, counted on today's date at the
    office; answers a thank-you sentence.

    - 400 with the reason (`code` `invalid`): not nine ratings, or a rating outside 1–4.
    - 422 a rating that is not a JSON integer (`true`, `"4"`), a comment over 2,000
      characters or with control characters.
    - 404 `not_found`: no invitation has that token (a link copied only in part).
    - 409 `already_answered`: one response per invitation (also after the link's period).
    - 410 `link_expired`: the link is open through the office-local day
      `PASPOR_SURVEY_LINK_DAYS` (30) days after the day it was issued; after that nothing is
      recorded, and `detail` points to the office's complaint form instead."""
    invitation = (
        SurveyInvitation.objects.select_related("office").filter(token=token.strip()).first()
    )
    if invitation is None:
        raise NotFound(
            _("Tautan survei ini tidak dikenal. Buka tautan lengkap dari pesan yang Anda terima."),
            code="not_found",
        )
    survey_submit(invitation=invitation, answers=payload.answers, comment=payload.comment)
    return 201, {"detail": _("Terima kasih atas penilaian Anda") + "."}


@router.get(
    "/offices/{office}/ikm",
    response=ReportOut,
    auth=session_auth,
    summary="Show an office's satisfaction index (IKM) for a period",
)
def report(
    request: HttpRequest, office: OfficePath, start: StartQuery, end: EndQuery
) -> dict[str, object]:
    """Staff (session) with the role `head`, `hq` or `admin` for the office. The IKM of the
    questionnaires answered from `start` to `end` (both included), with each element's NRR
    and the weakest elements marked.

    - 401 not signed in (`not_signed_in`); 403 `token_not_accepted` for an applicant's bearer
      token.
    - 403 none of these roles.
    - 404 an unknown office, or none of these roles for this office.
    - 400 `period`: `start` after `end`.
    - 422 `start` or `end` missing or not a date."""
    access = require_office_role(request, office, REPORT_ROLES)
    if start > end:  # as the report page refuses it
        raise DomainError(_("Tanggal awal tidak boleh setelah tanggal akhir."), code="period")
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
