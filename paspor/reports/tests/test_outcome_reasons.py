"""The commonest reasons of the period: counted by what they say, shown in the reader's words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from paspor.cases.models import CaseEvent, CaseStatus
from paspor.lib import reasons
from paspor.reports.selectors import period
from paspor.reports.tables import outcomes_table
from paspor.reports.tests.conftest import END, START, Week, _case, at

pytestmark = pytest.mark.django_db


def _deferred(week: Week, n: int, missing: str, until: dt.date) -> None:
    case = _case(week.office, week.officer, 10 + n, "new_adult")
    CaseEvent.objects.create(
        case=case,
        at=at(4, 10),
        from_status="interview",
        to_status=CaseStatus.DEFERRED,
        reason=reasons.reason_record(reasons.DEFERRED, missing=missing, until=f"{until:%d-%m-%Y}"),
    )


def test_deferrals_for_the_same_documents_are_one_reason_whatever_their_deadline(
    week: Week,
) -> None:
    _deferred(week, 1, "Kartu Keluarga asli", dt.date(2026, 11, 18))
    _deferred(week, 2, "Kartu Keluarga asli", dt.date(2026, 11, 19))
    _deferred(week, 3, "Akta kelahiran asli", dt.date(2026, 11, 18))

    result = period.outcomes(week.office, START, END)

    assert result.deferred == 4
    assert result.deferred_reasons == [
        ("Kartu Keluarga asli", 2),
        ("Akta kelahiran asli", 1),
        ("Kartu keluarga belum dibawa", 1),
    ]


def test_a_reason_the_system_wrote_is_shown_in_the_readers_language(week: Week) -> None:
    case = _case(week.office, week.officer, 20, "new_adult")
    CaseEvent.objects.create(
        case=case,
        at=at(4, 12),
        from_status="adjudication",
        to_status=CaseStatus.REJECTED,
        reason=reasons.reason_record(reasons.TRAVEL_BAN_REFUSED, reason="Putusan pengadilan"),
    )
    with translation.override("en"):
        english = [row[0] for row in outcomes_table(week.office, START, END).rows]
    with translation.override("id"):
        indonesian = [row[0] for row in outcomes_table(week.office, START, END).rows]

    assert "Rejected: On the travel-ban list: Putusan pengadilan" in english
    assert "Ditolak: Termasuk daftar cegah tangkal: Putusan pengadilan" in indonesian
