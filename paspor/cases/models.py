"""The application case (permohonan) and its lifecycle table.

The lifecycle is data: `ALLOWED[from]` is the set of statuses a case may move to, and the one
door `paspor.cases.services.case_transition` enforces it. docs/cases.md draws it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paspor.cases.types import ApplicationType, PassportKind, Sex


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Pemeriksaan berkas")
    ON_HOLD = "on_hold", _("Ditahan (cegah tangkal)")
    BIOMETRICS = "biometrics", _("Foto dan sidik jari")
    INTERVIEW = "interview", _("Wawancara")
    AWAITING_SUPERVISOR = "awaiting_supervisor", _("Menunggu persetujuan")
    DEFERRED = "deferred", _("Ditangguhkan (melengkapi berkas)")
    APPROVED = "approved", _("Disetujui")
    BILLED = "billed", _("Menunggu pembayaran")
    PAID = "paid", _("Sudah dibayar")
    PRINTED = "printed", _("Dicetak")
    QC_PASSED = "qc_passed", _("Lulus kendali mutu")
    READY_FOR_PICKUP = "ready", _("Siap diambil")
    HANDED_OVER = "handed_over", _("Sudah diserahkan")
    REJECTED = "rejected", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")


S = CaseStatus
# Each status with the statuses it may move to. A move not listed is refused (409).
ALLOWED: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.INTAKE: frozenset({S.BIOMETRICS, S.ON_HOLD, S.DEFERRED, S.REJECTED, S.CANCELLED}),
    S.ON_HOLD: frozenset({S.INTAKE, S.BIOMETRICS, S.INTERVIEW, S.AWAITING_SUPERVISOR, S.REJECTED}),
    S.BIOMETRICS: frozenset({S.INTERVIEW, S.ON_HOLD, S.DEFERRED, S.CANCELLED}),
    S.INTERVIEW: frozenset({S.AWAITING_SUPERVISOR, S.ON_HOLD, S.DEFERRED, S.CANCELLED}),
    S.AWAITING_SUPERVISOR: frozenset({S.APPROVED, S.REJECTED, S.DEFERRED, S.ON_HOLD}),
    S.DEFERRED: frozenset(
        {S.INTAKE, S.BIOMETRICS, S.INTERVIEW, S.AWAITING_SUPERVISOR, S.REJECTED, S.CANCELLED}
    ),
    S.APPROVED: frozenset({S.BILLED, S.CANCELLED}),
    S.BILLED: frozenset({S.PAID, S.CANCELLED}),
    S.PAID: frozenset({S.PRINTED}),
    S.PRINTED: frozenset({S.QC_PASSED, S.PAID}),  # back to PAID: QC failed, print again
    S.QC_PASSED: frozenset({S.READY_FOR_PICKUP}),
    S.READY_FOR_PICKUP: frozenset({S.HANDED_OVER, S.CANCELLED}),  # cancelled: uncollected day 30
    S.HANDED_OVER: frozenset(),
    S.REJECTED: frozenset(),
    S.CANCELLED: frozenset(),
}
TERMINAL = frozenset(status for status, targets in ALLOWED.items() if not targets)


def new_case_code() -> str:
    """Public reference: 10 characters without look-alikes (no 0/O, 1/I/L)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class Case(models.Model):
    code = models.CharField(
        _("nomor permohonan"), max_length=12, unique=True, default=new_case_code
    )
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="cases")
    ticket = models.ForeignKey(
        "queueing.Ticket", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    booking = models.ForeignKey(
        "booking.Booking", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    applicant_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applicant_cases",
    )
    # The applicant as on the KTP / KK / birth certificate.
    nik = models.CharField(_("NIK"), max_length=16)
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    birth_place = models.CharField(_("tempat lahir"), max_length=100)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    application_type = models.CharField(
        _("jenis permohonan"), max_length=20, choices=ApplicationType.choices
    )
    passport_kind = models.CharField(
        _("jenis paspor"),
        max_length=12,
        choices=PassportKind.choices,
        default=PassportKind.ELECTRONIC,
    )
    validity_years = models.PositiveSmallIntegerField(_("masa berlaku (tahun)"), default=10)
    express = models.BooleanField(_("layanan percepatan"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.INTAKE
    )
    status_before_hold = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("ditangani oleh"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="opened_cases"
    )
    paid_at = models.DateTimeField(_("dibayar pada"), null=True, blank=True)
    due_date = models.DateField(_("janji selesai"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(validity_years__in=[5, 10]), name="case_validity_5_or_10"
            )
        ]
        indexes = [
            models.Index(fields=["office", "status"], name="case_office_status_idx"),
            models.Index(fields=["office", "due_date"], name="case_office_due_idx"),
            models.Index(fields=["nik"], name="case_nik_idx"),
        ]

    def __str__(self) -> str:
        return self.code


class CaseEvent(models.Model):
    """One step in a case's timeline: who moved it, when, from where to where, and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    kind = models.CharField(_("jenis"), max_length=40, default="transition")
    reason = models.TextField(_("alasan"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("riwayat permohonan")
        verbose_name_plural = _("riwayat permohonan")
        ordering = ["case", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.from_status} → {self.to_status}"
