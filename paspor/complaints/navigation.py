from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from paspor.accounts.models import Role
from paspor.complaints.selectors import office_backlog
from paspor.complaints.views import VIEWERS
from paspor.offices.models import Office
from paspor.portal.navigation import Attention, StaffAttention, StaffLink

STAFF_LINKS = [
    StaffLink(
        label=_("Pengaduan"),
        url_name="complaints:office_list",
        roles=frozenset({Role.HEAD, Role.SUPERVISOR, Role.HQ, Role.ADMIN}),
        description=_("Pengaduan terbuka, batas waktu dan waktu tanggapan."),
    ),
    StaffLink(
        label=_("Pengaduan nasional"),
        url_name="complaints:national",
        roles=frozenset({Role.HQ, Role.ADMIN}),
        per_office=False,
        description=_(
            "Pengaduan terbuka dan lewat batas waktu di semua kantor; kantor pusat menanggapi "
            "yang lewat batas."
        ),
    ),
]


def _complaints_waiting(office: Office) -> list[Attention]:
    backlog = office_backlog(office)
    overdue = ngettext(
        "pengaduan lewat batas waktu tanggapan",
        "pengaduan lewat batas waktu tanggapan",
        backlog.overdue,
    )
    still_open = ngettext("pengaduan terbuka", "pengaduan terbuka", backlog.open)
    return [Attention(backlog.overdue, overdue, late=True), Attention(backlog.open, still_open)]


STAFF_ATTENTION = [
    StaffAttention("complaints:office_list", frozenset(VIEWERS), _complaints_waiting),
]
