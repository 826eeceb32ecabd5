from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.portal.navigation import StaffLink

STAFF_LINKS = [
    StaffLink(
        label=_("Pengaduan"),
        url_name="complaints:office_list",
        roles=frozenset({Role.HEAD, Role.SUPERVISOR, Role.HQ, Role.ADMIN}),
        description=_("Pengaduan terbuka, batas waktu dan waktu tanggapan."),
    ),
]
