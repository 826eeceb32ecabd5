from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.portal.navigation import StaffLink

STAFF_LINKS = [
    StaffLink(
        label=_("Pembayaran PNBP"),
        url_name="payments:overview",
        roles=frozenset({Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN}),
        description=_("Tagihan, kode billing dan pembayaran yang perlu ditinjau."),
    ),
    StaffLink(
        label=_("Rekonsiliasi bank"),
        url_name="payments:reconciliation",
        roles=frozenset({Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN}),
        description=_("Cocokkan rekening koran dengan pembayaran tercatat; unduh XLSX."),
    ),
    StaffLink(
        label=_("Papan SLA"),
        url_name="payments:sla_board",
        roles=frozenset({Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN}),
        description=_("Jatuh tempo hari ini, besok dan yang terlambat."),
    ),
    StaffLink(
        label=_("Simulator bank (pengembangan)"),
        url_name="payments:simulator",
        roles=frozenset({Role.INTAKE, Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN}),
        per_office=False,
        description=_("Kirim notifikasi pembayaran bertanda tangan ke endpoint bank."),
    ),
]
