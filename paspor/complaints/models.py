"""Complaints (pengaduan) under UU 25/2009: anyone may file one; the office answers by a deadline.

The public sees a complaint only through its tracking code. The deadline is counted in the
office's working days (PASPOR_COMPLAINT_RESPONSE_DAYS, default 5).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.lib.storage import personal_files
from paspor.notifications.models import Language


class ComplaintCategory(models.TextChoices):
    SERVICE = "service", _("Pelayanan petugas")
    WAITING = "waiting", _("Antrean dan waktu tunggu")
    BOOKING = "booking", _("Booking daring")
    PAYMENT = "payment", _("Pembayaran dan biaya")
    DOCUMENTS = "documents", _("Persyaratan dan berkas")
    DELAY = "delay", _("Paspor terlambat selesai")
    FACILITIES = "facilities", _("Sarana dan prasarana")
    BROKER = "broker", _("Calo atau pungutan liar")
    OTHER = "other", _("Lainnya")


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("Menunggu tanggapan")
    ANSWERED = "answered", _("Sudah ditanggapi")


class ComplaintResponder(models.TextChoices):
    """Who gave the answer: the office, or headquarters once the office let the deadline pass."""

    OFFICE = "office", _("Kantor")
    HEADQUARTERS = "hq", _("Kantor pusat")


TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# The shape of every code ever issued; anything else is not looked up (nor put in a URL).
TRACKING_CODE = re.compile(r"ADU-[A-Z0-9]{8}")


def new_tracking_code() -> str:
    """Public tracking code: "ADU-" and 8 characters without look-alikes."""
    return "ADU-" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))


class Complaint(models.Model):
    tracking_code = models.CharField(
        _("kode pelacakan"), max_length=12, unique=True, default=new_tracking_code
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("kantor"),
    )
    category = models.CharField(_("kategori"), max_length=12, choices=ComplaintCategory.choices)
    name = models.CharField(_("nama (boleh dikosongkan)"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail untuk jawaban"), blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    body = models.TextField(_("isi pengaduan"))
    # The language of the page the complaint was filed on: its e-mails (received, answered)
    # speak it, since the complainant has no account to hold a preference.
    language = models.CharField(
        _("bahasa"), max_length=5, choices=Language.choices, default=Language.INDONESIAN
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN
    )
    created_at = models.DateTimeField(_("diterima pada"))
    deadline = models.DateField(_("batas waktu tanggapan"))
    response = models.TextField(_("tanggapan"), blank=True)
    responded_at = models.DateTimeField(_("ditanggapi pada"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditanggapi oleh"),
    )
    # Headquarters answers a complaint its office left open past the deadline (escalation):
    # the complainant, the office and the reports see that the answer came from headquarters.
    responded_as = models.CharField(
        _("ditanggapi sebagai"), max_length=6, choices=ComplaintResponder.choices, blank=True
    )
    # When the office's head and supervisors were told that the complaint passed its deadline
    # unanswered (services.complaints_overdue_check): set once, by a conditional UPDATE.
    overdue_alerted_at = models.DateTimeField(
        _("peringatan lewat batas dikirim pada"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = pgettext_lazy("plural", "pengaduan")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["office", "status", "deadline"], name="complaint_open_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", responded_at__isnull=True)
                | models.Q(status="answered", responded_at__isnull=False),
                name="complaint_answered_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open", responded_as="")
                | models.Q(status="answered", responded_as__in=["office", "hq"]),
                name="complaint_answer_names_responder",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def has_contact(self) -> bool:
        """Whether an answer can reach the complainant; without, only the tracking page shows it."""
        return bool(self.email or self.phone)

    @property
    def answered_by_headquarters(self) -> bool:
        return self.responded_as == ComplaintResponder.HEADQUARTERS

    def overdue_on(self, today: dt.date) -> bool:
        """Still open after its deadline, `today` being the office-local date."""
        return self.status == ComplaintStatus.OPEN and today > self.deadline

    @property
    def answered_in_time(self) -> bool | None:
        """Answered by the deadline (office-local day); None while open."""
        if self.responded_at is None:
            return None
        office_tz = self.office.tz
        return timezone.localtime(self.responded_at, office_tz).date() <= self.deadline


class ComplaintAttachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("berkas"), upload_to="complaints/%Y/%m/", storage=personal_files)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(_("jenis"), max_length=40)
    size = models.PositiveIntegerField(_("ukuran (bita)"))

    class Meta:
        verbose_name = _("lampiran pengaduan")
        verbose_name_plural = pgettext_lazy("plural", "lampiran pengaduan")

    def __str__(self) -> str:
        return self.original_name
