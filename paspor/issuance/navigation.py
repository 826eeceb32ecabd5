"""Staff home links of the issuance app, open to the same roles as their pages' views."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from paspor.issuance.roles import HANDOVER_READERS, PRINT_READERS
from paspor.issuance.selectors import stock_levels
from paspor.offices.models import Office
from paspor.portal.navigation import Attention, StaffAttention, StaffLink

STAFF_LINKS = [
    StaffLink(
        label=_("Cetak paspor"),
        url_name="issuance:print_queue",
        roles=PRINT_READERS,
        description=_("Antrean cetak permohonan yang sudah dibayar, urut janji selesai."),
    ),
    StaffLink(
        label=_("Kendali mutu"),
        url_name="issuance:qc_queue",
        roles=PRINT_READERS,
        description=_("Periksa paspor tercetak oleh petugas lain; siapkan untuk diambil."),
    ),
    StaffLink(
        label=_("Stok buku paspor"),
        url_name="issuance:stock",
        roles=PRINT_READERS,
        description=_("Penerimaan, kerusakan, pengembalian dan laporan bulanan."),
    ),
    StaffLink(
        label=_("Penyerahan paspor"),
        url_name="issuance:pickup_queue",
        roles=HANDOVER_READERS,
        description=_("Verifikasi identitas pengambil dan serahkan paspor."),
    ),
]


def _stock_short(office: Office) -> list[Attention]:
    """Per kind running short, the paid cases due soon that need a booklet (the stock page's
    warning, with its numbers)."""
    return [
        Attention(
            level.demand,
            ngettext(
                "permohonan segera jatuh tempo butuh buku %(kind)s; stok tinggal %(available)d",
                "permohonan segera jatuh tempo butuh buku %(kind)s; stok tinggal %(available)d",
                level.demand,
            )
            % {"kind": str(level.kind.label).lower(), "available": level.available},
        )
        for level in stock_levels(office)
        if level.low
    ]


STAFF_ATTENTION = [StaffAttention("issuance:stock", PRINT_READERS, _stock_short)]
