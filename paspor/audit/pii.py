"""What a staff member was shown of an applicant's personal data: the codes the pages write to
the PII access log and the words the head of office reads for them.

The pages record a code, not a sentence, so the log stays the same whatever language the officer
used; the review page says it in the reader's language. A page that shows personal data records
one of these codes; an unknown code (written by an older release) is shown as it was written.
"""

from __future__ import annotations

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from paspor.lib.choices import choice_label


class PiiData(TextChoices):
    # paspor.cases: the case page, its API and the files behind it (`cases.views.FILE_KINDS`).
    CASE_PAGE = "cases.detail", _("Halaman permohonan")
    CASE_API = "api.cases.get", _("Data permohonan (API)")
    CASE_FILE_SCAN = "cases.file:scan", _("Berkas: pindaian dokumen")
    CASE_FILE_PHOTO = "cases.file:photo", _("Berkas: foto pemohon")
    CASE_FILE_THUMB = "cases.file:thumb", _("Berkas: foto pemohon (kecil)")
    CASE_FILE_PRINT = "cases.file:print", _("Berkas: foto versi cetak")
    CASE_FILE_FINGER = "cases.file:finger", _("Berkas: sidik jari")
    CASE_FILE_SIGNATURE = "cases.file:signature", _("Berkas: tanda tangan")
    # paspor.issuance
    PRINT_PAGE = "issuance.print_case", _("Halaman cetak paspor")
    DATA_PAGE = "issuance.data_page", _("Halaman data paspor (PDF)")
    PHOTO = "issuance.photo", _("Foto pemohon")
    QUALITY_CHECK = "issuance.qc_check", _("Kendali mutu")
    HANDOVER = "issuance.handover", _("Serah terima paspor")
    # paspor.payments: "payments." and the URL name of the page or API call
    # (`payments.access.require_case_viewer`).
    PAYMENTS = "payments", _("Halaman pembayaran")
    PAYMENT_STATUS = "payments.status", _("Status pembayaran")
    PAYMENT_REISSUE = "payments.reissue", _("Penerbitan kode billing baru")
    PAYMENT_SLIP = "payments.slip_pdf", _("Slip pembayaran (PDF)")
    PAYMENT_RECEIPT = "payments.receipt", _("Bukti pembayaran")
    PAYMENT_RECEIPT_PDF = "payments.receipt_pdf", _("Bukti pembayaran (PDF)")
    PAYMENT_BILL_API = "payments.payment_bill", _("Tagihan (API)")
    PAYMENT_RECEIPT_API = "payments.payment_receipt", _("Bukti pembayaran (API)")


def pii_data_label(code: str) -> str:
    """The words for a logged code in the active language; the code itself when unknown."""
    return choice_label(PiiData, code)
