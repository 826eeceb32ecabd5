"""Fees, bills, billing codes, bank payments, reconciliation and the SLA alerts.

Money is whole rupiah in integer columns. A bill and its items are written once and never
changed (database triggers refuse UPDATE; docs/payments.md). A billing code moves
issued → paid / expired / cancelled. Every request from a bank is kept raw in
`NotificationLog`, good or bad; a payment is de-duplicated on the channel's reference and
applied to a billing code at most once (a partial unique constraint).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.lib.money import rupiah


class FeeItem(models.TextChoices):
    """What a fee row charges for (STANDARDS.md §4)."""

    ORDINARY_5 = "ordinary_5", _("Paspor biasa non-elektronik 5 tahun")
    ORDINARY_10 = "ordinary_10", _("Paspor biasa non-elektronik 10 tahun")
    ELECTRONIC_5 = "electronic_5", _("Paspor elektronik 5 tahun")
    ELECTRONIC_10 = "electronic_10", _("Paspor elektronik 10 tahun")
    EXPRESS = "express", _("Layanan percepatan (selesai hari yang sama)")
    FINE_LOST = "fine_lost", _("Denda paspor hilang")
    FINE_DAMAGED = "fine_damaged", _("Denda paspor rusak")


class Fee(models.Model):
    """One dated row of the fee schedule (PNBP), maintained by headquarters."""

    item = models.CharField(_("jenis tarif"), max_length=20, choices=FeeItem.choices)
    amount = models.PositiveBigIntegerField(_("tarif (rupiah)"))
    effective_from = models.DateField(_("berlaku mulai"))
    effective_to = models.DateField(
        _("berlaku sampai"),
        null=True,
        blank=True,
        help_text=_("Hari terakhir berlaku (termasuk). Kosong: berlaku sampai diganti."),
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("tarif PNBP")
        verbose_name_plural = pgettext_lazy("plural", "tarif PNBP")
        ordering = ["item", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "effective_from"], name="fee_one_start_per_item"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="fee_period_not_reversed",
            ),
        ]

    def __str__(self) -> str:
        # Shown to headquarters in the admin's overlap error: money and date as on every page.
        start = formats.date_format(self.effective_from, "j F Y")
        return f"{self.get_item_display()}: {rupiah(self.amount)} ({start})"


class PaymentMethod(models.TextChoices):
    """How the applicant paid; the instructions page has a section for each."""

    MOBILE_BANKING = "mobile_banking", _("Mobile/internet banking")
    ATM = "atm", _("ATM")
    TELLER = "teller", _("Teller bank")
    POST_OFFICE = "post_office", _("Kantor pos")
    OTHER = "other", _("Lainnya")


class PaymentChannel(models.Model):
    """A bank or the post office sending payment notifications, with its own signing secret."""

    code = models.SlugField(_("kode saluran"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    secret = models.CharField(
        _("kunci rahasia HMAC"),
        max_length=200,
        help_text=_("Dipakai bank untuk menandatangani notifikasi (HMAC-SHA256)."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("saluran pembayaran")
        verbose_name_plural = pgettext_lazy("plural", "saluran pembayaran")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(secret=""), name="channel_secret_required")
        ]

    def __str__(self) -> str:
        return self.name


class Bill(models.Model):
    """The itemised fee for one case; inserted once, never updated."""

    uuid = models.UUIDField(_("kode unik (UUID)"), default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="bill", verbose_name=_("permohonan")
    )
    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("kantor")
    )
    total = models.PositiveBigIntegerField(_("jumlah (rupiah)"))
    fee_date = models.DateField(_("tanggal tarif"))
    issued_at = models.DateTimeField(_("diterbitkan"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )

    class Meta:
        verbose_name = _("tagihan")
        verbose_name_plural = pgettext_lazy("plural", "tagihan")
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gt=0), name="bill_positive")
        ]
        # The office's payments page lists its bills newest first, 50 a page, over years.
        indexes = [models.Index(fields=["office", "-issued_at"], name="bill_office_issued_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: Rp {self.total:,}"


class BillItem(models.Model):
    """One line of a bill, a copy of the fee row in force on the bill's fee date.

    `description` is the record, always in Indonesian; pages and PDFs show `label`, the item
    translated into the reader's language by its code (`item`).
    """

    bill = models.ForeignKey(
        Bill, on_delete=models.PROTECT, related_name="items", verbose_name=_("tagihan")
    )
    position = models.PositiveSmallIntegerField(_("nomor urut"))
    item = models.CharField(_("jenis tarif"), max_length=20, choices=FeeItem.choices)
    description = models.CharField(_("uraian"), max_length=200)
    amount = models.PositiveBigIntegerField(_("jumlah (rupiah)"))
    fee = models.ForeignKey(
        Fee, on_delete=models.PROTECT, related_name="+", verbose_name=_("tarif PNBP")
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)

    class Meta:
        verbose_name = _("rincian tagihan")
        verbose_name_plural = pgettext_lazy("plural", "rincian tagihan")
        ordering = ["bill", "position"]
        constraints = [
            models.UniqueConstraint(fields=["bill", "position"], name="bill_item_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.description}: Rp {self.amount:,}"

    @property
    def label(self) -> str:
        """The item in the reader's language; the recorded text for an item no longer known."""
        if self.item in FeeItem.values:
            return str(FeeItem(self.item).label)
        return self.description


class BillingCodeStatus(models.TextChoices):
    ISSUED = "issued", _("Menunggu pembayaran")
    PAID = "paid", _("Sudah dibayar")
    EXPIRED = "expired", _("Kedaluwarsa")
    CANCELLED = "cancelled", _("Dibatalkan")


class BillingCode(models.Model):
    """A 15-digit kode billing for a bill (STANDARDS.md §5); a bill may get a new one on expiry."""

    bill = models.ForeignKey(
        Bill, on_delete=models.PROTECT, related_name="codes", verbose_name=_("tagihan")
    )
    code = models.CharField(_("kode billing"), max_length=15, unique=True)
    amount = models.PositiveBigIntegerField(_("jumlah (rupiah)"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BillingCodeStatus.choices,
        default=BillingCodeStatus.ISSUED,
    )
    issued_at = models.DateTimeField(_("diterbitkan"))
    expires_at = models.DateTimeField(_("berlaku sampai"))
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)

    class Meta:
        verbose_name = _("kode billing")
        verbose_name_plural = pgettext_lazy("plural", "kode billing")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("code"), 15), name="billing_code_15_characters"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("issued_at")),
                name="billing_code_expires_after_issue",
            ),
            # A bill has at most one live code and is paid through at most one code.
            models.UniqueConstraint(
                fields=["bill"],
                condition=models.Q(status="issued"),
                name="billing_code_one_live_per_bill",
            ),
            models.UniqueConstraint(
                fields=["bill"],
                condition=models.Q(status="paid"),
                name="billing_code_one_paid_per_bill",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"], name="billing_code_expiry_idx")]

    def __str__(self) -> str:
        return self.code


class PaymentStatus(models.TextChoices):
    APPLIED = "applied", _("Diterapkan")
    FLAGGED = "flagged", _("Perlu ditinjau/dikembalikan")
    RESOLVED = "resolved", _("Sudah ditinjau")


class FlagReason(models.TextChoices):
    UNKNOWN_CODE = "unknown_code", _("Kode billing tidak dikenal")
    EXPIRED_CODE = "expired_code", _("Kode billing kedaluwarsa")
    CANCELLED_CODE = "cancelled_code", _("Kode billing dibatalkan")
    # The bank's time of payment is earlier than the code's issue (beyond the clock tolerance).
    PAID_BEFORE_ISSUE = "paid_before_issue", _("Dibayar sebelum kode billing diterbitkan")
    WRONG_AMOUNT = "wrong_amount", _("Jumlah tidak sama dengan tagihan")
    ALREADY_PAID = "already_paid", _("Tagihan sudah dibayar (pembayaran ganda)")
    CASE_NOT_BILLED = "case_not_billed", _("Permohonan tidak lagi menunggu pembayaran")


class PaymentSource(models.TextChoices):
    NOTIFICATION = "notification", _("Notifikasi bank")
    RECONCILIATION = "reconciliation", _("Rekonsiliasi rekening koran")


class Payment(models.Model):
    """Money a channel reported, whether or not it could be applied to a bill."""

    uuid = models.UUIDField(_("kode unik (UUID)"), default=uuid.uuid4, unique=True, editable=False)
    channel = models.ForeignKey(
        PaymentChannel,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("saluran pembayaran"),
    )
    reference = models.CharField(_("referensi saluran"), max_length=64)
    billing_code = models.ForeignKey(
        BillingCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("kode billing"),
    )
    billing_code_text = models.CharField(_("kode billing (dikirim)"), max_length=40)
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kantor"),
    )
    amount = models.PositiveBigIntegerField(_("jumlah (rupiah)"))
    ntpn = models.CharField(_("NTPN"), max_length=16, unique=True)
    ntb = models.CharField(_("NTB"), max_length=64, blank=True)
    method = models.CharField(
        _("cara bayar"), max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.OTHER
    )
    paid_at = models.DateTimeField(_("dibayar pada"))
    received_at = models.DateTimeField(_("diterima sistem"))
    source = models.CharField(_("sumber"), max_length=20, choices=PaymentSource.choices)
    status = models.CharField(_("status"), max_length=10, choices=PaymentStatus.choices)
    flag_reason = models.CharField(
        _("alasan tinjauan"), max_length=20, choices=FlagReason.choices, blank=True
    )
    resolution_note = models.TextField(_("catatan tinjauan"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditinjau oleh"),
    )
    resolved_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pembayaran")
        verbose_name_plural = pgettext_lazy("plural", "pembayaran")
        ordering = ["-received_at"]
        constraints = [
            # The channel's own reference: a retried notification is the same payment.
            models.UniqueConstraint(fields=["channel", "reference"], name="payment_channel_ref"),
            # A billing code is paid once; a second payment for it is flagged for refund.
            models.UniqueConstraint(
                fields=["billing_code"],
                condition=models.Q(status="applied"),
                name="payment_applied_once_per_code",
            ),
            models.CheckConstraint(
                condition=models.Q(status="applied", flag_reason="")
                | ~models.Q(status="applied") & ~models.Q(flag_reason=""),
                name="payment_flag_reason_iff_not_applied",
            ),
            models.CheckConstraint(
                condition=Exact(Length("ntpn"), 16), name="payment_ntpn_16_characters"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "status"], name="payment_office_status_idx"),
            models.Index(fields=["office", "paid_at"], name="payment_office_paid_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.ntpn} Rp {self.amount:,} ({self.status})"


class NotificationOutcome(models.TextChoices):
    RECEIVED = "received", _("Diterima, belum diproses")
    APPLIED = "applied", _("Diterapkan")
    DUPLICATE = "duplicate", _("Duplikat")
    CONFLICT = "conflict", _("Referensi dipakai ulang dengan isi lain")
    FLAGGED = "flagged", _("Dicatat dan ditandai")
    BAD_SIGNATURE = "bad_signature", _("Tanda tangan tidak sah")
    STALE = "stale", _("Stempel waktu kedaluwarsa")
    MALFORMED = "malformed", _("Isi tidak sah")
    ERROR = "error", _("Galat server")


class NotificationLog(models.Model):
    """Every request to the notification endpoint, stored raw before anything else."""

    received_at = models.DateTimeField(_("diterima"))
    channel_code = models.CharField(_("saluran (header)"), max_length=100, blank=True)
    timestamp_header = models.CharField(_("stempel waktu (header)"), max_length=40, blank=True)
    signature_header = models.CharField(_("tanda tangan (header)"), max_length=200, blank=True)
    remote_addr = models.CharField(_("alamat IP pengirim"), max_length=64, blank=True)
    body = models.TextField(_("isi mentah"), blank=True)
    body_sha256 = models.CharField(_("SHA-256 isi"), max_length=64)
    outcome = models.CharField(
        _("hasil"),
        max_length=20,
        choices=NotificationOutcome.choices,
        default=NotificationOutcome.RECEIVED,
    )
    http_status = models.PositiveSmallIntegerField(
        _("kode status HTTP jawaban"), null=True, blank=True
    )
    detail = models.TextField(_("isi jawaban"), blank=True)
    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("pembayaran"),
    )

    class Meta:
        verbose_name = _("log notifikasi bank")
        verbose_name_plural = pgettext_lazy("plural", "log notifikasi bank")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M:%S} {self.channel_code} {self.outcome}"


class StatementImport(models.Model):
    """A bank statement uploaded for reconciliation, with its report rows."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("periode mulai"))
    period_end = models.DateField(_("periode sampai"))
    filename = models.CharField(_("nama berkas"), max_length=200, blank=True)
    content = models.TextField(_("isi berkas"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"))
    summary = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("rekening koran")
        verbose_name_plural = pgettext_lazy("plural", "rekening koran")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.office_id} {self.period_start}–{self.period_end}"


class ReconciliationKind(models.TextChoices):
    MATCHED = "matched", _("Cocok")
    REPAIRED = "repaired", _("Dibayar tetapi belum tercatat — diperbaiki")
    AMOUNT_MISMATCH = "amount_mismatch", _("Jumlah berbeda")
    FLAGGED = "flagged", _("Dibayar tetapi belum tercatat — dicatat untuk ditinjau")
    NOT_ON_STATEMENT = "not_on_statement", _("Tercatat tetapi tidak ada di rekening koran")
    INVALID_LINE = "invalid_line", _("Baris tidak sah")


class ReconciliationItem(models.Model):
    statement = models.ForeignKey(StatementImport, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=20, choices=ReconciliationKind.choices)
    line_no = models.PositiveIntegerField(null=True, blank=True)
    billing_code = models.CharField(max_length=40, blank=True)
    ntpn = models.CharField(max_length=40, blank=True)
    channel_code = models.CharField(max_length=100, blank=True)
    amount_statement = models.BigIntegerField(null=True, blank=True)
    amount_recorded = models.BigIntegerField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["statement", "kind", "line_no", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.billing_code}"

    @property
    def payment_not_applied(self) -> bool:
        """The line's recorded payment is flagged or resolved: money that did not pay a bill."""
        return self.payment is not None and self.payment.status != PaymentStatus.APPLIED


class SlaAlertKind(models.TextChoices):
    AT_RISK = "at_risk", _("Berisiko terlambat")
    BREACH = "breach", _("Melewati janji selesai")


class SlaAlert(models.Model):
    """An alert raised once per case and kind; a breach carries the supervisor's reason."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="sla_alerts")
    office = models.ForeignKey("offices.Office", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=10, choices=SlaAlertKind.choices)
    due_date = models.DateField(_("janji selesai"))
    raised_at = models.DateTimeField(_("dinaikkan"))
    status_at_alert = models.CharField(max_length=20)
    reason = models.TextField(_("alasan keterlambatan"), blank=True)
    reason_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("peringatan SLA")
        verbose_name_plural = pgettext_lazy("plural", "peringatan SLA")
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="sla_alert_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"
