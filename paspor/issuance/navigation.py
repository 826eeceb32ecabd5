"""Staff home links of the issuance app."""

from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.portal.navigation import StaffLink

_READERS = frozenset({Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN})

STAFF_LINKS = [
    StaffLink(
        label=_("Cetak paspor"),
        url_name="issuance:print_queue",
        roles=frozenset({Role.PRINT_QC}) | _READERS,
        description=_("Antrean cetak permohonan yang sudah dibayar, urut janji selesai."),
    ),
    StaffLink(
        label=_("Kendali mutu"),
        url_name="issuance:qc_queue",
        roles=frozenset({Role.PRINT_QC}) | _READERS,
        description=_("Periksa paspor tercetak oleh petugas lain; siapkan untuk diambil."),
    ),
    StaffLink(
        label=_("Stok buku paspor"),
        url_name="issuance:stock",
        roles=frozenset({Role.PRINT_QC}) | _READERS,
        description=_("Penerimaan, kerusakan, pengembalian dan laporan bulanan."),
    ),
    StaffLink(
        label=_("Penyerahan paspor"),
        url_name="issuance:pickup_queue",
        roles=frozenset({Role.HANDOVER}) | _READERS,
        description=_("Verifikasi identitas pengambil dan serahkan paspor."),
    ),
]
