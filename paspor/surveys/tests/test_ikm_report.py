"""The IKM report: the worked example of STANDARDS.md §6 and random surveys against an
independent computation, all through the report service that reads the stored answers."""

import datetime as dt
import io
import random
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from openpyxl import load_workbook

from paspor.lib.ikm import IkmCategory, IkmElement
from paspor.notifications.tests.factories import make_case
from paspor.surveys.chart import ikm_chart_svg
from paspor.surveys.exports import ikm_report_xlsx
from paspor.surveys.models import SurveyInvitation, SurveyResponse
from paspor.surveys.selectors import ikm_monthly, ikm_report

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


def store(office, opened_by, answers, day=DAY):
    """Stores questionnaires as the survey does: one invitation (one visit) per response."""
    for row in answers:
        case = make_case(office, opened_by)
        invitation = SurveyInvitation.objects.create(
            office=office, case=case, created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        )
        SurveyResponse.objects.create(
            invitation=invitation,
            office=office,
            answered_on=day,
            **{f"u{n}": value for n, value in enumerate(row, start=1)},
        )


def example_answers():
    """Ten questionnaires whose element averages are the NRRs of the STANDARDS.md example."""
    totals = [32, 31, 30, 39, 33, 34, 35, 30, 31]  # NRR 3.20, 3.10, 3.00, 3.90 … × 10
    rows = [[3] * 9 for _ in range(10)]
    for element, total in enumerate(totals):
        extra = total - 30  # 10 × 3 = 30; raise that many answers to 4
        for respondent in range(extra):
            rows[respondent][element] = 4
    return rows


def test_the_worked_example_scores_81_94_good(office, intake_officer):
    store(office, intake_officer, example_answers())
    report = ikm_report(office=office, start=DAY, end=DAY)
    assert [str(row.nrr) for row in report.rows] == [
        "3.20",
        "3.10",
        "3.00",
        "3.90",
        "3.30",
        "3.40",
        "3.50",
        "3.00",
        "3.10",
    ]
    assert report.index == Decimal("81.94")
    assert report.category is IkmCategory.B
    assert {row.element for row in report.rows if row.weakest} == {
        IkmElement.COMPLETION_TIME,
        IkmElement.COMPLAINT_HANDLING,
    }
    assert report.respondents == 10


def independent_ikm(rows):
    """The regulation's formula with numpy floats: mean per element, × 1/9, summed, × 25."""
    matrix = np.array(rows, dtype=float)
    nrr = matrix.mean(axis=0)
    unit = float(np.sum(nrr * (1 / 9)) * 25)
    rounded = Decimal(repr(unit)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if rounded >= Decimal("88.31"):
        category = "A"
    elif rounded >= Decimal("76.61"):
        category = "B"
    elif rounded >= Decimal("65.00"):
        category = "C"
    else:
        category = "D"
    return nrr, rounded, category


@pytest.mark.parametrize("seed", range(6))
def test_random_surveys_agree_with_an_independent_computation(office, intake_officer, seed):
    rng = random.Random(seed)
    bias = rng.choice([(1, 2), (2, 3), (3, 4), (1, 4)])
    rows = [[rng.randint(*bias) for _ in range(9)] for _ in range(rng.randint(1, 60))]
    store(office, intake_officer, rows)
    report = ikm_report(office=office, start=DAY, end=DAY)
    nrr, index, category = independent_ikm(rows)
    assert report.respondents == len(rows)
    assert report.index is not None and report.category is not None
    for row, expected in zip(report.rows, nrr, strict=True):
        assert row.nrr is not None and abs(float(row.nrr) - expected) <= 0.005
    # Floats may differ from exact arithmetic only in a last-digit tie; allow one cent there.
    assert abs(report.index - index) <= Decimal("0.01")
    if report.index == index:
        assert report.category.value == category


def test_the_period_and_office_bound_the_report(office, other_office, intake_officer):
    store(office, intake_officer, [[4] * 9], day=DAY)
    store(office, intake_officer, [[1] * 9], day=DAY + dt.timedelta(days=40))
    store(other_office, intake_officer, [[1] * 9], day=DAY)
    report = ikm_report(office=office, start=DAY, end=DAY + dt.timedelta(days=1))
    assert (report.respondents, report.index, report.category) == (
        1,
        Decimal("100.00"),
        IkmCategory.A,
    )
    empty = ikm_report(office=office, start=dt.date(2020, 1, 1), end=dt.date(2020, 1, 31))
    assert empty.index is None and empty.respondents == 0


def test_the_monthly_trend_has_one_point_per_month(office, intake_officer):
    store(office, intake_officer, [[4] * 9], day=dt.date(2026, 1, 15))
    store(office, intake_officer, [[2] * 9, [3] * 9], day=dt.date(2026, 3, 2))
    points = ikm_monthly(office=office, until=dt.date(2026, 3, 31), months=4)
    assert [p.month for p in points] == [
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
        dt.date(2026, 3, 1),
    ]
    assert [p.index for p in points] == [None, Decimal("100.00"), None, Decimal("62.50")]
    assert [p.category for p in points] == [None, IkmCategory.A, None, IkmCategory.D]
    svg = str(ikm_chart_svg(points))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "100,00" in svg and svg.count("<circle") == 2  # Indonesian decimal comma


def test_the_xlsx_export_holds_the_summary_the_elements_and_the_months(office, intake_officer):
    store(office, intake_officer, example_answers())
    report = ikm_report(office=office, start=DAY, end=DAY)
    data = ikm_report_xlsx(report, ikm_monthly(office=office, until=DAY))
    book = load_workbook(io.BytesIO(data))
    sheet = book["IKM"]
    values = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert values["IKM unit layanan"][0] == pytest.approx(81.94)
    assert values["Mutu pelayanan"][0] == "B"
    assert values[4][1] == 10 and values[4][2] == pytest.approx(3.9)
    assert len(list(book["Bulanan"].iter_rows())) == 13
    # The period and the months are dates a spreadsheet can sort and filter, not text.
    period = next(row for row in sheet.iter_rows() if row[0].value == "Periode")
    assert [cell.value for cell in period[1:3]] == [
        dt.datetime.combine(DAY, dt.time()),
        dt.datetime.combine(DAY, dt.time()),
    ]
    assert period[1].number_format == "yyyy-mm-dd"
    month = book["Bulanan"]["A13"]
    assert month.value == dt.datetime.combine(DAY.replace(day=1), dt.time())
    assert month.number_format == "yyyy-mm"


def test_comments_are_reported_without_who_wrote_them(office, intake_officer):
    store(office, intake_officer, [[3] * 9])
    SurveyResponse.objects.update(comment="Ruang tunggu panas")
    report = ikm_report(office=office, start=DAY, end=DAY)
    assert report.comments == ["Ruang tunggu panas"]


def test_the_chart_writes_figures_in_the_readers_language():
    import datetime as dt

    from django.utils import translation

    from paspor.surveys.chart import ikm_chart_svg
    from paspor.surveys.selectors import MonthPoint

    points = [
        MonthPoint(month=dt.date(2026, 3, 1), respondents=4, index=Decimal("87.50"), category=None)
    ]
    with translation.override("id"):
        indonesian = str(ikm_chart_svg(points))
    with translation.override("en"):
        english = str(ikm_chart_svg(points))
    assert "A ≥ 88,31" in indonesian and "Maret 2026: 87,50" in indonesian
    assert "A ≥ 88.31" in english and "March 2026: 87.50" in english
