"""The IKM report: per office and period, from the stored answers, anonymous by construction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from paspor.lib.ikm import IkmCategory, IkmElement, IkmResult, ikm_compute
from paspor.offices.models import Office
from paspor.surveys.models import ELEMENT_FIELDS, SurveyResponse


@dataclass(frozen=True)
class ElementRow:
    element: IkmElement
    label: str
    respondents: int
    nrr: Decimal | None
    weakest: bool


@dataclass(frozen=True)
class IkmReport:
    office: Office
    start: dt.date
    end: dt.date
    result: IkmResult
    rows: list[ElementRow]
    comments: list[str]

    @property
    def index(self) -> Decimal | None:
        return self.result.index

    @property
    def category(self) -> IkmCategory | None:
        return self.result.category

    @property
    def respondents(self) -> int:
        return self.result.respondents


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


def ikm_report(*, office: Office, start: dt.date, end: dt.date) -> IkmReport:
    result = ikm_compute(responses_in(office=office, start=start, end=end))
    rows = [
        ElementRow(
            element=score.element,
            label=_label(score.element),
            respondents=score.respondents,
            nrr=score.nrr_rounded(2),
            weakest=score.element in result.weakest,
        )
        for score in result.elements
    ]
    comments = list(
        SurveyResponse.objects.filter(office=office, answered_on__gte=start, answered_on__lte=end)
        .exclude(comment="")
        .order_by("-answered_on", "-pk")
        .values_list("comment", flat=True)[:50]
    )
    return IkmReport(office, start, end, result, rows, comments)


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
