"""The append-only audit log, chained by hashes per office.

Each row carries the SHA-256 of the previous row of the same chain (one chain per office and
one for national actions), so a row changed or removed after the fact breaks the chain and
`manage.py audit_verify` names it. Database triggers refuse UPDATE and DELETE on the table.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paspor.audit.pii import pii_data_label

NATIONAL_CHAIN = "national"


class AuditChain(models.Model):
    """The head of one hash chain: locked while a row is appended, so the chain stays linear."""

    key = models.CharField(max_length=40, unique=True)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.key} #{self.last_seq}"


class AuditEntry(models.Model):
    chain = models.CharField(_("rantai"), max_length=40)
    seq = models.PositiveBigIntegerField(_("urutan"))
    at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    actor_label = models.CharField(_("pelaku (teks)"), max_length=200)
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kantor"),
    )
    subject_type = models.CharField(_("jenis objek"), max_length=60)
    subject_id = models.CharField(_("id objek"), max_length=64)
    event = models.CharField(_("peristiwa"), max_length=80)
    old = models.JSONField(_("nilai lama"), default=dict, blank=True)
    new = models.JSONField(_("nilai baru"), default=dict, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    prev_hash = models.CharField(_("hash catatan sebelumnya"), max_length=64)
    hash = models.CharField(_("hash catatan"), max_length=64)

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["chain", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq_unique")
        ]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="audit_subject_idx"),
            models.Index(fields=["office", "at"], name="audit_office_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.event} {self.subject_type}:{self.subject_id}"


class PiiAccess(models.Model):
    """One look by a staff member at an applicant's personal data (UU 27/2022 accountability).

    Written on every staff page or download that shows a case's identity data, documents,
    photos or fingerprints; the head of office reviews it. Kept apart from the hash-chained
    audit log: reads are many and need no chain lock.
    """

    at = models.DateTimeField(_("waktu"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("petugas"),
    )
    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("kantor")
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("permohonan")
    )
    what = models.CharField(_("data yang dilihat"), max_length=80)

    class Meta:
        verbose_name = _("akses data pribadi")
        verbose_name_plural = _("log akses data pribadi")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["office", "-at"], name="pii_office_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.what}"

    @property
    def what_label(self) -> str:
        """The data seen in the reader's words: the head of office does not read page codes."""
        return pii_data_label(self.what)
