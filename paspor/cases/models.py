"""The application case (permohonan) and its lifecycle table.

The lifecycle is data: `ALLOWED[from]` is the set of statuses a case may move to, and the one
door `paspor.cases.services.case_transition` enforces it. docs/cases.md draws it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.cases.storage import case_files
from paspor.cases.types import ApplicationType, PassportKind, Sex
from paspor.lib.birth_date import birth_date_validator
from paspor.lib.fields import SealedIdField
from paspor.notifications.models import Language


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
    # Cancelled: not collected by the pickup deadline (day 30).
    S.READY_FOR_PICKUP: frozenset({S.HANDED_OVER, S.CANCELLED}),
    S.HANDED_OVER: frozenset(),
    S.REJECTED: frozenset(),
    S.CANCELLED: frozenset(),
}
TERMINAL = frozenset(status for status, targets in ALLOWED.items() if not targets)


class FineKind(models.TextChoices):
    NONE = "none", _("Tidak ada")
    LOST = "lost", _("Paspor hilang")
    DAMAGED = "damaged", _("Paspor rusak")


def new_case_code() -> str:
    """Public reference: 10 characters without look-alikes (no 0/O, 1/I/L)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class Case(models.Model):
    code = models.CharField(
        _("nomor permohonan"), max_length=12, unique=True, default=new_case_code
    )
    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="cases", verbose_name=_("kantor")
    )
    ticket = models.ForeignKey(
        "queueing.Ticket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("nomor antrean"),
    )
    booking = models.ForeignKey(
        "booking.Booking",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("booking"),
    )
    applicant_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applicant_cases",
        verbose_name=_("akun pemohon"),
    )
    # The applicant as on the KTP / KK / birth certificate.
    nik = SealedIdField(_("NIK"))
    # The family card's number as read at intake: a proxy "on the same KK" shows this card at
    # pickup (STANDARDS.md §10). Empty for a case that did not record it.
    kk_number = SealedIdField(_("nomor Kartu Keluarga"), purpose="kk", blank=True)
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    birth_place = models.CharField(_("tempat lahir"), max_length=100)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The language of the case's messages (billing code, ready for pickup, survey) when the
    # applicant has no account preference to speak for them: a walk-in says it at intake.
    language = models.CharField(
        _("bahasa pemberitahuan"),
        max_length=5,
        choices=Language.choices,
        default=Language.INDONESIAN,
    )
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
    status_before_hold = models.CharField(
        _("status sebelum ditahan"), max_length=20, choices=CaseStatus.choices, blank=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("ditangani oleh"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="opened_cases",
        verbose_name=_("dibuka oleh"),
    )
    paid_at = models.DateTimeField(_("dibayar pada"), null=True, blank=True)
    due_date = models.DateField(_("janji selesai"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)
    # Retention (docs/data-protection.md): when the scans, photos and biometrics were deleted.
    files_purged_at = models.DateTimeField(_("berkas pribadi dihapus pada"), null=True, blank=True)

    # --- The SIMKIM steps (intake, biometrics, interview, adjudication) -------------------
    assigned_at = models.DateTimeField(_("diambil pada"), null=True, blank=True)
    # Married applicants under 17 may hold a 10-year passport (Permenkumham 18/2022).
    is_married = models.BooleanField(_("sudah menikah"), default=False)
    nik_warnings = models.JSONField(_("peringatan NIK"), default=list, blank=True)
    data_verified_at = models.DateTimeField(_("data diverifikasi pada"), null=True, blank=True)
    intake_completed_at = models.DateTimeField(
        _("pemeriksaan berkas selesai"), null=True, blank=True
    )
    previous_passport_number = SealedIdField(
        _("nomor paspor lama"), purpose="passport", plain_length=12, blank=True
    )
    previous_passport_expiry = models.DateField(
        _("paspor lama berlaku sampai"), null=True, blank=True
    )
    # Read by payments: the fine billed with the passport fee (lost/damaged, STANDARDS.md §4).
    fine_kind = models.CharField(
        _("denda"), max_length=10, choices=FineKind.choices, default=FineKind.NONE
    )
    fine_waived_reason = models.TextField(_("alasan pembebasan denda (bencana)"), blank=True)
    deferred_from = models.CharField(
        _("status sebelum ditangguhkan"), max_length=20, choices=CaseStatus.choices, blank=True
    )
    deferred_until = models.DateField(_("batas melengkapi berkas"), null=True, blank=True)
    deferred_missing = models.TextField(_("yang harus dilengkapi"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_cases",
        verbose_name=_("diputus oleh"),
    )
    decided_at = models.DateTimeField(_("diputus pada"), null=True, blank=True)
    # The supervisor who last cleared or confirmed a travel-ban hit of the case (the check rows
    # keep every one): here so that the database, too, keeps the opener from doing it.
    travel_ban_resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kecocokan cegah tangkal diputus oleh"),
    )

    class Meta:
        verbose_name = _("permohonan")
        verbose_name_plural = pgettext_lazy("plural", "permohonan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(validity_years__in=[5, 10]), name="case_validity_5_or_10"
            ),
            # Four eyes, also in the database: whoever opened a case never decides it, nor
            # clears or confirms its travel-ban hit.
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | ~models.Q(decided_by=models.F("opened_by")),
                name="case_decider_is_not_opener",
            ),
            models.CheckConstraint(
                condition=models.Q(travel_ban_resolved_by__isnull=True)
                | ~models.Q(travel_ban_resolved_by=models.F("opened_by")),
                name="case_travel_ban_resolver_is_not_opener",
            ),
            # Race: two officers open a case from the same ticket or booking at once.
            models.UniqueConstraint(
                fields=["ticket"],
                condition=models.Q(ticket__isnull=False) & ~models.Q(status="cancelled"),
                name="case_one_live_case_per_ticket",
            ),
            models.UniqueConstraint(
                fields=["booking"],
                condition=models.Q(booking__isnull=False) & ~models.Q(status="cancelled"),
                name="case_one_live_case_per_booking",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "status"], name="case_office_status_idx"),
            models.Index(fields=["office", "due_date"], name="case_office_due_idx"),
            models.Index(fields=["nik"], name="case_nik_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_child(self) -> bool:
        return self.application_type == ApplicationType.NEW_CHILD

    @property
    def needs_bap(self) -> bool:
        """Lost and damaged passports go through the investigation interview (BAP)."""
        return self.application_type in (ApplicationType.LOST, ApplicationType.DAMAGED)


class CaseEvent(models.Model):
    """One step in a case's timeline: who moved it, when, from where to where, and why."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("permohonan")
    )
    at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    from_status = models.CharField(
        _("dari status"), max_length=20, choices=CaseStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("ke status"), max_length=20, choices=CaseStatus.choices, blank=True
    )
    kind = models.CharField(_("jenis"), max_length=40, default="transition")
    reason = models.TextField(_("alasan"), blank=True)
    data = models.JSONField(_("rincian"), default=dict, blank=True)

    class Meta:
        verbose_name = _("riwayat permohonan")
        verbose_name_plural = _("riwayat permohonan")
        ordering = ["case", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.from_status} → {self.to_status}"


# --- Intake -------------------------------------------------------------------------------


class ParentRole(models.TextChoices):
    FATHER = "father", _("Ayah")
    MOTHER = "mother", _("Ibu")
    GUARDIAN = "guardian", _("Wali")


class CaseParent(models.Model):
    """A parent of a child applicant, as on the KK and the birth certificate."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parents")
    role = models.CharField(_("hubungan"), max_length=10, choices=ParentRole.choices)
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    nik = SealedIdField(_("NIK"), blank=True)
    present = models.BooleanField(_("hadir"), default=False)
    documents = models.JSONField(_("dokumen yang diperlihatkan"), default=list, blank=True)

    class Meta:
        verbose_name = _("orang tua pemohon")
        verbose_name_plural = pgettext_lazy("plural", "orang tua pemohon")
        constraints = [
            models.UniqueConstraint(fields=["case", "role"], name="case_parent_once_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.full_name}"


class DocumentStatus(models.TextChoices):
    SEEN = "seen", _("Asli diperlihatkan")
    MISSING = "missing", _("Tidak ada")


class CaseDocument(models.Model):
    """One line of the original-documents checklist (codes from paspor/cases/documents.py)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    code = models.CharField(_("kode"), max_length=40)
    label = models.CharField(_("dokumen"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=DocumentStatus.choices)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("diperiksa pada"))

    class Meta:
        verbose_name = _("dokumen asli")
        verbose_name_plural = pgettext_lazy("plural", "dokumen asli")
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="case_document_once")]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.code} {self.status}"


def _scan_path(instance: CaseScan, filename: str) -> str:
    return f"cases/{instance.case.code}/scans/{filename}"


class CaseScan(models.Model):
    """A scanned document; its type was read from its first bytes, not from its name."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="scans")
    document_code = models.CharField(_("dokumen"), max_length=40)
    file = models.FileField(_("berkas"), upload_to=_scan_path, storage=case_files)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("pindaian dokumen")
        verbose_name_plural = pgettext_lazy("plural", "pindaian dokumen")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.document_code}"


# --- Travel-ban list (cegah tangkal) -------------------------------------------------------


class TravelBanEntry(models.Model):
    """A person headquarters has barred from leaving (cegah) or entering (tangkal)."""

    full_name = models.CharField(_("nama"), max_length=200)
    aliases = models.TextField(_("nama lain"), blank=True, help_text=_("Satu nama per baris."))
    # A birth date no one has (tomorrow, 9999) would never match an applicant: the entry
    # would bar no one.
    birth_date = models.DateField(
        _("tanggal lahir"), null=True, blank=True, validators=[birth_date_validator]
    )
    nik = SealedIdField(_("NIK"), blank=True, db_index=True)
    reason = models.TextField(_("dasar/alasan"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("daftar cegah tangkal")
        verbose_name_plural = pgettext_lazy("plural", "daftar cegah tangkal")
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def names(self) -> list[str]:
        return [self.full_name, *(a.strip() for a in self.aliases.splitlines() if a.strip())]


class TravelBanOutcome(models.TextChoices):
    CLEAR = "clear", _("Tidak ada kecocokan")
    HIT = "hit", _("Cocok dengan daftar")


class TravelBanResolution(models.TextChoices):
    OPEN = "", _("Belum diputus")
    FALSE_MATCH = "false_match", _("Bukan orang yang sama")
    REFUSED = "refused", _("Permohonan ditolak")


class TravelBanCheck(models.Model):
    """Every check against the list, with the threshold used and what it found."""

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="travel_ban_checks",
        verbose_name=_("permohonan"),
    )
    at = models.DateTimeField(_("waktu"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )
    threshold = models.PositiveSmallIntegerField(_("ambang kemiripan"))
    outcome = models.CharField(_("hasil"), max_length=10, choices=TravelBanOutcome.choices)
    matches = models.JSONField(_("kecocokan"), default=list, blank=True)
    resolution = models.CharField(
        _("keputusan"), max_length=12, choices=TravelBanResolution.choices, blank=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("diputus oleh"),
    )
    resolved_at = models.DateTimeField(_("diputus pada"), null=True, blank=True)
    resolution_reason = models.TextField(_("alasan keputusan"), blank=True)

    class Meta:
        verbose_name = _("pemeriksaan cegah tangkal")
        verbose_name_plural = pgettext_lazy("plural", "pemeriksaan cegah tangkal")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.outcome}"


# --- Biometrics -------------------------------------------------------------------------


def _photo_path(instance: CasePhoto, filename: str) -> str:
    return f"cases/{instance.case.code}/photo/{filename}"


class PhotoSource(models.TextChoices):
    WEBCAM = "webcam", _("Kamera")
    UPLOAD = "upload", _("Unggahan")


class CasePhoto(models.Model):
    """A captured photo with its automatic checks; the latest accepted one is the passport's."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="photos")
    original = models.FileField(upload_to=_photo_path, storage=case_files)
    thumbnail = models.FileField(upload_to=_photo_path, storage=case_files)
    print_version = models.FileField(upload_to=_photo_path, storage=case_files)
    source = models.CharField(_("sumber"), max_length=10, choices=PhotoSource.choices)
    report = models.JSONField(_("hasil pemeriksaan"), default=list)
    passed = models.BooleanField(_("lulus pemeriksaan otomatis"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accept_reason = models.TextField(_("alasan menerima foto yang tidak lulus"), blank=True)

    class Meta:
        verbose_name = _("foto pemohon")
        verbose_name_plural = pgettext_lazy("plural", "foto pemohon")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            # A photo that failed a check is accepted only with the officer's reason.
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True)
                | models.Q(passed=True)
                | ~models.Q(accept_reason=""),
                name="case_photo_failed_needs_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.code}: foto {self.pk}"


class Finger(models.TextChoices):
    RIGHT_THUMB = "right_thumb", _("Ibu jari kanan")
    RIGHT_INDEX = "right_index", _("Telunjuk kanan")
    LEFT_THUMB = "left_thumb", _("Ibu jari kiri")
    LEFT_INDEX = "left_index", _("Telunjuk kiri")


def finger_position(code: str) -> tuple[int, str]:
    """Sort key: the order the fingers are captured and named in (right thumb first), an
    unknown code last."""
    order = Finger.values
    return (order.index(code) if code in order else len(order), code)


def _biometric_path(instance: Fingerprint | Signature, filename: str) -> str:
    return f"cases/{instance.case.code}/biometrics/{filename}"


class Fingerprint(models.Model):
    """The latest capture of one finger; NFIQ-like quality 1 (best) to 5 (unusable)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="fingerprints")
    finger = models.CharField(_("jari"), max_length=12, choices=Finger.choices)
    image = models.FileField(upload_to=_biometric_path, storage=case_files)
    quality = models.PositiveSmallIntegerField(_("mutu (1 terbaik – 5)"))
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=1)
    device = models.CharField(_("perangkat"), max_length=100)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    captured_at = models.DateTimeField()

    class Meta:
        verbose_name = _("sidik jari")
        verbose_name_plural = pgettext_lazy("plural", "sidik jari")
        constraints = [
            models.UniqueConstraint(fields=["case", "finger"], name="fingerprint_once_per_finger"),
            models.CheckConstraint(
                condition=models.Q(quality__gte=1, quality__lte=5), name="fingerprint_nfiq_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.finger} q{self.quality}"


class Signature(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="signatures")
    image = models.FileField(upload_to=_biometric_path, storage=case_files)
    source = models.CharField(_("sumber"), max_length=10)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    captured_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tanda tangan")
        verbose_name_plural = pgettext_lazy("plural", "tanda tangan")
        ordering = ["captured_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case.code}: tanda tangan"


# --- Interview --------------------------------------------------------------------------


class TravelPurpose(models.TextChoices):
    TOURISM = "tourism", _("Wisata")
    RELIGIOUS = "religious", _("Ibadah (umrah/haji)")
    FAMILY = "family", _("Kunjungan keluarga")
    STUDY = "study", _("Belajar")
    WORK = "work", _("Bekerja")
    BUSINESS = "business", _("Bisnis / dinas")
    MEDICAL = "medical", _("Berobat")
    OTHER = "other", _("Lainnya")


class TripPaidBy(models.TextChoices):
    SELF = "self", _("Sendiri / keluarga")
    EMPLOYER = "employer", _("Pemberi kerja atau lembaga resmi")
    AGENT = "agent", _("Calo, sponsor perorangan, atau orang lain")


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Disarankan disetujui")
    DEFER = "defer", _("Ditangguhkan (melengkapi berkas)")
    REJECT = "reject", _("Disarankan ditolak")


class Interview(models.Model):
    """The structured interview; for lost/damaged passports also the BAP."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="interview")
    purpose = models.CharField(_("tujuan perjalanan"), max_length=12, choices=TravelPurpose.choices)
    destination = models.CharField(_("negara tujuan"), max_length=100)
    trip_paid_by = models.CharField(
        _("biaya perjalanan ditanggung"), max_length=10, choices=TripPaidBy.choices
    )
    sponsor = models.CharField(_("sponsor / penjamin"), max_length=200, blank=True)
    employer_abroad = models.CharField(
        _("pemberi kerja di luar negeri"), max_length=200, blank=True
    )
    placement_agency = models.CharField(
        _("perusahaan penempatan (P3MI)"), max_length=200, blank=True
    )
    pmi_registration = models.CharField(
        _("nomor ID PMI / SISKOP2MI (BP2MI)"), max_length=60, blank=True
    )
    employment_contract = models.BooleanField(_("perjanjian kerja diperlihatkan"), default=False)
    notes = models.TextField(_("catatan wawancara"), blank=True)
    # BAP (berita acara pemeriksaan) for a lost or damaged passport.
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    incident_place = models.CharField(_("tempat kejadian"), max_length=200, blank=True)
    incident_account = models.TextField(_("keterangan kejadian"), blank=True)
    police_report_number = models.CharField(
        _("nomor surat keterangan polisi"), max_length=100, blank=True
    )
    disaster = models.BooleanField(_("akibat bencana"), default=False)
    flags = models.JSONField(_("tanda bahaya"), default=list, blank=True)
    recommendation = models.CharField(
        _("rekomendasi"), max_length=10, choices=Recommendation.choices
    )
    recommendation_reason = models.TextField(_("alasan rekomendasi"), blank=True)
    interviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    interviewed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("wawancara")
        verbose_name_plural = pgettext_lazy("plural", "wawancara")

    def __str__(self) -> str:
        return f"{self.case.code}: {self.recommendation}"
