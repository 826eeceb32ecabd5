"""How to pay a billing code through each channel (shown on the page, the slip and the e-mail)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from paspor.payments.models import PaymentMethod


@dataclass(frozen=True)
class HowToPay:
    method: PaymentMethod
    steps: tuple[str | Promise, ...]


HOW_TO_PAY = (
    HowToPay(
        PaymentMethod.MOBILE_BANKING,
        (
            _("Buka aplikasi mobile/internet banking bank Anda."),
            _("Pilih menu Bayar → Penerimaan Negara (MPN) atau “Pajak/PNBP”."),
            _("Masukkan kode billing 15 digit, periksa nama dan jumlah, lalu konfirmasi."),
            _("Simpan bukti bayar yang memuat NTPN."),
        ),
    ),
    HowToPay(
        PaymentMethod.ATM,
        (
            _("Masukkan kartu dan PIN, pilih Pembayaran → Penerimaan Negara/MPN."),
            _("Masukkan kode billing 15 digit dan periksa jumlahnya."),
            _("Konfirmasi dan simpan struk yang memuat NTPN."),
        ),
    ),
    HowToPay(
        PaymentMethod.TELLER,
        (
            _("Datang ke teller bank persepsi dan sebutkan pembayaran PNBP."),
            _(
                "Tunjukkan kode billing (slip ini atau layar ponsel) dan bayar tepat sejumlah tagihan."
            ),
            _("Minta bukti penerimaan negara yang memuat NTPN."),
        ),
    ),
    HowToPay(
        PaymentMethod.POST_OFFICE,
        (
            _("Datang ke loket kantor pos dan sebutkan pembayaran Penerimaan Negara."),
            _("Tunjukkan kode billing dan bayar tepat sejumlah tagihan."),
            _("Simpan bukti bayar yang memuat NTPN."),
        ),
    ),
)
