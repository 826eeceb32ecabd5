from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.portal.navigation import StaffLink

STAFF_LINKS = [
    # Headquarters officers an administrator lets set up offices reach the same list through
    # "Administrasi pusat" (docs/onboarding.md).
    StaffLink(
        label=_("Kantor dan kesiapannya"),
        url_name="admin:offices_office_changelist",
        roles=frozenset({Role.ADMIN}),
        per_office=False,
        description=_(
            "Menambah kantor baru dan memeriksa langkah yang belum selesai sebelum kantor "
            "dibuka untuk publik."
        ),
    ),
]
