"""The IKM report: per office and period, from the stored answers, anonymous by construction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.utils import timezone

from paspor.cases.models import Case
from paspor.lib.ikm import IkmCategory, IkmElement, IkmResult, ikm_compute
from paspor.offices.models import Office
from paspor.surveys.models import ELEMENT_FIELDS, SurveyInvitation, SurveyResponse


@dataclass(frozen=True)
class ElementRow:
    element: IkmElement
    label: str
    respondents: int
    nrr: Decimal | None  # rounded to two decimals, for display
    nrr_exact: Fraction | None  # what the index is computed from
    weakest: bool


@dataclass(frozen=True)
class IkmReport:
    office: Office
    start: dt.date
    end: dt.date
    result: IkmResult
    rows: list[ElementRow]
    comments: list[str]  # the latest `comments_limit` of them, or all without a limit
    comment_count: int  # suggestions written in the period, all of them

    @property
    def comments_cut(self) -> bool:
        """Whether `comments` holds only the latest of the period's suggestions."""
        return len(self.comments) < self.comment_count

    @property
    def index(self) -> Decimal | None:
        return self.result.index

    @property
    def category(self) -> IkmCategory | None:
        return self.result.category

    @property
    def respondents(self) -> int:
        return self.result.respondents

    @property
    def weight(self) -> Fraction | None:
        """Each answered element's weight: 1/9 when all nine were answered (PermenPANRB 14/2017)."""
        answered = sum(1 for row in self.rows if row.nrr_exact is not None)
        return Fraction(1, answered) if answered else None


def _label(element: IkmElement) -> str:
    from django.utils.translation import get_language

    return element.label_in(get_language())


def category_label(category: IkmCategory | None) -> str:
    from django.utils.translation import get_language

    if category is None:
        return ""
    english = (get_language() or "id").startswith("en")
    return category.label_en if english else category.label_id


def responses_in(*, office: Office, start: dt.date, end: dt.date) -> list[tuple[int, ...]]:
    rows = SurveyResponse.objects.filter(
        office=office, answered_on__gte=start, answered_on__lte=end
    ).values_list(*ELEMENT_FIELDS)
    return [tuple(row) for row in rows]


COMMENTS_SHOWN = 50  # on the page; the workbook has them all


def ikm_report(
    *, office: Office, start: dt.date, end: dt.date, comments_limit: int | None = COMMENTS_SHOWN
) -> IkmReport:
    """The period's index and suggestions; `comments_limit=None` for every suggestion."""
    result = ikm_compute(responses_in(office=office, start=start, end=end))
    answered = sum(1 for score in result.elements if score.nrr is not None)
    # When every answered element ties, none is weaker than another: nothing is marked.
    weakest = set(result.weakest) if len(result.weakest) < answered else set()
    rows = [
        ElementRow(
            element=score.element,
            label=_label(score.element),
            respondents=score.respondents,
            nrr=score.nrr_rounded(2),
            nrr_exact=score.nrr,
            weakest=score.element in weakest,
        )
        for score in result.elements
    ]
    written = (
        SurveyResponse.objects.filter(office=office, answered_on__gte=start, answered_on__lte=end)
        .exclude(comment="")
        .order_by("-answered_on", "-pk")
        .values_list("comment", flat=True)
    )
    comments = list(written if comments_limit is None else written[:comments_limit])
    count = len(comments) if comments_limit is None else written.count()
    return IkmReport(office, start, end, result, rows, comments, count)


@dataclass(frozen=True)
class WeakestSummary:
    """The weakest element(s) for one line of the report: named up to `NAMED`, else counted."""

    NAMED = 3
    rows: list[ElementRow]
    nrr: Decimal | None  # all weakest elements share it (they tie)

    @property
    def named(self) -> bool:
        return len(self.rows) <= self.NAMED


def weakest_summary(rows: Sequence[ElementRow]) -> WeakestSummary | None:
    weakest = [row for row in rows if row.weakest]
    if not weakest:
        return None
    return WeakestSummary(rows=weakest, nrr=weakest[0].nrr)


@dataclass(frozen=True)
class MonthPoint:
    month: dt.date  # first day of the month
    respondents: int
    index: Decimal | None
    category: IkmCategory | None


def month_start(day: dt.date, back: int = 0) -> dt.date:
    serial = day.year * 12 + day.month - 1 - back
    return dt.date(serial // 12, serial % 12 + 1, 1)


def ikm_monthly(*, office: Office, until: dt.date, months: int = 12) -> list[MonthPoint]:
    """One point per calendar month, oldest first, ending with the month of `until`."""
    first = month_start(until, months - 1)
    by_month: dict[dt.date, list[tuple[int, ...]]] = {
        month_start(until, back): [] for back in range(months)
    }
    rows = SurveyResponse.objects.filter(
        office=office, answered_on__gte=first, answered_on__lte=until
    ).values_list("answered_on", *ELEMENT_FIELDS)
    for answered_on, *answers in rows:
        by_month[month_start(answered_on)].append(tuple(answers))
    points = []
    for month in sorted(by_month):
        result = ikm_compute(by_month[month])
        points.append(MonthPoint(month, result.respondents, result.index, result.category))
    return points


# --- How long a link takes an answer ----------------------------------------------------------

# Answers about a visit are worth most while it is remembered, and the index counts an answer
# on the day it is given: a month keeps both the memory and the period it lands in close to
# the visit (docs/surveys.md, "How long a link is open").
DEFAULT_LINK_DAYS = 30


def survey_link_days() -> int:
    """Days a survey link stays open after the day it was issued (PASPOR_SURVEY_LINK_DAYS)."""
    return int(getattr(settings, "PASPOR_SURVEY_LINK_DAYS", DEFAULT_LINK_DAYS))


def survey_link_last_day(invitation: SurveyInvitation) -> dt.date:
    """The last office-local day the link takes an answer, all of it: issued on 10 March,
    open through 9 April with the default 30 days."""
    issued_on = timezone.localtime(invitation.created_at, invitation.office.tz).date()
    return issued_on + dt.timedelta(days=survey_link_days())


def survey_link_expired(invitation: SurveyInvitation, *, at: dt.datetime | None = None) -> bool:
    """Whether the link's period is over at `at` (now), on the office's clock."""
    moment = at if at is not None else timezone.now()
    return timezone.localtime(moment, invitation.office.tz).date() > survey_link_last_day(
        invitation
    )


def case_open_survey(case: Case) -> str | None:
    """The token of the case's own survey invitation while it is unanswered and its link open;
    None otherwise. For a case opened without a queue ticket, whose handover invited by case
    alone (a ticket's invitation is found by `paspor.queueing.selectors.ticket_open_survey`)."""
    invitation = (
        SurveyInvitation.objects.filter(case=case, ticket__isnull=True, response__isnull=True)
        .select_related("office")
        .only("token", "created_at", "office__time_zone")
        .first()
    )
    if invitation is None or survey_link_expired(invitation):
        return None
    return invitation.token
