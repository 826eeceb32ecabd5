from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from paspor.accounts.models import Role
from paspor.offices.models import Office
from paspor.payments.access import PAYMENT_STAFF_ROLES
from paspor.payments.selectors import sla_counts
from paspor.portal.navigation import Attention, StaffAttention, StaffLink

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


def _sla_waiting(office: Office) -> list[Attention]:
    """The SLA board's late cases and those due today; the next working day's can wait."""
    counts = sla_counts(office)
    late = ngettext(
        "permohonan melewati janji selesai",
        "permohonan melewati janji selesai",
        counts.overdue,
    )
    today = ngettext(
        "permohonan dijanjikan selesai hari ini, belum siap diambil",
        "permohonan dijanjikan selesai hari ini, belum siap diambil",
        counts.due_today,
    )
    return [Attention(counts.overdue, late, late=True), Attention(counts.due_today, today)]


STAFF_ATTENTION = [StaffAttention("payments:sla_board", PAYMENT_STAFF_ROLES, _sla_waiting)]
