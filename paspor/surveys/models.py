"""The community satisfaction survey (SKM) behind the IKM index of PermenPANRB 14/2017.

An invitation carries a secret token (the link and QR code); it belongs to one ticket (or one
case without a ticket), so there is at most one response per ticket. A response keeps only the
office, the day and the answers: reports never say who answered.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.lib.ikm import ELEMENTS, HIGHEST_ANSWER, LOWEST_ANSWER


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SurveyInvitation(models.Model):
    token = models.CharField(max_length=40, unique=True, default=new_token)
    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="survey_invitations"
    )
    ticket = models.OneToOneField(
        "queueing.Ticket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_invitation",
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    created_at = models.DateTimeField(_("dibuat pada"))

    class Meta:
        verbose_name = _("undangan survei")
        verbose_name_plural = pgettext_lazy("plural", "undangan survei")
        constraints = [
            # One invitation per ticket (the OneToOne); without a ticket, one per case.
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(ticket__isnull=True, case__isnull=False),
                name="survey_one_ticketless_invitation_per_case",
            ),
            models.CheckConstraint(
                condition=models.Q(ticket__isnull=False) | models.Q(case__isnull=False),
                name="survey_invitation_has_visit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id}:{self.pk}"


def _element_field(number: int) -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(_("unsur %(n)s") % {"n": number})


class SurveyResponse(models.Model):
    # One response per invitation, so one per ticket: the database says so.
    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.PROTECT, related_name="response"
    )
    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="survey_responses"
    )
    answered_on = models.DateField(_("tanggal (waktu kantor)"))
    u1 = _element_field(1)
    u2 = _element_field(2)
    u3 = _element_field(3)
    u4 = _element_field(4)
    u5 = _element_field(5)
    u6 = _element_field(6)
    u7 = _element_field(7)
    u8 = _element_field(8)
    u9 = _element_field(9)
    comment = models.TextField(_("saran"), blank=True)

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = pgettext_lazy("plural", "jawaban survei")
        indexes = [models.Index(fields=["office", "answered_on"], name="survey_office_day_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"u{n}__gte": LOWEST_ANSWER, f"u{n}__lte": HIGHEST_ANSWER}),
                name=f"survey_u{n}_1_to_4",
            )
            for n in range(1, len(ELEMENTS) + 1)
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.answered_on}"

    def answers(self) -> tuple[int, ...]:
        return tuple(getattr(self, f"u{n}") for n in range(1, len(ELEMENTS) + 1))


ELEMENT_FIELDS = tuple(f"u{n}" for n in range(1, len(ELEMENTS) + 1))
