"""Accountable booklet stock, printed passports, quality checks and handovers.

A booklet's life (docs/issuance.md draws it):

    in_stock ──► allocated ──► printed ──► issued
       │             │            │  └────► cancelled (uncollected after 30 days)
       │             └────────────┴──► spoiled (printing error, failed quality check)
       ├──► spoiled (damaged in the vault)
       └──► returned (sent back to headquarters)

A booklet is used once, ever: the `Passport` row that links it to a case holds it through a
one-to-one key, so no second passport — for this case or another — can take it again, even
after it was spoiled. Each booklet leaves the accountable stock exactly once
(`consumption` with `consumed_on`): used when its passport passes quality control, spoiled, or
returned. The monthly report counts those dates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.lib.fields import SealedIdField


class BookletKind(models.TextChoices):
    ORDINARY = "ordinary", _("Paspor biasa 48 halaman")
    ELECTRONIC = "electronic", _("Paspor elektronik")


class BookletStatus(models.TextChoices):
    IN_STOCK = "in_stock", _("Di gudang")
    ALLOCATED = "allocated", _("Dialokasikan ke permohonan")
    PRINTED = "printed", _("Tercetak")
    ISSUED = "issued", _("Diserahkan")
    SPOILED = "spoiled", _("Rusak")
    RETURNED = "returned", _("Dikembalikan")
    CANCELLED = "cancelled", _("Dibatalkan (tidak diambil)")


class Consumption(models.TextChoices):
    USED = "used", _("Terpakai")
    SPOILED = "spoiled", _("Rusak")
    RETURNED = "returned", _("Dikembalikan")


class BookletDelivery(models.Model):
    """One delivery of blank booklets with its document (berita acara serah terima)."""

    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="booklet_deliveries",
        verbose_name=_("kantor"),
    )
    kind = models.CharField(_("jenis buku"), max_length=12, choices=BookletKind.choices)
    document_number = models.CharField(_("nomor dokumen pengiriman"), max_length=80)
    received_on = models.DateField(_("tanggal diterima"))
    first_number = models.CharField(_("nomor awal"), max_length=20)
    last_number = models.CharField(_("nomor akhir"), max_length=20)
    quantity = models.PositiveIntegerField(_("jumlah"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diterima oleh"),
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("penerimaan buku paspor")
        verbose_name_plural = pgettext_lazy("plural", "penerimaan buku paspor")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "document_number"], name="booklet_delivery_document_unique"
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="booklet_delivery_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.document_number} ({self.first_number}–{self.last_number})"


class Booklet(models.Model):
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="booklets",
        verbose_name=_("kantor"),
    )
    kind = models.CharField(_("jenis buku"), max_length=12, choices=BookletKind.choices)
    # The passport number; numbers are national, so unique across all offices.
    number = models.CharField(_("nomor buku"), max_length=20, unique=True)
    delivery = models.ForeignKey(
        BookletDelivery,
        on_delete=models.PROTECT,
        related_name="booklets",
        verbose_name=_("penerimaan buku paspor"),
    )
    received_on = models.DateField(_("tanggal diterima"))
    status = models.CharField(
        _("status"), max_length=12, choices=BookletStatus.choices, default=BookletStatus.IN_STOCK
    )
    consumption = models.CharField(
        _("keluar dari stok sebagai"), max_length=10, choices=Consumption.choices, blank=True
    )
    consumed_on = models.DateField(_("tanggal keluar dari stok"), null=True, blank=True)
    spoil_reason = models.TextField(_("alasan rusak"), blank=True)
    spoiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dinyatakan rusak oleh"),
    )
    witness = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saksi"),
    )
    return_document = models.CharField(_("dokumen pengembalian"), max_length=80, blank=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        verbose_name = _("buku paspor")
        verbose_name_plural = pgettext_lazy("plural", "buku paspor")
        ordering = ["number"]
        constraints = [
            # Leaving the stock is recorded once, with its date, or not at all.
            models.CheckConstraint(
                condition=(Q(consumption="") & Q(consumed_on__isnull=True))
                | (~Q(consumption="") & Q(consumed_on__isnull=False)),
                name="booklet_consumption_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status="in_stock") | Q(consumption=""),
                name="booklet_in_stock_not_consumed",
            ),
            models.CheckConstraint(
                condition=~Q(status="spoiled")
                | (Q(consumption="spoiled") & Q(witness__isnull=False) & ~Q(spoil_reason="")),
                name="booklet_spoiled_witnessed",
            ),
            models.CheckConstraint(
                condition=Q(witness__isnull=True) | ~Q(witness=models.F("spoiled_by")),
                name="booklet_witness_is_another_officer",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "kind", "status", "number"], name="booklet_pick_idx"),
            models.Index(fields=["office", "received_on"], name="booklet_received_idx"),
            models.Index(fields=["office", "consumed_on"], name="booklet_consumed_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class PassportStatus(models.TextChoices):
    PRINTING = "printing", _("Sedang dicetak")
    PRINTED = "printed", _("Tercetak, menunggu kendali mutu")
    QC_PASSED = "qc_passed", _("Lulus kendali mutu")
    READY = "ready", _("Siap diambil")
    ISSUED = "issued", _("Diserahkan")
    SPOILED = "spoiled", _("Rusak")
    CANCELLED = "cancelled", _("Dibatalkan (tidak diambil)")
    # STANDARDS.md §10: the old passport is cancelled at the handover of the new one.
    REPLACED = "replaced", _("Dibatalkan (diganti paspor baru)")


LIVE_PASSPORT_STATUSES = (
    PassportStatus.PRINTING,
    PassportStatus.PRINTED,
    PassportStatus.QC_PASSED,
    PassportStatus.READY,
    PassportStatus.ISSUED,
)


class Passport(models.Model):
    """One booklet printed (or being printed) for one case, with what its data page says."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="passports",
        verbose_name=_("permohonan"),
    )
    # One-to-one: a booklet is used once, ever — a spoiled booklet keeps its passport row.
    booklet = models.OneToOneField(
        Booklet, on_delete=models.PROTECT, related_name="passport", verbose_name=_("buku paspor")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PassportStatus.choices,
        default=PassportStatus.PRINTING,
    )
    passport_number = models.CharField(_("nomor paspor"), max_length=20)
    document_code = models.CharField(_("kode dokumen"), max_length=2)
    # A snapshot of the case data as printed: quality control compares it with the case.
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    primary_identifier = models.CharField(_("identitas utama (MRZ)"), max_length=200)
    secondary_identifier = models.CharField(_("identitas kedua (MRZ)"), max_length=200, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1)
    birth_date = models.DateField(_("tanggal lahir"))
    birth_place = models.CharField(_("tempat lahir"), max_length=100)
    nik = SealedIdField(_("NIK"))
    issue_date = models.DateField(_("tanggal dikeluarkan"))
    expiry_date = models.DateField(_("tanggal habis berlaku"))
    validity_years = models.PositiveSmallIntegerField(_("masa berlaku (tahun)"))
    mrz_line1 = models.CharField(_("MRZ baris 1"), max_length=44)
    mrz_line2 = models.CharField(_("MRZ baris 2"), max_length=44)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dicetak oleh"),
    )
    started_at = models.DateTimeField(_("mulai dicetak"))
    printed_at = models.DateTimeField(_("selesai dicetak"), null=True, blank=True)
    # Who said the booklet came out well; may be another officer than `printed_by`, who
    # allocated it. Quality control is by an officer who is neither.
    print_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dinyatakan tercetak oleh"),
    )
    ready_at = models.DateTimeField(_("siap diambil sejak"), null=True, blank=True)
    ready_on = models.DateField(_("tanggal siap diambil"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("paspor tercetak")
        verbose_name_plural = pgettext_lazy("plural", "paspor tercetak")
        ordering = ["-started_at", "-pk"]
        constraints = [
            # Race: two printers start the same case at once — only one live passport.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=[s.value for s in LIVE_PASSPORT_STATUSES]),
                name="passport_one_live_per_case",
            ),
            models.CheckConstraint(
                condition=Q(expiry_date__gt=models.F("issue_date")),
                name="passport_expiry_after_issue",
            ),
        ]
        indexes = [models.Index(fields=["status", "ready_on"], name="passport_ready_idx")]

    def __str__(self) -> str:
        return self.passport_number


class QualityCheck(models.Model):
    """A quality check by an officer other than the printer."""

    passport = models.ForeignKey(
        Passport, on_delete=models.PROTECT, related_name="checks", verbose_name=_("paspor")
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )
    at = models.DateTimeField(_("waktu"))
    data_matches = models.BooleanField(_("data sesuai permohonan"))
    photo_ok = models.BooleanField(_("foto baik"))
    mrz_line1_read = models.CharField(_("MRZ baris 1 terbaca"), max_length=60)
    mrz_line2_read = models.CharField(_("MRZ baris 2 terbaca"), max_length=60)
    mrz_ok = models.BooleanField(_("MRZ valid dan sama"))
    passed = models.BooleanField(_("lulus"))
    findings = models.JSONField(_("temuan"), default=list, blank=True)
    notes = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("kendali mutu")
        verbose_name_plural = pgettext_lazy("plural", "kendali mutu")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.passport} {'lulus' if self.passed else 'gagal'}"


class CollectorBasis(models.TextChoices):
    HOLDER = "holder", _("Pemilik paspor sendiri")
    FAMILY_SAME_KK = "family_kk", _("Keluarga dalam satu Kartu Keluarga")
    POWER_OF_ATTORNEY = "attorney", _("Penerima kuasa (surat kuasa bermeterai)")
    PARENT = "parent", _("Orang tua (paspor anak)")
    GUARDIAN = "guardian", _("Wali (paspor anak)")


class OldPassportAction(models.TextChoices):
    NONE = "none", _("Tidak ada paspor lama")
    PUNCHED_RETURNED = "punched_returned", _("Dibatalkan (dilubangi) dan dikembalikan")
    PUNCHED_KEPT = "punched_kept", _("Dibatalkan (dilubangi) dan disimpan kantor")
    LOST_REPORTED = "lost_reported", _("Hilang (berita acara pemeriksaan)")


class Handover(models.Model):
    passport = models.OneToOneField(
        Passport, on_delete=models.PROTECT, related_name="handover", verbose_name=_("paspor")
    )
    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="handover",
        verbose_name=_("permohonan"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("petugas"),
    )
    at = models.DateTimeField(_("waktu penyerahan"))
    basis = models.CharField(_("dasar pengambilan"), max_length=12, choices=CollectorBasis.choices)
    collector_name = models.CharField(_("nama pengambil"), max_length=200)
    collector_nik = SealedIdField(_("NIK pengambil"))
    relationship = models.CharField(_("hubungan dengan pemilik"), max_length=80, blank=True)
    kk_number = SealedIdField(_("nomor Kartu Keluarga"), purpose="kk", blank=True)
    attorney_letter_date = models.DateField(_("tanggal surat kuasa"), null=True, blank=True)
    guardian_document = models.CharField(_("dokumen perwalian"), max_length=120, blank=True)
    documents_seen = models.JSONField(_("dokumen yang diperiksa"), default=list)
    face_matched = models.BooleanField(_("wajah sesuai"))
    old_passport_number = SealedIdField(
        _("nomor paspor lama"), purpose="passport", plain_length=20, blank=True
    )
    old_passport_action = models.CharField(
        _("paspor lama"), max_length=20, choices=OldPassportAction.choices
    )
    signature_png = models.BinaryField(_("tanda tangan"))

    class Meta:
        verbose_name = _("penyerahan paspor")
        verbose_name_plural = pgettext_lazy("plural", "penyerahan paspor")
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(condition=Q(face_matched=True), name="handover_face_matched"),
            models.CheckConstraint(
                condition=Q(old_passport_action="none")
                | Q(old_passport_action="lost_reported")
                | ~Q(old_passport_number=""),
                name="handover_old_passport_numbered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.passport} → {self.collector_name}"


class PickupReminder(models.Model):
    """A reminder to collect, at most one per passport and day (7, 21, 28 after ready)."""

    passport = models.ForeignKey(Passport, on_delete=models.PROTECT, related_name="reminders")
    day = models.PositiveSmallIntegerField(_("hari ke"))
    at = models.DateTimeField(_("waktu"))
    to_address = models.CharField(_("alamat tujuan"), max_length=254, blank=True)

    class Meta:
        verbose_name = _("pengingat pengambilan")
        verbose_name_plural = pgettext_lazy("plural", "pengingat pengambilan")
        ordering = ["passport", "day"]
        constraints = [
            models.UniqueConstraint(fields=["passport", "day"], name="pickup_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.passport} hari ke-{self.day}"
