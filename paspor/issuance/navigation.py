"""Staff home links of the issuance app, open to the same roles as their pages' views."""

from django.utils.translation import gettext_lazy as _

from paspor.issuance.roles import HANDOVER_READERS, PRINT_READERS
from paspor.portal.navigation import StaffLink

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
