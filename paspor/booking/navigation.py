from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from paspor.accounts.models import Role
from paspor.booking.selectors import flags_waiting
from paspor.offices.models import Office
from paspor.portal.navigation import Attention, StaffAttention, StaffLink

_VIEW = frozenset({Role.INTAKE, Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN})
_MANAGE = frozenset({Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN})

STAFF_LINKS = [
    StaffLink(
        label=_("Booking hari ini"),
        url_name="booking:staff_day",
        roles=_VIEW,
        description=_("Daftar booking per hari dan sesi, cetak daftar hadir."),
    ),
    StaffLink(
        label=_("Kuota booking"),
        url_name="booking:staff_quota",
        roles=_MANAGE,
        description=_(
            "Kuota per hari, sesi dan jenis kuota; pengecualian per tanggal; pembukaan kuota dan "
            "undian."
        ),
    ),
    StaffLink(
        label=_("Pengawasan booking"),
        url_name="booking:staff_review",
        roles=_MANAGE,
        description=_("Akun, perangkat dan IP yang memesan untuk banyak NIK; undian."),
    ),
]


def _flags_waiting(office: Office) -> list[Attention]:
    waiting = flags_waiting(office)
    label = ngettext(
        "sumber booking dengan banyak NIK perlu ditinjau",
        "sumber booking dengan banyak NIK perlu ditinjau",
        waiting,
    )
    return [Attention(waiting, label)]


# The flags are counted every ten minutes for all offices (`booking_flags_refresh`): the line
# reads the office's rows, one statement.
STAFF_ATTENTION = [StaffAttention("booking:staff_review", _MANAGE, _flags_waiting)]
