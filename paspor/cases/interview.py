"""The interview: a structured form, flags for non-procedural migrant work, a recommendation.

Flag rules (docs/cases.md lists them). UU 18/2017 on the protection of Indonesian migrant
workers (PMI) requires a worker placed abroad to go through a licensed placement company (P3MI)
or the government scheme, be registered with BP2MI (ID PMI / SISKOP2MI) and hold a work
agreement; Immigration screens passport applicants for signs of going around that (Surat Edaran
Dirjen Imigrasi IMI-0277.GR.02.06/2017 on preventing non-procedural migrant workers). A flag
does not refuse anything: it makes the officer say why they still recommend approval, and the
supervisor sees it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases.adjudication import case_defer
from paspor.cases.certification import require_step_certificate
from paspor.cases.models import (
    Case,
    CaseStatus,
    Interview,
    Recommendation,
    TravelPurpose,
    TripPaidBy,
)
from paspor.cases.services import (
    UNASSIGNED,
    case_event_record,
    case_lock,
    case_transition,
    require_assignee,
    require_status,
)
from paspor.cases.types import ApplicationType
from paspor.lib.errors import DomainError
from paspor.lib.language import record_text
from paspor.lib.text import blank
from paspor.offices.calendar import office_today


@dataclass(frozen=True)
class InterviewAnswers:
    purpose: str
    destination: str
    trip_paid_by: str
    recommendation: str
    sponsor: str = ""
    employer_abroad: str = ""
    placement_agency: str = ""
    pmi_registration: str = ""
    employment_contract: bool = False
    notes: str = ""
    recommendation_reason: str = ""
    missing: str = ""
    deadline: dt.date | None = None
    incident_date: dt.date | None = None
    incident_place: str = ""
    incident_account: str = ""
    police_report_number: str = ""
    disaster: bool = False
    fine_waived_reason: str = ""


@dataclass(frozen=True)
class FlagRule:
    code: str
    message_id: str  # Indonesian, as stored with the interview
    applies: Callable[[InterviewAnswers], bool]

    @property
    def message(self) -> str:
        """The message in the language of the current request."""
        return _(self.message_id)


def _working(a: InterviewAnswers) -> bool:
    return a.purpose == TravelPurpose.WORK


MIGRANT_WORK_RULES = (
    FlagRule(
        "work_without_placement",
        gettext_noop(
            "Bekerja di luar negeri tanpa perusahaan penempatan (P3MI) dan tanpa ID PMI/SISKOP2MI "
            "dari BP2MI."
        ),
        lambda a: _working(a) and not a.placement_agency.strip() and not a.pmi_registration.strip(),
    ),
    FlagRule(
        "work_without_contract",
        gettext_noop("Bekerja di luar negeri tanpa perjanjian kerja yang diperlihatkan."),
        lambda a: _working(a) and not a.employment_contract,
    ),
    FlagRule(
        "employer_on_visit",
        gettext_noop("Tujuan bukan bekerja, tetapi pemohon menyebut pemberi kerja di luar negeri."),
        lambda a: not _working(a) and bool(a.employer_abroad.strip()),
    ),
    FlagRule(
        "paid_by_agent",
        gettext_noop("Biaya perjalanan ditanggung calo, sponsor perorangan atau orang lain."),
        lambda a: a.trip_paid_by == TripPaidBy.AGENT,
    ),
)


def interview_flags(answers: InterviewAnswers) -> list[dict[str, str]]:
    return [
        {"code": rule.code, "message": rule.message_id}
        for rule in MIGRANT_WORK_RULES
        if rule.applies(answers)
    ]


def _check_answers(case: Case, a: InterviewAnswers, flags: list[dict[str, str]]) -> None:
    if a.purpose not in TravelPurpose.values or blank(a.destination):
        raise DomainError(_("Isi tujuan dan negara tujuan perjalanan."), code="purpose")
    if a.trip_paid_by not in TripPaidBy.values:
        raise DomainError(_("Pilih siapa yang menanggung biaya perjalanan."), code="paid_by")
    if a.recommendation not in Recommendation.values:
        raise DomainError(_("Pilih rekomendasi."), code="recommendation")
    if case.needs_bap:
        if a.incident_date is None or blank(a.incident_place) or blank(a.incident_account):
            raise DomainError(
                _("Berita acara (BAP): isi tanggal, tempat dan keterangan kejadian."), code="bap"
            )
        if a.incident_date > office_today(case.office):
            raise DomainError(
                _("BAP: tanggal kejadian tidak boleh setelah hari ini."), code="bap_date"
            )
        if case.application_type == ApplicationType.LOST and blank(a.police_report_number):
            raise DomainError(
                _("BAP paspor hilang: isi nomor surat keterangan polisi."), code="bap"
            )
        if a.disaster and blank(a.fine_waived_reason):
            raise DomainError(
                _("Bencana membebaskan denda: sebutkan bencananya sebagai alasan."), code="bap"
            )
    if a.recommendation == Recommendation.APPROVE and flags and blank(a.recommendation_reason):
        raise DomainError(
            _(
                "Ada tanda pekerja migran non-prosedural: tuliskan alasan bila tetap disarankan "
                "disetujui."
            ),
            code="reason_required",
        )
    if a.recommendation == Recommendation.REJECT and blank(a.recommendation_reason):
        raise DomainError(_("Tuliskan alasan penolakan."), code="reason_required")
    if a.recommendation == Recommendation.DEFER and blank(a.missing):
        raise DomainError(_("Tuliskan apa yang harus dilengkapi."), code="missing_required")


@transaction.atomic
def case_interview_record(*, case: Case, by: User, answers: InterviewAnswers) -> Case:
    """Store the interview (and BAP), then: to the supervisor, or deferred."""
    locked = case_lock(case)
    require_status(locked, CaseStatus.INTERVIEW)
    require_assignee(locked, by)
    require_step_certificate(user=by, office=locked.office, status=locked.status)
    flags = interview_flags(answers)
    _check_answers(locked, answers, flags)
    values = {
        name: getattr(answers, name)
        for name in (
            "purpose", "destination", "trip_paid_by", "sponsor", "employer_abroad",
            "placement_agency", "pmi_registration", "employment_contract", "notes",
            "incident_date", "incident_place", "incident_account", "police_report_number",
            "disaster", "recommendation", "recommendation_reason",
        )
    }  # fmt: skip
    Interview.objects.update_or_create(
        case=locked,
        defaults={**values, "flags": flags, "interviewed_by": by, "interviewed_at": timezone.now()},
    )
    waived_before = locked.fine_waived_reason
    if locked.needs_bap:
        locked.fine_waived_reason = answers.fine_waived_reason.strip() if answers.disaster else ""
        locked.save(update_fields=["fine_waived_reason", "updated_at"])
    summary = {"recommendation": answers.recommendation, "flags": [f["code"] for f in flags]}
    case_event_record(
        case=locked,
        kind="interview_recorded",
        by=by,
        reason=answers.recommendation_reason,
        data=summary,
    )
    # The waiver drops the fine from the bill: who waived it, and why, is on the record.
    waiver = (
        {"fine_waived_reason": locked.fine_waived_reason}
        if locked.fine_waived_reason != waived_before
        else {}
    )
    audit_record(
        actor=by,
        office=locked.office,
        subject=locked,
        event="case.interview",
        old={"fine_waived_reason": waived_before} if waiver else None,
        new={**summary, **waiver},
    )
    if answers.recommendation == Recommendation.DEFER:
        return case_defer(case=locked, by=by, missing=answers.missing, deadline=answers.deadline)
    reason = record_text(Recommendation(answers.recommendation).label)
    return case_transition(
        case=locked,
        to=CaseStatus.AWAITING_SUPERVISOR,
        by=by,
        reason=reason,
        data=summary,
        fields=UNASSIGNED,
    )
