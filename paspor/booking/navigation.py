from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.portal.navigation import StaffLink

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

# No line in the staff home's "Perlu perhatian" (STAFF_ATTENTION): the review's flags group a
# month of every office's bookings, about a second at national size on each home page opened.
