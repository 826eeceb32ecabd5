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
