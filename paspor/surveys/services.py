"""Inviting applicants to the satisfaction survey and recording their answers."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from paspor.lib.errors import Conflict, DomainError
from paspor.lib.ikm import ELEMENTS, HIGHEST_ANSWER, LOWEST_ANSWER
from paspor.notifications.services import notify_case, notify_person, public_url
from paspor.surveys.models import ELEMENT_FIELDS, SurveyInvitation, SurveyResponse
from paspor.surveys.selectors import survey_link_days, survey_link_expired, survey_link_last_day

if TYPE_CHECKING:
    from paspor.cases.models import Case
    from paspor.queueing.models import Ticket


class SurveyLinkExpired(DomainError):
    """410: the link's period is over (PASPOR_SURVEY_LINK_DAYS); nothing is recorded through it."""

    code = "link_expired"
    status = 410


def survey_link_expired_message() -> str:
    days = survey_link_days()
    return ngettext(
        "Tautan survei ini sudah kedaluwarsa: tautan berlaku %(days)s hari sejak dikirim. "
        "Sampaikan penilaian atau keluhan Anda lewat formulir pengaduan kantor.",
        "Tautan survei ini sudah kedaluwarsa: tautan berlaku %(days)s hari sejak dikirim. "
        "Sampaikan penilaian atau keluhan Anda lewat formulir pengaduan kantor.",
        days,
    ) % {"days": days}


def survey_link(invitation: SurveyInvitation) -> str:
    path = reverse("surveys:answer", kwargs={"token": invitation.token})
    return public_url(path)


def _existing(ticket: Ticket | None, case: Case | None) -> SurveyInvitation | None:
    if ticket is not None:
        return SurveyInvitation.objects.filter(ticket=ticket).first()
    return SurveyInvitation.objects.filter(case=case, ticket__isnull=True).first()


def _case_of(ticket: Ticket) -> Case | None:
    from paspor.cases.models import CaseStatus

    return ticket.cases.exclude(status=CaseStatus.CANCELLED).order_by("-created_at", "-pk").first()


def survey_invite(*, ticket: Ticket | None = None, case: Case | None = None) -> SurveyInvitation:
    """After handover or any finished visit: one invitation per ticket, its link sent once.

    Call it inside the caller's transaction (the link goes out after commit). Repeat-safe:
    a second call for the same ticket returns the first invitation and sends nothing.
    """
    if ticket is None and case is None:
        raise DomainError(_("Undangan survei memerlukan nomor antrean atau permohonan."))
    if ticket is None and case is not None and case.ticket_id is not None:
        ticket = case.ticket
    if case is None and ticket is not None:
        # A walk-in's contact is on the application opened from the ticket, not on the ticket.
        case = _case_of(ticket)
    office = ticket.office if ticket is not None else case.office  # type: ignore[union-attr]
    invitation = _existing(ticket, case)
    if invitation is not None:
        return invitation
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                office=office, ticket=ticket, case=case, created_at=timezone.now()
            )
    except IntegrityError:
        # Race: the queue and the handover counter invite for the same ticket at once.
        found = _existing(ticket, case)
        if found is None:
            raise
        return found
    _send_link(invitation, ticket, case)
    return invitation


def _send_link(invitation: SurveyInvitation, ticket: Ticket | None, case: Case | None) -> None:
    context = {
        "link": survey_link(invitation),
        "office": invitation.office.name,
        "valid_until": survey_link_last_day(invitation),  # the last office-local day it is open
    }
    key = f"survey:{invitation.pk}"
    if case is not None:
        notify_case(case=case, template="survey_invite", context=context, dedupe_key=key)
    elif ticket is not None and ticket.booking is not None:
        profile = ticket.booking.profile
        notify_person(
            user=profile.account,
            phone=profile.phone,
            template="survey_invite",
            context=context,
            office=invitation.office,
            dedupe_key=key,
        )
    # A walk-in without contact gets the QR code on the counter screen or the ticket slip.


# Line breaks and tabs are text; other control characters are invisible (pasted from a PDF or a
# chat app) and an XLSX cell cannot hold them: the suggestions sheet would not open.
_KEPT_CONTROLS = frozenset("\n\t")


def comment_clean(comment: str) -> str:
    """The suggestion as stored: without invisible control characters, trimmed, 2,000 at most."""
    text = comment.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        char for char in text if unicodedata.category(char) != "Cc" or char in _KEPT_CONTROLS
    )
    return kept.strip()[:2000]


def survey_submit(
    *, invitation: SurveyInvitation, answers: Sequence[int], comment: str = ""
) -> SurveyResponse:
    """Record one questionnaire; a second answer for the same invitation is refused (409), and
    so is one through a link past its period (410 `link_expired`: nothing is written)."""
    if survey_link_expired(invitation):
        if SurveyResponse.objects.filter(invitation=invitation).exists():
            raise Conflict(
                _("Survei ini sudah diisi. Terima kasih atas jawaban Anda."),
                code="already_answered",
            )
        raise SurveyLinkExpired(survey_link_expired_message())
    if len(answers) != len(ELEMENTS):
        raise DomainError(_("Semua sembilan pertanyaan wajib dijawab."))
    if any(not LOWEST_ANSWER <= answer <= HIGHEST_ANSWER for answer in answers):
        raise DomainError(_("Setiap jawaban bernilai 1 sampai 4."))
    today = timezone.localtime(timezone.now(), invitation.office.tz).date()
    values = dict(zip(ELEMENT_FIELDS, answers, strict=True))
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                invitation=invitation,
                office=invitation.office,
                answered_on=today,
                comment=comment_clean(comment),
                **values,
            )
    except IntegrityError:
        # Race: the same link submitted twice; the one-to-one keeps the first.
        raise Conflict(
            _("Survei ini sudah diisi. Terima kasih atas jawaban Anda."), code="already_answered"
        ) from None
